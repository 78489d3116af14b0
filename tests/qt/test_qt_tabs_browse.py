"""Tests for mkdesk.qt.tabs.browse: refresh from a sync's ChangeSet only for the tab's own data, keeping the selected
row by key (its position may move); hidden tabs refresh when shown; Ctrl+F-style focus of the search box."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.cache.upsert import upsert_partners
from mkdesk.core.changes import ChangeSet
from mkdesk.core.models import Partner
from mkdesk.qt.tabs.contacts import ContactsTab
from mkdesk.qt.tabs.products import ProductsTab


@pytest.fixture
def own_db(qloop, synced_cache, tmp_path):
    path = tmp_path / "cache.sqlite3"
    shutil.copy(synced_cache, path)
    db = Database.open(path)
    yield db
    db.close()


def _new_partners(db: Database, *names: str) -> None:
    partners = [Partner(mk_id=str(990000000 + i), name=name, business_entity=True) for i, name in enumerate(names)]
    db.write_sync(upsert_partners, partners, datetime.now(UTC))


def test_changes_refresh_and_keep_the_selection_by_key(open_tab, own_db, run_until):
    tab = open_tab(ContactsTab, own_db)
    tab.open_item(tab.model.key_at(5))
    run_until(lambda: tab.selected_key() == tab.model.key_at(5))
    key = tab.selected_key()
    total_before = tab.model.total
    refreshed = []
    tab.model.refreshed.connect(lambda: refreshed.append(True))
    tab.apply_changes(ChangeSet.of("products", updated=3))  # not this tab's data: nothing happens
    assert not tab.model.loading and not refreshed
    _new_partners(own_db, "AAA Prvi partner d.o.o.", "AAB Drugi partner d.o.o.")  # sort before everyone
    tab.apply_changes(ChangeSet.of("partners", inserted=2))
    run_until(lambda: refreshed)
    assert tab.model.total == total_before + 2
    assert tab.model.row_at(0).name == "AAA Prvi partner d.o.o."
    assert tab.selected_key() == key and tab.model.row_of_key(key) == 7  # moved down two rows, still selected
    assert tab.detail.key == key


def test_hidden_tab_refreshes_when_shown(open_tab, own_db, run_until):
    tab = open_tab(ProductsTab, own_db)
    tab.hide()
    tab.apply_changes(ChangeSet.of("stock", updated=1))
    assert tab.stale and not tab.model.loading
    refreshed = []
    tab.model.refreshed.connect(lambda: refreshed.append(True))
    tab.show()
    run_until(lambda: refreshed)
    assert not tab.stale


def test_focus_search_and_count_while_loading(qtbot, open_tab, own_db):
    tab = open_tab(ContactsTab, own_db)
    tab.search.setText("x")
    tab.focus_search()
    assert tab.search.selectedText() == "x"
