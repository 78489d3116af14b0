"""Core layer: raw page fetchers for the sync engine (coroutines on the client's loop) and per-record decoding
(pure, any thread; the engine runs it on the database writer thread).

The client's typed helpers (`search`, `iter_products`, ...) decode a whole page at once, so one malformed record
fails the page. Sync instead fetches pages as raw wire dicts through `MetakockaClient.call` (same endpoints,
bodies and paging rules as the helpers) and decodes record by record with `mkdesk.core.erp.mapping`, so a bad
record is reported and skipped while the rest of the page is stored, and decoding runs off the event loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from mkdesk.core.erp import mapping, wire
from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.erp.documents import DETAIL_FLAGS
from mkdesk.core.erp.endpoints import CATALOG_LIMIT, SEARCH_LIMIT
from mkdesk.core.erp.errors import MetakockaError, NotFound
from mkdesk.core.models import sum_stock

FilterValue = str | date | datetime


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page of wire records as the endpoint answered it; `total` when the endpoint reports one. The pages made
    here hold the only reference to their records (a list), so that whoever is done with a big page can free it in
    slices (`Job.stream`), not in one sweep on the event loop's thread."""

    endpoint: str
    items: Sequence[Mapping[str, Any]]
    offset: int = 0
    total: int | None = None
    doc_type: str | None = None


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be decoded (logged and skipped)."""

    endpoint: str
    mk_id: str | None
    error: str
    index: int = -1  # position in its page


@dataclass(slots=True)
class Decoded:
    items: list[Any] = field(default_factory=list)
    bad: list[BadRecord] = field(default_factory=list)


def record_id(raw: Any, key: str = "mk_id") -> str | None:
    """The id of a raw record, when it has a readable one (so a skipped record still counts as seen)."""
    if isinstance(raw, Mapping):
        value = raw.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def decode_page(page: RawPage, decode: Callable[[Mapping[str, Any]], Any], id_key: str = "mk_id") -> Decoded:
    """Decode each record of a page; records that fail are collected in `bad`, never raised."""
    out = Decoded()
    for index, raw in enumerate(page.items):
        try:
            out.items.append(decode(raw))
        except (MetakockaError, ValueError, TypeError, KeyError, AttributeError) as exc:
            out.bad.append(BadRecord(page.endpoint, record_id(raw, id_key), f"{type(exc).__name__}: {exc}", index))
    return out


def document_decoder(doc_type: str) -> Callable[[Mapping[str, Any]], Any]:
    return lambda raw: mapping.sales_document(raw, doc_type)


def ref_decoder(doc_type: str) -> Callable[[Mapping[str, Any]], Any]:
    return lambda raw: mapping.document_ref(raw, doc_type)


def _records(data: dict[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The records under `key`, taken out of the answer (which then no longer holds them)."""
    return wire.as_list(data.pop(key, None), key)


# ----- documents -------------------------------------------------------------------------------------------------


def search_body(
    doc_type: str,
    *,
    filters: Sequence[tuple[str, FilterValue]] = (),
    ids_only: bool = False,
    limit: int = SEARCH_LIMIT,
    offset: int = 0,
) -> dict[str, Any]:
    """A `search` request body (sorted by mk_id ascending; full documents carry payments and line ids)."""
    body: dict[str, Any] = {"doc_type": doc_type, "limit": min(limit, SEARCH_LIMIT), "offset": offset,
                            "order_direction": "asc"}
    if filters:
        body["query_advance"] = [{"type": kind, "value": value} for kind, value in filters]
    if ids_only:
        body["show_status_code"] = True
    else:
        body["result_type"] = "doc"
        body.update(DETAIL_FLAGS)
    return body


async def search_pages(
    client: MetakockaClient,
    doc_type: str,
    *,
    filters: Sequence[tuple[str, FilterValue]] = (),
    ids_only: bool = False,
    page_size: int = SEARCH_LIMIT,
) -> AsyncIterator[RawPage]:
    """Every page of a search (offset paging over mk_id order), as raw records."""
    size = max(1, min(page_size, SEARCH_LIMIT))
    offset = 0
    while True:
        data = await client.call("search", search_body(doc_type, filters=filters, ids_only=ids_only,
                                                       limit=size, offset=offset))
        items = _records(data, "result")
        total = mapping.total_of(data, "result_all_records")
        yield RawPage("search", items, offset, total, doc_type)
        offset += len(items)
        if not items or (total is not None and offset >= total) or (total is None and len(items) < size):
            return


async def get_document_raw(client: MetakockaClient, doc_type: str, mk_id: str) -> Mapping[str, Any] | None:
    """One full document as a raw record, or None when Metakocka no longer has it."""
    try:
        return await client.call("get_document", {"doc_type": doc_type, "doc_id": mk_id, **DETAIL_FLAGS})
    except NotFound:
        return None


# ----- partners and catalogue --------------------------------------------------------------------------------------


async def partner_pages(client: MetakockaClient) -> AsyncIterator[RawPage]:
    """All partners: Metakocka answers everything to an empty name search (no paging); no partner → no page."""
    try:
        data = await client.call("get_partner", {"partner_name": ""})
    except NotFound:
        return
    items = _records(data, "partner_list")
    yield RawPage("get_partner", items, 0, len(items))


async def _catalog_pages(client: MetakockaClient, name: str, key: str, body: Mapping[str, Any],
                         page_size: int) -> AsyncIterator[RawPage]:
    size = max(1, min(page_size, CATALOG_LIMIT))
    offset = 0
    while True:
        data = await client.call(name, {**body, "limit": size, "offset": offset})
        items = _records(data, key)
        yield RawPage(name, items, offset, None)
        offset += len(items)
        if len(items) < size:
            return


def product_pages(client: MetakockaClient, page_size: int = CATALOG_LIMIT) -> AsyncIterator[RawPage]:
    """Every product with its pricelist prices (no stock: stock is its own entity)."""
    return _catalog_pages(client, "product_list", "product_list", {"return_pricelist": True}, page_size)


def warehouse_pages(client: MetakockaClient, page_size: int = CATALOG_LIMIT) -> AsyncIterator[RawPage]:
    return _catalog_pages(client, "warehouse_list", "warehouse_list", {}, page_size)


def stock_pages(client: MetakockaClient, page_size: int = CATALOG_LIMIT) -> AsyncIterator[RawPage]:
    """Raw stock rows (several per product × warehouse; see `sum_stock_rows`)."""
    return _catalog_pages(client, "warehouse_stock", "stock_list", {}, page_size)


def sum_stock_rows(rows: Sequence[Any]) -> list[Any]:
    """Stock rows (decoded `StockRow`s, any number of pages) summed per product × warehouse."""
    return list(sum_stock(rows))
