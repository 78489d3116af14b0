"""Emulator layer: `get_document`, `put_document` (create or full replace) and `delete_document` handlers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from mkdesk.emulator import docinput, docs, wire_in, wire_out
from mkdesk.emulator.envelope import ApiError, Ctx, doc_type_of
from mkdesk.emulator.h_search import DOC_FLAGS
from mkdesk.emulator.model import BILL_TYPES, DocLink, Document, Store, compute_sums, money

PUT_TYPES = (
    "sales_offer",
    "sales_order",
    "sales_bill_domestic",
    "sales_bill_foreign",
    "sales_bill_retail",
    "sales_bill_credit_note",
)


def get_document(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    doc_type = doc_type_of(body)
    doc_id = wire_in.text(body.get("doc_id"))
    buyer_order = wire_in.text(body.get("buyer_order"))
    if doc_id is None and buyer_order is not None and doc_type == "sales_order":
        doc = docs.find_by(ctx.store, doc_type, "buyer_order", buyer_order)
        if doc is None:
            raise docs.not_found(doc_type, buyer_order)
    else:
        doc = docs.find(ctx.store, doc_type, doc_id)
        if doc is None:
            raise docs.not_found(doc_type, doc_id)
    flags = {f: wire_in.as_bool(body.get(f)) for f in DOC_FLAGS}
    return wire_out.document(ctx.store, doc, flags)


@contextmanager
def atomic(store: Store) -> Iterator[None]:
    """Undo partners/products created by a write that then fails (the real API writes all or nothing)."""
    partners, products = len(store.partners), len(store.products)
    try:
        yield
    except ApiError:
        for key in list(store.partners)[partners:]:
            del store.partners[key]
        for key in list(store.products)[products:]:
            del store.products[key]
        raise


def _date_field(body: dict[str, Any], name: str) -> Any:
    raw = body.get(name)
    if wire_in.text(raw) is None:
        return None
    found = wire_in.lenient_date(raw)
    if found is None:
        raise ApiError("6", f"Not valid date for {name} : {raw}")
    return found


def _status(ctx: Ctx, doc_type: str, body: dict[str, Any]) -> tuple[str | None, str | None]:
    value = wire_in.text(body.get("status_code"))
    statuses = docs.register(ctx.store, doc_type)
    if value is None:
        if doc_type in ("sales_order", "sales_offer") and statuses:
            first = next(iter(statuses))
            return first, statuses[first]
        return None, None
    found = docs.resolve_status(ctx.store, doc_type, value, ctx.switches.status_accepts_labels)
    if found is None:
        raise docs.invalid_value("status_code", value, list(statuses))
    return found


def _check_buyer_order(ctx: Ctx, doc_type: str, buyer_order: str | None, own: str | None) -> None:
    if not (ctx.switches.unique_buyer_order and buyer_order and doc_type == "sales_order"):
        return
    dupes = [
        {"count_code": d.count_code, "mk_id": d.mk_id}
        for d in ctx.store.documents[doc_type].values()
        if d.buyer_order == buyer_order and d.mk_id != own
    ]
    if dupes:
        text = "Documents with some buyer order already exist"
        raise ApiError("6", text, opr_code_app="7", opr_desc_app=text, duplicate_doc_list=dupes)


def _offer_codes(body: dict[str, Any]) -> list[str]:
    items = [o for o in wire_in.as_list(body.get("offer_list")) if isinstance(o, dict)]
    return [c for c in (wire_in.text(o.get("count_code")) for o in items) if c]


def put_document(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store, sw = ctx.store, ctx.switches
    doc_type = doc_type_of(body, PUT_TYPES)
    mk_id = wire_in.text(body.get("mk_id"))
    old = None
    if mk_id is not None:
        old = docs.find(store, doc_type, mk_id)
        if old is None:
            raise docs.not_found(doc_type, mk_id)
    raw_date = body.get("doc_date")
    if wire_in.text(raw_date) is None:
        raise ApiError("2", "Value is require for doc_date")
    doc_date = wire_in.doc_date(raw_date, sw.strict_doc_date)
    if doc_date is None:
        raise ApiError("6", f"Not valid date for doc_date : {raw_date}")
    profit_center = wire_in.text(body.get("profit_center"))
    if profit_center is not None and profit_center not in store.profit_centers:
        raise ApiError("6", f"Profit center '{profit_center}' doesn't exist.")
    status_desc, status_label = _status(ctx, doc_type, body)
    buyer_order = wire_in.text(body.get("buyer_order"))
    _check_buyer_order(ctx, doc_type, buyer_order, mk_id)
    discount_value = None
    if wire_in.text(body.get("discount_value")) is not None:
        discount_value = wire_in.as_decimal(body.get("discount_value"))
        if discount_value is None:
            raise ApiError("6", f"Not valid number for discount_value : {body.get('discount_value')}")
    dates = {n: _date_field(body, n) for n in ("delivery_deadline", "duo_payment", "valid_to", "shipped_date")}

    with atomic(store):
        partner = docinput.resolve_partner(ctx, body.get("partner"))
        lines = docinput.build_lines(ctx, body.get("product_list"))
        if discount_value is None and wire_in.text(body.get("discount_percent")) is not None:
            pct = wire_in.as_decimal(body.get("discount_percent"))
            if pct is None:
                raise ApiError("6", "Not valid number for discount_percent")
            discount_value = money(compute_sums(lines).all * pct / 100)
        total = compute_sums(lines, discount_value).all
        payments = docinput.mark_paid(ctx, body.get("mark_paid"), total)

    now = ctx.now()
    warehouse = docs.warehouse_for(store, wire_in.text(body.get("warehouse"))).mark if store.warehouses else None
    if doc_type == "sales_offer":
        warehouse = None
    count_code = wire_in.text(body.get("count_code"))
    if old is not None:
        count_code = old.count_code
    elif count_code is None:
        count_code = docs.series_number(store, doc_type, doc_date.year)
    elif docs.count_code_taken(store, doc_type, count_code):
        count_code = docs.auto_number(store, doc_type)
    due = dates["duo_payment"]
    if due is None and doc_type in BILL_TYPES:
        days = wire_in.as_int(body.get("duo_payment_days"), 15) or 0
        due = doc_date + timedelta(days=days)
    valid_to = dates["valid_to"]
    if valid_to is None and doc_type == "sales_offer":
        valid_to = doc_date + timedelta(days=wire_in.as_int(body.get("valid_days"), 15) or 0)
    doc = Document(
        mk_id=old.mk_id if old else store.next_id(doc_type),
        doc_type=doc_type,
        count_code=count_code,
        doc_date=doc_date,
        partner=partner,
        created_ts=old.created_ts if old else now,
        last_change=now,
        currency=wire_in.text(body.get("currency_code")) or "EUR",
        status_label=status_label,
        status_desc=status_desc,
        buyer_order=buyer_order if doc_type == "sales_order" else None,
        title=wire_in.text(body.get("title")),
        warehouse=warehouse,
        delivery_type=wire_in.text(body.get("delivery_type")),
        method_of_payment=wire_in.text(body.get("method_of_payment")),
        notes=wire_in.text(body.get("notes")),
        notes_header=wire_in.text(body.get("notes_header")),
        due_date=due,
        valid_to=valid_to,
        delivery_deadline=dates["delivery_deadline"],
        shipped_date=dates["shipped_date"],
        publish_ts=(old.publish_ts if old and old.publish_ts else now) if doc_type in BILL_TYPES else None,
        discount_value=discount_value,
        commercialist_email=wire_in.text(body.get("commercialist_email")),
        profit_center=profit_center,
        doc_links=list(old.doc_links) if old else [],
        offer_list=_offer_codes(body),
        lines=lines,
        payments=payments if payments is not None else (list(store.payments(old)) if old else []),
    )
    if old is not None:
        docs.reserve(store, old, -1)
    store.documents[doc_type][doc.mk_id] = doc
    docs.reserve(store, doc, 1)
    answer: dict[str, Any] = {
        "mk_id": doc.mk_id,
        "count_code": doc.count_code,
        "partner": {"mk_id": partner.mk_id},
        "document_type_short": wire_out.DOC_TYPE_SHORT.get(doc_type),
        "total_price": wire_out.dec(store.sums(doc).all),
    }
    if doc_type == "sales_order" and wire_in.as_bool(body.get("create_invoice")):
        bill = create_invoice(ctx, doc)
        answer["attachment_list"] = [{"bill_mk_id": bill.mk_id}]
    return wire_out.clean(answer)


def create_invoice(ctx: Ctx, order: Document) -> Document:
    """Issue a domestic invoice from a sales order and link the two (what `create_invoice` does)."""
    store = ctx.store
    now = ctx.now()
    store.materialize(order)
    bill_type = "sales_bill_foreign" if order.partner.foreign else "sales_bill_domestic"
    bill = Document(
        mk_id=store.next_id(bill_type),
        doc_type=bill_type,
        count_code=docs.series_number(store, bill_type, store.today.year),
        doc_date=store.today,
        partner=order.partner,
        created_ts=now,
        last_change=now,
        currency=order.currency,
        warehouse=order.warehouse,
        method_of_payment=order.method_of_payment,
        due_date=store.today + timedelta(days=15),
        publish_ts=now,
        discount_value=order.discount_value,
        doc_links=[DocLink(order.mk_id, order.count_code, order.doc_type)],
        lines=[replace(x, mk_row_id=store.next_id("row")) for x in order.lines or []],
        payments=[],
    )
    store.documents[bill_type][bill.mk_id] = bill
    order.doc_links.append(DocLink(bill.mk_id, bill.count_code, bill_type))
    order.last_change = now
    return bill


def delete_document(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    mk_id = wire_in.text(body.get("mk_id"))
    if mk_id is None:
        raise ApiError("2", "Paramether mk_id must be set")
    if wire_in.text(body.get("doc_type")) is None:
        raise ApiError("1", "Internal server error.")
    doc_type = doc_type_of(body)
    if doc_type != "sales_order":
        raise ApiError("2", f"Document type {doc_type} can not be deleted.")
    doc = docs.find(ctx.store, doc_type, mk_id)
    if doc is None:
        raise docs.not_found(doc_type, mk_id)
    docs.reserve(ctx.store, doc, -1)
    del ctx.store.documents[doc_type][mk_id]
    return {}


def paid_total(store: Store, doc: Document) -> Decimal:
    return wire_out.paid_sum(store.payments(doc))
