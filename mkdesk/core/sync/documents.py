"""Core layer: sync strategies for sales documents (coroutines on the event loop; their transactions run on the
database writer thread). The strategy table is `metakocka-api.md` §7:

- sales orders: `last_change_from/to` windows from the watermark minus an overlap; the watermark is the start
  time of the run and is saved in the run's last transaction. Deleted orders are found by comparing id sets
  over a recent `doc_date` window (all orders at the periodic full reconcile); ids seen remotely but missing
  locally are fetched. If discovery says `last_change_from` is not supported, orders use the invoice strategy.
- invoices (domestic/foreign/retail, credit notes, prepaid): a rolling `doc_date` window re-read every run
  (payments and status change after issue), the older bills that are not fully paid (`payment_status`) once an
  hour, and a full re-read with deletions everywhere once a day.
- offers (search rejects date filters): an id-only scan with status labels; full documents only for new ids
  and changed statuses; a full re-read once a day.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mkdesk.core.cache import upsert as cache
from mkdesk.core.erp import mapping, wire
from mkdesk.core.erp.errors import InvalidRequest, NotAnApi, NotFound
from mkdesk.core.sync import fetch, writes
from mkdesk.core.sync.job import Job

TZ = ZoneInfo("Europe/Ljubljana")
ORDER = "sales_order"
OFFER = "sales_offer"
BILL_TYPES = (
    "sales_bill_domestic",
    "sales_bill_foreign",
    "sales_bill_retail",
    "sales_bill_credit_note",
    "sales_bill_prepaid",
)
DOCS = "documents"  # the cache entity holding every document type
FETCH_BATCH = 50


def _today(job: Job) -> date:
    return job.started_at.astimezone(TZ).date()


def _window_start(job: Job) -> date:
    return _today(job) - timedelta(days=job.options.window_days)


def reconcile_due(job: Job, state: Any) -> bool:
    last = getattr(state, "last_full_reconcile", None)
    if last is None:
        return True
    return job.started_at - last >= timedelta(hours=job.options.reconcile_hours)


def parse_cursor(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=TZ)


async def scan_docs(job: Job, doc_type: str, filters: list[tuple[str, Any]] | None = None) -> set[str]:
    """Full documents of a search, stored page by page; the ids seen (bad records included)."""
    seen: set[str] = set()
    decode = fetch.document_decoder(doc_type)

    async def handle(page: fetch.RawPage) -> None:
        result = await job.write(writes.store_page, page, decode, cache.upsert_documents, job.started_at)
        seen.update(result.ids)
        job.stats.add(result.inserted, result.updated, result.unchanged)
        job.skipped(result.bad)

    pages = fetch.search_pages(job.client, doc_type, filters=filters or (), page_size=job.options.search_page)
    await job.stream(pages, handle)
    return seen


async def scan_ids(job: Job, doc_type: str, filters: list[tuple[str, Any]] | None = None) -> dict[str, str | None]:
    """Id-only search: mk_id → status label."""
    found: dict[str, str | None] = {}
    async for page in fetch.search_pages(job.client, doc_type, filters=filters or (), ids_only=True,
                                         page_size=job.options.search_page):
        job.check_cancel()
        for raw in page.items:
            mk_id = fetch.record_id(raw)
            if mk_id is not None:
                found[mk_id] = wire.text(raw.get("status_code"))
    return found


async def fetch_docs(job: Job, doc_type: str, ids: set[str]) -> set[str]:
    """Fetch documents one by one (`get_document`) and store them in batches; returns the ids that are gone."""
    gone: set[str] = set()
    decode = fetch.document_decoder(doc_type)
    ordered = sorted(ids, key=lambda i: (len(i), i))
    for start in range(0, len(ordered), FETCH_BATCH):
        job.check_cancel()
        batch = ordered[start : start + FETCH_BATCH]
        raws = await asyncio.gather(*(fetch.get_document_raw(job.client, doc_type, mk_id) for mk_id in batch))
        gone.update(mk_id for mk_id, raw in zip(batch, raws, strict=True) if raw is None)
        page = fetch.RawPage("get_document", tuple(r for r in raws if r is not None), 0, None, doc_type)
        if page.items:
            result = await job.write(writes.store_page, page, decode, cache.upsert_documents, job.started_at)
            job.stats.add(result.inserted, result.updated, result.unchanged)
            job.skipped(result.bad)
        job.report(len(batch))
    return gone


async def supports_last_change(job: Job, doc_type: str) -> bool:
    """Feature detection through `search_query_advance_discovery`, asked once per engine."""
    key = f"last_change:{doc_type}"
    if key not in job.capabilities:
        try:
            data = await job.client.call("search_query_advance_discovery", {"doc_type": doc_type})
        except (InvalidRequest, NotAnApi, NotFound):
            job.capabilities[key] = False
        else:
            types = {f.type for f in mapping.query_filter_types(data, doc_type)}
            job.capabilities[key] = {"last_change_from", "last_change_to"} <= types
    return job.capabilities[key]


@dataclass(frozen=True, slots=True)
class RollingWindow:
    """A `doc_date` window re-read every run, a full re-read (and deletions everywhere) once per reconcile period."""

    entity: str = "invoices"
    doc_types: tuple[str, ...] = BILL_TYPES

    async def run(self, job: Job) -> None:
        state = await job.read(writes.load_state, self.entity)
        full = reconcile_due(job, state)
        job.stats.mode = "full" if full else "window"
        since = _window_start(job)
        checked = parse_cursor(state.cursor)  # when older unpaid bills were last looked at (or everything read)
        unpaid_due = not full and (checked is None or job.started_at - checked
                                   >= timedelta(minutes=job.options.unpaid_check_minutes))
        for doc_type in self.doc_types:
            job.check_cancel()
            if full:
                seen = await scan_docs(job, doc_type)
                deleted = await job.write(writes.finish, None, entity=DOCS, seen=seen, doc_type=doc_type)
            else:
                seen = await scan_docs(job, doc_type, [("doc_date_from", since)])
                local = await job.read(writes.document_ids, doc_type, since)
                gone = local - seen
                if unpaid_due and doc_type in BILL_TYPES:
                    gone |= await self._older_unpaid(job, doc_type, since)
                deleted = await job.write(writes.finish, None, entity=DOCS, delete=sorted(gone), doc_type=doc_type)
            job.stats.add(deleted=deleted)
        job.check_cancel()
        cursor = job.started_at.isoformat() if full or unpaid_due else state.cursor
        await job.write(writes.save_state, job.succeeded(state, full=full, cursor=cursor))


    @staticmethod
    async def _older_unpaid(job: Job, doc_type: str, since: date) -> set[str]:
        """Bills older than the window that are not fully paid are re-read (hourly: a late payment on an overdue
        invoice shows within the hour, not at the daily reconcile); cached unpaid ones that left that set were
        paid (or deleted): they are fetched one by one. Skipped while no older bill of the type is open in the
        cache. Returns the ids that are gone."""
        before = since - timedelta(days=1)
        cached = await job.read(writes.unpaid_ids, doc_type, before)
        if not cached:  # nothing older is open here; a bill issued into the past waits for the daily reconcile
            return set()
        try:
            unpaid = await scan_docs(job, doc_type, [("payment_status", "false"), ("doc_date_to", before)])
        except InvalidRequest as err:  # the filter is documented, but a server may still refuse it
            job.warnings.append(f"{job.entity}: {doc_type}: no payment_status filter ({err.detail})")
            return set()
        settled = cached - unpaid
        if len(settled) > job.options.offer_fetch_limit:
            job.warnings.append(f"{job.entity}: {len(settled)} {doc_type} paid since the last run; "
                                "they follow at the next full reconcile")
            return set()
        return await fetch_docs(job, doc_type, settled)


@dataclass(frozen=True, slots=True)
class OrdersByLastChange:
    """Sales orders by `last_change` windows (falls back to `RollingWindow` when the filter is missing)."""

    entity: str = "orders"
    doc_type: str = ORDER

    async def run(self, job: Job) -> None:
        if not await supports_last_change(job, self.doc_type):
            job.warnings.append(f"{self.entity}: Metakocka offers no last_change filter; using a doc_date window")
            await RollingWindow(self.entity, (self.doc_type,)).run(job)
            return
        state = await job.read(writes.load_state, self.entity)
        watermark = parse_cursor(getattr(state, "cursor", None))
        started = job.started_at.replace(microsecond=0)
        if watermark is None:
            job.stats.mode = "full"
            seen = await scan_docs(job, self.doc_type)
            job.check_cancel()
            new_state = job.succeeded(state, full=True, cursor=started.isoformat())
            job.stats.add(deleted=await job.write(writes.finish, new_state, entity=DOCS, seen=seen,
                                                  doc_type=self.doc_type))
            return
        job.stats.mode = "incremental"
        since = watermark - timedelta(seconds=job.options.overlap_seconds)
        await scan_docs(job, self.doc_type, [("last_change_from", since), ("last_change_to", started)])
        full = reconcile_due(job, state)
        window = None if full else _window_start(job)
        remote = await scan_ids(job, self.doc_type, None if window is None else [("doc_date_from", window)])
        local = await job.read(writes.document_ids, self.doc_type, window)
        missing = set(remote) - local
        gone = local - set(remote)
        if missing:  # e.g. skipped by offset paging while the server list shifted: heal them
            gone |= await fetch_docs(job, self.doc_type, missing) & local
        job.check_cancel()
        new_state = job.succeeded(state, full=full, cursor=started.isoformat())
        job.stats.add(deleted=await job.write(writes.finish, new_state, entity=DOCS, delete=sorted(gone),
                                              doc_type=self.doc_type))


@dataclass(frozen=True, slots=True)
class OffersByIds:
    """Offers: id-only scans, full documents only for new ids or changed statuses; a daily full re-read."""

    entity: str = "offers"
    doc_type: str = OFFER

    async def run(self, job: Job) -> None:
        state = await job.read(writes.load_state, self.entity)
        if not reconcile_due(job, state):
            job.stats.mode = "ids"
            remote = await scan_ids(job, self.doc_type)
            local = await job.read(writes.document_statuses, self.doc_type)
            todo = {i for i, status in remote.items() if i not in local or local[i] != status}
            if len(todo) <= job.options.offer_fetch_limit:
                gone = set(local) - set(remote)
                gone |= await fetch_docs(job, self.doc_type, todo) & set(local)
                job.check_cancel()
                new_state = job.succeeded(state, full=False)
                job.stats.add(deleted=await job.write(writes.finish, new_state, entity=DOCS, delete=sorted(gone),
                                                      doc_type=self.doc_type))
                return
        job.stats.mode = "full"
        seen = await scan_docs(job, self.doc_type)
        job.check_cancel()
        new_state = job.succeeded(state, full=True)
        job.stats.add(deleted=await job.write(writes.finish, new_state, entity=DOCS, seen=seen,
                                              doc_type=self.doc_type))
