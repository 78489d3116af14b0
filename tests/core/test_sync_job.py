"""Tests for mkdesk.core.sync.job: the fetch→write pipeline overlaps, keeps order, stops on errors and cancels."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from mkdesk.core.sync.fetch import RawPage
from mkdesk.core.sync.job import EntityStats, Job, SyncCancelled, SyncOptions


def _job(**kw) -> Job:
    stats = EntityStats("orders")
    return Job("orders", None, None, lambda: datetime(2026, 3, 2).astimezone(), kw.pop("options", SyncOptions()),
               stats, **kw)  # type: ignore[arg-type]


async def _pages(n: int, log: list[str], fail_at: int | None = None, delay: float = 0.0):
    for i in range(n):
        if i == fail_at:
            raise RuntimeError("page fetch failed")
        await asyncio.sleep(delay)
        log.append(f"fetched {i}")
        yield RawPage("search", ({"mk_id": str(i)},), offset=i, total=n)


def test_the_next_page_is_fetched_while_the_previous_one_is_written():
    log: list[str] = []
    progress: list[tuple] = []

    async def handle(page: RawPage) -> None:
        log.append(f"write {page.offset} start")
        await asyncio.sleep(0.02)  # the writer thread at work
        log.append(f"write {page.offset} end")

    async def main():
        job = _job(progress=lambda *a: progress.append(a))
        await job.stream(_pages(4, log), handle)
        return job

    job = asyncio.run(main())
    assert log.index("fetched 1") < log.index("write 0 end")  # overlap
    assert [x for x in log if x.startswith("write") and x.endswith("start")] == [f"write {i} start" for i in range(4)]
    assert job.stats.pages == 4
    assert progress[-1] == ("orders", 4, 4)


def test_the_queue_is_bounded():
    log: list[str] = []

    async def handle(page: RawPage) -> None:
        log.append(f"write {page.offset}")
        await asyncio.sleep(0.01)

    asyncio.run(_job(options=SyncOptions(queue_depth=1)).stream(_pages(6, log), handle))
    # never more than depth + 2 pages fetched ahead of the write in progress (queue, the producer's hand, one in write)
    for i in range(6):
        if f"fetched {i + 3}" in log:
            assert log.index(f"write {i}") < log.index(f"fetched {i + 3}")


def test_a_fetch_error_reaches_the_caller_after_the_pages_before_it():
    log: list[str] = []
    written: list[int] = []

    async def handle(page: RawPage) -> None:
        written.append(page.offset)

    with pytest.raises(RuntimeError, match="page fetch failed"):
        asyncio.run(_job().stream(_pages(5, log, fail_at=3), handle))
    assert written == [0, 1, 2]


def test_a_write_error_stops_the_fetcher():
    log: list[str] = []

    async def handle(page: RawPage) -> None:
        raise ValueError("disk full")

    async def main():
        tasks_before = len(asyncio.all_tasks())
        with pytest.raises(ValueError):
            await _job().stream(_pages(50, log, delay=0.001), handle)
        await asyncio.sleep(0.01)
        return tasks_before, len(asyncio.all_tasks())

    before, after = asyncio.run(main())
    assert after == before
    assert len(log) < 10


def test_the_cancel_event_stops_between_pages():
    log: list[str] = []
    written: list[int] = []
    cancel = asyncio.Event()

    async def handle(page: RawPage) -> None:
        written.append(page.offset)
        if page.offset == 1:
            cancel.set()

    with pytest.raises(SyncCancelled):
        asyncio.run(_job(cancel=cancel).stream(_pages(10, log), handle))
    assert written == [0, 1]
    assert issubclass(SyncCancelled, asyncio.CancelledError)


def test_succeeded_marks_success_and_full_reconcile():
    from mkdesk.core.cache import SyncState

    job = _job()
    state = job.succeeded(SyncState("orders", last_error="old"), full=True, cursor="x")
    assert state.last_success == state.last_full_reconcile == job.started_at
    assert state.cursor == "x" and state.last_error is None
    assert job.succeeded(SyncState("orders")).last_full_reconcile is None


class _FlakyClient:
    def __init__(self, errors):
        self.errors = list(errors)
        self.calls = 0

    async def call(self, name, body=None):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"opr_code": "0"}


def _offline():
    from mkdesk.core.erp import TransportError

    err = TransportError("connect: refused")
    err.transport_kind = "connect"
    return err


def test_counting_client_gives_server_failures_more_rounds_but_not_offline_or_refusals():
    from mkdesk.core.erp import BadCredentials, ServerUnavailable
    from mkdesk.core.sync.job import CountingClient

    async def run(errors, rounds=3):
        stats = EntityStats("orders")
        fake = _FlakyClient(errors)
        calls = CountingClient(fake, stats, rounds=rounds, pause=0)  # type: ignore[arg-type]
        try:
            return await calls.call("search"), fake.calls, stats.requests
        except Exception as exc:  # noqa: BLE001
            return exc, fake.calls, stats.requests

    ok, n, counted = asyncio.run(run([ServerUnavailable("HTTP 503"), ServerUnavailable("HTTP 502")]))
    assert ok == {"opr_code": "0"} and n == 3 and counted == 1
    err, n, _ = asyncio.run(run([ServerUnavailable("x")] * 3))
    assert isinstance(err, ServerUnavailable) and n == 3
    err, n, _ = asyncio.run(run([_offline(), ServerUnavailable("x")]))
    assert err.transport_kind == "connect" and n == 1
    err, n, _ = asyncio.run(run([BadCredentials("no"), ServerUnavailable("x")]))
    assert isinstance(err, BadCredentials) and n == 1


class _Record(dict):
    """A wire record that notes the thread it was freed on."""

    freed_on: list[str] = []

    def __del__(self) -> None:
        import threading

        _Record.freed_on.append(threading.current_thread().name)


def test_a_big_pages_records_are_freed_off_the_event_loops_thread_after_it_was_handled():
    import threading

    from mkdesk.core.cache.upsert import RELEASE_STEP

    _Record.freed_on = []
    big = RELEASE_STEP * 2 + 7
    seen: list[int] = []
    progress: list[tuple] = []

    async def pages():
        yield RawPage("get_partner", [_Record(mk_id=str(i)) for i in range(big)], 0, big)
        yield RawPage("get_partner", [_Record(mk_id="small")], big, big + 1)

    async def handle(page: RawPage) -> None:
        seen.append(len(page.items))  # whole while being handled

    async def main():
        await _job(progress=lambda *a: progress.append(a)).stream(pages(), handle)

    loop_thread = threading.current_thread().name
    asyncio.run(main())
    assert seen == [big, 1]
    assert progress == [("orders", big, big), ("orders", big + 1, big + 1)]
    assert len(_Record.freed_on) == big + 1
    off_loop = [name for name in _Record.freed_on if name != loop_thread]
    assert len(off_loop) == big  # the big page's records on a worker thread; the one small record where it was
