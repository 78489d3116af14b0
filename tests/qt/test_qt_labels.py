"""Tests for mkdesk.qt.labels: every cached document type has a name, an entity and a filter group."""

from __future__ import annotations

from mkdesk.core.cache.encode import DOC_TYPES
from mkdesk.qt.labels import DOC_ENTITY, doc_type_groups, doc_type_label


def test_every_type_is_named_and_grouped(qapp):
    assert all(doc_type_label(t) != t for t in DOC_TYPES)
    assert set(DOC_ENTITY) == set(DOC_TYPES)
    grouped = {t for _label, types in doc_type_groups() for t in types}
    assert grouped == set(DOC_TYPES) and doc_type_groups()[0][1] == ()
