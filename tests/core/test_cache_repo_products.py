"""Tests for the catalogue repository: pages, search ranking, stock per warehouse and totals, low stock, codes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_products as R
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from tests.core.cache_data import FETCHED, product, stock, warehouse


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    database.write_sync(U.upsert_products, [product(i) for i in range(1, 13)], FETCHED)
    database.write_sync(U.upsert_warehouses, [warehouse(1), warehouse(2), warehouse(3, active=False)], FETCHED)
    database.write_sync(U.upsert_stock_levels, [stock(1, 1, "10.5", "2"), stock(1, 2, "0.25", "0"),
                                                stock(2, 1, "3", "1")], FETCHED)
    yield database
    database.close()


def test_pages_by_offset_and_keyset_agree(db: Database):
    everything = db.read_sync(lambda c: R.list_products(c, limit=100))
    assert [p.name for p in everything] == sorted((f"Izdelek {i}" for i in range(1, 13)))
    after, by_keyset = None, []
    while chunk := db.read_sync(lambda c, a=after: R.list_products(c, limit=5, after=a)):
        by_keyset += chunk
        after = chunk[-1]
    assert by_keyset == list(everything)
    assert db.read_sync(lambda c: R.list_products(c, limit=5, offset=10)) == everything[10:]
    assert db.read_sync(R.count_products) == 12 and db.read_sync(R.count_products, "izdelek 1") == 4


def test_rows_carry_summed_stock(db: Database):
    rows = {r.mk_id: r for r in db.read_sync(lambda c: R.list_products(c, limit=100))}
    first = rows[product(1).mk_id]
    assert (first.amount, first.reserved_amount, first.free_amount) == (Decimal("10.75"), Decimal("2"), Decimal("8.75"))
    assert rows[product(5).mk_id].amount is None and rows[product(5).mk_id].is_low
    assert rows[product(2).mk_id].is_low and not first.is_low


def test_search_puts_exact_code_and_barcode_first(db: Database):
    assert db.read_sync(R.search_products, "ART-0001")[0].code == "ART-0001"
    assert {r.code for r in db.read_sync(R.search_products, "ART-001")} == {"ART-0010", "ART-0011", "ART-0012"}
    assert db.read_sync(R.search_products, "3830000000007")[0].code == "ART-0007"
    assert db.read_sync(R.search_products, "izdelek")[0].name.startswith("Izdelek")


def test_detail_with_stock_per_warehouse(db: Database):
    detail = db.read_sync(R.product_detail, product(1).mk_id)
    assert detail.product == product(1)
    assert [(s.warehouse_mark, s.amount, s.free_amount) for s in detail.stock] == [
        ("W1", Decimal("10.5"), Decimal("8.5")), ("W2", Decimal("0.25"), Decimal("0.25"))]
    assert (detail.amount, detail.reserved_amount, detail.free_amount) == (Decimal("10.75"), Decimal(2),
                                                                           Decimal("8.75"))
    assert not detail.is_low and detail.fetched_at == FETCHED
    assert db.read_sync(R.product_detail, product(3).mk_id).stock == ()
    assert db.read_sync(R.product_detail, "missing") is None


def test_low_stock_and_codes(db: Database):
    db.write_sync(U.upsert_products, [replace(product(4), active=False), replace(product(6), min_stock=None)],
                  FETCHED)
    low = db.read_sync(R.low_stock)
    assert product(1).mk_id not in {r.mk_id for r in low}
    assert product(4).mk_id not in {r.mk_id for r in low} and product(6).mk_id not in {r.mk_id for r in low}
    assert product(2).mk_id in {r.mk_id for r in low}
    assert len(db.read_sync(lambda c: R.low_stock(c, limit=2))) == 2
    assert [r.code for r in db.read_sync(R.products_by_codes, ["art-0003", "ART-0002", "nope"])] == [
        "ART-0002", "ART-0003"]
    assert [w.mk_id for w in db.read_sync(R.list_warehouses)] == [warehouse(i).mk_id for i in (1, 2, 3)]
    assert db.read_sync(R.list_warehouses)[2] == warehouse(3, active=False)


def test_pages_sorted_by_another_column(db: Database):
    by_code_desc = db.read_sync(lambda c: R.list_products(c, order="code", descending=True))
    assert [p.code for p in by_code_desc] == sorted((p.code for p in by_code_desc), reverse=True)
    assert db.read_sync(lambda c: R.list_products(c, order="code", descending=True, limit=3, offset=3)) == \
        by_code_desc[3:6]


def test_in_stock_pages_and_count(db: Database):
    found = db.read_sync(lambda c: R.list_products(c, in_stock=True))
    assert {p.mk_id for p in found} == {product(1).mk_id, product(2).mk_id}
    assert all(p.free_amount > 0 for p in found)
    assert db.read_sync(lambda c: R.count_products(c, in_stock=True)) == 2
