"""Core layer: cache rows → domain records, the mirror of `encode` (pure functions over row mappings; any thread).

`*_from_rows` rebuild `Partner`, `Product`, `SalesDocument`, … exactly as they were upserted (Decimals with their
exponent, aware timestamps in Europe/Ljubljana), so a detail view shows what the API returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mkdesk.core.cache.values import loads, to_day, to_dec, to_flag, to_ts
from mkdesk.core.models import (
    Address,
    ContactPerson,
    DocLink,
    DocumentLine,
    DocumentPartner,
    Partner,
    PartnerDiscount,
    Payment,
    PriceEntry,
    Product,
    ProductStock,
    SalesDocument,
    StockLevel,
    TaxSum,
    Warehouse,
)

Row = Mapping[str, Any]


def partner_from_rows(p: Row, contacts: Sequence[Row] = (), addresses: Sequence[Row] = ()) -> Partner:
    discounts = tuple(PartnerDiscount(tuple(cats), to_dec(pct), override) for cats, pct, override
                      in loads(p["discounts_json"]) or ())
    return Partner(
        mk_id=p["mk_id"], name=p["name"], count_code=p["count_code"], business_entity=to_flag(p["business_entity"]),
        taxpayer=to_flag(p["taxpayer"]), foreign=to_flag(p["is_foreign"]), tax_id_number=p["tax_id_number"],
        registration_number=p["registration_number"], buyer=to_flag(p["buyer"]), supplier=to_flag(p["supplier"]),
        contacts=tuple(ContactPerson(mk_id=c["mk_id"], mk_address_id=c["mk_address_id"], name=c["name"],
                                     email=c["email"], gsm=c["gsm"], phone=c["phone"], fax=c["fax"],
                                     contact_address=c["contact_address"]) for c in contacts),
        addresses=tuple(Address(mk_id=a["mk_id"], address_type=a["address_type"], street=a["street"],
                                post_number=a["post_number"], city=a["city"], province=a["province"],
                                country=a["country"], payment_due_days=a["payment_due_days"], language=a["language"],
                                currency=a["currency"]) for a in addresses),
        discounts=discounts,
    )


def price_from_row(e: Row) -> PriceEntry:
    return PriceEntry(
        pricelist_code=e["pricelist_code"], title=e["title"], sales_purchase=e["sales_purchase"],
        currency=e["currency"], pricelist_type=e["pricelist_type"], buyer=e["buyer"],
        valid_from=to_day(e["valid_from"]), valid_to=to_day(e["valid_to"]), price=to_dec(e["price"]),
        price_with_tax=to_dec(e["price_with_tax"]), discount=to_dec(e["discount"]), tax=e["tax"],
        tax_desc=e["tax_desc"], tax_factor=to_dec(e["tax_factor"]), amount_from=to_dec(e["amount_from"]),
        amount_to=to_dec(e["amount_to"]),
    )


def product_from_rows(p: Row, prices: Sequence[Row] = (), categories: Sequence[str] = ()) -> Product:
    stock = tuple(ProductStock(mark, name, to_dec(amount), serial, to_day(exp))  # type: ignore[arg-type]
                  for mark, name, amount, serial, exp in loads(p["stock_json"]) or ())
    return Product(
        mk_id=p["mk_id"], code=p["code"], count_code=p["count_code"], name=p["name"], name_desc=p["name_desc"],
        barcode=p["barcode"], unit=p["unit"], service=to_flag(p["service"]), sales=to_flag(p["sales"]),
        purchasing=to_flag(p["purchasing"]), active=to_flag(p["active"]), eshop_sync=to_flag(p["eshop_sync"]),
        weight=to_dec(p["weight"]), gross_weight=to_dec(p["gross_weight"]), min_stock=to_dec(p["min_stock"]),
        country=p["country"], prices=tuple(price_from_row(e) for e in prices), stock_amount=to_dec(p["stock_amount"]),
        free_amount=to_dec(p["free_amount"]), stock=stock, categories=tuple(categories),
    )


def warehouse_from_row(w: Row) -> Warehouse:
    return Warehouse(mk_id=w["mk_id"], mark=w["mark"], name=w["name"], street=w["street"], post=w["post"],
                     place=w["place"], country=w["country"], main=to_flag(w["main"]), active=to_flag(w["active"]),
                     warehouse_type=w["warehouse_type"])


def stock_from_row(s: Row) -> StockLevel:
    return StockLevel(product_mk_id=s["product_mk_id"], warehouse_id=s["warehouse_id"], code=s["code"],
                      amount=to_dec(s["amount"]), reserved_amount=to_dec(s["reserved_amount"]),  # type: ignore[arg-type]
                      free_amount=to_dec(s["free_amount"]), rows=s["rows"])  # type: ignore[arg-type]


def _doc_partner(data: Mapping[str, Any] | None) -> DocumentPartner | None:
    if data is None:
        return None
    data = dict(data)
    contact = data.pop("contact", None)
    return DocumentPartner(**data, contact=ContactPerson(**{"mk_id": None, **contact}) if contact is not None else None)


def document_from_rows(d: Row, lines: Sequence[Row] = (), payments: Sequence[Row] = (),
                       links: Sequence[Row] = ()) -> SalesDocument:
    snap = loads(d["snapshot_json"]) or {}
    return SalesDocument(
        mk_id=d["mk_id"], doc_type=d["doc_type"], count_code=d["count_code"], doc_date=to_day(d["doc_date"]),
        partner=_doc_partner(snap.get("partner")), receiver=_doc_partner(snap.get("receiver")),
        buyer_order=d["buyer_order"], title=d["title"], status_code=d["status_code"], status_desc=d["status_desc"],
        currency=d["currency"], warehouse=d["warehouse"], delivery_type=d["delivery_type"],
        method_of_payment=d["method_of_payment"], notes=d["notes"], notes_header=d["notes_header"],
        due_date=to_day(d["due_date"]), valid_to=to_day(d["valid_to"]),
        delivery_deadline=to_day(d["delivery_deadline"]), shipped_date=to_day(d["shipped_date"]),
        tracking_code=d["tracking_code"], created_ts=to_ts(d["created_ts"]),
        order_create_ts=to_ts(d["order_create_ts"]), publish_ts=to_ts(d["publish_ts"]),
        last_change_ts=to_ts(d["last_change_ts"]), last_paid_date=to_day(d["last_paid_date"]),
        discount_value=to_dec(d["discount_value"]),
        lines=tuple(DocumentLine(
            product_mk_id=ln["product_mk_id"], code=ln["code"], count_code=ln["count_code"], name=ln["name"],
            name_desc=ln["name_desc"], doc_desc=ln["doc_desc"], unit=ln["unit"], amount=to_dec(ln["amount"]),
            price=to_dec(ln["price"]), price_with_tax=to_dec(ln["price_with_tax"]), discount=to_dec(ln["discount"]),
            tax=ln["tax"], tax_factor=to_dec(ln["tax_factor"]), mk_row_id=ln["mk_row_id"]) for ln in lines),
        sum_basic=to_dec(d["sum_basic"]), sum_discount=to_dec(d["sum_discount"]),
        sum_tax=tuple(TaxSum(tax, to_dec(amount)) for tax, amount in snap.get("sum_tax", ())),  # type: ignore[arg-type]
        sum_all=to_dec(d["sum_all"]), sum_paid=to_dec(d["sum_paid"]),  # type: ignore[arg-type]
        payments=tuple(Payment(date=to_day(pay["date"]), amount=to_dec(pay["amount"]),  # type: ignore[arg-type]
                               payment_type=pay["payment_type"], mode=pay["mode"], notes=pay["notes"])
                       for pay in payments),
        links=tuple(DocLink(mk_id=link["mk_id"], count_code=link["count_code"], doc_type=link["doc_type"])
                    for link in links),
        offer_codes=tuple(snap.get("offer_codes", ())),
        extra=tuple((k, v) for k, v in snap.get("extra", ())),
    )
