"""Emulator layer: native model → Metakocka wire format (strings, omitted empties, mixed decimals, +02:00 dates).

Rules (`metakocka-api.md` §2): every value is a JSON string; None/""/[]/{} are omitted; document money is
dot-decimal; stock amounts, weights and pricelist prices use a decimal comma; `mark_paid` amounts read
`1.895,01`; dates are `YYYY-MM-DD+02:00` and timestamps `YYYY-MM-DDTHH:MM:SS+02:00` with a literal `+02:00` all
year (the wall time is Ljubljana local time); some lists with one element collapse into a bare object.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mkdesk.emulator.model import (
    BILL_TYPES,
    TAX_RATES,
    TZ,
    Address,
    Contact,
    Document,
    Line,
    Partner,
    Payment,
    Product,
    StockRow,
    Store,
    Warehouse,
)

DOC_TYPE_SHORT = {
    "sales_order": "PR_SO",
    "sales_offer": "PR_PO",
    "sales_bill_domestic": "PR_RD",
    "sales_bill_foreign": "PR_RT",
    "sales_bill_retail": "PR_RM",
    "sales_bill_credit_note": "PR_DB",
    "sales_bill_prepaid": "PR_AV",
}


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop absent values: None, "", [] and {} (the real API omits empty fields)."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != [] and v != {}}


def dec(value: Decimal | None) -> str | None:
    """Dot-decimal without trailing zeros ("30", "24.59", "8.1967")."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def dec_scaled(value: Decimal | None, places: int = 4) -> str | None:
    if value is None:
        return None
    return dec(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def comma(value: Decimal | None) -> str | None:
    """Decimal comma ("863,75", "0,23") for stock amounts, weights and pricelist prices."""
    text = dec(value)
    return None if text is None else text.replace(".", ",")


def paid_amount(value: Decimal) -> str:
    """Slovenian money format with a thousands dot, as `mark_paid` reads back: "1.895,01"."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def boolean(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


def day(value: date | None) -> str | None:
    return None if value is None else f"{value.isoformat()}+02:00"


def dmy(value: date | None) -> str | None:
    return None if value is None else value.strftime("%d.%m.%Y")


def ts(value: datetime | None) -> str | None:
    """Ljubljana wall time with a literal +02:00 (even in winter, as the real API prints it)."""
    if value is None:
        return None
    local = value.astimezone(TZ) if value.tzinfo else value
    return local.strftime("%Y-%m-%dT%H:%M:%S") + "+02:00"


def one_or_list(items: list[Any], collapse: bool) -> Any:
    """A list field that collapses into a bare object when it has exactly one element (§2.4)."""
    if collapse and len(items) == 1:
        return items[0]
    return items


def stringify(value: Any) -> str:
    """Echo of a request value as the real API echoes flags: always a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ----- documents -------------------------------------------------------------------------------------------
def tax_factor(code: str | None) -> str | None:
    if code is None or code not in TAX_RATES:
        return None
    return dec(TAX_RATES[code])


def tax_desc(code: str | None) -> str | None:
    if code is None or code not in TAX_RATES:
        return None
    return dec(TAX_RATES[code] * 100)


def line(store: Store, item: Line, flags: dict[str, bool]) -> dict[str, Any]:
    product = store.products.get(item.product_id) if item.product_id else None
    data: dict[str, Any] = {
        "mk_id": item.product_id,
        "count_code": item.count_code,
        "code": item.code,
        "name": item.name,
        "name_desc": product.name_desc if product else None,
        "doc_desc": item.doc_desc,
        "unit": item.unit,
        "amount": dec(item.amount),
    }
    if item.tax is not None and item.entered_gross:
        data["price_with_tax"] = dec_scaled(item.price * (1 + TAX_RATES.get(item.tax, Decimal(0))))
    else:
        data["price"] = dec(item.price)
    if item.discount:
        data["discount"] = dec(item.discount)
    data["tax"] = item.tax
    if flags.get("show_tax_factor"):
        data["tax_factor"] = tax_factor(item.tax)
        data["tax_desc"] = tax_desc(item.tax)
    if flags.get("show_product_detail"):
        data["mk_row_id"] = item.mk_row_id
        data["type"] = "text" if item.product_id is None else ("service" if product and product.service else "product")
    return clean(data)


def doc_partner(doc: Document) -> dict[str, Any]:
    p = doc.partner
    contact = clean({"name": p.contact_name, "email": p.contact_email, "phone": p.contact_phone})
    return clean(
        {
            "mk_id": p.mk_id,
            "mk_address_id": p.mk_address_id,
            "count_code": p.count_code,
            "customer": p.customer,
            "business_entity": boolean(p.business_entity),
            "taxpayer": boolean(p.taxpayer),
            "foreign_county": boolean(p.foreign),
            "tax_id_number": p.tax_id_number,
            "street": p.street,
            "post_number": p.post_number,
            "place": p.place,
            "country": p.country,
            "country_iso_2": p.country_iso2,
            "partner_contact": contact,
        }
    )


def paid_sum(payments: Iterable[Payment]) -> Decimal:
    """Amounts are signed (a "return" is stored negative, as on credit notes), so the paid sum is a plain sum."""
    return sum((payment.amount for payment in payments), Decimal(0))


def document(store: Store, doc: Document, flags: dict[str, bool]) -> dict[str, Any]:
    """A full document as get_document (and search with result_type "doc") print it."""
    lines = store.lines(doc)
    sums = store.sums(doc)
    payments = store.payments(doc)
    is_bill = doc.doc_type in BILL_TYPES
    data: dict[str, Any] = {
        "mk_id": doc.mk_id,
        "doc_type": doc.doc_type,
        "opr_code": "0",
        "count_code": doc.count_code,
        "doc_date": day(doc.doc_date),
        "buyer_order": doc.buyer_order,
        "title": doc.title,
        "status_code": doc.status_label,
        "status_desc": doc.status_desc,
        "currency_code": doc.currency,
        "warehouse": doc.warehouse,
        "delivery_type": doc.delivery_type,
        "method_of_payment": doc.method_of_payment,
        "profit_center": doc.profit_center,
        "notes_header": doc.notes_header,
        "notes": doc.notes,
        "delivery_deadline": day(doc.delivery_deadline),
        "shipped_date": day(doc.shipped_date),
        "tracking_code": doc.tracking_code,
        "duo_payment": day(doc.due_date) if is_bill else None,
        "valid_to": day(doc.valid_to),
        "publish_ts": ts(doc.publish_ts),
        "discount_value": dec(doc.discount_value) if doc.discount_value else None,
        "commercialist_email": doc.commercialist_email,
        "offer_list": [{"count_code": code} for code in doc.offer_list],
        "doc_link_list": [
            {"mk_id": link.mk_id, "count_code": link.count_code, "doc_type": link.doc_type} for link in doc.doc_links
        ],
        "partner": doc_partner(doc),
        "product_list": [line(store, item, flags) for item in lines],
        "sum_basic": dec(sums.basic),
        "sum_discount": dec(sums.discount) if sums.discount else None,
    }
    for code, amount in sums.tax.items():
        data[f"sum_tax_{code.lower()}"] = dec(amount)
    data["sum_all"] = dec(sums.all)
    paid = paid_sum(payments)
    if payments and paid:
        data["sum_paid"] = dec(paid)
    if flags.get("show_payment_detail") and payments:
        data["mark_paid"] = [
            clean(
                {
                    "payment_type": p.payment_type,
                    "date": dmy(p.date),
                    "amount": paid_amount(p.amount),
                    "payment_mode": p.mode,
                    "notes": p.notes,
                }
            )
            for p in payments
        ]
    if flags.get("show_last_payment_date") and payments:
        data["last_paid_date"] = dmy(max(p.date for p in payments))
    data["created_ts"] = ts(doc.created_ts)
    return clean(data)


def doc_stub(doc: Document, show_status: bool) -> dict[str, Any]:
    data = {"mk_id": doc.mk_id, "opr_code": "0", "count_code": doc.count_code}
    if show_status and doc.status_label:
        data["status_code"] = doc.status_label
    return data


# ----- partners --------------------------------------------------------------------------------------------
def address(item: Address) -> dict[str, Any]:
    return clean(
        {
            "mk_id": item.mk_id,
            "address_type": item.address_type,
            "street": item.street,
            "post_number": item.post_number,
            "city": item.city,
            "province": item.province,
            "country": item.country,
            "payment_due_days": None if item.payment_due_days is None else str(item.payment_due_days),
            "language": item.language,
            "currency": item.currency,
        }
    )


def contact(partner: Partner, item: Contact) -> dict[str, Any]:
    street = next((a.street for a in partner.addresses if a.mk_id == item.mk_address_id), None)
    return clean(
        {
            "mk_id": item.mk_id,
            "mk_address_id": item.mk_address_id,
            "contact_address": street,
            "name": item.name,
            "email": item.email,
            "gsm": item.gsm,
            "phone": item.phone,
            "fax": item.fax,
        }
    )


def partner(item: Partner) -> dict[str, Any]:
    return clean(
        {
            "mk_id": item.mk_id,
            "count_code": item.count_code,
            "customer": item.customer,
            "business_entity": boolean(item.business_entity),
            "taxpayer": boolean(item.taxpayer),
            "foreign_county": boolean(item.foreign),
            "tax_id_number": item.tax_id_number,
            "registration_number": item.registration_number,
            "buyer": boolean(item.buyer),
            "supplier": boolean(item.supplier),
            "partner_contact_list": [contact(item, c) for c in item.contacts],
            "partner_delivery_address_list": [address(a) for a in item.addresses],
        }
    )


# ----- catalogue and stock ---------------------------------------------------------------------------------
def product(
    store: Store,
    item: Product,
    flags: dict[str, bool],
    stock_rows: list[StockRow] | None,
    collapse: bool = True,
) -> dict[str, Any]:
    """A product as json/product_list prints it (stock fields only when `stock_rows` is given)."""
    data: dict[str, Any] = {
        "mk_id": item.mk_id,
        "count_code": item.count_code,
        "code": item.code,
        "barcode": item.barcode,
        "name": item.name,
        "name_desc": item.name_desc,
        "unit": item.unit,
        "service": boolean(item.service),
        "sales": boolean(item.sales),
        "purchasing": boolean(item.purchasing),
        "activated": boolean(item.activated),
        "eshop_sync": boolean(item.eshop_sync),
        "weight": comma(item.weight),
        "min_stock": comma(item.min_stock),
        "company_id": "0",
    }
    if stock_rows is not None and flags.get("return_warehause_stock"):
        data["amount"] = comma(sum((r.amount for r in stock_rows), Decimal(0)))
        details = []
        for row in stock_rows:
            wh = store.warehouses.get(row.warehouse_id)
            details.append(
                clean(
                    {
                        "warehouse_mark": wh.mark if wh else None,
                        "warehouse_name": wh.name if wh else None,
                        "amount": comma(row.amount),
                    }
                )
            )
        data["amount_detail"] = details
    if stock_rows is not None and flags.get("return_free_amount"):
        data["free_amount"] = comma(sum((r.amount - r.reserved for r in stock_rows), Decimal(0)))
    if flags.get("return_pricelist"):
        entries = []
        for code, price in item.prices.items():
            plist = store.pricelists.get(code)
            if plist is None:
                continue
            price_def = {"tax": item.tax, "tax_desc": tax_desc(item.tax)}
            price_def["price_with_tax" if plist.gross else "price"] = comma(price)
            if flags.get("show_tax_factor"):
                price_def["tax_factor"] = tax_factor(item.tax)
            entries.append(
                clean(
                    {
                        "count_code": plist.code,
                        "title": plist.title,
                        "sales_purchase": "sales" if plist.sales else "purchase",
                        "currency_code": plist.currency,
                        "valid_from": day(plist.valid_from),
                        "price_def": clean(price_def),
                    }
                )
            )
        if entries:
            data["pricelist"] = one_or_list(entries, collapse)
    return clean(data)


def warehouse(item: Warehouse) -> dict[str, Any]:
    return clean(
        {
            "mk_id": item.mk_id,
            "mark": item.mark,
            "name": item.name,
            "main_warehouse": boolean(item.main),
            "street": item.street,
            "post": item.post,
            "place": item.place,
            "country": item.country,
            "include_in_stock_info": "true",
            "active": boolean(item.active),
            "warehouse_type": "normal",
        }
    )


def stock_row(store: Store, row: StockRow) -> dict[str, Any]:
    item = store.products.get(row.product_id)
    return clean(
        {
            "warehouse_id": row.warehouse_id,
            "mk_id": row.product_id,
            "count_code": item.count_code if item else None,
            "code": item.code if item else None,
            "title": item.name if item else None,
            "amount": comma(row.amount),
            "reserved_amount": comma(row.reserved),
            "free_amount": comma(row.amount - row.reserved),
            "microlocation": row.microlocation,
            "unit": item.unit if item else None,
        }
    )
