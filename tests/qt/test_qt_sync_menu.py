"""Tests for mkdesk.qt.sync_menu: All / one entity with plain names, and the per-entity auto-sync checks."""

from __future__ import annotations

from mkdesk.core.sync import ENTITIES
from mkdesk.qt.sync_menu import MENU_ENTITIES, SyncMenu, entity_label


def test_all_and_each_entity_emit_what_to_sync(qtbot):
    menu = SyncMenu()
    qtbot.addWidget(menu)
    assert set(MENU_ENTITIES) == set(ENTITIES)  # every entity the engine knows, none it does not
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:8] == ["All", "Partners", "Products", "Stock", "Sales orders", "Invoices", "Offers", "Warehouses"]
    asked = []
    menu.sync_requested.connect(asked.append)
    menu.all_action.trigger()
    menu.entity_actions["orders"].trigger()
    assert asked == [None, ("orders",)]
    assert entity_label("invoices") == "Invoices" and entity_label(None) == "" and entity_label("x") == "x"


def test_auto_sync_checks_pause_and_resume_without_echo(qtbot):
    menu = SyncMenu()
    qtbot.addWidget(menu)
    asked = []
    menu.pause_requested.connect(lambda entity, paused: asked.append((entity, paused)))
    menu.set_paused({"stock"})  # showing the state emits nothing
    assert not menu.auto_actions["stock"].isChecked() and menu.auto_actions["partners"].isChecked()
    assert asked == []
    menu.auto_actions["partners"].trigger()
    menu.auto_actions["stock"].trigger()
    assert asked == [("partners", True), ("stock", False)]
    menu.set_auto_sync_available(False)
    assert not menu.auto_menu.isEnabled()
