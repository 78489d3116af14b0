"""Core layer: sync bookkeeping in the cache — per-entity `SyncState` and the sync log (writes on the writer thread).

Functions take the connection `Database.write`/`read` hands them. Timestamps are aware datetimes (stored as UTC ISO
text); `counts` and log `details` are JSON-able dicts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from mkdesk.core.cache.values import dumps, loads, to_ts, ts

LEVELS = ("debug", "info", "warning", "error")


@dataclass(frozen=True, slots=True)
class SyncState:
    """Where the sync of one entity stands (entity names are the sync engine's, e.g. "partners", "sales_order")."""

    entity: str
    cursor: str | None = None
    last_run: datetime | None = None
    last_success: datetime | None = None
    last_full_reconcile: datetime | None = None
    counts: Mapping[str, Any] = field(default_factory=dict)
    last_error: str | None = None
    paused: bool = False
    next_due: datetime | None = None
    backoff_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    ts: datetime
    level: str
    entity: str | None
    message: str
    details: Mapping[str, Any] | None
    resolved: bool


_STATE_COLUMNS = ("entity", "cursor", "last_run", "last_success", "last_full_reconcile", "counts_json", "last_error",
                  "paused", "next_due", "backoff_until")


def _state(row: Any) -> SyncState:
    return SyncState(entity=row.entity, cursor=row.cursor, last_run=to_ts(row.last_run),
                     last_success=to_ts(row.last_success), last_full_reconcile=to_ts(row.last_full_reconcile),
                     counts=loads(row.counts_json) or {}, last_error=row.last_error, paused=bool(row.paused),
                     next_due=to_ts(row.next_due), backoff_until=to_ts(row.backoff_until))


def load_sync_state(conn: Connection, entity: str) -> SyncState | None:
    row = conn.execute(text("SELECT * FROM sync_state WHERE entity = :e"), {"e": entity}).first()
    return None if row is None else _state(row)


def load_sync_states(conn: Connection) -> tuple[SyncState, ...]:
    """Every entity's state, by entity name."""
    return tuple(_state(r) for r in conn.execute(text("SELECT * FROM sync_state ORDER BY entity")))


def save_sync_state(conn: Connection, state: SyncState) -> None:
    """Insert or replace the whole state of `state.entity` (writer thread)."""
    values = {
        "entity": state.entity, "cursor": state.cursor, "last_run": ts(state.last_run),
        "last_success": ts(state.last_success), "last_full_reconcile": ts(state.last_full_reconcile),
        "counts_json": dumps(dict(state.counts)) if state.counts else None, "last_error": state.last_error,
        "paused": int(state.paused), "next_due": ts(state.next_due), "backoff_until": ts(state.backoff_until),
    }
    columns = ", ".join(_STATE_COLUMNS)
    marks = ", ".join(f":{c}" for c in _STATE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _STATE_COLUMNS[1:])
    conn.execute(text(f"INSERT INTO sync_state ({columns}) VALUES ({marks}) "
                      f"ON CONFLICT (entity) DO UPDATE SET {updates}"), values)


def add_log(conn: Connection, level: str, entity: str | None, message: str,
            details: Mapping[str, Any] | None = None, *, at: datetime | None = None) -> int:
    """Append a sync-log entry and return its id (writer thread). `details` must be JSON-able (str() otherwise)."""
    if level not in LEVELS:
        raise ValueError(f"log level must be one of {LEVELS}, not {level!r}")
    details_json = None if details is None else json.dumps(dict(details), ensure_ascii=False, sort_keys=True,
                                                           default=str)
    row = conn.execute(
        text("INSERT INTO sync_log (ts, level, entity, message, details_json, resolved) "
             "VALUES (:ts, :level, :entity, :message, :details, 0) RETURNING id"),
        {"ts": ts(at or datetime.now().astimezone()), "level": level, "entity": entity, "message": message,
         "details": details_json},
    ).scalar_one()
    return int(row)


def list_log(conn: Connection, *, entity: str | None = None, level: str | None = None,
             unresolved_only: bool = False, before_id: int | None = None, limit: int = 200,
             min_level: str | None = None) -> tuple[LogEntry, ...]:
    """Log entries, newest first; page back with `before_id` = the last id seen. `level` keeps one level,
    `min_level` that level and the more severe ones (e.g. "warning": warnings and errors)."""
    where, params = [], {"limit": limit}
    if entity is not None:
        where.append("entity = :entity")
        params["entity"] = entity
    if level is not None:
        where.append("level = :level")
        params["level"] = level
    if min_level is not None:
        if min_level not in LEVELS:
            raise ValueError(f"log level must be one of {LEVELS}, not {min_level!r}")
        keep = LEVELS[LEVELS.index(min_level):]
        where.append("level IN (" + ", ".join(f":lv{i}" for i in range(len(keep))) + ")")
        params.update({f"lv{i}": name for i, name in enumerate(keep)})
    if unresolved_only:
        where.append("resolved = 0")
    if before_id is not None:
        where.append("id < :before")
        params["before"] = before_id
    sql = "SELECT * FROM sync_log" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT :limit"
    return tuple(LogEntry(r.id, to_ts(r.ts), r.level, r.entity, r.message, loads(r.details_json), bool(r.resolved))
                 for r in conn.execute(text(sql), params))


def log_entry(conn: Connection, log_id: int) -> LogEntry | None:
    """One log entry by id (None when there is none)."""
    r = conn.execute(text("SELECT * FROM sync_log WHERE id = :id"), {"id": log_id}).first()
    return None if r is None else LogEntry(r.id, to_ts(r.ts), r.level, r.entity, r.message, loads(r.details_json),
                                           bool(r.resolved))


def log_mark(conn: Connection) -> tuple[int, int]:
    """(newest id, resolved count) of the sync log: equal marks mean the log has not changed (cheap to compare)."""
    row = conn.execute(text("SELECT coalesce(max(id), 0), coalesce(sum(resolved), 0) FROM sync_log")).one()
    return int(row[0]), int(row[1])


def resolve_log(conn: Connection, log_id: int, resolved: bool = True) -> bool:
    """Mark an entry resolved (or not); False when there is no such entry (writer thread)."""
    result = conn.execute(text("UPDATE sync_log SET resolved = :r WHERE id = :id"), {"r": int(resolved), "id": log_id})
    return result.rowcount > 0


def prune_log(conn: Connection, keep: int = 10_000) -> int:
    """Delete all but the newest `keep` entries; returns how many went (writer thread)."""
    result = conn.execute(text("DELETE FROM sync_log WHERE id <= (SELECT id FROM sync_log ORDER BY id DESC "
                               "LIMIT 1 OFFSET :keep)"), {"keep": keep})
    return result.rowcount
