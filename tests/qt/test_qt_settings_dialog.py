"""Tests for mkdesk.qt.settings_dialog: the profile form, the keychain-only key and Test connection on the emulator;
the keychain (slow, locked or broken) never blocks the GUI thread."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import keyring
import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mkdesk.core.log import setup_logging
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.core.settings import Settings, load_settings, save_settings, settings_path
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import serve_in_thread
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.settings_dialog import METAKOCKA_SECRET, SettingsDialog
from tests.qt.keychain_support import DBusTimeout, GuiTicks, SlowKeyring, installed
from tests.qt.translation_support import error_texts_marked

pytestmark = pytest.mark.usefixtures("loop_outlives_the_dialog")


@pytest.fixture(scope="module")
def emulator():
    with serve_in_thread(EmulatorConfig(scale="tiny", seed=3)) as handle:
        yield handle


def _dialog(qtbot, tmp_path, settings=Settings(), keychain=None):
    dialog = SettingsDialog(settings, keychain or Keychain(), Bridge(), tmp_path)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog, url, company_id, key):
    dialog.company_edit.setText(company_id)
    dialog.endpoint_combo.setCurrentIndex(dialog.endpoint_combo.findData("custom"))
    dialog.url_edit.setText(url)
    dialog.secret_edit.setText(key)


def _run_test(qloop, dialog):
    outcome = []
    dialog.test_finished.connect(lambda ok, text: outcome.append((ok, text)))

    async def wait():
        dialog.test_button.click()
        for _ in range(500):
            if outcome:
                return outcome[0]
            await asyncio.sleep(0.02)
        raise AssertionError("the connection test did not finish")

    return qloop.run_until_complete(wait())


def test_connection_ok(qloop, qtbot, tmp_path, emulator):
    dialog = _dialog(qtbot, tmp_path)
    creds = emulator.credentials()
    _fill(dialog, emulator.url, creds["company_id"], creds["secret_key"])
    ok, text = _run_test(qloop, dialog)
    count = len(emulator.store.warehouses) if hasattr(emulator.store, "warehouses") else None
    assert ok and text.startswith("Connected:") and "warehouse" in text, text
    if count is not None:
        assert str(count) in text
    assert dialog.test_button.isEnabled()


def test_wrong_key_says_bad_credentials(qloop, qtbot, tmp_path, emulator):
    log_path = setup_logging(tmp_path / "logs")
    try:
        dialog = _dialog(qtbot, tmp_path)
        _fill(dialog, emulator.url, emulator.credentials()["company_id"], "wrong-key-7f3a9c")
        ok, text = _run_test(qloop, dialog)
    finally:
        setup_logging(None)
    assert not ok and "rejected the company id or the secret key" in text
    assert "wrong-key-7f3a9c" not in text
    assert "warehouse_list" in log_path.read_text(encoding="utf-8")  # the probe was logged, the key was not
    assert "wrong-key-7f3a9c" not in log_path.read_text(encoding="utf-8")


def test_closed_port_says_network(qloop, qtbot, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = _dialog(qtbot, tmp_path)
    _fill(dialog, f"http://127.0.0.1:{port}", "4711", "k")
    ok, text = _run_test(qloop, dialog)
    assert not ok and "Cannot reach the server" in text


def test_html_endpoint_says_web_page(qloop, qtbot, tmp_path, emulator):
    dialog = _dialog(qtbot, tmp_path)
    creds = emulator.credentials()
    _fill(dialog, emulator.url + "/x", creds["company_id"], creds["secret_key"])
    ok, text = _run_test(qloop, dialog)
    assert not ok and "web page, not the Metakocka API" in text


def test_invalid_address_is_refused_without_a_request(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    _fill(dialog, "main.metakocka.si", "4711", "k")
    dialog.test_button.click()
    assert "http://" in dialog.test_result.text() and not dialog.testing
    dialog.buttons.accepted.emit()
    assert dialog.error_label.isVisibleTo(dialog) and not settings_path(tmp_path).exists()


def _shown(qtbot, run_until, tmp_path, settings=Settings(), keychain=None):
    """A shown dialog once its keychain check has answered."""
    dialog = _dialog(qtbot, tmp_path, settings, keychain)
    dialog.show()
    run_until(lambda: not dialog.checking_keychain)
    return dialog


def test_save_writes_settings_and_keeps_the_key_in_the_keychain(qloop, qtbot, run_until, tmp_path, memory_keyring):
    dialog = _shown(qtbot, run_until, tmp_path)
    assert "keychain" in dialog.keychain_note.text() and not dialog.session_only
    assert dialog.secret_edit.placeholderText() == ""  # nothing stored yet
    _fill(dialog, "http://127.0.0.1:9/", "4711", "sk-keep-me-secret")
    dialog.interval_spins["stock"].setValue(7)
    dialog.auto_sync_check.setChecked(False)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("sl"))
    dialog.buttons.accepted.emit()
    run_until(lambda: dialog.result_settings is not None)
    saved = load_settings(tmp_path)
    assert saved == dialog.result_settings
    assert (saved.company_id, saved.base_url, saved.language) == ("4711", "http://127.0.0.1:9", "sl")
    assert saved.intervals["stock"] == 7 and not saved.auto_sync
    assert memory_keyring.items[("mkdesk", METAKOCKA_SECRET.username)] == "sk-keep-me-secret"
    assert "sk-keep-me-secret" not in settings_path(tmp_path).read_text(encoding="utf-8")
    again = _shown(qtbot, run_until, tmp_path, saved)
    assert again.secret_edit.text() == "" and again.secret_edit.placeholderText() == "Saved — leave empty to keep it"
    assert again.endpoint_combo.currentData() == "custom" and again.url_edit.text() == "http://127.0.0.1:9"


def test_without_a_keychain_the_key_stays_in_the_session(qloop, qtbot, run_until, tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        log_path = setup_logging(tmp_path)
        keychain = Keychain()
        dialog = _shown(qtbot, run_until, tmp_path, keychain=keychain)
        assert dialog.session_only
        note = dialog.keychain_note.text()
        assert "No keychain" in note and "only until mkdesk closes" in note
        _fill(dialog, "https://erp.example.si", "4711", "sk-session-only-key")
        dialog.buttons.accepted.emit()
        run_until(lambda: dialog.result_settings is not None)
        assert dialog.result() == dialog.DialogCode.Accepted and load_settings(tmp_path).company_id == "4711"
        assert keychain.get(METAKOCKA_SECRET).reveal() == "sk-session-only-key"
        assert Keychain().get(METAKOCKA_SECRET) is None  # nothing persistent
        for path in tmp_path.rglob("*"):
            if path.is_file():
                assert b"sk-session-only-key" not in path.read_bytes(), path
        assert log_path.exists()
    finally:
        setup_logging(None)
        keyring.set_keyring(previous)


def test_buttons_and_forms_use_the_palette(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    assert dialog.styleSheet() == "" and all(not w.styleSheet() for w in dialog.findChildren(type(dialog.test_button)))
    assert dialog.secret_edit.echoMode() == dialog.secret_edit.EchoMode.Password


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("http_503", "maintenance or a server error"),
        ("html_200", "maintenance or a server error"),  # the maintenance page answered with HTTP 200
        ("quota", "limiting requests right now (quota)"),
    ],
)
def test_server_faults_have_their_own_message(qloop, qtbot, tmp_path, kind, expected):
    config = EmulatorConfig(scale="tiny", seed=3, faults=1.0, fault_kinds=(kind,), fault_seed=1)
    with serve_in_thread(config) as handle:
        dialog = _dialog(qtbot, tmp_path)
        creds = handle.credentials()
        _fill(dialog, handle.url, creds["company_id"], creds["secret_key"])
        ok, text = _run_test(qloop, dialog)
    assert not ok and expected in text, text


@pytest.mark.keychain
def test_key_saved_by_the_dialog_lands_in_a_real_keychain(tmp_path):
    """The dialog against a real gnome-keyring Secret Service on a private D-Bus session (offscreen Qt)."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    import textwrap

    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install gnome-keyring and dbus (see README, .ci/run)")
    home = tempfile.mkdtemp(prefix="mkdesk-keyring-")
    script = textwrap.dedent(
        """
        import asyncio, keyring, os, qasync
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from mkdesk.core.secrets import Keychain
        from mkdesk.core.settings import Settings
        from mkdesk.qt.bridge import Bridge
        from mkdesk.qt.settings_dialog import SettingsDialog
        app = QApplication([])
        app.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        async def until(done):
            while not done():
                await asyncio.sleep(0.01)
        wait = lambda done: loop.run_until_complete(asyncio.wait_for(until(done), 30))
        dialog = SettingsDialog(Settings(), Keychain(), Bridge(), Path(os.environ["MKDESK_TEST_PROFILE"]))
        dialog.show()
        wait(lambda: dialog.keychain_state is not None)
        assert not dialog.session_only and "keychain" in dialog.keychain_note.text()
        dialog.company_edit.setText("4711")
        dialog.secret_edit.setText("real-dialog-key-42")
        dialog.buttons.accepted.emit()
        wait(lambda: dialog.result_settings is not None)
        assert keyring.get_password("mkdesk", "default/metakocka") == "real-dialog-key-42"
        again = SettingsDialog(Settings(), Keychain(), Bridge(), Path(os.environ["MKDESK_TEST_PROFILE"]))
        again.show()
        wait(lambda: again.keychain_state is not None)
        assert again.keychain_state.stored and again.secret_edit.placeholderText().startswith("Saved")
        loop.close()  # its worker threads end before Qt goes
        print("ok", type(keyring.get_keyring()).__module__)
        """
    )
    env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data", "QT_QPA_PLATFORM": "offscreen",
           "MKDESK_TEST_PROFILE": str(tmp_path)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    command = (
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"{sys.executable} -c '{script}'"
    )
    try:
        done = subprocess.run(["dbus-run-session", "--", "sh", "-c", command], env=env, capture_output=True,
                              text=True, timeout=60)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ok keyring.backends.SecretService" in done.stdout
    for path in tmp_path.rglob("*"):
        assert not path.is_file() or b"real-dialog-key-42" not in path.read_bytes()


# ----- the keychain never blocks the GUI thread ------------------------------------------------------------------
def _save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_the_keychain_is_read_while_the_gui_thread_keeps_ticking(qloop, qtbot, run_until, tmp_path):
    with installed(SlowKeyring(0.5)) as backend:
        Keychain().set(METAKOCKA_SECRET, Secret("sk-stored"))  # a key from an earlier session (0.5 s, unwatched)
        backend.threads.clear()
        ticks = GuiTicks()
        run_until(lambda: len(ticks.times) >= 3)
        started = time.monotonic()
        dialog = _dialog(qtbot, tmp_path, keychain=Keychain())
        dialog.show()
        shown = time.monotonic()
        assert shown - started < 0.1 and dialog.isVisible() and dialog.checking_keychain
        assert dialog.secret_edit.placeholderText() == "Checking the keychain…" and dialog.keychain_note.text() == ""
        run_until(lambda: not dialog.checking_keychain)
        finished = time.monotonic()
        ticks.stop()
    assert finished - started >= 0.5  # the keychain took its time…
    assert ticks.max_gap() < 0.1, ticks.max_gap()  # …and the GUI thread never waited for it
    assert ticks.between(shown, finished) >= 20
    assert dialog.secret_edit.placeholderText() == "Saved — leave empty to keep it"
    assert "stored in this computer's keychain" in dialog.keychain_note.text() and not dialog.session_only
    assert backend.threads and threading.get_ident() not in backend.threads


def test_test_connection_reads_the_stored_key_in_its_own_task(qloop, qtbot, run_until, tmp_path, emulator):
    creds = emulator.credentials()
    with installed(SlowKeyring(0.4)) as backend:
        Keychain().set(METAKOCKA_SECRET, Secret(creds["secret_key"]))
        dialog = _shown(qtbot, run_until, tmp_path)
        _fill(dialog, emulator.url, creds["company_id"], "")  # empty: use the saved key
        outcome = []
        dialog.test_finished.connect(lambda ok, text: outcome.append((ok, text)))
        calls, ticks = backend.calls, GuiTicks()
        clicked = time.monotonic()
        dialog.test_button.click()
        assert time.monotonic() - clicked < 0.1 and dialog.testing and not dialog.test_button.isEnabled()
        run_until(lambda: outcome, timeout=20)
        ticks.stop()
    assert outcome[0][0] and outcome[0][1].startswith("Connected:"), outcome
    assert backend.calls == calls + 1 and ticks.max_gap() < 0.1, ticks.max_gap()


def test_nothing_typed_and_nothing_stored_is_said_at_once(qloop, qtbot, run_until, tmp_path):
    dialog = _shown(qtbot, run_until, tmp_path)
    _fill(dialog, "https://erp.example.si", "4711", "")
    dialog.test_button.click()
    assert dialog.test_result.text() == "Enter the company id and the secret key first." and not dialog.testing
    dialog.buttons.accepted.emit()
    assert dialog.error_label.text() == "Enter the secret key." and not dialog.saving
    assert not settings_path(tmp_path).exists()


def test_save_stores_the_key_in_the_background_then_closes(qloop, qtbot, run_until, tmp_path):
    with installed(SlowKeyring(0.5)) as backend:
        dialog = _shown(qtbot, run_until, tmp_path)
        _fill(dialog, "https://erp.example.si", "4711", "sk-typed")
        saved = []
        dialog.saved.connect(saved.append)
        ticks = GuiTicks()
        _save_button(dialog).click()
        assert dialog.saving and not _save_button(dialog).isEnabled() and dialog.isVisible()
        assert not settings_path(tmp_path).exists() and dialog.buttons.button(
            QDialogButtonBox.StandardButton.Cancel).isEnabled()
        run_until(lambda: saved, timeout=5)
        ticks.stop()
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
    assert saved == [load_settings(tmp_path)] and saved[0].company_id == "4711"
    assert backend.items[("mkdesk", METAKOCKA_SECRET.username)] == "sk-typed" and dialog.secret_edit.text() == ""
    assert ticks.max_gap() < 0.1, ticks.max_gap()


def test_a_keychain_that_cannot_be_read_leaves_a_note_and_a_usable_dialog(qloop, qtbot, run_until, tmp_path):
    with installed(SlowKeyring(0.1, fail_get=DBusTimeout("no answer"))) as backend:
        dialog = _shown(qtbot, run_until, tmp_path)
        assert dialog.keychain_failed and dialog.keychain_state is None
        assert "keychain could not be read" in dialog.keychain_note.text()
        assert dialog.secret_edit.placeholderText() == "" and dialog.test_button.isEnabled()
        _fill(dialog, "https://erp.example.si", "4711", "")
        ok, text = _run_test(qloop, dialog)
        assert not ok and "keychain could not be read, so the saved secret key cannot be used" in text
        dialog.buttons.accepted.emit()
        run_until(lambda: not dialog.saving)
        assert "keychain could not be read" in dialog.error_label.text() and dialog.isVisible()
        assert not settings_path(tmp_path).exists()
        dialog.secret_edit.setText("sk-new")  # typing a key still works: the keychain takes writes
        dialog.buttons.accepted.emit()
        run_until(lambda: dialog.result_settings is not None)
    assert backend.items[("mkdesk", METAKOCKA_SECRET.username)] == "sk-new"
    assert load_settings(tmp_path).company_id == "4711"


@pytest.mark.parametrize("failure", [keyring.errors.KeyringLocked("locked"), DBusTimeout("no answer")],
                         ids=["locked", "dbus"])
def test_a_failed_store_keeps_the_dialog_the_key_and_the_old_settings(qloop, qtbot, run_until, tmp_path, failure):
    save_settings(tmp_path, Settings(company_id="1111"))
    with installed(SlowKeyring(0.2, fail_set=failure)) as backend:
        dialog = _shown(qtbot, run_until, tmp_path, load_settings(tmp_path))
        _fill(dialog, "https://erp.example.si", "4711", "sk-typed-here")
        _save_button(dialog).click()
        run_until(lambda: not dialog.saving)
    assert dialog.isVisible() and dialog.result() == 0 and dialog.result_settings is None
    assert _save_button(dialog).isEnabled() and dialog.error_label.isVisible()
    assert "did not store the secret key, so the settings were not saved" in dialog.error_label.text()
    assert "sk-typed-here" not in dialog.error_label.text()
    assert dialog.secret_edit.text() == "sk-typed-here"  # nothing lost: the typed key is still there
    assert load_settings(tmp_path).company_id == "1111" and backend.items == {}


def test_closing_while_the_keychain_answers_drops_the_results(qloop, qtbot, run_until, tmp_path):
    failures = []
    bridge = Bridge()
    bridge.failed.connect(failures.append)
    with installed(SlowKeyring(0.4)) as backend:
        reading = SettingsDialog(Settings(), Keychain(), bridge, tmp_path)
        reading.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        reading.show()
        run_until(lambda: backend.calls == 1)  # the read is under way on its worker thread
        assert reading.checking_keychain
        reading.reject()  # closed (and deleted) while the keychain is still being read
        saving = SettingsDialog(Settings(), Keychain(), bridge, tmp_path)
        qtbot.addWidget(saving)
        saving.show()
        run_until(lambda: saving.keychain_state is not None)
        _fill(saving, "https://erp.example.si", "4711", "sk-typed")
        _save_button(saving).click()
        run_until(lambda: backend.calls == 3)  # the key is being stored
        assert saving.saving
        saving.reject()  # closed while the key is being stored: the settings must not follow
        qloop.run_until_complete(asyncio.sleep(0.6))  # the worker threads answer for dialogs that are gone
    assert failures == [] and not bridge.busy and saving.result_settings is None
    assert backend.items[("mkdesk", METAKOCKA_SECRET.username)] == "sk-typed"  # the keychain call itself ran out
    assert not settings_path(tmp_path).exists()


def test_a_dialog_deleted_without_closing_drops_its_read(qloop, qtbot, run_until, tmp_path):
    import shiboken6
    from PySide6.QtWidgets import QWidget

    failures = []
    bridge = Bridge()
    bridge.failed.connect(failures.append)
    with installed(SlowKeyring(0.3)) as backend:
        parent = QWidget()
        dialog = SettingsDialog(Settings(), Keychain(), bridge, tmp_path, parent=parent)
        dialog.show()
        run_until(lambda: backend.calls == 1)
        shiboken6.delete(parent)  # the main window goes, and the dialog with it, while the keychain answers
        assert not shiboken6.isValid(dialog)
        qloop.run_until_complete(asyncio.sleep(0.5))
    assert failures == [] and not bridge.busy


def test_failures_without_words_of_the_dialog_are_said_in_the_ui_language(qtbot, tmp_path):

    from mkdesk.core.erp.errors import NotFound, classify

    dialog = _dialog(qtbot, tmp_path)
    ip = classify({"opr_code": "2", "opr_desc": "IP address '1.2.3.4' is not allowed for company_id = 4711"}, "x")
    assert dialog.describe_failure(ip) == (
        "Metakocka does not accept calls from this computer's IP address for this company.")
    with error_texts_marked():
        gone = NotFound("x", code="document_gone")
        assert dialog.describe_failure(gone) == f"SL[{gone.user_message}]"
    assert dialog.describe_failure(RuntimeError("x")) == "The connection test failed (RuntimeError)."
