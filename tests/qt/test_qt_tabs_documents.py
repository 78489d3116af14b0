"""Tests for mkdesk.qt.tabs.documents: newest first, filters (type, status, date range, unpaid, overdue) agree with
the repository's counts, search by number, overdue rows marked, the detail follows the selection."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from mkdesk.core.cache.encode import BILL_TYPES
from mkdesk.core.cache.repo_documents import DocumentFilter, count_documents, list_documents
from mkdesk.qt.tabs.documents import DocumentsTab


def _settle(tab, run_until):
    run_until(lambda: not tab.model.loading)


def test_newest_first_with_the_first_document_shown(qtmodeltester, open_tab, cache_db):
    tab = open_tab(DocumentsTab, cache_db)
    newest = cache_db.read_sync(lambda c: list_documents(c, limit=3))
    assert [tab.model.row_at(i).mk_id for i in range(3)] == [d.mk_id for d in newest]
    assert tab.model.total == cache_db.read_sync(count_documents)
    assert tab.detail.key == (newest[0].doc_type, newest[0].mk_id)
    qtmodeltester.check(tab.model)


def test_filters_match_the_repository(open_tab, cache_db, run_until):
    tab = open_tab(DocumentsTab, cache_db)
    invoices = [label for label, types in tab._groups].index("Invoices")
    tab.doc_type.setCurrentIndex(invoices)
    _settle(tab, run_until)
    assert tab.model.total == cache_db.read_sync(count_documents, DocumentFilter(doc_types=BILL_TYPES))
    assert {tab.model.row_at(i).doc_type for i in range(tab.model.rowCount())} <= set(BILL_TYPES)
    tab.unpaid.setChecked(True)
    _settle(tab, run_until)
    unpaid = cache_db.read_sync(count_documents, DocumentFilter(doc_types=BILL_TYPES, unpaid=True))
    assert tab.model.total == unpaid > 0
    tab.overdue.setChecked(True)
    _settle(tab, run_until)
    overdue = cache_db.read_sync(count_documents, DocumentFilter(doc_types=BILL_TYPES, unpaid=True, overdue=True))
    assert tab.model.total == overdue and overdue <= unpaid
    if overdue:  # overdue rows are drawn in the warning colour
        assert tab.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    tab.unpaid.setChecked(False)
    tab.overdue.setChecked(False)
    tab.doc_type.setCurrentIndex(0)
    run_until(lambda: tab.status.count() > 1)  # statuses seen in the cache
    tab.status.setCurrentIndex(1)
    _settle(tab, run_until)
    status = tab.status.currentData()
    assert tab.model.total == cache_db.read_sync(count_documents, DocumentFilter(statuses=(status,))) > 0
    tab.status.setCurrentIndex(0)
    tab.date_from.setDate(QDate(2026, 1, 1))
    tab.date_to.setDate(QDate(2026, 1, 31))
    _settle(tab, run_until)
    january = DocumentFilter(date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))
    assert tab.model.total == cache_db.read_sync(count_documents, january)
    assert all(date(2026, 1, 1) <= tab.model.row_at(i).doc_date <= date(2026, 1, 31)
               for i in range(tab.model.rowCount()))


def test_search_by_number_selects_it(qtbot, open_tab, cache_db, run_until):
    tab = open_tab(DocumentsTab, cache_db)
    target = cache_db.read_sync(lambda c: list_documents(c, limit=1, offset=40))[0]
    qtbot.keyClicks(tab.search, target.count_code)
    run_until(lambda: tab.model.query.text == target.count_code and not tab.model.loading)
    assert tab.model.row_at(0).mk_id == target.mk_id
    run_until(lambda: tab.detail.key == (target.doc_type, target.mk_id) and tab.detail.result is not None)
    assert target.count_code in tab.detail.title.text()
