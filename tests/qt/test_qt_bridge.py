"""Tests for mkdesk.qt.bridge: coroutines run on the qasync loop and report back through exactly one path."""

from __future__ import annotations

import asyncio

from mkdesk.qt.bridge import Bridge


def test_success_path_runs_on_gui_loop(qloop):
    bridge = Bridge()
    seen: list[object] = []
    busy: list[bool] = []
    bridge.busy_changed.connect(busy.append)

    async def work():
        await asyncio.sleep(0.01)
        return 42

    task = bridge.run(work(), seen.append, lambda exc: seen.append(("failed", exc)))
    qloop.run_until_complete(task)
    assert seen == [42]
    assert busy == [True, False]
    assert not bridge.busy


def test_failure_path_gets_the_exception(qloop):
    bridge = Bridge()
    failures: list[BaseException] = []

    async def broken():
        raise ValueError("bad input")

    task = bridge.run(broken(), lambda _: failures.append(None), failures.append)
    qloop.run_until_complete(asyncio.wait([task]))
    assert len(failures) == 1 and isinstance(failures[0], ValueError)


def test_unhandled_failure_goes_to_failed_signal(qloop):
    bridge = Bridge()
    caught: list[BaseException] = []
    bridge.failed.connect(caught.append)

    async def broken():
        raise RuntimeError("nobody handles me")

    qloop.run_until_complete(asyncio.wait([bridge.run(broken())]))
    assert len(caught) == 1 and "nobody handles me" in str(caught[0])


def test_shutdown_cancels_without_calling_back(qloop):
    bridge = Bridge()
    calls: list[object] = []

    async def forever():
        await asyncio.sleep(3600)

    bridge.run(forever(), calls.append, calls.append)
    bridge.run(forever(), calls.append, calls.append)
    assert bridge.busy
    qloop.run_until_complete(bridge.shutdown())
    assert calls == []
    assert not bridge.busy


def test_shutdown_lets_a_save_of_typing_finish_and_cancels_the_rest(qloop):
    bridge = Bridge()
    saved: list[object] = []
    other: list[object] = []

    async def slow_save():
        await asyncio.sleep(0.2)  # e.g. queued behind a sync batch on the writer thread
        return "saved"

    async def forever():
        await asyncio.sleep(3600)

    bridge.run(forever(), other.append, other.append)
    bridge.run(slow_save(), saved.append, saved.append, finish_on_shutdown=True)
    qloop.run_until_complete(bridge.shutdown())
    assert saved == ["saved"] and other == [] and not bridge.busy


def test_broken_callback_is_reported(qloop):
    bridge = Bridge()
    caught: list[BaseException] = []
    bridge.failed.connect(caught.append)

    async def fine():
        return 1

    def explode(_value):
        raise KeyError("callback bug")

    qloop.run_until_complete(asyncio.wait([bridge.run(fine(), explode)]))
    assert len(caught) == 1 and isinstance(caught[0], KeyError)


def test_latest_run_calls_back_only_for_the_newest_load(qloop):
    from mkdesk.qt.bridge import LatestRun

    latest = LatestRun(Bridge())
    seen: list[object] = []

    async def value(v, delay):
        await asyncio.sleep(delay)
        return v

    first = latest.start(value("old", 0.05), seen.append, seen.append)
    second = latest.start(value("new", 0.01), seen.append, seen.append)
    qloop.run_until_complete(asyncio.gather(second, return_exceptions=True))
    assert first.cancelled() and seen == ["new"]
    latest.start(value("dropped", 0.01), seen.append, seen.append)
    latest.drop()  # e.g. the view was cleared
    qloop.run_until_complete(asyncio.sleep(0.05))
    assert seen == ["new"]
