"""Core layer: the rep's own notes on partners (`partner_notes`, local only, never synced) — reads on reader threads,
saves on the writer thread.

Notes are addressed by the partner's Metakocka id and stored against the cached partner's local id. Saving returns a
`ChangeSet` with the `notes` flag (0 rows when the text is unchanged); saving an empty note removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from mkdesk.core.cache.query import one
from mkdesk.core.cache.values import to_ts, ts
from mkdesk.core.changes import ChangeSet

ENTITY = "notes"
MAX_NOTE_CHARS = 100_000


class UnknownPartner(LookupError):
    """The partner is not (or no longer) in the cache, so a note cannot be kept for it."""


@dataclass(frozen=True, slots=True)
class PartnerNote:
    partner_mk_id: str
    note: str
    updated_at: datetime | None  # None: no note saved yet


def _partner_id(conn: Connection, mk_id: str) -> int | None:
    row = one(conn, "SELECT id FROM partners WHERE mk_id = ?", (mk_id,)) if mk_id else None
    return None if row is None else int(row["id"])


def load_note(conn: Connection, partner_mk_id: str) -> PartnerNote:
    """The note on a partner (reader thread); an empty note when none was written. Raises `UnknownPartner`."""
    pid = _partner_id(conn, partner_mk_id)
    if pid is None:
        raise UnknownPartner(f"partner {partner_mk_id!r} is not in the cache")
    row = one(conn, "SELECT note, updated_at FROM partner_notes WHERE partner_id = ?", (pid,))
    if row is None:
        return PartnerNote(partner_mk_id, "", None)
    return PartnerNote(partner_mk_id, row["note"], to_ts(row["updated_at"]))


def save_note(conn: Connection, partner_mk_id: str, note: str, now: datetime | None = None) -> ChangeSet:
    """Keep the note on a partner (writer thread). Unchanged text writes nothing; blank text removes the note.
    Raises `UnknownPartner` (the partner left the cache) or `ValueError` (too long) and then stores nothing."""
    if not isinstance(note, str):
        raise TypeError("a note is text")
    if len(note) > MAX_NOTE_CHARS:
        raise ValueError(f"a note holds at most {MAX_NOTE_CHARS} characters, this one has {len(note)}")
    pid = _partner_id(conn, partner_mk_id)
    if pid is None:
        raise UnknownPartner(f"partner {partner_mk_id!r} is not in the cache; the note was not saved")
    old = one(conn, "SELECT note FROM partner_notes WHERE partner_id = ?", (pid,))
    if not note.strip():
        if old is None:
            return ChangeSet()
        conn.exec_driver_sql("DELETE FROM partner_notes WHERE partner_id = ?", (pid,))
        return ChangeSet.of(ENTITY, deleted=1)
    if old is not None and old["note"] == note:
        return ChangeSet()
    conn.exec_driver_sql(
        "INSERT INTO partner_notes (partner_id, note, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (partner_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
        (pid, note, ts(now or datetime.now().astimezone())))
    return ChangeSet.of(ENTITY, updated=1) if old is not None else ChangeSet.of(ENTITY, inserted=1)
