"""Core layer: read-only queries over cached sales documents — filtered pages, counts, search, detail (reader threads).

Every function takes the connection `Database.read` hands it and returns frozen dataclasses. Table order is newest
first (`doc_date` desc, then newest row); pages go by offset or by keyset (`after=` the last row seen).
"Unpaid" and "overdue" concern bills (`BILL_TYPES`): sum_all − sum_paid > 0, and overdue when due before today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.decode import document_from_rows
from mkdesk.core.cache.encode import BILL_TYPES, DOC_TYPES
from mkdesk.core.cache.fts import fts_query, fts_tokens, ranked_matches
from mkdesk.core.cache.query import check_page, children, marks, one, rows, scalar
from mkdesk.core.cache.values import to_day, to_dec, to_ts
from mkdesk.core.models import SalesDocument

__all__ = ["BILL_TYPES", "DOC_TYPES", "DocumentDetail", "DocumentFilter", "DocumentRow", "count_documents",
           "document_detail", "document_rows_for_partner", "documents_by_number", "PurchasedLine", "recent_purchases", "document_statuses", "list_documents", "search_documents"]

_COLUMNS = ("id", "mk_id", "doc_type", "count_code", "doc_date", "partner_mk_id", "partner_name", "buyer_order",
            "title", "status_code", "status_desc", "currency", "sum_all", "sum_paid", "open_balance", "due_date",
            "is_unpaid")
_SELECT = ", ".join(f"d.{c}" for c in _COLUMNS)
# bm25 weights of documents_fts columns: count_code, buyer_order, partner_name, title
_WEIGHTS = "10.0, 8.0, 3.0, 2.0"
#: numbers in document search become prefixes from this many digits on (shorter ones match whole numbers)
DIGITS_PREFIX = 4


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the documents table. `row_id` is cache-local (for keyset paging and ties), not Metakocka's."""

    mk_id: str
    doc_type: str
    count_code: str | None
    doc_date: date | None
    partner_mk_id: str | None
    partner_name: str | None
    buyer_order: str | None
    title: str | None
    status_code: str | None  # label
    status_desc: str | None  # register code
    currency: str | None
    sum_all: Decimal | None
    sum_paid: Decimal
    open_balance: Decimal | None
    due_date: date | None
    is_unpaid: bool  # a bill (`BILL_TYPES`) with sum_all − sum_paid > 0
    row_id: int

    def is_overdue(self, today: date) -> bool:
        return self.is_unpaid and self.due_date is not None and self.due_date < today


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What the documents table shows; empty fields do not filter."""

    doc_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # labels or register codes
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    partner_mk_id: str | None = None
    unpaid: bool = False  # unpaid bills only
    overdue: bool = False  # unpaid bills due before `today`
    today: date | None = None  # default: the local date
    text: str | None = None  # search text (number, buyer order, partner, title)


@dataclass(frozen=True, slots=True)
class PurchasedLine:
    """A product line of one of a partner's documents (what they bought or ordered)."""

    doc_mk_id: str
    doc_type: str
    count_code: str | None
    doc_date: date | None
    product_mk_id: str | None
    code: str | None
    name: str | None
    amount: Decimal | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """A document as the API returned it (lines, payments, links, sums) plus the linked documents found in the cache."""

    document: SalesDocument
    linked: tuple[DocumentRow, ...]
    fetched_at: datetime | None


def _row(r: dict[str, Any]) -> DocumentRow:
    return DocumentRow(mk_id=r["mk_id"], doc_type=r["doc_type"], count_code=r["count_code"],
                       doc_date=to_day(r["doc_date"]), partner_mk_id=r["partner_mk_id"],
                       partner_name=r["partner_name"], buyer_order=r["buyer_order"], title=r["title"],
                       status_code=r["status_code"], status_desc=r["status_desc"], currency=r["currency"],
                       sum_all=to_dec(r["sum_all"]), sum_paid=to_dec(r["sum_paid"]),  # type: ignore[arg-type]
                       open_balance=to_dec(r["open_balance"]), due_date=to_day(r["due_date"]),
                       is_unpaid=bool(r["is_unpaid"]), row_id=r["id"])


def _where(f: DocumentFilter) -> tuple[list[str], list[Any]] | None:
    """SQL conditions and parameters for a filter; None when it cannot match anything."""
    where: list[str] = []
    params: list[Any] = []
    if f.doc_types:
        where.append(f"d.doc_type IN ({marks(f.doc_types)})")
        params += f.doc_types
    if f.statuses:
        where.append(f"(d.status_desc IN ({marks(f.statuses)}) OR d.status_code IN ({marks(f.statuses)}))")
        params += [*f.statuses, *f.statuses]
    if f.date_from is not None:
        where.append("d.doc_date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to is not None:
        where.append("d.doc_date <= ?")
        params.append(f.date_to.isoformat())
    if f.partner_mk_id is not None:
        where.append("d.partner_mk_id = ?")
        params.append(f.partner_mk_id)
    if f.unpaid or f.overdue:
        where.append("d.is_unpaid = 1")  # set on bills only
    if f.overdue:
        where.append("d.due_date < ?")
        params.append((f.today or date.today()).isoformat())
    if f.text is not None and f.text.strip():
        query = fts_query(f.text, min_digits_prefix=DIGITS_PREFIX)
        if query is None:
            return None
        where.append(_MATCHES)  # always the last condition (see `_table`)
        params.append(query)
    return where, params


_MATCHES = "d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
#: from this many matches on, a search page walks the date index and keeps the matching rows; fewer matches are
#: looked up by row id and sorted. Same rows either way; SQLite's planner cannot tell which is cheaper: it looked up
#: and sorted all 95 000 matches of "PP" (170 ms) where walking the index finds the newest 200 in ~10 ms, while
#: walking the index for 219 matches costs 18 ms against 0.2 ms of lookups, and matches bunched in an older year
#: ("NAR-2024", 1 359) make the walk long (~70 ms) where their lookups take ~4 ms.
DENSE_MATCHES = 5000


def _table(conn: Connection, where: list[str], params: list[Any]) -> str:
    """The FROM clause of a page, and the plan of its text condition (rewritten in `where` when dense)."""
    if not where or where[-1] != _MATCHES:
        return "documents d"
    probe = f"SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT {DENSE_MATCHES})"
    if scalar(conn, probe, (params[-1],)) >= DENSE_MATCHES:
        where[-1] = "+" + _MATCHES  # unary plus: the condition filters rows, it does not drive the plan
        return "documents d"
    return "documents d NOT INDEXED"  # rowid lookups of the few matches (NOT INDEXED still allows those)


def count_documents(conn: Connection, flt: DocumentFilter = DocumentFilter()) -> int:
    built = _where(flt)
    if built is None:
        return 0
    where, params = built
    if where == [_MATCHES]:  # search text alone: the index counts its own matches (no row is read)
        return scalar(conn, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", params)
    return scalar(conn, "SELECT count(*) FROM documents d" + (" WHERE " + " AND ".join(where) if where else ""),
                  params)


#: table columns a page can be ordered by (`list_documents(order=…)`) → their SQL (money sorts as a number)
SORT_COLUMNS = {"doc_date": "d.doc_date", "count_code": "d.count_code", "doc_type": "d.doc_type",
                "partner_name": "d.partner_name", "status_code": "d.status_code", "due_date": "d.due_date",
                "sum_all": "CAST(d.sum_all AS REAL)", "open_balance": "CAST(d.open_balance AS REAL)",
                "currency": "d.currency", "buyer_order": "d.buyer_order"}


def list_documents(conn: Connection, flt: DocumentFilter = DocumentFilter(), *, limit: int = 100, offset: int = 0,
                   after: DocumentRow | None = None, order: str | None = None, descending: bool = True
                   ) -> tuple[DocumentRow, ...]:
    """A page of documents matching `flt`, newest first: `offset` rows in, or right after `after` (keyset).
    `order` (a key of `SORT_COLUMNS`) sorts by another column instead (offset paging; ties by row)."""
    check_page(limit, offset)
    built = _where(flt)
    if built is None:
        return ()
    where, params = built
    table = _table(conn, where, params)
    if order is not None:
        direction = " DESC" if descending else ""
        sql = (f"SELECT {_SELECT} FROM {table}" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {SORT_COLUMNS[order]}{direction}, d.id{direction} LIMIT ? OFFSET ?")
        return tuple(_row(r) for r in rows(conn, sql, [*params, limit, offset]))
    order_sql = " ORDER BY d.doc_date DESC, d.id DESC LIMIT ?"
    if after is None:
        sql = f"SELECT {_SELECT} FROM {table}" + (" WHERE " + " AND ".join(where) if where else "")
        return tuple(_row(r) for r in rows(conn, sql + order_sql + " OFFSET ?", [*params, limit, offset]))
    found: list[DocumentRow] = []
    if after.doc_date is not None:  # dated rows first (NULL dates sort last in descending order)
        sql = f"SELECT {_SELECT} FROM {table} WHERE " + " AND ".join([*where, "(d.doc_date, d.id) < (?, ?)"])
        found = [_row(r) for r in rows(conn, sql + order_sql, [*params, after.doc_date.isoformat(), after.row_id, limit])]
    if len(found) < limit:
        undated = [*where, "d.doc_date IS NULL"] + (["d.id < ?"] if after.doc_date is None else [])
        sql = f"SELECT {_SELECT} FROM {table} WHERE " + " AND ".join(undated) + " ORDER BY d.id DESC LIMIT ?"
        extra = [after.row_id] if after.doc_date is None else []
        found += [_row(r) for r in rows(conn, sql, [*params, *extra, limit - len(found)])]
    return tuple(found)


def search_documents(conn: Connection, text: str, limit: int = 20, doc_types: tuple[str, ...] = ()
                     ) -> tuple[DocumentRow, ...]:
    """Best matches by number, buyer order, partner name or title (accent-insensitive prefixes; any text is safe)."""
    check_page(limit, 0)
    query = fts_query(text, min_digits_prefix=DIGITS_PREFIX)
    if query is None:
        return ()
    type_filter = f" WHERE d.doc_type IN ({marks(doc_types)})" if doc_types else ""
    sql = (f"SELECT {_SELECT} FROM {ranked_matches('documents_fts', _WEIGHTS)} m JOIN documents d ON d.id = m.rid"
           f"{type_filter} ORDER BY m.score, d.doc_date DESC, d.id DESC LIMIT ?")
    return tuple(_row(r) for r in rows(conn, sql, [query, *doc_types, limit]))


def documents_by_number(conn: Connection, numbers: list[str], limit: int = 50) -> tuple[DocumentRow, ...]:
    """Documents whose number (`count_code`) or buyer order is exactly one of `numbers`, ignoring case (for numbers
    found in an email), newest first."""
    check_page(limit, 0)
    found: dict[int, DocumentRow] = {}
    for number in dict.fromkeys(n.strip() for n in numbers if n and n.strip()):
        tokens = fts_tokens(number)
        if not tokens:
            continue
        query = '{count_code buyer_order} : "' + " ".join(tokens) + '"'
        sql = (f"SELECT {_SELECT} FROM documents d WHERE d.id IN (SELECT rowid FROM documents_fts WHERE "
               f"documents_fts MATCH ?) AND (d.count_code = ? COLLATE NOCASE OR d.buyer_order = ? COLLATE NOCASE)")
        for r in rows(conn, sql, (query, number, number)):
            found.setdefault(r["id"], _row(r))
    ordered = sorted(found.values(), key=lambda r: (r.doc_date or date.min, r.row_id), reverse=True)
    return tuple(ordered[:limit])


def document_rows_for_partner(conn: Connection, partner_mk_id: str, limit: int = 50) -> tuple[DocumentRow, ...]:
    return list_documents(conn, DocumentFilter(partner_mk_id=partner_mk_id), limit=limit)


def document_detail(conn: Connection, mk_id: str, doc_type: str | None = None) -> DocumentDetail | None:
    """The cached document (of `doc_type`, or the newest cached one with that mk_id) and its linked documents."""
    if doc_type is None:
        d = one(conn, "SELECT * FROM documents WHERE mk_id = ? ORDER BY id DESC LIMIT 1", (mk_id,))
    else:
        d = one(conn, "SELECT * FROM documents WHERE doc_type = ? AND mk_id = ?", (doc_type, mk_id))
    if d is None:
        return None
    doc = document_from_rows(d, children(conn, "document_lines", "document_id", d["id"]),
                             children(conn, "payments", "document_id", d["id"]),
                             children(conn, "doc_links", "document_id", d["id"]))
    linked: list[DocumentRow] = []
    for link in doc.links:
        if link.mk_id is None:
            continue
        type_sql, extra = (" AND d.doc_type = ?", [link.doc_type]) if link.doc_type else ("", [])
        linked += [_row(r) for r in rows(conn, f"SELECT {_SELECT} FROM documents d WHERE d.mk_id = ?{type_sql}",
                                         [link.mk_id, *extra])]
    return DocumentDetail(document=doc, linked=tuple(linked), fetched_at=to_ts(d["fetched_at"]))


def document_statuses(conn: Connection, doc_type: str | None = None) -> tuple[tuple[str | None, str | None], ...]:
    """Distinct (label, code) status pairs seen in the cache (Metakocka cannot list its status registers)."""
    sql = "SELECT DISTINCT status_code, status_desc FROM documents"
    params: list[Any] = []
    if doc_type is not None:
        sql += " WHERE doc_type = ?"
        params.append(doc_type)
    return tuple((r["status_code"], r["status_desc"]) for r in rows(conn, sql + " ORDER BY 1, 2", params))


def recent_purchases(conn: Connection, partner_mk_id: str, limit: int = 20,
                     doc_types: tuple[str, ...] = ("sales_order", *BILL_TYPES)) -> tuple[PurchasedLine, ...]:
    """The product lines of a partner's latest orders and bills, newest document first (text-only lines left out)."""
    check_page(limit, 0)
    sql = (f"SELECT d.mk_id, d.doc_type, d.count_code, d.doc_date, l.product_mk_id, l.code, l.name, l.amount, l.unit "
           f"FROM documents d JOIN document_lines l ON l.document_id = d.id WHERE d.partner_mk_id = ? "
           f"AND d.doc_type IN ({marks(doc_types)}) AND (l.product_mk_id IS NOT NULL OR l.code IS NOT NULL) "
           f"ORDER BY d.doc_date DESC, d.id DESC, l.position LIMIT ?")
    return tuple(PurchasedLine(doc_mk_id=r["mk_id"], doc_type=r["doc_type"], count_code=r["count_code"],
                               doc_date=to_day(r["doc_date"]), product_mk_id=r["product_mk_id"], code=r["code"],
                               name=r["name"], amount=to_dec(r["amount"]), unit=r["unit"])
                 for r in rows(conn, sql, [partner_mk_id, *doc_types, limit]))
