"""Tests for mkdesk.core.erp.catalog: product paging without a total, flags, stock summing across pages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdesk.core.erp import ProductDraft
from tests.core.erp_fakes import run_with


def test_product_pages_stop_on_a_short_page():
    def answer(body):
        offset, limit = int(body["offset"]), int(body["limit"])
        items = [{"mk_id": str(i), "code": f"C{i}"} for i in range(offset, min(offset + limit, 2500))]
        return {"opr_code": "0", "product_list_count": str(len(items)), "product_list": items}

    products, script = run_with({"product_list": answer}, lambda c: c.all_products(return_stock=True))
    assert len(products) == 2500 and len(script.calls) == 3
    body = script.bodies("product_list")[0]
    assert body["limit"] == "1000" and body["return_warehause_stock"] == "true"  # sic, on the wire only


def test_exact_multiple_of_the_page_needs_one_empty_page():
    def answer(body):
        offset = int(body["offset"])
        items = [{"mk_id": str(i)} for i in range(offset, min(offset + 1000, 2000))]
        return {"opr_code": "0", "product_list": items} if items else {"opr_code": "0", "product_list_count": "0"}

    products, script = run_with({"product_list": answer}, lambda c: c.all_products())
    assert len(products) == 2000 and len(script.calls) == 3


def test_get_product_filters_exact_code():
    answer = {"opr_code": "0", "product_list": [{"mk_id": "1", "code": "AB"}, {"mk_id": "2", "code": "ABC"}]}
    product, _ = run_with({"product_list": answer}, lambda c: c.get_product("ABC"))
    assert product.mk_id == "2"


def test_stock_levels_sum_across_pages():
    rows = [{"warehouse_id": "w", "mk_id": "p", "amount": "1,5", "reserved_amount": "0,5"}] * 3

    def answer(body):
        offset = int(body["offset"])
        return {"opr_code": "0", "stock_list": rows[offset:offset + 2]}

    levels, script = run_with({"warehouse_stock": answer},
                              lambda c: c.stock_levels(page_size=2, warehouse_ids=["w", "v"]))
    assert len(levels) == 1 and levels[0].amount == Decimal("4.5") and levels[0].free_amount == Decimal("3.0")
    assert script.bodies("warehouse_stock")[0]["wh_id_list"] == "w,v"


def test_product_writes():
    async def go(c):
        added = await c.product_add(ProductDraft(code="A", name="B", unit="kos"))
        await c.product_update(ProductDraft(name="C"), mk_id=added.mk_id)
        await c.product_delete(count_code="PA-1")
        return added

    added, script = run_with({"product_add": {"opr_code": "0", "mk_id": "1", "count_code": "PA-1"},
                              "product_update": {"opr_code": "0"}, "product_delete": {"opr_code": "0"}}, go)
    assert added.count_code == "PA-1"
    assert script.bodies("product_update")[0]["mk_id"] == "1"
    assert script.bodies("product_delete")[0]["count_code"] == "PA-1"
    with pytest.raises(ValueError):
        run_with({}, lambda c: c.product_add(ProductDraft(code="A")))
