"""Emulator layer: the in-memory state of one emulated Metakocka company (native Python types, no wire format).

Everything here is plain data: `Decimal` money, `date`/aware `datetime` (Europe/Ljubljana). Turning it into the
Metakocka wire format (strings, comma decimals, `+02:00` dates, single-element lists as objects) is the job of
`mkdesk.emulator.wire_out`; the emulator never shares code with the client (`mkdesk.core.erp`).

Large companies hold 300 000 documents, so document lines and payments of generated documents are *derived on
demand* from a per-document random stream (see `Store.lines` / `Store.payments`) instead of being stored. A
document whose `lines`/`payments` attribute is not `None` carries them explicitly (every write does that).

Thread/loop guarantee: a `Store` is touched only from the emulator's event loop (one coroutine at a time between
awaits), so it needs no locks.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Ljubljana")
CENT = Decimal("0.01")

#: tax code → rate (Slovenia: EX4 standard 22 %, EX3 reduced 9.5 %, EX5 5 % for books/food basics, EX0 exempt)
TAX_RATES: dict[str, Decimal] = {
    "EX4": Decimal("0.22"),
    "EX3": Decimal("0.095"),
    "EX5": Decimal("0.05"),
    "EX0": Decimal("0"),
}

SALES_DOC_TYPES = (
    "sales_offer",
    "sales_order",
    "sales_bill_domestic",
    "sales_bill_foreign",
    "sales_bill_retail",
    "sales_bill_credit_note",
    "sales_bill_prepaid",
)
BILL_TYPES = (
    "sales_bill_domestic",
    "sales_bill_foreign",
    "sales_bill_retail",
    "sales_bill_credit_note",
    "sales_bill_prepaid",
)


def money(value: Decimal) -> Decimal:
    """Round to cents, half up (how Metakocka prints document sums)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(slots=True)
class Warehouse:
    mk_id: str
    mark: str
    name: str
    street: str
    post: str
    place: str
    country: str | None  # sometimes absent on the real API
    main: bool
    active: bool = True


@dataclass(slots=True)
class Pricelist:
    code: str  # pricelist count_code ("1", "VP", ...)
    title: str
    sales: bool  # sales (True) or purchase (False) list
    gross: bool  # price type: gross lists take price_with_tax, net lists take price
    currency: str = "EUR"
    valid_from: date | None = None


@dataclass(slots=True)
class Product:
    mk_id: str
    count_code: str
    code: str
    name: str
    unit: str
    tax: str  # default tax code of the product
    category: str
    barcode: str | None = None
    name_desc: str | None = None
    service: bool = False
    sales: bool = True
    purchasing: bool = True
    activated: bool = True
    eshop_sync: bool = False
    weight: Decimal | None = None
    min_stock: Decimal | None = None
    #: pricelist code → price (net for net lists, gross for gross lists); absent = no price set
    prices: dict[str, Decimal] = field(default_factory=dict)


@dataclass(slots=True)
class StockRow:
    """One stock row as Metakocka keeps it: product × warehouse × microlocation (several per pair possible)."""

    warehouse_id: str
    product_id: str
    amount: Decimal
    reserved: Decimal = Decimal(0)
    microlocation: str | None = None


@dataclass(slots=True)
class Address:
    mk_id: str
    address_type: str  # "Račun" (billing) | "Dobava" (delivery) | "Poslovna enota" (branch)
    street: str
    post_number: str
    city: str
    country: str  # localized name, e.g. "Slovenija"
    country_iso2: str = "SI"
    province: str | None = None
    payment_due_days: int | None = None
    language: str | None = "Slovenski"
    currency: str | None = "EUR"


@dataclass(slots=True)
class Contact:
    mk_id: str
    mk_address_id: str
    name: str
    email: str | None = None
    gsm: str | None = None
    phone: str | None = None
    fax: str | None = None


@dataclass(slots=True)
class Partner:
    mk_id: str
    count_code: str
    customer: str  # partner name
    business_entity: bool
    taxpayer: bool
    foreign: bool
    tax_id_number: str | None
    registration_number: str | None
    buyer: bool
    supplier: bool
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    email: str | None = None  # partner-level e-mail (partner_contact on add_partner)
    phone: str | None = None
    last_change: datetime | None = None

    def billing_address(self) -> Address:
        for address in self.addresses:
            if address.address_type == "Račun":
                return address
        return self.addresses[0]


@dataclass(slots=True)
class DocPartner:
    """The partner snapshot embedded in a document (name and address as they were when it was issued)."""

    mk_id: str
    mk_address_id: str
    count_code: str
    customer: str
    street: str
    post_number: str
    place: str
    country: str  # English name on documents ("Slovenia")
    country_iso2: str
    business_entity: bool
    taxpayer: bool
    foreign: bool
    tax_id_number: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


@dataclass(slots=True)
class Line:
    mk_row_id: str
    product_id: str | None  # None for a text-only line
    count_code: str | None
    code: str | None
    name: str
    unit: str | None
    amount: Decimal
    price: Decimal  # net unit price (before discount)
    tax: str | None  # tax code; None on text-only lines
    discount: Decimal = Decimal(0)  # percent
    entered_gross: bool = False  # the line was entered as price_with_tax (it is then echoed that way)
    doc_desc: str | None = None

    def net_total(self) -> Decimal:
        return self.amount * self.price * (1 - self.discount / 100)


@dataclass(slots=True)
class Payment:
    date: date
    amount: Decimal
    payment_type: str = "Transakcijski račun"
    mode: str = "payment"  # payment | prepayment | return
    notes: str | None = None


@dataclass(slots=True)
class DocLink:
    mk_id: str
    count_code: str
    doc_type: str


@dataclass(slots=True)
class Document:
    mk_id: str
    doc_type: str
    count_code: str
    doc_date: date
    partner: DocPartner
    created_ts: datetime
    last_change: datetime
    currency: str = "EUR"
    status_label: str | None = None  # read as status_code
    status_desc: str | None = None  # read as status_desc (the register "description" value)
    buyer_order: str | None = None
    title: str | None = None
    warehouse: str | None = None  # warehouse mark
    delivery_type: str | None = None
    method_of_payment: str | None = None
    notes: str | None = None
    notes_header: str | None = None
    due_date: date | None = None  # duo_payment on bills
    valid_to: date | None = None  # offers
    delivery_deadline: date | None = None
    shipped_date: date | None = None
    tracking_code: str | None = None
    publish_ts: datetime | None = None
    discount_value: Decimal | None = None  # absolute document-level discount (gross)
    commercialist_email: str | None = None
    profit_center: str | None = None
    doc_links: list[DocLink] = field(default_factory=list)
    offer_list: list[str] = field(default_factory=list)  # offer count_codes an order came from
    #: explicit lines/payments; None = derived by the store's generator hooks (generated documents only)
    lines: list[Line] | None = None
    payments: list[Payment] | None = None
    #: generator hint for derived payments: "paid" | "partial" | "unpaid" (bills only)
    pay_state: str | None = None
    seed: int = 0  # per-document random stream seed for derived lines/payments


@dataclass(frozen=True, slots=True)
class Sums:
    basic: Decimal  # net after line discounts
    discount: Decimal  # sum of line discounts (net)
    tax: dict[str, Decimal]  # tax code → tax amount
    all: Decimal  # gross total after the document-level discount


def compute_sums(lines: list[Line], discount_value: Decimal | None = None) -> Sums:
    """Document sums the way Metakocka prints them: per tax code, rounded to cents."""
    basic = Decimal(0)
    discount = Decimal(0)
    by_tax: dict[str, Decimal] = {}
    for line in lines:
        if line.tax is None:
            continue
        gross_line = line.amount * line.price
        net_line = line.net_total()
        discount += gross_line - net_line
        basic += net_line
        by_tax[line.tax] = by_tax.get(line.tax, Decimal(0)) + net_line * TAX_RATES.get(line.tax, Decimal(0))
    tax = {code: money(value) for code, value in sorted(by_tax.items())}
    total = money(basic) + sum(tax.values(), Decimal(0)) - (discount_value or Decimal(0))
    return Sums(basic=money(basic), discount=money(discount), tax=tax, all=money(total))


LineFactory = Callable[["Document"], list[Line]]
PaymentFactory = Callable[["Document", Sums], list[Payment]]

#: first mk_id per kind (10–13 digit numeric strings, as on the real API)
_ID_BASES: dict[str, int] = {
    "partner": 400071680000,
    "address": 400082840000,
    "contact": 400093000000,
    "product": 1600550000,
    "warehouse": 1600000300,
    "row": 228000000000,
    "sales_offer": 400000200000,
    "sales_order": 400000010000,
    "sales_bill_domestic": 400001000000,
    "sales_bill_foreign": 400002000000,
    "sales_bill_retail": 400003000000,
    "sales_bill_credit_note": 400004000000,
    "sales_bill_prepaid": 400005000000,
}


class Store:
    """All state of one company. Dicts keep insertion order, which is ascending `mk_id` within each kind."""

    def __init__(self, company_id: str, secret_key: str, today: date) -> None:
        self.company_id = company_id
        self.secret_key = secret_key
        self.today = today
        self.company_name = "Demo d.o.o."
        self.warehouses: dict[str, Warehouse] = {}
        self.pricelists: dict[str, Pricelist] = {}
        self.products: dict[str, Product] = {}
        self.stock: list[StockRow] = []
        self.partners: dict[str, Partner] = {}
        self.documents: dict[str, dict[str, Document]] = {t: {} for t in SALES_DOC_TYPES}
        #: register of sales-order statuses: description value → display label
        self.order_statuses: dict[str, str] = {}
        self.offer_statuses: dict[str, str] = {}
        self.bill_statuses: dict[str, str] = {}
        self.payment_types: list[str] = ["Transakcijski račun", "Gotovina", "Kartica", "Predračun"]
        self.delivery_types: list[str] = ["GLS", "Pošta Slovenije", "DPD", "Osebni prevzem"]
        self.profit_centers: list[str] = []
        self.line_factory: LineFactory | None = None
        self.payment_factory: PaymentFactory | None = None
        self._counters: dict[str, Iterator[int]] = {}
        self._used_ids: dict[str, int] = {}
        self._number_counters: dict[str, int] = {}

    # ----- identifiers -------------------------------------------------------------------------------------
    def next_id(self, kind: str) -> str:
        """A fresh mk_id of the given kind, larger than any issued before."""
        value = self._used_ids.get(kind, _ID_BASES[kind]) + 1
        self._used_ids[kind] = value
        return str(value)

    def reserve_id(self, kind: str, value: int) -> None:
        """Tell the allocator an id was used (the generator assigns ids itself)."""
        if value > self._used_ids.get(kind, _ID_BASES[kind]):
            self._used_ids[kind] = value

    def next_number(self, series: str) -> int:
        """Next running number of a document/partner numbering series (e.g. "PP", "partner", "auto")."""
        value = self._number_counters.get(series, 0) + 1
        self._number_counters[series] = value
        return value

    def set_number(self, series: str, value: int) -> None:
        self._number_counters[series] = max(value, self._number_counters.get(series, 0))

    # ----- derived document content ------------------------------------------------------------------------
    def lines(self, doc: Document) -> list[Line]:
        if doc.lines is not None:
            return doc.lines
        if self.line_factory is None:
            return []
        return self.line_factory(doc)

    def sums(self, doc: Document) -> Sums:
        return compute_sums(self.lines(doc), doc.discount_value)

    def payments(self, doc: Document) -> list[Payment]:
        if doc.payments is not None:
            return doc.payments
        if self.payment_factory is None:
            return []
        return self.payment_factory(doc, self.sums(doc))

    def materialize(self, doc: Document) -> None:
        """Pin derived lines/payments on the document before a write changes it."""
        if doc.lines is None:
            doc.lines = list(self.lines(doc))
        if doc.payments is None:
            doc.payments = list(self.payments(doc))

    # ----- lookups -----------------------------------------------------------------------------------------
    def find_document(self, mk_id: str) -> Document | None:
        for docs in self.documents.values():
            doc = docs.get(mk_id)
            if doc is not None:
                return doc
        return None

    def product_by_code(self, code: str) -> Product | None:
        for product in self.products.values():
            if product.code == code:
                return product
        return None

    def all_documents(self) -> Iterator[Document]:
        return itertools.chain.from_iterable(d.values() for d in self.documents.values())

    def main_warehouse(self) -> Warehouse:
        for warehouse in self.warehouses.values():
            if warehouse.main:
                return warehouse
        return next(iter(self.warehouses.values()))

    def now(self) -> datetime:
        """Wall-clock time in Europe/Ljubljana, second precision (what writes stamp as last_change)."""
        return datetime.now(TZ).replace(microsecond=0)
