"""Tests for mkdesk.qt.auto_sync: the scheduler-driven sync starts when due and only for the due entities, joins a
running manual sync, stays off while auto-sync is off, backs off after a failure, follows interval changes at once
(real engine, emulated company, real cache file; the QTimer path with second-scale intervals)."""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import date, datetime, timedelta

import httpx
import pytest

from mkdesk.core.cache import Database
from mkdesk.core.cache.state import load_sync_states
from mkdesk.core.erp import MetakockaClient, RetryPolicy
from mkdesk.core.secrets import Secret
from mkdesk.core.settings import Settings
from mkdesk.core.sync import ENTITIES, SyncEngine
from mkdesk.core.sync.documents import TZ
from mkdesk.core.sync.scheduler import SyncScheduler
from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.qt.auto_sync import AutoSync
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.sync_controller import SyncController

MIN = timedelta(minutes=1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(TZ)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def _client(base_url: str = "http://emulator.invalid", secret: str | None = None) -> MetakockaClient:
    config = EmulatorConfig(scale="tiny", seed=11, today=date.today(), search_latency_ms=5)
    transport = httpx.ASGITransport(app=create_app(config)) if base_url.endswith(".invalid") else None
    return MetakockaClient(base_url, config.company_id, Secret(secret or config.secret_key), transport=transport,
                           retry=RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.01, quota_delay=0.01))


@pytest.fixture
def parts(qloop, tmp_path):
    made, autos = [], []

    def make(client=None, clock=None, **auto_kw):
        client = client or _client()
        db = Database.open(tmp_path / f"cache{len(made)}.sqlite3")
        engine = SyncEngine(client, db, clock=clock) if clock else SyncEngine(client, db)
        scheduler = SyncScheduler(engine, db)  # the engine's clock
        bridge = Bridge()
        controller = SyncController(engine, bridge)
        auto_kw.setdefault("min_gap", timedelta(0))
        auto = AutoSync(controller, bridge, scheduler, **auto_kw)
        runs: list[tuple[str, ...]] = []
        outcomes: list[object] = []
        controller.started.connect(lambda: runs.append(controller.entities))
        controller.finished.connect(outcomes.append)
        controller.failed.connect(outcomes.append)
        made.append((client, db, bridge))
        autos.append(auto)
        return auto, controller, scheduler, runs, outcomes

    yield make
    for auto in autos:
        auto.set_enabled(False)
    for client, db, bridge in made:
        qloop.run_until_complete(bridge.shutdown())
        qloop.run_until_complete(client.aclose())
        db.close()


def _settle(run_until, auto, controller) -> None:
    run_until(lambda: not controller.running and not auto._bridge.busy, timeout=30)


def test_starts_when_due_and_only_for_the_due_entities(parts, run_until):
    clock = Clock()
    auto, controller, scheduler, runs, outcomes = parts(clock=clock, max_wait=timedelta(hours=2))
    auto.replan()  # never synced: everything is due now
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert runs == [ENTITIES] and outcomes[0].ok and auto.automatic_runs == 1
    assert auto.plan == (clock.now + 10 * MIN, ("stock",))
    assert auto.timer.isActive() and 9 * 60_000 < auto.timer.remainingTime() <= 10.5 * 60_000  # sleeps till due
    clock.advance(10 * MIN)
    auto.check_now()
    run_until(lambda: len(outcomes) == 2, timeout=30)
    _settle(run_until, auto, controller)
    assert runs[1] == ("stock",) and set(outcomes[1].stats) == {"stock"}
    clock.advance(5 * MIN)
    auto.check_now()
    run_until(lambda: len(outcomes) == 3, timeout=30)
    _settle(run_until, auto, controller)
    assert runs[2] == ("orders", "invoices", "offers")
    assert auto.plan == (clock.now + 5 * MIN, ("stock",))


def test_joins_a_running_manual_sync_and_never_doubles_it(parts, run_until):
    clock = Clock()
    auto, controller, scheduler, runs, outcomes = parts(clock=clock)
    assert controller.request_sync() is True  # Sync now: everything
    auto.check_now()  # everything is due as well: the running sync is joined
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert runs == [ENTITIES] and auto.automatic_runs == 0
    states = scheduler.db.read_sync(load_sync_states)
    assert {s.entity for s in states if s.next_due is not None} == set(ENTITIES)  # the manual run is recorded
    auto.check_now()
    _settle(run_until, auto, controller)
    assert runs == [ENTITIES]  # nothing due after it
    clock.advance(10 * MIN)
    assert controller.request_sync(["partners"]) is True  # a manual sync of another entity runs...
    auto.check_now()  # ...while stock falls due: stock waits for it, then runs alone
    run_until(lambda: len(outcomes) == 3, timeout=30)
    _settle(run_until, auto, controller)
    assert runs[1:] == [("partners",), ("stock",)] and auto.automatic_runs == 1


def test_auto_sync_off_starts_nothing_and_on_takes_effect_at_once(parts, run_until, qloop):
    auto, controller, scheduler, runs, outcomes = parts(enabled=False)
    auto.replan()
    auto.check_now()
    _settle(run_until, auto, controller)
    assert runs == [] and auto.plan is None and not auto.timer.isActive()
    auto.apply_settings(Settings(auto_sync=True))
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert runs == [ENTITIES]
    auto.apply_settings(Settings(auto_sync=False))
    _settle(run_until, auto, controller)
    assert auto.plan is None and not auto.timer.isActive()


def test_the_timer_wakes_when_due_and_a_shorter_interval_applies_at_once(parts, run_until, qloop):
    auto, controller, scheduler, runs, outcomes = parts(min_gap=timedelta(seconds=0.5))
    auto.replan()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    started = []
    controller.started.connect(lambda: started.append(time.monotonic()))
    auto.set_intervals({"stock": timedelta(seconds=1)})  # was 10 minutes ago: due now, then every second
    run_until(lambda: len(runs) == 3, timeout=30)
    auto.set_enabled(False)
    _settle(run_until, auto, controller)
    assert runs[1:] == [("stock",), ("stock",)]
    assert started[1] - started[0] >= 0.8  # the timer waited for the interval: no busy loop
    count = len(runs)
    qloop.run_until_complete(asyncio.sleep(1.5))
    assert len(runs) == count and not auto.timer.isActive()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_backs_off_after_a_failure(parts, run_until, qloop):
    from mkdesk.core.erp import TransportError

    clock = Clock()
    client = _client(f"http://127.0.0.1:{_closed_port()}")
    auto, controller, scheduler, runs, outcomes = parts(client=client, clock=clock, max_wait=timedelta(hours=1))
    auto.replan()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert isinstance(outcomes[0], TransportError)
    assert auto.plan == (clock.now + MIN, ENTITIES)  # retried in a minute, not now
    assert auto.timer.isActive() and 50_000 < auto.timer.remainingTime() <= 63_000
    auto.check_now()
    qloop.run_until_complete(asyncio.sleep(0.3))
    assert len(runs) == 1
    clock.advance(MIN)
    auto.check_now()
    run_until(lambda: len(outcomes) == 2, timeout=30)
    _settle(run_until, auto, controller)
    assert auto.plan == (clock.now + 2 * MIN, ENTITIES)  # the step doubles


def test_bad_credentials_block_until_a_new_connection(parts, run_until):
    auto, controller, scheduler, runs, outcomes = parts(client=_client(secret="wrong-key"))
    auto.replan()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert scheduler.blocked is not None and auto.plan is None and not auto.timer.isActive()
    auto.set_scheduler(None)
    assert auto.plan is None


def test_pause_and_resume_one_entity(parts, run_until):
    clock = Clock()
    auto, controller, scheduler, runs, outcomes = parts(clock=clock)
    paused = []
    auto.paused_changed.connect(paused.append)
    auto.set_enabled(False)
    auto.pause("stock")
    _settle(run_until, auto, controller)
    assert paused == [frozenset({"stock"})] and auto.paused == {"stock"}
    auto.set_enabled(True)
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert runs == [tuple(e for e in ENTITIES if e != "stock")]
    auto.set_paused("stock", False)
    run_until(lambda: len(outcomes) == 2, timeout=30)
    _settle(run_until, auto, controller)
    assert runs[1] == ("stock",) and auto.paused == frozenset()


def test_waking_from_sleep_syncs_everything_overdue_once(parts, run_until, qloop):
    clock = Clock()
    auto, controller, scheduler, runs, outcomes = parts(clock=clock, max_wait=timedelta(hours=2))
    auto.replan()
    run_until(lambda: len(outcomes) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert auto.timer.isActive()
    clock.advance(timedelta(hours=3))  # the laptop slept through every interval, several times over
    auto.timer.timeout.emit()  # the timer's late wake after resume: the jump is noticed, the plan re-read
    run_until(lambda: len(outcomes) == 2, timeout=30)
    _settle(run_until, auto, controller)
    qloop.run_until_complete(asyncio.sleep(0.3))
    assert runs == [ENTITIES, ENTITIES]  # one sync of everything overdue, not one per missed interval
    assert auto.plan == (clock.now + 10 * MIN, ("stock",))


def test_a_user_cancel_waits_one_interval_and_another_cancel_does_not(parts, run_until, qloop):
    clock = Clock()
    auto, controller, scheduler, runs, outcomes = parts(clock=clock, max_wait=timedelta(hours=2))
    cancelled = []
    controller.cancelled.connect(lambda: cancelled.append(True))

    def cancel_on_partners(entity, *_):
        if entity == "partners" and len(cancelled) == len(runs) - 1:
            auto.user_cancelled()  # what the window's Cancel does besides controller.cancel()
            controller.cancel()

    controller.progress.connect(cancel_on_partners)
    auto.replan()
    run_until(lambda: len(cancelled) == 1, timeout=30)
    _settle(run_until, auto, controller)
    assert runs == [ENTITIES] and auto.plan is not None
    assert auto.plan[0] >= clock.now + 10 * MIN  # postponed: nothing runs again at once
    controller.progress.disconnect(cancel_on_partners)
    clock.advance(timedelta(hours=1))
    auto.check_now()

    def cancel_once(entity, *_):
        if entity == "stock" and len(cancelled) == 1:
            controller.cancel()  # not the user: e.g. the connection changed

    controller.progress.connect(cancel_once)
    run_until(lambda: len(cancelled) == 2, timeout=30)
    run_until(lambda: len(outcomes) == 1, timeout=30)  # the plan is read again: what is still due runs at once
    _settle(run_until, auto, controller)
    assert runs[1] == ENTITIES and runs[2] == ("stock", "partners", "orders", "invoices", "offers")
