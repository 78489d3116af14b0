"""Core layer: read-only queries over cached partners — table pages, counts, search, detail (reader threads).

Every function takes the connection `Database.read` hands it and returns frozen dataclasses. Table order is by name
(Slovenian-aware: č after c); pages go by offset or, faster for deep pages, by keyset (`after=` the last row seen).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.decode import partner_from_rows
from mkdesk.core.cache.fts import fts_query, ranked_matches
from mkdesk.core.cache.query import check_page, children, marks, one, rows, scalar
from mkdesk.core.cache.repo_documents import BILL_TYPES, DocumentRow, document_rows_for_partner
from mkdesk.core.cache.values import to_dec, to_flag, to_ts
from mkdesk.core.models import ZERO, Partner

# bm25 weights of partners_fts columns: name, count_code, tax_id, contacts, emails, phones, city
_WEIGHTS = "10.0, 5.0, 5.0, 4.0, 3.0, 3.0, 1.0"
_COLUMNS = ("id, mk_id, count_code, name, sort_name, tax_id_number, city, country, email, phone, business_entity, "
            "buyer, supplier")


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """One line of the partners table. `row_id`/`sort_key` are cache-local (for keyset paging), not Metakocka's."""

    mk_id: str
    count_code: str | None
    name: str | None
    tax_id_number: str | None
    city: str | None
    country: str | None
    email: str | None
    phone: str | None
    business_entity: bool | None
    buyer: bool | None
    supplier: bool | None
    row_id: int
    sort_key: str


@dataclass(frozen=True, slots=True)
class MonthlyRevenue:
    month: date  # the first day of the month
    currency: str | None
    total: Decimal  # Σ sum_all of bills and credit notes issued that month


@dataclass(frozen=True, slots=True)
class PartnerDetail:
    """A partner with contacts and addresses (`partner`), its latest documents and what it owes on bills."""

    partner: Partner
    documents: tuple[DocumentRow, ...]
    document_count: int
    open_balance: Decimal  # Σ(sum_all − sum_paid) over its unpaid bills
    unpaid_count: int
    overdue_count: int
    fetched_at: datetime | None


def _row(r: dict[str, Any]) -> PartnerRow:
    return PartnerRow(mk_id=r["mk_id"], count_code=r["count_code"], name=r["name"], tax_id_number=r["tax_id_number"],
                      city=r["city"], country=r["country"], email=r["email"], phone=r["phone"],
                      business_entity=to_flag(r["business_entity"]), buyer=to_flag(r["buyer"]),
                      supplier=to_flag(r["supplier"]), row_id=r["id"], sort_key=r["sort_name"])


def count_partners(conn: Connection, text: str | None = None) -> int:
    """All cached partners, or those matching search `text`."""
    if text is None or not text.strip():
        return scalar(conn, "SELECT count(*) FROM partners")
    query = fts_query(text)
    return 0 if query is None else scalar(conn, "SELECT count(*) FROM partners_fts WHERE partners_fts MATCH ?",
                                          (query,))


#: table columns a page can be ordered by (`list_partners(order=…)`) → their SQL
SORT_COLUMNS = {"name": "sort_name", "count_code": "count_code", "tax_id_number": "tax_id_number", "city": "city",
                "country": "country", "email": "email", "phone": "phone"}


def list_partners(conn: Connection, *, limit: int = 100, offset: int = 0, after: PartnerRow | None = None,
                  order: str | None = None, descending: bool = False) -> tuple[PartnerRow, ...]:
    """A page of partners by name: `offset` rows in, or the rows right after `after` (keyset). `order` (a key of
    `SORT_COLUMNS`) and `descending` sort by another column instead (offset paging; ties by row)."""
    check_page(limit, offset)
    if order is not None or descending:
        direction = " DESC" if descending else ""
        column = SORT_COLUMNS[order or "name"]
        sql = f"SELECT {_COLUMNS} FROM partners ORDER BY {column}{direction}, id{direction} LIMIT ? OFFSET ?"
        return tuple(_row(r) for r in rows(conn, sql, (limit, offset)))
    if after is not None:
        sql = f"SELECT {_COLUMNS} FROM partners WHERE (sort_name, id) > (?, ?) ORDER BY sort_name, id LIMIT ?"
        return tuple(_row(r) for r in rows(conn, sql, (after.sort_key, after.row_id, limit)))
    sql = f"SELECT {_COLUMNS} FROM partners ORDER BY sort_name, id LIMIT ? OFFSET ?"
    return tuple(_row(r) for r in rows(conn, sql, (limit, offset)))


def search_partners(conn: Connection, text: str, limit: int = 20) -> tuple[PartnerRow, ...]:
    """Best matches for search-as-you-type over name, number, tax id, contact names, emails, phones and cities,
    ignoring case and accents (`kovac` finds `Kovač`); any typed text is safe."""
    check_page(limit, 0)
    query = fts_query(text)
    if query is None:
        return ()
    sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} "
           f"FROM {ranked_matches('partners_fts', _WEIGHTS)} m JOIN partners p ON p.id = m.rid "
           f"ORDER BY m.score, p.sort_name LIMIT ?")
    return tuple(_row(r) for r in rows(conn, sql, (query, limit)))


def partners_by_email(conn: Connection, email: str) -> tuple[PartnerRow, ...]:
    """Partners with a contact person of exactly this email (case-insensitive)."""
    sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} FROM partners p WHERE p.id IN "
           f"(SELECT partner_id FROM contacts WHERE email = ? COLLATE NOCASE) ORDER BY p.sort_name")
    return tuple(_row(r) for r in rows(conn, sql, (email.strip(),)))


def partners_by_email_domain(conn: Connection, domain: str, limit: int = 20) -> tuple[PartnerRow, ...]:
    """Partners with a contact email at exactly this domain (`firma.si`; case-insensitive). Callers skip free-mail
    domains and their own."""
    check_page(limit, 0)
    domain = domain.strip().lstrip("@").lower()
    if not domain or "%" in domain or "_" in domain:
        return ()
    sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} FROM partners p WHERE p.id IN "
           f"(SELECT partner_id FROM contacts WHERE lower(email) LIKE ?) ORDER BY p.sort_name LIMIT ?")
    return tuple(_row(r) for r in rows(conn, sql, ("%@" + domain, limit)))


def partners_by_mk_ids(conn: Connection, mk_ids: list[str]) -> tuple[PartnerRow, ...]:
    if not mk_ids:
        return ()
    sql = f"SELECT {_COLUMNS} FROM partners WHERE mk_id IN ({marks(mk_ids)}) ORDER BY sort_name, id"
    return tuple(_row(r) for r in rows(conn, sql, mk_ids))


def get_partner(conn: Connection, mk_id: str) -> Partner | None:
    """The cached partner with contacts, addresses and discounts, as the API returned it."""
    found = _load(conn, mk_id)
    return None if found is None else found[0]


def _load(conn: Connection, mk_id: str) -> tuple[Partner, dict[str, Any]] | None:
    p = one(conn, "SELECT * FROM partners WHERE mk_id = ?", (mk_id,))
    if p is None:
        return None
    partner = partner_from_rows(p, children(conn, "contacts", "partner_id", p["id"]),
                                children(conn, "addresses", "partner_id", p["id"]))
    return partner, p


def partner_detail(conn: Connection, mk_id: str, *, documents_limit: int = 50, today: date | None = None
                   ) -> PartnerDetail | None:
    """Contacts, addresses, the latest `documents_limit` documents, and the open balance of unpaid bills
    (overdue: due before `today`, default the local date)."""
    found = _load(conn, mk_id)
    if found is None:
        return None
    partner, row = found
    today = today or date.today()
    bills = rows(conn, "SELECT open_balance, due_date FROM documents WHERE partner_mk_id = ? AND is_unpaid = 1",
                 (mk_id,))  # is_unpaid: bills only
    balance = sum((to_dec(b["open_balance"]) or ZERO for b in bills), ZERO)
    overdue = sum(1 for b in bills if b["due_date"] is not None and b["due_date"] < today.isoformat())
    return PartnerDetail(
        partner=partner,
        documents=document_rows_for_partner(conn, mk_id, documents_limit),
        document_count=scalar(conn, "SELECT count(*) FROM documents WHERE partner_mk_id = ?", (mk_id,)),
        open_balance=balance,
        unpaid_count=len(bills),
        overdue_count=overdue,
        fetched_at=to_ts(row["fetched_at"]),
    )


def monthly_revenue(conn: Connection, mk_id: str, since: date | None = None) -> tuple[MonthlyRevenue, ...]:
    """A partner's invoiced revenue per month and currency (bills minus credit notes), oldest first, exact."""
    types = (*BILL_TYPES, "sales_bill_credit_note")
    sql = (f"SELECT substr(doc_date, 1, 7) AS month, currency, sum_all FROM documents WHERE partner_mk_id = ? "
           f"AND doc_type IN ({marks(types)}) AND doc_date IS NOT NULL AND sum_all IS NOT NULL")
    params: list[Any] = [mk_id, *types]
    if since is not None:
        sql += " AND doc_date >= ?"
        params.append(since.isoformat())
    totals: dict[tuple[str, str | None], Decimal] = {}
    for r in rows(conn, sql, params):
        key = (r["month"], r["currency"])
        totals[key] = totals.get(key, ZERO) + Decimal(r["sum_all"])
    return tuple(MonthlyRevenue(date.fromisoformat(month + "-01"), currency, total)
                 for (month, currency), total in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")))
