"""The context pane's facts: open orders, pending offers, unpaid bills with aging, segments, purchases, stock."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mkdesk.core.context import facts
from tests.core.context_world import PARTNERS, PRODUCTS, TODAY, partner_id, world_cache, world_db  # noqa: F401


def doc(i, doc_type="sales_order", day=TODAY, status=None, label=None, total="100.00", paid="0", unpaid=False,
        due=None, valid_to=None):
    return {"id": i, "mk_id": str(i), "doc_type": doc_type, "count_code": f"N{i}", "doc_date": day.isoformat(),
            "status_code": label, "status_desc": status, "buyer_order": None, "sum_all": total, "sum_paid": paid,
            "open_balance": None, "currency": "EUR", "due_date": due.isoformat() if due else None,
            "valid_to": valid_to.isoformat() if valid_to else None, "is_unpaid": int(unpaid)}


def test_open_orders_leave_out_completed_and_cancelled_by_code_or_label():
    docs = [doc(1, status="in_progress"), doc(2, status="completed"), doc(3, label="Preklican"), doc(4),
            doc(5, status="shipped"), doc(6, "sales_offer")]
    assert [f.document_id for f in facts.open_orders(docs, TODAY)] == [1, 4, 5]


def test_pending_offers_and_expiry():
    docs = [doc(1, "sales_offer", status="open", valid_to=TODAY - timedelta(days=1)),
            doc(2, "sales_offer", label="Sprejeta"), doc(3, "sales_offer", valid_to=TODAY)]
    offers = facts.pending_offers(docs, TODAY)
    assert [(o.document_id, o.expired) for o in offers] == [(1, True), (3, False)]


def test_unpaid_bills_age_and_sum_exactly_per_currency():
    docs = [doc(1, "sales_bill_domestic", total="100.10", paid="0.05", unpaid=True, due=TODAY - timedelta(days=10)),
            doc(2, "sales_bill_domestic", total="0.30", unpaid=True, due=TODAY),
            doc(3, "sales_bill_domestic", total="50", paid="50", due=TODAY - timedelta(days=99)),
            {**doc(4, "sales_bill_foreign", total="20", unpaid=True), "currency": "USD"}]
    bills, balances = facts.unpaid_invoices(docs, TODAY)
    assert [(b.document_id, b.days_overdue) for b in bills] == [(1, 10), (2, 0), (4, 0)]
    assert bills[0].open_balance == Decimal("100.05")
    eur, usd = balances
    assert (eur.currency, eur.open_balance, eur.overdue_balance, eur.unpaid_count, eur.overdue_count,
            eur.oldest_days_overdue) == ("EUR", Decimal("100.35"), Decimal("100.05"), 2, 1, 10)
    assert (usd.currency, usd.open_balance) == ("USD", Decimal("20"))


@pytest.mark.parametrize("days, code, dormant", [
    ([], "new", False), ([5], "first_time", False), ([100], "first_time", True), ([5, 400], "regular", False),
    ([10, 40, 70, 100, 130, 160], "loyal", False), ([95, 100, 130, 160, 190, 220, 250], "loyal", True),
    ([10, 40, 70, 100, 130, 400], "regular", False),
])
def test_segments_and_the_90_day_warning(days, code, dormant):
    seg = facts.segment([doc(i, day=TODAY - timedelta(days=d)) for i, d in enumerate(days)], TODAY)
    assert (seg.code, seg.dormant) == (code, dormant)
    assert seg.purchases == len(days)
    if days:
        assert seg.days_since_last == min(days) and seg.last_purchase == TODAY - timedelta(days=min(days))
        assert ("No order in" in seg.reason) is dormant


def test_purchases_count_an_order_and_its_invoice_once(world_db):
    mk_id = PARTNERS["novak"].mk_id
    bought = world_db.read_sync(lambda conn: facts.purchases(conn, facts.partner_documents(conn, mk_id)))
    # 2 orders, and the 2 bills without an order; 1-MK-2025-9003 was made from PP-2025-90002
    assert sorted(p["count_code"] for p in bought) == ["1-MK-2026-9001", "1-MK-2026-9002", "PP-2025-90002",
                                                       "PP-2026-90001"]


def test_recent_purchases_rank_the_last_12_months(world_db):
    mk_id = PARTNERS["novak"].mk_id

    def read(conn):
        docs = facts.partner_documents(conn, mk_id)
        return facts.recent_purchases(conn, facts.purchases(conn, docs), TODAY)

    top = world_db.read_sync(read)
    assert [(p.code, p.quantity, p.documents) for p in top] == [
        ("PS-WTV8636XS", Decimal("4"), 1), ("HL-RCNA406", Decimal("2"), 1), ("SE-DYSONV15", Decimal("2"), 1),
        ("SS-DS8433RX", Decimal("1"), 1)]
    assert all(p.product_id is not None for p in top)
    later = world_db.read_sync(lambda conn: facts.recent_purchases(
        conn, facts.purchases(conn, facts.partner_documents(conn, mk_id)), date(2027, 3, 2)))
    assert later == ()


def test_card_prefers_the_writing_contact(world_db):
    pid = partner_id(world_db, "novak")
    card = world_db.read_sync(lambda conn: facts.card(conn, pid, "bojan@elektro-novak.si"))
    assert (card.contact_name, card.contact_email, card.city) == ("Bojan Zupan", "bojan@elektro-novak.si", "Ljubljana")
    card = world_db.read_sync(lambda conn: facts.card(conn, pid, None))
    assert card.contact_name == "Ana Novak"
    assert world_db.read_sync(lambda conn: facts.card(conn, 10 ** 9, None)) is None


def test_stock_per_warehouse_main_first_and_products_without_stock(world_db):
    p = PRODUCTS["beko_fridge"]

    def read(conn):
        pid = conn.exec_driver_sql("SELECT id FROM products WHERE mk_id = ?", (p.mk_id,)).scalar_one()
        return facts.stock_of(conn, [(pid, p.mk_id, p.code, p.name, "kos", Decimal("4")),
                                     (0, "no-such", None, None, None, None)])

    fridge, nothing = world_db.read_sync(read)
    assert [(w.mark, w.free, w.reserved) for w in fridge.warehouses] == [
        ("glavno", Decimal("2"), Decimal("1")), ("KP", Decimal("2"), Decimal("0")), ("MB", Decimal("1"), Decimal("0"))]
    assert fridge.free == Decimal("5") and fridge.enough is True
    assert nothing.warehouses == () and nothing.free == Decimal("0")


def test_freshness_per_block(world_db):
    fresh = world_db.read_sync(lambda conn: facts.freshness(conn, ["partner", "stock", "purchases"]))
    assert [(f.block, f.entity) for f in fresh] == [("partner", "partners"), ("stock", "stock"),
                                                   ("purchases", "orders")]
    assert all(f.last_success is not None and f.last_success.tzinfo is not None for f in fresh)
