"""Core layer: the results of enrichment — sender matches, entities, context-pane facts, links (frozen; any thread).

Reasons come as English text plus `reason_code`/`reason_args` (see `reasons.py`) for translation.
Record ids: `*_id` fields are cache row ids (`partners.id`, `documents.id`, `products.id`; what `email_links` stores);
`*mk_id` fields are Metakocka ids (what the browse tabs open). Money is `Decimal` in the document's currency;
dates are `date`, timestamps aware `datetime`. Confidence is 0..1; every match carries a plain-words `reason`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

#: how a sender was matched to a partner (strongest first)
MATCH_METHODS = ("manual", "choice", "contact_email", "partner_email", "online", "domain", "document")
#: customer segments (thresholds in `mkdesk/core/context/segment.py` and docs/context.md)
SEGMENTS = ("new", "first_time", "regular", "loyal")


@dataclass(frozen=True, slots=True)
class SenderMatch:
    """One partner the sender may be: how (`method`, one of `MATCH_METHODS`), how sure, and why in plain words."""

    partner_id: int
    partner_mk_id: str
    name: str | None
    method: str
    confidence: float
    reason: str
    contact_name: str | None = None  # the contact person whose email matched, if any
    address: str | None = None  # the address that was matched (the original sender of forwarded mail)
    reason_code: str = ""  # a key of `reasons.TEMPLATES` (for a translated reason)
    reason_args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentMention:
    """A document number or buyer-order reference in the mail that exists in the cache."""

    text: str  # as written in the mail
    field: str  # "count_code" | "buyer_order"
    document_id: int
    mk_id: str
    doc_type: str
    count_code: str | None
    buyer_order: str | None
    partner_mk_id: str | None
    partner_name: str | None
    status: str | None
    doc_date: date | None
    confidence: float
    reason: str
    reason_code: str = ""
    reason_args: tuple[tuple[str, str], ...] = ()
    quoted: bool = False  # found in the quoted text (then it is a document of the matched partner)


@dataclass(frozen=True, slots=True)
class ProductMention:
    """A product named in the mail by code or by name, with a quantity written next to it when there is one."""

    text: str  # as written in the mail
    how: str  # "code" | "name"
    product_id: int
    mk_id: str
    code: str | None
    name: str | None
    quantity: Decimal | None
    unit: str | None  # the unit written with the quantity ("kos", "pcs", "x"), else None
    confidence: float
    reason: str
    reason_code: str = ""
    reason_args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Entities:
    """What the subject and the customer's own text mention (quoted text of other people is left out)."""

    documents: tuple[DocumentMention, ...] = ()
    products: tuple[ProductMention, ...] = ()
    unknown_numbers: tuple[str, ...] = ()  # look like document numbers but are not in the cache


@dataclass(frozen=True, slots=True)
class PartnerCard:
    partner_id: int
    mk_id: str
    name: str | None
    count_code: str | None
    tax_id_number: str | None
    contact_name: str | None  # the contact person who wrote, else the first one
    contact_email: str | None
    phone: str | None
    street: str | None
    post_number: str | None
    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class DocumentFact:
    """An open sales order or a pending offer."""

    document_id: int
    mk_id: str
    doc_type: str
    count_code: str | None
    doc_date: date | None
    status: str | None  # label as Metakocka shows it ("V obdelavi")
    status_code: str | None  # register code ("in_progress")
    buyer_order: str | None
    sum_all: Decimal | None
    currency: str | None
    valid_to: date | None = None  # offers
    expired: bool = False  # an offer past its valid_to


@dataclass(frozen=True, slots=True)
class InvoiceFact:
    """An unpaid bill: open balance = sum_all − sum_paid; `days_overdue` > 0 when due before today."""

    document_id: int
    mk_id: str
    doc_type: str
    count_code: str | None
    doc_date: date | None
    due_date: date | None
    sum_all: Decimal
    sum_paid: Decimal
    open_balance: Decimal
    currency: str | None
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(frozen=True, slots=True)
class Balance:
    """What a partner owes in one currency: all unpaid bills, and the overdue part."""

    currency: str | None
    open_balance: Decimal
    overdue_balance: Decimal
    unpaid_count: int
    overdue_count: int
    oldest_days_overdue: int


@dataclass(frozen=True, slots=True)
class PurchaseFact:
    """A product the partner bought in the last 12 months (orders, or bills without an order), most bought first."""

    product_id: int | None
    mk_id: str | None
    code: str | None
    name: str | None
    quantity: Decimal
    unit: str | None
    documents: int
    last_date: date | None


@dataclass(frozen=True, slots=True)
class WarehouseLevel:
    warehouse_mk_id: str
    mark: str | None
    name: str | None
    amount: Decimal
    reserved: Decimal
    free: Decimal


@dataclass(frozen=True, slots=True)
class StockFact:
    """Stock of a mentioned product per warehouse (main warehouse first) and in total."""

    product_id: int
    mk_id: str
    code: str | None
    name: str | None
    unit: str | None
    warehouses: tuple[WarehouseLevel, ...]
    free: Decimal
    reserved: Decimal
    requested: Decimal | None = None  # the quantity the mail asks for, if any

    @property
    def enough(self) -> bool | None:
        return None if self.requested is None else self.free >= self.requested


@dataclass(frozen=True, slots=True)
class Segment:
    """new / first_time / regular / loyal (see `SEGMENTS`) and the "no order in 90 days" warning."""

    code: str
    purchases: int  # purchases ever (orders, plus bills without an order)
    purchases_12m: int
    first_purchase: date | None
    last_purchase: date | None
    days_since_last: int | None
    dormant: bool  # bought before, but nothing in the last 90 days
    reason: str
    reason_code: str = ""  # the segment's sentence (`reasons.TEMPLATES`); "dormant" adds a second one
    reason_args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Freshness:
    """When the data behind one block of the pane was last synced (`sync_state.last_success`)."""

    block: str  # "partner" | "orders" | "offers" | "invoices" | "purchases" | "stock"
    entity: str  # the sync entity
    last_success: datetime | None


@dataclass(frozen=True, slots=True)
class MessageContext:
    """Everything the context pane shows beside one message, read from the cache in one snapshot."""

    message_id: int | None  # the `messages` row, when the context was built for a stored message
    sender: str | None  # the address matched (the original sender of mail forwarded by the rep)
    forwarded: bool  # the sender was taken from a forwarded message inside
    partner: SenderMatch | None  # the best match (None: nobody, or several equally good — see candidates)
    candidates: tuple[SenderMatch, ...]  # every match, best first (a picker when more than one)
    card: PartnerCard | None
    open_orders: tuple[DocumentFact, ...]
    pending_offers: tuple[DocumentFact, ...]
    unpaid_invoices: tuple[InvoiceFact, ...]  # oldest due first
    balances: tuple[Balance, ...]  # per currency
    recent_purchases: tuple[PurchaseFact, ...]
    stock: tuple[StockFact, ...]
    segment: Segment | None
    entities: Entities
    freshness: tuple[Freshness, ...]
    today: date
    outgoing: bool = False  # the rep's own mail: `sender` is the first recipient outside the own domains

    @property
    def needs_choice(self) -> bool:
        """Several candidates and no remembered or manual choice: the UI offers a picker."""
        return self.partner is None and len(self.candidates) > 1


@dataclass(frozen=True, slots=True)
class EmailLink:
    """One row of `email_links`: manual = 1 the user linked it, -1 the user unlinked it, 0 automatic."""

    message_id: int
    kind: str  # "partner" | "document" | "product"
    record_id: int
    confidence: float
    reason: str
    manual: int
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A message linked to a partner (its email history), newest first."""

    message_id: int
    subject: str | None
    from_addr: str | None
    from_name: str | None
    sent_at: datetime | None
    snippet: str | None
    confidence: float
    reason: str
    manual: int
