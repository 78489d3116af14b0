"""Emulator document helpers: status registers (values and labels), numbering, warehouse fallback, reservations."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from mkdesk.emulator import docs

from .conftest import hand_store


def test_status_resolution_and_register_error():
    store = hand_store()
    assert docs.resolve_status(store, "sales_order", "shipped", True) == ("shipped", "Odpremljen")
    assert docs.resolve_status(store, "sales_order", "Odpremljen", True) == ("shipped", "Odpremljen")
    assert docs.resolve_status(store, "sales_order", "Odpremljen", False) is None
    assert docs.resolve_status(store, "sales_bill_domestic", "created", False) == ("created", "Izdelan")
    error = docs.register_error(store, "sales_order", "x")
    assert error.code == "1" and "tipa 'Prodajna naročila - status'" in error.desc


def test_numbering():
    store = hand_store()
    assert docs.series_number(store, "sales_order", 2026) == "PP-2026-00001"
    assert docs.series_number(store, "sales_bill_domestic", 2026) == "1-MK-2026-0001"
    assert docs.auto_number(store, "sales_order") == "1/2026"
    assert docs.auto_number(store, "sales_order") == "2/2026"
    assert docs.count_code_taken(store, "sales_order", "SALES-1")


def test_warehouse_fallback():
    store = hand_store()
    assert docs.warehouse_for(store, "MP").mark == "MP"
    assert docs.warehouse_for(store, "nope").mark == "glavno"
    assert docs.warehouse_for(store, None).main


def test_reserve_and_release_never_go_negative():
    store = hand_store()
    order = next(iter(store.documents["sales_order"].values()))
    product_id = store.lines(order)[0].product_id
    rows = [r for r in store.stock if r.product_id == product_id and r.warehouse_id == "1600000301"]
    before = sum((r.reserved for r in rows), Decimal(0))
    docs.reserve(store, order, 1)
    assert sum((r.reserved for r in rows), Decimal(0)) == before + store.lines(order)[0].amount
    docs.reserve(store, order, -1)
    docs.reserve(store, order, -1)
    assert all(r.reserved >= 0 for r in store.stock)
    closed = replace(order, status_desc="canceled")
    assert not docs.holds_reservation(closed)
    bill = next(iter(store.documents["sales_bill_domestic"].values()))
    assert not docs.holds_reservation(bill) and not docs.bill_links(order)
