"""Core layer: mail rows in the cache — accounts, folders, messages; every function runs on the writer thread.

Call them through `db.write(fn, …)` (they take the SQLAlchemy `Connection` and never commit). `add_messages` parses
each new message once, sanitizes its HTML, and inserts the batch in the caller's transaction; a message already in the
folder (same UID for IMAP, same raw SHA-256 otherwise) is counted as a duplicate and not parsed again; an IMAP
message whose bytes are stored under another UID takes the new UID (the server moved it). The FTS index
follows the `messages` table by triggers. Every write returns a `ChangeSet` with the entity `"mail"`.

Read marks: `set_seen` is the user's mark — on an IMAP message it also waits in `seen_pending` until a push to the
server clears it (`clear_pending`, only if no newer mark replaced it); `apply_server_seen` takes the server's flags
except where a mark still waits (local wins until pushed). `remove_missing` drops a folder's IMAP messages that the
server no longer has (raw bytes, search rows and links go with them by cascade and trigger).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from mkdesk.core.cache.db import raw_connection
from mkdesk.core.cache.query import chunks, marks
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail.parse import ParsedMessage, parse_message
from mkdesk.core.mail.sanitize import sanitize_html

ENTITY = "mail"
LINKS_ENTITY = "mail_links"
ACCOUNT_KINDS = ("imap", "import", "demo")
SECURITIES = ("tls", "starttls", "plain")
ACCOUNT_FIELDS = ("host", "port", "security", "username", "own_address")
IN_PAGE = 5000  # local UIDs compared with the server's list per page (`remove_missing`)

COLUMNS = ("folder_id", "uid", "raw_sha256", "message_id", "in_reply_to", "from_addr", "from_name", "to_json",
           "cc_json", "reply_to", "subject", "sent_at", "snippet", "body_text", "body_html", "has_remote",
           "allow_remote", "seen", "attachments_json", "size", "parse_error", "source", "added_at")
_INSERT = f"INSERT INTO messages ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to store: its raw bytes, its IMAP UID (None for imported mail), the seen flag, where it came from."""

    raw: bytes
    uid: int | None = None
    seen: bool = False
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StoreResult:
    """Ids of the rows added (in input order), how many inputs were already stored, and the ChangeSet."""

    added_ids: tuple[int, ...]
    duplicates: int
    changes: ChangeSet


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_account(conn: Connection, name: str, kind: str, **fields: object) -> int:
    """The id of the account `name`, created if missing; given fields (host, port, …) are updated. Raises ValueError
    on an unknown kind, security or field."""
    if kind not in ACCOUNT_KINDS:
        raise ValueError(f"unknown mail account kind {kind!r} (expected one of {', '.join(ACCOUNT_KINDS)})")
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"unknown mail account field(s): {', '.join(sorted(unknown))}")
    if fields.get("security") is not None and fields["security"] not in SECURITIES:
        raise ValueError(f"unknown security {fields['security']!r} (expected one of {', '.join(SECURITIES)})")
    raw = raw_connection(conn)
    row = raw.execute("SELECT id, kind FROM mail_accounts WHERE name = ?", (name,)).fetchone()
    if row is None:
        cols = ["name", "kind", "created_at", *fields]
        values = [name, kind, now_iso(), *fields.values()]
        cur = raw.execute(f"INSERT INTO mail_accounts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          values)
        return int(cur.lastrowid)
    if row[1] != kind:
        raise ValueError(f"the mail account {name!r} already exists as a {row[1]!r} account, not {kind!r}")
    if fields:
        sets = ", ".join(f"{k} = ?" for k in fields)
        raw.execute(f"UPDATE mail_accounts SET {sets} WHERE id = ?", (*fields.values(), row[0]))
    return int(row[0])


def ensure_folder(conn: Connection, account_id: int, name: str) -> int:
    """The id of folder `name` in the account, created if missing."""
    raw = raw_connection(conn)
    row = raw.execute("SELECT id FROM mail_folders WHERE account_id = ? AND name = ?", (account_id, name)).fetchone()
    if row is not None:
        return int(row[0])
    if raw.execute("SELECT 1 FROM mail_accounts WHERE id = ?", (account_id,)).fetchone() is None:
        raise LookupError(f"no mail account with id {account_id}")
    if not name.strip():
        raise ValueError("a mail folder needs a name")
    return int(raw.execute("INSERT INTO mail_folders (account_id, name) VALUES (?, ?)", (account_id, name)).lastrowid)


def _existing(raw, folder_id: int, column: str, keys: Sequence[object]) -> set:
    found: set = set()
    for chunk in chunks(keys):
        sql = f"SELECT {column} FROM messages WHERE folder_id = ? AND {column} IN ({marks(chunk)})"
        found.update(r[0] for r in raw.execute(sql, (folder_id, *chunk)))
    return found


def _addr_json(pairs: tuple[tuple[str, str], ...]) -> str:
    return json.dumps([{"name": name, "addr": addr} for name, addr in pairs], ensure_ascii=False)


def message_row(folder_id: int, item: NewMessage, parsed: ParsedMessage, allow_remote: bool = False,
                added_at: str | None = None) -> tuple:
    """The `messages` row (in `COLUMNS` order) for a parsed message."""
    html, has_remote = None, False
    if parsed.body_html is not None:
        safe = sanitize_html(parsed.body_html, allow_remote=allow_remote)
        html, has_remote = safe.html, safe.has_remote
    attachments = [{"index": a.index, "filename": a.filename, "content_type": a.content_type, "size": a.size,
                    "content_id": a.content_id} for a in parsed.attachments]
    return (folder_id, item.uid, parsed.raw_sha256, parsed.message_id, parsed.in_reply_to, parsed.from_addr,
            parsed.from_name, _addr_json(parsed.to), _addr_json(parsed.cc), parsed.reply_to, parsed.subject,
            parsed.sent_at.isoformat() if parsed.sent_at else None, parsed.snippet, parsed.body_text, html,
            has_remote, allow_remote, bool(item.seen), json.dumps(attachments, ensure_ascii=False), parsed.size,
            parsed.parse_error, item.source, added_at or now_iso())


def add_messages(conn: Connection, folder_id: int, items: Iterable[NewMessage]) -> StoreResult:
    """Store new messages of a folder in the current transaction; duplicates are counted, not stored."""
    batch = list(items)
    for item in batch:  # checked before anything is written
        if not isinstance(item.raw, (bytes, bytearray)):
            raise TypeError(f"a message's raw source must be bytes, not {type(item.raw).__name__}")
        if item.uid is not None and (not isinstance(item.uid, int) or item.uid <= 0):
            raise ValueError(f"an IMAP UID is a positive whole number, not {item.uid!r}")
    if raw_connection(conn).execute("SELECT 1 FROM mail_folders WHERE id = ?", (folder_id,)).fetchone() is None:
        raise LookupError(f"no mail folder with id {folder_id}")
    raw = raw_connection(conn)
    shas = [hashlib.sha256(item.raw).hexdigest() for item in batch]
    uids = [item.uid for item in batch if item.uid is not None]
    seen_uids = _existing(raw, folder_id, "uid", uids) if uids else set()
    seen_shas = _existing(raw, folder_id, "raw_sha256", list(set(shas)))
    added: list[int] = []
    duplicates = moved = 0
    stamp = now_iso()
    for item, sha in zip(batch, shas, strict=True):
        if item.uid is not None and item.uid in seen_uids:
            duplicates += 1
            continue
        if sha in seen_shas:
            duplicates += 1
            if item.uid is not None:  # the same message under a new UID (moved away and back): follow the server
                moved += raw.execute("UPDATE messages SET uid = ? WHERE folder_id = ? AND raw_sha256 = ? "
                                     "AND uid IS NOT NULL AND uid != ?", (item.uid, folder_id, sha, item.uid)).rowcount
                seen_uids.add(item.uid)
            continue
        parsed = parse_message(item.raw)
        cur = raw.execute(_INSERT, message_row(folder_id, item, parsed, added_at=stamp))
        message_id = int(cur.lastrowid)
        raw.execute("INSERT INTO message_raw (message_id, raw) VALUES (?, ?)", (message_id, bytes(item.raw)))
        added.append(message_id)
        seen_shas.add(sha)
        if item.uid is not None:
            seen_uids.add(item.uid)
    return StoreResult(tuple(added), duplicates, ChangeSet.of(ENTITY, inserted=len(added), updated=moved))


_IMAP_ROW = ("uid IS NOT NULL AND folder_id IN (SELECT f.id FROM mail_folders f JOIN mail_accounts a "
             "ON a.id = f.account_id WHERE a.kind = 'imap')")


def set_seen(conn: Connection, message_ids: Iterable[int], seen: bool) -> ChangeSet:
    """The user marks messages read or unread; only rows whose flag changes count. An IMAP message's mark also
    waits in `seen_pending` for its server (even when the flag did not change here: the user's word goes out)."""
    ids = list(message_ids)
    raw = raw_connection(conn)
    changed = 0
    for chunk in chunks(ids):
        raw.execute(f"UPDATE messages SET seen_pending = ? WHERE id IN ({marks(chunk)}) AND {_IMAP_ROW}",
                    (int(bool(seen)), *chunk))
        cur = raw.execute(f"UPDATE messages SET seen = ? WHERE seen != ? AND id IN ({marks(chunk)})",
                          (bool(seen), bool(seen), *chunk))
        changed += cur.rowcount
    return ChangeSet.of(ENTITY, updated=changed)


def apply_server_seen(conn: Connection, to_seen: Sequence[int], to_unseen: Sequence[int]) -> ChangeSet:
    """Flags as the server has them; a message whose own mark still waits for the server keeps it."""
    raw = raw_connection(conn)
    changed = 0
    for seen, ids in ((True, list(to_seen)), (False, list(to_unseen))):
        for chunk in chunks(ids):
            changed += raw.execute(f"UPDATE messages SET seen = ? WHERE seen != ? AND seen_pending IS NULL "
                                   f"AND id IN ({marks(chunk)})", (seen, seen, *chunk)).rowcount
    return ChangeSet.of(ENTITY, updated=changed)


@dataclass(frozen=True, slots=True)
class PendingMark:
    """A read mark waiting for the server: message id, its UID in the folder, read (True) or unread."""

    message_id: int
    uid: int
    seen: bool


def pending_marks(conn: Connection, account_id: int) -> dict[str, list[PendingMark]]:
    """Folder name → the marks of that account's IMAP messages not yet on the server (reader or writer thread)."""
    rows = raw_connection(conn).execute(
        "SELECT f.name, m.id, m.uid, m.seen_pending FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
        "WHERE f.account_id = ? AND m.seen_pending IS NOT NULL AND m.uid IS NOT NULL ORDER BY f.id, m.uid",
        (account_id,))
    out: dict[str, list[PendingMark]] = {}
    for name, mid, uid, seen in rows:
        out.setdefault(name, []).append(PendingMark(int(mid), int(uid), bool(seen)))
    return out


def clear_pending(conn: Connection, pushed: Iterable[PendingMark]) -> ChangeSet:
    """The server has these marks: stop waiting for them — unless the user made a newer, different mark since.
    Nothing a view shows changes (empty ChangeSet)."""
    raw = raw_connection(conn)
    marks_pushed = list(pushed)
    for seen in (True, False):
        ids = [m.message_id for m in marks_pushed if m.seen == seen]
        for chunk in chunks(ids):
            raw.execute(f"UPDATE messages SET seen_pending = NULL WHERE seen_pending = ? AND id IN ({marks(chunk)})",
                        (int(seen), *chunk))
    return ChangeSet()


def remove_missing(conn: Connection, folder_id: int, present: Set[int]) -> ChangeSet:
    """Delete the folder's IMAP messages whose UID is not in `present` (the server's whole UID list): their raw
    source, search rows and links (automatic and manual: the message is gone) go with them. Mail without a UID
    (imported, demo) is never touched. The local UIDs are compared a page at a time."""
    raw = raw_connection(conn)
    gone: list[int] = []
    cur = raw.execute("SELECT id, uid FROM messages WHERE folder_id = ? AND uid IS NOT NULL", (folder_id,))
    while page := cur.fetchmany(IN_PAGE):
        gone.extend(int(mid) for mid, uid in page if int(uid) not in present)
    deleted = links = 0
    for chunk in chunks(gone):
        links += raw.execute(f"SELECT count(*) FROM email_links WHERE message_id IN ({marks(chunk)})",
                             chunk).fetchone()[0]
        deleted += raw.execute(f"DELETE FROM messages WHERE id IN ({marks(chunk)})", chunk).rowcount
    return ChangeSet.of(ENTITY, deleted=deleted) | ChangeSet.of(LINKS_ENTITY, deleted=links)


def set_allow_remote(conn: Connection, message_id: int, allow: bool) -> ChangeSet:
    """Allow or block remote content of one message: its HTML is sanitized again from the raw source."""
    raw = raw_connection(conn)
    row = raw.execute("SELECT r.raw, m.allow_remote FROM message_raw r JOIN messages m ON m.id = r.message_id "
                      "WHERE r.message_id = ?", (message_id,)).fetchone()
    if row is None:
        raise LookupError(f"no stored message with id {message_id}")
    if bool(row[1]) == bool(allow):
        return ChangeSet()
    parsed = parse_message(row[0])
    html, has_remote = None, False
    if parsed.body_html is not None:
        safe = sanitize_html(parsed.body_html, allow_remote=allow)
        html, has_remote = safe.html, safe.has_remote
    raw.execute("UPDATE messages SET allow_remote = ?, body_html = ?, has_remote = ? WHERE id = ?",
                (bool(allow), html, has_remote, message_id))
    return ChangeSet.of(ENTITY, updated=1)


def clear_folder(conn: Connection, folder_id: int) -> ChangeSet:
    """Delete every message of a folder (their raw source, links and search rows go too) and forget its UID state."""
    raw = raw_connection(conn)
    links = raw.execute("SELECT count(*) FROM email_links WHERE message_id IN "
                        "(SELECT id FROM messages WHERE folder_id = ?)", (folder_id,)).fetchone()[0]
    deleted = raw.execute("DELETE FROM messages WHERE folder_id = ?", (folder_id,)).rowcount
    raw.execute("UPDATE mail_folders SET uidvalidity = NULL, uidnext = NULL WHERE id = ?", (folder_id,))
    return ChangeSet.of(ENTITY, deleted=deleted) | ChangeSet.of(LINKS_ENTITY, deleted=links)
