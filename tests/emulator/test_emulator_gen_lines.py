"""Tests for mkdesk.emulator.gen_lines: derived row ids, line factories and payment plans/factories."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from mkdesk.emulator.gen_catalog import Catalog, Item, build_pricelists, build_products, build_warehouses
from mkdesk.emulator.gen_lines import make_line_factory, make_payment_factory, payment_plan, row_id
from mkdesk.emulator.model import BILL_TYPES, TZ, DocPartner, Document, Line, Store, Sums, compute_sums
from mkdesk.emulator.names import TEXT_LINES

TODAY = date(2026, 11, 24)
YESTERDAY = TODAY - timedelta(days=1)
DISCOUNTS = {Decimal(0), Decimal(3), Decimal(5), Decimal(10), Decimal(15)}


@pytest.fixture(scope="module")
def shop() -> tuple[Store, Catalog]:
    store = Store("4711", "k", TODAY)
    build_warehouses(store, 3)
    build_pricelists(store, TODAY)
    return store, build_products(store, random.Random(4), 200)


def partner(business: bool = True, foreign: bool = False, taxpayer: bool = True) -> DocPartner:
    return DocPartner("400071680001", "400082840001", "1/2026", "Kovač d.o.o." if business else "Ana Novak",
                      "Ulica 1", "1000", "Ljubljana", "Croatia" if foreign else "Slovenia", "HR" if foreign else "SI",
                      business, taxpayer and business, foreign)


def doc(seed: int, doc_type: str = "sales_order", mk_id: str = "400000010001", who: DocPartner | None = None,
        pay_state: str | None = None, day: date = date(2026, 9, 1), due: date | None = None) -> Document:
    ts = datetime.combine(day, datetime.min.time(), TZ)
    return Document(mk_id, doc_type, "X-1", day, who or partner(), ts, ts, seed=seed, pay_state=pay_state,
                    due_date=due)


# ----- row ids ------------------------------------------------------------------------------------------------------
def test_row_ids() -> None:
    assert row_id("400000010001", 0) == "229000160016"
    assert row_id("400000010001", 15) == "229000160031"
    assert row_id("400000010002", 0) == "229000160032"  # the next document starts right after
    assert int(row_id("400005999999", 15)) < 10**12  # 12 digits for every document kind
    assert int(row_id("400000010001", 0)) > 228_000_000_000 + 10**9  # far above the ids writes allocate


def test_row_ids_unique_across_documents() -> None:
    ids = {row_id(str(400000010000 + d), i) for d in range(1, 300) for i in range(16)}
    assert len(ids) == 299 * 16


# ----- line factory -------------------------------------------------------------------------------------------------
def test_lines_are_deterministic_per_seed(shop: tuple[Store, Catalog]) -> None:
    _, catalog = shop
    factory = make_line_factory(catalog)
    again = make_line_factory(catalog)
    for seed in range(50):
        assert factory(doc(seed)) == factory(doc(seed)) == again(doc(seed))
    assert any(factory(doc(1)) != factory(doc(seed)) for seed in range(2, 10))


def test_order_and_its_bill_share_lines(shop: tuple[Store, Catalog]) -> None:
    """An order and the invoice made from it share a seed: same goods, amounts and prices, own row ids."""
    factory = make_line_factory(shop[1])
    for seed in range(40):
        order = factory(doc(seed, "sales_order", "400000010007"))
        bill = factory(doc(seed, "sales_bill_domestic", "400001000003"))
        strip = [dataclasses.replace(x, mk_row_id="") for x in order]
        assert strip == [dataclasses.replace(x, mk_row_id="") for x in bill]
        assert [x.mk_row_id for x in order] == [row_id("400000010007", i) for i in range(len(order))]
        assert [x.mk_row_id for x in bill] == [row_id("400001000003", i) for i in range(len(bill))]


def test_lines_match_the_catalogue_snapshot(shop: tuple[Store, Catalog]) -> None:
    store, catalog = shop
    items = {i.product_id: i for i in catalog.goods} | {i.product_id: i for i in catalog.services.values()}
    factory = make_line_factory(catalog)
    seen_price_change = seen_wholesale = False
    for seed in range(400):
        business = seed % 3 != 0
        lines = factory(doc(seed, who=partner(business=business)))
        assert lines
        for line in lines:
            if line.product_id is None:
                continue
            item = items[line.product_id]
            product = store.products[line.product_id]
            assert (line.count_code, line.code, line.name, line.unit, line.tax) == (
                item.count_code, item.code, item.name, item.unit, item.tax)
            assert (line.code, line.name) == (product.code, product.name)
            base = item.wholesale if business and item.wholesale is not None else item.retail
            seen_wholesale |= base != item.retail
            if line.price != base:  # a negotiated price: 0.9 – 1.08 of the list price
                seen_price_change = True
                assert base * Decimal("0.899") <= line.price <= base * Decimal("1.081")
                assert -line.price.as_tuple().exponent <= 4
            assert line.amount > 0 and line.discount in DISCOUNTS
            if not business:
                assert line.discount == 0
            if item.service and item.unit != "ura":
                assert line.amount == 1
            if line.unit not in ("kg", "m"):
                assert line.amount == line.amount.to_integral_value()
            assert not line.entered_gross
    assert seen_price_change and seen_wholesale


def test_lines_read_the_snapshot_not_the_live_product(shop: tuple[Store, Catalog]) -> None:
    store, catalog = shop
    factory = make_line_factory(catalog)
    before = factory(doc(5))
    product = store.products[before[0].product_id or ""]
    old = (product.name, dict(product.prices))
    product.name, product.prices = "Preimenovan izdelek", {"1": Decimal("999")}
    try:
        assert factory(doc(5)) == before
    finally:
        product.name, product.prices = old


def test_line_counts_and_kinds(shop: tuple[Store, Catalog]) -> None:
    factory = make_line_factory(shop[1])
    counts, services, texts = [], 0, 0
    for seed in range(600):
        lines = factory(doc(seed))
        goods = [x for x in lines if x.product_id and x.code not in shop[1].services]
        counts.append(len(goods))
        assert 1 <= len(goods) <= 8 and len(lines) <= 11
        assert len({x.product_id for x in goods}) == len(goods)  # no product twice
        services += len(lines) - len(goods)
        for index, line in enumerate(lines):
            if line.product_id is None:
                texts += 1
                assert index == len(lines) - 1 and line.name in TEXT_LINES
                assert (line.tax, line.amount, line.price, line.unit, line.code) == (None, 0, 0, None, None)
    assert set(counts) == set(range(1, 9)) and texts and services


def test_private_buyers_get_few_lines(shop: tuple[Store, Catalog]) -> None:
    factory = make_line_factory(shop[1])
    for seed in range(200):
        goods = [x for x in factory(doc(seed, who=partner(business=False))) if x.product_id
                 and x.code not in shop[1].services]
        assert 1 <= len(goods) <= 3
        assert all(x.amount in (1, 2) for x in goods if x.unit == "kos")


def test_credit_notes_are_negative_goods_only(shop: tuple[Store, Catalog]) -> None:
    factory = make_line_factory(shop[1])
    for seed in range(200):
        lines = factory(doc(seed, "sales_bill_credit_note", "400004000001"))
        assert 1 <= len(lines) <= 2
        assert all(x.amount < 0 and x.product_id and x.code not in shop[1].services for x in lines)
        assert compute_sums(lines).all < 0


def test_intra_eu_supply_is_zero_rated(shop: tuple[Store, Catalog]) -> None:
    factory = make_line_factory(shop[1])
    for seed in range(100):
        lines = factory(doc(seed, "sales_bill_foreign", "400002000001", who=partner(foreign=True)))
        assert all(x.tax == "EX0" for x in lines if x.product_id)
        assert all(v == 0 for v in compute_sums(lines).tax.values())
    domestic = [x.tax for seed in range(100) for x in factory(doc(seed)) if x.product_id]
    assert "EX0" not in domestic and "EX4" in domestic


def test_retail_lines_entered_gross(shop: tuple[Store, Catalog]) -> None:
    factory = make_line_factory(shop[1])
    lines = [x for s in range(30) for x in factory(doc(s, "sales_bill_retail", "400003000001",
                                                       who=partner(business=False)))]
    assert all(x.entered_gross for x in lines if x.product_id)


def test_heavy_goods_get_the_big_delivery() -> None:
    heavy = Item("1", "PA-1", "PS-AB123", "Pralni stroj", "kos", "EX4", Decimal("500"), None, False)
    delivery = Item("2", "PA-2", "DOSTAVA", "Dostava", "kos", "EX4", Decimal("4.0902"), None, True)
    big = Item("3", "PA-3", "DOSTAVA-VELIKI", "Dostava velikega", "kos", "EX4", Decimal("24.5902"), None, True)
    factory = make_line_factory(Catalog(goods=[heavy], services={"DOSTAVA": delivery, "DOSTAVA-VELIKI": big}))
    codes = [tuple(x.code for x in factory(doc(seed))) for seed in range(300)]
    assert ("PS-AB123", "DOSTAVA-VELIKI") in codes
    assert not any("DOSTAVA" in c for c in codes)


# ----- payment plans -----------------------------------------------------------------------------------------------
def test_payment_plan_only_for_paid_and_partial() -> None:
    assert payment_plan(doc(1, "sales_bill_domestic", pay_state="unpaid"), YESTERDAY) == []
    assert payment_plan(doc(1, "sales_bill_domestic", pay_state=None), YESTERDAY) == []
    assert payment_plan(doc(1, "sales_bill_retail", pay_state="paid"), YESTERDAY) == [(date(2026, 9, 1), 1.0)]


@pytest.mark.parametrize("doc_type", ["sales_bill_domestic", "sales_bill_foreign", "sales_bill_prepaid",
                                      "sales_bill_credit_note"])
def test_payment_plan_shares_and_dates(doc_type: str) -> None:
    installments = set()
    for seed in range(300):
        day = date(2026, 11, 1) if seed % 2 else date(2025, 3, 10)
        d = doc(seed, doc_type, pay_state="paid", day=day, due=day + timedelta(days=30))
        plan = payment_plan(d, YESTERDAY)
        assert plan == payment_plan(d, YESTERDAY)  # deterministic
        dates = [day for day, _share in plan]
        assert dates == sorted(dates) and all(d.doc_date <= x <= YESTERDAY for x in dates)
        assert sum(share for _day, share in plan) == pytest.approx(1.0)
        installments.add(len(plan))
        if doc_type == "sales_bill_prepaid":
            assert dates[-1] <= d.doc_date + timedelta(days=3)
        partial = payment_plan(dataclasses.replace(d, pay_state="partial"), YESTERDAY)
        assert 0.2 <= sum(share for _day, share in partial) <= 0.8
    assert installments == {1, 2, 3}


def test_payment_plan_depends_only_on_the_header() -> None:
    d = doc(77, "sales_bill_domestic", pay_state="paid", due=date(2026, 10, 1))
    d2 = dataclasses.replace(d, lines=[], mk_id="400001000999", count_code="other")
    assert payment_plan(d, YESTERDAY) == payment_plan(d2, YESTERDAY)


# ----- payment factory ----------------------------------------------------------------------------------------------
def _bills(shop: tuple[Store, Catalog], state: str, count: int = 300):
    lines = make_line_factory(shop[1])
    for seed in range(count):
        doc_type = BILL_TYPES[seed % len(BILL_TYPES)]
        who = partner(business=doc_type != "sales_bill_retail", foreign=doc_type == "sales_bill_foreign")
        d = doc(seed, doc_type, who=who, pay_state=state, day=date(2026, 5, 4), due=date(2026, 6, 3))
        yield d, compute_sums(lines(d))


def test_paid_bills_are_paid_exactly(shop: tuple[Store, Catalog]) -> None:
    factory = make_payment_factory(YESTERDAY)
    several = False
    for d, sums in _bills(shop, "paid"):
        payments = factory(d, sums)
        assert payments and sum(p.amount for p in payments) == sums.all, d.doc_type
        assert all(-p.amount.as_tuple().exponent <= 2 for p in payments)
        assert all((p.amount < 0) == (sums.all < 0) for p in payments)
        assert [p.date for p in payments] == [day for day, _ in payment_plan(d, YESTERDAY)][-len(payments):]
        several |= len(payments) > 1
        if d.doc_type == "sales_bill_credit_note":
            assert all(p.mode == "return" and p.amount < 0 for p in payments)
        else:
            assert all(p.mode == "payment" for p in payments)
        if d.doc_type == "sales_bill_retail":
            assert len(payments) == 1 and payments[0].date == d.doc_date
            assert payments[0].payment_type == ("Gotovina" if d.seed % 3 == 0 else "Kartica")
        else:
            assert all(p.payment_type == "Transakcijski račun" for p in payments)
        if abs(sums.all) < 10:
            assert len(payments) == 1
    assert several


def test_partial_payments_stay_strictly_between_zero_and_the_total(shop: tuple[Store, Catalog]) -> None:
    factory = make_payment_factory(YESTERDAY)
    for d, sums in _bills(shop, "partial"):
        paid = sum(p.amount for p in factory(d, sums))
        assert 0 < abs(paid) < abs(sums.all) and (paid > 0) == (sums.all > 0)


@pytest.mark.parametrize("total", ["0.02", "0.05", "-0.02", "9.99", "10.00", "1234.57"])
def test_partial_payment_edge_totals(total: str) -> None:
    factory = make_payment_factory(YESTERDAY)
    value = Decimal(total)
    for seed in range(40):
        d = doc(seed, "sales_bill_domestic", pay_state="partial", due=date(2026, 10, 1))
        paid = sum(p.amount for p in factory(d, Sums(value, Decimal(0), {}, value)))
        assert 0 < abs(paid) < abs(value) and (paid > 0) == (value > 0)


def test_unpaid_and_zero_total_bills_have_no_payments(shop: tuple[Store, Catalog]) -> None:
    factory = make_payment_factory(YESTERDAY)
    assert all(factory(d, sums) == [] for d, sums in _bills(shop, "unpaid", 50))
    zero = Sums(Decimal(0), Decimal(0), {}, Decimal(0))
    assert factory(doc(1, "sales_bill_domestic", pay_state="paid"), zero) == []


def test_payments_are_derived_through_the_store(shop: tuple[Store, Catalog]) -> None:
    store = Store("4711", "k", TODAY)
    store.line_factory = make_line_factory(shop[1])
    store.payment_factory = make_payment_factory(YESTERDAY)
    d = doc(12, "sales_bill_domestic", "400001000001", pay_state="paid", due=date(2026, 10, 1))
    d.discount_value = Decimal("2")
    assert sum(p.amount for p in store.payments(d)) == store.sums(d).all
    store.materialize(d)
    assert d.lines == store.line_factory(d) and sum(p.amount for p in d.payments or []) == store.sums(d).all
    assert all(isinstance(x, Line) for x in d.lines)
