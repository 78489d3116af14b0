"""Qt layer: `NotesEditor`, the rep's own notes on the partner shown in the partner pane (local only, never synced).

GUI thread only; it never awaits: notes are read on a reader thread and saved on the writer thread through the
bridge (`mkdesk.core.cache.repo_notes`). Typing is saved after a short pause and when the editor loses focus;
showing another partner first saves the previous partner's text, so nothing typed is lost. Until a save has
landed its text is kept here, so coming back to that partner shows what was typed, not an older copy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from mkdesk.core.cache import repo_notes
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.pdf_bar import MUTED_STYLE, WARN_STYLE, when_text

DEBOUNCE_MS = 700


class NotesEditor(QWidget):
    """A heading, a plain-text editor and a state line ("Saved 14:32", "Saving…", "Not saved: …")."""

    saved = Signal(str)  # the partner whose note was written
    state_changed = Signal(str)  # "idle" | "loading" | "shown" | "editing" | "saving" | "saved" | "error"

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self.partner: str | None = None
        self.state = "idle"
        self._generation = 0
        self._dirty = False
        self._quiet = False  # set while the editor's text is replaced by code (not typing)
        self._pending: dict[str, str] = {}  # partner → text whose save has not landed yet
        self._unsaved: dict[str, tuple[str, str]] = {}  # partner → (text, why) of a failed save, shown again later
        self.heading = QLabel(self.tr("My notes"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("partnerNotes")
        self.edit.setPlaceholderText(self.tr("Your own notes on this partner — kept on this computer, never sent "
                                             "to Metakocka."))
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 14)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        self.show_partner(None)

    # ----- which partner -----------------------------------------------------------------------------------------

    def show_partner(self, mk_id: str | None) -> None:
        """Edit this partner's note (None hides the editor). The previous partner's typing is saved first."""
        if mk_id == self.partner and mk_id is not None:
            return
        self.flush()
        self.partner = mk_id
        self._generation += 1
        self.setVisible(mk_id is not None)
        if mk_id is None:
            self._replace_text("")
            self._set("idle", "")
            return
        if mk_id in self._unsaved:  # its save failed while another partner was shown: offer the text again
            text, why = self._unsaved.pop(mk_id)
            self._replace_text(text)
            self.edit.setReadOnly(False)
            self._dirty = True
            self._set("error", self.tr("Not saved: {error}").format(error=why), warn=True)
            self._timer.start()  # and try again after the pause
            return
        if mk_id in self._pending:  # its save is still on the way: show what was typed
            self._replace_text(self._pending[mk_id])
            self.edit.setReadOnly(False)
            self._set("saving", self.tr("Saving…"))
            return
        self._replace_text("")
        self.edit.setReadOnly(True)  # until the note has arrived: typing now would be overwritten
        self._set("loading", "")
        generation = self._generation
        self._bridge.run(self._db.read(repo_notes.load_note, mk_id), lambda note: self._loaded(generation, note),
                         lambda exc: self._load_failed(generation, exc), name="note-load")

    def _loaded(self, generation: int, note: repo_notes.PartnerNote) -> None:
        if generation != self._generation:
            return
        self._replace_text(note.note)
        self.edit.setReadOnly(False)
        if note.updated_at is not None:
            self._set("shown", self.tr("Saved {when}").format(when=when_text(note.updated_at)))
        else:
            self._set("shown", "")

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set("error", self.tr("The note cannot be read: {error}").format(error=exc), warn=True)

    # ----- typing and saving -------------------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._quiet or self.partner is None:
            return
        self._dirty = True
        self._set("editing", self.tr("Not saved yet"))
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - the pane or the window goes away: keep the typing
        self.flush()
        super().hideEvent(event)

    def flush(self) -> None:
        """Save the typed text now (if there is unsaved typing)."""
        self._timer.stop()
        if not self._dirty or self.partner is None:
            return
        self._dirty = False
        mk_id, text = self.partner, self.edit.toPlainText()
        self._pending[mk_id] = text
        self._set("saving", self.tr("Saving…"))
        self._bridge.run(self._db.write(repo_notes.save_note, mk_id, text),
                         lambda _changes: self._saved(mk_id, text), lambda exc: self._save_failed(mk_id, text, exc),
                         name="note-save", finish_on_shutdown=True)

    def _saved(self, mk_id: str, text: str) -> None:
        if self._pending.get(mk_id) == text:
            del self._pending[mk_id]
        if mk_id == self.partner and not self._dirty and mk_id not in self._pending:
            self._set("saved", self.tr("Saved {when}").format(when=when_text(datetime.now().astimezone())))
        self.saved.emit(mk_id)

    def _save_failed(self, mk_id: str, text: str, exc: BaseException) -> None:
        if self._pending.get(mk_id) == text:
            del self._pending[mk_id]
        why = self.reason(exc)
        if mk_id == self.partner:
            self._dirty = True  # the text is still in the editor: the next pause or focus change tries again
            self._set("error", self.tr("Not saved: {error}").format(error=why), warn=True)
        else:  # the rep has moved on: keep the text for when the partner is shown again, and say so now
            self._unsaved[mk_id] = (text, why)
            self._bridge.failed.emit(exc)

    # ----- helpers -----------------------------------------------------------------------------------------------

    def reason(self, exc: BaseException) -> str:
        """Why a save failed, in the UI language where the cause is known."""
        if isinstance(exc, repo_notes.UnknownPartner):
            return self.tr("this partner is no longer in the cache (copy the text elsewhere)")
        if isinstance(exc, ValueError) and "at most" in str(exc):
            return self.tr("a note holds at most {n} characters").format(n=repo_notes.MAX_NOTE_CHARS)
        return str(exc)

    def _replace_text(self, text: str) -> None:
        self._quiet = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._quiet = False
        self._dirty = False

    def _set(self, state: str, text: str, warn: bool = False) -> None:
        self.state = state
        self.status.setStyleSheet(WARN_STYLE if warn else MUTED_STYLE)
        self.status.setText(text)
        self.state_changed.emit(state)
