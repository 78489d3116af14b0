"""Tests for `content_digest`: equal for the same data in any arrival order, different after any content change."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.cache.digest import content_digest
from mkdesk.core.cache.state import SyncState, add_log, save_sync_state
from tests.core.cache_data import FETCHED, document, partner, product, stock, warehouse


def _fill(db: Database, seed: int | None) -> None:
    data = {
        U.upsert_partners: [partner(i) for i in range(1, 8)],
        U.upsert_products: [product(i) for i in range(1, 8)],
        U.upsert_warehouses: [warehouse(i) for i in range(1, 3)],
        U.upsert_stock_levels: [stock(p, w) for p in range(1, 4) for w in range(1, 3)],
        U.upsert_documents: [document(i, t) for i in range(1, 6) for t in ("sales_order", "sales_bill_domestic")],
    }
    steps = list(data.items())
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(steps)
        for upsert, items in steps:
            items = items[:]
            rng.shuffle(items)
            for half in (items[: len(items) // 2], items[len(items) // 2:]):
                db.write_sync(upsert, half, FETCHED.replace(hour=rng.randint(0, 23)))
    else:
        for upsert, items in steps:
            db.write_sync(upsert, items, FETCHED)


def _digest(tmp_path: Path, name: str, seed: int | None, extra=None, deep: bool = False) -> str:
    with Database.open(tmp_path / name) as db:
        if seed is not None:  # junk rows first, then gone: local ids differ from the orderly run
            db.write_sync(U.upsert_partners, [partner(100 + i) for i in range(5)], FETCHED)
            db.write_sync(U.delete_ids, "partners", [partner(100 + i).mk_id for i in range(5)])
        _fill(db, seed)
        if extra is not None:
            db.write_sync(extra)
        return db.read_sync(lambda c: content_digest(c, deep=deep))


@pytest.mark.parametrize("deep", [False, True])
def test_digest_ignores_arrival_order_ids_fetch_times_and_bookkeeping(tmp_path: Path, deep: bool):
    plain = _digest(tmp_path, "a.sqlite", None, deep=deep)

    def bookkeeping(conn):
        save_sync_state(conn, SyncState(entity="partners", cursor="x"))
        add_log(conn, "info", "partners", "done")

    assert _digest(tmp_path, "b.sqlite", 1, bookkeeping, deep) == plain
    assert _digest(tmp_path, "c.sqlite", 2, deep=deep) == plain
    assert len(plain) == 64


@pytest.mark.parametrize("deep", [False, True])
def test_digest_changes_with_any_content(tmp_path: Path, deep: bool):
    digest_of = (lambda c: content_digest(c, deep=True)) if deep else content_digest
    with Database.open(tmp_path / "cache.sqlite") as db:
        _fill(db, None)
        seen = {db.read_sync(digest_of)}
        changes = [
            (U.upsert_partners, [replace(partner(1), contacts=partner(1).contacts[:1])]),
            (U.upsert_products, [replace(product(2), prices=(replace(product(2).prices[0], price=Decimal("10.0")),))]),
            (U.upsert_stock_levels, [stock(1, 1, amount="11")]),
            (U.upsert_warehouses, [warehouse(1, active=False)]),
            (U.upsert_documents, [replace(document(1, "sales_order"), sum_paid=Decimal("500.01"))]),
            (U.upsert_documents, [replace(document(2, "sales_order"), lines=document(2).lines[::-1])]),
        ]
        for upsert, items in changes:
            assert db.write_sync(upsert, items, FETCHED).updated == 1
            digest = db.read_sync(digest_of)
            assert digest not in seen
            seen.add(digest)
        db.write_sync(U.delete_ids, "documents", [document(3).mk_id], "sales_order")
        assert db.read_sync(digest_of) not in seen


def test_deep_digest_sees_edits_behind_the_upserts_back(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        _fill(db, None)
        before = (db.read_sync(content_digest), db.read_sync(lambda c: content_digest(c, deep=True)))
        db.write_sync(lambda c: c.exec_driver_sql("UPDATE document_lines SET amount = '3' WHERE position = 0"))
        after = (db.read_sync(content_digest), db.read_sync(lambda c: content_digest(c, deep=True)))
        assert after[0] == before[0]  # the stored hashes were not touched ...
        assert after[1] != before[1]  # ... the deep digest reads the rows themselves
