"""Qt layer: `PdfBar`, the "Open PDF" row of the document pane — cached state, download progress, refresh offer.

GUI thread only; it never awaits: the PDF is fetched (or read from the cache) and written to the data dir's `pdf/`
folder by `mkdesk.core.pdfs.PdfService` through the bridge, then handed to the opener (by default
`QDesktopServices.openUrl`; tests pass their own to capture the path instead of launching a viewer).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from mkdesk.core import pdfs
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.error_texts import error_text

Opener = Callable[[Path], bool]
WARN_STYLE = "color: #b3261e;"
MUTED_STYLE = "color: palette(placeholder-text);"


def open_with_desktop(path: Path) -> bool:
    """Hand a file to the desktop's default viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def when_text(moment: datetime, today: date | None = None) -> str:
    """"14:32" today, else the locale's short date and time."""
    local = moment.astimezone()
    loc = QLocale()
    clock = loc.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == (today or date.today()):
        return clock
    from mkdesk.qt.formatting import date_text

    return f"{date_text(local.date())} {clock}"


class PdfBar(QWidget):
    """[Open PDF] [Refresh PDF] and a state line ("Cached 14:32", "Downloading…", or why it cannot be shown)."""

    opened = Signal(object)  # the Path handed to the viewer
    state_changed = Signal(str)  # "idle" | "cached" | "outdated" | "missing" | "busy" | "error"

    def __init__(self, bridge: Bridge, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._service: Any = None
        self.opener: Opener = opener or open_with_desktop
        self.key: tuple[str, str] | None = None
        self.state = "idle"
        self._generation = 0
        self._busy_key: Hashable | None = None
        self.button = QPushButton(self.tr("Open PDF"))
        self.button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.button.setToolTip(self.tr("Open the document as Metakocka prints it (kept on this computer for "
                                       "offline use)"))
        self.button.clicked.connect(lambda: self.open_pdf())
        self.refresh_button = QPushButton(self.tr("Refresh PDF"))
        self.refresh_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.setToolTip(self.tr("Download the PDF again from Metakocka"))
        self.refresh_button.clicked.connect(lambda: self.open_pdf(refresh=True))
        self.refresh_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.button)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.status, 1)
        self.set_document(None)

    # ----- wiring ------------------------------------------------------------------------------------------------

    def set_service(self, service: Any) -> None:
        """The `PdfService` of this window (None: no PDFs here, the bar hides)."""
        self._service = service
        self.set_document(self.key)

    def set_document(self, key: tuple[str, str] | None) -> None:
        """Show the PDF state of this document (read from the cache through the bridge)."""
        self.key = key
        self._generation += 1
        self.setVisible(key is not None and self._service is not None)
        if key is None or self._service is None:
            self._set("idle", "")
            return
        if self._busy_key == key:
            return  # its download is running; the bar keeps saying so
        self.button.setEnabled(self._busy_key is None)
        generation = self._generation
        self._bridge.run(self._service.cached(*key), lambda found: self._show_cached(generation, found),
                         lambda exc: self._show_error(generation, exc), name="pdf-state")

    # ----- opening -----------------------------------------------------------------------------------------------

    def open_pdf(self, refresh: bool = False) -> None:
        """Fetch (or read from the cache) and open the current document's PDF, without blocking the GUI."""
        if self.key is None or self._service is None or self._busy_key is not None:
            return
        key = self.key
        self._busy_key = key
        self.button.setEnabled(False)
        self.refresh_button.setEnabled(False)
        downloading = refresh or self.state in ("missing", "error")  # no cached copy known: it comes from Metakocka
        self._set("busy", self.tr("Downloading the PDF from Metakocka…") if downloading
                  else self.tr("Opening the PDF…"))
        generation = self._generation
        self._bridge.run(self._service.open_file(*key, refresh=refresh),
                         lambda result: self._opened(generation, result),
                         lambda exc: self._open_failed(generation, exc), name="pdf-open")

    def _opened(self, generation: int, result: tuple[Any, Path]) -> None:
        copy, path = result
        self._busy_key = None
        self.button.setEnabled(True)
        self.refresh_button.setEnabled(True)
        shown = self.opener(path)
        self.opened.emit(path)
        if generation != self._generation:
            return  # another document is shown now; its own state stays
        if not shown:
            self._set("error", self.tr("No PDF viewer could open {path}.").format(path=str(path)), warn=True)
            return
        self._show_copy(copy.fetched_at, copy.outdated)

    def _open_failed(self, generation: int, exc: BaseException) -> None:
        self._busy_key = None
        self.button.setEnabled(True)
        self.refresh_button.setEnabled(True)
        self._show_error(generation, exc)  # a failed refresh keeps the cached copy (and the offer to refresh)

    # ----- state line --------------------------------------------------------------------------------------------

    def _show_cached(self, generation: int, found: Any) -> None:
        if generation != self._generation:
            return
        if found is None or found.cached is None:
            self.refresh_button.hide()
            if self._service.connected:
                self._set("missing", self.tr("Not downloaded yet"))
            else:
                self._set("missing", self.tr("Connect to Metakocka to download the PDF."))
            return
        self._show_copy(found.cached.fetched_at, found.outdated)

    def _show_copy(self, fetched_at: datetime, outdated: bool) -> None:
        when = when_text(fetched_at)
        if outdated:
            self.refresh_button.setVisible(self._service.connected)
            self._set("outdated", self.tr("Cached {when} · the document changed since").format(when=when), warn=True)
        else:
            self.refresh_button.hide()
            self._set("cached", self.tr("Cached {when}").format(when=when))

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set("error", self.message_for(exc), warn=True)

    def message_for(self, exc: BaseException) -> str:
        """The plain-words reason in the UI language: the PDF service's own errors here, the rest by `error_text`
        (a Metakocka error the service passes on is recognised by its sentence)."""
        if isinstance(exc, pdfs.NotConnected):
            return self.tr("Connect to Metakocka to download the PDF.")
        if isinstance(exc, pdfs.PdfUnavailable):
            return self.tr("The PDF of this document has not been downloaded yet and Metakocka cannot be reached. "
                           "Open it again when you are online.")
        if isinstance(exc, pdfs.NotAPdf):
            return self.tr("Metakocka sent something that is not a PDF, so it was not kept. Try again later.")
        if isinstance(exc, pdfs.DocumentMissing):
            return self.tr("This document is no longer in the local cache, so its PDF cannot be shown.")
        return error_text(exc)

    def _set(self, state: str, text: str, warn: bool = False) -> None:
        self.state = state
        self.status.setStyleSheet(WARN_STYLE if warn else MUTED_STYLE)
        self.status.setText(text)
        self.status.setToolTip(text)
        self.state_changed.emit(state)
