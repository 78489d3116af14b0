"""Qt layer: `SyncControls` — wires a main window's sync controls to one `SyncController`: the Sync now drop-down
(All / one entity, per-entity auto-sync), `AutoSync` (the scheduler's timer), the sync log view (Ctrl+L) and the
per-entity progress panel (a click on the status bar's progress bar).

GUI thread only. The profile session and the demo each build one after the cache is open, and call
`set_engine(engine, settings)` whenever their connection or settings change (None: no connection, auto-sync idle).
Every road to a sync ends in `SyncController.request_sync`, so a running sync is joined, never doubled.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QPoint, Qt, QTime

from mkdesk.qt.auto_sync import AutoSync
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.sync_log_view import SyncLogView
from mkdesk.qt.sync_menu import entity_label
from mkdesk.qt.sync_progress import SyncProgressPanel

log = logging.getLogger(__name__)
#: sync-log entries kept (older ones are pruned once a session, when the controls are built)
LOG_KEEP = 10_000


class SyncControls(QObject):
    """The window's sync menu, auto-sync and sync log, over one controller and one cache."""

    def __init__(self, window: Any, controller: Any, bridge: Bridge, db: Any, *,
                 export: Callable[[Path], Awaitable[Path]] | None = None, log_keep: int = LOG_KEEP,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.controller = controller
        self.bridge = bridge
        self.db = db
        self._export = export
        self.auto = AutoSync(controller, bridge, enabled=False, parent=self)
        self.log_view: SyncLogView | None = None
        menu = window.sync_menu
        menu.sync_requested.connect(self.sync)
        menu.pause_requested.connect(self.auto.set_paused)
        menu.set_auto_sync_available(False)
        self.auto.paused_changed.connect(menu.set_paused)
        self._sync_tip = window.sync_action.toolTip()
        self.auto.plan_changed.connect(self._show_plan)
        window.sync_log_requested.connect(self.show_log)
        window.cancel_requested.connect(self.auto.user_cancelled)
        window.sync_log_action.setEnabled(True)
        from mkdesk.core.cache.state import prune_log

        bridge.run(db.write(prune_log, log_keep), None, self._prune_failed, name="sync-log-prune")
        controller.finished.connect(self._log_may_have_changed)
        controller.failed.connect(self._log_may_have_changed)
        controller.cancelled.connect(self._log_may_have_changed)
        panel = self.progress_panel = SyncProgressPanel(window)
        controller.started.connect(lambda: panel.begin(controller.entities))
        controller.progress.connect(panel.progress)
        controller.finished.connect(panel.finish)
        controller.failed.connect(panel.fail)
        controller.cancelled.connect(panel.cancelled)
        window.progress.installEventFilter(self)
        window.progress.setToolTip(QCoreApplication.translate("SyncControls", "Click to see each entity's progress"))

    def sync(self, entities: tuple[str, ...] | None = None) -> bool:
        """Sync now: everything (None) or the given entities; joins a running sync."""
        return bool(self.controller.request_sync(entities))

    def set_engine(self, engine: Any, settings: Any = None) -> None:
        """A new connection (or none): auto-sync plans with its scheduler, following the settings."""
        from mkdesk.core.sync.scheduler import SyncScheduler

        self.auto.set_scheduler(SyncScheduler(engine, self.db) if engine is not None else None, settings)
        self.window.sync_menu.set_auto_sync_available(engine is not None and self.auto.enabled)

    def apply_settings(self, settings: Any) -> None:
        """Auto-sync on/off and the intervals, effective at once."""
        self.auto.apply_settings(settings)
        self.window.sync_menu.set_auto_sync_available(self.auto.enabled)

    def show_log(self) -> SyncLogView:
        """Open the sync log (the open one, brought to the front); it is non-modal."""
        if self.log_view is None:
            view = SyncLogView(self.bridge, self.db, export=self._export, parent=self.window)
            view.setWindowFlag(Qt.WindowType.Window)  # its own window beside the main one, kept when closed
            self.log_view = view
            view.start()
        elif not self.log_view.isVisible():
            self.log_view.refresh_if_changed()
        self.log_view.show()
        self.log_view.raise_()
        self.log_view.activateWindow()
        return self.log_view

    def _show_plan(self, plan: Any) -> None:
        """The Sync now tooltip tells when the next automatic sync runs and what it covers."""
        tip = self._sync_tip
        if plan is not None:
            at = plan[0].astimezone()
            when = QLocale().toString(QTime(at.hour, at.minute), QLocale.FormatType.ShortFormat)
            text = QCoreApplication.translate("SyncControls", "Next automatic sync: {entities} at {time}")
            tip += "\n" + text.format(entities=", ".join(entity_label(e) for e in plan[1]), time=when)
        self.window.sync_action.setToolTip(tip)

    def show_progress(self) -> SyncProgressPanel:
        """Each entity's progress in a popup just above the status bar's progress bar."""
        bar, panel = self.window.progress, self.progress_panel
        panel.adjustSize()
        corner = bar.mapToGlobal(QPoint(bar.width(), 0))
        panel.move(max(0, corner.x() - panel.width()), max(0, corner.y() - panel.height()))
        panel.show()
        return panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.progress and event.type() == QEvent.Type.MouseButtonRelease:
            self.show_progress()
            return True
        return super().eventFilter(watched, event)

    def _prune_failed(self, exc: BaseException) -> None:
        log.warning("the sync log could not be pruned: %s", exc)

    def _log_may_have_changed(self, *_: object) -> None:
        if self.log_view is not None:
            self.log_view.refresh_if_changed()
