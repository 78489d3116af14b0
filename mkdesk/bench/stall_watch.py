"""Entry layer: what the other threads were doing while the GUI thread stalled (a bench diagnostic, any thread).

The heartbeat says *that* the GUI thread was late; `StallWatch` says *why*. The GUI thread calls `beat()` on each
heartbeat tick. A watchdog thread wakes every `sample_ms`; while the last beat is older than `threshold_ms` it takes
every thread's stack (`sys._current_frames`), and when the beats resume it files the stall with the stacks seen and
the garbage collections that ran meanwhile (`gc.callbacks`). A thread holding the GIL in one long C call keeps the
watchdog asleep too: its samples then show the line that call returns to, which names the culprit just the same.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: a beat older than this is a stall (the heartbeat asks for one every 10 ms)
THRESHOLD_MS = 30.0
SAMPLE_MS = 3.0
#: frames kept per stack, innermost first
DEPTH = 5
#: collections shorter than this are not worth naming
GC_MIN_MS = 2.0


@dataclass
class Stall:
    """One stretch without beats: when (seconds since start), how long, the stacks per thread and the collections."""

    at_s: float
    ms: float
    where: str = ""  # what the watched program said it was doing when the stall began (`StallWatch.where`)
    stacks: dict[str, Counter[str]] = field(default_factory=dict)
    collections: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, top: int = 3) -> dict[str, Any]:
        return {"at_s": round(self.at_s, 2), "ms": round(self.ms, 1), "where": self.where,
                "collections": self.collections,
                "stacks": {name: [f"{count}× {stack}" for stack, count in found.most_common(top)]
                           for name, found in sorted(self.stacks.items())}}


def _stack(frame: Any, depth: int = DEPTH) -> str:
    picked = traceback.extract_stack(frame)[-depth:]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(picked))


class StallWatch:
    """Watchdog for the GUI thread's heartbeat: `start()`, `beat()` from the GUI thread, `stop()`, then `stalls`."""

    def __init__(self, threshold_ms: float = THRESHOLD_MS, sample_ms: float = SAMPLE_MS) -> None:
        self.threshold = threshold_ms / 1000
        self.sample = sample_ms / 1000
        self.stalls: list[Stall] = []
        self.where = ""  # set by the watched program (e.g. the entity being synced); filed with each stall
        self._gui_ident = threading.get_ident()
        self._started = time.perf_counter()
        self._last_beat = self._started
        self._gc_started: dict[int, float] = {}
        self._gc_done: list[tuple[float, float, int, str]] = []  # (start, end, generation, thread)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._started = self._last_beat = time.perf_counter()
        gc.callbacks.append(self._on_gc)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def beat(self) -> None:
        self._last_beat = time.perf_counter()

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        ident = threading.get_ident()
        now = time.perf_counter()
        if phase == "start":
            self._gc_started[ident] = now
            return
        began = self._gc_started.pop(ident, None)
        if began is not None and (now - began) * 1000 >= GC_MIN_MS:
            self._gc_done.append((began, now, int(info.get("generation", -1)), threading.current_thread().name))
            del self._gc_done[:-200]

    def _names(self) -> dict[int, str]:
        names = {t.ident: t.name for t in threading.enumerate() if t.ident is not None}
        names[self._gui_ident] = "GUI"
        return names

    def _watch(self) -> None:
        own = threading.get_ident()
        current: Stall | None = None
        stall_from = 0.0
        while not self._stop.wait(self.sample):
            now = time.perf_counter()
            last = self._last_beat
            if now - last > self.threshold:
                if current is None:
                    stall_from = last
                    current = Stall(at_s=last - self._started, ms=0.0, where=self.where)
                names = self._names()
                for ident, frame in sys._current_frames().items():
                    if ident != own:
                        current.stacks.setdefault(names.get(ident, str(ident)), Counter())[_stack(frame)] += 1
            elif current is not None:
                current.ms = (last - stall_from) * 1000
                current.collections = [
                    {"generation": gen, "ms": round((end - begin) * 1000, 1), "thread": name}
                    for begin, end, gen, name in list(self._gc_done) if end > stall_from and begin < last]
                self.stalls.append(current)
                current = None

    def worst(self, count: int = 5) -> list[dict[str, Any]]:
        """The `count` longest stalls, longest first, as plain data for JSON."""
        return [stall.as_dict() for stall in sorted(self.stalls, key=lambda s: s.ms, reverse=True)[:count]]
