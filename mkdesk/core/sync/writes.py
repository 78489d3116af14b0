"""Core layer: the sync engine's transactions (every function here runs on the database writer thread, inside the
one transaction `Database.write` opened) and its few reads of the cache (on a reader thread).

A page is decoded and upserted in one transaction; an entity's deletions and its new cursor (`sync_state`) are
written together in the entity's last transaction, so a cursor never covers data that is not committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.state import SyncState, add_log, load_sync_state, save_sync_state
from mkdesk.core.cache.upsert import delete_ids, delete_missing, release
from mkdesk.core.sync.fetch import BadRecord, RawPage, decode_page, record_id

Upsert = Callable[[Connection, Sequence[Any], datetime], Any]


@dataclass(slots=True)
class PageResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: list[BadRecord] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    items: list[Any] = field(default_factory=list)


def _counts(result: PageResult, counts: Any) -> None:
    if counts is not None:
        result.inserted += counts.inserted
        result.updated += counts.updated
        result.unchanged += counts.unchanged


def store_page(conn: Connection, page: RawPage, decode: Callable[[Mapping[str, Any]], Any], upsert: Upsert,
               fetched_at: datetime, keep_items: bool = False) -> PageResult:
    """Decode a raw page record by record and upsert what decoded (writer thread, one transaction)."""
    decoded = decode_page(page, decode)
    result = PageResult(bad=decoded.bad)
    if decoded.items:
        _counts(result, upsert(conn, decoded.items, fetched_at))
    result.ids = {i for raw in page.items if (i := record_id(raw)) is not None}
    if keep_items:
        result.items = decoded.items
    else:
        release(decoded.items)  # 50 000 partners freed in slices, not in one GIL-holding sweep
    return result


def store_items(conn: Connection, items: Sequence[Any], upsert: Upsert, fetched_at: datetime) -> PageResult:
    """Upsert already decoded records (writer thread, one transaction)."""
    result = PageResult()
    if items:
        _counts(result, upsert(conn, items, fetched_at))
    return result


def finish(conn: Connection, state: Any, *, entity: str | None = None, seen: Iterable[Any] | None = None,
           delete: Iterable[str] = (), doc_type: str | None = None) -> int:
    """The last transaction of an entity (or of one doc type): deletions (`seen` → everything not seen goes;
    `delete` → these ids go), then the new sync state. Returns the rows deleted."""
    deleted = 0
    if entity is not None and seen is not None:
        deleted += (delete_missing(conn, entity, set(seen), doc_type=doc_type))
    ids = list(delete)
    if entity is not None and ids:
        deleted += (delete_ids(conn, entity, ids, doc_type=doc_type))
    if state is not None:
        save_sync_state(conn, state)
    return deleted


def save_state(conn: Connection, state: Any) -> None:
    save_sync_state(conn, state)




def log_entries(conn: Connection, entries: Sequence[tuple[str, str | None, str, Mapping[str, Any] | None]]) -> None:
    """Append sync_log rows: (level, entity, message, details)."""
    for level, entity, message, details in entries:
        add_log(conn, level, entity, message, dict(details) if details else None)


# ----- reads -------------------------------------------------------------------------------------------------------


def load_state(conn: Connection, entity: str) -> SyncState:
    """The entity's sync state (a blank one before its first run)."""
    return load_sync_state(conn, entity) or SyncState(entity)


def updated_state(state: Any, **changes: Any) -> Any:
    return replace(state, **changes)


def document_ids(conn: Connection, doc_type: str, since: date | None = None) -> set[str]:
    """mk_ids of cached documents of a type (with `doc_date` on or after `since`, when given)."""
    sql = "SELECT mk_id FROM documents WHERE doc_type = ?"
    params: tuple[Any, ...] = (doc_type,)
    if since is not None:
        sql += " AND doc_date >= ?"
        params += (since.isoformat(),)
    return {row[0] for row in conn.exec_driver_sql(sql, params)}


def document_statuses(conn: Connection, doc_type: str) -> dict[str, str | None]:
    """mk_id → status label of the cached documents of a type."""
    rows = conn.exec_driver_sql("SELECT mk_id, status_code FROM documents WHERE doc_type = ?", (doc_type,))
    return {row[0]: row[1] for row in rows}


def unpaid_ids(conn: Connection, doc_type: str, until: date) -> set[str]:
    """mk_ids of cached bills of a type dated on or before `until` that are not fully paid."""
    rows = conn.exec_driver_sql("SELECT mk_id FROM documents WHERE doc_type = ? AND is_unpaid = 1 AND doc_date <= ?",
                                (doc_type, until.isoformat()))
    return {row[0] for row in rows}
