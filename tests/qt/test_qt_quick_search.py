"""Tests for mkdesk.qt.quick_search: one box over partners, products and documents; keyboard navigation; Enter opens
the chosen item; stale results dropped."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mkdesk.core.cache.repo_documents import list_documents
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.quick_search import HIT_ROLE, QuickSearch


def _hits(popup):
    return [popup.results.item(i).data(HIT_ROLE) for i in range(popup.results.count())
            if popup.results.item(i).data(HIT_ROLE) is not None]


def test_typing_lists_all_kinds_and_enter_opens(qtbot, cache_db, run_until):
    popup = QuickSearch(Bridge(), cache_db)
    qtbot.addWidget(popup)
    popup.popup()
    shown = []
    popup.results_shown.connect(shown.append)
    qtbot.keyClicks(popup.edit, "kovac")
    run_until(lambda: shown)
    assert shown == ["kovac"]  # debounced: one search for the whole word
    hits = _hits(popup)
    assert hits and hits[0].kind == "partner"
    assert popup.results.currentItem().data(HIT_ROLE) == hits[0]
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    assert popup.results.currentItem().data(HIT_ROLE) == hits[1]
    qtbot.keyClick(popup.edit, Qt.Key.Key_Up)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Up)  # stays on the first hit (headers are skipped)
    assert popup.results.currentItem().data(HIT_ROLE) == hits[0]
    opened = []
    popup.open_requested.connect(lambda kind, key, text: opened.append((kind, key, text)))
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert opened == [("partner", hits[0].key, hits[0].search_text)] and not popup.isVisible()


def test_document_number_and_enter_before_results(qtbot, cache_db, run_until):
    doc = cache_db.read_sync(lambda c: list_documents(c, limit=1, offset=10))[0]
    popup = QuickSearch(Bridge(), cache_db)
    qtbot.addWidget(popup)
    popup.popup()
    opened = []
    popup.open_requested.connect(lambda kind, key, text: opened.append((kind, key, text)))
    popup.edit.setText("zzzz-nothing")
    popup.search_now()
    popup.edit.setText(doc.count_code)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)  # before the results: the best one opens when they arrive
    run_until(lambda: opened)
    assert opened == [("document", (doc.doc_type, doc.mk_id), doc.count_code)]
    run_until(lambda: not popup._bridge.busy)
