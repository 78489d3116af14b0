"""Emulator layer: document helpers shared by the handlers (lookup, status registers, numbering, reservations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mkdesk.emulator.envelope import ApiError
from mkdesk.emulator.model import BILL_TYPES, Document, StockRow, Store, Warehouse

#: status descriptions after which a sales order no longer holds stock reserved
CLOSED_ORDER_STATUSES = frozenset(
    {"canceled", "cancelled", "storno", "shipped", "completed", "package_returned", "lost", "damaged"}
)

REGISTER_NAMES = {
    "sales_order": "Prodajna naročila - status",
    "sales_offer": "Ponudbe - status",
}


def register(store: Store, doc_type: str) -> dict[str, str]:
    """Status register of a doc type: description value → display label."""
    if doc_type == "sales_order":
        return store.order_statuses
    if doc_type == "sales_offer":
        return store.offer_statuses
    if doc_type in BILL_TYPES:
        return store.bill_statuses
    return {}


def resolve_status(store: Store, doc_type: str, value: str, accept_labels: bool) -> tuple[str, str] | None:
    """(description, label) for a status written as its description value (or its label, if allowed)."""
    statuses = register(store, doc_type)
    if value in statuses:
        return value, statuses[value]
    if accept_labels:
        for desc, label in statuses.items():
            if label == value:
                return desc, label
    return None


def register_error(store: Store, doc_type: str, value: str) -> ApiError:
    """The live text for a status value that is not in the company register (opr_code 1)."""
    name = REGISTER_NAMES.get(doc_type, "Računi - status")
    return ApiError("1", f"Dinamični šifrant z vrednostjo '{value}' tipa '{name}' mora biti nastavljen")


def invalid_value(param: str, value: str, valid: list[str]) -> ApiError:
    return ApiError("2", f"Paramether '{param}' has invalid value : {value}. Valid values : {','.join(valid)}")


def not_found(doc_type: str, ident: object) -> ApiError:
    return ApiError("2", f"Cannot find document type {doc_type} with id = {'null' if ident is None else ident}")


def find(store: Store, doc_type: str, mk_id: str | None) -> Document | None:
    if mk_id is None:
        return None
    return store.documents.get(doc_type, {}).get(str(mk_id).strip())


def find_by(store: Store, doc_type: str, field: str, value: str) -> Document | None:
    for doc in store.documents.get(doc_type, {}).values():
        if getattr(doc, field) == value:
            return doc
    return None


def count_code_taken(store: Store, doc_type: str, count_code: str) -> bool:
    return any(d.count_code == count_code for d in store.documents.get(doc_type, {}).values())


def series_number(store: Store, doc_type: str, year: int) -> str:
    """The company's running number for a new document whose count_code was omitted ("PP-2026-00118")."""
    from mkdesk.emulator.gen_documents import NUMBERING, next_count_code

    if doc_type not in NUMBERING:
        return auto_number(store, doc_type)
    while True:
        code = next_count_code(store, doc_type, date(year, 1, 1))
        if not count_code_taken(store, doc_type, code):
            return code


def auto_number(store: Store, doc_type: str) -> str:
    """Metakocka's fallback numbering ("1/2026"), used when a sent count_code is already taken (live)."""
    year = store.today.year
    while True:
        code = f"{store.next_number(f'auto:{doc_type}:{year}')}/{year}"
        if not count_code_taken(store, doc_type, code):
            return code


def warehouse_for(store: Store, mark: str | None) -> Warehouse:
    """The warehouse of a document: an unknown (or missing) mark silently means the main warehouse."""
    if mark:
        for wh in store.warehouses.values():
            if wh.mark == mark:
                return wh
    return store.main_warehouse()


def holds_reservation(doc: Document) -> bool:
    return doc.doc_type == "sales_order" and (doc.status_desc or "") not in CLOSED_ORDER_STATUSES


def _stock_row(store: Store, warehouse_id: str, product_id: str) -> StockRow:
    fallback = None
    for row in store.stock:
        if row.warehouse_id == warehouse_id and row.product_id == product_id:
            if row.microlocation is None:
                return row
            fallback = fallback or row
    if fallback is not None:
        return fallback
    row = StockRow(warehouse_id=warehouse_id, product_id=product_id, amount=Decimal(0))
    store.stock.append(row)
    return row


def reserve(store: Store, doc: Document, sign: int) -> None:
    """Add (sign=1) or release (sign=-1) the reservation an open sales order holds on its products."""
    if not holds_reservation(doc) or not store.warehouses:
        return
    wh = warehouse_for(store, doc.warehouse)
    for item in store.lines(doc):
        product = store.products.get(item.product_id) if item.product_id else None
        if product is None or product.service:
            continue
        row = _stock_row(store, wh.mk_id, product.mk_id)
        row.reserved = max(row.reserved + sign * item.amount, Decimal(0))


def bill_links(doc: Document) -> bool:
    return any(link.doc_type in BILL_TYPES for link in doc.doc_links)
