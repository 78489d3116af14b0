"""Initial cache schema: partners, catalogue, stock, sales documents, FTS5 indexes, sync bookkeeping.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Money/quantities are TEXT (exact Decimal), dates ISO TEXT, timestamps UTC ISO TEXT, booleans 0/1.
# Every cached record keeps its Metakocka ids, `fetched_at` and `content_hash`; children follow their parent and are
# clustered by it (WITHOUT ROWID, key parent id + position): one B-tree per child table, no extra index to maintain.
TABLES = [
    """CREATE TABLE partners (
        id INTEGER PRIMARY KEY,
        mk_id TEXT NOT NULL UNIQUE,
        count_code TEXT,
        name TEXT,
        sort_name TEXT NOT NULL DEFAULT '',
        business_entity BOOLEAN,
        taxpayer BOOLEAN,
        is_foreign BOOLEAN,
        tax_id_number TEXT,
        registration_number TEXT,
        buyer BOOLEAN,
        supplier BOOLEAN,
        city TEXT,
        country TEXT,
        email TEXT,
        phone TEXT,
        discounts_json TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL)""",
    "CREATE INDEX ix_partners_sort_name ON partners (sort_name, id)",
    "CREATE INDEX ix_partners_tax_id ON partners (tax_id_number)",
    "CREATE INDEX ix_partners_count_code ON partners (count_code)",
    """CREATE TABLE contacts (
        partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        mk_id TEXT,
        mk_address_id TEXT,
        name TEXT,
        email TEXT,
        gsm TEXT,
        phone TEXT,
        fax TEXT,
        contact_address TEXT,
        PRIMARY KEY (partner_id, position)) WITHOUT ROWID""",
    "CREATE INDEX ix_contacts_email ON contacts (email COLLATE NOCASE)",
    """CREATE TABLE addresses (
        partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        mk_id TEXT,
        address_type TEXT,
        street TEXT,
        post_number TEXT,
        city TEXT,
        province TEXT,
        country TEXT,
        payment_due_days INTEGER,
        language TEXT,
        currency TEXT,
        PRIMARY KEY (partner_id, position)) WITHOUT ROWID""",
    """CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        mk_id TEXT NOT NULL UNIQUE,
        code TEXT,
        count_code TEXT,
        name TEXT,
        sort_name TEXT NOT NULL DEFAULT '',
        name_desc TEXT,
        barcode TEXT,
        unit TEXT,
        service BOOLEAN,
        sales BOOLEAN,
        purchasing BOOLEAN,
        active BOOLEAN,
        eshop_sync BOOLEAN,
        weight TEXT,
        gross_weight TEXT,
        min_stock TEXT,
        country TEXT,
        stock_amount TEXT,
        free_amount TEXT,
        stock_json TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL)""",
    "CREATE INDEX ix_products_code ON products (code)",
    "CREATE INDEX ix_products_sort_name ON products (sort_name, id)",
    "CREATE INDEX ix_products_barcode ON products (barcode)",
    """CREATE TABLE product_categories (
        product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (product_id, position)) WITHOUT ROWID""",
    "CREATE INDEX ix_product_categories_name ON product_categories (name)",
    """CREATE TABLE prices (
        product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        pricelist_code TEXT,
        title TEXT,
        sales_purchase TEXT,
        currency TEXT,
        pricelist_type TEXT,
        buyer TEXT,
        valid_from TEXT,
        valid_to TEXT,
        price TEXT,
        price_with_tax TEXT,
        discount TEXT,
        tax TEXT,
        tax_desc TEXT,
        tax_factor TEXT,
        amount_from TEXT,
        amount_to TEXT,
        PRIMARY KEY (product_id, position)) WITHOUT ROWID""",
    "CREATE INDEX ix_prices_pricelist ON prices (pricelist_code)",
    """CREATE TABLE warehouses (
        id INTEGER PRIMARY KEY,
        mk_id TEXT NOT NULL UNIQUE,
        mark TEXT,
        name TEXT,
        street TEXT,
        post TEXT,
        place TEXT,
        country TEXT,
        main BOOLEAN,
        active BOOLEAN,
        warehouse_type TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL)""",
    """CREATE TABLE stock (
        id INTEGER PRIMARY KEY,
        product_mk_id TEXT NOT NULL,
        warehouse_id TEXT NOT NULL,
        code TEXT,
        amount TEXT NOT NULL,
        reserved_amount TEXT NOT NULL,
        free_amount TEXT NOT NULL,
        rows INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        UNIQUE (product_mk_id, warehouse_id))""",
    "CREATE INDEX ix_stock_warehouse ON stock (warehouse_id)",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        mk_id TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        count_code TEXT,
        doc_date TEXT,
        partner_mk_id TEXT,
        partner_name TEXT,
        partner_tax_id TEXT,
        partner_place TEXT,
        partner_country TEXT,
        buyer_order TEXT,
        title TEXT,
        status_code TEXT,
        status_desc TEXT,
        currency TEXT,
        warehouse TEXT,
        delivery_type TEXT,
        method_of_payment TEXT,
        notes TEXT,
        notes_header TEXT,
        due_date TEXT,
        valid_to TEXT,
        delivery_deadline TEXT,
        shipped_date TEXT,
        tracking_code TEXT,
        created_ts TEXT,
        order_create_ts TEXT,
        publish_ts TEXT,
        last_change_ts TEXT,
        last_paid_date TEXT,
        discount_value TEXT,
        sum_basic TEXT,
        sum_discount TEXT,
        sum_all TEXT,
        sum_paid TEXT NOT NULL,
        open_balance TEXT,
        is_unpaid BOOLEAN NOT NULL,
        snapshot_json TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        UNIQUE (mk_id, doc_type))""",
    "CREATE INDEX ix_documents_date ON documents (doc_date, id)",
    "CREATE INDEX ix_documents_partner ON documents (partner_mk_id, doc_date)",
    "CREATE INDEX ix_documents_unpaid ON documents (due_date) WHERE is_unpaid = 1",
    """CREATE TABLE document_lines (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        product_mk_id TEXT,
        code TEXT,
        count_code TEXT,
        name TEXT,
        name_desc TEXT,
        doc_desc TEXT,
        unit TEXT,
        amount TEXT,
        price TEXT,
        price_with_tax TEXT,
        discount TEXT,
        tax TEXT,
        tax_factor TEXT,
        mk_row_id TEXT,
        PRIMARY KEY (document_id, position)) WITHOUT ROWID""",
    """CREATE TABLE payments (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        date TEXT,
        amount TEXT NOT NULL,
        payment_type TEXT,
        mode TEXT,
        notes TEXT,
        PRIMARY KEY (document_id, position)) WITHOUT ROWID""",
    """CREATE TABLE doc_links (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        mk_id TEXT,
        count_code TEXT,
        doc_type TEXT,
        PRIMARY KEY (document_id, position)) WITHOUT ROWID""",
    """CREATE TABLE sync_state (
        entity TEXT PRIMARY KEY,
        cursor TEXT,
        last_run TEXT,
        last_success TEXT,
        last_full_reconcile TEXT,
        counts_json TEXT,
        last_error TEXT,
        paused BOOLEAN NOT NULL DEFAULT 0,
        next_due TEXT,
        backoff_until TEXT)""",
    """CREATE TABLE sync_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts TEXT NOT NULL,
        level TEXT NOT NULL,
        entity TEXT,
        message TEXT NOT NULL,
        details_json TEXT,
        resolved BOOLEAN NOT NULL DEFAULT 0)""",
    "CREATE INDEX ix_sync_log_ts ON sync_log (ts)",
    "CREATE INDEX ix_sync_log_entity ON sync_log (entity, id)",
]

# Search indexes, accent-insensitive, rowid = the parent's id. Partners and products: their text gathers children
# (contact emails, phones, cities), so the upsert functions fill them; a trigger empties them when a parent row goes,
# however it goes. Documents (300 000 rows): an external-content index over the documents table itself, kept in step
# by triggers alone (no second copy of the text), and without prefix indexes (searches walk it in rowid order).
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
FTS = {
    "partners": "name, count_code, tax_id, contacts, emails, phones, city",
    "products": "code, name, barcode",
}
DOC_FTS_COLUMNS = ("count_code", "buyer_order", "partner_name", "title")


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
    for table, columns in FTS.items():
        op.execute(f"CREATE VIRTUAL TABLE {table}_fts USING fts5({columns}, {TOKENIZE}, prefix = '2 3')")
        op.execute(
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {table}_fts WHERE rowid = old.id; END"
        )
    cols = ", ".join(DOC_FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in DOC_FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in DOC_FTS_COLUMNS)
    op.execute(f"CREATE VIRTUAL TABLE documents_fts USING fts5({cols}, content = 'documents', content_rowid = 'id', "
               f"{TOKENIZE})")
    op.execute(f"CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
               f"INSERT INTO documents_fts (rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
               f"INSERT INTO documents_fts (documents_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER documents_fts_update AFTER UPDATE OF {cols} ON documents BEGIN "
               f"INSERT INTO documents_fts (documents_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO documents_fts (rowid, {cols}) VALUES (new.id, {new}); END")


def downgrade() -> None:
    for trigger in ("documents_fts_update", "documents_fts_delete", "documents_fts_insert", "products_fts_delete",
                    "partners_fts_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in ("documents_fts", "products_fts", "partners_fts"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    for name in ("sync_log", "sync_state", "doc_links", "payments", "document_lines", "documents", "stock",
                 "warehouses", "prices", "product_categories", "products", "addresses", "contacts", "partners"):
        op.execute(f"DROP TABLE IF EXISTS {name}")
