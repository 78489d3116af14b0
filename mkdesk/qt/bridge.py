"""Qt layer: the one road from widgets to background work — runs core coroutines on the qasync loop (GUI thread).

Widgets never await. They ask the bridge to run a coroutine and pass a success and a failure callback; both are
called on the GUI thread once the task ends. Cancelled tasks call neither. Failures without a failure callback go
to the `failed` signal (the app shows them through its one error dialog). `shutdown()` cancels what is running, except
the saves of the user's typing, which it lets finish first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class Bridge(QObject):
    """Starts coroutines as tasks and routes their outcome back to GUI callbacks."""

    failed = Signal(object)  # an exception nobody else handled
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._keep: set[asyncio.Task[Any]] = set()  # finished, not cancelled, by shutdown()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        name: str | None = None,
        finish_on_shutdown: bool = False,
    ) -> asyncio.Task[T]:
        """Schedule `coro` on the running loop; exactly one of the callbacks runs when it ends (none if cancelled).
        With `finish_on_shutdown` (a save of what the user typed), `shutdown()` waits for it instead of cancelling."""
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        if finish_on_shutdown:
            self._keep.add(task)
            task.add_done_callback(self._keep.discard)
        was_busy = self.busy
        self._tasks.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        task.add_done_callback(lambda t: self._finished(t, on_success, on_failure))
        return task

    def _finished(
        self,
        task: asyncio.Task[Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self.busy_changed.emit(False)
        if task.cancelled():
            return
        exc = task.exception()
        try:
            if exc is None:
                if on_success is not None:
                    on_success(task.result())
            elif on_failure is not None:
                on_failure(exc)
            else:
                log.error("background task %s failed", task.get_name(), exc_info=exc)
                self.failed.emit(exc)
        except Exception as callback_error:  # noqa: BLE001 - a broken callback must not vanish silently
            log.exception("callback of task %s raised", task.get_name())
            self.failed.emit(callback_error)

    async def shutdown(self, keep_timeout: float = 10.0) -> None:
        """Let the saves of the user's typing finish (up to `keep_timeout` s), cancel every other task, and wait
        until they have all ended."""
        kept = list(self._keep)
        if kept:
            await asyncio.wait(kept, timeout=keep_timeout)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class LatestRun:
    """The newest of a view's loads wins (GUI thread): starting one cancels the one in flight, and the callbacks of
    a load that was superseded or dropped are never called."""

    def __init__(self, bridge: Bridge) -> None:
        self._bridge = bridge
        self._generation = 0
        self._task: asyncio.Task[Any] | None = None

    def drop(self) -> None:
        """Forget the load in flight: its outcome will be ignored (it is cancelled)."""
        self._generation += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def start(
        self,
        coro: Coroutine[Any, Any, T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        *,
        name: str | None = None,
    ) -> asyncio.Task[T]:
        self.drop()
        generation = self._generation

        def current() -> bool:
            return generation == self._generation

        self._task = self._bridge.run(coro, lambda result: current() and on_success(result),
                                      lambda exc: current() and on_failure(exc), name=name)
        return self._task
