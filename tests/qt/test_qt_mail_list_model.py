"""Tests for the message list model over the demo mailbox: lazy pages, search, unread in bold, partner badges,
attachment marks, marking read in place; checked by Qt's model tester."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QLocale, Qt

from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.list_model import MessageListModel, sent_text
from mkdesk.qt.models.paged_table import PageQuery


def column(model, key):
    return [c.key for c in model.columns].index(key)


def loaded(model, run_until, query=PageQuery()):
    model.set_query(query)
    run_until(lambda: model.ever_loaded and not model.loading)


def test_pages_roles_and_model_tester(qtmodeltester, mail_db, run_until):
    model = MessageListModel(Bridge(), mail_db, page_size=10)
    loaded(model, run_until)
    assert model.rowCount() == 10 and model.total >= 40
    qtmodeltester.check(model)
    model.fetchMore()
    run_until(lambda: model.rowCount() == 20)
    qtmodeltester.check(model)
    rows = [model.row_at(i) for i in range(model.rowCount())]
    assert [r.sent_at for r in rows] == sorted((r.sent_at for r in rows), reverse=True)
    unread = next(i for i, r in enumerate(rows) if not r.seen)
    read = next(i for i, r in enumerate(rows) if r.seen)
    assert model.data(model.index(unread, 1), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(read, 1), Qt.ItemDataRole.FontRole) is None
    badged = next(i for i, r in enumerate(rows) if r.partner is not None)
    partner = model.index(badged, column(model, "partner"))
    assert model.data(partner) == rows[badged].partner.name
    assert model.data(partner, Qt.ItemDataRole.ForegroundRole) is not None
    assert rows[badged].partner.name in model.data(partner, Qt.ItemDataRole.ToolTipRole)
    sender = model.index(badged, column(model, "sender"))
    assert rows[badged].from_addr in model.data(sender, Qt.ItemDataRole.ToolTipRole)


def test_search_and_attachment_mark(qtmodeltester, mail_db, run_until):
    model = MessageListModel(Bridge(), mail_db)
    loaded(model, run_until, PageQuery(text="narocilo"))  # "Naročilo - priponka": accents do not matter
    assert model.total >= 2
    subjects = [model.data(model.index(i, column(model, "subject"))) for i in range(model.rowCount())]
    assert any("priponka" in s for s in subjects)
    marks = [model.data(model.index(i, column(model, "attach")), Qt.ItemDataRole.DecorationRole)
             for i in range(model.rowCount())]
    with_files = [i for i in range(model.rowCount()) if model.row_at(i).attachments]
    assert with_files and all(marks[i] is not None for i in with_files)
    for i in with_files:  # "1 attachment", "2 attachments"
        n = model.row_at(i).attachments
        assert model.data(model.index(i, column(model, "attach")), Qt.ItemDataRole.ToolTipRole) == (
            f"{n} attachment{'' if n == 1 else 's'}")
    qtmodeltester.check(model)
    loaded(model, run_until, PageQuery(text='"NEAR( *'))
    assert model.total == 0 and model.rowCount() == 0


def test_mark_seen_updates_loaded_rows_at_once(mail_db, run_until, qtbot):
    model = MessageListModel(Bridge(), mail_db)
    loaded(model, run_until)
    first_unread = next(i for i in range(model.rowCount()) if not model.row_at(i).seen)
    target = model.row_at(first_unread).id
    before = model.unread_loaded()
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.mark_seen([target])
    assert model.row_at(first_unread).seen and model.unread_loaded() == before - 1
    assert model.data(model.index(first_unread, 1), Qt.ItemDataRole.FontRole) is None
    assert model.index_of(target).row() == first_unread and not model.index_of(-5).isValid()


def test_sent_text_today_by_time_else_by_date():
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
        assert ":" in sent_text(now - timedelta(hours=2), now)
        assert "2026" in sent_text(now - timedelta(days=40), now) or "/26" in sent_text(now - timedelta(days=40), now)
        assert sent_text(None) == ""
    finally:
        QLocale.setDefault(QLocale.c())


def test_the_table_view_and_its_columns(qtbot, mail_db, run_until):
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    from mkdesk.qt.mail.list_model import message_table, size_columns

    model = MessageListModel(Bridge(), mail_db)
    table = message_table(model)
    qtbot.addWidget(table)
    loaded(model, run_until)
    size_columns(table, model)
    header = table.horizontalHeader()
    assert header.sectionResizeMode(column(model, "subject")) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(column(model, "sender")) > header.sectionSize(column(model, "attach"))
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_the_date_column_fits_a_bold_date_of_another_year(qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QTableView

    from mkdesk.qt.mail.list_model import size_columns

    model = MessageListModel(Bridge(), None)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    size_columns(table, model)
    column = next(i for i, c in enumerate(model.columns) if c.key == "sent")
    bold = table.font()
    bold.setBold(True)
    widest = sent_text(datetime(2026, 12, 28, 23, 58).astimezone(), datetime(2027, 1, 1).astimezone())
    assert table.horizontalHeader().sectionSize(column) > QFontMetrics(bold).horizontalAdvance(widest) + 8
