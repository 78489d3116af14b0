"""Tests for mkdesk.core.changes: ChangeSet merging, flags per entity and the documents group."""

from __future__ import annotations

import pytest

from mkdesk.core.changes import ChangeSet, EntityChanges


def test_merge_adds_counts_per_entity():
    a = ChangeSet.of("orders", inserted=2, updated=1)
    b = ChangeSet({"orders": EntityChanges(0, 3, 1), "stock": EntityChanges(updated=4)})
    merged = a | b
    assert merged.get("orders") == EntityChanges(2, 4, 1)
    assert merged.get("stock").updated == 4
    assert merged.entities == {"orders", "stock"}
    assert a.get("orders") == EntityChanges(2, 1, 0)  # operands unchanged


def test_touches_only_changed_entities_and_groups():
    changes = ChangeSet.of("invoices", updated=1) | ChangeSet.of("partners", deleted=0)
    assert changes.touches("invoices") and changes.touches("documents")
    assert not changes.touches("partners")  # zero counts are no change
    assert not changes.touches("stock")
    assert not ChangeSet()
    assert changes and changes.as_dict() == {"invoices": {"inserted": 0, "updated": 1, "deleted": 0}}


def test_is_immutable_and_hashable():
    changes = ChangeSet.of("stock", updated=1)
    with pytest.raises(TypeError):
        changes.counts["stock"] = EntityChanges()  # type: ignore[index]
    assert hash(changes) == hash(ChangeSet.of("stock", updated=1))
    assert changes == ChangeSet.of("stock", updated=1)
    assert "stock" in repr(changes)
