"""Core layer: email ↔ record links — automatic ones saved from a context, manual link/unlink, a partner's email
history (writes on the writer thread via `db.write`, reads on reader threads via `db.read`).

`email_links.manual`: 1 the user linked the record, -1 the user unlinked it (kept so that automatic matching never
brings it back), 0 automatic. Saving automatic links replaces the message's automatic rows only. Every write returns
a `ChangeSet` of the entity `mail_links`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection

from mkdesk.core.cache.db import raw_connection
from mkdesk.core.cache.query import check_page, one, rows
from mkdesk.core.cache.values import to_ts
from mkdesk.core.changes import ChangeSet
from mkdesk.core.context.models import EmailLink, HistoryItem, MessageContext

KINDS = {"partner": "partners", "document": "documents", "product": "products"}
ENTITY = "mail_links"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _check(conn: Connection, message_id: int, kind: str, record_id: int) -> None:
    if kind not in KINDS:
        raise ValueError(f"a link is to a partner, document or product, not {kind!r}")
    if one(conn, "SELECT 1 AS ok FROM messages WHERE id = ?", (message_id,)) is None:
        raise LookupError(f"there is no message with id {message_id}")
    if one(conn, f"SELECT 1 AS ok FROM {KINDS[kind]} WHERE id = ?", (record_id,)) is None:
        raise LookupError(f"there is no {kind} with cache id {record_id}")


def automatic_links(context: MessageContext) -> list[tuple[str, int, float, str]]:
    """(kind, record id, confidence, reason) of what a context found: the best partner, documents, products."""
    found: dict[tuple[str, int], tuple[str, int, float, str]] = {}
    if context.partner is not None and context.partner.method != "manual":
        p = context.partner
        found[("partner", p.partner_id)] = ("partner", p.partner_id, p.confidence, p.reason)
    for d in context.entities.documents:
        if d.confidence < 1.0:  # 1.0: linked by hand already
            found.setdefault(("document", d.document_id), ("document", d.document_id, d.confidence, d.reason))
    for m in context.entities.products:
        if m.confidence < 1.0:
            found.setdefault(("product", m.product_id), ("product", m.product_id, m.confidence, m.reason))
    return list(found.values())


def save_auto_links(conn: Connection, message_id: int, context: MessageContext) -> ChangeSet:
    """Replace the message's automatic links by those of `context` (writer thread); manual rows are untouched."""
    if one(conn, "SELECT 1 AS ok FROM messages WHERE id = ?", (message_id,)) is None:
        raise LookupError(f"there is no message with id {message_id}")
    raw = raw_connection(conn)
    wanted = automatic_links(context)
    old = {(r["kind"], r["record_id"]): (r["confidence"], r["reason"], r["manual"]) for r in rows(
        conn, "SELECT kind, record_id, confidence, reason, manual FROM email_links WHERE message_id = ?",
        (message_id,))}
    keys = {(kind, rid) for kind, rid, _c, _r in wanted}
    gone = [(message_id, kind, rid) for (kind, rid), (_c, _r, manual) in old.items()
            if manual == 0 and (kind, rid) not in keys]
    raw.executemany("DELETE FROM email_links WHERE message_id = ? AND kind = ? AND record_id = ?", gone)
    now = _now()
    inserted = updated = 0
    for kind, rid, confidence, reason in wanted:
        before = old.get((kind, rid))
        if before is None:
            raw.execute("INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
                        "VALUES (?, ?, ?, ?, ?, 0, ?)", (message_id, kind, rid, confidence, reason, now))
            inserted += 1
        elif before[2] == 0 and (before[0], before[1]) != (confidence, reason):
            raw.execute("UPDATE email_links SET confidence = ?, reason = ? WHERE message_id = ? AND kind = ? "
                        "AND record_id = ?", (confidence, reason, message_id, kind, rid))
            updated += 1
    return ChangeSet.of(ENTITY, inserted=inserted, updated=updated, deleted=len(gone))


def link(conn: Connection, message_id: int, kind: str, record_id: int) -> ChangeSet:
    """The user links the message to a record (writer thread). Linking a partner replaces the message's other
    partner links (a message has one partner); automatic matching never overrides it."""
    _check(conn, message_id, kind, record_id)
    raw = raw_connection(conn)
    deleted = 0
    if kind == "partner":
        deleted = raw.execute("DELETE FROM email_links WHERE message_id = ? AND kind = 'partner' AND record_id != ? "
                              "AND manual >= 0", (message_id, record_id)).rowcount
    before = one(conn, "SELECT manual FROM email_links WHERE message_id = ? AND kind = ? AND record_id = ?",
                 (message_id, kind, record_id))
    if before is not None and before["manual"] == 1:
        return ChangeSet.of(ENTITY, deleted=deleted)
    raw.execute("INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
                "VALUES (?, ?, ?, 1.0, 'Linked by you.', 1, ?) ON CONFLICT (message_id, kind, record_id) DO UPDATE "
                "SET confidence = 1.0, reason = 'Linked by you.', manual = 1, created_at = excluded.created_at",
                (message_id, kind, record_id, _now()))
    return ChangeSet.of(ENTITY, inserted=int(before is None), updated=int(before is not None), deleted=deleted)


def unlink(conn: Connection, message_id: int, kind: str, record_id: int) -> ChangeSet:
    """The user unlinks a record from the message (writer thread): remembered, so automatic matching never links it
    again for this message."""
    _check(conn, message_id, kind, record_id)
    before = one(conn, "SELECT manual FROM email_links WHERE message_id = ? AND kind = ? AND record_id = ?",
                 (message_id, kind, record_id))
    if before is not None and before["manual"] == -1:
        return ChangeSet()
    raw_connection(conn).execute(
        "INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
        "VALUES (?, ?, ?, 0.0, 'Unlinked by you.', -1, ?) ON CONFLICT (message_id, kind, record_id) DO UPDATE "
        "SET confidence = 0.0, reason = 'Unlinked by you.', manual = -1, created_at = excluded.created_at",
        (message_id, kind, record_id, _now()))
    return ChangeSet.of(ENTITY, inserted=int(before is None), updated=int(before is not None))


def reset_link(conn: Connection, message_id: int, kind: str, record_id: int) -> ChangeSet:
    """Forget the user's link or unlink of this record (writer thread); automatic matching decides again."""
    gone = raw_connection(conn).execute("DELETE FROM email_links WHERE message_id = ? AND kind = ? AND record_id = ? "
                                        "AND manual != 0", (message_id, kind, record_id)).rowcount
    return ChangeSet.of(ENTITY, deleted=gone)


def links_for_message(conn: Connection, message_id: int, *, include_unlinked: bool = False
                      ) -> tuple[EmailLink, ...]:
    """The message's links, strongest first (manual links first); unlinked ones only when asked."""
    sql = ("SELECT message_id, kind, record_id, confidence, reason, manual, created_at FROM email_links "
           "WHERE message_id = ?" + ("" if include_unlinked else " AND manual >= 0") +
           " ORDER BY manual DESC, confidence DESC, kind, record_id")
    return tuple(EmailLink(r["message_id"], r["kind"], r["record_id"], r["confidence"], r["reason"], r["manual"],
                           to_ts(r["created_at"])) for r in rows(conn, sql, (message_id,)))


def email_history(conn: Connection, partner_id: int, *, limit: int = 50, offset: int = 0) -> tuple[HistoryItem, ...]:
    """Messages linked to a partner (automatically or by the user, not unlinked), newest first."""
    check_page(limit, offset)
    sql = ("SELECT m.id, m.subject, m.from_addr, m.from_name, m.sent_at, m.snippet, l.confidence, l.reason, l.manual "
           "FROM email_links l JOIN messages m ON m.id = l.message_id WHERE l.kind = 'partner' AND l.record_id = ? "
           "AND l.manual >= 0 ORDER BY m.sent_at DESC, m.id DESC LIMIT ? OFFSET ?")
    return tuple(HistoryItem(r["id"], r["subject"], r["from_addr"], r["from_name"], to_ts(r["sent_at"]),
                             r["snippet"], r["confidence"], r["reason"], r["manual"])
                 for r in rows(conn, sql, (partner_id, limit, offset)))


def partner_email_history(conn: Connection, mk_id: str, *, limit: int = 10) -> tuple[tuple[HistoryItem, ...], int]:
    """A partner's newest linked messages (at most `limit`) and how many there are in all, by its Metakocka id."""
    r = one(conn, "SELECT id FROM partners WHERE mk_id = ?", (mk_id,))
    if r is None:
        return (), 0
    items = email_history(conn, int(r["id"]), limit=limit)
    return items, (count_history(conn, int(r["id"])) if len(items) == limit else len(items))


def count_history(conn: Connection, partner_id: int) -> int:
    r = one(conn, "SELECT count(*) AS n FROM email_links WHERE kind = 'partner' AND record_id = ? AND manual >= 0",
            (partner_id,))
    return int(r["n"]) if r else 0
