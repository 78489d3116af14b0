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

#: how often the counts are checked. Checked every 250 ms, the young generations grew with everything the sync's
#: threads allocated meanwhile, and one collection of them stalled the GUI thread 85-430 ms during a full sync
#: (`mkdesk bench --gui`); checked every 25 ms each collection stays small
INTERVAL_MS = 25
#: when what the app built at start (modules, classes, the window) is moved out of the collector's way
#: (`gc.freeze()`), so that full collections walk only what was made since (~120 000 objects fewer)
FREEZE_AFTER_MS = 2000
#: a collection slower than this walked a big batch of new objects (50 000 partners arrive in one answer): the older
#: generations wait `HOLD_S` before their next collection, so that the batch, written and dropped by then, is freed
#: by reference counting instead of being walked again by a gen-1 and a gen-2 pass (128 + 267 ms on the large sync)
SLOW_MS = 20.0
HOLD_S = 10.0


class GuiGarbageCollector(QObject):
    """Replaces automatic garbage collection with collections started by a timer on the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS,
                 freeze_after_ms: int | None = FREEZE_AFTER_MS) -> None:
        super().__init__(parent)
        self._freeze_after_ms = freeze_after_ms
        self.frozen = False
        self.hold_until = 0.0  # time.monotonic() before which only the youngest generation is collected
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self.collections = [0, 0, 0]
        self.busy = False  # a sync is running: its decoded batches are alive, a full collection would walk them all

    def set_busy(self, busy: bool) -> None:
        """While a sync runs, only the youngest generation is collected: a full pass walked every record still being
        written (80-400 ms on the large sync), a gen-1 pass the survivors of ten young ones (~40 ms while the
        partners' answer is parsed). When it ends, one full pass runs, over what is left by then."""
        was_busy, self.busy = self.busy, busy
        if was_busy and not busy:
            self.hold_until = 0.0
            QTimer.singleShot(0, self, self.collect_after_busy)

    def collect_after_busy(self) -> None:
        if not self.busy and self._timer.isActive():
            started = time.perf_counter()
            gc.collect(2)
            self.collections[2] += 1
            log.debug("garbage collection after the sync took %.0f ms", (time.perf_counter() - started) * 1000)

    def install(self) -> None:
        gc.disable()
        self._timer.start()
        if self._freeze_after_ms is not None:
            QTimer.singleShot(self._freeze_after_ms, self, self.freeze_startup)

    def freeze_startup(self) -> None:
        """Keep what exists now out of every later collection (it lives as long as the app anyway)."""
        if self._timer.isActive() and not self.frozen:
            gc.freeze()
            self.frozen = True

    def uninstall(self) -> None:
        self._timer.stop()
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold (as automatic collection would)."""
        counts = gc.get_count()
        held = time.monotonic() < self.hold_until
        generation = None
        for gen in (0,) if held or self.busy else (2, 1, 0):
            if self._thresholds[gen] and counts[gen] > self._thresholds[gen]:
                generation = gen
                break
        if generation is None:
            return None
        started = time.perf_counter()
        gc.collect(generation)
        self.collections[generation] += 1
        elapsed_ms = (time.perf_counter() - started) * 1000
        if elapsed_ms > SLOW_MS:
            self.hold_until = time.monotonic() + HOLD_S
        if elapsed_ms > 50:
            log.info("garbage collection of generation %d took %.0f ms", generation, elapsed_ms)
        return generation


def follow_sync(controller: QObject) -> None:
    """Let the application's collector (installed by `mkdesk.app._make_qapp`) know when `controller`'s syncs run."""
    from PySide6.QtCore import QCoreApplication

    collector = getattr(QCoreApplication.instance(), "_mkdesk_gc", None)
    if collector is not None:
        controller.running_changed.connect(collector.set_busy)  # type: ignore[attr-defined]
