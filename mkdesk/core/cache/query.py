"""Core layer: small helpers the repositories share — rows as dicts, search matching, paging arguments (any thread).

Repository functions take the connection `Database.read` hands them and return frozen dataclasses only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection

from mkdesk.core.cache.db import raw_connection

MAX_LIMIT = 10_000
IN_CHUNK = 500  # values per `IN (...)`: far below SQLite's bound-parameter limit, room left for the others
T = TypeVar("T")


def rows(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = raw_connection(conn).cursor()
    cur.execute(sql, tuple(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def one(conn: Connection, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    found = rows(conn, sql, params)
    return found[0] if found else None


def scalar(conn: Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    return raw_connection(conn).execute(sql, tuple(params)).fetchone()[0]


def children(conn: Connection, table: str, parent_column: str, parent_id: int) -> list[dict[str, Any]]:
    return rows(conn, f"SELECT * FROM {table} WHERE {parent_column} = ? ORDER BY position", (parent_id,))


def check_page(limit: int, offset: int) -> None:
    if not 0 < limit <= MAX_LIMIT:
        raise ValueError(f"limit must be 1..{MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must not be negative, not {offset}")


def marks(values: Sequence[Any]) -> str:
    """The `?, ?, …` placeholders of an `IN (...)` over these values."""
    return ", ".join("?" * len(values))


def chunks(values: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """`values` in consecutive slices of at most `size`: `IN (...)` queries over any number of values."""
    if size < 1:
        raise ValueError(f"a chunk holds at least one value, not {size}")
    for start in range(0, len(values), size):
        yield values[start:start + size]
