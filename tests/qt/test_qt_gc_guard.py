"""Tests for mkdesk.qt.gc_guard: automatic collection is off and collections run from the GUI-thread timer."""

from __future__ import annotations

import gc
import threading

from mkdesk.qt.gc_guard import GuiGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_only(qtbot):
    before = gc.isenabled()
    guard = GuiGarbageCollector(interval_ms=10)
    collected_on: list[str] = []

    def watch(phase, _info):
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    guard.install()
    gc.callbacks.append(watch)
    try:
        assert not gc.isenabled()

        def allocate():  # a worker thread allocating plenty never starts a collection now
            garbage = [_Cycle() for _ in range(20000)]
            del garbage

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in collected_on
        qtbot.waitUntil(lambda: guard.collections[0] > 0, timeout=5000)
        assert set(collected_on) == {threading.current_thread().name}
    finally:
        gc.callbacks.remove(watch)
        guard.uninstall()
    assert gc.isenabled() == before  # uninstall restores what it found


def test_nothing_is_collected_below_the_thresholds():
    guard = GuiGarbageCollector()
    gc.collect()
    assert guard.collect_if_due() is None
