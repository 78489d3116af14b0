"""Tests for row encoding: column lists match the schema, row tuples match their columns, search-index text."""

from __future__ import annotations

from mkdesk.core.cache import encode as E
from mkdesk.core.cache import schema
from mkdesk.core.models import Partner
from tests.core.cache_data import document, partner, product, stock, warehouse


def test_column_lists_cover_the_schema():
    pairs = [(E.PARTNER_COLUMNS, schema.partners), (E.CONTACT_COLUMNS, schema.contacts),
             (E.ADDRESS_COLUMNS, schema.addresses), (E.PRODUCT_COLUMNS, schema.products),
             (E.CATEGORY_COLUMNS, schema.product_categories), (E.PRICE_COLUMNS, schema.prices),
             (E.WAREHOUSE_COLUMNS, schema.warehouses), (E.STOCK_COLUMNS, schema.stock),
             (E.DOCUMENT_COLUMNS, schema.documents), (E.LINE_COLUMNS, schema.document_lines),
             (E.PAYMENT_COLUMNS, schema.payments), (E.LINK_COLUMNS, schema.doc_links)]
    for columns, table in pairs:
        assert columns == schema.content_columns(table), table.name


def test_row_tuples_match_their_columns():
    assert len(E.partner_row(partner(1))) == len(E.PARTNER_COLUMNS) - 2
    assert all(len(r) + 1 == len(E.CONTACT_COLUMNS) for r in E.contact_rows(partner(1)))
    assert all(len(r) + 1 == len(E.ADDRESS_COLUMNS) for r in E.address_rows(partner(1)))
    assert len(E.product_row(product(1))) == len(E.PRODUCT_COLUMNS) - 2
    assert all(len(r) + 1 == len(E.PRICE_COLUMNS) for r in E.price_rows(product(1)))
    assert all(len(r) + 1 == len(E.CATEGORY_COLUMNS) for r in E.category_rows(product(1)))
    assert len(E.warehouse_row(warehouse(1))) == len(E.WAREHOUSE_COLUMNS) - 2
    assert len(E.stock_row(stock(1, 1))) == len(E.STOCK_COLUMNS) - 2
    d = document(1)
    assert len(E.document_row(d)) == len(E.DOCUMENT_COLUMNS) - 2
    assert all(len(r) + 1 == len(E.LINE_COLUMNS) for r in E.line_rows(d))
    assert all(len(r) + 1 == len(E.PAYMENT_COLUMNS) for r in E.payment_rows(d))
    assert all(len(r) + 1 == len(E.LINK_COLUMNS) for r in E.link_rows(d))


def test_document_row_balance_and_unpaid_flag():
    row = dict(zip(E.DOCUMENT_COLUMNS, E.document_row(document(1))))
    assert row["open_balance"] == "1421.50" and row["is_unpaid"] == 1
    assert row["partner_name"] == "Partner 1 d.o.o." and row["sum_paid"] == "500.00"
    paid = dict(zip(E.DOCUMENT_COLUMNS, E.document_row(document(1, sum_paid=document(1).sum_all))))
    assert paid["open_balance"] == "0.00" and paid["is_unpaid"] == 0
    no_total = dict(zip(E.DOCUMENT_COLUMNS, E.document_row(document(1, sum_all=None))))
    assert no_total["open_balance"] is None and no_total["is_unpaid"] == 0
    order = dict(zip(E.DOCUMENT_COLUMNS, E.document_row(document(1, "sales_order"))))
    assert order["open_balance"] == "1421.50" and order["is_unpaid"] == 0  # only bills are owed


def test_document_search_columns_are_document_columns():
    assert set(E.DOCUMENT_FTS_COLUMNS) <= set(E.DOCUMENT_COLUMNS)


def test_partner_search_text_has_every_spelling():
    text = dict(zip(E.FTS_COLUMNS["partners"], E.partner_fts(partner(7))))
    assert "10000007" in text["tax_id"] and "SI10000007" in text["tax_id"]
    assert "041123456" in text["phones"] and "38641123456" in text["phones"]
    assert "ana7@firma7.si" in text["emails"] and text["city"] == "Ljubljana Maribor"
    assert E.partner_fts(Partner(mk_id="1")) == ("", "", "", "", "", "", "")
