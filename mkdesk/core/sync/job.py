"""Core layer: one entity's sync run: counted API calls, the fetch→write page pipeline, stats (event loop only).

`Job.stream` is where decode and write overlap the network: a producer task fetches pages into a bounded queue
while the consumer hands the previous page to the database writer thread (decode + upsert in one transaction),
so page n+1 is on the wire while page n is being stored. Cancellation (the task's, or the `cancel` event
checked between pages) stops the producer, and no cursor has moved, because cursors are written only in the
entity's last transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mkdesk.core.cache.upsert import RELEASE_STEP, release
from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.erp.errors import MetakockaError, TransportError
from mkdesk.core.sync.fetch import BadRecord, RawPage

ProgressFn = Callable[[str, int, int | None], None]
Clock = Callable[[], datetime]


class SyncCancelled(asyncio.CancelledError):
    """The sync was cancelled through its `cancel` event (a CancelledError, so it unwinds like one)."""


async def release_page(page: RawPage) -> None:
    """Free a big page's records in slices on a worker thread (50 000 partners freed in one sweep held the GIL for
    ~85 ms on the event loop's thread, the GUI thread in the app); small pages are left to reference counting."""
    if isinstance(page.items, list) and len(page.items) >= RELEASE_STEP:
        await asyncio.to_thread(release, page.items)


@dataclass(slots=True)
class EntityStats:
    """What one entity's run did: row counts, API calls, skipped records, mode and time."""

    entity: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    requests: int = 0
    pages: int = 0
    skipped: int = 0
    mode: str = ""
    seconds: float = 0.0
    error: str | None = None

    @property
    def written(self) -> int:
        return self.inserted + self.updated + self.deleted

    def add(self, inserted: int = 0, updated: int = 0, unchanged: int = 0, deleted: int = 0) -> None:
        self.inserted += inserted
        self.updated += updated
        self.unchanged += unchanged
        self.deleted += deleted

    def as_dict(self) -> dict[str, Any]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "requests": self.requests,
            "skipped": self.skipped,
            "mode": self.mode,
            "seconds": round(self.seconds, 3),
            "error": self.error,
        }


class CountingClient:
    """The client as a job sees it: every API call is counted in the entity's stats, and a read the client gave
    up on after its own retries gets `rounds − 1` more rounds when the server answered badly (5xx, HTML pages,
    truncated bodies, quota, dropped connections), but not when it cannot be reached at all (offline: fail fast).
    A long sync against a flaky server then rarely dies of one unlucky page."""

    def __init__(self, client: MetakockaClient, stats: EntityStats, rounds: int = 3, pause: float = 0.5) -> None:
        self._client = client
        self._stats = stats
        self._rounds = max(1, rounds)
        self._pause = pause

    async def call(self, name: str, body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        self._stats.requests += 1
        for round_ in range(1, self._rounds + 1):
            try:
                return await self._client.call(name, body)
            except MetakockaError as err:
                offline = isinstance(err, TransportError) and getattr(err, "transport_kind", None) == "connect"
                if not err.retryable or offline or round_ >= self._rounds:
                    raise
            await asyncio.sleep(self._pause * round_)
        raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class SyncOptions:
    """Tuning of the strategies (defaults follow `metakocka-api.md` §7)."""

    search_page: int = 100
    catalog_page: int = 1000
    #: how far back each sales-order `last_change` window starts before the last watermark (clock skew, lag)
    overlap_seconds: int = 300
    #: rolling `doc_date` window re-read on every invoice sync, and checked for deleted orders
    window_days: int = 60
    #: full reconcile (every document re-read, deletions everywhere) of the document entities
    reconcile_hours: float = 24.0
    #: re-read of the bills older than the window that are not fully paid
    unpaid_check_minutes: float = 60.0
    #: pages fetched ahead of the writer
    queue_depth: int = 2
    #: more changed offers than this → a full offer scan instead of one get_document each
    offer_fetch_limit: int = 200
    stock_chunk: int = 5000
    #: rounds of the client's own retries a read may use before the entity fails (see `CountingClient`)
    call_rounds: int = 3


_END = object()


@dataclass(slots=True)
class _Failed:
    error: BaseException


@dataclass(slots=True)
class Job:
    """Context of one entity's run (created by the engine, used by a strategy)."""

    entity: str
    client: CountingClient
    db: Any
    clock: Clock
    options: SyncOptions
    stats: EntityStats
    progress: ProgressFn | None = None
    cancel: asyncio.Event | None = None
    warnings: list[str] = field(default_factory=list)
    bad_records: list[BadRecord] = field(default_factory=list)
    capabilities: dict[str, bool] = field(default_factory=dict)
    done: int = 0
    total: int | None = None
    started_at: datetime = field(init=False)
    _started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.started_at = self.clock()

    def now(self) -> datetime:
        return self.clock()

    def succeeded(self, state: Any, *, full: bool = False, **changes: Any) -> Any:
        """`state` after a successful run of this entity (cursor fields in `changes`); saved by the strategy in
        the transaction that commits the run's last data."""
        fields: dict[str, Any] = {"last_run": self.started_at, "last_success": self.started_at, "last_error": None}
        if full:
            fields["last_full_reconcile"] = self.started_at
        fields.update(changes)
        return dataclasses.replace(state, **fields)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SyncCancelled("sync cancelled")

    def report(self, done_delta: int = 0, total: int | None = None) -> None:
        self.done += done_delta
        if total is not None:
            self.total = total
        if self.progress is not None:
            self.progress(self.entity, self.done, self.total)

    def skipped(self, bad: list[BadRecord]) -> None:
        self.stats.skipped += len(bad)
        self.bad_records.extend(bad)
        for record in bad:
            self.warnings.append(f"{self.entity}: skipped record {record.mk_id or '?'} from {record.endpoint}: "
                                 f"{record.error}")

    async def write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`fn(conn, *args, **kwargs)` in one transaction on the writer thread."""
        return await self.db.write(functools.partial(fn, **kwargs) if kwargs else fn, *args)

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await self.db.read(fn, *args)

    async def stream(self, pages: AsyncIterator[RawPage], handle: Callable[[RawPage], Awaitable[None]]) -> None:
        """Fetch pages ahead (bounded queue) while `handle` stores the previous one; errors of either side raise."""
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=max(1, self.options.queue_depth))

        async def produce() -> None:
            async with contextlib.aclosing(pages):  # type: ignore[type-var]
                try:
                    async for page in pages:
                        await queue.put(page)
                except Exception as exc:  # noqa: BLE001 - handed to the consumer, which raises it
                    await queue.put(_Failed(exc))
                    return
            await queue.put(_END)

        producer = asyncio.create_task(produce(), name=f"sync-fetch-{self.entity}")
        try:
            while True:
                self.check_cancel()
                item = await queue.get()
                if item is _END:
                    break
                if isinstance(item, _Failed):
                    raise item.error
                self.check_cancel()
                self.stats.pages += 1
                count = len(item.items)
                await handle(item)
                self.report(count, item.total)
                await release_page(item)
                del item
        finally:
            if not producer.done():
                producer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await producer

    def finish(self) -> None:
        self.stats.seconds = time.monotonic() - self._started
