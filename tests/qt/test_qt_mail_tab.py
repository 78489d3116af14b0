"""Tests for the Mail tab over the demo mailbox: opens on the newest message with its context, keyboard navigation,
marking read on open, search, refresh only for mail flags keeping the selection, import by action and by drag & drop
with a result message."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import text

from mkdesk.core.changes import ChangeSet
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.tab import MailTab


@pytest.fixture
def tab(qtbot, mail_db, run_until):
    widget = MailTab(Bridge(), mail_db)
    widget.context.today = date(2026, 3, 2)
    reports: list[tuple[str, str]] = []
    widget.reports = reports
    widget.importer.report = lambda _parent, title, body: reports.append((title, body))  # no cycle via the widget
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.start()
    run_until(lambda: widget.model.ever_loaded and widget.reader.result is not None
              and widget.context.result is not None)
    yield widget
    widget._read_timer.stop()
    run_until(lambda: not widget._bridge.busy)


def settle(tab, run_until):
    run_until(lambda: not tab._bridge.busy and not tab.model.loading)


def seen_of(db, qloop, message_id):
    return qloop.run_until_complete(db.read(
        lambda conn: conn.execute(text("SELECT seen FROM messages WHERE id = :i"), {"i": message_id}).scalar_one()))


def seen_now(db, message_id):
    """The stored flag, read while the loop runs (a reader thread, waited for here)."""
    return db.read_sync(lambda conn: conn.execute(text("SELECT seen FROM messages WHERE id = :i"),
                                                  {"i": message_id}).scalar_one())


def test_opens_on_the_newest_message_with_its_context(tab, run_until):
    assert tab.selected_key() == tab.model.row_at(0).id
    assert tab.reader.result.view.row.id == tab.model.row_at(0).id
    assert tab.context.key == tab.model.row_at(0).id
    run_until(lambda: tab.unread is not None)
    assert "messages" in tab.count_label.text() and f"{tab.unread} unread" in tab.count_label.text()


def test_keyboard_moves_through_messages_and_enter_opens(qtbot, tab, run_until):
    tab.table.setFocus()
    second = tab.model.row_at(1).id
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    run_until(lambda: tab.reader.result is not None and tab.reader.result.view.row.id == second)
    assert tab.context.key == second
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.reader.browser.hasFocus() or tab.reader.hasFocus() or tab.focusWidget() is not tab.table


def test_a_message_shown_long_enough_is_marked_read(tab, mail_db, qloop, run_until):
    tab.mark_read_ms = 0
    row = next(i for i in range(tab.model.rowCount()) if not tab.model.row_at(i).seen)
    message_id = tab.model.row_at(row).id
    changes = []
    tab.changes_made.connect(changes.append)
    tab.select_message(message_id)
    run_until(lambda: any(c.touches("mail") for c in changes))
    assert seen_of(mail_db, qloop, message_id) == 1
    assert tab.model.row_at(row).seen
    unread = qloop.run_until_complete(mail_db.read(
        lambda conn: conn.execute(text("SELECT count(*) FROM messages WHERE NOT seen")).scalar_one()))
    assert tab.unread == unread
    assert tab.model.data(tab.model.index(row, 1), Qt.ItemDataRole.FontRole) is None


def test_a_message_that_leaves_the_screen_before_the_delay_stays_unread(qtbot, tab, mail_db, qloop, run_until):
    tab.mark_read_ms = 150
    row = next(i for i in range(tab.model.rowCount()) if not tab.model.row_at(i).seen)
    message_id = tab.model.row_at(row).id
    tab.select_message(message_id)
    run_until(lambda: tab.reader.result is not None and tab.reader.result.view.row.id == message_id)
    tab.hide()  # another tab brought to the front, or the window closed
    qtbot.wait(400)
    assert not tab._read_timer.isActive() and seen_of(mail_db, qloop, message_id) == 0
    assert not tab.model.row_at(row).seen


def test_search_filters_and_clearing_brings_everything_back(qtbot, tab, run_until):
    total = tab.model.total
    tab.search.setText("reklamacija")
    tab.apply_query()
    settle(tab, run_until)
    assert 1 <= tab.model.total < total
    assert all("eklamacija" in (tab.model.row_at(i).subject or "") for i in range(tab.model.rowCount()))
    tab.search.setText("qqqzzznothing")
    tab.apply_query()
    settle(tab, run_until)
    assert tab.stack.currentWidget() is tab.empty and "qqqzzznothing" in tab.empty.text()
    tab.search.clear()
    tab.apply_query()
    settle(tab, run_until)
    assert tab.model.total == total


def test_refresh_only_for_mail_flags_and_the_selection_stays(tab, run_until):
    tab.select_message(tab.model.row_at(3).id)
    run_until(lambda: tab.reader.key == tab.model.row_at(3).id)
    settle(tab, run_until)
    key = tab.selected_key()
    generation = tab.model._generation
    tab.apply_changes(ChangeSet.of("warehouses", updated=1), context=False)
    assert tab.model._generation == generation
    tab.apply_changes(ChangeSet.of("mail_links", inserted=1))
    settle(tab, run_until)
    assert tab.model._generation == generation + 1 and tab.selected_key() == key
    assert tab.reader.key == key


def _eml(path, subject):
    msg = EmailMessage()
    msg["From"] = "Nova Stranka <nova@primer-podjetje.si>"
    msg["To"] = "prodaja@mkdesk-demo.si"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 02 Mar 2026 11:00:00 +0100"
    msg.set_content("Pozdravljeni, prosim za ponudbo.")
    path.write_bytes(msg.as_bytes(policy=SMTP))
    return path


def test_import_by_action_reports_counts_and_errors(tab, run_until, tmp_path):
    good = _eml(tmp_path / "one.eml", "Uvoz iz datoteke")
    tab.importer.pick_files = lambda _parent: [str(good), str(tmp_path / "missing.eml")]
    total = tab.model.total
    tab.import_action.trigger()
    run_until(lambda: tab.reports and tab.model.total == total + 1)
    title, body = tab.reports[-1]
    assert "Imported 1 message," in body and "missing.eml" in body
    tab.importer.pick_files = lambda _parent: [str(good)]
    tab.import_action.trigger()
    run_until(lambda: len(tab.reports) == 2)
    assert "1 already there" in tab.reports[-1][1]
    tab.importer.pick_files = lambda _parent: []  # cancelled dialog: nothing happens
    tab.import_action.trigger()
    assert len(tab.reports) == 2


def test_drop_of_files_imports_them(tab, run_until, tmp_path):
    dropped = _eml(tmp_path / "dropped.eml", "Spuščena datoteka")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    tab.dropEvent(event)
    assert event.isAccepted()
    run_until(lambda: tab.reports)
    settle(tab, run_until)
    assert any(tab.model.row_at(i).subject == "Spuščena datoteka" for i in range(tab.model.rowCount()))


def test_read_marks_go_through_the_mail_sync_when_there_is_one(tab, mail_db, qloop, run_until):
    from mkdesk.core.secrets import Keychain
    from mkdesk.qt.mail.mail_sync import MailSync

    sync = MailSync(mail_db, Keychain(), tab._bridge)  # the real one (its IMAP path is tested against Dovecot)
    changes = []
    sync.changed.connect(changes.append)
    tab.set_mail_sync(sync)
    tab.mark_read_ms = 0
    row = next(i for i in range(tab.model.rowCount()) if not tab.model.row_at(i).seen)
    message_id = tab.model.row_at(row).id
    generation = tab.model._generation
    tab.select_message(message_id)
    run_until(lambda: changes)
    settle(tab, run_until)
    assert changes[0].touches("mail") and tab.model.row_at(row).seen
    assert seen_of(mail_db, qloop, message_id) == 1
    assert tab.model._generation == generation + 1  # the sync's change refreshed the list, selection kept
    assert tab.selected_key() == message_id
    sync.shutdown()


def test_a_message_from_the_email_history_opens_even_when_not_listed(tab, run_until):
    last = tab.model.row_at(tab.model.rowCount() - 1).id
    tab.search.setText("reklamacija")
    tab.apply_query()
    settle(tab, run_until)
    assert tab.model.row_of_key(last) < 0
    tab.context.message_requested.emit(last)
    run_until(lambda: tab.reader.result is not None and tab.reader.result.view.row.id == last)
    assert tab.context.key == last and not tab.table.selectionModel().hasSelection()
    listed = tab.model.row_at(0).id
    tab.open_message(listed)
    assert tab.selected_key() == listed


def test_in_the_main_window_a_context_link_opens_the_record_in_its_tab(qtbot, mail_db, run_until):
    from mkdesk.qt.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(Bridge(), mail_db)
    window.select_tab("mail")
    mail = window.browse["mail"]
    mail.context.today = date(2026, 3, 2)
    run_until(lambda: mail.context.result is not None and mail.context.result.open_orders)
    order = mail.context.result.open_orders[0]
    mail.context.body.anchorClicked.emit(QUrl(f"doc:{order.doc_type}:{order.mk_id}"))
    assert window.current_tab() == "documents"
    documents = window.browse["documents"]
    run_until(lambda: documents.detail.result is not None)
    assert documents.detail.key == (order.doc_type, order.mk_id)
    window.select_tab("mail")
    window.focus_search()
    assert mail.search.hasFocus()
    statuses = []
    window.status_label.setText("")
    mail.status_message.emit("Imported 1 messages")
    statuses.append(window.status_label.text())
    assert statuses == ["Imported 1 messages"]
    run_until(lambda: not mail._bridge.busy)
    # the partner's email history (Contacts) opens a message in the Mail tab
    message_id = mail.model.row_at(2).id
    window.select_tab("contacts")
    window.open_item("mail", message_id)
    assert window.current_tab() == "mail"
    run_until(lambda: mail.reader.result is not None and mail.reader.result.view.row.id == message_id)
    assert mail.selected_key() == message_id
    run_until(lambda: not mail._bridge.busy)


def test_ctrl_u_marks_the_message_unread_and_read_again(qtbot, tab, mail_db, qloop, run_until):
    tab.mark_read_ms = 0
    row = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).seen)
    message_id = tab.model.row_at(row).id
    tab.select_message(message_id)
    run_until(lambda: tab.reader.key == message_id and tab.unread is not None)
    unread = tab.unread
    assert tab.read_action.text() == "Mark as unread"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    run_until(lambda: seen_now(mail_db, message_id) == 0)
    assert not tab.model.row_at(row).seen and tab.unread == unread + 1
    assert tab.read_action.text() == "Mark as read"
    settle(tab, run_until)
    assert seen_of(mail_db, qloop, message_id) == 0  # the open message is not marked read again by itself
    tab.read_action.trigger()
    run_until(lambda: seen_now(mail_db, message_id) == 1)
    assert tab.unread == unread and tab.read_action in tab.table.actions()


def test_the_context_indexes_are_built_when_the_cache_opens(tab, mail_db, run_until):
    from mkdesk.core.context import names

    run_until(lambda: tab.prepared)
    path = mail_db.read_sync(lambda conn: conn.exec_driver_sql(
        "SELECT file FROM pragma_database_list WHERE name = 'main'").scalar_one())
    assert any(key[0] == path for key in names._CACHE)  # the first message found the product names built
    tab.prepare_later.setInterval(150)
    builds: list[bool] = []
    tab.prepare_later.timeout.connect(lambda: builds.append(True))
    tab.apply_changes(ChangeSet.of("products", updated=1))  # a sync changed the catalogue: built again ahead,
    assert not tab.prepared and tab.prepare_later.isActive()  # once the sync's changes settle
    tab.apply_changes(ChangeSet.of("documents", updated=1))
    run_until(lambda: tab.prepared)
    assert builds == [True]  # one build for both changes


def test_the_count_line_uses_plural_forms(tab, mail_db, qloop, run_until):
    from mkdesk.core.mail import store

    msg = EmailMessage()
    msg["From"] = "ana@novak.si"
    msg["Subject"] = "Zzyzxunikat"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    msg.set_content("Ena sama.")

    def add(conn):
        folder = store.ensure_folder(conn, store.ensure_account(conn, "Imported", "import"), "t")
        return store.add_messages(conn, folder, [store.NewMessage(msg.as_bytes(policy=SMTP))]).changes

    qloop.run_until_complete(mail_db.write(add))
    tab.search.setText("reklamacija")
    tab.apply_query()
    settle(tab, run_until)
    n = tab.model.total
    assert n > 1 and tab.count_label.text().startswith(f"{n} messages") and "(s)" not in tab.count_label.text()
    tab.search.setText("zzyzxunikat")
    tab.apply_query()
    settle(tab, run_until)
    assert tab.model.total == 1 and tab.count_label.text().startswith("1 message")
    assert "1 messages" not in tab.count_label.text()


def test_in_the_main_window_the_context_gets_the_client_and_its_writes_reach_the_other_tabs(qtbot, mail_db,
                                                                                         run_until):
    from mkdesk.qt.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    client = object()
    window.attach(Bridge(), mail_db, client=lambda: client)
    window.select_tab("mail")
    mail = window.browse["mail"]
    run_until(lambda: mail.context.result is not None and not mail._bridge.busy)
    assert mail.context.client() is client
    contacts, products = window.browse["contacts"], window.browse["products"]
    assert not contacts.stale
    mail.context.changed.emit(ChangeSet.of("partners", updated=1))  # e.g. "Refresh from Metakocka"
    assert contacts.stale and not products.stale  # hidden: refreshed for its own flag when shown
    run_until(lambda: not mail._bridge.busy)
