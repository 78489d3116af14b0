"""Core layer: the SQLite cache file — one writer thread, a small pool of reader threads, each with its own connection.

`Database.open(path)` creates or migrates the file (Alembic) and returns a handle usable from any thread and any
asyncio loop. `await db.write(fn, *args)` runs `fn(conn, *args)` on **the** writer thread inside one transaction
(`BEGIN IMMEDIATE`; commit on success, rollback and re-raise on exception); `await db.read(fn, *args)` runs it on a
reader thread with its own connection (WAL: a read sees the last committed state and never waits for a writer).
`fn` receives a SQLAlchemy `Connection`; it must not commit, keep the connection, or return ORM-bound objects.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from mkdesk.core.cache import migrate

R = TypeVar("R")
BUSY_TIMEOUT_MS = 10_000
WRITER_THREAD = "mkdesk-db-writer"
READER_THREAD = "mkdesk-db-reader"
READER_CACHE_KB = 8_000  # per reader connection (memory budget: the whole app ≤ 300 MB)


class DatabaseClosed(RuntimeError):
    """The database was closed; no more work can be scheduled on it."""


def raw_connection(conn: Connection) -> sqlite3.Connection:
    """The `sqlite3.Connection` under a SQLAlchemy connection (for `executemany` on hot paths)."""
    return conn.connection.driver_connection  # type: ignore[return-value]


def total_changes(conn: Connection) -> int:
    """Rows inserted, updated or deleted through this connection since it was opened (SQLite `total_changes()`)."""
    return raw_connection(conn).total_changes


def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin): real transactions, also for DDL
        for pragma in (
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "foreign_keys = ON",
            "temp_store = MEMORY",
            "cache_size = -32000",  # 32 MB for the writer (index pages of big batches); readers lower it
            "journal_size_limit = 67108864",  # the WAL shrinks back to 64 MB after a checkpoint
        ):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("mkdesk_writer") else "BEGIN")

    return engine


class Database:
    """A cache file: one writer thread (all writes, serialized) and `readers` reader threads. Thread-safe."""

    def __init__(self, path: Path, engine: Engine, readers: int = 3) -> None:
        self.path = path
        self.engine = engine
        self._lock = threading.Lock()
        self._closed = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WRITER_THREAD)
        self._readers = ThreadPoolExecutor(max_workers=max(1, readers), thread_name_prefix=READER_THREAD)
        self._writer_conn: Connection | None = None
        self._writer_ident: int | None = None
        self._local = threading.local()
        self._reader_conns: list[Connection] = []

    @classmethod
    def open(cls, path: Path, *, readers: int = 3) -> Database:
        """Open (creating the directory and file if needed) and migrate to the newest schema. Blocks the caller."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = _make_engine(path)
        try:
            with engine.connect() as conn:
                migrate.ensure_current(conn)
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, readers)

    # ----- running work ------------------------------------------------------------------------------------------
    async def write(self, fn: Callable[..., R], *args: Any) -> R:
        """Run `fn(conn, *args)` in one transaction on the writer thread and return its result.

        Cancelling the awaiting task does not stop a write that has started: it still commits or rolls back whole.
        """
        return await asyncio.wrap_future(self._submit(self._writer, self._run_write, fn, args))

    async def read(self, fn: Callable[..., R], *args: Any) -> R:
        """Run `fn(conn, *args)` on a reader thread (own connection, one consistent snapshot) and return its result."""
        return await asyncio.wrap_future(self._submit(self._readers, self._run_read, fn, args))

    def write_sync(self, fn: Callable[..., R], *args: Any) -> R:
        """Blocking `write` for scripts and tests (on the writer thread itself it runs inline, in the current transaction)."""
        if threading.get_ident() == self._writer_ident:
            return self._run_write(fn, args)
        return self._submit(self._writer, self._run_write, fn, args).result()

    def read_sync(self, fn: Callable[..., R], *args: Any) -> R:
        """Blocking `read` for scripts and tests."""
        return self._submit(self._readers, self._run_read, fn, args).result()

    def _submit(self, pool: ThreadPoolExecutor, runner: Callable[..., R], fn: Callable[..., Any], args: tuple) -> Future:
        with self._lock:
            if self._closed:
                raise DatabaseClosed(f"the cache {self.path} is closed")
            return pool.submit(runner, fn, args)

    def _run_write(self, fn: Callable[..., R], args: tuple) -> R:
        conn = self._writer_conn
        if conn is None:
            conn = self._writer_conn = self.engine.connect()
            conn.info["mkdesk_writer"] = True
            self._writer_ident = threading.get_ident()
        if conn.in_transaction():  # write_sync from inside a write: part of the same transaction
            return fn(conn, *args)
        with conn.begin():
            return fn(conn, *args)

    def _run_read(self, fn: Callable[..., R], args: tuple) -> R:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.engine.connect()
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA query_only = ON")
            raw.execute(f"PRAGMA cache_size = -{READER_CACHE_KB}")
            self._local.conn = conn
            with self._lock:
                self._reader_conns.append(conn)
        with conn.begin():
            return fn(conn, *args)

    # ----- closing -----------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Finish queued writes and reads, then close every connection. Idempotent; blocks until done (call it from
        outside the database's own threads)."""
        if threading.current_thread().name.startswith((WRITER_THREAD, READER_THREAD)):
            raise RuntimeError("Database.close() from inside a database task would wait for itself")
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._writer.submit(self._close_writer)
        self._writer.shutdown(wait=True)
        self._readers.shutdown(wait=True)
        with self._lock:
            conns, self._reader_conns = self._reader_conns, []
        for conn in conns:
            conn.close()
        self.engine.dispose()

    def _close_writer(self) -> None:
        conn = self._writer_conn
        if conn is None:
            return
        try:
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()
        finally:
            conn.close()
            self._writer_conn = None

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
