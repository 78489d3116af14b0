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

    gc.collect()  # older counts from earlier tests could make the first due collection a gen-2 one
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


def test_what_the_app_built_at_start_is_frozen_out_of_later_collections(qtbot):
    guard = GuiGarbageCollector(interval_ms=10, freeze_after_ms=20)
    kept = [_Cycle() for _ in range(1000)]  # built at start, lives as long as the app
    guard.install()
    try:
        qtbot.waitUntil(lambda: guard.frozen, timeout=5000)
        assert gc.get_freeze_count() >= len(kept)
        tracked_after = len(gc.get_objects())  # later collections walk only these
        assert tracked_after < gc.get_freeze_count()
    finally:
        guard.uninstall()
    assert not guard.frozen and gc.get_freeze_count() == 0


def test_a_collector_that_was_never_installed_freezes_nothing():
    guard = GuiGarbageCollector(freeze_after_ms=None)
    guard.freeze_startup()
    assert not guard.frozen and gc.get_freeze_count() == 0


def test_after_a_slow_collection_the_older_generations_wait(monkeypatch):
    import mkdesk.qt.gc_guard as guard_module

    guard = GuiGarbageCollector(freeze_after_ms=None)
    gc.collect()
    batch = [[i] for i in range(300_000)]  # a big answer just decoded: every list is a new tracked object
    monkeypatch.setattr(guard_module, "SLOW_MS", 0.0)  # whatever this machine's speed, that walk counts as slow
    assert guard.collect_if_due() == 0
    assert guard.hold_until > __import__("time").monotonic()
    survivors = []
    for _ in range(guard._thresholds[1] + 1):
        survivors.append([[i] for i in range(guard._thresholds[0] + 10)])  # each makes gen 0 due, then gen 1
        assert guard.collect_if_due() == 0
    assert gc.get_count()[1] > guard._thresholds[1]  # gen 1 is due, and waits (the batch is not walked again)
    del batch  # written and dropped meanwhile: reference counting frees it
    guard.hold_until = 0.0
    assert guard.collect_if_due() == 1


def test_while_a_sync_runs_only_the_youngest_generation_is_collected_and_a_full_pass_runs_once_after(
        qtbot, monkeypatch):
    guard = GuiGarbageCollector(freeze_after_ms=None)
    guard.install()
    try:
        full_due = (0, 0, guard._thresholds[2] + 5)  # the counts when a full pass is due
        monkeypatch.setattr(gc, "get_count", lambda: full_due)
        guard.set_busy(True)
        assert guard.collect_if_due() is None and guard.collections[2] == 0  # the sync's records are not walked
        older_due = (0, guard._thresholds[1] + 5, guard._thresholds[2] + 5)
        monkeypatch.setattr(gc, "get_count", lambda: older_due)
        assert guard.collect_if_due() is None and guard.collections[1] == 0  # nor the survivors of young passes
        young_due = (guard._thresholds[0] + 5, guard._thresholds[1] + 5, guard._thresholds[2] + 5)
        monkeypatch.setattr(gc, "get_count", lambda: young_due)
        assert guard.collect_if_due() == 0  # what is new is still collected
        monkeypatch.setattr(gc, "get_count", lambda: full_due)
        guard.set_busy(False)  # the sync ended: one full pass, soon, on the GUI thread
        qtbot.waitUntil(lambda: guard.collections[2] >= 1, timeout=2000)
        guard.hold_until = 0.0  # (a slow pass meanwhile would hold the older generations: not what is tested here)
        assert guard.collect_if_due() == 2  # and the usual rule again
    finally:
        monkeypatch.undo()
        guard.uninstall()


def test_follow_sync_connects_the_applications_collector(qapp):
    from PySide6.QtCore import QObject, Signal

    from mkdesk.qt.gc_guard import follow_sync

    class Controller(QObject):
        running_changed = Signal(bool)

    collector = GuiGarbageCollector(freeze_after_ms=None)
    previous = getattr(qapp, "_mkdesk_gc", None)
    qapp._mkdesk_gc = collector
    try:
        controller = Controller()
        follow_sync(controller)
        controller.running_changed.emit(True)
        assert collector.busy
        controller.running_changed.emit(False)
        assert not collector.busy
    finally:
        if previous is None:
            del qapp._mkdesk_gc
        else:
            qapp._mkdesk_gc = previous
