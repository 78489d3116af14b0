"""Core layer: typed helpers for Metakocka document endpoints (asyncio; a mixin of `MetakockaClient`).

search (one page, or every page with `iter_search`), filter discovery, get/put/replace/update/delete documents,
status changes, shipping, payments, PDF reports and tracking-code lookups. Arguments are plain Python values
(dates, Decimals, bools); results are core dataclasses. Quirks handled here: `get_document` takes `doc_id`,
`delete_document` takes `mk_id` + `doc_type`, search pages are capped at 100, results without `doc_type` get the
requested one, and `put_document` with an `mk_id` (a full replacement) is only reachable as `replace_document`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from mkdesk.core.erp import mapping, wire
from mkdesk.core.erp.drafts import DocumentDraft
from mkdesk.core.erp.endpoints import SEARCH_LIMIT, CallsApi
from mkdesk.core.erp.errors import MalformedResponse, NotFound
from mkdesk.core.models import DocumentRef, DocumentWriteResult, QueryFilterType, SalesDocument, SearchPage

Filters = Mapping[str, Any] | Iterable[tuple[str, Any]]

#: flags asked for on full documents unless the caller says otherwise (payments, line ids, last payment date)
DETAIL_FLAGS = {"show_payment_detail": True, "show_product_detail": True, "show_last_payment_date": True}


def _query_advance(filters: Filters | None) -> list[dict[str, Any]]:
    if not filters:
        return []
    pairs = filters.items() if isinstance(filters, Mapping) else filters
    out = []
    for kind, value in pairs:
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = ",".join(str(wire.encode(v)) for v in value)
        out.append({"type": kind, "value": value})
    return out


def _identify(mk_id: str | None, buyer_order: str | None, *, id_key: str = "mk_id") -> dict[str, Any]:
    if (mk_id is None) == (buyer_order is None):
        raise ValueError("name the document by exactly one of mk_id or buyer_order")
    return {id_key: mk_id} if mk_id is not None else {"buyer_order": buyer_order}


class DocumentsApi(CallsApi):
    """Document endpoints. Every method is a coroutine on the client's event loop."""

    # ----- search ------------------------------------------------------------------------------------------------

    async def search(
        self,
        doc_type: str,
        *,
        filters: Filters | None = None,
        query: str | None = None,
        result: Literal["doc", "ids"] = "doc",
        limit: int = SEARCH_LIMIT,
        offset: int = 0,
        order_direction: Literal["asc", "desc"] | None = None,
        flags: Mapping[str, bool] | None = None,
    ) -> SearchPage[SalesDocument] | SearchPage[DocumentRef]:
        """One page of documents of `doc_type` (limit capped at 100). Filters are `query_advance` type → value;
        `date` values go as `dd.mm.yyyy`, aware `datetime` values as `+02:00` timestamps, lists comma-joined."""
        if limit < 1 or offset < 0:
            raise ValueError("limit must be positive and offset not negative")
        body: dict[str, Any] = {"doc_type": doc_type, "limit": min(limit, SEARCH_LIMIT), "offset": offset}
        if query:
            body["query"] = query
        advance = _query_advance(filters)
        if advance:
            body["query_advance"] = advance
        if order_direction:
            body["order_direction"] = order_direction
        if result == "doc":
            body["result_type"] = "doc"
            body.update(DETAIL_FLAGS if flags is None else flags)
        else:
            body["show_status_code"] = True
            body.update(flags or {})
        data = await self.call("search", body)
        raw_items = wire.as_list(data.get("result"), "result")
        if result == "doc":
            items: tuple[Any, ...] = tuple(mapping.sales_document(r, doc_type) for r in raw_items)
        else:
            items = tuple(mapping.document_ref(r, doc_type) for r in raw_items)
        return SearchPage(total=mapping.total_of(data, "result_all_records"), items=items, offset=offset)

    async def iter_search(
        self, doc_type: str, *, page_size: int = SEARCH_LIMIT, start: int = 0, **kwargs: Any
    ) -> AsyncIterator[SearchPage[Any]]:
        """Every page of a search, in order (offset paging over results sorted by mk_id; `limit` = page size)."""
        offset = start
        size = min(kwargs.pop("limit", page_size), SEARCH_LIMIT)
        while True:
            page = await self.search(doc_type, limit=size, offset=offset, **kwargs)
            if page.items:
                yield page
            if not page.items:
                return
            offset = page.next_offset
            if page.total is not None and offset >= page.total:
                return
            if page.total is None and len(page.items) < size:
                return

    async def search_all(self, doc_type: str, **kwargs: Any) -> list[Any]:
        """All items of a search across pages."""
        return [item async for page in self.iter_search(doc_type, **kwargs) for item in page.items]

    async def search_query_advance_discovery(self, doc_type: str | None = None) -> tuple[QueryFilterType, ...]:
        """The `query_advance` filter types Metakocka supports (for one doc type, or all)."""
        data = await self.call("search_query_advance_discovery", {"doc_type": doc_type} if doc_type else {})
        return mapping.query_filter_types(data, doc_type)

    async def supports_filter(self, doc_type: str, filter_type: str) -> bool:
        return any(f.type == filter_type for f in await self.search_query_advance_discovery(doc_type))

    # ----- single documents ----------------------------------------------------------------------------------

    async def get_document(
        self,
        doc_type: str,
        mk_id: str | None = None,
        *,
        buyer_order: str | None = None,
        flags: Mapping[str, bool] | None = None,
    ) -> SalesDocument:
        """One full document by mk_id (sent as `doc_id`) or, for sales orders, by buyer_order. Missing → NotFound."""
        body: dict[str, Any] = {"doc_type": doc_type, **_identify(mk_id, buyer_order, id_key="doc_id")}
        body.update(DETAIL_FLAGS if flags is None else flags)
        data = await self.call("get_document", body)
        return mapping.sales_document(data, doc_type)

    async def find_document(self, doc_type: str, mk_id: str | None = None, *, buyer_order: str | None = None
                            ) -> SalesDocument | None:
        """Like `get_document`, but None when the document does not exist (e.g. deleted in the UI)."""
        try:
            return await self.get_document(doc_type, mk_id, buyer_order=buyer_order)
        except NotFound:
            return None

    async def put_document(self, draft: DocumentDraft) -> DocumentWriteResult:
        """Create a document. Never retried: on `WriteOutcomeUnknown` look it up by buyer_order first."""
        body = draft.to_wire()
        if "mk_id" in body:
            raise ValueError("put_document creates; use replace_document to overwrite an existing document")
        return self._write_result(await self.call("put_document", body), draft.doc_type)

    async def replace_document(self, mk_id: str, draft: DocumentDraft) -> DocumentWriteResult:
        """FULL replacement of an existing document: every line and omitted field is replaced or cleared.
        For partial changes use `update_document`."""
        body = draft.to_wire()
        body.pop("count_code", None)  # ignored by Metakocka on a replacement
        body["mk_id"] = mk_id
        return self._write_result(await self.call("put_document", body), draft.doc_type)

    @staticmethod
    def _write_result(data: Mapping[str, Any], doc_type: str) -> DocumentWriteResult:
        mk_id = wire.text(data.get("mk_id"), "mk_id")
        if mk_id is None:
            raise MalformedResponse("put_document answered without mk_id", endpoint="put_document")
        partner = wire.obj(data.get("partner"), "partner") or {}
        return DocumentWriteResult(
            mk_id=mk_id,
            doc_type=doc_type,
            count_code=wire.text(data.get("count_code"), "count_code"),
            partner_mk_id=wire.text(partner.get("mk_id"), "partner.mk_id"),
        )

    async def update_document(
        self, doc_type: str, mk_id: str | None = None, *, buyer_order: str | None = None, **changes: Any
    ) -> None:
        """Partial update: only the named wire fields change (e.g. `status_code`, `notes`, `tracking_code`,
        `shipped_date`, `product_add=[...]`, `product_remove=[...]`, `clear=["notes"]`)."""
        if not changes:
            raise ValueError("nothing to update")
        body = {"doc_type": doc_type, **_identify(mk_id, buyer_order), **changes}
        await self.call("update_document", body)

    async def delete_document(self, doc_type: str, mk_id: str) -> None:
        """Delete a sales order or warehouse document (Metakocka wants `mk_id` *and* `doc_type`)."""
        await self.call("delete_document", {"doc_type": doc_type, "mk_id": mk_id})

    async def change_document_status(
        self,
        doc_type: str,
        status_code: str,
        *,
        mk_id: str | None = None,
        mk_ids: Sequence[str] | None = None,
        buyer_order: str | None = None,
        api_user_email: str | None = None,
    ) -> None:
        """Set the status (a register value such as `ready_to_ship`) of one or more sales orders."""
        chosen = [x for x in (mk_id, mk_ids, buyer_order) if x is not None]
        if len(chosen) != 1:
            raise ValueError("name the documents by exactly one of mk_id, mk_ids or buyer_order")
        body: dict[str, Any] = {"doc_type": doc_type, "status_code": status_code, "api_user_email": api_user_email}
        if mk_id is not None:
            body["mk_id"] = mk_id
        elif mk_ids is not None:
            body["mk_id_list"] = list(mk_ids)
        else:
            body["buyer_order"] = buyer_order
        await self.call("change_document_status", body)

    async def mark_orders_as_shipped(
        self,
        *,
        mk_ids: Sequence[str] | None = None,
        buyer_orders: Sequence[str] | None = None,
        country: str | None = None,
        status_code: str | None = None,
    ) -> dict[str, Any]:
        """Mark sales orders shipped: by ids, by buyer orders, or by country + status. Returns the envelope."""
        if sum(x is not None for x in (mk_ids, buyer_orders, country)) != 1 or (country is None) != (status_code is None):
            raise ValueError("use exactly one of mk_ids, buyer_orders, or country with status_code")
        body: dict[str, Any] = {}
        if mk_ids is not None:
            body["sales_order_id_list"] = list(mk_ids)
        elif buyer_orders is not None:
            body["customer_order_list"] = list(buyer_orders)
        else:
            body.update(country=country, status_code=status_code)
        return await self.call("mark_orders_as_shipped", body)

    async def put_transaction(
        self,
        doc_type: str,
        amount: Decimal,
        payment_type: str,
        *,
        mk_id: str | None = None,
        count_code: str | None = None,
        buyer_order: str | None = None,
        payment_mode: Literal["payment", "prepayment", "return"] = "payment",
        paid_on: date | None = None,
        cash_register: str | None = None,
        notes: str | None = None,
    ) -> None:
        """Add one payment to a bill, offer or sales order (`payment_type` is a register value)."""
        ids = {"mk_id": mk_id, "count_code": count_code, "buyer_order": buyer_order}
        if sum(v is not None for v in ids.values()) != 1:
            raise ValueError("name the document by exactly one of mk_id, count_code or buyer_order")
        body: dict[str, Any] = {
            "doc_type": doc_type,
            **{k: v for k, v in ids.items() if v is not None},
            "payment_mode": payment_mode,
            "payment_type": payment_type,
            "price": wire.encode_decimal(amount),
            "date": wire.encode_iso_date(paid_on) if paid_on else None,  # the documented form here
            "cash_register": cash_register,
            "notes": notes[:100] if notes else None,
        }
        await self.call("put_transaction", body)

    async def report(
        self, mk_id: str, *, report_id: int = 38, report_type: str = "PDF", locale: str | None = None
    ) -> bytes:
        """A document rendered by Metakocka (PDF by default) as bytes."""
        params = [{"type": "REPORT_TYPE", "value": report_type}]
        if locale:
            params.append({"type": "ADD_ATT_HIDDEN_DEFAULT_LOCALE", "value": locale})
        return await self.call_binary("report", {"mk_id": mk_id, "report_id": report_id, "params": params})

    async def search_tracking_code(self, tracking_code: str) -> tuple[DocumentRef, ...]:
        """Documents carrying a tracking code; an empty tuple when Metakocka knows none."""
        try:
            data = await self.call("search_tracking_code", {"tracking_code": tracking_code})
        except NotFound:
            return ()
        found: list[DocumentRef] = []
        for key in ("result", "sales_order_list", "document_list"):
            for raw in wire.as_list(data.get(key), key):
                if isinstance(raw, Mapping) and raw.get("mk_id"):
                    found.append(mapping.document_ref(raw, wire.text(raw.get("doc_type")) or "sales_order"))
        if not found and data.get("mk_id"):
            found.append(mapping.document_ref(data, wire.text(data.get("doc_type")) or "sales_order"))
        return tuple(found)
