"""Tests for mkdesk.qt.mail.accounts_dialog: the profile's IMAP accounts listed from a real cache file, edited through
their account dialog (a new password reaches the keychain only), removed after a question (row, mail and password
gone; the question's Cancel keeps everything; a removal asked for finishes even when the list is closed)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from mkdesk.core.cache import Database
from mkdesk.core.mail.accounts import AccountForm, create_account, list_accounts
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.accounts_dialog import AccountsDialog

pytestmark = pytest.mark.usefixtures("loop_outlives_the_dialog")


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def stored(db, name, user, password):
    account, _ = db.write_sync(create_account, AccountForm(host="127.0.0.1", username=user, security="plain",
                                                           port=1143, own_address=f"{user}@example.com", name=name))
    Keychain().set(account.secret_ref, Secret(password))
    return account


def shown(qtbot, run_until, db):
    dialog = AccountsDialog(db, Keychain(), Bridge())
    qtbot.addWidget(dialog)
    dialog.show()
    run_until(lambda: dialog.loaded)
    return dialog


def names(dialog):
    return [dialog.list.item(row).data(0x0100).name for row in range(dialog.list.count())]


def test_no_account_yet_says_so_and_offers_only_add(qloop, qtbot, run_until, db):
    dialog = shown(qtbot, run_until, db)
    assert dialog.list.count() == 0 and dialog.empty_label.isVisible()
    assert dialog.add_button.isEnabled() and not dialog.edit_button.isEnabled()
    assert not dialog.remove_button.isEnabled()


def test_accounts_are_listed_and_an_edit_stores_the_new_password_in_the_keychain_only(qloop, qtbot, run_until, db,
                                                                                     tmp_path):
    stored(db, "Work", "ana", "old-password-1")
    home = stored(db, "Home", "bor", "home-password-2")
    dialog = shown(qtbot, run_until, db)
    assert names(dialog) == ["Home", "Work"] and not dialog.empty_label.isVisible()
    assert "bor at 127.0.0.1:1143" in dialog.list.item(0).text()
    changed, saved = [], []
    dialog.changed.connect(changed.append)
    dialog.saved.connect(saved.append)
    dialog.list.setCurrentRow(0)
    editor = dialog.edit_selected()
    assert editor.windowTitle() == "Mail account: Home"
    run_until(lambda: not editor.checking_keychain)
    editor.password_edit.setText("new-password-3")
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    run_until(lambda: bool(saved))
    assert saved[0].account.id == home.id and changed and dialog.editor is None
    assert Keychain().get(home.secret_ref) == Secret("new-password-3")
    run_until(lambda: dialog.loaded and names(dialog) == ["Home", "Work"])
    assert dialog.selected().id == home.id
    raw = (tmp_path / "cache.sqlite3").read_bytes()
    assert b"new-password-3" not in raw and b"old-password-1" not in raw


def test_remove_asks_first_and_cancel_keeps_everything(qloop, qtbot, run_until, db):
    work = stored(db, "Work", "ana", "pw-work")
    dialog = shown(qtbot, run_until, db)
    box = dialog.remove_selected()
    assert "Work" in box.text() and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    run_until(lambda: dialog.confirm is None)
    qtbot.wait(50)
    assert [a.id for a in db.read_sync(list_accounts)] == [work.id]
    assert Keychain().get(work.secret_ref) == Secret("pw-work")


def test_remove_deletes_the_row_and_the_password_and_says_what_changed(qloop, qtbot, run_until, db):
    work = stored(db, "Work", "ana", "pw-work")
    home = stored(db, "Home", "bor", "pw-home")
    dialog = shown(qtbot, run_until, db)
    dialog.list.setCurrentRow(1)
    assert dialog.selected().id == work.id
    changed = []
    dialog.changed.connect(changed.append)
    dialog.remove_selected().button(QMessageBox.StandardButton.Yes).click()
    run_until(lambda: bool(changed) and names(dialog) == ["Home"])
    assert changed[0].touches("mail_accounts")
    assert [a.id for a in db.read_sync(list_accounts)] == [home.id]
    assert Keychain().get(work.secret_ref) is None and Keychain().get(home.secret_ref) == Secret("pw-home")
    assert "was removed" in dialog.status_label.text()


def test_a_removal_asked_for_finishes_when_the_list_is_closed_at_once(qloop, qtbot, run_until, db):
    work = stored(db, "Work", "ana", "pw-work")
    dialog = shown(qtbot, run_until, db)
    changed = []
    dialog.changed.connect(changed.append)
    dialog.remove_selected().button(QMessageBox.StandardButton.Yes).click()
    dialog.close()
    run_until(lambda: bool(changed))
    assert db.read_sync(list_accounts) == [] and Keychain().get(work.secret_ref) is None
