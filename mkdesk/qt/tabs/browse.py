"""Qt layer: `BrowseTab`, the shape every browse tab shares — search box, filters, lazy table, detail pane.

GUI thread only; the table's rows and the detail arrive through the bridge (`PagedTableModel`, `DetailPane`).
Typing searches after a short pause (debounced, `SEARCH_DELAY_MS`); the model drops stale results. After a sync,
`apply_changes(changes)` refreshes the tab only when its entities changed (hidden tabs when next shown) and keeps
the selected row by key.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mkdesk.qt.details.pane import DetailPane
from mkdesk.qt.models.paged_table import Column, PagedTableModel, PageQuery, PageSource
from mkdesk.qt.plurals import counted

SEARCH_DELAY_MS = 150


def select_row(table: QTableView, row: int, scroll: bool = True) -> None:
    """Make `row` the table's current and only selected row (scrolled into view unless `scroll` is False)."""
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    if scroll:
        table.scrollTo(index)


class BrowseTable(QTableView):
    """A table whose Enter/Return activates the current row (opens its detail) instead of editing."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class BrowseTab(QWidget):
    """Search + filters over a lazy table, with the selected row's detail beside it."""

    ENTITIES: tuple[str, ...] = ()  # ChangeSet entities this tab shows
    open_requested = Signal(str, object)  # from the detail pane's links: kind, key

    def __init__(self, bridge: Any, db: Any, source: PageSource, columns: Sequence[Column], detail: DetailPane,
                 parent: QWidget | None = None, **model_options: Any) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self.model = PagedTableModel(bridge, db, source, columns, self, **model_options)
        self.detail = detail
        self.stale = False
        self._pending_key: Hashable | None = None
        self._selected_key: Hashable | None = None
        self._sized = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.search_placeholder())
        self.search.setMinimumWidth(220)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(10)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addLayout(self.filter_bar)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.table = BrowseTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts through the repositories (see `Column.sort`)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.font()).height() + 8)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sortIndicatorChanged.connect(self._sort_indicator)
        self._sort_shown: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_enter)
        self.model.loaded.connect(self._on_loaded)
        self.model.refreshed.connect(self._on_refreshed)
        self.model.loading_changed.connect(lambda _busy: self._update_count())
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated_row.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.detail.open_requested.connect(self.open_requested)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.detail)
        self.setFocusProxy(self.table)

    # ----- what subclasses say ----------------------------------------------------------------------------------

    def search_placeholder(self) -> str:
        return self.tr("Search…")

    def current_filter(self) -> Any:
        return None

    def noun(self, n: int) -> str:
        return counted(self.tr("%Ln row(s)", "", n), n)

    def empty_text(self, searching: bool) -> str:
        return self.tr("Nothing matches the search and filters.") if searching else self.tr(
            "Nothing here yet: it appears after the first sync.")

    # ----- queries ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the first page (call once the tab is wired)."""
        self.apply_query()

    def apply_query(self) -> None:
        """Run the search text and filters now (the debounce timer calls this)."""
        self._debounce.stop()
        self.stale = False
        self.model.set_query(replace(self.model.query, text=self.search.text().strip(), filter=self.current_filter()))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_enter(self) -> None:
        if self._debounce.isActive():
            self.apply_query()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_item(self, key: Hashable, text: str = "") -> None:
        """Show one record: its detail at once, and its row (searching for `text` so it is among the loaded rows)."""
        self._pending_key = key
        self._selected_key = key
        self.detail.show_key(key)
        row = self.model.row_of_key(key)
        if row >= 0 and (not text or text == self.search.text()):
            self._select_row(row)
            self._pending_key = None
            return
        if not text:  # a link: show its detail; the table keeps its search (the row may not be loaded)
            self._pending_key = None
            self.table.selectionModel().clearSelection()
            return
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self.apply_query()

    # ----- refresh after a sync ---------------------------------------------------------------------------------

    def apply_changes(self, changes: Any) -> None:
        """Refresh when the sync changed this tab's data: now if visible, else when next shown."""
        if not any(changes.touches(entity) for entity in self.ENTITIES):
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh(self) -> None:
        self.stale = False
        self.model.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.refresh()

    # ----- rows and selection -----------------------------------------------------------------------------------

    def _on_loaded(self) -> None:
        self._size_columns()
        self._update_count()
        key = self._pending_key if self._pending_key is not None else self._selected_key
        row = self.model.row_of_key(key) if key is not None else -1
        if row < 0 and self.model.rowCount() and self._pending_key is None:
            row = 0  # a fresh list starts on its first row, so the detail pane is never blank without reason
        self._pending_key = None
        if row >= 0:
            self._select_row(row)
        else:
            self.table.selectionModel().clearSelection()

    def _on_refreshed(self) -> None:
        self._size_columns()
        self._update_count()
        if self._selected_key is None and self.model.rowCount():
            self._select_row(0)  # the first sync filled an empty list
            return
        row = self.model.row_of_key(self._selected_key) if self._selected_key is not None else -1
        if row >= 0:
            self._select_row(row, scroll=False)
            self.detail.reload()
        elif self._selected_key is not None:
            self.detail.reload()  # it may have gone from the cache: the pane says so

    def _select_row(self, row: int, scroll: bool = True) -> None:
        select_row(self.table, row, scroll)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.model.key_at(current.row()) if current.isValid() else None
        if key is None or key == self.detail.key:
            self._selected_key = key if key is not None else self._selected_key
            return
        self._selected_key = key
        self.detail.show_key(key)

    def _open_row(self, row: int) -> None:
        key = self.model.key_at(row)
        if key is not None and key != self.detail.key:
            self.detail.show_key(key)
        self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_key(self) -> Hashable | None:
        index = self.table.currentIndex()
        return self.model.key_at(index.row()) if index.isValid() else None

    def _sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        """Columns without a repository sort keep the previous indicator (the rows do not move)."""
        header = self.table.horizontalHeader()
        if 0 <= section < len(self.model.columns) and self.model.columns[section].sort is None:
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_shown)
            header.blockSignals(False)
            return
        self._sort_shown = (section, order)

    def _update_count(self) -> None:
        total = self.model.total
        searching = bool(self.model.query.text) or self.current_filter() not in (None, self.default_filter())
        if self.model.loading and not self.model.ever_loaded:
            self.count_label.setText(self.tr("Loading…"))
        else:
            self.count_label.setText(self.noun(total))
        show_empty = self.model.ever_loaded and not self.model.loading and total == 0
        self.empty.setText(self.empty_text(searching))
        self.stack.setCurrentWidget(self.empty if show_empty else self.table)

    def default_filter(self) -> Any:
        return None

    def _size_columns(self) -> None:
        if self._sized or not self.model.rowCount():
            return
        self._sized = True
        metrics = QFontMetrics(self.table.font())
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            if column.width:
                header.resizeSection(i, max(metrics.horizontalAdvance("0" * column.width) + 14,
                                            metrics.horizontalAdvance(column.title) + 28))
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
