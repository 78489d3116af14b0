"""Tests for sync bookkeeping: SyncState round trip and update, the sync log (add, list, page, resolve, prune)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mkdesk.core.cache import state as S
from mkdesk.core.cache.db import Database
from tests.core.cache_data import LJ


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def test_sync_state_round_trip_and_replace(db: Database):
    assert db.read_sync(S.load_sync_state, "partners") is None
    now = datetime(2026, 11, 24, 9, 15, 30, 123456, tzinfo=LJ)
    state = S.SyncState(entity="partners", cursor="2026-11-24T09:00:00+01:00", last_run=now, last_success=now,
                        last_full_reconcile=now - timedelta(days=1), counts={"inserted": 3, "updated": 0},
                        last_error=None, paused=True, next_due=now + timedelta(minutes=60),
                        backoff_until=now + timedelta(minutes=2))
    db.write_sync(S.save_sync_state, state)
    loaded = db.read_sync(S.load_sync_state, "partners")
    assert loaded == state
    assert loaded.last_run.tzinfo is not None and loaded.last_run.utcoffset() == timedelta(hours=1)
    failed = S.SyncState(entity="partners", cursor=state.cursor, last_error="offline")
    db.write_sync(S.save_sync_state, failed)
    assert db.read_sync(S.load_sync_state, "partners") == failed
    db.write_sync(S.save_sync_state, S.SyncState(entity="stock"))
    assert [s.entity for s in db.read_sync(S.load_sync_states)] == ["partners", "stock"]


def test_log_add_list_resolve(db: Database):
    ids = [db.write_sync(S.add_log, "info", "partners", f"run {i}") for i in range(5)]
    err = db.write_sync(S.add_log, "error", "stock", "offline", {"status": 503, "at": datetime(2026, 1, 1)})
    assert ids == sorted(ids) and err > ids[-1]
    entries = db.read_sync(S.list_log)
    assert [e.id for e in entries] == [err, *reversed(ids)]
    assert entries[0].details == {"status": 503, "at": "2026-01-01 00:00:00"}
    assert entries[0].ts.tzinfo is not None and not entries[0].resolved
    assert [e.id for e in db.read_sync(lambda c: S.list_log(c, entity="partners", limit=2))] == [ids[4], ids[3]]
    assert [e.id for e in db.read_sync(lambda c: S.list_log(c, before_id=ids[2]))] == [ids[1], ids[0]]
    assert [e.message for e in db.read_sync(lambda c: S.list_log(c, level="error"))] == ["offline"]
    assert db.write_sync(S.resolve_log, err) is True
    assert db.write_sync(S.resolve_log, 9999) is False
    assert err not in [e.id for e in db.read_sync(lambda c: S.list_log(c, unresolved_only=True))]
    assert db.write_sync(S.prune_log, 2) == 4
    assert [e.id for e in db.read_sync(S.list_log)] == [err, ids[4]]


def test_log_level_is_checked(db: Database):
    with pytest.raises(ValueError, match="level"):
        db.write_sync(S.add_log, "fatal", None, "x")


def test_log_min_level_entry_and_mark(db: Database):
    assert db.read_sync(S.log_mark) == (0, 0)
    info = db.write_sync(S.add_log, "info", "stock", "stock: 3 rows")
    warn = db.write_sync(S.add_log, "warning", "partners", "skipped a record", {"mk_id": "7"})
    err = db.write_sync(S.add_log, "error", "orders", "offline")
    assert [e.id for e in db.read_sync(lambda c: S.list_log(c, min_level="warning"))] == [err, warn]
    assert [e.id for e in db.read_sync(lambda c: S.list_log(c, min_level="debug"))] == [err, warn, info]
    with pytest.raises(ValueError, match="level"):
        db.read_sync(lambda c: S.list_log(c, min_level="loud"))
    assert db.read_sync(S.log_entry, warn).details == {"mk_id": "7"}
    assert db.read_sync(S.log_entry, 12345) is None
    mark = db.read_sync(S.log_mark)
    assert mark == (err, 0)
    db.write_sync(S.resolve_log, warn)
    assert db.read_sync(S.log_mark) == (err, 1)  # resolving changes the mark too
