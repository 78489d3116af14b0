"""Core layer: "refresh this partner from Metakocka" — the partner and its recent and unpaid documents fetched now and
stored through the cache's ordinary upserts (event loop; the writes on the writer thread via `db.write`).

Fetches `get_partner` by id and, per document type, the documents of the last `DAYS` days (`partner_mk_id` +
`doc_date_from`) and the bills not fully paid whatever their date (`payment_status`), so every block of the context
pane is current (a type whose search lacks a filter falls back to all its documents of the partner, or skips the
unpaid pass). Nothing is deleted here (a partial view cannot tell a deleted document from one outside the
window); the next sync reconciles deletions. Unchanged records are not rewritten (content hashes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mkdesk.core.cache.encode import BILL_TYPES
from mkdesk.core.cache.upsert import upsert_documents, upsert_partners
from mkdesk.core.changes import ChangeSet
from mkdesk.core.erp.errors import InvalidRequest
from mkdesk.core.models import Partner, SalesDocument

DAYS = 400  # a year of purchases for the segment and top products, and some margin
DOC_TYPES = ("sales_order", "sales_offer", *BILL_TYPES, "sales_bill_credit_note", "sales_bill_prepaid")
_ENTITY = {"sales_order": "orders", "sales_offer": "offers"}  # everything else is an invoice


@dataclass(frozen=True, slots=True)
class PartnerRefresh:
    """What a refresh found: the partner (None when Metakocka no longer has it), the documents, what changed."""

    partner: Partner | None
    documents: int
    changes: ChangeSet


def _store(conn: Any, partner: Partner, docs: list[SalesDocument], fetched_at: datetime) -> ChangeSet:
    counts = upsert_partners(conn, [partner], fetched_at)
    changes = ChangeSet.of("partners", inserted=counts.inserted, updated=counts.updated)
    for doc_type in DOC_TYPES:
        batch = [d for d in docs if d.doc_type == doc_type]
        if batch:
            counts = upsert_documents(conn, batch, fetched_at)
            changes |= ChangeSet.of(_ENTITY.get(doc_type, "invoices"), inserted=counts.inserted,
                                    updated=counts.updated)
    return changes


async def _search(client: Any, doc_type: str, filters: list[tuple[str, Any]],
                  fallback: list[tuple[str, Any]] | None) -> list[SalesDocument]:
    """A search; when Metakocka does not know one of the filters for this type, the `fallback` filters (or none)."""
    try:
        return await client.search_all(doc_type, filters=filters)
    except InvalidRequest:
        return [] if fallback is None else await client.search_all(doc_type, filters=fallback)


async def refresh_partner(client: Any, db: Any, partner_mk_id: str, *, today: date | None = None) -> PartnerRefresh:
    """Fetch the partner and its documents now and store them (see the module). Raises the client's typed errors
    (offline, bad credentials, quota) unchanged; nothing is written then."""
    partner = await client.get_partner_by_id(partner_mk_id)
    if partner is None:
        return PartnerRefresh(None, 0, ChangeSet())
    since = (today or date.today()) - timedelta(days=DAYS)
    found: dict[tuple[str, str], SalesDocument] = {}
    for doc_type in DOC_TYPES:
        recent = await _search(client, doc_type, [("partner_mk_id", partner_mk_id), ("doc_date_from", since)],
                               [("partner_mk_id", partner_mk_id)])
        unpaid = await _search(client, doc_type, [("partner_mk_id", partner_mk_id), ("payment_status", "false")],
                               None) if doc_type in BILL_TYPES else []
        for doc in [*recent, *unpaid]:
            found.setdefault((doc.doc_type, doc.mk_id), doc)
    docs = [d for d in found.values() if d.partner is None or d.partner.mk_id in (None, partner_mk_id)]
    changes = await db.write(_store, partner, docs, datetime.now().astimezone())
    return PartnerRefresh(partner, len(docs), changes)
