"""Qt layer: `SyncController` — the "Sync now" flow: one sync at a time through the bridge, progress, cancel.

GUI thread only. `request_sync()` starts `engine.sync()` as a bridge task, or joins the sync already running
(never a second one); per-entity progress arrives as `progress(entity, done, total)`; `cancel()` asks the engine
to stop between pages (the cache stays consistent, cursors do not move). The outcome is `finished(result)` with
the engine's `SyncResult` (its `ChangeSet` tells each view whether to refresh) or `failed(exception)` with the
typed error (its `user_message` is for the status bar).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from mkdesk.core.sync.engine import parse_entities
from mkdesk.qt.bridge import Bridge

log = logging.getLogger(__name__)


class SyncController(QObject):
    """Owns the running sync of one profile; widgets talk to it, never to the engine."""

    started = Signal()
    progress = Signal(str, int, object)  # entity, done, total (int or None when unknown)
    finished = Signal(object)  # SyncResult
    failed = Signal(object)  # the exception (a MetakockaError has user_message)
    cancelled = Signal()
    running_changed = Signal(bool)

    def __init__(self, engine: Any, bridge: Bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._bridge = bridge
        self._task: asyncio.Task[Any] | None = None
        self._cancel: asyncio.Event | None = None
        self.last_success: datetime | None = None
        self.entities: tuple[str, ...] = ()  # what the running (or the last) sync covers

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def set_engine(self, engine: Any) -> None:
        """Use another engine from now on (the profile's connection changed); a running sync is cancelled."""
        self.cancel()
        self._engine = engine

    def request_sync(self, entities: Iterable[str] | None = None) -> bool:
        """Start a sync (all entities, or the given ones). Returns False when it joined the running one instead
        (or when there is no engine: the profile has no connection yet)."""
        if self.running or self._engine is None:
            return False
        self._cancel = asyncio.Event()
        wanted = tuple(entities) if entities is not None else None
        self.entities = parse_entities(wanted)
        self._task = self._bridge.run(
            self._engine.sync(wanted, progress=self._on_progress, cancel=self._cancel),
            self._on_finished,
            self._on_failed,
            name="sync",
        )
        self._task.add_done_callback(self._on_done)
        self.running_changed.emit(True)
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Ask the running sync to stop after the page in flight."""
        if self._cancel is not None and self.running:
            self._cancel.set()

    def _on_progress(self, entity: str, done: int, total: int | None) -> None:
        self.progress.emit(entity, done, total)

    def _on_finished(self, result: Any) -> None:
        self.last_success = datetime.now().astimezone()
        self.finished.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("sync failed: %s", type(exc).__name__)
        self.failed.emit(exc)

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        if task is self._task:
            self._task = None
            self._cancel = None
            self.running_changed.emit(False)
        if task.cancelled():
            self.cancelled.emit()
