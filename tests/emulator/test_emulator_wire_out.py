"""Emulator wire_out: strings everywhere, omitted empties, dot/comma decimals, +02:00 dates, collapsing lists."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from mkdesk.emulator import wire_out
from mkdesk.emulator.model import TZ

from .conftest import hand_store


def test_number_formats():
    assert wire_out.dec(Decimal("30.00")) == "30"
    assert wire_out.dec(Decimal("24.590")) == "24.59"
    assert wire_out.dec(Decimal("100")) == "100"
    assert wire_out.dec(Decimal("-0.00")) == "0"
    assert wire_out.comma(Decimal("863.75")) == "863,75"
    assert wire_out.comma(Decimal("0.23")) == "0,23"
    assert wire_out.paid_amount(Decimal("1895.01")) == "1.895,01"
    assert wire_out.paid_amount(Decimal("1234567.5")) == "1.234.567,50"
    assert wire_out.paid_amount(Decimal("7")) == "7,00"


def test_dates_carry_a_literal_plus_two_all_year():
    assert wire_out.day(date(2026, 12, 27)) == "2026-12-27+02:00"
    winter = datetime(2026, 1, 15, 9, 5, 1, tzinfo=TZ)
    assert wire_out.ts(winter) == "2026-01-15T09:05:01+02:00"
    assert wire_out.dmy(date(2026, 3, 2)) == "02.03.2026"


def test_clean_omits_empty_values():
    assert wire_out.clean({"a": None, "b": "", "c": [], "d": {}, "e": "0", "f": "x"}) == {"e": "0", "f": "x"}


def test_one_or_list():
    assert wire_out.one_or_list([1], True) == 1
    assert wire_out.one_or_list([1], False) == [1]
    assert wire_out.one_or_list([1, 2], True) == [1, 2]


def _all_strings(value):
    if isinstance(value, dict):
        return all(_all_strings(v) for v in value.values())
    if isinstance(value, list):
        return all(_all_strings(v) for v in value)
    return isinstance(value, str) and value != ""


def test_document_is_strings_only_and_omits_sum_paid_when_unpaid():
    store = hand_store()
    unpaid = next(d for d in store.documents["sales_bill_domestic"].values() if not d.payments)
    data = wire_out.document(store, unpaid, {"show_tax_factor": True, "show_product_detail": True})
    assert _all_strings(data)
    assert "sum_paid" not in data and data["doc_date"].endswith("+02:00")
    line = data["product_list"][0]
    assert line["tax_factor"] in ("0.22", "0.05") and "mk_row_id" in line
    paid = next(d for d in store.documents["sales_bill_domestic"].values() if d.payments)
    data = wire_out.document(store, paid, {"show_payment_detail": True, "show_last_payment_date": True})
    assert data["sum_paid"] == data["sum_all"]
    assert "," in data["mark_paid"][0]["amount"] and len(data["last_paid_date"]) == 10
