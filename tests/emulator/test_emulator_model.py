"""Tests for mkdesk.emulator.model: id allocation, numbering series, document sums, derived content, lookups."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from mkdesk.emulator.model import (
    TAX_RATES,
    TZ,
    Address,
    DocPartner,
    Document,
    Line,
    Partner,
    Payment,
    Product,
    Store,
    Sums,
    Warehouse,
    compute_sums,
    money,
)

D = Decimal


def store() -> Store:
    return Store("4711", "key", date(2026, 3, 2))


def line(price: str, amount: str = "1", tax: str | None = "EX4", discount: str = "0", n: int = 1) -> Line:
    return Line(f"r{n}", "p1", "PA-1", "C1", "Item", "kos", D(amount), D(price), tax, discount=D(discount))


def text_line(n: int = 9) -> Line:
    return Line(f"r{n}", None, None, None, "Dostava po dogovoru.", None, D(0), D(0), None)


def doc(seed: int = 7, doc_type: str = "sales_bill_domestic", **kw) -> Document:
    partner = DocPartner("1", "2", "1/2026", "Kovač d.o.o.", "Ulica 1", "1000", "Ljubljana", "Slovenia", "SI",
                         True, True, False)
    ts = datetime(2026, 3, 1, 10, 0, tzinfo=TZ)
    return Document("400001000001", doc_type, "1-MK-2026-0001", date(2026, 3, 1), partner, ts, ts, seed=seed, **kw)


# ----- ids and numbering -----------------------------------------------------------------------------------------
def test_next_id_starts_after_the_kind_base_and_increments() -> None:
    s = store()
    assert s.next_id("partner") == "400071680001"
    assert s.next_id("partner") == "400071680002"
    assert s.next_id("product") == "1600550001"  # kinds are independent
    assert s.next_id("row") == "228000000001"
    assert s.next_id("sales_order") == "400000010001"
    assert s.next_id("partner") == "400071680003"
    with pytest.raises(KeyError):
        s.next_id("no_such_kind")


def test_reserve_id_only_moves_forward() -> None:
    s = store()
    s.reserve_id("product", 1600550100)
    assert s.next_id("product") == "1600550101"
    s.reserve_id("product", 1600550050)  # lower: ignored
    assert s.next_id("product") == "1600550102"
    s.reserve_id("contact", 5)  # below the base: the base still applies
    assert s.next_id("contact") == "400093000001"


def test_ids_of_all_document_kinds_are_disjoint_for_a_large_company() -> None:
    s = store()
    kinds = ("sales_offer", "sales_order", "sales_bill_domestic", "sales_bill_foreign", "sales_bill_retail",
             "sales_bill_credit_note", "sales_bill_prepaid")
    firsts = sorted(int(s.next_id(k)) for k in kinds)
    assert all(b - a >= 150_000 for a, b in zip(firsts, firsts[1:], strict=False))


def test_number_series_are_independent_and_never_go_back() -> None:
    s = store()
    assert [s.next_number("PP-2026") for _ in range(3)] == [1, 2, 3]
    assert s.next_number("PP-2025") == 1
    s.set_number("PP-2026", 10)
    assert s.next_number("PP-2026") == 11
    s.set_number("PP-2026", 4)  # lower: keeps 11
    assert s.next_number("PP-2026") == 12
    s.set_number("partner", 814)
    assert s.next_number("partner") == 815


# ----- money and sums --------------------------------------------------------------------------------------------
def test_money_rounds_half_up_away_from_zero() -> None:
    assert money(D("0.125")) == D("0.13")  # banker's rounding would give 0.12
    assert money(D("0.135")) == D("0.14")
    assert money(D("-0.125")) == D("-0.13")
    assert money(D("2.004999")) == D("2.00")
    assert str(money(D(5))) == "5.00"


def test_tax_rates() -> None:
    assert TAX_RATES == {"EX4": D("0.22"), "EX3": D("0.095"), "EX5": D("0.05"), "EX0": D(0)}


def test_sums_single_line_half_up() -> None:
    sums = compute_sums([line("0.125")])
    assert sums == Sums(basic=D("0.13"), discount=D("0.00"), tax={"EX4": D("0.03")}, all=D("0.16"))


def test_tax_rounded_per_code_not_per_line() -> None:
    # each line carries 0.0055 tax; per line that would round to 0.01 + 0.01, per code 0.011 → 0.01
    sums = compute_sums([line("0.025", n=1), line("0.025", n=2)])
    assert sums.tax == {"EX4": D("0.01")}
    assert sums.basic == D("0.05") and sums.all == D("0.06")


def test_sums_per_tax_code() -> None:
    lines = [line("10", "2", "EX4", n=1), line("10", "1", "EX3", n=2), line("3.33", "3", "EX5", n=3),
             line("100", "1", "EX0", n=4), line("5", "1", "EX4", n=5)]
    sums = compute_sums(lines)
    assert sums.tax == {"EX0": D("0.00"), "EX3": D("0.95"), "EX4": D("5.50"), "EX5": D("0.50")}
    assert list(sums.tax) == sorted(sums.tax)  # codes sorted
    assert sums.basic == D("144.99")  # 20 + 10 + 9.99 + 100 + 5
    assert sums.all == D("151.94")


def test_line_discount() -> None:
    lines = [line("50", "2", discount="10", n=1), line("19.99", "3", discount="15", n=2)]
    assert lines[0].net_total() == D("90")
    sums = compute_sums(lines)
    # 2 × 50 × 0.9 = 90; 3 × 19.99 × 0.85 = 50.9745
    assert sums.basic == D("140.97")
    assert sums.discount == D("19.00")  # 10 + 8.9955
    assert sums.tax == {"EX4": D("31.01")}  # 140.9745 × 0.22 = 31.01439
    assert sums.all == D("171.98")


def test_document_discount_value_subtracted_from_the_gross_total() -> None:
    sums = compute_sums([line("100")], discount_value=D("3"))
    assert sums.basic == D("100.00") and sums.tax == {"EX4": D("22.00")}
    assert sums.all == D("119.00")
    assert compute_sums([line("100")], None).all == D("122.00")


def test_text_lines_do_not_count() -> None:
    assert compute_sums([text_line()]) == Sums(D("0.00"), D("0.00"), {}, D("0.00"))
    assert compute_sums([line("10"), text_line()]) == compute_sums([line("10")])


def test_unknown_tax_code_taxed_at_zero() -> None:
    sums = compute_sums([line("10", tax="EX9")])
    assert sums.tax == {"EX9": D("0.00")} and sums.all == D("10.00")


def test_credit_note_sums_are_negative() -> None:
    sums = compute_sums([line("0.125", "-1")])
    assert sums.basic == D("-0.13") and sums.tax == {"EX4": D("-0.03")} and sums.all == D("-0.16")


# ----- derived lines and payments ----------------------------------------------------------------------------------
def _factories(s: Store, calls: list[str]) -> None:
    def lines(d: Document) -> list[Line]:
        calls.append("lines")
        return [line("10", n=d.seed), line("5", "2", "EX3", n=d.seed + 1)]

    def payments(d: Document, sums: Sums) -> list[Payment]:
        calls.append("payments")
        return [Payment(d.doc_date, sums.all)]

    s.line_factory = lines
    s.payment_factory = payments


def test_without_factories_derived_content_is_empty() -> None:
    s = store()
    d = doc()
    assert s.lines(d) == [] and s.payments(d) == []
    assert s.sums(d) == Sums(D("0.00"), D("0.00"), {}, D("0.00"))


def test_explicit_lines_and_payments_win_over_factories() -> None:
    s = store()
    calls: list[str] = []
    _factories(s, calls)
    d = doc(lines=[], payments=[])
    assert s.lines(d) == [] and s.payments(d) == [] and calls == []
    d.lines = [line("1")]
    assert s.sums(d).all == D("1.22")


def test_derived_content_and_sums() -> None:
    s = store()
    calls: list[str] = []
    _factories(s, calls)
    d = doc(discount_value=D("1"))
    assert [x.mk_row_id for x in s.lines(d)] == ["r7", "r8"]
    sums = s.sums(d)
    assert sums.basic == D("20.00") and sums.tax == {"EX3": D("0.95"), "EX4": D("2.20")}
    assert sums.all == D("22.15")
    assert s.payments(d) == [Payment(d.doc_date, D("22.15"))]
    assert d.lines is None and d.payments is None  # nothing stored by reading


def test_materialize_pins_lines_and_payments() -> None:
    s = store()
    calls: list[str] = []
    _factories(s, calls)
    d = doc()
    s.materialize(d)
    assert d.lines is not None and d.payments is not None
    assert [x.price for x in d.lines] == [D("10"), D("5")]
    assert d.payments == [Payment(d.doc_date, D("23.15"))]
    calls.clear()
    s.line_factory = None
    s.payment_factory = None
    assert s.lines(d) is d.lines and s.payments(d) is d.payments and calls == []
    d.lines.append(line("100", n=99))  # a later write changes the pinned lines
    assert s.sums(d).all == D("145.15")
    s.materialize(d)  # pinning again keeps what is there
    assert len(d.lines) == 3 and d.payments == [Payment(d.doc_date, D("23.15"))]


def test_materialize_keeps_explicit_lines_and_derives_payments_from_them() -> None:
    s = store()
    calls: list[str] = []
    _factories(s, calls)
    d = doc(lines=[line("1")])
    s.materialize(d)
    assert calls == ["payments"]
    assert d.lines == [line("1")] and d.payments == [Payment(d.doc_date, D("1.22"))]


def test_materialize_without_factories_pins_empty_lists() -> None:
    s = store()
    d = doc()
    s.materialize(d)
    assert d.lines == [] and d.payments == []


# ----- lookups -----------------------------------------------------------------------------------------------------
def test_lookups() -> None:
    s = store()
    a, b = doc(), doc(doc_type="sales_order")
    b.mk_id = "400000010001"
    s.documents["sales_bill_domestic"][a.mk_id] = a
    s.documents["sales_order"][b.mk_id] = b
    assert s.find_document(a.mk_id) is a and s.find_document(b.mk_id) is b
    assert s.find_document("1") is None
    assert list(s.all_documents()) == [b, a]  # in SALES_DOC_TYPES order
    s.products["1"] = Product("1", "PA-1", "A-1", "A", "kos", "EX4", "X")
    s.products["2"] = Product("2", "PA-2", "B-1", "B", "kos", "EX4", "X")
    assert s.product_by_code("B-1") is s.products["2"] and s.product_by_code("b-1") is None


def test_main_warehouse_falls_back_to_the_first() -> None:
    s = store()
    s.warehouses["1"] = Warehouse("1", "A", "A", "S", "1000", "Ljubljana", "Slovenija", main=False)
    s.warehouses["2"] = Warehouse("2", "B", "B", "S", "1000", "Ljubljana", None, main=False)
    assert s.main_warehouse().mk_id == "1"
    s.warehouses["2"].main = True
    assert s.main_warehouse().mk_id == "2"


def test_billing_address_prefers_the_invoice_address() -> None:
    delivery = Address("a1", "Dobava", "Cesta 1", "2000", "Maribor", "Slovenija")
    billing = Address("a2", "Račun", "Cesta 2", "1000", "Ljubljana", "Slovenija")
    p = Partner("1", "1/2026", "X", True, True, False, None, None, True, False, [delivery, billing])
    assert p.billing_address() is billing
    p.addresses = [delivery]
    assert p.billing_address() is delivery


def test_now_is_ljubljana_time_to_the_second() -> None:
    now = store().now()
    assert now.tzinfo is TZ and now.microsecond == 0
