"""Qt layer: `AutoSync` — background auto-sync driven from the GUI thread: a single-shot QTimer wakes when the next
entity is due (per the core `SyncScheduler`) and asks the `SyncController` to sync exactly the due entities.

GUI thread only; the scheduler's reads and writes go through the bridge. There is one road to a sync: the toolbar,
the entity menu and this timer all call `SyncController.request_sync`, so a running sync is joined, never doubled
(due entities it did not cover run right after it). The outcome of every sync the controller runs, manual or
automatic, is recorded in the scheduler: done entities are next due after their interval, failed ones back off
(offline, unavailable, quota), bad credentials block auto-sync until the settings change; a run the user cancelled
is postponed by one interval. Sleep/resume and clock jumps never cause a storm: all overdue entities go in one sync,
and the timer never sleeps longer than `max_wait` so a wall-clock jump is noticed and the plan re-read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from mkdesk.qt.bridge import Bridge

log = logging.getLogger(__name__)

#: the longest the timer sleeps before it looks at the wall clock again (sleep/resume, clock changes)
MAX_WAIT = timedelta(minutes=1)
#: how far the wall clock may drift from the monotonic clock between two wakes before the plan is re-read
JUMP = timedelta(seconds=30)
#: the least time between two automatic syncs, whatever the plan says (a last guard against a storm)
MIN_GAP = timedelta(seconds=20)


class AutoSync(QObject):
    """Starts the due syncs while auto-sync is on; pause/resume per entity; follows the settings at once."""

    plan_changed = Signal(object)  # (when, entities) of the next automatic sync, or None (off, paused, blocked)
    paused_changed = Signal(object)  # frozenset of the entities whose auto-sync is paused

    def __init__(self, controller: Any, bridge: Bridge, scheduler: Any = None, *, enabled: bool = True,
                 max_wait: timedelta = MAX_WAIT, min_gap: timedelta = MIN_GAP,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._bridge = bridge
        self._scheduler = scheduler
        self._enabled = enabled
        self._max_wait = max_wait
        self._min_gap = min_gap.total_seconds()
        self._last_start: float | None = None  # monotonic time of the last automatic start
        self._plans = 0  # replans asked for: only the newest answer sets the timer
        self._user_cancel = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._wake)
        self._due_at: datetime | None = None
        self._armed: tuple[float, datetime] | None = None  # (monotonic, wall clock) when the timer was set
        self._intervals: dict[str, timedelta] = {}
        self.plan: tuple[datetime, tuple[str, ...]] | None = None
        self.paused: frozenset[str] = frozenset()
        self.automatic_runs = 0  # syncs this timer started (for the status and tests)
        controller.finished.connect(self._finished)
        controller.failed.connect(self._failed)
        controller.cancelled.connect(self._cancelled)

    # ----- configuration (GUI thread) ------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def timer(self) -> QTimer:
        return self._timer

    def set_scheduler(self, scheduler: Any, settings: Any = None) -> None:
        """Plan with this scheduler from now on (a new connection; with the profile's settings when given);
        None: no connection, nothing runs."""
        if settings is not None:
            self._enabled = bool(settings.auto_sync)
            self._intervals = {e: timedelta(minutes=m) for e, m in settings.intervals.items()}
        self._scheduler = scheduler
        if scheduler is not None and self._intervals:
            scheduler.set_intervals(self._intervals)
        self.replan()
        self._read_paused()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self.replan()

    def set_intervals(self, intervals: Mapping[str, timedelta]) -> None:
        self._intervals = dict(intervals)
        if self._scheduler is not None:
            self._scheduler.set_intervals(self._intervals)
        self.replan()

    def apply_settings(self, settings: Any) -> None:
        """Auto-sync on/off and the per-entity intervals (minutes) of the profile's settings, effective at once."""
        self._enabled = bool(settings.auto_sync)
        self.set_intervals({e: timedelta(minutes=m) for e, m in settings.intervals.items()})

    def pause(self, entities: Iterable[str] | str) -> None:
        """Stop auto-syncing these entities (persisted); Sync now still syncs them."""
        if self._scheduler is not None:
            self._bridge.run(self._scheduler.pause(_names(entities)), lambda _r: self._after_control(),
                             self._control_failed, name="auto-sync-pause")

    def resume(self, entities: Iterable[str] | str) -> None:
        if self._scheduler is not None:
            self._bridge.run(self._scheduler.resume(_names(entities)), lambda _r: self._after_control(),
                             self._control_failed, name="auto-sync-resume")

    def set_paused(self, entity: str, paused: bool) -> None:
        (self.pause if paused else self.resume)(entity)

    # ----- planning ------------------------------------------------------------------------------------------------

    def replan(self) -> None:
        """Re-read when the next entity is due and set the timer for it (or stop it)."""
        if not self._enabled or self._scheduler is None:
            self._stop()
            return
        self._plans += 1
        plan = self._plans
        self._bridge.run(self._scheduler.next_due(), lambda nxt: self._planned(nxt, plan), self._control_failed,
                         name="auto-sync-plan")

    def check_now(self) -> None:
        """Look at the plan now and start what is due (e.g. after the computer woke up)."""
        if self._enabled and self._scheduler is not None and not self._too_soon():
            self._start_due()

    def _too_soon(self) -> bool:
        """Within `min_gap` of the last automatic start: wake again when it has passed."""
        if self._last_start is None:
            return False
        left = self._last_start + self._min_gap - time.monotonic()
        if left <= 0:
            return False
        self._timer.start(int(left * 1000) + 1)
        return True

    def _stop(self) -> None:
        self._timer.stop()
        self._due_at = None
        self._set_plan(None)

    def _set_plan(self, plan: tuple[datetime, tuple[str, ...]] | None) -> None:
        if plan != self.plan:
            self.plan = plan
            self.plan_changed.emit(plan)

    def _planned(self, plan: tuple[datetime, tuple[str, ...]] | None, number: int) -> None:
        if number != self._plans:
            return  # a later replan is under way
        if not self._enabled or self._scheduler is None:
            self._stop()
            return
        self._set_plan(plan)
        if plan is None:  # everything paused, or blocked until the settings are fixed
            self._timer.stop()
            self._due_at = None
            return
        self._due_at = plan[0]
        self._arm()

    def _arm(self) -> None:
        assert self._due_at is not None
        now = self._scheduler.clock()
        wait = max(timedelta(0), min(self._due_at - now, self._max_wait))
        self._armed = (time.monotonic(), now)
        self._timer.start(int(wait.total_seconds() * 1000))

    def _wake(self) -> None:
        if not self._enabled or self._scheduler is None or self._due_at is None:
            return
        if self._controller.running:
            return  # the running sync's end replans
        now = self._scheduler.clock()
        if self._armed is not None:
            slept = timedelta(seconds=time.monotonic() - self._armed[0])
            if abs((now - self._armed[1]) - slept) > JUMP:
                log.info("auto-sync: the clock jumped (or the computer slept); re-reading the plan")
                self.replan()
                return
        if now < self._due_at:
            self._arm()  # woke early to check the clock: nothing to read
            return
        if self._too_soon():
            return
        self._start_due()

    def _start_due(self) -> None:
        self._bridge.run(self._scheduler.due(), self._start, self._control_failed, name="auto-sync-due")

    def _start(self, due: tuple[str, ...]) -> None:
        if not self._enabled or self._scheduler is None or self._controller.running:
            return  # a running sync is joined: its end replans, and what it did not cover runs then
        if not due:
            self.replan()
            return
        if self._controller.request_sync(due):
            self._last_start = time.monotonic()
            self.automatic_runs += 1
            log.info("auto-sync: %s", ", ".join(due))
        else:
            self.replan()

    # ----- outcomes of every sync the controller runs --------------------------------------------------------------

    def _record(self, coro: Any) -> None:
        self._bridge.run(coro, lambda _r: self.replan(), self._control_failed, name="auto-sync-record")

    def _finished(self, result: Any) -> None:
        self._user_cancel = False
        if self._scheduler is not None:
            self._record(self._scheduler.record(self._controller.entities, result))

    def _failed(self, exc: BaseException) -> None:
        self._user_cancel = False
        if self._scheduler is not None:
            self._record(self._scheduler.record(self._controller.entities, None, exc))

    def user_cancelled(self) -> None:
        """The user pressed Cancel: the run's entities wait one interval (a cancel for a new connection does not)."""
        self._user_cancel = True

    def _cancelled(self) -> None:
        user, self._user_cancel = self._user_cancel, False
        if self._scheduler is None:
            return
        if user:
            self._record(self._scheduler.postpone(self._controller.entities))
        else:
            self.replan()

    def _after_control(self) -> None:
        self.replan()
        self._read_paused()

    def _read_paused(self) -> None:
        if self._scheduler is None:
            return
        self._bridge.run(self._scheduler.states(), self._show_paused, self._control_failed, name="auto-sync-paused")

    def _show_paused(self, states: Mapping[str, Any]) -> None:
        paused = frozenset(e for e, s in states.items() if s.paused)
        if paused != self.paused:
            self.paused = paused
            self.paused_changed.emit(paused)

    def _control_failed(self, exc: BaseException) -> None:
        """The plan could not be read or written (e.g. the cache is busy or gone): look again after `max_wait`."""
        log.warning("auto-sync: the sync plan cannot be read or written: %s", exc)
        if self._enabled and self._scheduler is not None:
            self._due_at = self._scheduler.clock()
            self._armed = (time.monotonic(), self._due_at)
            self._timer.start(int(self._max_wait.total_seconds() * 1000))


def _names(entities: Iterable[str] | str) -> tuple[str, ...]:
    return (entities,) if isinstance(entities, str) else tuple(entities)
