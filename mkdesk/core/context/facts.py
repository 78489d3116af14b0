"""Core layer: the context pane's facts about one partner and the mentioned products, from the cache (reader threads).

One pass over the partner's documents (index `ix_documents_partner`) gives open sales orders, pending offers, unpaid
bills with aging, balances and the segment; the lines of the last 12 months give the top products. Segments count
*purchases*: sales orders that were not cancelled, plus bills not made from an order (retail, direct invoices):
  new        — no purchase in the cache (a prospect);
  first_time — exactly one purchase;
  regular    — two or more purchases, fewer than `LOYAL_PURCHASES_12M` in the last 12 months;
  loyal      — `LOYAL_PURCHASES_12M` (6) or more purchases in the last 12 months.
"Dormant" (the "no order in 90 days" warning): bought before, nothing in the last `DORMANT_DAYS` (90) days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.encode import BILL_TYPES
from mkdesk.core.cache.query import chunks, marks, one, rows
from mkdesk.core.cache.values import to_day, to_dec, to_ts
from mkdesk.core.context.models import (
    Balance,
    DocumentFact,
    Freshness,
    InvoiceFact,
    PartnerCard,
    PurchaseFact,
    Segment,
    StockFact,
    WarehouseLevel,
)
from mkdesk.core.context.reasons import why
from mkdesk.core.context.text import fold

ZERO = Decimal(0)
LOYAL_PURCHASES_12M = 6
DORMANT_DAYS = 90
PURCHASE_MONTHS = 12
LIST_LIMIT = 20
TOP_PRODUCTS = 10
#: orders in these states are done (register codes, then labels folded)
CLOSED_ORDER = frozenset({"completed", "canceled", "cancelled", "closed", "zakljucen", "preklican", "storniran",
                          "zaprt"})
CANCELLED_ORDER = frozenset({"canceled", "cancelled", "preklican", "storniran"})
#: offers in these states are no longer pending
CLOSED_OFFER = frozenset({"accepted", "rejected", "canceled", "cancelled", "closed", "sprejeta", "zavrnjena",
                          "preklicana", "zaprta", "realizirana"})
#: which sync entity each block's data comes from
BLOCK_ENTITIES = {"partner": "partners", "orders": "orders", "offers": "offers", "invoices": "invoices",
                  "purchases": "orders", "stock": "stock"}
_DOC_COLUMNS = ("id, mk_id, doc_type, count_code, doc_date, status_code, status_desc, buyer_order, sum_all, "
                "sum_paid, open_balance, currency, due_date, valid_to, is_unpaid")
_PURCHASE_TYPES = ("sales_order", "sales_bill_domestic", "sales_bill_foreign", "sales_bill_retail")


def _state(d: dict[str, Any]) -> set[str]:
    return {fold(v) for v in (d["status_desc"], d["status_code"]) if v}


def partner_documents(conn: Connection, partner_mk_id: str) -> list[dict[str, Any]]:
    return rows(conn, f"SELECT {_DOC_COLUMNS} FROM documents WHERE partner_mk_id = ? "
                      f"ORDER BY doc_date DESC, id DESC", (partner_mk_id,))


def card(conn: Connection, partner_id: int, sender: str | None) -> PartnerCard | None:
    p = one(conn, "SELECT id, mk_id, name, count_code, tax_id_number, email, phone, city, country FROM partners "
                  "WHERE id = ?", (partner_id,))
    if p is None:
        return None
    contacts = rows(conn, "SELECT name, email, gsm, phone FROM contacts WHERE partner_id = ? ORDER BY position",
                    (partner_id,))
    contact = next((c for c in contacts if sender and (c["email"] or "").strip().lower() == sender), None)
    contact = contact or next((c for c in contacts if c["name"]), None)
    addresses = rows(conn, "SELECT address_type, street, post_number, city, country FROM addresses "
                           "WHERE partner_id = ? ORDER BY position", (partner_id,))
    billing = next((a for a in addresses if fold(a["address_type"] or "") in ("racun", "billing", "invoice")),
                   addresses[0] if addresses else None)
    return PartnerCard(
        partner_id=p["id"], mk_id=p["mk_id"], name=p["name"], count_code=p["count_code"],
        tax_id_number=p["tax_id_number"], contact_name=contact["name"] if contact else None,
        contact_email=(contact["email"] if contact else None) or p["email"],
        phone=(contact and (contact["gsm"] or contact["phone"])) or p["phone"],
        street=billing["street"] if billing else None, post_number=billing["post_number"] if billing else None,
        city=(billing["city"] if billing else None) or p["city"],
        country=(billing["country"] if billing else None) or p["country"])


def _fact(d: dict[str, Any], today: date) -> DocumentFact:
    valid_to = to_day(d["valid_to"])
    return DocumentFact(document_id=d["id"], mk_id=d["mk_id"], doc_type=d["doc_type"], count_code=d["count_code"],
                        doc_date=to_day(d["doc_date"]), status=d["status_code"], status_code=d["status_desc"],
                        buyer_order=d["buyer_order"], sum_all=to_dec(d["sum_all"]), currency=d["currency"],
                        valid_to=valid_to, expired=valid_to is not None and valid_to < today)


def open_orders(docs: list[dict[str, Any]], today: date) -> tuple[DocumentFact, ...]:
    return tuple(_fact(d, today) for d in docs
                 if d["doc_type"] == "sales_order" and not _state(d) & CLOSED_ORDER)[:LIST_LIMIT]


def pending_offers(docs: list[dict[str, Any]], today: date) -> tuple[DocumentFact, ...]:
    return tuple(_fact(d, today) for d in docs
                 if d["doc_type"] == "sales_offer" and not _state(d) & CLOSED_OFFER)[:LIST_LIMIT]


def unpaid_invoices(docs: list[dict[str, Any]], today: date) -> tuple[tuple[InvoiceFact, ...], tuple[Balance, ...]]:
    """Unpaid bills, oldest due first, and the balance per currency (open = sum_all − sum_paid, exact)."""
    bills = []
    for d in docs:
        if not d["is_unpaid"]:
            continue
        total, paid = to_dec(d["sum_all"]) or ZERO, to_dec(d["sum_paid"]) or ZERO
        due = to_day(d["due_date"])
        bills.append(InvoiceFact(document_id=d["id"], mk_id=d["mk_id"], doc_type=d["doc_type"],
                                 count_code=d["count_code"], doc_date=to_day(d["doc_date"]), due_date=due,
                                 sum_all=total, sum_paid=paid, open_balance=total - paid, currency=d["currency"],
                                 days_overdue=max(0, (today - due).days) if due is not None else 0))
    bills.sort(key=lambda b: (b.due_date or date.max, b.document_id))
    totals: dict[str | None, list] = {}
    for b in bills:
        t = totals.setdefault(b.currency, [ZERO, ZERO, 0, 0, 0])
        t[0] += b.open_balance
        t[2] += 1
        if b.overdue:
            t[1] += b.open_balance
            t[3] += 1
            t[4] = max(t[4], b.days_overdue)
    balances = tuple(Balance(currency, *values) for currency, values in
                     sorted(totals.items(), key=lambda kv: kv[0] or ""))
    return tuple(bills[:LIST_LIMIT]), balances


def _bills_from_orders(conn: Connection, bill_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(bill_ids):
        found |= {r["document_id"] for r in rows(
            conn, f"SELECT DISTINCT document_id FROM doc_links WHERE document_id IN ({marks(chunk)}) "
                  f"AND doc_type = 'sales_order'", chunk)}
    return found


def purchases(conn: Connection, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The partner's purchases (see the module), newest first."""
    orders = [d for d in docs if d["doc_type"] == "sales_order" and not _state(d) & CANCELLED_ORDER]
    bills = [d for d in docs if d["doc_type"] in BILL_TYPES and d["doc_type"] in _PURCHASE_TYPES]
    from_orders = _bills_from_orders(conn, [b["id"] for b in bills]) if bills else set()
    return orders + [b for b in bills if b["id"] not in from_orders]


def segment(bought: list[dict[str, Any]], today: date) -> Segment:
    dates = sorted(d for d in (to_day(p["doc_date"]) for p in bought) if d is not None)
    since = today - timedelta(days=365)
    recent = sum(1 for d in dates if d > since)
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    days = (today - last).days if last else None
    dormant = last is not None and days is not None and days > DORMANT_DAYS
    n = len(bought)
    if n == 0:
        code = "new"
    elif n == 1:
        code = "first_time"
    elif recent >= LOYAL_PURCHASES_12M:
        code = "loyal"
    else:
        code = "regular"
    said = why("seg_" + code, total=n, recent=recent, first=first.isoformat() if first else "?")
    if dormant:
        said["reason"] += " " + why("dormant", days=days)["reason"]
    return Segment(code=code, purchases=n, purchases_12m=recent, first_purchase=first, last_purchase=last,
                   days_since_last=days, dormant=dormant, **said)


def recent_purchases(conn: Connection, bought: list[dict[str, Any]], today: date) -> tuple[PurchaseFact, ...]:
    """The most bought products over the last 12 months (by quantity, then how often), from the purchases' lines."""
    since = (today - timedelta(days=365)).isoformat()
    ids = [p["id"] for p in bought if (p["doc_date"] or "") > since]
    if not ids:
        return ()
    dates = {p["id"]: to_day(p["doc_date"]) for p in bought}
    totals: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        for r in rows(conn, f"SELECT document_id, product_mk_id, code, name, amount, unit FROM document_lines WHERE "
                            f"document_id IN ({marks(chunk)}) AND (product_mk_id IS NOT NULL OR code IS NOT NULL)",
                      chunk):
            key = r["product_mk_id"] or f"code:{r['code']}"
            t = totals.setdefault(key, {"mk_id": r["product_mk_id"], "code": r["code"], "name": r["name"],
                                        "unit": r["unit"], "qty": ZERO, "docs": set(), "last": None})
            t["qty"] += to_dec(r["amount"]) or ZERO
            t["docs"].add(r["document_id"])
            day = dates.get(r["document_id"])
            if day is not None and (t["last"] is None or day > t["last"]):
                t["last"] = day
    top = sorted(totals.values(), key=lambda t: (-t["qty"], -len(t["docs"]), t["name"] or ""))[:TOP_PRODUCTS]
    mk_ids = [t["mk_id"] for t in top if t["mk_id"]]
    local = {r["mk_id"]: r["id"] for r in rows(conn, f"SELECT id, mk_id FROM products WHERE mk_id IN "
                                                     f"({marks(mk_ids)})", mk_ids)} if mk_ids else {}
    return tuple(PurchaseFact(product_id=local.get(t["mk_id"]), mk_id=t["mk_id"], code=t["code"], name=t["name"],
                              quantity=t["qty"], unit=t["unit"], documents=len(t["docs"]), last_date=t["last"])
                 for t in top)


def stock_of(conn: Connection, products: Iterable[tuple[int, str, str | None, str | None, str | None,
                                                         Decimal | None]]) -> tuple[StockFact, ...]:
    """Stock per warehouse (main first) of (product id, mk_id, code, name, unit, requested quantity) tuples."""
    wanted = list(products)
    mk_ids = [p[1] for p in wanted]
    if not mk_ids:
        return ()
    levels: dict[str, list[tuple]] = {}
    for r in rows(conn, f"SELECT s.product_mk_id, s.warehouse_id, s.amount, s.reserved_amount, s.free_amount, "
                        f"w.mark, w.name, coalesce(w.main, 0) AS main FROM stock s LEFT JOIN warehouses w "
                        f"ON w.mk_id = s.warehouse_id WHERE s.product_mk_id IN ({marks(mk_ids)})", mk_ids):
        levels.setdefault(r["product_mk_id"], []).append(
            (-r["main"], r["mark"] or "", r["warehouse_id"],
             WarehouseLevel(r["warehouse_id"], r["mark"], r["name"], Decimal(r["amount"]),
                            Decimal(r["reserved_amount"]), Decimal(r["free_amount"]))))
    out = []
    for pid, mk_id, code, name, unit, requested in wanted:
        per = tuple(level for *_key, level in sorted(levels.get(mk_id, []), key=lambda v: v[:3]))
        out.append(StockFact(product_id=pid, mk_id=mk_id, code=code, name=name, unit=unit, warehouses=per,
                             free=sum((w.free for w in per), ZERO), reserved=sum((w.reserved for w in per), ZERO),
                             requested=requested))
    return tuple(out)


def freshness(conn: Connection, blocks: Iterable[str]) -> tuple[Freshness, ...]:
    synced: dict[str, datetime | None] = {r["entity"]: to_ts(r["last_success"])
                                          for r in rows(conn, "SELECT entity, last_success FROM sync_state")}
    return tuple(Freshness(block, BLOCK_ENTITIES[block], synced.get(BLOCK_ENTITIES[block])) for block in blocks)
