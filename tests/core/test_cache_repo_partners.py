"""Tests for the partner repository: pages by offset and keyset in Slovenian name order, counts, lookup by email,
detail with documents and the open balance of unpaid bills."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_partners as R
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from tests.core.cache_data import FETCHED, document, partner

NAMES = ["Zupan", "Čeh", "Cvetko", "Adamič", "Žagar", "Šuštar", "Sever", "Dolenc", "Bizjak", "Erjavec", "Čeh"]


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    database.write_sync(U.upsert_partners, [partner(i, name) for i, name in enumerate(NAMES)], FETCHED)
    yield database
    database.close()


def test_pages_by_offset_and_keyset_agree(db: Database):
    everything = db.read_sync(lambda c: R.list_partners(c, limit=100))
    assert [p.name for p in everything] == ["Adamič", "Bizjak", "Cvetko", "Čeh", "Čeh", "Dolenc", "Erjavec", "Sever",
                                            "Šuštar", "Zupan", "Žagar"]
    by_offset, by_keyset, after = [], [], None
    for page in range(4):
        by_offset += db.read_sync(lambda c, o=page * 3: R.list_partners(c, limit=3, offset=o))
        chunk = db.read_sync(lambda c, a=after: R.list_partners(c, limit=3, after=a))
        by_keyset += chunk
        after = chunk[-1] if chunk else after
    assert by_offset == by_keyset == list(everything)
    assert db.read_sync(lambda c: R.list_partners(c, after=everything[-1])) == ()
    assert db.read_sync(R.count_partners) == len(NAMES)
    with pytest.raises(ValueError):
        db.read_sync(lambda c: R.list_partners(c, limit=0))


def test_row_fields(db: Database):
    row = db.read_sync(lambda c: R.list_partners(c, limit=1))[0]
    assert (row.name, row.city, row.country, row.email, row.phone) == (
        "Adamič", "Ljubljana", "Slovenija", "ana3@firma3.si", "+386 41 123 456")
    assert row.tax_id_number == "SI10000003" and row.buyer is True and row.supplier is False


def test_lookup_by_email_and_ids(db: Database):
    found = db.read_sync(R.partners_by_email, " MARKO4@Firma4.si ")
    assert [p.name for p in found] == ["Žagar"]
    assert db.read_sync(R.partners_by_email, "nobody@x.si") == ()
    assert [p.name for p in db.read_sync(R.partners_by_mk_ids, [partner(0).mk_id, partner(3).mk_id, "x"])] == [
        "Adamič", "Zupan"]


def test_detail_with_documents_and_open_balance(db: Database):
    p = partner(2, "Cvetko")
    docs = [
        document(1, "sales_bill_domestic", 2, sum_all=Decimal("100.10"), sum_paid=Decimal("0"), due_date=date(2026, 1, 1)),
        document(2, "sales_bill_foreign", 2, sum_all=Decimal("50.05"), sum_paid=Decimal("25"), due_date=date(2027, 1, 1)),
        document(3, "sales_bill_retail", 2, sum_all=Decimal("10"), sum_paid=Decimal("10")),  # paid
        document(4, "sales_order", 2, sum_all=Decimal("999"), sum_paid=Decimal("0")),  # orders are not owed
        document(5, "sales_bill_credit_note", 2, sum_all=Decimal("-5"), sum_paid=Decimal("0")),
        document(6, "sales_bill_domestic", 3, sum_all=Decimal("7"), sum_paid=Decimal("0")),  # someone else's
    ]
    db.write_sync(U.upsert_documents, docs, FETCHED)
    detail = db.read_sync(lambda c: R.partner_detail(c, p.mk_id, today=date(2026, 6, 1)))
    assert detail.partner == p
    assert detail.open_balance == Decimal("125.15")
    assert (detail.unpaid_count, detail.overdue_count, detail.document_count) == (2, 1, 5)
    assert len(detail.documents) == 5 and all(d.partner_mk_id == p.mk_id for d in detail.documents)
    assert detail.fetched_at == FETCHED
    assert db.read_sync(lambda c: R.partner_detail(c, p.mk_id, documents_limit=2)).documents == detail.documents[:2]
    empty = db.read_sync(R.partner_detail, partner(9).mk_id)
    assert empty.open_balance == Decimal(0) and empty.documents == ()
    assert db.read_sync(R.partner_detail, "missing") is None


def test_lookup_by_email_domain(db: Database):
    assert [p.name for p in db.read_sync(R.partners_by_email_domain, "FIRMA4.si")] == ["Žagar"]
    assert [p.name for p in db.read_sync(R.partners_by_email_domain, "@firma4.si")] == ["Žagar"]
    assert db.read_sync(R.partners_by_email_domain, "irma4.si") == ()  # a whole domain, not a suffix
    assert db.read_sync(R.partners_by_email_domain, "%") == () and db.read_sync(R.partners_by_email_domain, " ") == ()


def test_monthly_revenue_is_exact_per_month_and_currency(db: Database):
    p = partner(2)
    docs = [
        document(1, "sales_bill_domestic", 2, doc_date=date(2026, 1, 5), sum_all=Decimal("100.10")),
        document(2, "sales_bill_retail", 2, doc_date=date(2026, 1, 31), sum_all=Decimal("0.20")),
        document(3, "sales_bill_credit_note", 2, doc_date=date(2026, 1, 20), sum_all=Decimal("-10.05")),
        document(4, "sales_bill_foreign", 2, doc_date=date(2026, 3, 1), sum_all=Decimal("5"), currency="USD"),
        document(5, "sales_order", 2, doc_date=date(2026, 2, 1), sum_all=Decimal("999")),  # not revenue
        document(6, "sales_bill_domestic", 2, doc_date=date(2025, 12, 31), sum_all=Decimal("1")),
    ]
    db.write_sync(U.upsert_documents, docs, FETCHED)
    months = db.read_sync(lambda c: R.monthly_revenue(c, p.mk_id, since=date(2026, 1, 1)))
    assert months == (R.MonthlyRevenue(date(2026, 1, 1), "EUR", Decimal("90.25")),
                      R.MonthlyRevenue(date(2026, 3, 1), "USD", Decimal("5")))
    assert len(db.read_sync(R.monthly_revenue, p.mk_id)) == 3


def test_pages_sorted_by_another_column(db: Database):
    by_name_desc = db.read_sync(lambda c: R.list_partners(c, descending=True))
    assert [p.name for p in by_name_desc][:3] == ["Žagar", "Zupan", "Šuštar"]
    by_code = db.read_sync(lambda c: R.list_partners(c, order="count_code"))
    assert [p.count_code for p in by_code] == sorted(p.count_code for p in by_code)
    paged = db.read_sync(lambda c: R.list_partners(c, order="count_code", limit=4, offset=4))
    assert paged == by_code[4:8]
    with pytest.raises(KeyError):
        db.read_sync(lambda c: R.list_partners(c, order="name; DROP TABLE partners"))
