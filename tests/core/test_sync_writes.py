"""Tests for mkdesk.core.sync.writes on a real cache file: a page is decoded and stored in one transaction, and an
entity's deletions and its new cursor commit together or not at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mkdesk.core.cache import Database, SyncState, known_ids, list_log, load_sync_state
from mkdesk.core.erp import mapping
from mkdesk.core.sync import writes
from mkdesk.core.cache.upsert import upsert_documents, upsert_warehouses
from mkdesk.core.sync.fetch import RawPage, document_decoder

AT = datetime(2026, 3, 2, 9, 0).astimezone()


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def _warehouses(*ids):
    return RawPage("warehouse_list", tuple({"mk_id": i, "mark": f"W{i}", "name": f"Skladišče {i}"} for i in ids))


def test_store_page_counts_and_skips(db):
    page = RawPage("warehouse_list", (*_warehouses("1", "2").items, {"name": "no id"}))
    first = db.write_sync(writes.store_page, page, mapping.warehouse, upsert_warehouses, AT)
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    assert first.ids == {"1", "2"} and len(first.bad) == 1
    again = db.write_sync(writes.store_page, _warehouses("1", "2"), mapping.warehouse, upsert_warehouses, AT)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)


def test_finish_deletes_and_saves_the_cursor_together(db):
    db.write_sync(writes.store_page, _warehouses("1", "2", "3"), mapping.warehouse, upsert_warehouses, AT)
    deleted = db.write_sync(lambda conn: writes.finish(conn, SyncState("warehouses", cursor="c1"),
                                                       entity="warehouses", seen={"1"}))
    assert deleted == 2
    assert db.read_sync(known_ids, "warehouses") == {"1"}
    assert db.read_sync(load_sync_state, "warehouses").cursor == "c1"


def test_a_failing_state_save_rolls_the_deletions_back(db):
    db.write_sync(writes.store_page, _warehouses("1", "2"), mapping.warehouse, upsert_warehouses, AT)
    bad_state = SyncState("warehouses", cursor="c2", counts={"x": object()})  # cannot be stored
    with pytest.raises(TypeError):
        db.write_sync(lambda conn: writes.finish(conn, bad_state, entity="warehouses", seen=set()))
    assert db.read_sync(known_ids, "warehouses") == {"1", "2"}
    assert db.read_sync(load_sync_state, "warehouses") is None


def test_document_reads_for_windows_and_statuses(db):
    docs = [
        {"mk_id": "10", "doc_date": "2026-01-05+02:00", "status_code": "Odprta"},
        {"mk_id": "11", "doc_date": "2026-02-25+02:00"},
    ]
    db.write_sync(writes.store_page, RawPage("search", tuple(docs)), document_decoder("sales_offer"),
                  upsert_documents, AT)
    assert db.read_sync(writes.document_ids, "sales_offer") == {"10", "11"}
    assert db.read_sync(writes.document_ids, "sales_offer", date(2026, 2, 1)) == {"11"}
    assert db.read_sync(writes.document_ids, "sales_order") == set()
    assert db.read_sync(writes.document_statuses, "sales_offer") == {"10": "Odprta", "11": None}
    deleted = db.write_sync(lambda conn: writes.finish(conn, None, entity="documents", delete=["10"],
                                                       doc_type="sales_offer"))
    assert deleted == 1 and db.read_sync(writes.document_ids, "sales_offer") == {"11"}


def test_load_state_defaults_and_log_entries(db):
    assert db.read_sync(writes.load_state, "orders") == SyncState("orders")
    db.write_sync(writes.log_entries, [("warning", "orders", "skipped", {"mk_id": "1"}), ("info", None, "x", None)])
    entries = db.read_sync(list_log)
    assert [(e.level, e.entity, e.message) for e in entries] == [("info", None, "x"), ("warning", "orders", "skipped")]
    assert entries[1].details == {"mk_id": "1"}
