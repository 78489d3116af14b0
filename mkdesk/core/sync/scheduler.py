"""Core layer: `SyncScheduler`, background auto-sync with per-entity intervals, pause/resume and backoff (asyncio:
one event loop; its bookkeeping is written through the database writer thread).

Everything it decides is kept in `sync_state`, so it survives restarts: `paused` per entity, `next_due` (when the
entity is due next) and `backoff_until` (while Metakocka is unreachable, unavailable or over quota, or after the
entity failed). Backoff doubles from `backoff_base` up to `backoff_max`; the current step is
`backoff_until − next_due` (a failed entity keeps `next_due` at the failure time). A bad-credentials or
not-the-API error blocks the scheduler until `resume()` (the user has to fix the settings first). Time comes
from an injectable clock and sleep, so tests drive it without waiting.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from mkdesk.core.cache.state import SyncState, load_sync_state, save_sync_state
from mkdesk.core.sync.engine import ENTITIES, FATAL, UNAVAILABLE, SyncEngine, SyncResult, parse_entities

log = logging.getLogger(__name__)

MIN = timedelta(minutes=1)
DEFAULT_INTERVALS: Mapping[str, timedelta] = {
    "stock": 10 * MIN,
    "orders": 15 * MIN,
    "invoices": 15 * MIN,
    "offers": 15 * MIN,  # with invoices
    "products": 30 * MIN,
    "warehouses": 30 * MIN,  # with products
    "partners": 60 * MIN,
}


def _load_all(conn: Any, entities: Iterable[str]) -> dict[str, SyncState]:
    return {e: load_sync_state(conn, e) or SyncState(e) for e in entities}


def _update(conn: Any, changes: Mapping[str, Mapping[str, Any]]) -> None:
    """Apply field changes to several entities' states in one transaction (writer thread)."""
    for entity, fields in changes.items():
        state = load_sync_state(conn, entity) or SyncState(entity)
        save_sync_state(conn, dataclasses.replace(state, **fields))


class SyncScheduler:
    """Decides which entities are due and runs `engine.sync(entities=due)`. Use it on the engine's loop."""

    def __init__(
        self,
        engine: SyncEngine,
        db: Any,
        *,
        intervals: Mapping[str, timedelta] | None = None,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], Awaitable[Any]] | None = None,
        backoff_base: timedelta = timedelta(minutes=1),
        backoff_max: timedelta = timedelta(minutes=30),
        idle: timedelta = timedelta(minutes=5),
    ) -> None:
        self.engine = engine
        self.db = db
        self.intervals = {**DEFAULT_INTERVALS, **(intervals or {})}
        self.clock = clock or engine.clock
        self._sleep = sleep or asyncio.sleep
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.idle = idle
        self.blocked: BaseException | None = None
        self._wake = asyncio.Event()
        self._stopped = False

    # ----- state ---------------------------------------------------------------------------------------------------

    async def states(self) -> dict[str, SyncState]:
        return await self.db.read(_load_all, ENTITIES)

    def _due_at(self, state: SyncState, now: datetime | None = None) -> datetime | None:
        if state.paused:
            return None
        now = now or self.clock()
        interval = self.intervals[state.entity]
        if state.backoff_until is not None:
            at, step = state.backoff_until, max(self.backoff_max, interval)
        else:
            times = [t for t in (state.next_due, state.last_success and state.last_success + interval) if t is not None]
            if not times:
                return now  # never synced: now
            at, step = max(times), interval  # a manual sync (last_success) pushes it
        if at > now + step:
            # further ahead than the interval allows: the interval was shortened (count from the last success)
            # or the clock went back (the last success lies in the future: due now, once)
            last = state.last_success
            return last + interval if last is not None and last <= now else now
        return at

    async def next_due(self) -> tuple[datetime, tuple[str, ...]] | None:
        """When the next sync is due and which entities it covers (None: everything paused, or blocked)."""
        if self.blocked is not None:
            return None
        now = self.clock()
        due = {e: at for e, s in (await self.states()).items() if (at := self._due_at(s, now)) is not None}
        if not due:
            return None
        first = min(due.values())
        return first, tuple(e for e in ENTITIES if due.get(e) == first)

    async def due(self) -> tuple[str, ...]:
        """Entities due now."""
        if self.blocked is not None:
            return ()
        now = self.clock()
        return tuple(e for e, s in (await self.states()).items()
                     if (at := self._due_at(s, now)) is not None and at <= now)

    # ----- control ---------------------------------------------------------------------------------------------------

    async def pause(self, entities: Iterable[str] | str | None = None) -> None:
        """Stop auto-syncing these entities (default: all); persisted."""
        await self.db.write(_update, {e: {"paused": True} for e in parse_entities(entities)})
        self._wake.set()

    async def resume(self, entities: Iterable[str] | str | None = None) -> None:
        """Auto-sync these entities again (default: all), clearing backoff; unblocks after a fatal error."""
        self.blocked = None
        await self.db.write(_update, {e: {"paused": False, "backoff_until": None} for e in parse_entities(entities)})
        self._wake.set()

    def set_intervals(self, intervals: Mapping[str, timedelta]) -> None:
        """Use these intervals from now on (missing entities keep the defaults); the plan follows at once."""
        self.intervals = {**DEFAULT_INTERVALS, **intervals}
        self._wake.set()

    async def postpone(self, entities: Iterable[str]) -> None:
        """Do not auto-sync these entities before their interval has passed again (e.g. the user cancelled)."""
        wanted = tuple(entities)
        if not wanted:
            return
        now = self.clock()
        await self.db.write(_update, {e: {"next_due": now + self.intervals[e], "backoff_until": None}
                                      for e in parse_entities(wanted)})
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    # ----- running ---------------------------------------------------------------------------------------------------

    def _backoff(self, state: SyncState, now: datetime) -> dict[str, Any]:
        step = self.backoff_base
        if state.backoff_until is not None and state.next_due is not None:
            step = min(self.backoff_max, max(self.backoff_base, (state.backoff_until - state.next_due) * 2))
        return {"next_due": now, "backoff_until": now + step}

    async def run_due(self, entities: Iterable[str] | None = None) -> SyncResult | None:
        """Sync the due entities (or the given ones) once and record the outcome; None when nothing was due."""
        wanted = tuple(entities) if entities is not None else await self.due()
        if not wanted:
            return None
        states = await self.states()
        result: SyncResult | None = None
        error: BaseException | None = None
        try:
            result = await self.engine.sync(wanted)
        except (*FATAL, *UNAVAILABLE) as exc:
            error = exc
            result = getattr(exc, "sync_result", None)
        await self.record(wanted, result, error, states)
        if error is not None:
            raise error
        return result

    async def record(self, wanted: Iterable[str], result: SyncResult | None, error: BaseException | None = None,
                     states: Mapping[str, SyncState] | None = None) -> None:
        """Record the outcome of a sync of `wanted` that ran elsewhere (e.g. the app's Sync now): entities done are
        next due after their interval, the others back off; a bad-credentials/not-the-API error blocks until
        `resume()`. Pass the states read before the sync when you have them (the backoff step doubles from them)."""
        wanted = tuple(wanted)
        if not wanted:
            return
        wanted = parse_entities(wanted)
        if states is None:
            states = await self.states()
        if result is None and error is not None:
            result = getattr(error, "sync_result", None)
        now = self.clock()
        done = set(result.stats) - set(result.failed) if result is not None else set()
        changes: dict[str, dict[str, Any]] = {}
        for entity in wanted:
            if entity in done:
                changes[entity] = {"next_due": now + self.intervals[entity], "backoff_until": None}
            else:
                changes[entity] = self._backoff(states[entity], now)
        await self.db.write(_update, changes)
        if isinstance(error, FATAL):
            self.blocked = error
            log.warning("auto-sync blocked until the settings are fixed: %s", error)
        self._wake.set()

    async def run_forever(self) -> None:
        """Sleep until the next entity is due, sync, repeat; until `stop()`. Unavailable errors only back off."""
        while not self._stopped:
            nxt = await self.next_due()
            now = self.clock()
            if nxt is not None and nxt[0] <= now:
                try:
                    await self.run_due()
                except UNAVAILABLE as exc:
                    log.info("auto-sync backing off: %s", exc)
                except FATAL:
                    continue
                continue
            wait = self.idle if nxt is None else min(self.idle, nxt[0] - now)
            self._wake.clear()
            sleeper = asyncio.ensure_future(self._sleep(max(0.0, wait.total_seconds())))
            waker = asyncio.ensure_future(self._wake.wait())
            try:
                await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (sleeper, waker):
                    task.cancel()
