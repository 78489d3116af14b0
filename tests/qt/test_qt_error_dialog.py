"""Tests for mkdesk.qt.error_dialog: slot, bridge, thread and loop errors reach one non-modal, redacted dialog."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from mkdesk.core.erp.errors import BadCredentials, UnknownProduct, classify
from mkdesk.core.log import redact_value, setup_logging
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.error_dialog import ErrorReporter, plain_message
from tests.qt.translation_support import error_texts_marked

SECRET = "sk-top-secret-4242"


@pytest.fixture
def reporter(tmp_path, qtbot):
    log_path = setup_logging(tmp_path)
    redact_value(SECRET)
    reporter = ErrorReporter(log_path)
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()
        reporter.dialog.deleteLater()
    setup_logging(None)


def _boom():
    raise RuntimeError(f"request failed, secret_key={SECRET} and {SECRET}")


def test_error_in_a_slot_shows_a_redacted_non_modal_dialog(reporter, qtbot, tmp_path):
    button = QPushButton("go")
    qtbot.addWidget(button)
    button.clicked.connect(_boom)
    button.click()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert not dialog.isModal()
    assert "RuntimeError" in dialog.message.text()
    text = dialog.message.text() + dialog.details.toPlainText()
    assert "request failed" in text and "unhandled error" in text  # the traceback and the log tail
    assert SECRET not in text
    assert SECRET not in (tmp_path / "mkdesk.log").read_text(encoding="utf-8")
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "request failed" in copied and SECRET not in copied


def test_second_error_appends_instead_of_stacking(reporter, qtbot):
    bridge = Bridge()
    reporter.watch_bridge(bridge)
    reporter.report(ValueError("first"))
    first = reporter.dialog
    bridge.failed.emit(BadCredentials("rejected"))
    assert reporter.dialog is first and first.count == 2
    assert "Check them in Settings" in first.message.text() and "2" in first.message.text()
    details = first.details.toPlainText()
    assert "ValueError: first" in details and "BadCredentials" in details
    first.close()
    reporter.report(KeyError("third"))
    assert reporter.dialog is first and first.count == 1
    assert first.details.toPlainText().startswith("Traceback") or first.details.toPlainText().startswith("KeyError")
    assert "third" in first.message.text() or "KeyError" in first.message.text()


def test_error_in_a_worker_thread_reaches_the_dialog(reporter, qtbot):
    thread = threading.Thread(target=_boom)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert SECRET not in reporter.dialog.details.toPlainText()


def test_loop_errors_reach_the_dialog(reporter, qloop, qtbot):
    reporter.watch_loop(qloop)
    qloop.call_soon(_boom)
    qloop.run_until_complete(__import__("asyncio").sleep(0.05))
    assert reporter.dialog is not None and reporter.dialog.count == 1



def test_the_message_is_worded_in_the_ui_language_and_redacted(qapp):
    with error_texts_marked():
        redact_value(SECRET)
        unknown = UnknownProduct("x", product_code="KAB-9")
        assert plain_message(unknown) == "SL[Product KAB-9 is not in the Metakocka catalogue. Check the product code.]"
        refused = classify({"opr_code": "6", "opr_desc": f"secret_key={SECRET} is wrong"}, "put_document")
        assert plain_message(refused).startswith("SL[Metakocka refused the change: ") and SECRET not in (
            plain_message(refused))
        assert "RuntimeError" in plain_message(RuntimeError("x"))  # the dialog's own generic sentence
        assert plain_message(RuntimeError("x")) == QCoreApplication.translate(
            "ErrorDialog", "Something went wrong ({kind}). mkdesk keeps running; the details below help support."
        ).format(kind="RuntimeError")
