"""Tests for the schema module: every cached table keeps Metakocka ids, fetched_at and a content hash; money columns
are TEXT (never REAL); children cascade from their parent."""

from __future__ import annotations

from sqlalchemy import Text

from mkdesk.core.cache import schema

CACHED = (schema.partners, schema.products, schema.warehouses, schema.stock, schema.documents)


def test_cached_tables_keep_ids_freshness_and_hash():
    for table in CACHED:
        names = {c.name for c in table.columns}
        assert {"fetched_at", "content_hash"} <= names, table.name
        assert "mk_id" in names or "product_mk_id" in names, table.name
    assert {"count_code"} <= {c.name for c in schema.partners.columns}
    assert {"code", "count_code"} <= {c.name for c in schema.products.columns}
    assert {"count_code", "doc_type", "status_code", "status_desc"} <= {c.name for c in schema.documents.columns}


def test_money_and_amounts_are_text():
    money = {"sum_basic", "sum_discount", "sum_all", "sum_paid", "open_balance", "amount", "price", "price_with_tax",
             "reserved_amount", "free_amount", "tax_factor", "discount", "discount_value"}
    for table in schema.metadata.sorted_tables:
        for column in table.columns:
            if column.name in money:
                assert isinstance(column.type, Text), f"{table.name}.{column.name}"


def test_children_cascade_and_content_columns():
    for child in (schema.contacts, schema.addresses, schema.prices, schema.product_categories,
                  schema.document_lines, schema.payments, schema.doc_links):
        (fk,) = child.foreign_keys
        assert fk.ondelete == "CASCADE" and fk.column.name == "id"
    assert schema.content_columns(schema.warehouses)[0] == "mk_id"
    assert "id" not in schema.content_columns(schema.documents)
