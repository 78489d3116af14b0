"""Tests for mkdesk.qt.tabs.contacts: partners listed lazily, search-as-you-type (accent-insensitive, debounced),
sorting by header, Enter opens the detail, links open documents."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from mkdesk.core.cache import repo_partners
from mkdesk.qt.tabs.contacts import ContactsTab


def test_first_page_and_first_row_detail(qtmodeltester, open_tab, cache_db, synced_cache):
    tab = open_tab(ContactsTab, cache_db)
    total = cache_db.read_sync(repo_partners.count_partners)
    assert tab.model.total == total and 0 < tab.model.rowCount() <= total
    assert tab.count_label.text() == f"{total} partners"
    first = cache_db.read_sync(lambda c: repo_partners.list_partners(c, limit=1))[0]
    assert tab.selected_key() == first.mk_id and tab.detail.title.text() == first.name
    qtmodeltester.check(tab.model)


def test_typing_searches_after_a_pause_and_finds_accented_names(qtbot, open_tab, cache_db, run_until):
    tab = open_tab(ContactsTab, cache_db)
    queries = []
    tab.model.loaded.connect(lambda: queries.append(tab.model.query.text))
    qtbot.keyClicks(tab.search, "kovac")
    run_until(lambda: queries)
    assert queries == ["kovac"]  # one query for five keystrokes (debounced)
    names = [tab.model.index(i, 0).data() for i in range(tab.model.rowCount())]
    assert any(n.startswith("Kovač") for n in names)
    run_until(lambda: tab.detail.title.text() == names[0])  # the best match is selected and shown
    tab.search.clear()
    qtbot.keyClicks(tab.search, "qqqxxzz")
    run_until(lambda: queries[-1] == "qqqxxzz" and not tab.model.loading)
    assert tab.model.rowCount() == 0 and tab.stack.currentWidget() is tab.empty
    assert "qqqxxzz" in tab.empty.text()


def test_header_click_sorts_through_the_repository(qtbot, open_tab, cache_db, run_until):
    tab = open_tab(ContactsTab, cache_db)
    city = [c.key for c in tab.model.columns].index("city")
    tab.table.horizontalHeader().setSortIndicator(city, Qt.SortOrder.DescendingOrder)
    run_until(lambda: tab.model.query.order == "city" and not tab.model.loading)
    expected = cache_db.read_sync(lambda c: repo_partners.list_partners(c, limit=5, order="city", descending=True))
    assert [tab.model.row_at(i).mk_id for i in range(5)] == [p.mk_id for p in expected]


def test_enter_opens_the_detail_and_document_links_ask_to_open(qtbot, open_tab, cache_db, synced_cache, run_until):
    tab = open_tab(ContactsTab, cache_db)
    with sqlite3.connect(synced_cache) as con:
        mk_id, = con.execute("SELECT partner_mk_id FROM documents WHERE is_unpaid = 1 LIMIT 1").fetchone()
    name = cache_db.read_sync(repo_partners.get_partner, mk_id).name
    tab.open_item(mk_id, name)
    run_until(lambda: tab.selected_key() == mk_id and tab.detail.key == mk_id and tab.detail.result is not None)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.detail.body.hasFocus() or tab.detail.isAncestorOf(tab.window().focusWidget())
    asked = []
    tab.open_requested.connect(lambda kind, key: asked.append((kind, key)))
    doc = tab.detail.result.detail.documents[0]
    tab.detail.body.anchorClicked.emit(__import__("PySide6.QtCore").QtCore.QUrl(f"doc:{doc.doc_type}:{doc.mk_id}"))
    assert asked == [("document", (doc.doc_type, doc.mk_id))]


def test_a_mail_link_change_reloads_only_the_detail(open_tab, cache_db, run_until):
    """New email links change the partner's email history, not the partner list: the detail reloads, rows stay."""
    from mkdesk.core.changes import ChangeSet

    tab = open_tab(ContactsTab, cache_db)
    refreshes, details = [], []
    original_refresh = tab.model.refresh
    tab.model.refresh = lambda *a, **k: (refreshes.append(1), original_refresh(*a, **k))
    tab.detail.loaded.connect(details.append)
    tab.apply_changes(ChangeSet.of("mail_links", inserted=2))
    run_until(lambda: details)
    assert details == [tab.selected_key()] and refreshes == []
    tab.apply_changes(ChangeSet.of("mail", inserted=2))  # messages alone: nothing here shows them
    assert refreshes == [] and len(details) == 1
