"""Qt layer: importing mail from the Mail tab — which dropped URLs to import, the importer run off the GUI thread,
and the result in plain words (GUI thread; the run itself goes through the bridge).

`MailImporter` asks for files or a Maildir folder (or takes dropped ones), runs `import_mail` and reports: a status
line, the ChangeSet of what was stored, a message box with the counts and the files that could not be read.
`import_mail(db, paths)` runs `mkdesk.core.mail.importer.import_paths` in a worker thread (each batch is one
transaction on the cache's writer thread); `import_summary(report)` says what happened, listing the first files that
could not be read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mkdesk.qt.plurals import counted

MAX_LISTED = 10  # files named in the result message


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("mail_import", text, disambiguation, n)


def droppable_paths(urls: Sequence[Any]) -> list[str]:
    """Local files and folders among dropped URLs (mail files, Maildir or any folder to search); remote URLs are
    ignored, and the importer reports the local files it could not read."""
    found = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.is_file():
                found.append(str(path))
    return found


async def import_mail(db: Any, paths: list[str]) -> Any:
    """Run the importer off the GUI thread; its `ImportReport`."""
    from mkdesk.core.mail.importer import import_paths

    return await asyncio.to_thread(import_paths, db, paths)


def import_summary(report: Any) -> tuple[str, str]:
    """(one status line, the full message) for an `ImportReport`."""
    locale = QLocale()
    first = counted(_tr("Imported %Ln message(s), {d} already there.", "", report.imported), report.imported).format(
        d=locale.toString(report.duplicates))
    text = first
    if report.errors:
        lines = "\n".join(f"• {Path(path).name}: {error}" for path, error in report.errors[:MAX_LISTED])
        text += "\n\n" + _tr("Could not import:") + "\n" + lines
        more = len(report.errors) - MAX_LISTED
        if more > 0:
            text += "\n" + _tr("… and {n} more").format(n=more)
    return first, text


def ask_mail_files(parent: QWidget) -> list[str]:
    """The file dialog of "Import mail…": .eml and .mbox files (any file may be tried)."""
    return QFileDialog.getOpenFileNames(parent, _tr("Import mail"), "",
                                        _tr("Mail files (*.eml *.mbox *.mbx);;All files (*)"))[0]


def ask_maildir(parent: QWidget) -> str:
    """The folder dialog of "Import a Maildir folder…"."""
    return QFileDialog.getExistingDirectory(parent, _tr("Import a Maildir folder"))


class MailImporter(QObject):
    """Imports mail for a widget (the Mail tab): asks what to import, runs the importer through the bridge, reports."""

    busy_changed = Signal(bool)
    status = Signal(str)
    imported = Signal(object)  # the ChangeSet of an import that stored something

    def __init__(self, bridge: Any, db: Any, widget: QWidget) -> None:
        super().__init__(widget)
        self._bridge = bridge
        self._db = db
        self._widget = widget
        self.busy = False
        self.pick_files: Callable[[QWidget], list[str]] = ask_mail_files  # injectable (tests)
        self.pick_folder: Callable[[QWidget], str] = ask_maildir
        self.report: Callable[[QWidget, str, str], Any] = lambda parent, title, text: QMessageBox.information(
            parent, title, text)

    def import_files(self) -> None:
        paths = self.pick_files(self._widget)
        if paths:
            self.import_paths(list(paths))

    def import_folder(self) -> None:
        folder = self.pick_folder(self._widget)
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        """Import mail files or Maildir folders in the background, then say what happened."""
        self.status.emit(_tr("Importing mail…"))
        self._set_busy(True)
        self._bridge.run(import_mail(self._db, paths), self._imported, self._failed, name="mail-import")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _imported(self, report: Any) -> None:
        self._set_busy(False)
        line, text = import_summary(report)
        self.status.emit(line)
        if report.changes:
            self.imported.emit(report.changes)
        self.report(self._widget, _tr("Mail import"), text)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = _tr("The mail could not be imported: {error}").format(error=exc)
        self.status.emit(text)
        self.report(self._widget, _tr("Mail import"), text)
