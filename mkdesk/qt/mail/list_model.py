"""Qt layer: the message list — a lazy paged model over the cached mail (newest first, searchable), unread rows in
bold, a partner badge column and an attachment mark (GUI thread; pages are read on reader threads via the bridge).

`MessageSource` reads through `mkdesk.core.mail.repo` (count + first page, then `more` at an offset) for
`PagedTableModel`; `MessageListModel` adds the font, colour and tooltip roles. `mark_seen` updates loaded rows at
once (the write itself goes through the store on the writer thread), so the list answers before the refresh.
`message_table` and `size_columns` build its view.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QModelIndex, QObject, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView

from mkdesk.core.mail import repo
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.models.paged_table import Column, Index, PagedTableModel, PageQuery
from mkdesk.qt.plurals import counted
from mkdesk.qt.tabs.browse import BrowseTable

BADGE_BRUSH = QBrush(QColor("#1f6f43"))


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("mail_list", text, disambiguation, n)


class MessageSource:
    """Messages newest first; search text runs the messages' full-text index (subject, sender, body)."""

    def first(self, conn: Any, query: PageQuery, limit: int) -> tuple[int, Sequence[Any]]:
        text = query.text.strip() or None
        return repo.count_messages(conn, text), repo.list_messages(conn, text, limit=limit)

    def more(self, conn: Any, query: PageQuery, offset: int, limit: int) -> Sequence[Any]:
        return repo.list_messages(conn, query.text.strip() or None, limit=limit, offset=offset)

    def key(self, row: Any) -> Hashable:
        return row.id


def sent_text(moment: datetime | None, now: datetime | None = None) -> str:
    """Today's mail by its time, this year's by day and month, older by the short date."""
    if moment is None:
        return ""
    local = moment.astimezone()
    now = (now or datetime.now().astimezone()).astimezone(local.tzinfo)
    locale = QLocale()
    if local.date() == now.date():
        return locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if locale.language() == QLocale.Language.C:
        return local.date().isoformat()
    return locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)


def badge_text(row: repo.MessageRow) -> str:
    return row.partner.name or "" if row.partner is not None else ""


def message_columns() -> list[Column]:
    return [
        Column("attach", "", lambda _r: "", width=2),  # an icon (DecorationRole) when there are attachments
        Column("sender", _tr("From"), lambda r: r.sender, width=20),
        Column("subject", _tr("Subject"), lambda r: r.subject or _tr("(no subject)"), width=34),
        Column("partner", _tr("Partner"), badge_text, width=20),
        Column("sent", _tr("Date"), lambda r: sent_text(r.sent_at), Qt.AlignmentFlag.AlignRight
               | Qt.AlignmentFlag.AlignVCenter, width=9),
    ]


class MessageListModel(PagedTableModel):
    """The message list: unread rows bold, the partner badge green (or a muted "unknown sender")."""

    def __init__(self, bridge: Bridge, db: Any, parent: QObject | None = None, **options: Any) -> None:
        super().__init__(bridge, db, MessageSource(), message_columns(), parent, **options)
        self._bold: QFont | None = None
        self._clip: QIcon | None = None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return super().data(index, role)
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.FontRole and not row.seen:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and key == "partner":
            return BADGE_BRUSH if row.partner is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "attach" and row.attachments:
            if self._clip is None:
                self._clip = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            return self._clip
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "attach":
            return _tr("Has attachments") if row.attachments else ""
        return super().data(index, role)

    def _tooltip(self, row: repo.MessageRow, key: str) -> str:
        if key == "sender":
            return f"{row.from_name} <{row.from_addr}>" if row.from_name else (row.from_addr or "")
        if key == "partner":
            if row.partner is None:
                return _tr("Not matched to a partner yet: open the message to see candidates.")
            how = {"link": _tr("linked"), "choice": _tr("chosen for this address"),
                   "contact": _tr("a contact person's email"), "partner_email": _tr("the partner's email")}
            return _tr("{partner} ({how})").format(partner=row.partner.name or "", how=how.get(row.partner.how, ""))
        if key == "attach":
            return counted(_tr("%n attachment(s)", "", row.attachments), row.attachments) if row.attachments else ""
        if key == "subject" and row.snippet:
            return row.snippet
        return next(c for c in self.columns if c.key == key).text(row)

    def mark_seen(self, ids: Iterable[int], seen: bool = True) -> None:
        """Show these loaded messages as read (or unread) now; the stored flag is written separately."""
        wanted = set(ids)
        for i in range(self.rowCount()):
            row = self.row_at(i)
            if row.id in wanted and row.seen != seen:
                self._rows[i] = replace(row, seen=seen)
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1),
                                      [Qt.ItemDataRole.FontRole])

    def unread_loaded(self) -> int:
        return sum(1 for i in range(self.rowCount()) if not self.row_at(i).seen)

    def index_of(self, message_id: int) -> QModelIndex:
        row = self.row_of_key(message_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()


def message_table(model: MessageListModel) -> BrowseTable:
    """The list's view: whole rows, one selected, no editing, Enter opens (the browse tables' look)."""
    table = BrowseTable()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(QFontMetrics(table.font()).height() + 8)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def size_columns(table: QTableView, model: MessageListModel) -> None:
    """Columns by their preferred width in average characters; the subject takes the rest."""
    bold = table.font()
    bold.setBold(True)  # unread rows are bold: the widest a cell gets
    metrics = QFontMetrics(bold)
    header = table.horizontalHeader()
    longest_date = sent_text(datetime(2026, 12, 28, 23, 58).astimezone(), datetime(2027, 1, 1).astimezone())
    for i, column in enumerate(model.columns):
        if column.key == "subject":
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        else:
            sample = longest_date if column.key == "sent" else ""
            header.resizeSection(i, max(metrics.horizontalAdvance("0" * column.width) + 14,
                                        metrics.horizontalAdvance(sample) + 18,
                                        metrics.horizontalAdvance(column.title) + 28))
