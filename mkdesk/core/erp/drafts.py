"""Core layer: request records for writes (documents, partners, products) and their wire bodies; pure, any thread.

Callers describe what to create with these frozen dataclasses using plain values (`Decimal`, `date`, `bool`);
`to_wire()` returns a body in Metakocka field names that `wire.encode` turns into strings on the wire
(dot decimals, `dd.mm.yyyy` dates, `"true"`/`"false"`). Empty values are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


def _clean(body: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v is not None and v != "" and v != () and v != []}


@dataclass(frozen=True, slots=True)
class PartnerRef:
    """An existing partner on a document: Metakocka needs the address id as well as the partner id (§4.4)."""

    mk_id: str
    mk_address_id: str

    def to_wire(self) -> dict[str, Any]:
        return {"mk_id": self.mk_id, "mk_address_id": self.mk_address_id}


@dataclass(frozen=True, slots=True)
class ContactDraft:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    gsm: str | None = None
    fax: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return _clean({"name": self.name, "email": self.email, "phone": self.phone, "gsm": self.gsm, "fax": self.fax})


@dataclass(frozen=True, slots=True)
class PartnerData:
    """A partner described inline (new partner). On a document this creates a new partner every time (§4.4)."""

    name: str
    street: str
    post_number: str
    place: str
    country: str
    street_number: str | None = None
    province: str | None = None
    business_entity: bool = False
    taxpayer: bool = False
    foreign: bool = False
    tax_id_number: str | None = None
    registration_number: str | None = None
    buyer: bool = True
    supplier: bool = False
    contact: ContactDraft | None = None

    def _common(self) -> dict[str, Any]:
        return {
            "business_entity": self.business_entity,
            "taxpayer": self.taxpayer,
            "foreign_county": self.foreign,  # sic
            "tax_id_number": self.tax_id_number,
            "customer": self.name,
            "street": self.street,
            "street_number": self.street_number,
            "post_number": self.post_number,
            "place": self.place,
            "province": self.province,
            "country": self.country,
            "partner_contact": self.contact.to_wire() if self.contact else None,
        }

    def to_wire(self) -> dict[str, Any]:
        """The `partner` object of a document."""
        return _clean(self._common())

    def to_partner_wire(self) -> dict[str, Any]:
        """The `partner` object of `add_partner`."""
        body = self._common()
        body.update(buyer=self.buyer, supplier=self.supplier, registration_number=self.registration_number)
        return _clean(body)


@dataclass(frozen=True, slots=True)
class LineDraft:
    """A document line: the product by `code`; a net `price` or a gross `price_with_tax`; `tax` or `tax_factor`."""

    code: str
    amount: Decimal
    price: Decimal | None = None
    price_with_tax: Decimal | None = None
    tax: str | None = None
    tax_factor: Decimal | None = None
    discount: Decimal | None = None  # percent
    count_code: str | None = None
    doc_desc: str | None = None
    name: str | None = None  # with `unit`, an unknown code creates a catalogue product
    unit: str | None = None

    def __post_init__(self) -> None:
        if self.price is not None and self.price_with_tax is not None:
            raise ValueError("a line carries either price or price_with_tax, not both")

    def to_wire(self) -> dict[str, Any]:
        return _clean({
            "code": self.code,
            "count_code": self.count_code,
            "amount": self.amount,
            "price": self.price,
            "price_with_tax": self.price_with_tax,
            "tax": self.tax,
            "tax_factor": self.tax_factor,
            "discount": self.discount,
            "doc_desc": self.doc_desc,
            "name": self.name,
            "unit": self.unit,
        })


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    """A document to create with `put_document` (or to replace wholesale with `replace_document`)."""

    doc_type: str
    doc_date: date
    partner: PartnerRef | PartnerData
    lines: Sequence[LineDraft]
    buyer_order: str | None = None
    count_code: str | None = None  # not a uniqueness key: a taken number gets an automatic one (§7)
    title: str | None = None
    currency_code: str | None = None
    warehouse: str | None = None
    delivery_type: str | None = None
    method_of_payment: str | None = None
    status_code: str | None = None
    notes: str | None = None
    notes_header: str | None = None
    discount_value: Decimal | None = None
    delivery_deadline: date | None = None
    due_date: date | None = None  # `duo_payment`
    receiver: PartnerRef | PartnerData | None = None
    commercialist_email: str | None = None
    change_log_note: str | None = None  # `document_change_log_notes`, max 50 chars
    extra: Mapping[str, Any] = field(default_factory=dict)  # further wire fields, sent as given

    def to_wire(self) -> dict[str, Any]:
        body = _clean({
            "doc_type": self.doc_type,
            "doc_date": self.doc_date,
            "partner": self.partner.to_wire(),
            "receiver": self.receiver.to_wire() if self.receiver else None,
            "product_list": [line.to_wire() for line in self.lines],
            "buyer_order": self.buyer_order,
            "count_code": self.count_code,
            "title": self.title,
            "currency_code": self.currency_code,
            "warehouse": self.warehouse,
            "delivery_type": self.delivery_type,
            "method_of_payment": self.method_of_payment,
            "status_code": self.status_code,
            "notes": self.notes,
            "notes_header": self.notes_header,
            "discount_value": self.discount_value,
            "delivery_deadline": self.delivery_deadline,
            "duo_payment": self.due_date,
            "commercialist_email": self.commercialist_email,
            "document_change_log_notes": self.change_log_note[:50] if self.change_log_note else None,
        })
        body.update(self.extra)
        return body


@dataclass(frozen=True, slots=True)
class PriceDraft:
    """A price on one pricelist for `product_add`/`product_update` (a tax is required per price)."""

    pricelist_code: str
    tax: str
    price: Decimal | None = None
    price_with_tax: Decimal | None = None

    def to_wire(self) -> dict[str, Any]:
        return {
            "count_code": self.pricelist_code,
            "price_def": [_clean({"price": self.price, "price_with_tax": self.price_with_tax, "tax": self.tax})],
        }


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """A catalogue product for `product_add` (all set fields) or `product_update` (only the set fields change)."""

    code: str | None = None
    name: str | None = None
    unit: str | None = None
    count_code: str | None = None
    barcode: str | None = None
    name_desc: str | None = None
    service: bool | None = None
    sales: bool | None = None
    purchasing: bool | None = None
    active: bool | None = None
    eshop_sync: bool | None = None
    weight: Decimal | None = None
    min_stock: Decimal | None = None
    prices: Sequence[PriceDraft] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        body = _clean({
            "code": self.code,
            "count_code": self.count_code,
            "name": self.name,
            "unit": self.unit,
            "barcode": self.barcode,
            "name_desc": self.name_desc,
            "service": self.service,
            "sales": self.sales,
            "purchasing": self.purchasing,
            "activated": self.active,
            "eshop_sync": self.eshop_sync,
            "weight": self.weight,
            "min_stock": self.min_stock,
            "pricelist": [p.to_wire() for p in self.prices],
        })
        body.update(self.extra)
        return body
