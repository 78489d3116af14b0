"""Core layer: read-only queries over cached mail for the UI — message pages and search, one message for the reader,
attachment bytes (reader threads: functions take the connection `Database.read` hands them).

The list is newest first (`sent_at`, then the newest row). Each row carries the partner the sender belongs to, for
the list's badge: a link the user or the enrichment saved (`email_links`, kind 'partner', never one the user
unlinked), else the remembered choice for the address (`sender_choices`), else the one partner whose contact person
or partner email is exactly this address. Search is FTS5 over subject, sender and body through `fts_query`, so any
typed text is safe. Every function returns frozen dataclasses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.fts import fts_query
from mkdesk.core.cache.query import check_page, marks, one, rows, scalar

_COLUMNS = ("m.id", "m.folder_id", "m.from_addr", "m.from_name", "m.subject", "m.sent_at", "m.snippet", "m.seen",
            "m.attachments_json", "m.has_remote")
_SELECT = ", ".join(_COLUMNS)
_ORDER = "ORDER BY m.sent_at DESC, m.id DESC"  # the index ix_messages_sent, backwards; undated mail last
_MATCH = "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)"


@dataclass(frozen=True, slots=True)
class Attachment:
    index: int
    filename: str
    content_type: str
    size: int
    content_id: str | None = None

    @property
    def inline(self) -> bool:
        """An inline image of the HTML body (cid:), not a file the sender attached."""
        return bool(self.content_id) and self.content_type.startswith("image/")


@dataclass(frozen=True, slots=True)
class PartnerBadge:
    """The partner a sender belongs to and how that is known: 'link' | 'choice' | 'contact' | 'partner_email'."""

    partner_id: int
    mk_id: str
    name: str | None
    how: str


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One line of the message list."""

    id: int
    folder_id: int
    from_addr: str | None
    from_name: str | None
    subject: str | None
    sent_at: datetime | None
    snippet: str | None
    seen: bool
    attachments: int  # files attached (not inline images)
    has_remote: bool
    partner: PartnerBadge | None

    @property
    def sender(self) -> str:
        return self.from_name or self.from_addr or ""


@dataclass(frozen=True, slots=True)
class MessageView:
    """One message for the reader: headers, plain text, sanitized HTML (may be None), attachments."""

    row: MessageRow
    account: str
    account_kind: str
    folder: str
    message_id: str | None
    in_reply_to: str | None
    to: tuple[tuple[str, str], ...]  # (name, address)
    cc: tuple[tuple[str, str], ...]
    reply_to: str | None
    body_text: str | None
    body_html: str | None  # already sanitized; remote content stripped unless allow_remote
    allow_remote: bool
    attachments: tuple[Attachment, ...]
    parse_error: str | None
    size: int


def _ts(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _attachments(text: str | None) -> tuple[Attachment, ...]:
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return ()
    return tuple(Attachment(int(a.get("index", n)), str(a.get("filename") or f"attachment-{n}"),
                            str(a.get("content_type") or "application/octet-stream"), int(a.get("size") or 0),
                            a.get("content_id")) for n, a in enumerate(items) if isinstance(a, dict))


def _pairs(text: str | None) -> tuple[tuple[str, str], ...]:
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return ()
    return tuple((str(a.get("name") or ""), str(a.get("addr") or "")) for a in items if isinstance(a, dict))


def partner_badges(conn: Connection, found: Sequence[dict[str, Any]]) -> dict[int, PartnerBadge]:
    """The partner of each message (by message id) for these `messages` rows (id, from_addr); see the module."""
    ids = [r["id"] for r in found]
    addresses = sorted({(r["from_addr"] or "").lower() for r in found if r["from_addr"]})
    if not ids:
        return {}
    chosen: dict[int, tuple[int, str]] = {}
    unlinked: set[tuple[int, int]] = set()
    for r in rows(conn, f"SELECT message_id, record_id, manual FROM email_links WHERE kind = 'partner' "
                        f"AND message_id IN ({marks(ids)}) ORDER BY manual DESC, confidence DESC", ids):
        if r["manual"] < 0:
            unlinked.add((r["message_id"], r["record_id"]))
        elif r["message_id"] not in chosen:
            chosen[r["message_id"]] = (r["record_id"], "link")
    by_address: dict[str, tuple[int, str]] = {}
    if addresses:
        for r in rows(conn, f"SELECT address, partner_id FROM sender_choices WHERE address IN "
                            f"({marks(addresses)})", addresses):
            by_address[r["address"]] = (r["partner_id"], "choice")
        rest = [a for a in addresses if a not in by_address]
        exact: dict[str, set[tuple[int, str]]] = {}
        if rest:
            for r in rows(conn, f"SELECT lower(c.email) AS address, c.partner_id AS pid FROM contacts c "
                                f"WHERE c.email COLLATE NOCASE IN ({marks(rest)})", rest):
                exact.setdefault(r["address"], set()).add((r["pid"], "contact"))
            for r in rows(conn, f"SELECT lower(email) AS address, id AS pid FROM partners WHERE lower(email) IN "
                                f"({marks(rest)})", rest):
                if not any(pid == r["pid"] for pid, _how in exact.get(r["address"], ())):
                    exact.setdefault(r["address"], set()).add((r["pid"], "partner_email"))
        for address, found_ids in exact.items():
            if len({pid for pid, _how in found_ids}) == 1:  # several partners: the context pane's picker decides
                by_address[address] = min(found_ids)
    for r in found:
        if r["id"] not in chosen and r["from_addr"]:
            hit = by_address.get(r["from_addr"].lower())
            if hit is not None and (r["id"], hit[0]) not in unlinked:
                chosen[r["id"]] = hit
    partner_ids = sorted({pid for pid, _how in chosen.values()})
    names = {p["id"]: p for p in rows(conn, f"SELECT id, mk_id, name FROM partners WHERE id IN "
                                            f"({marks(partner_ids)})", partner_ids)} if partner_ids else {}
    return {mid: PartnerBadge(pid, names[pid]["mk_id"], names[pid]["name"], how)
            for mid, (pid, how) in chosen.items() if pid in names}


def _rows(conn: Connection, found: list[dict[str, Any]]) -> tuple[MessageRow, ...]:
    badges = partner_badges(conn, found)
    return tuple(MessageRow(r["id"], r["folder_id"], r["from_addr"], r["from_name"], r["subject"], _ts(r["sent_at"]),
                            r["snippet"], bool(r["seen"]), sum(1 for a in _attachments(r["attachments_json"])
                                                              if not a.inline),
                            bool(r["has_remote"]), badges.get(r["id"])) for r in found)


def _where(text: str | None, folder_id: int | None) -> tuple[str, list[Any]] | None:
    clauses, params = [], []
    if text is not None and text.strip():
        match = fts_query(text)
        if match is None:
            return None
        clauses.append(_MATCH)
        params.append(match)
    if folder_id is not None:
        clauses.append("m.folder_id = ?")
        params.append(folder_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count_messages(conn: Connection, text: str | None = None, *, folder_id: int | None = None) -> int:
    """How many messages the list shows (matching `text`, when given)."""
    where = _where(text, folder_id)
    if where is None:
        return 0
    return int(scalar(conn, f"SELECT count(*) FROM messages m{where[0]}", where[1]))


def list_messages(conn: Connection, text: str | None = None, *, limit: int = 200, offset: int = 0,
                  folder_id: int | None = None) -> tuple[MessageRow, ...]:
    """A page of messages, newest first (those matching `text`, when given)."""
    check_page(limit, offset)
    where = _where(text, folder_id)
    if where is None:
        return ()
    return _rows(conn, rows(conn, f"SELECT {_SELECT} FROM messages m{where[0]} {_ORDER} LIMIT ? OFFSET ?",
                            [*where[1], limit, offset]))


def unread_count(conn: Connection) -> int:
    return int(scalar(conn, "SELECT count(*) FROM messages WHERE NOT seen"))


def get_message(conn: Connection, message_id: int) -> MessageView | None:
    """Everything the reader shows of one message, or None when it is no longer in the cache."""
    r = one(conn, f"SELECT {_SELECT}, m.message_id AS mid, m.in_reply_to, m.to_json, m.cc_json, m.reply_to, "
                  f"m.body_text, m.body_html, m.allow_remote, m.parse_error, m.size, f.name AS folder, "
                  f"a.name AS account, a.kind FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
                  f"JOIN mail_accounts a ON a.id = f.account_id WHERE m.id = ?", (message_id,))
    if r is None:
        return None
    row = _rows(conn, [r])[0]
    return MessageView(row, r["account"], r["kind"], r["folder"], r["mid"], r["in_reply_to"], _pairs(r["to_json"]),
                       _pairs(r["cc_json"]), r["reply_to"], r["body_text"], r["body_html"], bool(r["allow_remote"]),
                       _attachments(r["attachments_json"]), r["parse_error"], int(r["size"] or 0))


def attachment(conn: Connection, message_id: int, index: int) -> tuple[Attachment, bytes] | None:
    """One attachment's description and bytes, decoded from the stored raw message; None when there is no such
    message or attachment."""
    from mkdesk.core.mail.parse import attachment_bytes

    r = one(conn, "SELECT m.attachments_json, r.raw FROM messages m JOIN message_raw r ON r.message_id = m.id "
                  "WHERE m.id = ?", (message_id,))
    if r is None:
        return None
    info = next((a for a in _attachments(r["attachments_json"]) if a.index == index), None)
    if info is None:
        return None
    try:
        data = attachment_bytes(bytes(r["raw"]), index)
    except (IndexError, LookupError, ValueError):
        return None
    return info, data
