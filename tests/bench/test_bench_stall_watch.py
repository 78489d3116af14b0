"""Tests for mkdesk.bench.stall_watch: a stall is filed with its length, the stacks seen during it (named threads,
the beating thread as GUI) and the collections that ran meanwhile; steady beats file nothing."""

from __future__ import annotations

import gc
import threading
import time

from mkdesk.bench.stall_watch import StallWatch


def _beat_for(watch: StallWatch, seconds: float) -> None:
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        watch.beat()
        time.sleep(0.002)


def _blocked_here(seconds: float) -> None:
    time.sleep(seconds)


def _collect_garbage_here() -> None:
    gc.collect()


def test_steady_beats_file_no_stall():
    watch = StallWatch(threshold_ms=30)
    watch.start()
    try:
        _beat_for(watch, 0.2)
    finally:
        watch.stop()
    assert watch.stalls == [] and watch.worst() == []


def test_a_stall_is_filed_with_its_length_and_every_threads_stack():
    release = threading.Event()

    def worker_waits_here() -> None:
        release.wait(5)

    worker = threading.Thread(target=worker_waits_here, name="writer-like")
    worker.start()
    watch = StallWatch(threshold_ms=30)
    watch.start()
    try:
        _beat_for(watch, 0.05)
        watch.where = "partners 0/50000"
        _blocked_here(0.15)
        _beat_for(watch, 0.05)
    finally:
        watch.stop()
        release.set()
        worker.join()
    assert len(watch.stalls) == 1
    worst = watch.worst()[0]
    assert 140 <= worst["ms"] < 1000
    assert worst["at_s"] >= 0.04 and worst["where"] == "partners 0/50000"
    assert any("_blocked_here" in line for line in worst["stacks"]["GUI"])
    assert any("worker_waits_here" in line for line in worst["stacks"]["writer-like"])
    assert "stall-watch" not in worst["stacks"]


def test_collections_during_a_stall_are_named_with_their_generation_and_thread():
    keep = []
    for _ in range(200_000):  # cycles, so that the collection has real work
        a: list = []
        a.append(a)
        keep.append(a)
    watch = StallWatch(threshold_ms=1)
    watch.start()
    try:
        _beat_for(watch, 0.02)
        _collect_garbage_here()
        _blocked_here(0.05)
        _beat_for(watch, 0.02)
    finally:
        watch.stop()
        del keep
    collections = [c for stall in watch.worst(len(watch.stalls)) for c in stall["collections"]]
    assert any(c["generation"] == 2 and c["thread"] == "MainThread" and c["ms"] >= 2 for c in collections)
    assert watch._on_gc not in gc.callbacks  # stop() leaves the collector as it was
