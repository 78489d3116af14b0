"""Tests for mkdesk.core.sync.documents (and the full scans beside them): changes made in the emulator between two
syncs arrive with an incremental sync, nothing else is rewritten, and the cache then equals a fresh full sync."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.erp import DocumentDraft, LineDraft, PartnerRef
from mkdesk.core.sync import SyncOptions
from mkdesk.core.sync.documents import TZ, parse_cursor
from tests.core.sync_support import serve, sync_once, with_client


def _recent(store, doc_type, days=20, skip=0):
    today = datetime.now(TZ).date()
    docs = [d for d in store.documents[doc_type].values() if d.doc_date >= today - timedelta(days=days)]
    return docs[skip]


def test_changes_between_syncs_arrive_and_nothing_else_is_rewritten(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve(scale="small") as handle:
        store = handle.store
        first, _ = sync_once(handle, path)
        assert first.ok
        today = datetime.now(TZ).date()
        partner = next(iter(store.partners.values()))
        product = next(p for p in store.products.values() if not p.service)
        updated = _recent(store, "sales_order", skip=0)
        deleted = _recent(store, "sales_order", skip=1)
        bill = next(d for d in store.documents["sales_bill_domestic"].values()
                    if d.doc_date >= today - timedelta(days=30) and d.pay_state != "paid")
        offer = next(iter(store.documents["sales_offer"].values()))
        stock_before = set(with_client(handle, lambda c: c.stock_levels()))

        async def change(c):
            draft = DocumentDraft("sales_order", today, PartnerRef(partner.mk_id, partner.addresses[0].mk_id),
                                  [LineDraft(code=product.code, amount=Decimal(3), price=Decimal("10"), tax="EX4")],
                                  buyer_order="SYNC-TEST-1")
            created = await c.put_document(draft)
            await c.update_document("sales_order", updated.mk_id, notes="Poklicati pred dostavo")
            await c.delete_document("sales_order", deleted.mk_id)
            await c.put_transaction("sales_bill_domestic", Decimal("5.00"), "Transakcijski račun", mk_id=bill.mk_id,
                                    paid_on=today)
            await c.update_partner(partner.mk_id, customer="Preimenovan d.o.o.")
            return created

        created = with_client(handle, change)
        del store.documents["sales_offer"][offer.mk_id]  # deleted in the Metakocka UI (the API cannot)
        row = store.stock[5]
        row.amount += Decimal(7)  # a stock move
        changed_levels = set(with_client(handle, lambda c: c.stock_levels())) - stock_before
        assert (row.product_id, row.warehouse_id) in {(lv.product_mk_id, lv.warehouse_id) for lv in changed_levels}

        second, digest = sync_once(handle, path)
        fresh, fresh_digest = sync_once(handle, tmp_path / "fresh.sqlite3")

    assert second.ok, second.failed
    c = second.changes
    assert c.get("orders").as_dict() == {"inserted": 1, "updated": 1, "deleted": 1}
    assert c.get("invoices").as_dict() == {"inserted": 0, "updated": 1, "deleted": 0}
    assert c.get("offers").as_dict() == {"inserted": 0, "updated": 0, "deleted": 1}
    assert c.get("partners").as_dict() == {"inserted": 0, "updated": 1, "deleted": 0}
    assert not c.touches("products") and not c.touches("warehouses")
    stock = c.get("stock")
    assert stock.inserted == 0 and stock.deleted == 0
    assert stock.updated == len(changed_levels)  # the move and the reservations of the new and deleted orders
    assert second.stats["orders"].mode == "incremental"
    assert second.stats["invoices"].mode == "window" and second.stats["offers"].mode == "ids"
    assert created.mk_id
    assert digest == fresh_digest


def test_offer_status_change_fetches_only_that_offer(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        sync_once(handle, path, ["offers"])
        offer = next(iter(handle.store.documents["sales_offer"].values()))
        offer.status_desc, offer.status_label = "rejected", "Zavrnjena"
        result, digest = sync_once(handle, path, ["offers"])
        _, fresh = sync_once(handle, tmp_path / "fresh.sqlite3", ["offers"])
    stats = result.stats["offers"]
    assert result.changes.get("offers").updated == 1
    pages = -(-len(handle.store.documents["sales_offer"]) // 100)
    assert stats.requests == pages + 1  # the id scan and one get_document
    assert digest == fresh


def test_full_reconcile_is_periodic(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        sync_once(handle, path, ["invoices", "offers"])
        old = next(iter(handle.store.documents["sales_bill_domestic"].values()))  # outside the window
        del handle.store.documents["sales_bill_domestic"][old.mk_id]
        window, _ = sync_once(handle, path, ["invoices"])
        assert window.stats["invoices"].mode == "window" and not window.changes
        due, _ = sync_once(handle, path, ["invoices", "offers"], options=SyncOptions(reconcile_hours=0))
    assert due.stats["invoices"].mode == "full" and due.stats["offers"].mode == "full"
    assert due.changes.get("invoices").deleted == 1


@pytest.mark.parametrize("text, ok", [(None, False), ("", False), ("nonsense", False),
                                      ("2026-03-02T08:00:00+01:00", True), ("2026-03-02T08:00:00", True)])
def test_parse_cursor(text, ok):
    value = parse_cursor(text)
    assert (value is not None) == ok
    assert value is None or value.tzinfo is not None


def test_orders_cursor_is_the_run_start(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve() as handle:
        before = datetime.now(TZ).replace(microsecond=0)
        sync_once(handle, path, ["orders"])
    db = Database.open(path)
    try:
        from mkdesk.core.cache import load_sync_state

        state = db.read_sync(load_sync_state, "orders")
    finally:
        db.close()
    cursor = parse_cursor(state.cursor)
    assert before <= cursor <= datetime.now(TZ)
    assert state.last_full_reconcile is not None


def test_payments_on_older_unpaid_invoices_arrive_without_a_full_reconcile(tmp_path):
    path = tmp_path / "cache.sqlite3"
    with serve(scale="small") as handle:
        first, _ = sync_once(handle, path, ["invoices"])
        today = datetime.now(TZ).date()

        async def find(c):
            since = today - timedelta(days=61)
            page = await c.search("sales_bill_domestic", filters={"payment_status": False, "doc_date_to": since})
            return [d for d in page.items if d.sum_all and d.sum_all > d.sum_paid]

        old_unpaid = with_client(handle, find)
        partly, settled = old_unpaid[0], old_unpaid[1]

        async def pay(c):
            await c.put_transaction("sales_bill_domestic", Decimal("1.00"), "Transakcijski račun", mk_id=partly.mk_id,
                                    paid_on=today)
            await c.put_transaction("sales_bill_domestic", settled.sum_all - settled.sum_paid, "Transakcijski račun",
                                    mk_id=settled.mk_id, paid_on=today)

        with_client(handle, pay)
        unchanged, _ = sync_once(handle, path, ["invoices"])  # the hourly check is not due yet
        assert not unchanged.changes
        second, digest = sync_once(handle, path, ["invoices"], options=SyncOptions(unpaid_check_minutes=0))
        _, fresh = sync_once(handle, tmp_path / "fresh.sqlite3", ["invoices"])
    stats = second.stats["invoices"]
    assert stats.mode == "window"
    assert second.changes.get("invoices").as_dict() == {"inserted": 0, "updated": 2, "deleted": 0}
    assert digest == fresh
