"""Tests for mkdesk.core.models: frozen records, open balance, stock summing."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdesk.core.models import (
    Address,
    ContactPerson,
    Partner,
    PriceEntry,
    Product,
    SalesDocument,
    SearchPage,
    StockRow,
    sum_stock,
)


def test_records_are_frozen_and_hashable():
    doc = SalesDocument(mk_id="1", doc_type="sales_order", sum_all=Decimal("10"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.sum_all = Decimal(1)  # type: ignore[misc]
    assert hash(doc) == hash(SalesDocument(mk_id="1", doc_type="sales_order", sum_all=Decimal("10")))


def test_open_balance():
    assert SalesDocument("1", "sales_bill_domestic", sum_all=Decimal("56.35")).open_balance == Decimal("56.35")
    paid = SalesDocument("1", "sales_bill_domestic", sum_all=Decimal("56.35"), sum_paid=Decimal("56.35"))
    assert paid.open_balance == 0 and paid.is_paid
    partial = SalesDocument("1", "sales_bill_domestic", sum_all=Decimal("100"), sum_paid=Decimal("30.10"))
    assert partial.open_balance == Decimal("69.90") and not partial.is_paid
    assert SalesDocument("1", "sales_order").open_balance is None


def test_partner_helpers():
    partner = Partner(
        mk_id="1",
        addresses=(Address("a1", "Dobava"), Address("a2", "Račun")),
        contacts=(ContactPerson("c1", email="x@y.si"), ContactPerson("c2")),
    )
    assert partner.billing_address.mk_id == "a2"
    assert partner.emails == ("x@y.si",)
    assert Partner("2", addresses=(Address("a3", "Dobava"),)).billing_address.mk_id == "a3"
    assert Partner("3").billing_address is None


def test_product_sales_price():
    product = Product("1", prices=(PriceEntry("NAB", sales_purchase="purchase", price=Decimal(1)),
                                   PriceEntry("1", sales_purchase="sales", price_with_tax=Decimal(2))))
    assert product.sales_price().pricelist_code == "1"
    assert product.sales_price("NAB") is None


def test_search_page_next_offset():
    assert SearchPage(total=250, items=(1, 2, 3), offset=100).next_offset == 103


amounts = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(st.sampled_from(["p1", "p2"]), st.sampled_from(["w1", "w2"]), amounts,
                          st.one_of(st.none(), amounts)), max_size=20))
def test_sum_stock_adds_rows_per_pair(rows):
    stock_rows = [StockRow(warehouse_id=w, product_mk_id=p, amount=a, reserved_amount=r) for p, w, a, r in rows]
    levels = sum_stock(stock_rows)
    assert len({(lv.product_mk_id, lv.warehouse_id) for lv in levels}) == len(levels)
    for level in levels:
        mine = [r for r in stock_rows if (r.product_mk_id, r.warehouse_id) == (level.product_mk_id, level.warehouse_id)]
        assert level.rows == len(mine)
        assert level.amount == sum((r.amount for r in mine), Decimal(0))
        assert level.reserved_amount == sum((r.reserved_amount or Decimal(0) for r in mine), Decimal(0))
        assert level.free_amount == level.amount - level.reserved_amount
    assert sum(lv.rows for lv in levels) == len(stock_rows)
