"""Qt layer: quick search (Ctrl+K) — one box over partners, products and documents; Enter opens the item in its tab.

GUI thread only. Typing is debounced (`DELAY_MS`); the three FTS searches run in one snapshot on a database reader
thread through the bridge (`find`); a generation counter drops results of older text. Up/Down move through the
results while the cursor stays in the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from mkdesk.core.cache.repo_documents import search_documents
from mkdesk.core.cache.repo_partners import search_partners
from mkdesk.core.cache.repo_products import search_products
from mkdesk.qt.formatting import date_text, decimal_text, money
from mkdesk.qt.labels import doc_type_label

DELAY_MS = 120
PER_KIND = 6
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Hits:
    partners: tuple[Any, ...]
    products: tuple[Any, ...]
    documents: tuple[Any, ...]


def find(conn: Any, text: str, limit: int = PER_KIND) -> Hits:
    """The best partners, products and documents for `text` (runs on a reader thread)."""
    return Hits(search_partners(conn, text, limit), search_products(conn, text, limit),
                search_documents(conn, text, limit))


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "partner" | "product" | "document"
    key: Any
    search_text: str  # what the tab's search box gets, so the row is among the loaded ones


class QuickSearch(QDialog):
    """A popup search across the cache; `open_requested(kind, key, text)` when the rep picks a result."""

    open_requested = Signal(str, object, str)
    results_shown = Signal(str)  # the text whose results are now listed

    def __init__(self, bridge: Any, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quick search"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.setModal(False)
        self._bridge = bridge
        self._db = db
        self._generation = 0
        self._shown_text: str | None = ""  # the text whose results are listed
        self._open_first = False  # Enter came before the results: open the best one when they arrive
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Find a partner, product or document…"))
        self.edit.setClearButtonEnabled(True)
        font = QFont(self.edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.edit.setFont(font)
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        self.hint = QLabel(self.tr("↑↓ to choose · Enter to open · Esc to close"))
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        self.resize(620, 420)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DELAY_MS)
        self._debounce.timeout.connect(self.search_now)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._activate)

    def popup(self) -> None:
        """Show centred over the top of the parent window, with the box focused and its text selected."""
        parent = self.parentWidget()
        if parent is not None:
            top_left = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top_left.x() + (parent.width() - self.width()) // 2, top_left.y() + 80)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def search_now(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        text = self.edit.text().strip()
        self._shown_text = None
        if not text:
            self.results.clear()
            self._shown_text = ""
            self._open_first = False
            self.results_shown.emit("")
            return
        self._bridge.run(self._db.read(find, text), lambda hits: self._show(generation, text, hits),
                         lambda _exc: None, name="quick-search")

    def _show(self, generation: int, text: str, hits: Hits) -> None:
        if generation != self._generation:
            return  # the rep has typed on since
        self.results.clear()
        sections = [
            (self.tr("Partners"), [(Hit("partner", p.mk_id, p.name or ""),
                                    " · ".join(x for x in (p.name, p.city, p.tax_id_number) if x))
                                   for p in hits.partners]),
            (self.tr("Products"), [(Hit("product", p.mk_id, p.code or p.name or ""),
                                    " · ".join(x for x in (p.code, p.name, self.tr("free {n}").format(
                                        n=decimal_text(p.free_amount)) if p.free_amount is not None else "") if x))
                                   for p in hits.products]),
            (self.tr("Documents"), [(Hit("document", (d.doc_type, d.mk_id), d.count_code or ""),
                                     " · ".join(x for x in (doc_type_label(d.doc_type) + " " + (d.count_code or ""),
                                                            d.partner_name, date_text(d.doc_date),
                                                            money(d.sum_all, d.currency)) if x))
                                    for d in hits.documents]),
        ]
        first: QListWidgetItem | None = None
        for title, entries in sections:
            if not entries:
                continue
            header = QListWidgetItem(title)
            font = QFont(self.results.font())
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(header)
            for hit, label in entries:
                item = QListWidgetItem("    " + label)
                item.setData(HIT_ROLE, hit)
                self.results.addItem(item)
                first = first or item
        if first is None:
            empty = QListWidgetItem(self.tr("Nothing found for “{text}”.").format(text=text))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)
        else:
            self.results.setCurrentItem(first)
        self._shown_text = text
        self.results_shown.emit(text)
        if self._open_first:
            self._open_first = False
            if first is not None:
                self._activate(first)

    def _step(self, delta: int) -> None:
        row = self.results.currentRow()
        count = self.results.count()
        while 0 <= row + delta < count:
            row += delta
            if self.results.item(row).data(HIT_ROLE) is not None:
                self.results.setCurrentRow(row)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive() or self._shown_text != self.edit.text().strip():
                    self._open_first = True
                    if self._debounce.isActive():
                        self.search_now()
                    return True
                item = self.results.currentItem()
                if item is not None:
                    self._activate(item)
                return True
        return super().eventFilter(watched, event)

    def _activate(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if hit is None:
            return
        self.hide()
        self.open_requested.emit(hit.kind, hit.key, hit.search_text)
