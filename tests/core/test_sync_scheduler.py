"""Tests for mkdesk.core.sync.scheduler with a fake clock, the real engine, the emulator and a real cache file:
intervals, backoff while unreachable, pause/resume and blocking, all persisted in sync_state across restarts."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.erp import BadCredentials, TransportError
from mkdesk.core.sync import ENTITIES, SyncEngine
from mkdesk.core.sync.documents import TZ
from mkdesk.core.sync.scheduler import DEFAULT_INTERVALS, SyncScheduler
from tests.core.sync_support import client_for, serve

MIN = timedelta(minutes=1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(TZ).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture(scope="module")
def tiny():
    with serve() as handle:
        yield handle


def _run(path, handle, fn, clock, **client_kw):
    async def main():
        db = Database.open(path)
        try:
            async with client_for(handle, **client_kw) as client:
                engine = SyncEngine(client, db, clock=clock)
                return await fn(SyncScheduler(engine, db, clock=clock))
        finally:
            db.close()

    return asyncio.run(main())


def test_intervals_decide_what_is_due(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def go(s: SyncScheduler):
        start = clock.now
        first = await s.next_due()
        assert first == (start, ENTITIES)  # never synced: everything, now
        result = await s.run_due()
        assert result is not None and result.ok
        assert await s.due() == ()
        nxt = await s.next_due()
        assert nxt == (start + DEFAULT_INTERVALS["stock"], ("stock",))
        clock.advance(10 * MIN)
        assert await s.due() == ("stock",)
        await s.run_due()
        clock.advance(5 * MIN)
        assert await s.due() == ("orders", "invoices", "offers")
        clock.advance(45 * MIN)
        return await s.due()

    assert _run(path, tiny, go, clock) == ENTITIES
    # a restart keeps the plan
    assert _run(path, tiny, lambda s: s.due(), clock) == ENTITIES


def test_a_manual_sync_pushes_the_next_run(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def go(s: SyncScheduler):
        await s.run_due()
        clock.advance(8 * MIN)
        await s.engine.sync(["stock"])  # "Sync now"
        clock.advance(3 * MIN)
        return await s.due()

    assert _run(path, tiny, go, clock) == ()


def test_backoff_doubles_while_unreachable_and_survives_a_restart(tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()
    with serve() as gone:
        url = gone.url
    with serve() as handle:

        async def fail_twice(s: SyncScheduler):
            steps = []
            for _ in range(3):
                with pytest.raises(TransportError):
                    await s.run_due()
                at, entities = await s.next_due()
                steps.append(at - clock.now)
                assert entities == ENTITIES
                assert await s.due() == ()
                clock.advance(at - clock.now)
            return steps

        assert _run(path, handle, fail_twice, clock, base_url=url) == [MIN, 2 * MIN, 4 * MIN]

        async def recover(s: SyncScheduler):
            states = await s.states()
            assert all(st.backoff_until == clock.now for st in states.values())
            result = await s.run_due()
            return result, await s.next_due()

        result, nxt = _run(path, handle, recover, clock)
    assert result.ok
    assert nxt == (clock.now + DEFAULT_INTERVALS["stock"], ("stock",))


def test_pause_and_resume_are_persisted(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def pause(s: SyncScheduler):
        await s.pause(["stock", "partners"])
        return await s.due()

    assert _run(path, tiny, pause, clock) == ("warehouses", "products", "orders", "invoices", "offers")

    async def after_restart(s: SyncScheduler):
        states = await s.states()
        assert states["stock"].paused and not states["orders"].paused
        await s.pause()
        assert await s.next_due() is None
        await s.resume(["stock"])
        return await s.due()

    assert _run(path, tiny, after_restart, clock) == ("stock",)


def test_bad_credentials_block_until_resumed(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def go(s: SyncScheduler):
        with pytest.raises(BadCredentials):
            await s.run_due()
        assert s.blocked is not None
        assert await s.next_due() is None and await s.due() == ()
        await s.resume()
        return await s.due()

    assert _run(path, tiny, go, clock, secret="wrong") == ENTITIES


def test_run_forever_sleeps_until_due(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()
    sleeps: list[float] = []

    async def go(s: SyncScheduler):
        runs = []
        original = s.engine.sync

        async def counting(entities=None, **kw):
            runs.append(tuple(entities))
            if len(runs) == 3:
                s.stop()
            return await original(entities, **kw)

        async def fake_sleep(seconds: float):
            sleeps.append(seconds)
            clock.advance(timedelta(seconds=seconds))

        s.engine.sync = counting  # type: ignore[method-assign]
        s._sleep = fake_sleep
        await asyncio.wait_for(s.run_forever(), 30)
        return runs

    runs = _run(path, tiny, go, clock)
    assert runs == [ENTITIES, ("stock",), ("orders", "invoices", "offers")]
    assert sleeps == [300.0, 300.0, 300.0]  # woken at most every `idle` (5 min) to re-read the plan


def test_record_keeps_the_plan_for_a_sync_run_elsewhere(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def go(s: SyncScheduler):
        result = await s.engine.sync(["stock", "partners"])  # the app's Sync now, not the scheduler
        await s.record(["stock", "partners"], result)
        states = await s.states()
        assert states["stock"].next_due == clock.now + DEFAULT_INTERVALS["stock"]
        assert states["partners"].next_due == clock.now + DEFAULT_INTERVALS["partners"]
        assert "stock" not in await s.due() and "orders" in await s.due()
        await s.record([], None)  # nothing ran: nothing recorded
        await s.record(["orders"], None, TransportError("offline"))
        assert (await s.states())["orders"].backoff_until == clock.now + s.backoff_base
        await s.postpone(["orders"])  # the user cancelled: not before the interval again
        states = await s.states()
        assert states["orders"].backoff_until is None
        assert states["orders"].next_due == clock.now + DEFAULT_INTERVALS["orders"]
        return await s.due()

    assert _run(path, tiny, go, clock) == ("warehouses", "products", "invoices", "offers")


def test_a_shorter_interval_counts_from_the_last_success_and_a_clock_jump_back_syncs_once(tiny, tmp_path):
    path, clock = tmp_path / "cache.sqlite3", Clock()

    async def go(s: SyncScheduler):
        start = clock.now
        await s.run_due()
        clock.advance(3 * MIN)
        s.set_intervals({"stock": 2 * MIN})  # shortened below what is left: due from the last success, i.e. now
        assert await s.due() == ("stock",)
        s.set_intervals({"stock": 5 * MIN})
        assert await s.next_due() == (start + 5 * MIN, ("stock",))
        s.set_intervals({"stock": 60 * MIN})  # lengthened: later at once
        assert (await s.next_due())[0] == start + DEFAULT_INTERVALS["stock"] + 5 * MIN  # orders etc. at +15
        s.set_intervals({})
        clock.advance(-timedelta(days=1))  # the clock went back a day: everything is due once, not in a day
        assert await s.due() == ENTITIES
        await s.run_due()
        nxt = await s.next_due()
        return nxt, clock.now

    (at, entities), now = _run(path, tiny, go, clock)
    assert entities == ("stock",) and at == now + DEFAULT_INTERVALS["stock"]
