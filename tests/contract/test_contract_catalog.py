"""Contract tests (client ↔ emulator over loopback HTTP): products (paging, single-object lists, prices, CRUD),
warehouses and stock."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from mkdesk.core.erp import MetakockaError, NotFound, PriceDraft, ProductDraft
from mkdesk.core.models import Product
from mkdesk.emulator.model import Product as StoredProduct
from tests.contract.conftest import serve, use


def test_products_decode_with_prices_and_stock(emu):
    page = use(emu, lambda c: c.product_list(return_pricelist=True, return_stock=True))
    assert len(page.items) == len(emu.store.products) and page.total is None
    priced = 0
    for product in page.items:
        stored = emu.store.products[product.mk_id]
        assert isinstance(product, Product)
        assert (product.code, product.name, product.unit) == (stored.code, stored.name, stored.unit)
        if stored.weight is not None:
            assert product.weight == stored.weight  # "0,06" on the wire
        for entry in product.prices:
            pricelist = emu.store.pricelists[entry.pricelist_code]
            wire_price = entry.price_with_tax if pricelist.gross else entry.price
            assert wire_price == stored.prices[entry.pricelist_code]  # "171,31"-style prices decoded
            assert isinstance(wire_price, Decimal)
            priced += 1
    assert priced > 0


def test_prices_absent_unless_asked(emu):
    page = use(emu, lambda c: c.product_list(limit=5))
    assert all(p.prices == () for p in page.items)


def test_single_product_answer_is_a_list_of_one(emu):
    stored = next(iter(emu.store.products.values()))

    async def go(c):
        raw = await c.call("product_list", {"code": stored.code, "return_pricelist": True})
        return raw, await c.get_product(stored.code, return_pricelist=True)

    raw, product = use(emu, go)
    assert isinstance(raw["product_list"], dict)  # the wire quirk is there ...
    assert product is not None and product.mk_id == stored.mk_id  # ... and stops at the client
    assert all(e.pricelist_code for e in product.prices)


def test_product_paging_at_1000_stops_on_a_short_page():
    with serve(scale="small") as handle:
        store = handle.store
        for i in range(1100):
            mk_id = store.next_id("product")
            store.products[mk_id] = StoredProduct(mk_id, f"X-{i}", f"BULK-{i:05d}", f"Bulk {i}", "kos", "EX4", "Bulk")
        expected = list(store.products)

        async def go(c):
            return [page async for page in c.iter_products()]

        pages = use(handle, go)
    assert len(expected) == 1350
    assert [len(p.items) for p in pages] == [1000, 350]
    assert [p.mk_id for page in pages for p in page.items] == expected


def test_product_crud(fresh):
    async def go(c):
        created = await c.product_add(ProductDraft(code="CT-NOV-1", name="Testni izdelek", unit="kos", sales=True,
                                                   prices=[PriceDraft("VP", tax="EX4", price=Decimal("9.99"))]))
        added = await c.get_product("CT-NOV-1", return_pricelist=True)
        await c.product_update(ProductDraft(name="Preimenovan izdelek", weight=Decimal("1.25")), mk_id=created.mk_id)
        updated = await c.get_product("CT-NOV-1")
        await c.product_delete(mk_id=created.mk_id)
        gone = await c.get_product("CT-NOV-1")
        return created, added, updated, gone

    created, added, updated, gone = use(fresh, go)
    assert added.mk_id == created.mk_id and added.name == "Testni izdelek"
    assert any(e.pricelist_code == "VP" and e.price == Decimal("9.99") for e in added.prices)
    assert updated.name == "Preimenovan izdelek" and updated.weight == Decimal("1.25")
    assert gone is None and created.mk_id not in fresh.store.products


def test_product_update_and_delete_of_a_missing_product(emu):
    async def go(c):
        with pytest.raises(NotFound):
            await c.product_update(ProductDraft(name="x"), mk_id="1600559999")
        with pytest.raises(MetakockaError):
            await c.product_delete(mk_id="1600559999")

    use(emu, go)


def test_product_on_documents_cannot_be_deleted(fresh):
    used = next(line.product_id for doc in fresh.store.documents["sales_order"].values()
                for line in fresh.store.lines(doc) if line.product_id)
    with pytest.raises(MetakockaError) as caught:
        use(fresh, lambda c: c.product_delete(mk_id=used))
    assert not caught.value.retryable
    assert used in fresh.store.products


def test_warehouses(emu):
    warehouses = use(emu, lambda c: c.warehouse_list())
    assert [w.mk_id for w in warehouses] == list(emu.store.warehouses)
    assert sum(1 for w in warehouses if w.main) == 1
    assert {w.mark for w in warehouses} == {w.mark for w in emu.store.warehouses.values()}


def test_stock_rows_are_summed_per_product_and_warehouse(emu):
    expected: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for row in emu.store.stock:
        acc = expected[(row.product_id, row.warehouse_id)]
        acc[0] += row.amount
        acc[1] += row.reserved
        acc[2] += 1
    assert any(acc[2] > 1 for acc in expected.values())  # several rows for one pair exist

    async def go(c):
        return await c.stock_levels(), await c.warehouse_stock(limit=1000)

    levels, page = use(emu, go)
    assert len(page.items) == len(emu.store.stock)
    got = {(lv.product_mk_id, lv.warehouse_id): lv for lv in levels}
    assert set(got) == set(expected)
    for key, (amount, reserved, rows) in expected.items():
        level = got[key]
        assert (level.amount, level.reserved_amount, level.rows) == (amount, reserved, rows)
        assert level.free_amount == amount - reserved


def test_stock_filters(emu):
    warehouse = next(iter(emu.store.warehouses))
    row = next(r for r in emu.store.stock if r.warehouse_id == warehouse)
    code = emu.store.products[row.product_id].code

    async def go(c):
        by_wh = await c.stock_levels(warehouse_ids=[warehouse])
        by_code = await c.stock_levels(product_codes=[code])
        return by_wh, by_code

    by_wh, by_code = use(emu, go)
    assert by_wh and all(lv.warehouse_id == warehouse for lv in by_wh)
    assert by_code and all(lv.product_mk_id == row.product_id for lv in by_code)
