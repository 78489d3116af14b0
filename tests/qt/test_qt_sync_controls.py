"""Tests for mkdesk.qt.sync_controls: the Sync now menu syncs only the chosen entity, F5 everything, Ctrl+L opens
the sync log (refreshed after a sync), auto-sync follows the connection and settings, pause from the menu."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from PySide6.QtGui import QKeySequence

from mkdesk.core.cache import Database
from mkdesk.core.cache.state import add_log, load_sync_state
from mkdesk.core.erp import MetakockaClient
from mkdesk.core.secrets import Secret
from mkdesk.core.settings import Settings
from mkdesk.core.sync import ENTITIES, SyncEngine
from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.main_window import MainWindow
from mkdesk.qt.sync_controller import SyncController
from mkdesk.qt.sync_controls import SyncControls


@pytest.fixture
def setup(qloop, qtbot, tmp_path, run_until):
    config = EmulatorConfig(scale="tiny", seed=11, today=date.today(), search_latency_ms=5)
    client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                             transport=httpx.ASGITransport(app=create_app(config)))
    db = Database.open(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, db)
    bridge = Bridge()
    window = MainWindow()
    qtbot.addWidget(window)
    controller = SyncController(engine, bridge, window)
    window.sync_requested.connect(controller.request_sync)
    controls = SyncControls(window, controller, bridge, db)
    outcomes = []
    controller.finished.connect(outcomes.append)
    controller.failed.connect(outcomes.append)
    yield window, controller, controls, engine, db, outcomes
    qloop.run_until_complete(bridge.shutdown())
    qloop.run_until_complete(client.aclose())
    db.close()


def _idle(run_until, controls):
    run_until(lambda: not controls.controller.running and not controls.bridge.busy, timeout=30)


def test_the_menu_syncs_only_that_entity_and_f5_syncs_all(setup, run_until):
    window, controller, controls, engine, db, outcomes = setup
    assert window.sync_action.menu() is window.sync_menu
    assert window.sync_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    window.sync_menu.entity_actions["stock"].trigger()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    assert controller.entities == ("stock",) and set(outcomes[0].stats) == {"stock"}
    assert db.read_sync(load_sync_state, "stock").last_success is not None
    assert db.read_sync(load_sync_state, "partners") is None  # untouched
    window.sync_action.trigger()  # F5 / the button itself: everything
    run_until(lambda: len(outcomes) == 2, timeout=30)
    assert controller.entities == ENTITIES and set(outcomes[1].stats) == set(ENTITIES)
    window.sync_menu.all_action.trigger()
    assert controls.sync(("partners",)) is False  # joins the running sync instead of starting a second one
    run_until(lambda: len(outcomes) == 3, timeout=30)
    _idle(run_until, controls)
    assert len(outcomes) == 3


def test_ctrl_l_opens_the_log_which_refreshes_after_a_sync(setup, run_until):
    window, controller, controls, engine, db, outcomes = setup
    assert window.sync_log_action.shortcut().toString() == "Ctrl+L" and window.sync_log_action.isEnabled()
    window.sync_log_action.trigger()
    view = controls.log_view
    assert view is not None and view.isVisible() and not view.isModal()
    run_until(lambda: view.model.ever_loaded and not controls.bridge.busy)
    assert view.model.rowCount() == 0
    db.write_sync(add_log, "error", "stock", "stock: a problem seen during the sync", None)
    window.sync_menu.entity_actions["warehouses"].trigger()
    run_until(lambda: view.model.rowCount() == 1, timeout=30)
    window.sync_log_action.trigger()
    assert controls.log_view is view  # one log window


def test_auto_sync_follows_the_connection_and_pause_from_the_menu(setup, run_until):
    window, controller, controls, engine, db, outcomes = setup
    assert not window.sync_menu.auto_menu.isEnabled()  # no connection yet
    controls.set_engine(engine, Settings(auto_sync=True))
    assert window.sync_menu.auto_menu.isEnabled()
    run_until(lambda: len(outcomes) == 1, timeout=30)  # never synced: everything is due at once
    _idle(run_until, controls)
    assert controller.entities == ENTITIES and controls.auto.plan is not None
    assert controls.auto.plan[1] == ("stock",)
    assert "Next automatic sync: Stock at " in window.sync_action.toolTip()
    window.sync_menu.auto_actions["stock"].trigger()  # uncheck: pause stock's auto-sync
    run_until(lambda: controls.auto.paused == {"stock"})
    _idle(run_until, controls)
    assert db.read_sync(load_sync_state, "stock").paused
    assert "stock" not in controls.auto.plan[1]
    controls.apply_settings(Settings(auto_sync=False))
    assert controls.auto.plan is None and not window.sync_menu.auto_menu.isEnabled()
    assert "Next automatic sync" not in window.sync_action.toolTip()
    controls.set_engine(None)
    assert controls.auto.plan is None


@pytest.mark.qt_log_ignore(".*grabbing the keyboard.*")  # a popup, offscreen
def test_a_click_on_the_status_bar_progress_shows_each_entity(setup, run_until, qtbot):
    from PySide6.QtCore import Qt

    window, controller, controls, engine, db, outcomes = setup
    window.show()
    window.sync_menu.entity_actions["stock"].trigger()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    window.progress.show()
    qtbot.mouseClick(window.progress, Qt.MouseButton.LeftButton)
    panel = controls.progress_panel
    assert panel.isVisible() and list(panel.rows) == ["stock"] and panel.states == {"stock": "done"}
    panel.close()


def test_the_sync_log_is_pruned_to_its_newest_entries(qloop, qtbot, tmp_path, run_until):
    from mkdesk.core.cache.state import list_log

    db = Database.open(tmp_path / "log.sqlite3")
    try:
        for i in range(8):
            db.write_sync(add_log, "info", "stock", f"stock: run {i}", None)
        bridge = Bridge()
        window = MainWindow()
        qtbot.addWidget(window)
        SyncControls(window, SyncController(None, bridge, window), bridge, db, log_keep=5)
        run_until(lambda: not bridge.busy)
        assert [e.message for e in db.read_sync(list_log)] == [f"stock: run {i}" for i in range(7, 2, -1)]
    finally:
        db.close()
