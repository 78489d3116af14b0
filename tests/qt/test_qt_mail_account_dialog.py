"""Tests for mkdesk.qt.mail.account_dialog: the IMAP account form, Test connection against a real Dovecot, Save
into a real cache file with the password only in the keychain; the keychain (slow, locked or broken) never blocks
the GUI thread."""

from __future__ import annotations

import asyncio
import threading
import time

import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mkdesk.core.cache import Database
from mkdesk.core.mail.accounts import AccountForm, create_account, list_accounts
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.account_dialog import AccountDialog
from tests.mail_server import MailServer
from tests.qt.keychain_support import DBusTimeout, GuiTicks, SlowKeyring, installed

pytestmark = pytest.mark.usefixtures("loop_outlives_the_dialog")

USER, PASSWORD = "ana", "Tajno-Geslo-42"


@pytest.fixture
def server():
    srv = MailServer()
    srv.add_user(USER, PASSWORD)
    srv.start()
    yield srv
    srv.close()


@pytest.fixture
def tls_server():
    srv = MailServer(tls=True)
    srv.add_user(USER, PASSWORD)
    srv.start()
    yield srv
    srv.close()


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def make(qtbot, db, **kw):
    dialog = AccountDialog(db, Keychain(), Bridge(), **kw)
    qtbot.addWidget(dialog)
    return dialog


def shown(qtbot, run_until, db, **kw):
    """A shown dialog once its keychain check has answered."""
    dialog = make(qtbot, db, **kw)
    dialog.show()
    run_until(lambda: not dialog.checking_keychain)
    return dialog


def fill(dialog, host, port, security="plain", user=USER, password=PASSWORD, address="ana@example.com", name="Work"):
    dialog.name_edit.setText(name)
    dialog.host_edit.setText(host)
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData(security))
    dialog.port_spin.setValue(port)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.address_edit.setText(address)


def run_test(dialog, run_until):
    outcome = []
    dialog.test_finished.connect(lambda ok, text: outcome.append((ok, text)))
    dialog.test_button.click()
    run_until(lambda: outcome, timeout=20)
    assert dialog.test_button.isEnabled()
    return outcome[0]


def test_connection_ok_lists_folders(qloop, qtbot, run_until, db, server):
    dialog = make(qtbot, db)
    fill(dialog, server.host, server.port)
    ok, text = run_test(dialog, run_until)
    assert ok and text == "Connected: 1 folder(s)."


def test_wrong_password_is_plain_and_never_shows_the_password(qloop, qtbot, run_until, db, server):
    dialog = make(qtbot, db)
    fill(dialog, server.host, server.port, password="napacno-geslo-9")
    ok, text = run_test(dialog, run_until)
    assert not ok and "rejected the user name or password" in text and "napacno-geslo-9" not in text


def test_unreachable_and_missing_fields(qloop, qtbot, run_until, db, server):
    dialog = make(qtbot, db)
    fill(dialog, server.host, server.port)
    server.stop()
    ok, text = run_test(dialog, run_until)
    assert not ok and "refused the connection" in text
    dialog.host_edit.setText("")
    ok, text = run_test(dialog, run_until)
    assert not ok and "Enter the IMAP server's address" in text
    fill(dialog, server.host, server.port, password="")
    ok, text = run_test(dialog, run_until)
    assert not ok and text == "Enter the password first."


def test_tls_needs_explicit_trust_and_works_with_it(qloop, qtbot, run_until, db, tls_server):
    untrusting = make(qtbot, db)
    fill(untrusting, tls_server.host, tls_server.tls_port, security="tls")
    ok, text = run_test(untrusting, run_until)
    assert not ok and "certificate is not trusted" in text
    trusting = make(qtbot, db, endpoint_options={"cafile": str(tls_server.cert)})
    fill(trusting, tls_server.host, tls_server.port, security="starttls")
    ok, text = run_test(trusting, run_until)
    assert ok and text.startswith("Connected:")
    plain_port = make(qtbot, db)
    fill(plain_port, tls_server.host, tls_server.port, security="tls")  # the STARTTLS port speaks plain first
    ok, text = run_test(plain_port, run_until)
    assert not ok and "did not start a TLS connection" in text


def test_port_follows_security_and_plain_warns_off_this_computer(qloop, qtbot, db):
    dialog = make(qtbot, db)
    dialog.show()
    assert dialog.port_spin.value() == 993
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("starttls"))
    assert dialog.port_spin.value() == 143
    dialog.port_spin.setValue(1143)
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("tls"))
    assert dialog.port_spin.value() == 1143  # a port the user typed is kept
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("plain"))
    dialog.host_edit.setText("imap.example.com")
    assert dialog.plain_warning.isVisible()
    dialog.host_edit.setText("127.0.0.1")
    assert not dialog.plain_warning.isVisible()


def test_save_stores_the_row_and_the_password_only_in_the_keychain(qloop, qtbot, run_until, db, server, tmp_path,
                                                                    memory_keyring):
    dialog = make(qtbot, db)
    fill(dialog, server.host, server.port)
    saved = []
    dialog.saved.connect(saved.append)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    run_until(lambda: saved)
    account = saved[0].account
    assert dialog.result() == dialog.DialogCode.Accepted and saved[0].changes.touches("mail_accounts")
    assert (account.name, account.host, account.port, account.security, account.username, account.own_address) == (
        "Work", server.host, server.port, "plain", USER, "ana@example.com")
    assert Keychain().get(account.secret_ref) == Secret(PASSWORD)
    assert list(memory_keyring.items.values()) == [PASSWORD]
    assert PASSWORD.encode() not in (tmp_path / "cache.sqlite3").read_bytes()

    # editing: an empty password keeps the stored one; Test connection uses it
    edit = shown(qtbot, run_until, db, account=account)
    assert edit.host_edit.text() == server.host and edit.password_edit.text() == ""
    assert edit.password_edit.placeholderText() == "Saved — leave empty to keep it"
    edit.name_edit.setText("Work mail")
    ok, _ = run_test(edit, run_until)
    assert ok
    done = []
    edit.saved.connect(done.append)
    edit.save()
    run_until(lambda: done)
    assert [a.name for a in db.read_sync(list_accounts)] == ["Work mail"]
    assert Keychain().get(done[0].account.secret_ref) == Secret(PASSWORD)


def test_save_refuses_bad_input_and_keeps_the_form(qloop, qtbot, run_until, db, server):
    first = make(qtbot, db)
    fill(first, server.host, server.port)
    first.save()
    run_until(lambda: first.result_account is not None)
    second = make(qtbot, db)
    second.show()
    fill(second, server.host, server.port, address="ana-at-example")
    second.save()
    assert "is not an email address" in second.error_label.text() and second.error_label.isVisible()
    fill(second, server.host, server.port, password="")
    second.save()
    assert second.error_label.text() == "Enter the password."
    fill(second, server.host, server.port)  # the same name "Work": refused by the cache, the form stays
    second.save()
    run_until(lambda: not second.saving)
    assert "already a mail account named “Work”" in second.error_label.text()
    assert second.password_edit.text() == PASSWORD and second.result() == 0


# ----- the keychain never blocks the GUI thread ------------------------------------------------------------------
def stored_account(db, password=PASSWORD, host="127.0.0.1", port=1143):
    """An account row saved earlier, its password in the keychain (set directly: the test's setup, unwatched)."""
    account, _ = db.write_sync(create_account, AccountForm(host=host, username=USER, security="plain", port=port,
                                                           own_address="ana@example.com", name="Work"))
    Keychain().set(account.secret_ref, Secret(password))
    return account


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_the_keychain_is_read_while_the_gui_thread_keeps_ticking(qloop, qtbot, run_until, db):
    with installed(SlowKeyring(0.5)) as backend:
        account = stored_account(db)
        backend.threads.clear()
        ticks = GuiTicks()
        run_until(lambda: len(ticks.times) >= 3)
        started = time.monotonic()
        dialog = make(qtbot, db, account=account)
        dialog.show()
        shown = time.monotonic()
        assert shown - started < 0.1 and dialog.isVisible() and dialog.checking_keychain
        assert dialog.password_edit.placeholderText() == "Checking the keychain…"
        run_until(lambda: not dialog.checking_keychain)
        finished = time.monotonic()
        ticks.stop()
    assert finished - started >= 0.5 and ticks.max_gap() < 0.1, ticks.max_gap()
    assert ticks.between(shown, finished) >= 20
    assert dialog.password_edit.placeholderText() == "Saved — leave empty to keep it"
    assert "stored in this computer's keychain" in dialog.keychain_note.text()
    assert backend.threads and threading.get_ident() not in backend.threads


def test_test_connection_reads_the_stored_password_in_its_own_task(qloop, qtbot, run_until, db, server):
    with installed(SlowKeyring(0.4)) as backend:
        account = stored_account(db, host=server.host, port=server.port)
        dialog = shown(qtbot, run_until, db, account=account)
        assert dialog.password_edit.text() == ""
        calls, ticks = backend.calls, GuiTicks()
        ok, text = run_test(dialog, run_until)
        ticks.stop()
    assert ok and text.startswith("Connected:"), text
    assert backend.calls == calls + 1 and ticks.max_gap() < 0.1, ticks.max_gap()


def test_save_stores_the_password_in_the_background_then_closes(qloop, qtbot, run_until, db):
    with installed(SlowKeyring(0.3)) as backend:
        dialog = shown(qtbot, run_until, db)
        fill(dialog, "127.0.0.1", 1143)
        saved = []
        dialog.saved.connect(saved.append)
        ticks = GuiTicks()
        save_button(dialog).click()
        assert dialog.saving and not save_button(dialog).isEnabled() and dialog.isVisible()
        run_until(lambda: saved, timeout=5)
        ticks.stop()
    assert dialog.result() == dialog.DialogCode.Accepted and ticks.max_gap() < 0.1, ticks.max_gap()
    assert [a.name for a in db.read_sync(list_accounts)] == ["Work"] and dialog.password_edit.text() == ""
    assert backend.items[("mkdesk", saved[0].account.secret_ref.username)] == PASSWORD


@pytest.mark.parametrize("failure", [keyring.errors.KeyringLocked("locked"), DBusTimeout("no answer")],
                         ids=["locked", "dbus"])
def test_a_failed_store_keeps_the_dialog_and_writes_no_account(qloop, qtbot, run_until, db, failure):
    with installed(SlowKeyring(0.1, fail_set=failure)) as backend:
        dialog = shown(qtbot, run_until, db)
        fill(dialog, "127.0.0.1", 1143)
        save_button(dialog).click()
        run_until(lambda: not dialog.saving)
    assert dialog.isVisible() and dialog.result() == 0 and dialog.result_account is None
    assert save_button(dialog).isEnabled() and dialog.error_label.isVisible()
    assert "did not store the password, so the account was not saved" in dialog.error_label.text()
    assert PASSWORD not in dialog.error_label.text() and dialog.password_edit.text() == PASSWORD
    assert db.read_sync(list_accounts) == [] and backend.items == {}


def test_a_keychain_that_cannot_be_read_leaves_a_note_and_a_usable_dialog(qloop, qtbot, run_until, db):
    account = stored_account(db)
    with installed(SlowKeyring(0.1, fail_get=DBusTimeout("no answer"))) as backend:
        dialog = shown(qtbot, run_until, db, account=account)
        assert dialog.keychain_failed and "keychain could not be read" in dialog.keychain_note.text()
        assert dialog.password_edit.placeholderText() == "" and dialog.test_button.isEnabled()
        outcome = []
        dialog.test_finished.connect(lambda ok, text: outcome.append((ok, text)))
        dialog.test_button.click()
        run_until(lambda: outcome)
        assert outcome == [(False, "The keychain could not be read, so the saved password cannot be used. Type the "
                                   "password and try again.")]
        added = shown(qtbot, run_until, db)  # a new account can still be added: its password is typed
        assert not added.keychain_failed  # (a new account has no password to read)
        fill(added, "127.0.0.1", 1144, name="Home", password="Novo-Geslo-7")
        added.save()
        run_until(lambda: added.result_account is not None)
    assert backend.items[("mkdesk", added.result_account.secret_ref.username)] == "Novo-Geslo-7"


def test_closing_while_the_keychain_answers_drops_the_results(qloop, qtbot, run_until, db):
    failures = []
    bridge = Bridge()
    bridge.failed.connect(failures.append)
    with installed(SlowKeyring(0.4)) as backend:
        account = stored_account(db)
        calls = backend.calls
        reading = AccountDialog(db, Keychain(), bridge, account=account)
        reading.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        reading.show()
        run_until(lambda: backend.calls == calls + 1)  # the read is under way on its worker thread
        reading.reject()
        saving = AccountDialog(db, Keychain(), bridge)
        qtbot.addWidget(saving)
        saving.show()
        run_until(lambda: saving.keychain_state is not None)
        fill(saving, "127.0.0.1", 1144, name="Home")
        saving.save()
        run_until(lambda: backend.calls == calls + 2)  # the password is being stored
        saving.reject()  # closed meanwhile: the account row must not follow
        qloop.run_until_complete(asyncio.sleep(0.6))
    assert failures == [] and not bridge.busy and saving.result_account is None
    assert [a.name for a in db.read_sync(list_accounts)] == ["Work"]


def test_without_a_keychain_the_password_stays_in_the_session(qloop, qtbot, run_until, db, tmp_path):
    with installed(keyring.backends.fail.Keyring()):
        keychain = Keychain()
        dialog = AccountDialog(db, keychain, Bridge())
        qtbot.addWidget(dialog)
        dialog.show()
        run_until(lambda: dialog.keychain_state is not None)
        assert "No keychain" in dialog.keychain_note.text() and "only until mkdesk closes" in dialog.keychain_note.text()
        fill(dialog, "127.0.0.1", 1143)
        saved = []
        dialog.saved.connect(saved.append)
        dialog.save()
        run_until(lambda: saved)
        assert dialog.result() == dialog.DialogCode.Accepted and not saved[0].persistent
        assert keychain.get(saved[0].account.secret_ref) == Secret(PASSWORD)
        assert Keychain().get(saved[0].account.secret_ref) is None  # nothing persistent
    assert PASSWORD.encode() not in (tmp_path / "cache.sqlite3").read_bytes()


def test_a_dialog_deleted_without_closing_drops_its_read(qloop, qtbot, run_until, db):
    import shiboken6
    from PySide6.QtWidgets import QWidget

    failures = []
    bridge = Bridge()
    bridge.failed.connect(failures.append)
    with installed(SlowKeyring(0.3)) as backend:
        account = stored_account(db)
        calls = backend.calls
        parent = QWidget()
        dialog = AccountDialog(db, Keychain(), bridge, account=account, parent=parent)
        dialog.show()
        run_until(lambda: backend.calls == calls + 1)
        shiboken6.delete(parent)  # the main window goes, and the dialog with it, while the keychain answers
        qloop.run_until_complete(asyncio.sleep(0.5))
    assert failures == [] and not bridge.busy


# ----- the folders to sync and the CA file -----------------------------------------------------------------------
def test_folders_are_listed_from_the_server_chosen_saved_and_restored(qloop, qtbot, run_until, db, server):
    from mkdesk.core.mail.imap import encode_folder_name

    server.create_folder(USER, encode_folder_name("Računi"))
    dialog = shown(qtbot, run_until, db)
    assert dialog.folders.names() == ["INBOX"] and dialog.folders.checked() == ["INBOX"]  # the default
    fill(dialog, server.host, server.port)
    outcome = []
    dialog.test_finished.connect(lambda ok, text: outcome.append((ok, text)))
    ticks = GuiTicks()
    run_until(lambda: len(ticks.times) >= 3)
    started = time.monotonic()
    dialog.test_button.click()  # the listing runs through the bridge: the click returns at once
    assert dialog.testing and time.monotonic() - started < 0.05 and not dialog.folders.listed
    run_until(lambda: outcome, timeout=20)
    run_until(lambda: len(ticks.times) >= 6)
    ticks.stop()
    assert outcome == [(True, "Connected: 2 folder(s).")] and ticks.max_gap() < 0.1, ticks.max_gap()
    assert dialog.folders.listed and dialog.folders.names() == ["INBOX", "Računi"]
    assert dialog.folders.checked() == ["INBOX"]
    dialog.folders.set_checked("Računi", True)
    saved = []
    dialog.saved.connect(saved.append)
    save_button(dialog).click()
    run_until(lambda: saved)
    account = db.read_sync(list_accounts)[0]
    assert account.folders == ("INBOX", "Računi") == saved[0].account.folders

    # editing: the saved choice is shown before the server is asked, and kept when it is
    edit = shown(qtbot, run_until, db, account=account)
    assert edit.folders.checked() == ["INBOX", "Računi"] and not edit.folders.listed
    ok, _ = run_test(edit, run_until)
    assert ok and edit.folders.checked() == ["INBOX", "Računi"]
    edit.folders.set_checked("INBOX", False)
    done = []
    edit.saved.connect(done.append)
    edit.save()
    run_until(lambda: done)
    assert db.read_sync(list_accounts)[0].folders == ("Računi",)


def test_the_ca_file_is_picked_trusted_cleared_and_checked(qloop, qtbot, run_until, db, tls_server, tmp_path):
    dialog = shown(qtbot, run_until, db)
    fill(dialog, tls_server.host, tls_server.tls_port, security="tls")
    dialog.ca_row.pick = lambda parent: str(tls_server.cert)
    dialog.ca_row.choose_button.click()
    assert dialog.ca_row.path() == str(tls_server.cert)
    ok, text = run_test(dialog, run_until)
    assert ok and text == "Connected: 1 folder(s)."
    dialog.ca_row.clear_button.click()  # the system's certificates do not know this server
    ok, text = run_test(dialog, run_until)
    assert not ok and "certificate is not trusted" in text
    not_pem = tmp_path / "notes.pem"
    not_pem.write_text("no certificate here\n")
    dialog.ca_row.pick = lambda parent: str(not_pem)
    dialog.ca_row.choose()
    ok, text = run_test(dialog, run_until)
    assert not ok and text == (f"The CA file “{not_pem}” is not a PEM bundle of certificates (a text file with "
                               "-----BEGIN CERTIFICATE----- blocks).")
    # Save refuses it too, keeping the form, and stores nothing
    save_button(dialog).click()
    run_until(lambda: not dialog.saving)
    assert dialog.isVisible() and str(not_pem) in dialog.error_label.text() and dialog.error_label.isVisible()
    assert db.read_sync(list_accounts) == [] and Keychain().get(
        SecretRef.mail(USER, tls_server.host, tls_server.tls_port)) is None
    assert dialog.password_edit.text() == PASSWORD
    dialog.ca_row.set_path(str(tmp_path / "gone.pem"))
    save_button(dialog).click()
    run_until(lambda: not dialog.saving)
    assert dialog.error_label.text() == f"The CA file “{tmp_path / 'gone.pem'}” does not exist."
    dialog.ca_row.set_path(str(tls_server.cert))
    saved = []
    dialog.saved.connect(saved.append)
    save_button(dialog).click()
    run_until(lambda: saved)
    account = db.read_sync(list_accounts)[0]
    assert account.ca_file == str(tls_server.cert)

    edit = shown(qtbot, run_until, db, account=account)  # restored; Test connection trusts the saved file
    assert edit.ca_row.path() == str(tls_server.cert) and edit.ca_row.clear_button.isEnabled()
    ok, _ = run_test(edit, run_until)
    assert ok
    edit.ca_row.clear()
    done = []
    edit.saved.connect(done.append)
    edit.save()
    run_until(lambda: done)
    assert db.read_sync(list_accounts)[0].ca_file is None
