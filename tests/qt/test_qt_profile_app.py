"""Tests for mkdesk.qt.profile_app: first launch asks for the profile, Settings… (Ctrl+,), one instance, palette."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from mkdesk.core.secrets import Keychain, Secret
from mkdesk.core.settings import Settings, save_settings
from mkdesk.qt.profile_app import ProfileSession
from mkdesk.qt.settings_dialog import METAKOCKA_SECRET, SettingsDialog
from mkdesk.qt.window_state import state_path
from tests.qt.translation_support import error_texts_marked

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from mkdesk.app import _make_qapp, run_app
    import time
    app = _make_qapp()
    started = time.monotonic()
    def report():  # the windows once the settings dialog is up (the key is read off the GUI thread first), or at 4 s
        visible = sorted(w.objectName() for w in app.topLevelWidgets() if w.isVisible())
        if "SettingsDialog" not in visible and time.monotonic() - started < 4:
            QTimer.singleShot(50, report)
            return
        print(json.dumps(visible), flush=True)
    QTimer.singleShot(300, report)
    QTimer.singleShot(int(sys.argv[2]), app.closeAllWindows)
    sys.exit(run_app(data_dir=Path(sys.argv[1])))
    """
)


def _session(qloop, qtbot, tmp_path, keychain=None):
    session = ProfileSession(tmp_path, None, qloop, keychain=keychain or Keychain())
    qtbot.addWidget(session.window)
    return session


def test_first_launch_opens_the_settings_dialog(qloop, qtbot, tmp_path, run_until):
    session = _session(qloop, qtbot, tmp_path)
    session.start()
    try:
        run_until(lambda: session.dialog is not None)  # once the keychain was read, off the GUI thread
        assert isinstance(session.dialog, SettingsDialog) and session.dialog.isVisible()
        assert "No Metakocka profile" in session.window.status_label.text()
        assert session.open_settings() is session.dialog  # one dialog at a time
        session.dialog.company_edit.setText("4711")
        session.dialog.secret_edit.setText("sk-session-test")
        session.dialog.buttons.accepted.emit()
        run_until(lambda: session.dialog is None)  # the key is stored off the GUI thread, then the dialog closes
        run_until(lambda: session.complete)  # the saved key is read back from the keychain in the background
        assert "4711" in session.window.status_label.text()
    finally:
        qloop.run_until_complete(session.close())
    assert state_path(tmp_path).exists()


def test_complete_profile_starts_without_the_dialog_and_ctrl_comma_opens_it(qloop, qtbot, tmp_path, run_until):
    save_settings(tmp_path, Settings(company_id="4711"))
    keychain = Keychain()
    keychain.set(METAKOCKA_SECRET, Secret("sk-stored"))
    session = _session(qloop, qtbot, tmp_path, keychain)
    session.start()
    try:
        run_until(lambda: session.complete)
        assert session.dialog is None
        assert session.window.settings_action.shortcut().toString() == "Ctrl+,"
        session.window.settings_action.trigger()
        assert session.dialog is not None and session.dialog.company_edit.text() == "4711"
        session.dialog.reject()
        assert session.dialog is None
    finally:
        qloop.run_until_complete(session.close())


def test_second_launch_on_the_same_profile_wakes_the_first(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    profile = tmp_path / "profile"
    first = subprocess.Popen([sys.executable, "-c", SCRIPT, str(profile), "8000"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        visible = json.loads(first.stdout.readline())
        assert visible == ["MainWindow", "SettingsDialog"]  # no profile yet: the dialog opens at once
        second = subprocess.run([sys.executable, "-m", "mkdesk", "--data-dir", str(profile)], capture_output=True,
                                text=True, timeout=60, env=env)
        assert second.returncode == 0 and "already running for this profile" in second.stderr
        assert first.poll() is None
    finally:
        out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err[-2000:]
    assert "another launch on this profile asked for the window" in (profile / "mkdesk.log").read_text("utf-8")
    assert (profile / "window.ini").exists() and (profile / "mkdesk.lock").exists() is False


def test_dark_palette_reaches_every_widget(qapp, qtbot, tmp_path):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QWidget

    from mkdesk.qt.bridge import Bridge
    from mkdesk.qt.error_dialog import ErrorDialog
    from mkdesk.qt.main_window import MainWindow

    previous = qapp.palette()
    dark = QPalette(QColor("#202124"))  # Qt derives a whole dark palette from one window colour
    qapp.setPalette(dark)
    try:
        window = MainWindow()
        dialog = SettingsDialog(Settings(), Keychain(), Bridge(), tmp_path)
        errors = ErrorDialog()
        for top in (window, dialog, errors):
            qtbot.addWidget(top)
            for widget in [top, *top.findChildren(QWidget)]:
                assert not widget.styleSheet(), widget
                palette = widget.palette()
                for role in (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText, QPalette.ColorRole.Base,
                             QPalette.ColorRole.Text, QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText):
                    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
                        assert palette.color(group, role) == dark.color(group, role), (widget, role, group)
    finally:
        qapp.setPalette(previous)


def test_desktop_entry_and_icon():
    import configparser
    from pathlib import Path

    from PySide6.QtGui import QIcon

    resources = Path(__file__).resolve().parents[2] / "resources"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(resources / "mkdesk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "mkdesk" and section["Icon"] == "mkdesk"
    assert section["Terminal"] == "false" and section["Categories"].endswith(";")
    assert section["StartupWMClass"] == "mkdesk" and "Comment[sl]" in section
    assert not QIcon(str(resources / "mkdesk.svg")).pixmap(64, 64).isNull()


class LockedKeychain(Keychain):
    """A keychain that is there but locked: every read fails."""

    def read(self, ref):
        from mkdesk.core.secrets import KeychainError

        raise KeychainError("KeyringLocked")


def test_a_locked_keychain_at_start_is_said_and_does_not_ask_for_the_key_again(qloop, qtbot, tmp_path, run_until):
    save_settings(tmp_path, Settings(company_id="4711"))
    session = _session(qloop, qtbot, tmp_path, LockedKeychain())
    session.start()
    try:
        run_until(lambda: session.sync is not None and session.keychain_failed)
        qtbot.wait(100)
        assert "keychain could not be read" in session.window.status_label.text()
        assert session.dialog is None  # not the first-launch dialog: the key is not missing, the keychain is locked
        assert not session.complete and not session.window.sync_action.isEnabled()
    finally:
        qloop.run_until_complete(session.close())


class CountingKeychain(Keychain):
    """The test keychain, counting reads (each is a D-Bus round trip, maybe an unlock prompt, on a desktop)."""

    reads = 0

    def read(self, ref):  # `get` reads through here too
        self.reads += 1
        return super().read(ref)


def test_profile_syncs_with_metakocka_and_browses_offline_afterwards(qloop, qtbot, tmp_path, run_until):
    from datetime import date

    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.server import serve_in_thread

    keychain = CountingKeychain()
    config = EmulatorConfig(scale="tiny", seed=4, today=date(2026, 3, 2))
    with serve_in_thread(config) as handle:
        save_settings(tmp_path, Settings(company_id=config.company_id, endpoint="custom", custom_url=handle.url,
                                         auto_sync=False))  # Sync now by hand (auto-sync: the test below)
        keychain.set(METAKOCKA_SECRET, Secret(config.secret_key))
        session = _session(qloop, qtbot, tmp_path, keychain)
        session.start()
        try:
            run_until(lambda: session.sync is not None)
            assert session.dialog is None and session.window.sync_action.isEnabled()
            contacts = session.window.browse["contacts"]
            run_until(lambda: contacts.model.ever_loaded and not contacts.model.loading)
            assert contacts.model.rowCount() == 0  # a new profile starts with an empty cache
            results = []
            session.sync.finished.connect(results.append)
            session.window.sync_action.trigger()
            reads_before = keychain.reads
            run_until(lambda: bool(results), timeout=60)
            assert results[0].ok
            assert keychain.reads == reads_before  # the key was read once at start, not per request
            run_until(lambda: contacts.model.rowCount() == len(handle.store.partners))
            assert "Synced" in session.window.status_label.text()
            assert session.window.freshness.text() == "Synced just now"
        finally:
            qloop.run_until_complete(session.close())
    # the emulator is gone (offline): a new session still browses everything from the cache
    offline = _session(qloop, qtbot, tmp_path, keychain)
    offline.start()
    try:
        run_until(lambda: offline.sync is not None)
        contacts = offline.window.browse["contacts"]
        run_until(lambda: contacts.model.ever_loaded and not contacts.model.loading)
        assert contacts.model.rowCount() == len(handle.store.partners)
        failures = []
        offline.sync.failed.connect(failures.append)
        offline.window.sync_action.trigger()
        run_until(lambda: bool(failures), timeout=60)
        assert "Cannot reach Metakocka" in offline.window.status_label.text()
        assert offline.window.freshness.text().startswith("Offline — showing cached data · Synced")
        assert contacts.model.rowCount() == len(handle.store.partners)  # nothing lost
    finally:
        qloop.run_until_complete(offline.close())


def test_document_pdfs_follow_the_profile_connection(qloop, qtbot, tmp_path, run_until):
    """The document pane gets its PDF service when the cache opens: unconnected until the profile is complete, then
    reaching Metakocka through the session's current client; PDFs are written under the profile's `pdf/`."""
    session = _session(qloop, qtbot, tmp_path)
    session.start()
    try:
        run_until(lambda: session.sync is not None and session.dialog is not None)
        pdfs = session.window.browse["documents"].detail.pdf_bar._service
        assert pdfs is not None and not pdfs.connected and pdfs.folder == tmp_path / "pdf"
        session.dialog.company_edit.setText("4711")
        session.dialog.secret_edit.setText("sk-session-test")
        session.dialog.buttons.accepted.emit()
        run_until(lambda: session.client is not None)
        assert pdfs.connected
    finally:
        qloop.run_until_complete(session.close())


def test_profile_auto_syncs_when_due_follows_the_settings_and_exports_redacted_diagnostics(qloop, qtbot, tmp_path,
                                                                                            run_until):
    import zipfile
    from datetime import date

    from mkdesk.core.sync import ENTITIES
    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.server import serve_in_thread

    keychain = Keychain()
    config = EmulatorConfig(scale="tiny", seed=4, today=date(2026, 3, 2))
    with serve_in_thread(config) as handle:
        save_settings(tmp_path, Settings(company_id=config.company_id, endpoint="custom", custom_url=handle.url))
        keychain.set(METAKOCKA_SECRET, Secret(config.secret_key))
        session = _session(qloop, qtbot, tmp_path, keychain)
        session.start()
        try:
            run_until(lambda: session.controls is not None)
            controls = session.controls
            results = []
            session.sync.finished.connect(results.append)
            run_until(lambda: bool(results), timeout=60)  # never synced: auto-sync runs everything at once
            assert results[0].ok and session.sync.entities == ENTITIES and controls.auto.automatic_runs == 1
            run_until(lambda: controls.auto.plan is not None and controls.auto.plan[1] == ("stock",))
            assert controls.auto.timer.isActive() and "Synced" in session.window.status_label.text()
            session.open_settings().auto_sync_check.setChecked(False)  # the settings dialog turns auto-sync off
            session.dialog.buttons.accepted.emit()
            run_until(lambda: controls.auto.plan is None)
            assert not controls.auto.timer.isActive() and not session.window.sync_menu.auto_menu.isEnabled()
            from mkdesk.core.diagnostics import LOG_FILE
            from mkdesk.core.mail.accounts import AccountForm, save_account

            form = AccountForm(host="imap.example.si", username="rep", own_address="rep@example.si")
            qloop.run_until_complete(save_account(session.db, keychain, form, Secret("imap-pw-8731")))
            with open(tmp_path / LOG_FILE, "a", encoding="utf-8") as log_file:  # a careless line in the app log
                log_file.write(f"login with {config.secret_key} and imap-pw-8731 failed\n")
            session.window.sync_log_action.trigger()
            target = tmp_path / "support.zip"
            done = []
            controls.log_view.exported.connect(done.append)
            controls.log_view.export_to(target)
            run_until(lambda: bool(done))
            with zipfile.ZipFile(target) as archive:
                text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
            assert '"entity": "stock"' in text and "failed" in text
            assert config.secret_key not in text and "imap-pw-8731" not in text
        finally:
            qloop.run_until_complete(session.close())


def test_a_note_typed_just_before_closing_is_kept(qloop, qtbot, tmp_path, run_until, synced_cache):
    """Typing in the partner notes and closing the window at once (before the save pause ends) still saves it."""
    import shutil

    from mkdesk.core.cache import Database, repo_notes
    from mkdesk.core.paths import cache_path

    shutil.copy(synced_cache, cache_path(tmp_path))
    session = _session(qloop, qtbot, tmp_path)
    session.start()
    try:
        run_until(lambda: session.sync is not None)
        pane = session.window.browse["contacts"].detail
        run_until(lambda: pane.notes.partner is not None and pane.notes.state == "shown")
        partner = pane.notes.partner
        pane.notes.edit.insertPlainText("typed, then the window closed")
        session.window.close()
    finally:
        qloop.run_until_complete(session.close())
    with Database.open(cache_path(tmp_path)) as db:
        assert db.read_sync(repo_notes.load_note, partner).note == "typed, then the window closed"


def test_profile_checks_its_imap_account_and_lists_the_new_mail(qloop, qtbot, tmp_path, run_until):
    """Mail accounts ride along with the profile: an account added through the session's dialog road is checked,
    its new message appears in the Mail tab, and F6 (Check for new mail) fetches mail that arrived later."""
    from email.message import EmailMessage

    from mkdesk.core.mail.accounts import AccountForm, save_account
    from tests.mail_server import MailServer

    def mail(subject: str) -> bytes:
        message = EmailMessage()
        message["From"] = "Ana Novak <ana@kupec.si>"
        message["To"] = "me@prodaja.si"
        message["Subject"] = subject
        message["Date"] = "Tue, 24 Nov 2026 09:00:00 +0100"
        message.set_content("Pozdravljeni, kdaj bo dobava?")
        return message.as_bytes()

    server = MailServer()
    server.add_user("rep", "imap-secret-7")
    server.start()
    try:
        server.deliver("rep", mail("Dobava naročila"))
        session = _session(qloop, qtbot, tmp_path, Keychain())
        session.start()
        try:
            run_until(lambda: session.mail_sync is not None)
            tab = session.window.browse["mail"]
            run_until(lambda: not session.mail_sync.running)  # the first check at start finds no account
            session.window.select_tab("mail")
            assert tab.sync_mail_action.isEnabled() and tab.account_action.isEnabled()
            form = AccountForm(host="127.0.0.1", username="rep", security="plain", port=server.port,
                               own_address="me@prodaja.si")
            qloop.run_until_complete(save_account(session.db, session.keychain, form, Secret("imap-secret-7")))
            finished = []
            session.mail_sync.finished.connect(finished.append)
            tab.sync_mail_action.trigger()
            run_until(lambda: bool(finished), timeout=30)
            run_until(lambda: tab.model.rowCount() == 1)
            server.deliver("rep", mail("Še ena vprašanje"))
            tab.sync_mail_action.trigger()
            run_until(lambda: len(finished) >= 2, timeout=30)
            run_until(lambda: tab.model.rowCount() == 2)
            assert "imap-secret-7" not in session.window.status_label.text()
        finally:
            qloop.run_until_complete(session.close())
    finally:
        server.close()


def test_sync_outcomes_in_the_status_bar_are_worded_in_the_ui_language(qloop, qtbot, tmp_path):

    from mkdesk.core.changes import ChangeSet
    from mkdesk.core.erp.errors import BadCredentials
    from mkdesk.core.sync import SyncResult

    session = _session(qloop, qtbot, tmp_path)
    session._synced(SyncResult(ChangeSet(), {}, failed={"orders": "x", "stock": "y"}))
    assert session.window.status_label.text() == "Sync finished with problems: Sales orders, Stock"
    with error_texts_marked():
        session._sync_failed(BadCredentials("rejected"))
    assert session.window.status_label.text() == f"Sync failed: SL[{BadCredentials.default_user_message}]"
    session._sync_failed(RuntimeError("boom"))
    assert session.window.status_label.text() == "Sync failed: Something went wrong (RuntimeError)."


def test_the_mail_tab_opens_one_accounts_list_per_session(qloop, qtbot, tmp_path, run_until):
    session = _session(qloop, qtbot, tmp_path)
    session.start()
    try:
        run_until(lambda: session.mail_sync is not None)
        if session.dialog is not None:
            session.dialog.reject()
        tab = session.window.browse["mail"]
        assert tab.accounts_action in tab.import_button.menu().actions()
        tab.accounts_action.trigger()
        first = session.accounts_dialog
        run_until(lambda: first.isVisible() and first.loaded)
        tab.accounts_action.trigger()
        assert session.accounts_dialog is first  # raised, not a second list
        first.close()
        assert session.open_mail_accounts() is first and first.isVisible()
        first.close()
    finally:
        qloop.run_until_complete(session.close())
