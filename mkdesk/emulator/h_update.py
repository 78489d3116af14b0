"""Emulator layer: `update_document`, `change_document_status`, `mark_orders_as_shipped`, `put_transaction`.

Every handler validates the whole request before it changes anything, and every change stamps `last_change`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mkdesk.emulator import docinput, docs, wire_in
from mkdesk.emulator.envelope import ApiError, Ctx, doc_type_of
from mkdesk.emulator.h_documents import atomic, create_invoice
from mkdesk.emulator.model import BILL_TYPES, SALES_DOC_TYPES, TAX_RATES, Document, Line, Payment

CLEARABLE = ("tracking_code", "notes", "notes_header")


def _order(ctx: Ctx, doc_type: str, body: dict[str, Any]) -> Document:
    mk_id = wire_in.text(body.get("mk_id"))
    if mk_id is not None:
        doc = docs.find(ctx.store, doc_type, mk_id)
        if doc is None:
            raise docs.not_found(doc_type, mk_id)
        return doc
    buyer_order = wire_in.text(body.get("buyer_order"))
    if buyer_order is not None and doc_type == "sales_order":
        doc = docs.find_by(ctx.store, doc_type, "buyer_order", buyer_order)
        if doc is None:
            raise docs.not_found(doc_type, buyer_order)
        return doc
    count_code = wire_in.text(body.get("count_code"))
    if count_code is not None and doc_type in BILL_TYPES:
        doc = docs.find_by(ctx.store, doc_type, "count_code", count_code)
        if doc is None:
            raise docs.not_found(doc_type, count_code)
        return doc
    raise docs.not_found(doc_type, None)


def _status_write(ctx: Ctx, doc_type: str, value: str) -> tuple[str, str]:
    found = docs.resolve_status(ctx.store, doc_type, value, ctx.switches.status_accepts_labels)
    if found is None:
        raise docs.register_error(ctx.store, doc_type, value)
    return found


def _find_line(lines: list[Line], ref: dict[str, Any]) -> int | None:
    row, code, mk_id = (wire_in.text(ref.get(k)) for k in ("mk_row_id", "code", "mk_id"))
    for index, item in enumerate(lines):
        if (row and item.mk_row_id == row) or (not row and code and item.code == code):
            return index
        if not row and not code and mk_id and item.product_id == mk_id:
            return index
    return None


def _updated_line(ctx: Ctx, old: Line, item: dict[str, Any]) -> Line:
    """A line changed in place (by mk_row_id): the sent fields over the old ones, same row id."""
    given = {k: v for k, v in item.items() if k not in ("mk_row_id", "mark_delete") and v is not None}
    if old.product_id is None:
        return replace(
            old,
            name=wire_in.text(given.get("name")) or old.name,
            doc_desc=wire_in.text(given.get("doc_desc")) or old.doc_desc,
            amount=wire_in.as_decimal(given.get("amount")) or old.amount,
            price=wire_in.as_decimal(given.get("price")) or old.price,
        )
    merged: dict[str, Any] = {"code": old.code, "amount": f"{old.amount:f}", "discount": f"{old.discount:f}"}
    merged["tax"] = old.tax
    merged["doc_desc"] = old.doc_desc
    if "price" not in given and "price_with_tax" not in given:
        if old.entered_gross and old.tax:
            merged["price_with_tax"] = f"{old.price * (1 + TAX_RATES[old.tax]):f}"
        else:
            merged["price"] = f"{old.price:f}"
    if "tax_factor" in given:
        merged.pop("tax")
    merged.update(given)
    return replace(docinput.build_line(ctx, merged), mk_row_id=old.mk_row_id)


def _edit_lines(ctx: Ctx, lines: list[Line], body: dict[str, Any]) -> list[Line]:
    lines = list(lines)
    for item in wire_in.as_list(body.get("product_add")) + wire_in.as_list(body.get("product_list")):
        if not isinstance(item, dict):
            raise ApiError("2", "Paramether 'product_list' is in wrong form")
        row = wire_in.text(item.get("mk_row_id"))
        if row is None:
            lines.append(docinput.build_line(ctx, item))
            continue
        index = _find_line(lines, {"mk_row_id": row})
        if index is None:
            raise ApiError("2", f"Cannot find product row with mk_row_id = {row}")
        if wire_in.as_bool(item.get("mark_delete")):
            del lines[index]
            continue
        lines[index] = _updated_line(ctx, lines[index], item)
    for ref in wire_in.as_list(body.get("product_remove")):
        index = _find_line(lines, ref if isinstance(ref, dict) else {})
        if index is None:
            raise ApiError("2", f"Cannot find product {ref} on document")
        amount = wire_in.as_decimal(ref.get("amount")) if wire_in.text(ref.get("amount")) else None
        if amount is None or amount >= lines[index].amount:
            del lines[index]
        else:
            lines[index] = replace(lines[index], amount=lines[index].amount - amount)
    return lines


def update_document(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    doc_type = doc_type_of(body)
    if doc_type in BILL_TYPES:
        doc = _order(ctx, doc_type, body)
        if "status_code" in body:
            value = wire_in.text(body.get("status_code"))
            desc, label = _status_write(ctx, doc_type, value) if value else (None, None)
            doc.status_desc, doc.status_label = desc, label
            doc.last_change = ctx.now()
        return {}
    if doc_type != "sales_order":
        raise ApiError("2", f"Document type {doc_type} can not be updated with update_document.")
    doc = _order(ctx, doc_type, body)
    t = wire_in.text
    changes: dict[str, Any] = {}
    if t(body.get("status_code")):
        changes["status_desc"], changes["status_label"] = _status_write(ctx, doc_type, t(body["status_code"]))
    if t(body.get("tracking_code")):
        if not docs.bill_links(doc):
            raise ApiError("6", "No invoice for given sales order. Tracking code cannot be add.")
        changes["tracking_code"] = t(body["tracking_code"])
    if t(body.get("shipped_date")):
        changes["shipped_date"] = wire_in.lenient_date(body["shipped_date"])
        if changes["shipped_date"] is None:
            raise ApiError("6", f"Not valid date for shipped_date : {body['shipped_date']}")
    if t(body.get("discount_value")):
        changes["discount_value"] = wire_in.as_decimal(body["discount_value"])
        if changes["discount_value"] is None:
            raise ApiError("6", f"Not valid number for discount_value : {body['discount_value']}")
    for name in ("notes", "notes_header", "delivery_type"):
        if t(body.get(name)):
            changes[name] = t(body[name])
    if t(body.get("warehouse")):
        changes["warehouse"] = docs.warehouse_for(store, t(body["warehouse"])).mark
    if t(body.get("count_code_new")):
        changes["count_code"] = t(body["count_code_new"])
    clear = [str(c) for c in wire_in.as_list(body.get("clear"))]
    bad = [c for c in clear if c not in CLEARABLE]
    if bad:
        raise docs.invalid_value("clear", bad[0], list(CLEARABLE))
    with atomic(store):
        if "partner" in body:
            changes["partner"] = docinput.resolve_partner(ctx, body.get("partner"))
        store.materialize(doc)
        lines = _edit_lines(ctx, doc.lines or [], body)
    docs.reserve(store, doc, -1)
    doc.lines = lines
    for name, value in changes.items():
        setattr(doc, name, value)
    for name in clear:
        setattr(doc, name, None)
    doc.last_change = ctx.now()
    docs.reserve(store, doc, 1)
    if wire_in.as_bool(body.get("create_invoice")) and not docs.bill_links(doc):
        create_invoice(ctx, doc)
    return {}


def _set_status(ctx: Ctx, doc: Document, desc: str, label: str) -> None:
    docs.reserve(ctx.store, doc, -1)
    doc.status_desc, doc.status_label = desc, label
    doc.last_change = ctx.now()
    docs.reserve(ctx.store, doc, 1)


def change_document_status(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    doc_type = doc_type_of(body, ("sales_order", "warehouse_receiving_note"))
    value = wire_in.text(body.get("status_code"))
    if value is None:
        raise ApiError("2", "Paramether 'status_code' is required paramether")
    ids = wire_in.id_list(body.get("mk_id_list"))
    if wire_in.text(body.get("mk_id")):
        ids.insert(0, wire_in.text(body.get("mk_id")))  # type: ignore[arg-type]
    targets: list[Document] = []
    if ids:
        for mk_id in ids:
            doc = docs.find(ctx.store, doc_type, mk_id)
            if doc is None:
                raise docs.not_found(doc_type, mk_id)
            targets.append(doc)
    elif wire_in.text(body.get("buyer_order")):
        targets.append(_order(ctx, doc_type, {"buyer_order": body.get("buyer_order")}))
    else:
        raise ApiError("2", "Paramether mk_id must be set")
    desc, label = _status_write(ctx, doc_type, value)
    for doc in targets:
        _set_status(ctx, doc, desc, label)
    return {}


def mark_orders_as_shipped(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    orders = store.documents["sales_order"]
    ids = wire_in.id_list(body.get("sales_order_id_list"))
    buyer_orders = wire_in.id_list(body.get("customer_order_list"))
    country, status = wire_in.text(body.get("country")), wire_in.text(body.get("status_code"))
    given = sum((bool(ids), bool(buyer_orders), bool(country and status)))
    if given != 1:
        raise ApiError(
            "2", "Exactly one of sales_order_id_list, customer_order_list or country and status_code must be set"
        )
    if ids:
        targets = [orders[i] for i in ids if i in orders]
    elif buyer_orders:
        targets = [d for d in orders.values() if d.buyer_order in buyer_orders]
    else:
        found = docs.resolve_status(store, "sales_order", status or "", ctx.switches.status_accepts_labels)
        wanted, where = (found[0] if found else status), (country or "").upper()
        targets = [
            d
            for d in orders.values()
            if d.status_desc == wanted and where in (d.partner.country_iso2, d.partner.country.upper())
        ]
    desc, label = _status_write(ctx, "sales_order", "shipped")
    for doc in targets:
        _set_status(ctx, doc, desc, label)
        doc.shipped_date = doc.shipped_date or store.today
    return {"sales_order_count": str(len(targets))}


def put_transaction(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    raw_type = wire_in.text(body.get("doc_type"))
    if raw_type == "bill":
        types: tuple[str, ...] = BILL_TYPES
    else:
        types = (doc_type_of(body),)
    doc = None
    t = wire_in.text
    for doc_type in types:
        if doc_type not in SALES_DOC_TYPES:
            continue
        if t(body.get("mk_id")):
            doc = docs.find(store, doc_type, t(body.get("mk_id")))
        elif t(body.get("count_code")):
            doc = docs.find_by(store, doc_type, "count_code", t(body.get("count_code")))
        elif t(body.get("buyer_order")) and doc_type == "sales_order":
            doc = docs.find_by(store, doc_type, "buyer_order", t(body.get("buyer_order")))
        if doc is not None:
            break
    if doc is None:
        ident = t(body.get("mk_id")) or t(body.get("count_code")) or t(body.get("buyer_order"))
        raise docs.not_found(raw_type or "", ident)
    mode = t(body.get("payment_mode")) or "payment"
    if mode not in ("payment", "prepayment", "return"):
        raise docs.invalid_value("payment_mode", mode, ["payment", "prepayment", "return"])
    kind = docinput.payment_type(ctx, body.get("payment_type"))
    if t(body.get("price")) is None:
        raise ApiError("2", "Paramether 'price' is required paramether")
    price = wire_in.as_decimal(body.get("price"))
    if price is None:
        raise ApiError("2", "Paramether 'price' is in wrong form")
    when = wire_in.lenient_date(body.get("date")) if t(body.get("date")) else store.today
    if when is None:
        raise ApiError("6", f"Not valid date for date : {body.get('date')}")
    if mode == "return":
        price = -abs(price)
    store.materialize(doc)
    notes = t(body.get("notes"))
    payment = Payment(date=when, amount=price, payment_type=kind, mode=mode, notes=notes[:100] if notes else None)
    doc.payments = [*(doc.payments or []), payment]
    doc.last_change = ctx.now()
    return {"mk_id": doc.mk_id}
