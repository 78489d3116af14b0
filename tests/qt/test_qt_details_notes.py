"""Tests for mkdesk.qt.details.notes: typing is saved after a pause and on focus-out, switching partners saves the
previous partner's text first and loads the new one, a save still on its way is what the rep sees on coming back,
notes survive reopening the cache, and a failed save keeps the text and says why."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from mkdesk.core.cache import Database, delete_ids, repo_notes
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.notes import DEBOUNCE_MS, NotesEditor


@pytest.fixture
def cache_path(synced_cache, tmp_path):
    path = tmp_path / "cache.sqlite3"
    shutil.copy(synced_cache, path)
    return path


@pytest.fixture
def db(qloop, cache_path):
    database = Database.open(cache_path)
    yield database
    database.close()


def _partners(path, n=2):
    with sqlite3.connect(path) as con:
        return [r[0] for r in con.execute("SELECT mk_id FROM partners ORDER BY id LIMIT ?", (n,))]


def _editor(qtbot, db, bridge=None):
    editor = NotesEditor(bridge or Bridge(), db)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _note(db, mk_id):
    return db.read_sync(repo_notes.load_note, mk_id).note


def test_pause_saves_and_switching_saves_the_previous_partner_first(qtbot, db, cache_path, run_until):
    a, b = _partners(cache_path)
    db.write_sync(repo_notes.save_note, b, "B pays late, call Mojca")
    editor = _editor(qtbot, db)
    editor.show_partner(a)
    assert editor.edit.isReadOnly()  # nothing can be typed over until the note has arrived
    run_until(lambda: editor.state == "shown")
    assert editor.edit.toPlainText() == "" and not editor.edit.isReadOnly()
    qtbot.keyClicks(editor.edit, "Rad naro")
    editor.edit.insertPlainText("ča")  # QTest types Latin-1 only; inserting is what an input method does
    qtbot.keyClicks(editor.edit, " pralne stroje")
    assert editor.state == "editing" and editor.status.text() == "Not saved yet"
    run_until(lambda: editor.state == "saved", timeout=DEBOUNCE_MS / 1000 + 5)
    assert editor.status.text().startswith("Saved ") and _note(db, a) == "Rad naroča pralne stroje"
    qtbot.keyClicks(editor.edit, " in su")
    editor.edit.insertPlainText("šilnike")
    editor.show_partner(b)  # before the pause ends
    assert editor.edit.toPlainText() == ""  # the new partner's note is on its way
    run_until(lambda: editor.state == "shown")
    assert editor.edit.toPlainText() == "B pays late, call Mojca"
    run_until(lambda: not editor._bridge.busy)
    assert _note(db, a) == "Rad naroča pralne stroje in sušilnike"
    editor.show_partner(a)
    run_until(lambda: editor.state == "shown")
    assert editor.edit.toPlainText() == "Rad naroča pralne stroje in sušilnike"


def test_focus_out_saves_at_once(qtbot, db, cache_path, run_until):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    a, = _partners(cache_path, 1)
    window = QWidget()
    qtbot.addWidget(window)
    editor = NotesEditor(Bridge(), db, window)
    other = QLineEdit(window)
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(other)
    window.show()
    window.activateWindow()
    editor.show_partner(a)
    run_until(lambda: editor.state == "shown")
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, "Focus")
    editor.eventFilter(editor.edit, _focus_out())  # what Qt sends when the rep clicks elsewhere
    assert editor.state == "saving" and not editor._timer.isActive()
    run_until(lambda: editor.state == "saved", timeout=DEBOUNCE_MS / 1000 / 2)
    assert _note(db, a) == "Focus"


def _focus_out():
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QFocusEvent

    return QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.MouseFocusReason)


def test_coming_back_before_the_save_lands_shows_the_typing(qtbot, db, cache_path, run_until):
    a, b = _partners(cache_path)
    editor = _editor(qtbot, db)
    editor.show_partner(a)
    run_until(lambda: editor.state == "shown")
    qtbot.keyClicks(editor.edit, "typed just now")
    editor.show_partner(b)
    editor.show_partner(a)  # the write has not run yet: the loop has not turned
    assert editor.edit.toPlainText() == "typed just now" and editor.state == "saving"
    run_until(lambda: editor.state == "saved")
    assert _note(db, a) == "typed just now"


def test_notes_survive_reopening_the_cache(qtbot, qloop, cache_path, run_until):
    a, b = _partners(cache_path)
    first = Database.open(cache_path)
    editor = _editor(qtbot, first)
    editor.show_partner(a)
    run_until(lambda: editor.state == "shown")
    qtbot.keyClicks(editor.edit, "kept on disk")
    editor.show_partner(b)
    run_until(lambda: not editor._bridge.busy)
    first.close()
    second = Database.open(cache_path)
    try:
        again = _editor(qtbot, second)
        again.show_partner(a)
        run_until(lambda: again.state == "shown")
        assert again.edit.toPlainText() == "kept on disk" and again.status.text().startswith("Saved ")
        run_until(lambda: not again._bridge.busy)
    finally:
        second.close()


def test_a_failed_save_keeps_the_text_and_says_why(qtbot, db, cache_path, run_until):
    a, b = _partners(cache_path)
    bridge = Bridge()
    reported = []
    bridge.failed.connect(reported.append)
    editor = _editor(qtbot, db, bridge)
    editor.show_partner(a)
    run_until(lambda: editor.state == "shown")
    db.write_sync(delete_ids, "partners", [a])  # a sync removed the partner meanwhile
    qtbot.keyClicks(editor.edit, "still mine")
    editor.flush()
    run_until(lambda: editor.state == "error")
    assert editor.status.text() == "Not saved: this partner is no longer in the cache (copy the text elsewhere)"
    assert editor.edit.toPlainText() == "still mine" and editor._dirty
    editor.show_partner(b)  # moving on tries once more; the failure is reported where the rep will see it
    run_until(lambda: reported)
    assert isinstance(reported[0], repo_notes.UnknownPartner)
    editor.show_partner(a)
    assert editor.edit.toPlainText() == "still mine" and editor.state == "error"
    run_until(lambda: not editor._bridge.busy)


def test_no_partner_hides_the_editor(qtbot, db):
    editor = _editor(qtbot, db)
    editor.show_partner(None)
    assert editor.isHidden() and editor.state == "idle"
