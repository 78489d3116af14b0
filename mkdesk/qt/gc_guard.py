"""Qt layer: Python's garbage collector runs on the GUI thread only (GUI thread; install once per application).

The database threads run Python code too, and an automatic collection can start on any thread that allocates. If
it frees a Qt object there (a widget or timer caught in a reference cycle), Qt destroys it on the wrong thread:
"Timers cannot be stopped from another thread" or worse. `GuiGarbageCollector` turns automatic collection off and
runs the same generational collections from a GUI-thread timer, when the allocation counts pass the thresholds.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: how often the counts are checked; a young-generation collection takes well under a millisecond
INTERVAL_MS = 250


class GuiGarbageCollector(QObject):
    """Replaces automatic garbage collection with collections started by a timer on the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self.collections = [0, 0, 0]

    def install(self) -> None:
        gc.disable()
        self._timer.start()

    def uninstall(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold (as automatic collection would)."""
        counts = gc.get_count()
        generation = None
        for gen in (2, 1, 0):
            if self._thresholds[gen] and counts[gen] > self._thresholds[gen]:
                generation = gen
                break
        if generation is None:
            return None
        started = time.perf_counter()
        gc.collect(generation)
        self.collections[generation] += 1
        elapsed_ms = (time.perf_counter() - started) * 1000
        if elapsed_ms > 50:
            log.info("garbage collection of generation %d took %.0f ms", generation, elapsed_ms)
        return generation
