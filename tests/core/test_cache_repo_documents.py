"""Tests for the document repository: filters (type, status, dates, partner, unpaid, overdue, text), pages by offset
and keyset (undated documents last), counts, search, detail with linked documents, seen statuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_documents as R
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.models import DocLink
from tests.core.cache_data import FETCHED, document, partner

TODAY = date(2026, 3, 20)


def _docs():
    docs = []
    for i in range(1, 31):
        doc_type = ("sales_order", "sales_offer", "sales_bill_domestic")[i % 3]
        paid = Decimal("0") if i % 2 else Decimal("1921.50")
        docs.append(document(i, doc_type, partner_i=1 + i % 4, sum_paid=paid, due_date=date(2026, 3, i % 28 + 1),
                             status_code="Novo" if i % 5 else "Odpremljen",
                             status_desc="new_order" if i % 5 else "shipped"))
    docs.append(document(40, "sales_order", doc_date=None, partner_i=1))
    docs.append(document(41, "sales_order", doc_date=None, partner_i=1))
    return docs


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    database = Database.open(tmp_path_factory.mktemp("docs") / "cache.sqlite")
    database.write_sync(U.upsert_documents, _docs(), FETCHED)
    yield database
    database.close()


def _ids(rows) -> list[str]:
    return [r.mk_id for r in rows]


def _expected(pred) -> list[str]:
    dated = sorted((d for d in _docs() if d.doc_date is not None and pred(d)), key=lambda d: (d.doc_date, d.mk_id),
                   reverse=True)
    undated = sorted((d for d in _docs() if d.doc_date is None and pred(d)), key=lambda d: d.mk_id, reverse=True)
    return [d.mk_id for d in dated + undated]


@pytest.mark.parametrize(
    ("flt", "pred"),
    [
        (R.DocumentFilter(), lambda d: True),
        (R.DocumentFilter(doc_types=("sales_order",)), lambda d: d.doc_type == "sales_order"),
        (R.DocumentFilter(statuses=("shipped",)), lambda d: d.status_desc == "shipped"),
        (R.DocumentFilter(statuses=("Odpremljen",)), lambda d: d.status_code == "Odpremljen"),
        (R.DocumentFilter(date_from=date(2026, 3, 5), date_to=date(2026, 3, 10)),
         lambda d: d.doc_date is not None and date(2026, 3, 5) <= d.doc_date <= date(2026, 3, 10)),
        (R.DocumentFilter(partner_mk_id=partner(2).mk_id), lambda d: d.partner.mk_id == partner(2).mk_id),
        (R.DocumentFilter(unpaid=True), lambda d: d.doc_type == "sales_bill_domestic" and d.sum_paid == 0),
        (R.DocumentFilter(overdue=True, today=TODAY),
         lambda d: d.doc_type == "sales_bill_domestic" and d.sum_paid == 0 and d.due_date < TODAY),
        (R.DocumentFilter(doc_types=("sales_order", "sales_offer"), partner_mk_id=partner(1).mk_id),
         lambda d: d.doc_type != "sales_bill_domestic" and d.partner.mk_id == partner(1).mk_id),
        (R.DocumentFilter(text="web 12"), lambda d: d.buyer_order == "WEB-12"),
        (R.DocumentFilter(text='"*'), lambda d: False),
    ],
)
def test_filters_pages_and_counts(db: Database, flt: R.DocumentFilter, pred):
    expected = _expected(pred)
    assert _ids(db.read_sync(lambda c: R.list_documents(c, flt, limit=1000))) == expected
    assert db.read_sync(R.count_documents, flt) == len(expected)
    keyset, after = [], None
    while chunk := db.read_sync(lambda c, a=after: R.list_documents(c, flt, limit=4, after=a)):
        keyset += _ids(chunk)
        after = chunk[-1]
    assert keyset == expected
    offset = [m for page in range(0, len(expected) + 4, 4)
              for m in _ids(db.read_sync(lambda c, o=page: R.list_documents(c, flt, limit=4, offset=o)))]
    assert offset == expected


def test_row_values_and_overdue(db: Database):
    row = db.read_sync(lambda c: R.list_documents(c, R.DocumentFilter(overdue=True, today=TODAY), limit=1))[0]
    assert row.is_unpaid and row.is_overdue(TODAY) and not row.is_overdue(date(2026, 1, 1))
    assert row.sum_all == Decimal("1921.50") and row.open_balance == Decimal("1921.50")
    assert row.partner_name and row.status_code and row.currency == "EUR"


def test_search_and_detail_with_links(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        order = document(1, "sales_order", links=(DocLink(document(2).mk_id, "2026-00002", "sales_bill_domestic"),))
        bill = document(2, "sales_bill_domestic", links=(DocLink(order.mk_id, order.count_code, "sales_order"),
                                                         DocLink("400", "missing", "sales_offer")))
        db.write_sync(U.upsert_documents, [order, bill], FETCHED)
        detail = db.read_sync(R.document_detail, bill.mk_id, "sales_bill_domestic")
        assert detail.document == bill and detail.fetched_at == FETCHED
        assert [(r.mk_id, r.doc_type) for r in detail.linked] == [(order.mk_id, "sales_order")]
        assert db.read_sync(R.document_detail, bill.mk_id, "sales_order") is None
        assert db.read_sync(R.document_detail, order.mk_id).document == order
        assert _ids(db.read_sync(R.search_documents, "WEB-1")) [:1] == [order.mk_id]
        assert _ids(db.read_sync(lambda c: R.search_documents(c, "dokument", doc_types=("sales_order",)))) == [
            order.mk_id]
        assert db.read_sync(R.search_documents, "--") == ()


def test_statuses_seen(db: Database):
    assert db.read_sync(R.document_statuses, "sales_order") == (("Izdelan", "created"), ("Novo", "new_order"),
                                                                ("Odpremljen", "shipped"))


def test_lookup_by_exact_number_or_buyer_order(db: Database):
    found = db.read_sync(R.documents_by_number, ["2026-00012", "web-7", "2026-00012", " ", "NEAR("])
    assert {r.mk_id for r in found} == {document(12).mk_id, document(7).mk_id}
    assert db.read_sync(R.documents_by_number, ["2026-0001"]) == ()  # a prefix is not a number


def test_document_index_follows_changes(tmp_path: Path):
    with Database.open(tmp_path / "cache.sqlite") as db:
        db.write_sync(U.upsert_documents, [document(1, title="Stara ponudba")], FETCHED)
        assert _ids(db.read_sync(R.search_documents, "stara")) == [document(1).mk_id]
        db.write_sync(U.upsert_documents, [document(1, title="Nova ponudba")], FETCHED)
        assert db.read_sync(R.search_documents, "stara") == ()
        assert _ids(db.read_sync(R.search_documents, "nova pon")) == [document(1).mk_id]
        db.write_sync(U.delete_ids, "documents", [document(1).mk_id], "sales_bill_domestic")
        assert db.read_sync(R.search_documents, "nova") == ()
        db.write_sync(lambda c: c.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"))


def test_short_numbers_match_whole_numbers_in_document_search(db: Database):
    # "2" is a whole number here (its title, or partner "Partner 2"), not the prefix of every "2026-…" number
    found = {r.mk_id for r in db.read_sync(lambda c: R.search_documents(c, "Dokument 2", limit=100))}
    assert found == {document(i).mk_id for i in range(1, 31) if i == 2 or i % 4 == 1}
    assert set(_ids(db.read_sync(R.search_documents, "2026-0001"))) == {document(i).mk_id for i in range(10, 20)}


def test_recent_purchases_of_a_partner(db: Database):
    lines = db.read_sync(lambda c: R.recent_purchases(c, partner(2).mk_id, limit=5))
    mine = sorted((d for d in _docs() if d.partner.mk_id == partner(2).mk_id and d.doc_type != "sales_offer"),
                  key=lambda d: (d.doc_date, d.mk_id), reverse=True)
    expected = [(d.mk_id, ln.code) for d in mine for ln in d.lines if ln.code][:5]
    assert [(r.doc_mk_id, r.code) for r in lines] == expected
    assert lines[0].amount == Decimal("2") and lines[0].doc_type in ("sales_order", "sales_bill_domestic")
    assert db.read_sync(R.recent_purchases, "nobody") == ()


def test_pages_sorted_by_another_column(db: Database):
    by_total = db.read_sync(lambda c: R.list_documents(c, order="sum_all", descending=False, limit=100))
    totals = [r.sum_all for r in by_total if r.sum_all is not None]
    assert totals == sorted(totals)
    bills = R.DocumentFilter(doc_types=("sales_bill_domestic",))
    by_number = db.read_sync(lambda c: R.list_documents(c, bills, order="count_code", descending=False))
    assert [r.count_code for r in by_number] == sorted(r.count_code for r in by_number)
    assert {r.doc_type for r in by_number} == {"sales_bill_domestic"}
    page = db.read_sync(lambda c: R.list_documents(c, bills, order="count_code", descending=False, limit=3, offset=2))
    assert page == by_number[2:5]


@pytest.mark.parametrize(
    ("flt", "pred"),
    [
        (R.DocumentFilter(text="dokument"), lambda d: d.title is not None),
        (R.DocumentFilter(text="web 12"), lambda d: d.buyer_order == "WEB-12"),
        (R.DocumentFilter(text="dokument", doc_types=("sales_order",)),
         lambda d: d.title is not None and d.doc_type == "sales_order"),
        (R.DocumentFilter(text="d", partner_mk_id=partner(1).mk_id), lambda d: d.partner.mk_id == partner(1).mk_id),
    ],
)
def test_search_pages_are_the_same_whether_matches_are_walked_or_looked_up(db: Database, monkeypatch, flt, pred):
    """Many matches walk the date index, few are looked up by row id (`DENSE_MATCHES`): the same rows, in order."""
    expected = _expected(pred)
    assert expected
    for dense_from in (1, 10_000):  # every search dense / every search sparse
        monkeypatch.setattr(R, "DENSE_MATCHES", dense_from)
        assert _ids(db.read_sync(lambda c: R.list_documents(c, flt, limit=1000))) == expected
        assert db.read_sync(R.count_documents, flt) == len(expected)
        offset = [m for page in range(0, len(expected), 7)
                  for m in _ids(db.read_sync(lambda c, o=page: R.list_documents(c, flt, limit=7, offset=o)))]
        assert offset == expected
        keyset, after = [], None
        while chunk := db.read_sync(lambda c, a=after: R.list_documents(c, flt, limit=5, after=a)):
            keyset += _ids(chunk)
            after = chunk[-1]
        assert keyset == expected
        by_number = db.read_sync(lambda c: R.list_documents(c, flt, order="count_code", descending=False))
        assert [r.count_code for r in by_number] == sorted(r.count_code for r in by_number)


def test_search_plan_follows_the_number_of_matches(db: Database, monkeypatch):
    def plan(text: str) -> str:
        def explain(conn):
            where, params = R._where(R.DocumentFilter(text=text))
            table = R._table(conn, where, params)
            sql = f"EXPLAIN QUERY PLAN SELECT d.id FROM {table} WHERE {' AND '.join(where)} ORDER BY d.doc_date DESC"
            return " | ".join(str(r[-1]) for r in conn.exec_driver_sql(sql, tuple(params)).fetchall())
        return db.read_sync(explain)

    monkeypatch.setattr(R, "DENSE_MATCHES", 5)
    assert "ix_documents_date" in plan("dokument")  # 32 matches: walk the newest first, keep the matches
    few = plan("web 12")  # one match: look it up by row id, sort the few
    assert "INTEGER PRIMARY KEY" in few and "ix_documents_date" not in few


def test_documents_index_has_short_prefix_indexes(db: Database):
    sql = db.read_sync(lambda c: c.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").scalar_one())
    assert "prefix = '1 2 3'" in sql
