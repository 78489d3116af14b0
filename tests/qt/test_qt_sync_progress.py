"""Tests for mkdesk.qt.sync_progress: one bar per entity of the running sync — waiting, running, done; failed with
the reason and the rest not run when the sync stops; cancelled (real controller, engine and emulated company)."""

from __future__ import annotations

import socket
from datetime import date

import httpx
import pytest

from mkdesk.core.cache import Database
from mkdesk.core.changes import ChangeSet
from mkdesk.core.erp import InvalidRequest, MetakockaClient, RetryPolicy
from mkdesk.core.secrets import Secret
from mkdesk.core.sync import EntityStats, SyncEngine, SyncResult
from mkdesk.core.sync.engine import reason_of
from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.sync_controller import SyncController
from mkdesk.qt.sync_progress import SyncProgressPanel


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def wired(qloop, qtbot, tmp_path):
    made = []

    def make(offline: bool = False):
        config = EmulatorConfig(scale="tiny", seed=11, today=date.today(), search_latency_ms=5)
        if offline:
            client = MetakockaClient(f"http://127.0.0.1:{_closed_port()}", config.company_id,
                                     Secret(config.secret_key), retry=RetryPolicy(attempts=1, base_delay=0.001))
        else:
            client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                                     transport=httpx.ASGITransport(app=create_app(config)))
        db = Database.open(tmp_path / f"cache{len(made)}.sqlite3")
        controller = SyncController(SyncEngine(client, db), Bridge())
        panel = SyncProgressPanel()
        qtbot.addWidget(panel)
        controller.started.connect(lambda: panel.begin(controller.entities))
        controller.progress.connect(panel.progress)
        controller.finished.connect(panel.finish)
        controller.failed.connect(panel.fail)
        controller.cancelled.connect(panel.cancelled)
        ended = []
        for signal in (controller.finished, controller.failed, controller.cancelled):
            signal.connect(lambda *args: ended.append(args))
        made.append((client, db))
        return controller, panel, ended

    yield make
    for client, db in made:
        qloop.run_until_complete(client.aclose())
        db.close()


def test_each_entity_has_its_bar_until_done(wired, run_until):
    controller, panel, ended = wired()
    seen = []
    controller.progress.connect(lambda entity, *_: seen.append(dict(panel.states)))
    controller.request_sync(["partners", "stock"])
    assert list(panel.rows) == ["stock", "partners"] and set(panel.states.values()) == {"waiting"}
    run_until(lambda: bool(ended), timeout=30)
    assert any(s.get("stock") == "running" and s.get("partners") == "waiting" for s in seen)
    assert any(s.get("stock") == "done" and s.get("partners") == "running" for s in seen)
    assert panel.states == {"stock": "done", "partners": "done"}
    bar = panel.rows["partners"][1]
    assert bar.value() == bar.maximum() and panel.rows["partners"][2].text() == "Done"
    assert panel.title.text() == "Sync finished"


def test_offline_marks_the_entity_failed_and_the_rest_not_run(wired, run_until):
    controller, panel, ended = wired(offline=True)
    controller.request_sync()
    run_until(lambda: bool(ended), timeout=30)
    assert panel.states["warehouses"] == "failed"
    assert panel.rows["warehouses"][2].toolTip()  # the plain-words reason
    assert {panel.states[e] for e in panel.states if e != "warehouses"} == {"skipped"}
    assert panel.title.text().startswith("Sync failed")


def test_cancel_marks_the_running_entity_and_the_rest(wired, run_until):
    controller, panel, ended = wired()

    def cancel_on_partners(entity, *_):
        if entity == "partners":
            controller.cancel()

    controller.progress.connect(cancel_on_partners)
    controller.request_sync()
    run_until(lambda: bool(ended), timeout=30)
    assert panel.states["warehouses"] == "done" and panel.states["stock"] == "done"
    assert panel.states["offers"] == "skipped" and panel.title.text() == "Sync cancelled"
    assert panel.states["partners"] == "cancelled"



def test_offline_reason_is_worded_in_the_ui_language(marked, wired, run_until):
    controller, panel, ended = wired(offline=True)
    controller.request_sync()
    run_until(lambda: bool(ended), timeout=30)
    said = "SL[Cannot reach Metakocka. Check the network connection.]"
    assert panel.rows["warehouses"][2].toolTip() == said
    assert panel.title.text() == f"Sync failed: {said}"


def test_a_failed_entity_shows_its_reason_in_the_ui_language(marked, qtbot):
    panel = SyncProgressPanel()
    qtbot.addWidget(panel)
    panel.begin(("stock", "partners", "orders"))
    error = InvalidRequest("Internal server error.", code="request_not_accepted",
                           params={"text": "Internal server error."})
    own = {"code": "business_rule", "params": {}, "user_message": "Words of its own."}
    result = SyncResult(ChangeSet(), {"stock": EntityStats("stock"), "partners": EntityStats("partners")},
                        failed={"stock": error.user_message, "partners": "Words of its own."},
                        reasons={"stock": reason_of(error), "partners": own})
    panel.finish(result)
    assert panel.rows["stock"][2].toolTip() == "SL[Metakocka did not accept the request: Internal server error.]"
    assert panel.rows["partners"][2].toolTip() == "Words of its own."  # not a declared sentence: as the core said
    assert panel.states == {"stock": "failed", "partners": "failed", "orders": "skipped"}
