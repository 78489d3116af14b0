"""Tests for mkdesk.bench.search_probe: letters typed as key events, a keystroke timed after its debounce, and the
documents table opened over every cached document."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLineEdit

from mkdesk.bench import search_probe


def test_type_letter_sends_any_unicode_letter(qapp, qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for letter in "Kovač-Ž 7/":
        search_probe.type_letter(edit, letter)
    assert edit.text() == "Kovač-Ž 7/"


@pytest.fixture
def session(qloop, tiny_cache, tmp_path):
    from mkdesk.core.cache import Database
    from mkdesk.qt.bridge import Bridge
    from mkdesk.qt.main_window import MainWindow

    shutil.copyfile(tiny_cache, tmp_path / "cache.sqlite3")
    db = Database.open(tmp_path / "cache.sqlite3")
    bridge = Bridge()
    window = MainWindow()
    window.show()
    window.attach(bridge, db)
    from mkdesk.bench.gui_probe import wait_for

    wait_for(qloop, lambda: not bridge.busy and all(t.model.ever_loaded for t in window.browse.values()))
    yield SimpleNamespace(window=window, bridge=bridge, db=db)
    qloop.run_until_complete(bridge.shutdown())
    window.close()
    db.close()


def test_each_keystroke_is_timed_after_its_debounce(qloop, session):
    from mkdesk.core.cache import repo_partners
    from mkdesk.qt.tabs.browse import SEARCH_DELAY_MS

    name = session.db.read_sync(lambda c: repo_partners.list_partners(c, limit=1))[0].name
    text = name.split()[0][:4]
    figures = search_probe.search_figures(qloop, session, {"contacts": [text]})
    assert figures["search_keystrokes"] == len(text)
    assert figures["search_per_tab"]["contacts"]["keystrokes"] == len(text)
    assert 0 < figures["search_p50_ms"] <= figures["search_p95_ms"] < 5000
    assert SEARCH_DELAY_MS * 0.5 < figures["search_debounce_ms"] < SEARCH_DELAY_MS * 4
    tab = session.window.browse["contacts"]
    assert tab.search.text() == "" and tab._debounce.receivers("2timeout()") == 1  # the tab's own slot only


def test_documents_table_opens_over_every_document(qloop, session):
    from mkdesk.core.cache.repo_documents import count_documents

    figures = search_probe.table_open_figures(qloop, session, runs=2)
    assert figures["table_rows"] == session.db.read_sync(count_documents)
    assert len(figures["table_open_runs_ms"]) == 2 and figures["table_open_ms"] > 0
    assert figures["table_first_page_query_ms"] > 0
