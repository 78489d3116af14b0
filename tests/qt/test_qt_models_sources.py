"""Tests for mkdesk.qt.models.sources: the page sources agree with the repositories (search, filters, keys)."""

from __future__ import annotations

from mkdesk.core.cache import repo_documents, repo_products
from mkdesk.qt.models.paged_table import PageQuery
from mkdesk.qt.models.sources import DocumentSource, PartnerSource, ProductFilter, ProductSource


def test_sources(cache_db):
    total, rows = cache_db.read_sync(PartnerSource().first, PageQuery(text="kovac"), 50)
    assert total == len(rows) > 0
    assert cache_db.read_sync(PartnerSource().more, PageQuery(text="kovac"), 50, 50) == ()
    unpaid = repo_documents.DocumentFilter(unpaid=True)
    total, rows = cache_db.read_sync(DocumentSource().first, PageQuery(filter=unpaid), 20)
    assert total == cache_db.read_sync(repo_documents.count_documents, unpaid) and len(rows) == min(20, total)
    assert DocumentSource().key(rows[0]) == (rows[0].doc_type, rows[0].mk_id)
    total, rows = cache_db.read_sync(ProductSource().first, PageQuery(filter=ProductFilter(low=True, in_stock=True)),
                                     20)
    assert all(r.is_low and r.free_amount > 0 for r in rows) and total == len(rows)
    total, rows = cache_db.read_sync(ProductSource().first, PageQuery(order="code", descending=True), 10)
    assert total == cache_db.read_sync(repo_products.count_products)
    assert [r.code for r in rows] == sorted((r.code for r in rows), reverse=True)
