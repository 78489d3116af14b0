"""Qt layer: the one excepthook — logs every unhandled error (redacted) and shows it in one non-modal dialog.

`ErrorReporter.install()` takes over `sys.excepthook` (exceptions raised in Qt slots arrive there),
`threading.excepthook` (worker threads; forwarded to the GUI thread by a queued signal) and, with
`watch_loop(loop)`, the asyncio loop's exception handler; `watch_bridge(bridge)` catches the bridge's `failed`
signal. The dialog is built and touched on the GUI thread only. A second error while the dialog is open is
appended to it instead of opening another one. The message is worded in the UI language (`error_texts`). Every text
shown passes `core.log.redact`.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mkdesk.core.log import redact, tail
from mkdesk.qt.error_texts import known_text

log = logging.getLogger(__name__)


def plain_message(exc: BaseException) -> str:
    """What the user reads: the typed error's sentence in the UI language, else a generic sentence naming the error
    kind."""
    message = known_text(exc)
    if message:
        return redact(message)
    return QCoreApplication.translate(
        "ErrorDialog", "Something went wrong ({kind}). mkdesk keeps running; the details below help support."
    ).format(kind=type(exc).__name__)


def describe(exc: BaseException) -> str:
    """The redacted traceback of an exception."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return redact(text)


class ErrorDialog(QDialog):
    """Non-modal: a plain message, the errors and the redacted log tail in a details area, "Copy details"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.setWindowTitle(self.tr("mkdesk — a problem occurred"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.resize(640, 420)
        self.count = 0
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log_tail = ""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Details (secrets are removed):")))
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self._errors: list[str] = []

    def add_error(self, message: str, details: str, log_tail: str = "") -> None:
        """Show one more error: the newest message on top, its details appended."""
        self.count += 1
        self._errors.append(redact(details))
        self.log_tail = redact(log_tail)
        if self.count == 1:
            self.message.setText(redact(message))
        else:
            self.message.setText(
                self.tr("{count} problems occurred. The latest: {message}").format(
                    count=self.count, message=redact(message)
                )
            )
        self.details.setPlainText(self.full_text())

    def full_text(self) -> str:
        parts = list(self._errors)
        if self.log_tail:
            parts.append(self.tr("--- recent log ---") + "\n" + self.log_tail)
        return "\n\n".join(parts)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.message.text() + "\n\n" + self.full_text())

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.count = 0
        self._errors.clear()
        super().closeEvent(event)


class ErrorReporter(QObject):
    """Owns the one error dialog of the app; never lets an error pass silently. GUI thread, except `_thread_hook`."""

    _from_thread = Signal(object)

    def __init__(self, log_path: Path | None = None, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self._log_path = log_path
        self._parent_widget = parent_widget
        self.dialog: ErrorDialog | None = None
        self._previous_hook: Any = None
        self._previous_thread_hook: Any = None
        self._from_thread.connect(self.report, Qt.ConnectionType.QueuedConnection)

    def set_parent_widget(self, widget: QWidget | None) -> None:
        self._parent_widget = widget

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous_hook is not None and sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None and threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook

    def watch_bridge(self, bridge: Any) -> None:
        bridge.failed.connect(self.report)

    def watch_loop(self, loop: Any) -> None:
        """Route errors the asyncio loop would only print (callbacks, forgotten tasks) to the dialog."""

        def handler(_loop: Any, context: dict[str, Any]) -> None:
            exc = context.get("exception")
            if isinstance(exc, BaseException):
                self.report(exc)
            else:
                log.error("event loop: %s", redact(str(context.get("message", context))))

        loop.set_exception_handler(handler)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.report(exc)

    def _thread_hook(self, args: Any) -> None:
        if args.exc_value is not None:
            self._from_thread.emit(args.exc_value)

    def report(self, exc: BaseException) -> None:
        """Log the error (redacted by the log filter) and show it; appends when the dialog is already open."""
        try:
            log.error("unhandled error: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
            log_tail = tail(self._log_path) if self._log_path is not None else ""
            if self.dialog is None:
                self.dialog = ErrorDialog(self._parent_widget)
            self.dialog.add_error(plain_message(exc), describe(exc), log_tail)
            self.dialog.show()
            if QGuiApplication.platformName() != "offscreen":  # offscreen warns that it cannot raise windows
                self.dialog.raise_()
        except Exception:  # noqa: BLE001 - the last line of defence must not raise itself
            sys.__stderr__.write(redact(traceback.format_exc()))


def install_error_reporter(
    log_path: Path | None, window: QWidget | None, bridge: Any = None, loop: Any = None
) -> ErrorReporter:
    """The app's one error road: excepthooks installed, the bridge's failures and the loop's errors watched."""
    reporter = ErrorReporter(log_path, window)
    reporter.install()
    if bridge is not None:
        reporter.watch_bridge(bridge)
    if loop is not None:
        reporter.watch_loop(loop)
    return reporter
