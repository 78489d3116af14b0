"""Core layer: the cache schema as SQLAlchemy Core tables (the shape the newest migration builds; pure, any thread).

Migrations (`migrations/versions/`) are the history and create the file; these `Table`s are the current shape, used to
build statements and checked against a migrated database by the tests. Money and quantities are exact `Decimal`
text, dates ISO text, timestamps UTC ISO text, booleans 0/1. Search indexes (`*_fts`, FTS5) are not listed here.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()


def _text(*names: str) -> list[Column]:
    return [Column(name, Text) for name in names]


def _flags(*names: str) -> list[Column]:
    return [Column(name, Boolean) for name in names]


def _child(parent: str) -> list[Column]:
    """Key columns of a child table: clustered by parent (WITHOUT ROWID), in the parent's order."""
    return [
        Column(f"{parent[:-1]}_id", Integer, ForeignKey(f"{parent}.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True),
    ]


def _cached() -> list[Column]:
    return [Column("fetched_at", Text, nullable=False), Column("content_hash", Text, nullable=False)]


partners = Table(
    "partners", metadata,
    Column("id", Integer, primary_key=True),
    Column("mk_id", Text, nullable=False, unique=True),
    *_text("count_code", "name"),
    Column("sort_name", Text, nullable=False, server_default=text("''")),
    *_flags("business_entity", "taxpayer", "is_foreign"),
    *_text("tax_id_number", "registration_number"),
    *_flags("buyer", "supplier"),
    *_text("city", "country", "email", "phone", "discounts_json"),
    *_cached(),
    Index("ix_partners_sort_name", "sort_name", "id"),
    Index("ix_partners_tax_id", "tax_id_number"),
    Index("ix_partners_count_code", "count_code"),
)

contacts = Table(
    "contacts", metadata,
    *_child("partners"),
    *_text("mk_id", "mk_address_id", "name", "email", "gsm", "phone", "fax", "contact_address"),
    Index("ix_contacts_email", text("email COLLATE NOCASE")),
    sqlite_with_rowid=False,
)

addresses = Table(
    "addresses", metadata,
    *_child("partners"),
    *_text("mk_id", "address_type", "street", "post_number", "city", "province", "country"),
    Column("payment_due_days", Integer),
    *_text("language", "currency"),
    sqlite_with_rowid=False,
)

products = Table(
    "products", metadata,
    Column("id", Integer, primary_key=True),
    Column("mk_id", Text, nullable=False, unique=True),
    *_text("code", "count_code", "name"),
    Column("sort_name", Text, nullable=False, server_default=text("''")),
    *_text("name_desc", "barcode", "unit"),
    *_flags("service", "sales", "purchasing", "active", "eshop_sync"),
    *_text("weight", "gross_weight", "min_stock", "country", "stock_amount", "free_amount", "stock_json"),
    *_cached(),
    Index("ix_products_code", "code"),
    Index("ix_products_sort_name", "sort_name", "id"),
    Index("ix_products_barcode", "barcode"),
)

product_categories = Table(
    "product_categories", metadata,
    *_child("products"),
    Column("name", Text, nullable=False),
    Index("ix_product_categories_name", "name"),
    sqlite_with_rowid=False,
)

prices = Table(
    "prices", metadata,
    *_child("products"),
    *_text("pricelist_code", "title", "sales_purchase", "currency", "pricelist_type", "buyer", "valid_from",
           "valid_to", "price", "price_with_tax", "discount", "tax", "tax_desc", "tax_factor", "amount_from",
           "amount_to"),
    Index("ix_prices_pricelist", "pricelist_code"),
    sqlite_with_rowid=False,
)

warehouses = Table(
    "warehouses", metadata,
    Column("id", Integer, primary_key=True),
    Column("mk_id", Text, nullable=False, unique=True),
    *_text("mark", "name", "street", "post", "place", "country"),
    *_flags("main", "active"),
    Column("warehouse_type", Text),
    *_cached(),
)

stock = Table(
    "stock", metadata,
    Column("id", Integer, primary_key=True),
    Column("product_mk_id", Text, nullable=False),
    Column("warehouse_id", Text, nullable=False),
    Column("code", Text),
    *[Column(name, Text, nullable=False) for name in ("amount", "reserved_amount", "free_amount")],
    Column("rows", Integer, nullable=False),
    *_cached(),
    UniqueConstraint("product_mk_id", "warehouse_id"),
    Index("ix_stock_warehouse", "warehouse_id"),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("mk_id", Text, nullable=False),
    Column("doc_type", Text, nullable=False),
    *_text("count_code", "doc_date", "partner_mk_id", "partner_name", "partner_tax_id", "partner_place",
           "partner_country", "buyer_order", "title", "status_code", "status_desc", "currency", "warehouse",
           "delivery_type", "method_of_payment", "notes", "notes_header", "due_date", "valid_to",
           "delivery_deadline", "shipped_date", "tracking_code", "created_ts", "order_create_ts", "publish_ts",
           "last_change_ts", "last_paid_date", "discount_value", "sum_basic", "sum_discount", "sum_all"),
    Column("sum_paid", Text, nullable=False),
    Column("open_balance", Text),
    Column("is_unpaid", Boolean, nullable=False),
    Column("snapshot_json", Text),
    *_cached(),
    UniqueConstraint("mk_id", "doc_type"),
    Index("ix_documents_date", "doc_date", "id"),
    Index("ix_documents_partner", "partner_mk_id", "doc_date"),
    Index("ix_documents_unpaid", "due_date", sqlite_where=text("is_unpaid = 1")),
)

document_lines = Table(
    "document_lines", metadata,
    *_child("documents"),
    *_text("product_mk_id", "code", "count_code", "name", "name_desc", "doc_desc", "unit", "amount", "price",
           "price_with_tax", "discount", "tax", "tax_factor", "mk_row_id"),
    sqlite_with_rowid=False,
)

payments = Table(
    "payments", metadata,
    *_child("documents"),
    Column("date", Text),
    Column("amount", Text, nullable=False),
    *_text("payment_type", "mode", "notes"),
    sqlite_with_rowid=False,
)

doc_links = Table(
    "doc_links", metadata,
    *_child("documents"),
    *_text("mk_id", "count_code", "doc_type"),
    sqlite_with_rowid=False,
)

sync_state = Table(
    "sync_state", metadata,
    Column("entity", Text, primary_key=True),
    *_text("cursor", "last_run", "last_success", "last_full_reconcile", "counts_json", "last_error"),
    Column("paused", Boolean, nullable=False, server_default=text("0")),
    *_text("next_due", "backoff_until"),
)

sync_log = Table(
    "sync_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", Text, nullable=False),
    Column("level", Text, nullable=False),
    Column("entity", Text),
    Column("message", Text, nullable=False),
    Column("details_json", Text),
    Column("resolved", Boolean, nullable=False, server_default=text("0")),
    Index("ix_sync_log_ts", "ts"),
    Index("ix_sync_log_entity", "entity", "id"),
    sqlite_autoincrement=True,
)

document_pdfs = Table(
    "document_pdfs", metadata,
    Column("document_id", Integer, primary_key=True),
    Column("fetched_at", Text, nullable=False),
    Column("content_hash", Text),
    Column("size", Integer, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
)

partner_notes = Table(
    "partner_notes", metadata,
    Column("partner_id", Integer, primary_key=True),
    Column("note", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

mail_accounts = Table(
    "mail_accounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    *_text("host"),
    Column("port", Integer),
    *_text("security", "username", "own_address"),
    Column("created_at", Text, nullable=False),
    Column("folders", Text),  # JSON list of folder names to sync (NULL: INBOX)
    Column("ca_file", Text),  # the CA bundle this server is verified against (instead of the system's)
)

mail_folders = Table(
    "mail_folders", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("mail_accounts.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("uidvalidity", Integer),
    Column("uidnext", Integer),
    Column("last_sync", Text),
    UniqueConstraint("account_id", "name"),
)

messages = Table(
    "messages", metadata,
    Column("id", Integer, primary_key=True),
    Column("folder_id", Integer, ForeignKey("mail_folders.id", ondelete="CASCADE"), nullable=False),
    Column("uid", Integer),
    Column("raw_sha256", Text, nullable=False),
    *_text("message_id", "in_reply_to", "from_addr", "from_name", "to_json", "cc_json", "reply_to", "subject",
           "sent_at", "snippet", "body_text", "body_html"),
    Column("has_remote", Boolean, nullable=False, server_default=text("0")),
    Column("allow_remote", Boolean, nullable=False, server_default=text("0")),
    Column("seen", Boolean, nullable=False, server_default=text("0")),
    Column("attachments_json", Text),
    Column("size", Integer, nullable=False),
    *_text("parse_error", "source"),
    Column("added_at", Text, nullable=False),
    Column("seen_pending", Integer),  # a read mark not yet on the IMAP server: 1 read, 0 unread, NULL none
    UniqueConstraint("folder_id", "uid"),
    UniqueConstraint("folder_id", "raw_sha256"),
    Index("ix_messages_sent", "sent_at", "id"),
    Index("ix_messages_from", "from_addr"),
    Index("ix_messages_message_id", "message_id"),
    Index("ix_messages_seen_pending", "seen_pending", sqlite_where=text("seen_pending IS NOT NULL")),
)

message_raw = Table(
    "message_raw", metadata,
    Column("message_id", Integer, ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True),
    Column("raw", LargeBinary, nullable=False),
)

sender_choices = Table(
    "sender_choices", metadata,
    Column("address", Text, primary_key=True),
    Column("partner_id", Integer, nullable=False),
    Column("chosen_at", Text, nullable=False),
)

email_links = Table(
    "email_links", metadata,
    Column("message_id", Integer, ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("record_id", Integer, primary_key=True),
    Column("confidence", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("manual", Integer, nullable=False, server_default=text("0")),
    Column("created_at", Text, nullable=False),
    Index("ix_email_links_record", "kind", "record_id"),
    sqlite_with_rowid=False,
)

FTS_TABLES = ("partners_fts", "products_fts", "documents_fts", "messages_fts")


def content_columns(table: Table) -> tuple[str, ...]:
    """The columns an upsert writes: everything but the local row id."""
    return tuple(c.name for c in table.columns if c.name != "id")
