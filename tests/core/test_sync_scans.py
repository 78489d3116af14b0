"""Tests for mkdesk.core.sync.scans: full scans against the emulator into a real cache: stock summed across page
boundaries, deletions of what the scan no longer sees, unreadable stock rows keep the cached level."""

from __future__ import annotations

from decimal import Decimal

from mkdesk.core.cache import Database, known_ids
from mkdesk.core.sync import SyncOptions
from mkdesk.emulator.model import StockRow
from tests.core.sync_support import serve, sync_once, with_client


def _stock(path):
    db = Database.open(path)
    try:
        rows = db.read_sync(lambda conn: conn.exec_driver_sql(
            "SELECT product_mk_id, warehouse_id, amount, reserved_amount, free_amount, rows FROM stock").fetchall())
    finally:
        db.close()
    return {(p, w): (Decimal(a), Decimal(r), Decimal(f), n) for p, w, a, r, f, n in rows}


def test_stock_rows_are_summed_across_page_boundaries(tmp_path):
    with serve() as handle:
        row = handle.store.stock[0]
        handle.store.stock.append(StockRow(row.warehouse_id, row.product_id, Decimal("-2.5"), microlocation="B9"))
        expected = with_client(handle, lambda c: c.stock_levels())
        result, _ = sync_once(handle, tmp_path / "a.sqlite3", ["stock"], options=SyncOptions(catalog_page=1))
        assert result.stats["stock"].pages == len(handle.store.stock) + 1  # a full last page, then an empty one
    stored = _stock(tmp_path / "a.sqlite3")
    assert stored == {(lv.product_mk_id, lv.warehouse_id): (lv.amount, lv.reserved_amount, lv.free_amount, lv.rows)
                      for lv in expected}
    assert stored[(row.product_id, row.warehouse_id)][3] >= 2


def test_full_scans_delete_what_is_gone(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        sync_once(handle, path, ["warehouses", "products", "stock", "partners"])
        product_id = next(p for p in handle.store.products if not any(r.product_id == p for r in handle.store.stock))
        del handle.store.products[product_id]
        partner_id = next(iter(handle.store.partners))
        del handle.store.partners[partner_id]
        gone_row = handle.store.stock.pop()
        result, _ = sync_once(handle, path, ["warehouses", "products", "stock", "partners"])
    changes = result.changes
    assert changes.get("partners").as_dict() == {"inserted": 0, "updated": 0, "deleted": 1}
    assert changes.get("products").as_dict() == {"inserted": 0, "updated": 0, "deleted": 1}
    pair_left = any((r.product_id, r.warehouse_id) == (gone_row.product_id, gone_row.warehouse_id)
                    for r in handle.store.stock)
    expected = {"inserted": 0, "updated": 1, "deleted": 0} if pair_left else {"inserted": 0, "updated": 0, "deleted": 1}
    assert changes.get("stock").as_dict() == expected
    assert not changes.touches("warehouses")
    db = Database.open(path)
    try:
        assert product_id not in db.read_sync(known_ids, "products")
        assert partner_id not in db.read_sync(known_ids, "partners")
    finally:
        db.close()


def test_an_unreadable_stock_row_keeps_the_cached_level(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        sync_once(handle, path, ["stock"])
        before = _stock(path)
        row = handle.store.stock[0]
        row.amount += 1
        other = next(r for r in handle.store.stock if (r.product_id, r.warehouse_id) != (row.product_id, row.warehouse_id))
        other.amount += 1
        handle.store.stock.insert(1, StockRow(row.warehouse_id, row.product_id, Decimal("NaN")))
        result, _ = sync_once(handle, path, ["stock"])
    after = _stock(path)
    key = (row.product_id, row.warehouse_id)
    assert result.ok and result.stats["stock"].skipped == 1
    assert after[key] == before[key]  # not half-summed
    assert after[(other.product_id, other.warehouse_id)] != before[(other.product_id, other.warehouse_id)]
    assert "skipped record" in result.warnings[0]


def test_stock_levels_are_summed_per_pair_without_broken_pairs():
    from mkdesk.core import models
    from mkdesk.core.sync import scans

    rows = [models.StockRow(warehouse_id="1", product_mk_id="P1", code="A", amount=Decimal("2")),
            models.StockRow(warehouse_id="1", product_mk_id="P1", code="A", amount=Decimal("3"),
                            reserved_amount=Decimal("1")),
            models.StockRow(warehouse_id="2", product_mk_id="P2", code="B", amount=Decimal("7"))]
    broken = {scans.stock_key("P2", "2"), scans.stock_key("P3", "1")}
    levels, seen = scans._stock_levels(rows, broken)
    assert [(lv.product_mk_id, lv.amount, lv.reserved_amount, lv.free_amount, lv.rows) for lv in levels] == [
        ("P1", Decimal("5"), Decimal("1"), Decimal("4"), 2)]
    assert seen == {scans.stock_key("P1", "1")} | broken
