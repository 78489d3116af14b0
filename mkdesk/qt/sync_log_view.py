"""Qt layer: the sync log view — a non-modal dialog over the cache's `sync_log` (GUI thread; reads and writes go
through the bridge to `Database.read`/`write`, never on the GUI thread).

`SyncLogModel` lists entries newest first, a page at a time (`fetchMore` pages back by id), filtered by level,
entity and "hide resolved"; a generation counter drops the answers of superseded queries. `SyncLogView` adds the
filters, a details pane (the entry's details, pretty JSON), Mark resolved, and Export diagnostics… (a redacted
report written by the coroutine the session hands in). Messages are shown in the UI language (`error_texts.log_message`
from the entry's code); the stored English stays in the details' JSON and the exported diagnostics, for support. `refresh_if_changed()` (after each sync) re-reads only when
the log's mark (newest id, resolved count) moved.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, QPersistentModelIndex, Qt, QTimeZone, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mkdesk.core.cache.state import LogEntry, list_log, log_mark, resolve_log
from mkdesk.qt.error_texts import log_message
from mkdesk.qt.sync_menu import MENU_ENTITIES, entity_label

log = logging.getLogger(__name__)
PAGE = 200
Index = QModelIndex | QPersistentModelIndex


def _level_label(level: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "debug": QCoreApplication.translate("SyncLogModel", "Debug"),
        "info": QCoreApplication.translate("SyncLogModel", "Info"),
        "warning": QCoreApplication.translate("SyncLogModel", "Warning"),
        "error": QCoreApplication.translate("SyncLogModel", "Error"),
    }
    return names.get(level, level)


class SyncLogModel(QAbstractTableModel):
    """Sync-log entries, newest first, loaded a page at a time through the bridge."""

    loaded = Signal()  # a query's first page (or a further page) has arrived

    COLUMNS = ("time", "level", "entity", "message")

    def __init__(self, bridge: Any, db: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self._rows: list[LogEntry] = []
        self._filters: dict[str, Any] = {}
        self._generation = 0
        self._more = False
        self.loading = False
        self.ever_loaded = False

    # ----- queries -------------------------------------------------------------------------------------------------

    def set_filters(self, *, min_level: str | None = None, entity: str | None = None,
                    hide_resolved: bool = False) -> None:
        self._filters = {"min_level": min_level, "entity": entity, "unresolved_only": hide_resolved}
        self.reload()

    def reload(self) -> None:
        """Read the first page again (a new query: answers to older ones are dropped)."""
        self._generation += 1
        generation = self._generation
        self.loading = True
        self._bridge.run(self._db.read(partial(list_log, limit=PAGE, **self._filters)),
                         lambda rows: self._first(generation, rows), self._failed, name="sync-log")

    def _first(self, generation: int, rows: tuple[LogEntry, ...]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self._more = len(rows) == PAGE
        self.endResetModel()
        self.loading = False
        self.ever_loaded = True
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._more and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        generation = self._generation
        self.loading = True
        query = partial(list_log, limit=PAGE, before_id=self._rows[-1].id, **self._filters)
        self._bridge.run(self._db.read(query),
                         lambda rows: self._next(generation, rows), self._failed, name="sync-log-more")

    def _next(self, generation: int, rows: tuple[LogEntry, ...]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._more = len(rows) == PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        log.warning("the sync log cannot be read: %s", exc)

    # ----- rows ----------------------------------------------------------------------------------------------------

    def entry(self, row: int) -> LogEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, log_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == log_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Time"), self.tr("Level"), self.tr("Entity"), self.tr("Message"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "time":
                moment = QDateTime.fromSecsSinceEpoch(int(entry.ts.timestamp()), QTimeZone.systemTimeZone())
                return moment.toString("yyyy-MM-dd HH:mm:ss")
            if column == "level":
                return _level_label(entry.level)
            if column == "entity":
                return entity_label(entry.entity)
            return log_message(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column == "message":
            return log_message(entry)
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.resolved:
                return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            if entry.level == "error" and column == "level":
                return QBrush(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.FontRole and entry.level == "error" and not entry.resolved:
            font = QFont()
            font.setBold(column == "level")
            return font
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


def details_text(entry: LogEntry) -> str:
    """What the details pane shows: the message in the UI language, then the details as indented JSON."""
    head = log_message(entry)
    if entry.details is None:
        return head
    return head + "\n\n" + json.dumps(entry.details, indent=2, ensure_ascii=False, sort_keys=True, default=str)


class SyncLogView(QDialog):
    """Non-modal: filters, the log table, details, Mark resolved, Export diagnostics…"""

    exported = Signal(object)  # the path written
    export_failed = Signal(object)  # the exception

    LEVEL_CHOICES = (None, "error", "warning", "info")

    def __init__(self, bridge: Any, db: Any, *,
                 export: Callable[[Path], Awaitable[Path]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncLogView")
        self.setWindowTitle(self.tr("Sync log"))
        self.setModal(False)
        self.resize(900, 560)
        self._bridge = bridge
        self._db = db
        self._export = export
        self._mark: tuple[int, int] | None = None
        self._keep_id: int | None = None
        self.model = SyncLogModel(bridge, db, self)
        self.model.loaded.connect(self._loaded)

        self.level_box = QComboBox()
        for level, text in zip(self.LEVEL_CHOICES, (self.tr("All levels"), self.tr("Errors"),
                                                    self.tr("Warnings and errors"), self.tr("Info and above")),
                               strict=True):
            self.level_box.addItem(text, level)
        self.entity_box = QComboBox()
        self.entity_box.addItem(self.tr("All entities"), None)
        for entity in MENU_ENTITIES:
            self.entity_box.addItem(entity_label(entity), entity)
        self.hide_resolved = QCheckBox(self.tr("Hide resolved"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Level:")))
        filters.addWidget(self.level_box)
        filters.addWidget(QLabel(self.tr("Entity:")))
        filters.addWidget(self.entity_box)
        filters.addWidget(self.hide_resolved)
        filters.addStretch(1)
        for signal in (self.level_box.currentIndexChanged, self.entity_box.currentIndexChanged,
                       self.hide_resolved.toggled):
            signal.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select an entry to see its details."))
        self.details.setFont(QFont("monospace"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.resolve_button = QPushButton(self.tr("Mark resolved"))
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.export_button = QPushButton(self.tr("Export diagnostics…"))
        self.export_button.setEnabled(export is not None)
        self.export_button.setToolTip(self.tr("Save a report for support; passwords and keys are masked"))
        self.export_button.clicked.connect(self.choose_export_file)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.resolve_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # ----- loading -------------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the first page with the current filters (and remember the log's mark)."""
        self.apply_filters()

    def apply_filters(self, *_: object) -> None:
        self._keep_id = self.current_id()
        self._read_mark()
        self.model.set_filters(min_level=self.level_box.currentData(), entity=self.entity_box.currentData(),
                               hide_resolved=self.hide_resolved.isChecked())

    def refresh_if_changed(self, *_: object) -> None:
        """After a sync: re-read only if the log has new entries or resolutions."""
        self._bridge.run(self._db.read(log_mark), self._compare_mark, self.model._failed, name="sync-log-mark")

    def _read_mark(self) -> None:
        self._bridge.run(self._db.read(log_mark), self._set_mark, self.model._failed, name="sync-log-mark")

    def _set_mark(self, mark: tuple[int, int]) -> None:
        self._mark = mark

    def _compare_mark(self, mark: tuple[int, int]) -> None:
        if mark != self._mark:
            self._mark = mark
            self._keep_id = self.current_id()
            self.model.reload()

    def _loaded(self) -> None:
        if self._keep_id is not None:
            row = self.model.row_of(self._keep_id)
            self._keep_id = None
            if row is not None:
                self.table.selectRow(row)
                return
        self._show_current(self.table.currentIndex())

    # ----- the selected entry --------------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        entry = self.model.entry(self.table.currentIndex().row())
        return entry.id if entry is not None else None

    def _show_current(self, index: QModelIndex, *_: object) -> None:
        entry = self.model.entry(index.row()) if index.isValid() else None
        self.resolve_button.setEnabled(entry is not None)
        if entry is None:
            self.details.clear()
            self.resolve_button.setText(self.tr("Mark resolved"))
            return
        self.details.setPlainText(details_text(entry))
        self.resolve_button.setText(self.tr("Mark unresolved") if entry.resolved else self.tr("Mark resolved"))

    def toggle_resolved(self) -> None:
        """Mark the selected entry resolved (or, if it is, unresolved); the list re-reads when the write is done."""
        entry = self.model.entry(self.table.currentIndex().row())
        if entry is None:
            return
        self.resolve_button.setEnabled(False)
        self._bridge.run(self._db.write(resolve_log, entry.id, not entry.resolved),
                         lambda _changed: self._resolved(entry.id), self._write_failed, name="sync-log-resolve")

    def _resolved(self, log_id: int) -> None:
        self._keep_id = log_id
        self._read_mark()
        self.model.reload()

    def _write_failed(self, exc: BaseException) -> None:
        self.resolve_button.setEnabled(True)
        self.status.setText(self.tr("Could not save: {error}").format(error=exc))

    # ----- export --------------------------------------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        """Ask where to save (non-blocking: the dialog's fileSelected starts the export)."""
        dialog = QFileDialog(self, self.tr("Export diagnostics"), str(Path.home() / "mkdesk-diagnostics.zip"),
                             self.tr("Zip archive (*.zip);;Text file (*.txt)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> None:
        if self._export is None:
            return
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting diagnostics…"))
        self._bridge.run(self._export(path), self._exported, self._export_error, name="export-diagnostics")

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Diagnostics saved to {path}").format(path=path))
        self.exported.emit(path)

    def _export_error(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Diagnostics could not be saved: {error}").format(error=exc))
        self.export_failed.emit(exc)
