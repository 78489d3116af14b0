"""Qt layer: `SyncProgressPanel` — one progress bar per entity of the running sync (waiting, done/total, done,
failed, cancelled, not run), fed by the `SyncController`'s signals (GUI thread only; it reads nothing itself).

The status bar shows the entity being synced; this panel, opened from it, shows all of the run's entities at once.
A failed entity's reason is worded in the UI language (`error_texts`: the result's `reasons`, the raised error).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QWidget

from mkdesk.qt.error_texts import error_text, failure_text
from mkdesk.qt.sync_menu import entity_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncProgressPanel", text)


class SyncProgressPanel(QFrame):
    """A grid of entity name, bar and state, one row per entity of the current (or last) sync."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncProgressPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWindowFlag(Qt.WindowType.Popup)
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self.title = QLabel(_tr("No sync has run yet."))
        self._grid.addWidget(self.title, 0, 0, 1, 3)
        self.rows: dict[str, tuple[QLabel, QProgressBar, QLabel]] = {}
        self.states: dict[str, str] = {}  # entity → waiting / running / done / failed / cancelled / skipped
        self._current: str | None = None

    # ----- fed by the controller -----------------------------------------------------------------------------------

    def begin(self, entities: tuple[str, ...]) -> None:
        """A sync of these entities (in run order) started: every row waits."""
        for name, bar, state in self.rows.values():
            for widget in (name, bar, state):
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self.rows.clear()
        self.states.clear()
        self._current = None
        self.title.setText(_tr("Syncing with Metakocka"))
        for row, entity in enumerate(entities, start=1):
            bar = QProgressBar()
            bar.setMinimumWidth(180)
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setTextVisible(True)
            parts = (QLabel(entity_label(entity)), bar, QLabel())
            for column, widget in enumerate(parts):
                self._grid.addWidget(widget, row, column)
            self.rows[entity] = parts
            self._set(entity, "waiting")
        self.adjustSize()

    def progress(self, entity: str, done: int, total: int | None) -> None:
        if entity not in self.rows:
            return
        if self._current is not None and self._current != entity and self.states.get(self._current) == "running":
            self._set(self._current, "done")  # entities run one after the other
        self._current = entity
        bar = self.rows[entity][1]
        if total:
            bar.setRange(0, max(total, 1))
            bar.setValue(min(done, total))
            bar.setFormat("%v / %m")
        else:
            bar.setRange(0, 0)  # busy: the total is not known yet
        self._set(entity, "running", keep_bar=True)

    def finish(self, result: Any) -> None:
        """The sync ended: done entities full, failed ones with their reason, the rest not run."""
        failed = dict(getattr(result, "failed", {}) or {})
        reasons = dict(getattr(result, "reasons", {}) or {})
        ran = set(getattr(result, "stats", {}) or {})
        for entity in self.rows:
            if entity in failed:
                self._set(entity, "failed", failure_text(reasons.get(entity), failed[entity]))
            elif entity in ran:
                self._set(entity, "done")
            else:
                self._set(entity, "skipped")
        self.title.setText(_tr("Sync finished") if not failed else _tr("Sync finished with problems"))

    def fail(self, exc: BaseException) -> None:
        """The whole sync stopped (offline, bad key…): what finished before stays done."""
        partial = getattr(exc, "sync_result", None)
        if partial is not None:
            self.finish(partial)
        reason = error_text(exc)
        if self._current is not None and self.states.get(self._current) != "done":
            self._set(self._current, "failed", reason)
        for entity, state in self.states.items():
            if state in ("waiting", "running"):
                self._set(entity, "skipped")
        self.title.setText(_tr("Sync failed: {error}").format(error=reason))

    def cancelled(self) -> None:
        for entity, state in self.states.items():
            if state == "running":
                self._set(entity, "cancelled")
            elif state == "waiting":
                self._set(entity, "skipped")
        self.title.setText(_tr("Sync cancelled"))

    # ----- rows ----------------------------------------------------------------------------------------------------

    def _set(self, entity: str, state: str, reason: str = "", *, keep_bar: bool = False) -> None:
        self.states[entity] = state
        _name, bar, label = self.rows[entity]
        texts = {
            "waiting": _tr("Waiting"),
            "running": _tr("Syncing…"),
            "done": _tr("Done"),
            "failed": _tr("Failed"),
            "cancelled": _tr("Cancelled"),
            "skipped": _tr("Not run"),
        }
        label.setText(texts[state])
        label.setToolTip(reason)
        if keep_bar:
            return
        if state == "done":
            bar.setRange(0, 1)
            bar.setValue(1)
            bar.setFormat(_tr("Done"))
        elif state != "running":
            if bar.maximum() == 0:
                bar.setRange(0, 1)
            bar.setFormat(texts[state])
