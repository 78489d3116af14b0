"""Tests for mkdesk.core.sync.engine against the emulator on loopback and real SQLite files: full and no-change
syncs, faults, cancellation, error policy (fatal, unavailable, one entity failing, one bad record), joining."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from mkdesk.core.cache import Database, content_digest, list_log, load_sync_state, total_changes
from mkdesk.core.erp import BadCredentials, TransportError
from mkdesk.core.erp.errors import render
from mkdesk.core.sync import ENTITIES, SyncEngine
from mkdesk.emulator.config import Switches
from mkdesk.emulator.model import StockRow
from tests.core.sync_support import client_for, digest_of, integrity, serve, sync_once


@pytest.fixture(scope="module")
def tiny():
    with serve() as handle:
        yield handle


@pytest.fixture(scope="module")
def reference(tiny, tmp_path_factory):
    """A fault-free full sync of the shared tiny company: (result, digest)."""
    return sync_once(tiny, tmp_path_factory.mktemp("ref") / "cache.sqlite3")


def test_full_sync_stores_everything_and_is_reproducible(tiny, reference, tmp_path):
    result, digest = reference
    store = tiny.store
    assert result.ok and not result.warnings
    assert set(result.stats) == set(ENTITIES)
    assert result.changes.get("partners").inserted == len(store.partners)
    assert result.changes.get("products").inserted == len(store.products)
    assert result.changes.get("warehouses").inserted == len(store.warehouses)
    assert result.changes.get("orders").inserted == len(store.documents["sales_order"])
    assert result.changes.get("offers").inserted == len(store.documents["sales_offer"])
    bills = sum(len(store.documents[t]) for t in store.documents if t.startswith("sales_bill"))
    assert result.changes.get("invoices").inserted == bills
    assert result.changes.touches("documents") and result.changes.touches("stock")
    again, digest2 = sync_once(tiny, tmp_path / "fresh.sqlite3")
    assert digest2 == digest
    assert again.changes == result.changes


def test_no_change_sync_writes_no_rows_and_makes_few_requests(tiny, tmp_path):
    path = tmp_path / "cache.sqlite3"
    first, digest = sync_once(tiny, path)

    async def main():
        db = Database.open(path)
        try:
            async with client_for(tiny) as client:
                before = await db.write(total_changes)
                result = await SyncEngine(client, db).sync()
                after = await db.write(total_changes)
                states = {e: await db.read(load_sync_state, e) for e in ENTITIES}
                return result, after - before, states, await db.read(content_digest)
        finally:
            db.close()

    result, changed_rows, states, digest2 = asyncio.run(main())
    assert result.ok and not result.changes
    assert result.rows_written == 0
    assert all(s.inserted == s.updated == s.deleted == 0 for s in result.stats.values())
    # only bookkeeping: each entity's sync_state row (cursor, then counts) and nothing else
    assert changed_rows <= 2 * len(ENTITIES)
    assert result.requests <= 20, {k: v.requests for k, v in result.stats.items()}
    assert digest2 == digest
    assert states["orders"].cursor and states["orders"].last_success
    assert all(s.last_error is None for s in states.values())


def test_faults_reach_the_fault_free_digest(tmp_path):
    with serve(scale="small") as clean:
        _, digest = sync_once(clean, tmp_path / "clean.sqlite3")
    with serve(scale="small", faults=0.1, fault_seed=7) as faulty:
        result, got = sync_once(faulty, tmp_path / "cache.sqlite3")
        injected = list(faulty.app.state.faults.injected)
    assert len(injected) >= 3, injected
    assert result.ok
    assert got == digest


def test_cancel_mid_sync_leaves_a_consistent_cache_and_a_rerun_finishes(reference, tiny, tmp_path):
    _, digest = reference
    path = tmp_path / "cache.sqlite3"

    async def cancelled():
        db = Database.open(path)
        cancel = asyncio.Event()
        calls = []

        def progress(entity, done, total):
            calls.append(entity)
            if entity == "orders" and done >= 20:
                cancel.set()

        try:
            async with client_for(tiny) as client:
                engine = SyncEngine(client, db, options=_small_pages())
                with pytest.raises(asyncio.CancelledError) as info:
                    await engine.sync(progress=progress, cancel=cancel)
                partial = info.value.sync_result
                assert partial.changes.touches("partners") and partial.changes.get("orders").inserted >= 20
                entries = await db.read(list_log)
                assert (entries[0].entity, entries[0].message) == ("orders", "orders: sync cancelled")
                assert entries[0].details == {"code": "sync_cancelled", "entity": "orders"}
                return await db.read(load_sync_state, "orders"), await db.read(load_sync_state, "partners")
        finally:
            db.close()

    orders_state, partners_state = asyncio.run(cancelled())
    assert orders_state is None or orders_state.cursor is None  # the cursor did not move
    assert partners_state is not None and partners_state.last_success is not None
    assert integrity(path) == "ok"
    result, got = sync_once(tiny, path)
    assert result.ok and got == digest


def test_task_cancel_while_writing_keeps_the_cache_consistent(reference, tiny, tmp_path):
    _, digest = reference
    path = tmp_path / "cache.sqlite3"

    async def main():
        db = Database.open(path)
        try:
            async with client_for(tiny) as client:
                task = asyncio.create_task(SyncEngine(client, db, options=_small_pages()).sync())
                await asyncio.sleep(0.15)
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
        finally:
            db.close()

    asyncio.run(main())
    assert integrity(path) == "ok"
    assert sync_once(tiny, path)[1] == digest


def test_bad_credentials_abort_the_whole_sync(tiny, tmp_path):
    path = tmp_path / "cache.sqlite3"
    with pytest.raises(BadCredentials) as info:
        sync_once(tiny, path, client_kw={"secret": "wrong"})
    partial = info.value.sync_result
    assert list(partial.failed) == ["warehouses"]
    db = Database.open(path)
    try:
        entries = db.read_sync(list_log)
    finally:
        db.close()
    assert entries[0].level == "error" and entries[0].entity == "warehouses"
    assert entries[0].details["endpoint"] == "warehouse_list"
    assert "secret key" in entries[0].message
    assert (entries[0].details["code"], entries[0].details["params"]) == ("bad_credentials", {})
    assert entries[0].details["user_message"] == partial.failed["warehouses"]
    assert entries[0].message == f"warehouses: {partial.failed['warehouses']}"
    assert partial.reasons["warehouses"] == {"code": "bad_credentials", "params": {},
                                             "user_message": partial.failed["warehouses"]}


def test_unreachable_endpoint_raises_a_transport_error(tmp_path):
    with serve() as handle:
        url = handle.url
    with serve() as other:
        with pytest.raises(TransportError):
            sync_once(other, tmp_path / "cache.sqlite3", client_kw={"base_url": url})


def test_one_failing_entity_does_not_stop_the_others(tmp_path):
    with serve() as handle:
        product = next(iter(handle.store.products.values()))
        warehouse = next(iter(handle.store.warehouses.values()))
        handle.store.stock.append(StockRow(warehouse.mk_id, product.mk_id, amount=None))  # the handler crashes
        result, _ = sync_once(handle, tmp_path / "cache.sqlite3")
    assert list(result.failed) == ["stock"]
    assert "Metakocka" in result.failed["stock"]
    reason = result.reasons["stock"]
    assert reason["user_message"] == result.failed["stock"]
    assert render(reason["code"], reason["params"]) == result.failed["stock"]  # the sentence, rebuilt from its code
    assert result.changes.get("orders").inserted > 0 and result.changes.get("invoices").inserted > 0


def test_one_bad_record_is_logged_and_skipped(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        products = list(handle.store.products.values())
        products[3].weight = Decimal("NaN")
        result, _ = sync_once(handle, path, ["products"])
    stats = result.stats["products"]
    assert result.ok
    assert stats.skipped == 1 and stats.inserted == len(products) - 1
    assert products[3].mk_id in result.warnings[0]
    db = Database.open(path)
    try:
        entries = db.read_sync(list_log)
    finally:
        db.close()
    assert [e.level for e in entries] == ["warning"]
    assert entries[0].details["mk_id"] == products[3].mk_id
    assert entries[0].message == "products: skipped a record that cannot be read"
    assert (entries[0].details["code"], entries[0].details["entity"]) == ("record_skipped", "products")


def test_an_unexpected_failure_is_logged_with_its_kind_as_parameters(tiny, tmp_path):
    class Broken:
        entity = "warehouses"

        async def run(self, job):
            raise ValueError("no {braces} were harmed")

    path = tmp_path / "cache.sqlite3"
    result, _ = sync_once(tiny, path, ["warehouses"], strategies={"warehouses": Broken()})
    message = "Internal error while syncing (ValueError: no {braces} were harmed)"
    assert result.failed == {"warehouses": message}
    assert result.reasons["warehouses"] == {
        "code": "internal_error", "params": {"kind": "ValueError", "detail": "no {braces} were harmed"},
        "user_message": message}
    db = Database.open(path)
    try:
        (entry,) = db.read_sync(list_log)
    finally:
        db.close()
    assert entry.message == f"warehouses: {message}"
    assert entry.details["code"] == "internal_error" and entry.details["entity"] == "warehouses"
    assert entry.details["params"] == {"kind": "ValueError", "detail": "no {braces} were harmed"}


def test_a_second_request_joins_the_running_sync(tiny, tmp_path):
    path = tmp_path / "cache.sqlite3"

    async def main():
        db = Database.open(path)
        try:
            async with client_for(tiny) as client:
                engine = SyncEngine(client, db)
                first = asyncio.create_task(engine.sync())
                await asyncio.sleep(0)
                assert engine.running
                second = await engine.sync(["orders"])
                return await first, second
        finally:
            db.close()

    first, second = asyncio.run(main())
    assert first is second


def test_orders_fall_back_to_a_date_window_without_last_change(reference, tmp_path):
    with serve(switches=Switches(last_change_doc_types=())) as handle:
        path = tmp_path / "cache.sqlite3"
        first, _ = sync_once(handle, path, ["orders"])
        second, _ = sync_once(handle, path, ["orders"])
    assert first.ok and second.ok
    assert first.stats["orders"].mode == "full" and second.stats["orders"].mode == "window"
    assert second.rows_written == 0
    assert any("last_change" in w for w in second.warnings)


def _small_pages():
    from mkdesk.core.sync import SyncOptions

    return SyncOptions(search_page=5, catalog_page=10)


def test_tune_interpreter_only_shortens_the_switch_interval():
    import sys

    from mkdesk.core.sync.engine import SWITCH_INTERVAL, tune_interpreter

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        tune_interpreter()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL, rel=0.05)
        sys.setswitchinterval(0.0001)
        tune_interpreter()
        assert sys.getswitchinterval() == pytest.approx(0.0001, rel=0.05)
    finally:
        sys.setswitchinterval(before)
