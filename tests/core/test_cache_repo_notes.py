"""Tests for mkdesk.core.cache.repo_notes: a note is kept per partner and survives reopening the file, unchanged
text writes nothing, blank text removes it, and an unknown partner or an oversized note is refused without a write."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_notes as N
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.changes import ChangeSet
from tests.core.cache_data import FETCHED, partner


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "cache.sqlite"
    with Database.open(file) as db:
        db.write_sync(U.upsert_partners, [partner(1), partner(2)], FETCHED)
    return file


def test_notes_per_partner_survive_reopening(path: Path):
    a, b = partner(1).mk_id, partner(2).mk_id
    text = "Pokliči po 10h — šef je Žan.\nPrefers invoices by email."
    with Database.open(path) as db:
        assert db.read_sync(N.load_note, a) == N.PartnerNote(a, "", None)
        changes = db.write_sync(N.save_note, a, text, FETCHED)
        assert changes == ChangeSet.of("notes", inserted=1) and changes.touches("notes")
        assert not changes.touches("partners")
        db.write_sync(N.save_note, b, "B's note", FETCHED)
    with Database.open(path) as db:
        note = db.read_sync(N.load_note, a)
        assert note.note == text and note.updated_at == FETCHED
        assert db.read_sync(N.load_note, b).note == "B's note"


def test_unchanged_text_writes_nothing_and_blank_removes(path: Path):
    mk_id = partner(1).mk_id
    with Database.open(path) as db:
        db.write_sync(N.save_note, mk_id, "first", FETCHED)
        assert not db.write_sync(N.save_note, mk_id, "first", FETCHED + timedelta(hours=1))
        assert db.read_sync(N.load_note, mk_id).updated_at == FETCHED
        later = FETCHED + timedelta(hours=2)
        assert db.write_sync(N.save_note, mk_id, "second", later) == ChangeSet.of("notes", updated=1)
        assert db.read_sync(N.load_note, mk_id) == N.PartnerNote(mk_id, "second", later)
        assert db.write_sync(N.save_note, mk_id, "  \n ", later) == ChangeSet.of("notes", deleted=1)
        assert db.read_sync(N.load_note, mk_id).note == ""
        assert not db.write_sync(N.save_note, mk_id, "", later)


def test_refusals_store_nothing(path: Path):
    mk_id = partner(1).mk_id
    with Database.open(path) as db:
        db.write_sync(N.save_note, mk_id, "kept", FETCHED)
        with pytest.raises(N.UnknownPartner, match="not in the cache"):
            db.write_sync(N.save_note, "no-such-partner", "lost?", FETCHED)
        with pytest.raises(N.UnknownPartner):
            db.read_sync(N.load_note, "no-such-partner")
        with pytest.raises(ValueError, match="at most"):
            db.write_sync(N.save_note, mk_id, "x" * (N.MAX_NOTE_CHARS + 1), FETCHED)
        assert db.read_sync(N.load_note, mk_id).note == "kept"


def test_a_deleted_partners_note_is_set_aside_not_inherited(path: Path):
    """A new partner may get the local id of a deleted one: it starts without a note, and the deleted partner's note
    stays in the file under a negative id (migration 0005)."""
    import sqlite3

    gone = partner(2)
    with Database.open(path) as db:
        db.write_sync(N.save_note, gone.mk_id, "the rep's words")
        db.write_sync(U.delete_ids, "partners", [gone.mk_id])
        db.write_sync(U.upsert_partners, [partner(3)], FETCHED)
        assert db.read_sync(N.load_note, partner(3).mk_id).note == ""
        db.write_sync(N.save_note, partner(1).mk_id, "one")
        db.write_sync(U.delete_ids, "partners", [partner(1).mk_id])
    with sqlite3.connect(path) as con:
        kept = con.execute("SELECT partner_id, note FROM partner_notes ORDER BY note").fetchall()
    assert [n for _, n in kept] == ["one", "the rep's words"] and all(pid < 0 for pid, _ in kept)
    assert len({pid for pid, _ in kept}) == 2
