"""Tests for mkdesk.qt.settings_dialog: the profile form, the keychain-only key and Test connection on the emulator."""

from __future__ import annotations

import asyncio
import socket

import keyring
import keyring.backends.fail
import pytest

from mkdesk.core.log import setup_logging
from mkdesk.core.secrets import Keychain
from mkdesk.core.settings import Settings, load_settings, settings_path
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import serve_in_thread
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.settings_dialog import METAKOCKA_SECRET, SettingsDialog


@pytest.fixture(scope="module")
def emulator():
    with serve_in_thread(EmulatorConfig(scale="tiny", seed=3)) as handle:
        yield handle


@pytest.fixture(autouse=True)
def loop_outlives_the_dialog(qapp):
    """A shown dialog is the only window here: closing it must not quit the qasync loop (the app has its window)."""
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(True)


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
