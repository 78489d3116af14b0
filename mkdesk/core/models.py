"""Core layer: immutable domain records (partners, products, stock, sales documents) shared by every layer.

Frozen, slotted dataclasses holding plain Python values: money and quantities are `Decimal`, dates are `date`,
timestamps are aware `datetime` in Europe/Ljubljana, collections are tuples. No Metakocka wire format survives
here (no `"1.895,01"`, no `"+02:00"`, no single-object lists). Safe to share between threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Generic, TypeVar

ZERO = Decimal(0)
T = TypeVar("T")


# ----- partners ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Address:
    """A partner address (`partner_delivery_address_list`): "Račun" billing, "Dobava" delivery, "Poslovna enota"."""

    mk_id: str | None
    address_type: str | None = None
    street: str | None = None
    post_number: str | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    payment_due_days: int | None = None
    language: str | None = None
    currency: str | None = None

    @property
    def is_billing(self) -> bool:
        return self.address_type == "Račun"


@dataclass(frozen=True, slots=True)
class ContactPerson:
    mk_id: str | None
    mk_address_id: str | None = None
    name: str | None = None
    email: str | None = None
    gsm: str | None = None
    phone: str | None = None
    fax: str | None = None
    contact_address: str | None = None


@dataclass(frozen=True, slots=True)
class PartnerDiscount:
    categories: tuple[str, ...]
    discount_percent: Decimal | None
    override_existing: bool | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner from the register (`get_partner`)."""

    mk_id: str
    name: str | None = None  # `customer` on the wire
    count_code: str | None = None
    business_entity: bool | None = None
    taxpayer: bool | None = None
    foreign: bool | None = None  # `foreign_county` (sic) on the wire
    tax_id_number: str | None = None
    registration_number: str | None = None
    buyer: bool | None = None
    supplier: bool | None = None
    contacts: tuple[ContactPerson, ...] = ()
    addresses: tuple[Address, ...] = ()
    discounts: tuple[PartnerDiscount, ...] = ()

    @property
    def billing_address(self) -> Address | None:
        for address in self.addresses:
            if address.is_billing:
                return address
        return self.addresses[0] if self.addresses else None

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(c.email for c in self.contacts if c.email)


@dataclass(frozen=True, slots=True)
class DocumentPartner:
    """The partner snapshot embedded in a document (`partner`/`receiver`): name and address as issued."""

    mk_id: str | None = None
    mk_address_id: str | None = None
    count_code: str | None = None
    name: str | None = None
    street: str | None = None
    street_number: str | None = None
    post_number: str | None = None
    place: str | None = None
    province: str | None = None
    country: str | None = None
    country_iso_2: str | None = None
    business_entity: bool | None = None
    taxpayer: bool | None = None
    foreign: bool | None = None
    tax_id_number: str | None = None
    contact: ContactPerson | None = None


# ----- catalogue and stock -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceEntry:
    """One price of a product on one pricelist (one `price_def` of a `pricelist` entry)."""

    pricelist_code: str | None
    title: str | None = None
    sales_purchase: str | None = None  # "sales" | "purchase"
    currency: str | None = None
    pricelist_type: str | None = None
    buyer: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    price: Decimal | None = None  # net
    price_with_tax: Decimal | None = None  # gross
    discount: Decimal | None = None
    tax: str | None = None
    tax_desc: str | None = None
    tax_factor: Decimal | None = None
    amount_from: Decimal | None = None
    amount_to: Decimal | None = None

    @property
    def is_sales(self) -> bool:
        return self.sales_purchase in (None, "sales")


@dataclass(frozen=True, slots=True)
class ProductStock:
    """Per-warehouse stock reported inside a product (`amount_detail` with `return_warehause_stock`)."""

    warehouse_mark: str | None
    warehouse_name: str | None
    amount: Decimal
    serial_number: str | None = None
    exp_date: date | None = None


@dataclass(frozen=True, slots=True)
class Product:
    mk_id: str
    code: str | None = None  # SKU ("Šifra"), the join key
    count_code: str | None = None  # "Id artikla"
    name: str | None = None
    name_desc: str | None = None
    barcode: str | None = None
    unit: str | None = None
    service: bool | None = None
    sales: bool | None = None
    purchasing: bool | None = None
    active: bool | None = None  # `activated` on the wire
    eshop_sync: bool | None = None
    weight: Decimal | None = None
    gross_weight: Decimal | None = None
    min_stock: Decimal | None = None
    country: str | None = None
    prices: tuple[PriceEntry, ...] = ()
    stock_amount: Decimal | None = None  # total `amount` (only with return_warehause_stock)
    free_amount: Decimal | None = None
    stock: tuple[ProductStock, ...] = ()
    categories: tuple[str, ...] = ()

    def sales_price(self, pricelist_code: str | None = None) -> PriceEntry | None:
        """The first sales price (of the given pricelist, if named)."""
        for entry in self.prices:
            if entry.is_sales and (pricelist_code is None or entry.pricelist_code == pricelist_code):
                return entry
        return None


@dataclass(frozen=True, slots=True)
class Warehouse:
    mk_id: str
    mark: str | None = None
    name: str | None = None
    street: str | None = None
    post: str | None = None
    place: str | None = None
    country: str | None = None
    main: bool | None = None
    active: bool | None = None
    warehouse_type: str | None = None


@dataclass(frozen=True, slots=True)
class StockRow:
    """One `warehouse_stock` row: product × warehouse × (microlocation/lot); several rows per pair are normal."""

    warehouse_id: str
    product_mk_id: str
    code: str | None = None
    count_code: str | None = None
    title: str | None = None
    amount: Decimal = ZERO
    reserved_amount: Decimal | None = None
    free_amount: Decimal | None = None
    microlocation: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class StockLevel:
    """Stock of one product in one warehouse: the sum of its rows."""

    product_mk_id: str
    warehouse_id: str
    code: str | None
    amount: Decimal
    reserved_amount: Decimal
    free_amount: Decimal
    rows: int = 1


def sum_stock(rows: Iterable[StockRow]) -> tuple[StockLevel, ...]:
    """Sum stock rows per (product, warehouse), in first-seen order. Missing free = amount − reserved."""
    totals: dict[tuple[str, str], list] = {}
    for row in rows:
        key = (row.product_mk_id, row.warehouse_id)
        reserved = row.reserved_amount if row.reserved_amount is not None else ZERO
        free = row.free_amount if row.free_amount is not None else row.amount - reserved
        acc = totals.get(key)
        if acc is None:
            totals[key] = [row.code, row.amount, reserved, free, 1]
        else:
            acc[1] += row.amount
            acc[2] += reserved
            acc[3] += free
            acc[4] += 1
    return tuple(
        StockLevel(product_mk_id=p, warehouse_id=w, code=a[0], amount=a[1], reserved_amount=a[2], free_amount=a[3], rows=a[4])
        for (p, w), a in totals.items()
    )


# ----- documents ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """A document line; text-only lines have no product (`product_mk_id`/`code` None)."""

    product_mk_id: str | None = None
    code: str | None = None
    count_code: str | None = None
    name: str | None = None
    name_desc: str | None = None
    doc_desc: str | None = None
    unit: str | None = None
    amount: Decimal | None = None
    price: Decimal | None = None  # net unit price, when it was entered net
    price_with_tax: Decimal | None = None  # gross unit price, when it was entered gross
    discount: Decimal | None = None  # percent
    tax: str | None = None
    tax_factor: Decimal | None = None
    mk_row_id: str | None = None

    @property
    def is_text_only(self) -> bool:
        return self.product_mk_id is None and self.code is None


@dataclass(frozen=True, slots=True)
class Payment:
    date: date | None
    amount: Decimal
    payment_type: str | None = None
    mode: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class DocLink:
    mk_id: str | None
    count_code: str | None = None
    doc_type: str | None = None


@dataclass(frozen=True, slots=True)
class TaxSum:
    tax: str  # tax code, upper case as written on lines ("EX4")
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """An id-only search result."""

    mk_id: str
    doc_type: str
    count_code: str | None = None
    status_code: str | None = None


@dataclass(frozen=True, slots=True)
class SalesDocument:
    """An offer, sales order or invoice as Metakocka shows it; everything that may be absent is optional."""

    mk_id: str
    doc_type: str
    count_code: str | None = None
    doc_date: date | None = None
    partner: DocumentPartner | None = None
    receiver: DocumentPartner | None = None
    buyer_order: str | None = None
    title: str | None = None
    status_code: str | None = None  # display label ("Pripravljen za odpremo")
    status_desc: str | None = None  # register value ("ready_to_ship"), what writes use
    currency: str | None = None
    warehouse: str | None = None
    delivery_type: str | None = None
    method_of_payment: str | None = None
    notes: str | None = None
    notes_header: str | None = None
    due_date: date | None = None  # `duo_payment` (sic)
    valid_to: date | None = None
    delivery_deadline: date | None = None
    shipped_date: date | None = None
    tracking_code: str | None = None
    created_ts: datetime | None = None
    order_create_ts: datetime | None = None
    publish_ts: datetime | None = None
    last_change_ts: datetime | None = None
    last_paid_date: date | None = None
    discount_value: Decimal | None = None
    lines: tuple[DocumentLine, ...] = ()
    sum_basic: Decimal | None = None
    sum_discount: Decimal | None = None
    sum_tax: tuple[TaxSum, ...] = ()
    sum_all: Decimal | None = None
    sum_paid: Decimal = ZERO  # absent on the wire = nothing paid
    payments: tuple[Payment, ...] = ()
    links: tuple[DocLink, ...] = ()
    offer_codes: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())  # extra_column name/value pairs

    @property
    def open_balance(self) -> Decimal | None:
        """What is still to be paid: `sum_all − sum_paid` (None when the document has no total)."""
        if self.sum_all is None:
            return None
        return self.sum_all - self.sum_paid

    @property
    def is_paid(self) -> bool:
        balance = self.open_balance
        return balance is not None and balance <= 0

    def extra_value(self, name: str) -> str | None:
        for key, value in self.extra:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class SearchPage(Generic[T]):
    """One page of a search: `total` matching records (None when Metakocka omits it), items, window start."""

    total: int | None
    items: tuple[T, ...]
    offset: int = 0

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.items)


# ----- write results -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentWriteResult:
    mk_id: str
    doc_type: str
    count_code: str | None = None
    partner_mk_id: str | None = None


@dataclass(frozen=True, slots=True)
class PartnerWriteResult:
    mk_id: str
    contact_id: str | None = None
    address_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductWriteResult:
    mk_id: str
    count_code: str | None = None


@dataclass(frozen=True, slots=True)
class QueryFilterType:
    """One `query_advance` filter a doc type supports (from `search_query_advance_discovery`)."""

    doc_type: str
    type: str
    label: str | None = None
    value_desc: str | None = None
