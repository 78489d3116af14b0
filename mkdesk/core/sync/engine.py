"""Core layer: `SyncEngine`, Metakocka → local cache, one entity at a time (asyncio: use it from one event loop;
SQLite work runs on the database threads).

`await engine.sync(entities=None, progress=..., cancel=...)` runs the strategy of each requested entity (see
`scans.py`, `documents.py`) and returns a `SyncResult` (a `ChangeSet`, per-entity stats, warnings, failures).
Syncs never overlap: an `asyncio.Lock` serializes them, and a request for entities that the running sync already
covers joins it (awaits the same result). Errors:
- bad credentials, or an endpoint that is not the API → the whole sync stops and the typed error is raised;
- offline, server unavailable, quota → the sync stops and the typed error is raised (the scheduler backs off);
- any other failure of one entity → logged to `sync_log`, the entity is marked failed, the others go on;
- one record that cannot be decoded → logged and skipped.
Each `sync_log` entry keeps its English `message` and names its sentence in `details`: `code` (a key of
`LOG_TEMPLATES`, or for a failure the error's code, see `erp/errors.py` `TEMPLATES`), `params` and `entity`, so the
UI can word it in the user's language (`qt/error_texts.py`); `SyncResult.reasons` does the same for `failed`.
A raised error (and a cancellation) carries what was done before it as `error.sync_result`. Cancellation (task
cancel or the `cancel` event) leaves the cache consistent: every page is one transaction and cursors move only in an
entity's last transaction.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sys
import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from mkdesk.core.changes import ChangeSet, EntityChanges
from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.erp.errors import (
    BadCredentials,
    MetakockaError,
    NotAnApi,
    QuotaExceeded,
    ServerUnavailable,
    TransportError,
)
from mkdesk.core.sync import documents, scans, writes
from mkdesk.core.sync.job import Clock, CountingClient, EntityStats, Job, ProgressFn, SyncCancelled, SyncOptions

log = logging.getLogger(__name__)
TZ = ZoneInfo("Europe/Ljubljana")

#: sync entities in the order a full sync runs them
ENTITIES = ("warehouses", "products", "stock", "partners", "orders", "invoices", "offers")
#: errors that stop the whole sync (nothing else can work either)
FATAL = (BadCredentials, NotAnApi)
#: errors that stop the sync and make the scheduler back off
UNAVAILABLE = (TransportError, ServerUnavailable, QuotaExceeded)
#: the English sentences of the engine's own log entries and of an unexpected failure, by `details["code"]`; a
#: failed entity's entry is "{entity}: {message}" with the error's sentence (the Qt layer declares the same texts)
LOG_TEMPLATES: dict[str, str] = {
    "sync_cancelled": "{entity}: sync cancelled",
    "record_skipped": "{entity}: skipped a record that cannot be read",
    "entity_failed": "{entity}: {message}",
    "internal_error": "Internal error while syncing ({kind}: {detail})",
}


class Strategy(Protocol):
    entity: str

    async def run(self, job: Job) -> None: ...


def default_strategies() -> dict[str, Strategy]:
    return {
        "warehouses": scans.warehouses(),
        "products": scans.products(),
        "stock": scans.StockScan(),
        "partners": scans.partners(),
        "orders": documents.OrdersByLastChange(),
        "invoices": documents.RollingWindow(),
        "offers": documents.OffersByIds(),
    }


def parse_entities(entities: Iterable[str] | str | None) -> tuple[str, ...]:
    """Requested entities in run order (None or "all" = every entity); unknown names raise ValueError."""
    if entities is None:
        return ENTITIES
    names = [e.strip() for e in (entities.split(",") if isinstance(entities, str) else entities) if e.strip()]
    if not names or names == ["all"]:
        return ENTITIES
    unknown = sorted(set(names) - set(ENTITIES))
    if unknown:
        raise ValueError(f"unknown entities: {', '.join(unknown)} (choose from {', '.join(ENTITIES)})")
    return tuple(e for e in ENTITIES if e in names)


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one sync did. `failed` maps an entity to the plain-words reason it failed; `reasons` maps it to that
    reason's `code`, `params` and English `user_message` (for a UI that words it in its own language)."""

    changes: ChangeSet
    stats: Mapping[str, EntityStats]
    warnings: tuple[str, ...] = ()
    failed: Mapping[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    reasons: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.stats.values())

    @property
    def rows_written(self) -> int:
        return sum(s.written for s in self.stats.values())


#: GIL hand-over interval for processes that sync: with the default 5 ms the event loop waits behind the writer
#: thread's decoding on every socket read, and a full sync takes ~25 % longer (measured on the medium company)
SWITCH_INTERVAL = 0.001


def tune_interpreter() -> None:
    """Shorten the GIL switch interval (process-wide; call once at start, from the composition root)."""
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))


def _now() -> datetime:
    return datetime.now(TZ)


def _error_details(entity: str, err: BaseException) -> dict[str, Any]:
    details: dict[str, Any] = {"entity": entity, "error": type(err).__name__, **reason_of(err)}
    if isinstance(err, MetakockaError):
        details.update(endpoint=err.endpoint, opr_code=err.opr_code, detail=err.detail, retryable=err.retryable)
    else:
        details["detail"] = str(err)[:500]
        details["traceback"] = "".join(traceback.format_exception(err))[-4000:]
    return details


def reason_of(err: BaseException) -> dict[str, Any]:
    """Why an entity failed: the sentence's `code` and `params` and the English `user_message`."""
    if isinstance(err, MetakockaError):
        return {"code": err.code, "params": dict(err.params), "user_message": err.user_message}
    params = {"kind": type(err).__name__, "detail": str(err)[:200]}
    return {"code": "internal_error", "params": params,
            "user_message": LOG_TEMPLATES["internal_error"].format_map(params)}


def user_message(err: BaseException) -> str:
    return str(reason_of(err)["user_message"])


def _bookkeeping(conn: Any, entity: str, ran_at: datetime, stats: EntityStats | None, error: str | None,
                 entries: list[tuple[str, str | None, str, Mapping[str, Any] | None]]) -> None:
    """After an entity: its log lines, and `last_run`/`last_error`/counts in `sync_state` (writer thread)."""
    writes.log_entries(conn, entries)
    state = writes.load_state(conn, entity)
    names = {f.name for f in dataclasses.fields(state)}
    changes: dict[str, Any] = {"last_run": ran_at, "last_error": error}
    if stats is not None and error is None:
        changes["counts"] = {k: v for k, v in stats.as_dict().items() if isinstance(v, int)}
    writes.save_state(conn, dataclasses.replace(state, **{k: v for k, v in changes.items() if k in names}))


@dataclass(slots=True)
class _Running:
    entities: frozenset[str]
    future: asyncio.Future[SyncResult]


class SyncEngine:
    """Syncs the cache from Metakocka. Create and use it on one event loop."""

    def __init__(
        self,
        client: MetakockaClient,
        db: Any,
        *,
        clock: Clock = _now,
        options: SyncOptions = SyncOptions(),
        strategies: Mapping[str, Strategy] | None = None,
    ) -> None:
        self.client = client
        self.db = db
        self.clock = clock
        self.options = options
        self.strategies = dict(strategies or default_strategies())
        self._lock = asyncio.Lock()
        self._running: _Running | None = None
        self._capabilities: dict[str, bool] = {}

    @property
    def running(self) -> bool:
        return self._running is not None

    async def sync(
        self,
        entities: Iterable[str] | str | None = None,
        *,
        progress: ProgressFn | None = None,
        cancel: asyncio.Event | None = None,
    ) -> SyncResult:
        """Sync the given entities (default: all). Joins a running sync that covers them."""
        wanted = parse_entities(entities)
        running = self._running
        if running is not None and set(wanted) <= running.entities and not running.future.done():
            return await asyncio.shield(running.future)
        async with self._lock:
            future: asyncio.Future[SyncResult] = asyncio.get_running_loop().create_future()
            future.add_done_callback(_consume)
            self._running = _Running(frozenset(wanted), future)
            try:
                result = await self._run(wanted, progress, cancel)
            except BaseException as exc:
                if isinstance(exc, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(exc)
                raise
            else:
                future.set_result(result)
                return result
            finally:
                self._running = None

    async def _run(self, wanted: tuple[str, ...], progress: ProgressFn | None,
                   cancel: asyncio.Event | None) -> SyncResult:
        started = time.monotonic()
        changes = ChangeSet()
        stats: dict[str, EntityStats] = {}
        warnings: list[str] = []
        failed: dict[str, str] = {}
        reasons: dict[str, dict[str, Any]] = {}

        def result() -> SyncResult:
            return SyncResult(changes, dict(stats), tuple(warnings), dict(failed), time.monotonic() - started,
                              dict(reasons))

        for entity in wanted:
            if cancel is not None and cancel.is_set():
                cancelled = SyncCancelled("sync cancelled")
                cancelled.sync_result = result()  # type: ignore[attr-defined]
                raise cancelled
            entity_stats = stats[entity] = EntityStats(entity)
            calls = CountingClient(self.client, entity_stats, self.options.call_rounds)
            job = Job(entity, calls, self.db, self.clock, self.options, entity_stats, progress, cancel,
                      capabilities=self._capabilities)
            entries: list[tuple[str, str | None, str, Mapping[str, Any] | None]] = []
            error: BaseException | None = None
            try:
                await self.strategies[entity].run(job)
            except asyncio.CancelledError as exc:
                job.finish()
                counts = EntityChanges(entity_stats.inserted, entity_stats.updated, entity_stats.deleted)
                changes = changes | ChangeSet({entity: counts})
                exc.sync_result = result()  # type: ignore[attr-defined]  # what was stored before the cancel
                await self._record(entity, job, None, [("info", entity,
                                                        LOG_TEMPLATES["sync_cancelled"].format(entity=entity),
                                                        {"code": "sync_cancelled", "entity": entity})])
                raise
            except Exception as exc:  # noqa: BLE001 - classified below; unexpected ones are logged with traceback
                error = exc
            job.finish()
            counts = EntityChanges(entity_stats.inserted, entity_stats.updated, entity_stats.deleted)
            changes = changes | ChangeSet({entity: counts})  # pages stored before a failure did change the cache
            for bad in job.bad_records:
                entries.append(("warning", entity, LOG_TEMPLATES["record_skipped"].format(entity=entity),
                                {"code": "record_skipped", "entity": entity, "endpoint": bad.endpoint,
                                 "mk_id": bad.mk_id, "error": bad.error}))
            warnings.extend(job.warnings)
            if error is None:
                log.info("sync %s: %s", entity, entity_stats.as_dict())
                await self._record(entity, job, None, entries)
                if progress is not None:
                    progress(entity, job.done, job.done)
                continue
            reason = reasons[entity] = reason_of(error)
            message = reason["user_message"]
            entity_stats.error = message
            failed[entity] = message
            level = "error"
            entries.append((level, entity, LOG_TEMPLATES["entity_failed"].format(entity=entity, message=message),
                            _error_details(entity, error)))
            log.warning("sync %s failed: %r", entity, error)
            if not isinstance(error, MetakockaError):
                log.error("sync %s: unexpected error", entity, exc_info=error)
            await self._record(entity, job, message, entries)
            if isinstance(error, FATAL + UNAVAILABLE):
                error.sync_result = result()  # type: ignore[attr-defined]
                raise error
        return result()

    async def _record(self, entity: str, job: Job, error: str | None,
                      entries: list[tuple[str, str | None, str, Mapping[str, Any] | None]]) -> None:
        try:
            await self.db.write(_bookkeeping, entity, job.started_at, job.stats, error, entries)
        except Exception:  # noqa: BLE001 - bookkeeping must not hide the sync's own outcome
            log.exception("sync %s: could not record the run in sync_state/sync_log", entity)


def _consume(future: asyncio.Future[Any]) -> None:
    """Mark an exception as retrieved when nobody joined the sync (no 'never retrieved' warning)."""
    if not future.cancelled():
        future.exception()

