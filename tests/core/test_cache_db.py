"""Tests for `Database`: WAL and pragmas, one writer thread, readers on their own connections, transactions, close."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from mkdesk.core.cache.db import Database, DatabaseClosed, total_changes


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def _pragma(name: str):
    return lambda conn: conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_pragmas_on_every_connection(db: Database):
    assert db.read_sync(_pragma("journal_mode")) == "wal"
    for run in (db.read_sync, db.write_sync):
        assert run(_pragma("foreign_keys")) == 1
        assert run(_pragma("synchronous")) == 1  # NORMAL
        assert run(_pragma("busy_timeout")) >= 5000
    assert db.read_sync(_pragma("query_only")) == 1
    assert db.write_sync(_pragma("query_only")) == 0
    assert db.read_sync(_pragma("cache_size")) == -8000 and db.write_sync(_pragma("cache_size")) == -32000


def test_writes_from_two_coroutines_serialize_on_one_thread(db: Database):
    seen: list[tuple[str, int, float, float]] = []

    def work(conn, tag: str) -> str:
        start = time.perf_counter()
        conn.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', ?)", (tag,))
        time.sleep(0.03)
        seen.append((tag, threading.get_ident(), start, time.perf_counter()))
        return threading.current_thread().name

    async def main():
        return await asyncio.gather(*(db.write(work, f"w{i}") for i in range(4)))

    names = asyncio.run(main())
    assert len({ident for _, ident, _, _ in seen}) == 1
    assert threading.get_ident() not in {ident for _, ident, _, _ in seen}
    assert all(name.startswith("mkdesk-db-writer") for name in names)
    spans = sorted((s, e) for _, _, s, e in seen)
    assert all(prev_end <= start for (_, prev_end), (start, _) in zip(spans, spans[1:])), "writes overlapped"
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM sync_log").scalar()) == 4


def test_a_long_write_does_not_block_a_read(db: Database):
    db.write_sync(lambda c: c.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', 'old')"))
    inside = threading.Event()
    release = threading.Event()

    def long_write(conn):
        conn.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', 'new')")
        inside.set()
        assert release.wait(5)

    async def main():
        writing = asyncio.ensure_future(db.write(long_write))
        await asyncio.to_thread(inside.wait, 5)
        started = time.perf_counter()
        rows = await db.read(lambda c: [r[0] for r in c.exec_driver_sql("SELECT message FROM sync_log")])
        elapsed = time.perf_counter() - started
        release.set()
        await writing
        return rows, elapsed

    rows, elapsed = asyncio.run(main())
    assert rows == ["old"]  # the uncommitted row is invisible, and the read did not wait for it
    assert elapsed < 1.0
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM sync_log").scalar()) == 2


def test_a_failing_write_rolls_back_and_raises(db: Database):
    def failing(conn):
        conn.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', 'lost')")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        db.write_sync(failing)
    with pytest.raises(ValueError):
        asyncio.run(db.write(failing))
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM sync_log").scalar()) == 0
    assert db.write_sync(lambda c, a, b: a + b, 2, 3) == 5  # the writer is still usable


def test_reads_use_their_own_connections_on_reader_threads(db: Database):
    writer_conn = db.write_sync(lambda c: id(c.connection.driver_connection))
    reader = db.read_sync(lambda c: (id(c.connection.driver_connection), threading.current_thread().name))
    assert reader[0] != writer_conn
    assert reader[1].startswith("mkdesk-db-reader")
    with pytest.raises(Exception, match="readonly"):
        db.read_sync(lambda c: c.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'i', 'x')"))


def test_write_sync_inside_a_write_runs_inline(db: Database):
    assert db.write_sync(lambda c: db.write_sync(lambda c2: c2 is c)) is True


def test_total_changes_counts_rows_written(db: Database):
    def two_rows(conn):
        before = total_changes(conn)
        conn.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', 'a'), ('t', 'info', 'b')")
        return total_changes(conn) - before

    assert db.write_sync(two_rows) == 2


def test_close_is_idempotent_and_waits_for_queued_writes(tmp_path: Path):
    db = Database.open(tmp_path / "cache.sqlite")

    def slow(conn, tag):
        time.sleep(0.02)
        conn.exec_driver_sql("INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', ?)", (tag,))

    futures = [db._submit(db._writer, db._run_write, slow, (f"q{i}",)) for i in range(3)]
    db.close()
    db.close()
    assert all(f.done() and f.exception() is None for f in futures)
    assert db.closed
    with pytest.raises(DatabaseClosed):
        db.write_sync(slow, "late")
    with pytest.raises(DatabaseClosed):
        asyncio.run(db.read(lambda c: 1))
    reopened = Database.open(tmp_path / "cache.sqlite")
    with reopened:
        assert reopened.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM sync_log").scalar()) == 3
        assert reopened.read_sync(lambda c: c.exec_driver_sql("PRAGMA integrity_check").scalar()) == "ok"


def test_close_from_inside_a_task_is_refused(db: Database):
    with pytest.raises(RuntimeError, match="wait for itself"):
        db.write_sync(lambda c: db.close())
    with pytest.raises(RuntimeError, match="wait for itself"):
        db.read_sync(lambda c: db.close())
    assert not db.closed and db.read_sync(lambda c: 1) == 1


def test_works_from_separate_event_loops(db: Database):
    async def one(i):
        await db.write(lambda c: c.exec_driver_sql(
            "INSERT INTO sync_log (ts, level, message) VALUES ('t', 'info', ?)", (str(i),)))
        return await db.read(lambda c: c.exec_driver_sql("SELECT count(*) FROM sync_log").scalar())

    assert [asyncio.run(one(i)) for i in range(3)] == [1, 2, 3]
    results: list[int] = []
    thread = threading.Thread(target=lambda: results.append(asyncio.run(one(9))))
    thread.start()
    thread.join()
    assert results == [4]
