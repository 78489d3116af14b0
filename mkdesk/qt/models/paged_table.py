"""Qt layer: `PagedTableModel`, a lazy table over the cache — the count and first page load through the bridge,
later pages on `fetchMore`, never on the GUI thread.

GUI thread only. A `PageSource` says how to read (its `first`/`more` run on a database reader thread with the
connection `Database.read` hands them); the model keeps the rows loaded so far. Every new query or refresh bumps a
generation counter and cancels the task in flight, so results of an older query are dropped, never shown.
`refresh()` re-reads the loaded window (after a sync) and emits `refreshed`, so a view can re-select by key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush

from mkdesk.qt.bridge import Bridge

PAGE_SIZE = 200
MAX_WINDOW = 10_000  # the most rows a refresh re-reads in one go
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's key (kept across refreshes)
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    """One table column: header, how a row becomes text, alignment, and the repository sort key (None: unsortable)."""

    key: str
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    sort: str | None = None
    width: int = 0  # preferred width in average characters (0: fit the contents)


@dataclass(frozen=True, slots=True)
class PageQuery:
    """What the table shows: search text, a source-specific filter, sort key and direction."""

    text: str = ""
    filter: Any = None
    order: str | None = None
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


class PageSource(Protocol):
    """Reads rows for one table. `first`/`more` run on a reader thread; `key` on any thread."""

    def first(self, conn: Any, query: PageQuery, limit: int) -> tuple[int, Sequence[Any]]: ...

    def more(self, conn: Any, query: PageQuery, offset: int, limit: int) -> Sequence[Any]: ...

    def key(self, row: Any) -> Hashable: ...


def sort_rows(found: Sequence[Any], order: str | None, descending: bool) -> list[Any]:
    """Search results sorted in memory by a row attribute (empty values last), for sorted search mode."""
    if order is None:
        return list(found)
    present = [r for r in found if getattr(r, order, None) is not None]
    missing = [r for r in found if getattr(r, order, None) is None]
    present.sort(key=lambda r: (getattr(r, order).casefold() if isinstance(getattr(r, order), str)
                                else getattr(r, order)), reverse=descending)
    return present + missing


class PagedTableModel(QAbstractTableModel):
    """Rows loaded page by page; `total` is the full count of the current query."""

    loaded = Signal()  # a new query's first page arrived
    refreshed = Signal()  # the loaded window was re-read
    loading_changed = Signal(bool)
    failed = Signal(object)

    def __init__(self, bridge: Bridge, db: Any, source: PageSource, columns: Sequence[Column],
                 parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 row_brush: Callable[[Any], QBrush | None] | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self._source = source
        self.columns = tuple(columns)
        self._page_size = page_size
        self._row_brush = row_brush
        self._rows: list[Any] = []
        self._total = 0
        self._query = PageQuery()
        self._generation = 0
        self._task: asyncio.Task[Any] | None = None
        self._more_task: asyncio.Task[Any] | None = None
        self._loading = False
        self.ever_loaded = False

    # ----- queries ----------------------------------------------------------------------------------------------

    @property
    def query(self) -> PageQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def set_query(self, query: PageQuery) -> None:
        """Show another query: its count and first page load in the background; older results are dropped."""
        self._query = query
        self._start(self._page_size, self._first_loaded)

    def reload(self) -> None:
        self.set_query(self._query)

    def refresh(self) -> None:
        """Re-read the rows loaded so far (at least one page), keeping the query; emits `refreshed`."""
        if not self.ever_loaded:
            self.reload()
            return
        window = min(max(len(self._rows), self._page_size), MAX_WINDOW)
        self._start(window, self._refreshed)

    def _start(self, limit: int, done: Callable[[int, tuple[int, Sequence[Any]]], None]) -> None:
        self._generation += 1
        generation = self._generation
        for task in (self._task, self._more_task):
            if task is not None and not task.done():
                task.cancel()
        self._more_task = None
        self._set_loading(True)
        self._task = self._bridge.run(self._db.read(self._source.first, self._query, limit),
                                      lambda result: done(generation, result),
                                      lambda exc: self._failed(generation, exc), name="table-page")

    def _first_loaded(self, generation: int, result: tuple[int, Sequence[Any]]) -> None:
        if generation != self._generation:
            return
        self._replace(result)
        self.loaded.emit()

    def _refreshed(self, generation: int, result: tuple[int, Sequence[Any]]) -> None:
        if generation != self._generation:
            return
        self._replace(result)
        self.refreshed.emit()

    def _replace(self, result: tuple[int, Sequence[Any]]) -> None:
        total, found = result
        self.beginResetModel()
        self._rows = list(found)
        self._total = max(total, len(self._rows))
        self.endResetModel()
        self.ever_loaded = True
        self._set_loading(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_loading(False)
            self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # ----- lazy paging ------------------------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return (not parent.isValid() and len(self._rows) < self._total and self._more_task is None
                and not self._loading)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        self._more_task = self._bridge.run(
            self._db.read(self._source.more, self._query, len(self._rows), self._page_size),
            lambda found: self._more_loaded(generation, found),
            lambda exc: self._more_failed(generation, exc), name="table-more")

    def _more_loaded(self, generation: int, found: Sequence[Any]) -> None:
        if generation != self._generation:
            return
        if not found:
            self._total = len(self._rows)  # the cache shrank since the count: stop asking
        else:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(found) - 1)
            self._rows.extend(found)
            self.endInsertRows()
            self._total = max(self._total, len(self._rows))
        self._more_task = None  # only now: a view may ask for more while the rows are being inserted

    def _more_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._more_task = None
            self.failed.emit(exc)

    # ----- rows and keys ----------------------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def key_at(self, row: int) -> Hashable | None:
        found = self.row_at(row)
        return None if found is None else self._source.key(found)

    def row_of_key(self, key: Hashable) -> int:
        """The loaded row with this key, or -1."""
        for i, found in enumerate(self._rows):
            if self._source.key(found) == key:
                return i
        return -1

    # ----- QAbstractTableModel ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(found)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and self._row_brush is not None:
            return self._row_brush(found)
        if role == ROW_ROLE:
            return found
        if role == KEY_ROLE:
            return self._source.key(found)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Server-side sort: the column's repository key, or the source's default order for unsortable columns."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        wanted = replace(self._query, order=self.columns[column].sort, descending=descending)
        if wanted != self._query or not self.ever_loaded:
            self.set_query(wanted)
