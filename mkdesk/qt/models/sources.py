"""Qt layer: page sources of the browse tables — how partners, documents and products are read for a `PageQuery`.

`first`/`more` run on a database reader thread (through `Database.read`, started by `PagedTableModel`); they call
the cache repositories only and return frozen rows. Search text uses the FTS functions: partners and products show
the best `SEARCH_LIMIT` matches (sorted in memory when a column is sorted); documents page through every match.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mkdesk.core.cache import repo_documents as docs
from mkdesk.core.cache import repo_partners as partners
from mkdesk.core.cache import repo_products as products
from mkdesk.core.models import ZERO
from mkdesk.qt.models.paged_table import PageQuery, sort_rows

SEARCH_LIMIT = 500
LOW_LIMIT = 10_000


class PartnerSource:
    """Partners by name (or a sorted column); search over names, numbers, tax ids, contacts, emails, phones, cities."""

    def first(self, conn: Any, query: PageQuery, limit: int) -> tuple[int, Sequence[Any]]:
        if query.text.strip():
            found = sort_rows(partners.search_partners(conn, query.text, SEARCH_LIMIT), query.order, query.descending)
            return len(found), found
        return partners.count_partners(conn), self.more(conn, query, 0, limit)

    def more(self, conn: Any, query: PageQuery, offset: int, limit: int) -> Sequence[Any]:
        if query.text.strip():
            return ()
        return partners.list_partners(conn, limit=limit, offset=offset, order=query.order,
                                      descending=query.descending)

    def key(self, row: Any) -> Hashable:
        return row.mk_id


class DocumentSource:
    """Documents newest first (or by a sorted column) under a `DocumentFilter`; search text pages through matches."""

    def _filter(self, query: PageQuery) -> docs.DocumentFilter:
        base = query.filter if isinstance(query.filter, docs.DocumentFilter) else docs.DocumentFilter()
        return replace(base, text=query.text.strip() or None)

    def first(self, conn: Any, query: PageQuery, limit: int) -> tuple[int, Sequence[Any]]:
        return docs.count_documents(conn, self._filter(query)), self.more(conn, query, 0, limit)

    def more(self, conn: Any, query: PageQuery, offset: int, limit: int) -> Sequence[Any]:
        descending = query.descending if query.order is not None else True
        return docs.list_documents(conn, self._filter(query), limit=limit, offset=offset, order=query.order,
                                   descending=descending)

    def key(self, row: Any) -> Hashable:
        return (row.doc_type, row.mk_id)


@dataclass(frozen=True, slots=True)
class ProductFilter:
    in_stock: bool = False  # free stock in some warehouse
    low: bool = False  # free stock below the product's minimum


class ProductSource:
    """Products by name (or a sorted column), optionally in stock or low on stock; search by code, name, barcode."""

    def first(self, conn: Any, query: PageQuery, limit: int) -> tuple[int, Sequence[Any]]:
        flt = query.filter if isinstance(query.filter, ProductFilter) else ProductFilter()
        if query.text.strip() or flt.low:
            found = (products.search_products(conn, query.text, SEARCH_LIMIT) if query.text.strip()
                     else products.low_stock(conn, LOW_LIMIT))
            if flt.low:
                found = tuple(r for r in found if r.is_low)
            if flt.in_stock:
                found = tuple(r for r in found if (r.free_amount or ZERO) > 0)
            if query.order is not None or not query.text.strip():
                found = tuple(sort_rows(found, query.order, query.descending))
            return len(found), found
        return products.count_products(conn, in_stock=flt.in_stock), self.more(conn, query, 0, limit)

    def more(self, conn: Any, query: PageQuery, offset: int, limit: int) -> Sequence[Any]:
        flt = query.filter if isinstance(query.filter, ProductFilter) else ProductFilter()
        if query.text.strip() or flt.low:
            return ()
        return products.list_products(conn, limit=limit, offset=offset, order=query.order,
                                      descending=query.descending, in_stock=flt.in_stock)

    def key(self, row: Any) -> Hashable:
        return row.mk_id
