"""Qt layer: importing mail from the Mail tab — which dropped URLs to import, the importer run off the GUI thread,
and the result in plain words (helpers for `MailTab`; the run itself goes through the bridge).

`import_mail(db, paths)` runs `mkdesk.core.mail.importer.import_paths` in a worker thread (each batch is one
transaction on the cache's writer thread); `import_summary(report)` says what happened, listing the first files that
could not be read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog, QWidget

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
