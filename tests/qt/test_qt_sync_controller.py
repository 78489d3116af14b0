"""Tests for mkdesk.qt.sync_controller: Sync now runs one sync through the bridge, joins, reports, cancels."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date

import httpx
import pytest

from mkdesk.core.cache import Database
from mkdesk.core.erp import MetakockaClient
from mkdesk.core.secrets import Secret
from mkdesk.core.sync import SyncEngine
from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.sync_controller import SyncController


@pytest.fixture
def engine(qloop, tmp_path):
    config = EmulatorConfig(scale="tiny", seed=11, today=date(2026, 3, 2), search_latency_ms=5)
    transport = httpx.ASGITransport(app=create_app(config))
    client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                             transport=transport)
    db = Database.open(tmp_path / "cache.sqlite3")
    yield SyncEngine(client, db)
    qloop.run_until_complete(client.aclose())
    db.close()


def _wait(qloop, signal_list, timeout=30.0):
    async def until():
        while not signal_list:
            await asyncio.sleep(0.01)

    qloop.run_until_complete(asyncio.wait_for(until(), timeout))


def test_sync_now_reports_progress_and_result(qloop, engine):
    controller = SyncController(engine, Bridge())
    progress, finished, running = [], [], []
    controller.progress.connect(lambda *args: progress.append(args))
    controller.finished.connect(finished.append)
    controller.running_changed.connect(running.append)
    assert controller.request_sync() is True
    assert controller.request_sync() is False  # joins the running sync instead of starting a second one
    _wait(qloop, finished)
    result = finished[0]
    assert result.ok and result.changes.touches("partners") and result.changes.touches("documents")
    assert {entity for entity, _done, _total in progress} >= {"partners", "orders", "invoices"}
    assert running == [True, False]
    assert not controller.running and controller.last_success is not None


def test_cancel_stops_and_leaves_a_consistent_cache(qloop, engine, tmp_path):
    controller = SyncController(engine, Bridge())
    cancelled, finished = [], []
    controller.cancelled.connect(lambda: cancelled.append(True))
    controller.finished.connect(finished.append)

    def cancel_after_partners(entity: str, _done: int, _total: object) -> None:
        if entity == "partners":
            controller.cancel()

    controller.progress.connect(cancel_after_partners)
    controller.request_sync()
    _wait(qloop, cancelled)
    assert not finished and not controller.running
    with sqlite3.connect(tmp_path / "cache.sqlite3") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    controller.progress.disconnect(cancel_after_partners)
    done = []
    controller.finished.connect(done.append)
    controller.request_sync()  # a new sync after a cancel completes normally
    _wait(qloop, done)
    assert done[0].ok


def test_without_an_engine_nothing_starts(qloop, engine):
    controller = SyncController(None, Bridge())
    started = []
    controller.started.connect(lambda: started.append(True))
    assert controller.request_sync() is False and not started
    controller.set_engine(engine)  # the profile got a connection
    finished = []
    controller.finished.connect(finished.append)
    assert controller.request_sync() is True
    _wait(qloop, finished)
    assert finished[0].ok
