"""Tests for mkdesk.emulator.gen_catalog: warehouses, pricelists, products, stock rows and reservations."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest

from mkdesk.emulator import names
from mkdesk.emulator.gen_catalog import (
    CLOSED_ORDER_STATUSES,
    Catalog,
    _nice_gross,
    apply_reservations,
    build_pricelists,
    build_products,
    build_stock,
    build_warehouses,
    ean13,
)
from mkdesk.emulator.model import TAX_RATES, TZ, DocPartner, Document, Line, StockRow, Store, money

TODAY = date(2026, 11, 24)


def ean_ok(code: str) -> bool:
    """Independent EAN-13 check: weights 1,3,1,3… from the left over all 13 digits give a multiple of 10."""
    return len(code) == 13 and code.isdigit() and sum(int(d) * (1, 3)[i % 2] for i, d in enumerate(code)) % 10 == 0


def catalogue(count: int = 300, seed: int = 11) -> tuple[Store, Catalog]:
    store = Store("4711", "k", TODAY)
    build_warehouses(store, 3)
    build_pricelists(store, TODAY)
    return store, build_products(store, random.Random(seed), count)


@pytest.fixture(scope="module")
def built() -> tuple[Store, Catalog]:
    store, catalog = catalogue()
    build_stock(store, random.Random(5))
    return store, catalog


# ----- EAN-13 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("first12, full", [
    ("400638133393", "4006381333931"),  # the textbook example
    ("590123412345", "5901234123457"),
    ("383000000000", "3830000000000"),  # check digit 0 (not 10)
    ("978030640615", "9780306406157"),  # ISBN-13 of a real book
])  # fmt: skip
def test_ean13_check_digit(first12: str, full: str) -> None:
    assert ean13(first12) == full and ean_ok(full)


def test_generated_barcodes_are_valid_and_unique(built: tuple[Store, Catalog]) -> None:
    store, _ = built
    codes = [p.barcode for p in store.products.values() if p.barcode]
    assert len(codes) > 200
    assert all(ean_ok(c) and c.startswith("383") for c in codes)  # Slovenian GS1 prefix
    assert len(set(codes)) == len(codes)
    assert len({c[:7] for c in codes}) == 1  # one manufacturer prefix per company
    assert not any(p.barcode for p in store.products.values() if p.service)


# ----- warehouses and pricelists ------------------------------------------------------------------------------------
@pytest.mark.parametrize("count", [1, 2, 3])
def test_build_warehouses(count: int) -> None:
    store = Store("4711", "k", TODAY)
    build_warehouses(store, count)
    whs = list(store.warehouses.values())
    assert [w.mark for w in whs] == ["glavno", "MB", "KP"][:count]
    assert [w.mk_id for w in whs] == [str(1600000301 + i) for i in range(count)]
    assert [w.main for w in whs] == [True] + [False] * (count - 1)
    assert store.main_warehouse().mark == "glavno"
    assert all(re.fullmatch(r"\d{4}", w.post) for w in whs)


def test_build_pricelists() -> None:
    store = Store("4711", "k", TODAY)
    build_pricelists(store, TODAY)
    lists = store.pricelists
    assert list(lists) == ["1", "VP", "NC"]
    assert lists["1"].title == "MPC 2026" and lists["1"].valid_from == date(2026, 1, 1)
    assert lists["VP"].sales and lists["1"].sales and not lists["NC"].sales
    assert not any(p.gross for p in lists.values())
    assert lists["NC"].valid_from is None


# ----- products ----------------------------------------------------------------------------------------------------
def test_products_count_ids_and_numbers(built: tuple[Store, Catalog]) -> None:
    store, catalog = built
    products = list(store.products.values())
    assert len(products) == 300
    assert [int(p.mk_id) for p in products] == list(range(1600550001, 1600550301))
    assert [p.count_code for p in products] == [f"PA-{1001 + i}" for i in range(300)]
    assert len(catalog.goods) + len(catalog.services) == 300


def test_no_duplicate_product_codes_even_in_a_big_catalogue() -> None:
    store, catalog = catalogue(count=4000, seed=3)
    codes = [p.code for p in store.products.values()]
    assert len(set(codes)) == len(codes) == 4000
    assert len({i.code for i in catalog.goods}) == len(catalog.goods)
    prefixes = {t[3] for t in names.PRODUCT_TEMPLATES}
    for p in store.products.values():
        if not p.service:
            assert p.code.split("-", 1)[0] in prefixes and len(p.code) <= 20


def test_services_come_first_with_their_fixed_prices(built: tuple[Store, Catalog]) -> None:
    store, catalog = built
    assert list(catalog.services) == [s[0] for s in names.SERVICES]
    products = list(store.products.values())
    for product, (code, name, unit, price, tax) in zip(products, names.SERVICES, strict=False):
        assert (product.code, product.name, product.unit, product.tax) == (code, name, unit, tax)
        assert product.service and not product.purchasing and product.category == "Storitve"
        assert product.prices["1"] == Decimal(price)
        assert ("VP" in product.prices) == (code != "DOSTAVA")
        item = catalog.services[code]
        assert (item.product_id, item.retail, item.service) == (product.mk_id, Decimal(price), True)


@pytest.mark.parametrize("count, services", [(5, 2), (10, 2), (20, 4), (40, 8), (300, 8)])
def test_small_catalogues_keep_fewer_services(count: int, services: int) -> None:
    store, catalog = catalogue(count=count)
    assert len(catalog.services) == services and "DOSTAVA" in catalog.services
    assert len(store.products) == count


def test_catalogue_is_deterministic() -> None:
    a_store, a = catalogue(seed=42)
    b_store, b = catalogue(seed=42)
    assert a == b
    assert [(p.code, p.name, p.prices, p.barcode) for p in a_store.products.values()] == \
           [(p.code, p.name, p.prices, p.barcode) for p in b_store.products.values()]
    _, c = catalogue(seed=43)
    assert [i.code for i in c.goods] != [i.code for i in a.goods]


def test_goods_follow_their_template(built: tuple[Store, Catalog]) -> None:
    store, _ = built
    by_prefix = {t[3]: t for t in names.PRODUCT_TEMPLATES}
    for p in store.products.values():
        if p.service:
            continue
        category, _pattern, _group, _prefix, unit, _price, (wlo, whi), tax, _w = by_prefix[p.code.split("-")[0]]
        assert (p.category, p.unit, p.tax) == (category, unit, tax)
        assert p.purchasing and p.sales
        if p.weight is not None:
            assert Decimal(str(wlo)) - Decimal("0.01") <= p.weight <= Decimal(str(whi)) + Decimal("0.01")
            assert -p.weight.as_tuple().exponent <= 3
        assert p.name == " ".join(p.name.split())  # no double spaces from empty brand/variant


def test_retail_prices_are_shelf_prices_and_consistent_with_the_snapshot(built: tuple[Store, Catalog]) -> None:
    store, catalog = built
    goods = {i.product_id: i for i in catalog.goods}
    priced = 0
    for p in store.products.values():
        if p.service:
            continue
        item = goods[p.mk_id]
        assert (item.code, item.name, item.unit, item.tax, item.count_code) == (p.code, p.name, p.unit, p.tax,
                                                                                 p.count_code)
        assert item.wholesale == p.prices.get("VP")
        if "1" in p.prices:
            priced += 1
            assert item.retail == p.prices["1"]
            assert -p.prices["1"].as_tuple().exponent <= 4
            gross = money(p.prices["1"] * (1 + TAX_RATES[p.tax]))  # the net price gives back the shelf price
            cents = gross % 1
            assert cents in (Decimal("0.90"), Decimal("0.99")) if gross >= 10 else str(gross).endswith("9")
            if "VP" in p.prices:
                assert p.prices["VP"] < p.prices["1"]
            if "NC" in p.prices:
                assert p.prices["NC"] < p.prices["1"]
    assert priced > 200
    assert any(not p.prices for p in store.products.values())  # some goods have no price at all


@pytest.mark.parametrize("value, gross", [(8.94, "8.99"), (0.5, "0.59"), (149.3, "149.99"), (12.2, "12.90"),
                                          (10.0, "10.99"), (9.99, "9.99")])
def test_nice_gross(value: float, gross: str) -> None:
    assert _nice_gross(value) == Decimal(gross)


def test_goods_order_is_shuffled_popularity() -> None:
    store, catalog = catalogue()
    ids = [int(i.product_id) for i in catalog.goods]
    assert ids != sorted(ids) and sorted(ids) == [int(p.mk_id) for p in store.products.values() if not p.service]


# ----- stock -------------------------------------------------------------------------------------------------------
def test_stock_rows(built: tuple[Store, Catalog]) -> None:
    store, _ = built
    main = store.main_warehouse().mk_id
    assert store.stock
    for row in store.stock:
        product = store.products[row.product_id]
        assert not product.service and row.warehouse_id in store.warehouses
        assert row.reserved == 0
        if product.unit not in ("kg", "m"):
            assert row.amount == row.amount.to_integral_value()
        assert row.microlocation is None or re.fullmatch(r"[A-F][1-9]", row.microlocation)
    per_pair = Counter((r.product_id, r.warehouse_id) for r in store.stock)
    assert any(n >= 2 for n in per_pair.values()) and max(per_pair.values()) <= 3
    for (product_id, warehouse_id), n in per_pair.items():
        if n > 1:  # several rows of one product in one warehouse are told apart by microlocation
            micros = [r.microlocation for r in store.stock if (r.product_id, r.warehouse_id) == (product_id,
                                                                                                warehouse_id)]
            assert None not in micros and len(set(micros)) == n
    assert any(r.amount < 0 for r in store.stock)
    per_warehouse = Counter(r.warehouse_id for r in store.stock)
    assert per_warehouse[main] == max(per_warehouse.values())


def test_stock_is_deterministic() -> None:
    a, _ = catalogue()
    b, _ = catalogue()
    build_stock(a, random.Random(9))
    build_stock(b, random.Random(9))
    assert a.stock == b.stock


# ----- reservations ------------------------------------------------------------------------------------------------
def _order(store: Store, mk_id: str, status: str | None, warehouse: str | None, lines: list[Line]) -> Document:
    partner = DocPartner("1", "2", "1/2026", "X", "S", "1000", "Ljubljana", "Slovenia", "SI", True, True, False)
    ts = datetime(2026, 11, 1, 10, tzinfo=TZ)
    doc = Document(mk_id, "sales_order", f"PP-{mk_id}", ts.date(), partner, ts, ts, status_desc=status,
                   warehouse=warehouse, lines=lines)
    store.documents["sales_order"][mk_id] = doc
    return doc


def _line(product_id: str | None, amount: str) -> Line:
    return Line("r", product_id, None, None, "x", "kos", Decimal(amount), Decimal(1), "EX4" if product_id else None)


def test_apply_reservations() -> None:
    store, catalog = catalogue(count=20)
    wh = {w.mark: w.mk_id for w in store.warehouses.values()}
    service = catalog.services["DOSTAVA"].product_id
    a, b, c = (i.product_id for i in catalog.goods[:3])
    store.stock = [
        StockRow(wh["glavno"], a, Decimal(10), microlocation="A1"),
        StockRow(wh["glavno"], a, Decimal(4)),  # the row without microlocation takes the reservation
        StockRow(wh["glavno"], a, Decimal(2), microlocation="B2"),
        StockRow(wh["MB"], b, Decimal(1), microlocation="C3"),  # only rows with microlocation: the first one
        StockRow(wh["MB"], b, Decimal(1), microlocation="D4"),
    ]
    _order(store, "1", "new_order", "glavno", [_line(a, "3"), _line(service, "1"), _line(None, "0")])
    _order(store, "2", None, None, [_line(a, "2")])  # no status: still open; no warehouse: the main one
    _order(store, "3", "in_progress", "MB", [_line(b, "5"), _line(c, "1.5")])
    for n, status in enumerate(CLOSED_ORDER_STATUSES):
        _order(store, f"9{n}", status, "glavno", [_line(a, "100")])
    apply_reservations(store)
    reserved = {(r.warehouse_id, r.product_id, r.microlocation): r.reserved for r in store.stock}
    assert reserved == {
        (wh["glavno"], a, "A1"): 0, (wh["glavno"], a, None): 5, (wh["glavno"], a, "B2"): 0,
        (wh["MB"], b, "C3"): 5, (wh["MB"], b, "D4"): 0,
        (wh["MB"], c, None): Decimal("1.5"),  # a new empty row where the product had none
    }  # fmt: skip
    new_row = store.stock[-1]
    assert (new_row.product_id, new_row.amount) == (c, 0)
    assert not any(r.product_id == service for r in store.stock)
    assert set(CLOSED_ORDER_STATUSES) == {"shipped", "completed", "canceled"}


def test_most_over_reserved_rows_are_restocked_and_a_few_stay_back_orders() -> None:
    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.generator import generate

    store = generate(EmulatorConfig(scale="small", seed=3))
    reserved = [row for row in store.stock if row.reserved > 0]
    short = [row for row in reserved if row.amount - row.reserved < 0]
    assert len(reserved) > 100
    assert 0 < len(short) < len(reserved) * 0.3  # back orders exist, but most reservations are covered
    assert sum(row.reserved for row in reserved) > 0
