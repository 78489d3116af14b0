"""Emulator layer: demo-company catalogue generation (warehouses, pricelists, products, stock rows)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate

from mkdesk.emulator import names
from mkdesk.emulator.model import TAX_RATES, Pricelist, Product, StockRow, Store, Warehouse

Q4 = Decimal("0.0001")
Q2 = Decimal("0.01")
_MODEL_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"


@dataclass(frozen=True, slots=True)
class Item:
    """An immutable snapshot of a catalogue product, as derived document lines use it.

    Derived lines read these snapshots (never the live `Product`), so a later catalogue edit through the API does
    not rewrite the lines and sums of documents issued before it.
    """

    product_id: str
    count_code: str
    code: str
    name: str
    unit: str
    tax: str
    retail: Decimal  # net retail price (list "1"), or a base price when the product has none
    wholesale: Decimal | None  # net wholesale price (list "VP")
    service: bool


@dataclass(slots=True)
class Catalog:
    goods: list[Item]  # sellable goods in popularity order (most popular first)
    services: dict[str, Item]  # service code → item ("DOSTAVA", "MONTAZA-URA", ...)


def ean13(first12: str) -> str:
    """Append the EAN-13 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def build_warehouses(store: Store, count: int) -> None:
    specs = (
        ("glavno", "Glavno skladišče", "Letališka cesta 32", "1000", "Ljubljana", "Slovenija", True),
        ("MB", "Skladišče Maribor", "Tržaška cesta 63", "2000", "Maribor", "Slovenija", False),
        ("KP", "Skladišče Koper", "Ankaranska cesta 7", "6000", "Koper", None, False),
    )
    for mark, name, street, post, place, country, main in specs[:count]:
        mk_id = store.next_id("warehouse")
        store.warehouses[mk_id] = Warehouse(mk_id, mark, name, street, post, place, country, main)


def build_pricelists(store: Store, today: date) -> None:
    year_start = date(today.year, 1, 1)
    store.pricelists["1"] = Pricelist("1", f"MPC {today.year}", sales=True, gross=False, valid_from=year_start)
    store.pricelists["VP"] = Pricelist("VP", "Veleprodajne cene", sales=True, gross=False, valid_from=year_start)
    store.pricelists["NC"] = Pricelist("NC", "Nabavne cene", sales=False, gross=False)


def _model_code(rng: random.Random) -> str:
    letters = "".join(rng.choice(_MODEL_LETTERS) for _ in range(rng.choice((2, 3, 3, 4))))
    digits = str(rng.randint(10, 9999))
    tail = rng.choice(_MODEL_LETTERS) if rng.random() < 0.25 else ""
    return letters + digits + tail


def _nice_gross(value: float) -> Decimal:
    """A shelf price: 8.99, 149.90, 0.79 ..."""
    whole = int(value)
    if value >= 10:
        return Decimal(whole) + (Decimal("0.90") if whole % 3 == 0 else Decimal("0.99"))
    return Decimal(whole) + Decimal(int((value - whole) * 10)) / 10 + Decimal("0.09")


def build_products(store: Store, rng: random.Random, count: int) -> Catalog:
    services: dict[str, Item] = {}
    goods: list[Item] = []
    templates = names.PRODUCT_TEMPLATES
    cum = list(accumulate(t[8] for t in templates))
    seen_names: set[str] = set()
    seen_codes: set[str] = set()
    maker = f"383{rng.randint(1000, 9999)}"
    service_specs = names.SERVICES[: max(2, min(len(names.SERVICES), count // 5))]
    for code, name, unit, price, tax in service_specs:
        product = _add_product(store, code, name, unit, tax, "Storitve", service=True)
        net = Decimal(price)
        product.prices["1"] = net
        if code != "DOSTAVA":
            product.prices["VP"] = net
        services[code] = Item(product.mk_id, product.count_code, code, name, unit, tax, net, net, True)
        seen_codes.add(code)
    for index in range(count - len(service_specs)):
        for _attempt in range(12):
            template = rng.choices(templates, cum_weights=cum)[0]
            category, pattern, group, prefix, unit, (lo, hi), (wlo, whi), tax, _w = template
            model = _model_code(rng)
            brand = rng.choice(names.BRANDS[group]) if group else ""
            variant = rng.choice(names.VARIANTS[prefix]) if "{v}" in pattern else ""
            name = " ".join(pattern.format(brand=brand, model=model, v=variant).split())
            if name not in seen_names:
                break
        else:
            name = f"{name} {model}"
        seen_names.add(name)
        code = f"{prefix}-{model}" if "{model}" in pattern else f"{prefix}-{index + 1:05d}"
        while code in seen_codes:
            code = f"{prefix}-{model}{rng.randint(1, 99)}"[:20]
        seen_codes.add(code)
        product = _add_product(store, code, name, unit, tax, category, service=False)
        base = lo + (hi - lo) * rng.random() ** 1.6
        rate = TAX_RATES[tax]
        gross = _nice_gross(base)
        net = (gross / (1 + rate)).quantize(Q4)
        wholesale = (net * Decimal(str(round(rng.uniform(0.78, 0.9), 2)))).quantize(Q2)
        roll = rng.random()
        if roll >= 0.04:  # 4 % of the goods have no price on any list
            if roll < 0.93:
                product.prices["1"] = net
            if rng.random() < 0.85:
                product.prices["VP"] = wholesale
            if rng.random() < 0.8:
                product.prices["NC"] = (net * Decimal(str(round(rng.uniform(0.5, 0.7), 2)))).quantize(Q2)
        if rng.random() < 0.86:
            product.barcode = ean13(f"{maker}{index + 1:05d}")
        if rng.random() < 0.95:
            weight = rng.uniform(wlo, whi)
            product.weight = Decimal(str(round(weight, 3 if weight < 1 else 2)))
        if rng.random() < 0.2:
            product.min_stock = Decimal(rng.choice((2, 3, 5, 10, 20, 50)))
        if category == "Bela tehnika" and rng.random() < 0.5:
            warranty = rng.choice(("2 leti", "3 leta", "5 let"))
            product.name_desc = f"Energijski razred {rng.choice('ABCD')}, garancija {warranty}"
        product.eshop_sync = rng.random() < 0.4
        product.activated = rng.random() >= 0.02
        goods.append(Item(product.mk_id, product.count_code, code, name, unit, tax,
                          product.prices.get("1", net), product.prices.get("VP"), False))
    rng.shuffle(goods)  # popularity order: the first items sell most
    return Catalog(goods=goods, services=services)


def _add_product(store: Store, code: str, name: str, unit: str, tax: str, category: str, service: bool) -> Product:
    mk_id = store.next_id("product")
    count_code = f"PA-{1000 + store.next_number('product')}"
    product = Product(mk_id=mk_id, count_code=count_code, code=code, name=name, unit=unit, tax=tax,
                      category=category, service=service, purchasing=not service)
    store.products[mk_id] = product
    return product


def _amount(rng: random.Random, unit: str, low: int, high: int) -> Decimal:
    if unit in ("kg", "m"):
        digits = rng.choice((0, 1, 2))
        value = round(rng.uniform(low, high * 8), digits)
        return Decimal(int(value)) if digits == 0 else Decimal(str(value))
    return Decimal(int(low + (high - low) * rng.random() ** 2))


def build_stock(store: Store, rng: random.Random) -> None:
    """Stock rows per product × warehouse (× microlocation); services and some goods have none."""
    warehouses = list(store.warehouses.values())
    presence = (1.0, 0.75, 0.55)
    forced = 0
    for product in store.products.values():
        if product.service or rng.random() < 0.08:
            continue
        for w_index, warehouse in enumerate(warehouses):
            if rng.random() >= presence[w_index]:
                continue
            roll = rng.random()
            rows = 3 if roll < 0.03 else 2 if roll < 0.12 else 1
            if forced < 2 and w_index == 0:  # every company shows multi-row and negative stock
                rows = 2
            letters = rng.sample("ABCDEF", rows)
            for r in range(rows):
                micro = f"{letters[r]}{rng.randint(1, 9)}" if rows > 1 or rng.random() < 0.2 else None
                amount = _amount(rng, product.unit, 0, 60)
                if rng.random() < 0.015 or (forced == 1 and r == 1):
                    amount = -Decimal(rng.randint(1, 5))
                store.stock.append(StockRow(warehouse.mk_id, product.mk_id, amount, Decimal(0), micro))
            if rows > 1:
                forced += 1


#: order statuses after which an order no longer holds stock reserved (an order without status still holds it)
CLOSED_ORDER_STATUSES = ("shipped", "completed", "canceled")


#: share of over-reserved stock rows that purchasing has already restocked (the rest wait for goods: back orders)
RESTOCKED = 0.85


def apply_reservations(store: Store, rng: random.Random | None = None) -> None:
    """Reserve stock for every open sales order, on the row an API-created order would reserve on.

    The row is the product's row without microlocation in the order's warehouse (else its first row there, else a
    new empty row), so releasing a reservation when the order is closed later gives back exactly this amount. With
    `rng`, most rows whose orders reserve more than is there get restocked to cover them and some to spare, as a
    company's purchasing would; the others stay over-reserved (negative free stock, goods on order).
    """
    rows: dict[tuple[str, str], StockRow] = {}
    for row in store.stock:
        key = (row.warehouse_id, row.product_id)
        if key not in rows or (rows[key].microlocation is not None and row.microlocation is None):
            rows[key] = row
    by_mark = {w.mark: w.mk_id for w in store.warehouses.values()}
    main = store.main_warehouse().mk_id
    for doc in store.documents["sales_order"].values():
        if doc.status_desc in CLOSED_ORDER_STATUSES:
            continue
        warehouse_id = by_mark.get(doc.warehouse or "", main)
        for line in store.lines(doc):
            product = store.products.get(line.product_id or "")
            if product is None or product.service:
                continue
            row = rows.get((warehouse_id, product.mk_id))
            if row is None:
                row = StockRow(warehouse_id, product.mk_id, Decimal(0))
                store.stock.append(row)
                rows[(warehouse_id, product.mk_id)] = row
            row.reserved += line.amount
    if rng is None:
        return
    for row in rows.values():
        if row.reserved > row.amount >= 0 and rng.random() < RESTOCKED:
            product = store.products[row.product_id]
            row.amount = row.reserved + _amount(rng, product.unit, 0, 30)
