"""Tests for the repositories' shared helpers: dict rows, scalars, children in position order, paging checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdesk.core.cache import query as Q
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from tests.core.cache_data import FETCHED, partner


def test_helpers(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        db.write_sync(U.upsert_partners, [partner(1)], FETCHED)
        row = db.read_sync(Q.one, "SELECT id, mk_id, name FROM partners WHERE mk_id = ?", (partner(1).mk_id,))
        assert row == {"id": row["id"], "mk_id": partner(1).mk_id, "name": partner(1).name}
        assert db.read_sync(Q.one, "SELECT * FROM partners WHERE mk_id = 'x'") is None
        assert db.read_sync(Q.scalar, "SELECT count(*) FROM contacts") == 2
        kids = db.read_sync(Q.children, "contacts", "partner_id", row["id"])
        assert [k["position"] for k in kids] == [0, 1] and kids[0]["email"] == partner(1).contacts[0].email
        assert db.read_sync(Q.rows, "SELECT 1 AS a WHERE 0") == []


def test_page_checks_and_marks():
    Q.check_page(1, 0)
    for limit, offset in ((0, 0), (Q.MAX_LIMIT + 1, 0), (10, -1)):
        with pytest.raises(ValueError):
            Q.check_page(limit, offset)
    assert Q.marks(["a", "b", "c"]) == "?, ?, ?"


def test_chunks_cover_every_value_once_in_order():
    values = list(range(1201))
    parts = list(Q.chunks(values))
    assert [len(p) for p in parts] == [500, 500, 201]
    assert [v for p in parts for v in p] == values
    assert list(Q.chunks([])) == []
    assert list(Q.chunks((1, 2, 3), 2)) == [(1, 2), (3,)]
    with pytest.raises(ValueError, match="at least one"):
        list(Q.chunks([1], 0))


def test_in_queries_over_more_values_than_one_statement_should_bind(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        db.write_sync(U.upsert_partners, [partner(i) for i in range(1, 41)], FETCHED)

        def found(conn, wanted):
            hits = []
            for chunk in Q.chunks(wanted, 7):
                hits += Q.rows(conn, f"SELECT mk_id FROM partners WHERE mk_id IN ({Q.marks(chunk)})", chunk)
            return sorted(h["mk_id"] for h in hits)

        wanted = [partner(i).mk_id for i in range(1, 41)] + [f"missing-{i}" for i in range(5000)]
        assert db.read_sync(found, wanted) == sorted(partner(i).mk_id for i in range(1, 41))
