"""Core layer: full-scan sync strategies for partners, products, warehouses and stock (coroutines on the event loop;
their transactions run on the database writer thread).

Metakocka has no change tracking for these (`metakocka-api.md` §7): every run reads everything, the cache's
content hashes keep unchanged rows from being rewritten, and whatever the scan did not see is deleted locally
in the same transaction that records the run. Stock rows are summed per product × warehouse over *all* pages
first (one pair's rows may straddle a page boundary) and then written in chunks.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdesk.core.cache import upsert as cache
from mkdesk.core.erp import mapping
from mkdesk.core.models import sum_stock
from mkdesk.core.sync import fetch, writes
from mkdesk.core.sync.job import Job, SyncOptions

PagesFn = Callable[[Any, SyncOptions], AsyncIterator[fetch.RawPage]]


@dataclass(frozen=True, slots=True)
class FullScan:
    """Read every record, upsert page by page, delete what was not seen."""

    entity: str
    cache_entity: str
    pages: PagesFn
    decode: Callable[[Mapping[str, Any]], Any]
    upsert: writes.Upsert

    async def run(self, job: Job) -> None:
        state = await job.read(writes.load_state, self.entity)
        job.stats.mode = "full"
        seen: set[str] = set()

        async def handle(page: fetch.RawPage) -> None:
            result = await job.write(writes.store_page, page, self.decode, self.upsert, job.started_at)
            seen.update(result.ids)
            job.stats.add(result.inserted, result.updated, result.unchanged)
            job.skipped(result.bad)

        await job.stream(self.pages(job.client, job.options), handle)
        job.check_cancel()
        new_state = job.succeeded(state, full=True)
        deleted = await job.write(writes.finish, new_state, entity=self.cache_entity, seen=seen)
        job.stats.add(deleted=deleted)


def stock_key(product_mk_id: str, warehouse_id: str) -> tuple[str, str]:
    """The cache's key of a stock level (what `known_ids(conn, "stock")` gives)."""
    return (product_mk_id, warehouse_id)


@dataclass(frozen=True, slots=True)
class StockScan:
    """All `warehouse_stock` rows, summed per product × warehouse, written in chunks; missing pairs deleted."""

    entity: str = "stock"

    async def run(self, job: Job) -> None:
        state = await job.read(writes.load_state, self.entity)
        job.stats.mode = "full"
        rows: list[Any] = []
        broken: set[Any] = set()  # pairs with an unreadable row: keep their cached level untouched

        async def handle(page: fetch.RawPage) -> None:
            decoded = await asyncio.to_thread(fetch.decode_page, page, mapping.stock_row)
            rows.extend(decoded.items)
            if decoded.bad:
                job.skipped(decoded.bad)
                for bad in decoded.bad:
                    raw = page.items[bad.index]
                    product, warehouse = fetch.record_id(raw), fetch.record_id(raw, "warehouse_id")
                    if product and warehouse:
                        broken.add(stock_key(product, warehouse))

        await job.stream(fetch.stock_pages(job.client, job.options.catalog_page), handle)
        job.check_cancel()
        # summing 60 000 rows takes ~0.3 s of CPU: off the event loop, which is the GUI thread in the app
        levels, seen = await asyncio.to_thread(_stock_levels, rows, broken)
        size = max(1, job.options.stock_chunk)
        for start in range(0, len(levels), size):
            job.check_cancel()
            chunk = levels[start : start + size]
            result = await job.write(writes.store_items, chunk, cache.upsert_stock_levels, job.started_at)
            job.stats.add(result.inserted, result.updated, result.unchanged)
            job.report(len(chunk))
        new_state = job.succeeded(state, full=True)
        deleted = await job.write(writes.finish, new_state, entity="stock", seen=seen)
        job.stats.add(deleted=deleted)


def _stock_levels(rows: list[Any], broken: set[Any]) -> tuple[list[Any], set[Any]]:
    """The summed levels to store (pairs with an unreadable row left out) and every pair the scan saw."""
    levels = [lv for lv in sum_stock(rows) if stock_key(lv.product_mk_id, lv.warehouse_id) not in broken]
    return levels, {stock_key(lv.product_mk_id, lv.warehouse_id) for lv in levels} | broken


def _partners(client: Any, options: SyncOptions) -> AsyncIterator[fetch.RawPage]:
    return fetch.partner_pages(client)


def _products(client: Any, options: SyncOptions) -> AsyncIterator[fetch.RawPage]:
    return fetch.product_pages(client, options.catalog_page)


def _warehouses(client: Any, options: SyncOptions) -> AsyncIterator[fetch.RawPage]:
    return fetch.warehouse_pages(client, options.catalog_page)


def partners() -> FullScan:
    return FullScan("partners", "partners", _partners, mapping.partner, cache.upsert_partners)


def products() -> FullScan:
    return FullScan("products", "products", _products, mapping.product, cache.upsert_products)


def warehouses() -> FullScan:
    return FullScan("warehouses", "warehouses", _warehouses, mapping.warehouse, cache.upsert_warehouses)
