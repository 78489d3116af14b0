"""Qt layer: the Documents tab — offers, orders and invoices newest first, filtered by type, status, date range,
unpaid and overdue, searched by number, buyer's order, partner or title, with the document detail beside the table.
GUI thread only; rows, statuses and detail arrive through the bridge."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QWidget

from mkdesk.core.cache.repo_documents import DocumentFilter, document_statuses
from mkdesk.qt.details.document import DocumentPane
from mkdesk.qt.formatting import date_text, money
from mkdesk.qt.labels import doc_type_groups, doc_type_label
from mkdesk.qt.models.paged_table import RIGHT, Column
from mkdesk.qt.models.sources import DocumentSource
from mkdesk.qt.plurals import counted
from mkdesk.qt.tabs.browse import BrowseTab

OVERDUE_BRUSH = QBrush(QColor("#b3261e"))
NO_DATE = QDate(1900, 1, 1)


def _overdue(row: Any) -> QBrush | None:
    return OVERDUE_BRUSH if row.is_overdue(date.today()) else None


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class DocumentsTab(BrowseTab):
    ENTITIES = ("documents",)

    def __init__(self, bridge: Any, db: Any, parent: QWidget | None = None) -> None:
        columns = [
            Column("count_code", self.tr("Number"), lambda r: r.count_code or "", sort="count_code", width=14),
            Column("doc_type", self.tr("Type"), lambda r: doc_type_label(r.doc_type), sort="doc_type", width=9),
            Column("doc_date", self.tr("Date"), lambda r: date_text(r.doc_date), sort="doc_date", width=10),
            Column("partner_name", self.tr("Partner"), lambda r: r.partner_name or "", sort="partner_name", width=16),
            Column("status_code", self.tr("Status"), lambda r: r.status_code or "", sort="status_code", width=10),
            Column("sum_all", self.tr("Total"), lambda r: money(r.sum_all, r.currency), RIGHT, sort="sum_all",
                   width=10),
            Column("open_balance", self.tr("Open"), lambda r: money(r.open_balance, r.currency) if r.is_unpaid
                   else "", RIGHT, sort="open_balance", width=10),
            Column("due_date", self.tr("Due"), lambda r: date_text(r.due_date), sort="due_date", width=10),
        ]
        super().__init__(bridge, db, DocumentSource(), columns, DocumentPane(bridge, db), parent,
                         row_brush=_overdue)
        self.doc_type = QComboBox()
        self._groups = doc_type_groups()
        for label, _types in self._groups:
            self.doc_type.addItem(label)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        self.status.setMinimumContentsLength(12)
        self.date_from = self._date_edit(self.tr("from"))
        self.date_to = self._date_edit(self.tr("to"))
        self.unpaid = QCheckBox(self.tr("Unpaid"))
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.unpaid.setToolTip(self.tr("Invoices not fully paid"))
        self.overdue.setToolTip(self.tr("Unpaid invoices past their due date"))
        self.filter_bar.addWidget(self.doc_type)
        self.filter_bar.addWidget(self.status)
        self.filter_bar.addWidget(QLabel(self.tr("Date")))
        self.filter_bar.addWidget(self.date_from)
        self.filter_bar.addWidget(QLabel("–"))
        self.filter_bar.addWidget(self.date_to)
        self.filter_bar.addWidget(self.unpaid)
        self.filter_bar.addWidget(self.overdue)
        self.doc_type.currentIndexChanged.connect(self._type_changed)
        self.status.currentIndexChanged.connect(self.apply_query)
        self.date_from.dateChanged.connect(self.apply_query)
        self.date_to.dateChanged.connect(self.apply_query)
        self.unpaid.toggled.connect(self.apply_query)
        self.overdue.toggled.connect(self.apply_query)
        order = [self.search, self.doc_type, self.status, self.date_from, self.date_to, self.unpaid, self.overdue,
                 self.table]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.splitter.setSizes([800, 400])

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        edit.setToolTip(self.tr("Document date {bound} (clear: choose the earliest date)").format(bound=tip))
        return edit

    def start(self) -> None:
        super().start()
        self.load_statuses()

    def load_statuses(self) -> None:
        """Fill the status filter with the statuses seen in the cache (of the chosen type)."""
        types = self._groups[self.doc_type.currentIndex()][1]
        doc_type = types[0] if len(types) == 1 else None
        self._bridge.run(self._db.read(document_statuses, doc_type), self._statuses, lambda _exc: None,
                         name="statuses")

    def _statuses(self, pairs: tuple[tuple[str | None, str | None], ...]) -> None:
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("Any status"), None)
        for label, code in pairs:
            value = code or label
            if value is not None and self.status.findData(value) < 0:
                self.status.addItem(label or code or "", value)
        index = self.status.findData(current) if current is not None else 0
        self.status.setCurrentIndex(max(index, 0))
        self.status.blockSignals(False)
        if current is not None and index < 0:
            self.apply_query()

    def _type_changed(self) -> None:
        self.load_statuses()
        self.apply_query()

    def apply_changes(self, changes: Any) -> None:
        super().apply_changes(changes)
        if any(changes.touches(e) for e in self.ENTITIES):
            self.load_statuses()

    def current_filter(self) -> DocumentFilter:
        if not hasattr(self, "overdue"):
            return DocumentFilter()
        status = self.status.currentData()
        return DocumentFilter(doc_types=tuple(self._groups[self.doc_type.currentIndex()][1]),
                              statuses=(status,) if status else (), date_from=_day(self.date_from),
                              date_to=_day(self.date_to), unpaid=self.unpaid.isChecked(),
                              overdue=self.overdue.isChecked())

    def default_filter(self) -> DocumentFilter:
        return DocumentFilter()

    def search_placeholder(self) -> str:
        return self.tr("Search documents: number, buyer's order, partner…  (Ctrl+F)")

    def noun(self, n: int) -> str:
        return counted(self.tr("%Ln document(s)", "", n), n)

    def empty_text(self, searching: bool) -> str:
        if searching:
            return self.tr("No document matches the search and filters.")
        return self.tr("No documents in the cache yet. They appear after the first sync.")
