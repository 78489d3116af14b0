"""Core layer: domain records → cache rows and search-index text (pure functions; any thread).

Each `*_row` returns a tuple in the order of the matching `*_COLUMNS` without the last two (`fetched_at`,
`content_hash`, which `upsert` appends); child rows start with `position` and get the parent's local id prepended by
`upsert`. Everything a detail view needs to rebuild the record exactly is stored, so the hash of a record's rows is
the hash of its content.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

from mkdesk.core.cache.values import day, dec, dumps, flag, sort_key, ts
from mkdesk.core.models import Partner, Product, SalesDocument, StockLevel, Warehouse

# Bills whose unpaid remainder makes up a partner's open balance (credit notes and prepaid bills are not owed).
BILL_TYPES = ("sales_bill_domestic", "sales_bill_foreign", "sales_bill_retail")
DOC_TYPES = ("sales_offer", "sales_order", *BILL_TYPES, "sales_bill_credit_note", "sales_bill_prepaid")

PARTNER_COLUMNS = ("mk_id", "count_code", "name", "sort_name", "business_entity", "taxpayer", "is_foreign",
                   "tax_id_number", "registration_number", "buyer", "supplier", "city", "country", "email", "phone",
                   "discounts_json", "fetched_at", "content_hash")
CONTACT_COLUMNS = ("partner_id", "position", "mk_id", "mk_address_id", "name", "email", "gsm", "phone", "fax",
                   "contact_address")
ADDRESS_COLUMNS = ("partner_id", "position", "mk_id", "address_type", "street", "post_number", "city", "province",
                   "country", "payment_due_days", "language", "currency")
PRODUCT_COLUMNS = ("mk_id", "code", "count_code", "name", "sort_name", "name_desc", "barcode", "unit", "service",
                   "sales", "purchasing", "active", "eshop_sync", "weight", "gross_weight", "min_stock", "country",
                   "stock_amount", "free_amount", "stock_json", "fetched_at", "content_hash")
CATEGORY_COLUMNS = ("product_id", "position", "name")
PRICE_COLUMNS = ("product_id", "position", "pricelist_code", "title", "sales_purchase", "currency", "pricelist_type",
                 "buyer", "valid_from", "valid_to", "price", "price_with_tax", "discount", "tax", "tax_desc",
                 "tax_factor", "amount_from", "amount_to")
WAREHOUSE_COLUMNS = ("mk_id", "mark", "name", "street", "post", "place", "country", "main", "active",
                     "warehouse_type", "fetched_at", "content_hash")
STOCK_COLUMNS = ("product_mk_id", "warehouse_id", "code", "amount", "reserved_amount", "free_amount", "rows",
                 "fetched_at", "content_hash")
DOCUMENT_COLUMNS = ("mk_id", "doc_type", "count_code", "doc_date", "partner_mk_id", "partner_name", "partner_tax_id",
                    "partner_place", "partner_country", "buyer_order", "title", "status_code", "status_desc",
                    "currency", "warehouse", "delivery_type", "method_of_payment", "notes", "notes_header",
                    "due_date", "valid_to", "delivery_deadline", "shipped_date", "tracking_code", "created_ts",
                    "order_create_ts", "publish_ts", "last_change_ts", "last_paid_date", "discount_value",
                    "sum_basic", "sum_discount", "sum_all", "sum_paid", "open_balance", "is_unpaid",
                    "snapshot_json", "fetched_at", "content_hash")
LINE_COLUMNS = ("document_id", "position", "product_mk_id", "code", "count_code", "name", "name_desc", "doc_desc",
                "unit", "amount", "price", "price_with_tax", "discount", "tax", "tax_factor", "mk_row_id")
PAYMENT_COLUMNS = ("document_id", "position", "date", "amount", "payment_type", "mode", "notes")
LINK_COLUMNS = ("document_id", "position", "mk_id", "count_code", "doc_type")

FTS_COLUMNS = {
    "partners": ("name", "count_code", "tax_id", "contacts", "emails", "phones", "city"),
    "products": ("code", "name", "barcode"),
}
#: documents_fts indexes these columns of the documents table itself (external content, kept by triggers)
DOCUMENT_FTS_COLUMNS = ("count_code", "buyer_order", "partner_name", "title")

_NOT_DIGIT = re.compile(r"\D+")


def _join(values: Any) -> str:
    return " ".join(v for v in values if v)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> Any:
    """A dataclass of plain values (str/bool/int, nested dataclasses) → dict without the None fields."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not is_dataclass(obj):
            return obj
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    out = {}
    for name in names:
        value = getattr(obj, name)
        if value is not None:
            out[name] = plain(value) if hasattr(value, "__dataclass_fields__") else value
    return out


# ----- partners ----------------------------------------------------------------------------------------------------
def partner_row(p: Partner) -> tuple:
    billing = p.billing_address
    email = next((c.email for c in p.contacts if c.email), None)
    phone = next((c.gsm or c.phone for c in p.contacts if c.gsm or c.phone), None)
    discounts = dumps([[list(d.categories), dec(d.discount_percent), d.override_existing] for d in p.discounts]) \
        if p.discounts else None
    return (p.mk_id, p.count_code, p.name, sort_key(p.name), flag(p.business_entity), flag(p.taxpayer),
            flag(p.foreign), p.tax_id_number, p.registration_number, flag(p.buyer), flag(p.supplier),
            billing.city if billing else None, billing.country if billing else None, email, phone, discounts)


def contact_rows(p: Partner) -> list[tuple]:
    return [(i, c.mk_id, c.mk_address_id, c.name, c.email, c.gsm, c.phone, c.fax, c.contact_address)
            for i, c in enumerate(p.contacts)]


def address_rows(p: Partner) -> list[tuple]:
    return [(i, a.mk_id, a.address_type, a.street, a.post_number, a.city, a.province, a.country, a.payment_due_days,
             a.language, a.currency) for i, a in enumerate(p.addresses)]


def _phone_forms(number: str | None) -> str:
    """The number as written plus its digits (and the national 0… form of a +386 number), to match any spelling."""
    if not number:
        return ""
    digits = _NOT_DIGIT.sub("", number)
    forms = [number, digits]
    if digits.startswith("386"):
        forms.append("0" + digits[3:])
    elif digits.startswith("00386"):
        forms.append("0" + digits[5:])
    return " ".join(forms)


def _tax_forms(tax_id: str | None) -> str:
    if not tax_id:
        return ""
    digits = _NOT_DIGIT.sub("", tax_id)
    return f"{tax_id} {digits}" if digits and digits != tax_id else tax_id


def partner_fts(p: Partner) -> tuple:
    phones = _join(_phone_forms(n) for c in p.contacts for n in (c.gsm, c.phone))
    return (p.name or "", p.count_code or "", _tax_forms(p.tax_id_number), _join(c.name for c in p.contacts),
            _join(c.email for c in p.contacts), phones, _join(dict.fromkeys(a.city for a in p.addresses if a.city)))


# ----- catalogue ---------------------------------------------------------------------------------------------------
def product_row(p: Product) -> tuple:
    stock = dumps([[s.warehouse_mark, s.warehouse_name, dec(s.amount), s.serial_number, day(s.exp_date)]
                   for s in p.stock]) if p.stock else None
    return (p.mk_id, p.code, p.count_code, p.name, sort_key(p.name), p.name_desc, p.barcode, p.unit, flag(p.service),
            flag(p.sales), flag(p.purchasing), flag(p.active), flag(p.eshop_sync), dec(p.weight), dec(p.gross_weight),
            dec(p.min_stock), p.country, dec(p.stock_amount), dec(p.free_amount), stock)


def category_rows(p: Product) -> list[tuple]:
    return [(i, name) for i, name in enumerate(p.categories)]


def price_rows(p: Product) -> list[tuple]:
    return [(i, e.pricelist_code, e.title, e.sales_purchase, e.currency, e.pricelist_type, e.buyer, day(e.valid_from),
             day(e.valid_to), dec(e.price), dec(e.price_with_tax), dec(e.discount), e.tax, e.tax_desc,
             dec(e.tax_factor), dec(e.amount_from), dec(e.amount_to)) for i, e in enumerate(p.prices)]


def product_fts(p: Product) -> tuple:
    return (_join((p.code, p.count_code)), _join((p.name, p.name_desc)), p.barcode or "")


def warehouse_row(w: Warehouse) -> tuple:
    return (w.mk_id, w.mark, w.name, w.street, w.post, w.place, w.country, flag(w.main), flag(w.active),
            w.warehouse_type)


def stock_row(s: StockLevel) -> tuple:
    return (s.product_mk_id, s.warehouse_id, s.code, dec(s.amount), dec(s.reserved_amount), dec(s.free_amount), s.rows)


# ----- documents ---------------------------------------------------------------------------------------------------
def document_row(d: SalesDocument) -> tuple:
    p = d.partner
    snapshot = {
        "partner": plain(p) if p is not None else None,
        "receiver": plain(d.receiver) if d.receiver is not None else None,
        "sum_tax": [[t.tax, dec(t.amount)] for t in d.sum_tax] or None,
        "offer_codes": list(d.offer_codes) or None,
        "extra": [list(pair) for pair in d.extra] or None,
    }
    snapshot = {k: v for k, v in snapshot.items() if v is not None}
    balance = d.open_balance
    return (d.mk_id, d.doc_type, d.count_code, day(d.doc_date), p.mk_id if p else None, p.name if p else None,
            p.tax_id_number if p else None, p.place if p else None, p.country if p else None, d.buyer_order, d.title,
            d.status_code, d.status_desc, d.currency, d.warehouse, d.delivery_type, d.method_of_payment, d.notes,
            d.notes_header, day(d.due_date), day(d.valid_to), day(d.delivery_deadline), day(d.shipped_date),
            d.tracking_code, ts(d.created_ts), ts(d.order_create_ts), ts(d.publish_ts), ts(d.last_change_ts),
            day(d.last_paid_date), dec(d.discount_value), dec(d.sum_basic), dec(d.sum_discount), dec(d.sum_all),
            dec(d.sum_paid), dec(balance), int(d.doc_type in BILL_TYPES and balance is not None and balance > 0), dumps(snapshot) if snapshot else None)


def line_rows(d: SalesDocument) -> list[tuple]:
    return [(i, ln.product_mk_id, ln.code, ln.count_code, ln.name, ln.name_desc, ln.doc_desc, ln.unit, dec(ln.amount),
             dec(ln.price), dec(ln.price_with_tax), dec(ln.discount), ln.tax, dec(ln.tax_factor), ln.mk_row_id)
            for i, ln in enumerate(d.lines)]


def payment_rows(d: SalesDocument) -> list[tuple]:
    return [(i, day(pay.date), dec(pay.amount), pay.payment_type, pay.mode, pay.notes)
            for i, pay in enumerate(d.payments)]


def link_rows(d: SalesDocument) -> list[tuple]:
    return [(i, link.mk_id, link.count_code, link.doc_type) for i, link in enumerate(d.links)]
