"""Tests for mkdesk.core.sync.fetch: raw pages from the emulator (paging rules of each endpoint) and per-record
decoding that skips what cannot be read."""

from __future__ import annotations


import pytest

from mkdesk.core.sync import fetch
from tests.core.sync_support import serve, with_client


@pytest.fixture(scope="module")
def tiny():
    with serve() as handle:
        yield handle


async def _collect(pages):
    return [page async for page in pages]


def test_search_pages_cover_every_document_once(tiny):
    orders = tiny.store.documents["sales_order"]
    pages = with_client(tiny, lambda c: _collect(fetch.search_pages(c, "sales_order", page_size=7)))
    assert len(pages) == -(-len(orders) // 7)
    ids = [fetch.record_id(r) for p in pages for r in p.items]
    assert ids == list(orders)  # ascending mk_id, no gaps, no repeats
    assert all(p.total == len(orders) and p.doc_type == "sales_order" for p in pages)
    assert all("product_list" in r for r in pages[0].items)  # full documents with lines


def test_id_only_search_and_filters(tiny):
    pages = with_client(tiny, lambda c: _collect(fetch.search_pages(
        c, "sales_offer", ids_only=True, filters=[("partner_mk_id", "0")])))
    assert len(pages) == 1 and pages[0].items == [] and pages[0].total == 0
    pages = with_client(tiny, lambda c: _collect(fetch.search_pages(c, "sales_offer", ids_only=True)))
    assert all(set(r) <= {"mk_id", "opr_code", "count_code", "status_code"} for p in pages for r in p.items)


def test_catalogue_pages_stop_on_a_short_page(tiny):
    pages = with_client(tiny, lambda c: _collect(fetch.product_pages(c, page_size=10)))
    n = len(tiny.store.products)
    assert len(pages) == n // 10 + 1  # the last one short (or empty when n is a multiple)
    assert sum(len(p.items) for p in pages) == n
    assert any("pricelist" in r for p in pages for r in p.items)
    stock = with_client(tiny, lambda c: _collect(fetch.stock_pages(c)))
    assert sum(len(p.items) for p in stock) == len(tiny.store.stock)
    partners = with_client(tiny, lambda c: _collect(fetch.partner_pages(c)))
    assert len(partners) == 1 and len(partners[0].items) == len(tiny.store.partners)


def test_no_partners_means_no_page():
    with serve() as handle:
        handle.store.partners.clear()
        assert with_client(handle, lambda c: _collect(fetch.partner_pages(c))) == []


def test_get_document_raw_none_when_gone(tiny):
    mk_id = next(iter(tiny.store.documents["sales_order"]))
    found = with_client(tiny, lambda c: fetch.get_document_raw(c, "sales_order", mk_id))
    assert found["mk_id"] == mk_id
    assert with_client(tiny, lambda c: fetch.get_document_raw(c, "sales_order", "1")) is None


def test_decode_page_skips_bad_records():
    page = fetch.RawPage("search", (
        {"mk_id": "1", "doc_date": "2026-03-02+02:00"},
        {"mk_id": "2", "doc_date": "yesterday"},
        {"count_code": "no id"},
        "not an object",
    ), doc_type="sales_order")
    decoded = fetch.decode_page(page, fetch.document_decoder("sales_order"))
    assert [d.mk_id for d in decoded.items] == ["1"]
    assert [b.mk_id for b in decoded.bad] == ["2", None, None]
    assert all(b.endpoint == "search" and b.error for b in decoded.bad)


def test_search_body_shapes():
    body = fetch.search_body("sales_order", filters=[("last_change_from", "x")], limit=500, offset=200)
    assert body["limit"] == 100 and body["offset"] == 200 and body["result_type"] == "doc"
    assert body["query_advance"] == [{"type": "last_change_from", "value": "x"}]
    assert body["show_payment_detail"] is True
    ids = fetch.search_body("sales_offer", ids_only=True)
    assert "result_type" not in ids and ids["show_status_code"] is True and "query_advance" not in ids


def test_record_id():
    assert fetch.record_id({"mk_id": " 12 "}) == "12"
    assert fetch.record_id({"mk_id": 12}) == "12"
    assert fetch.record_id({"mk_id": True}) is None
    assert fetch.record_id({"mk_id": ""}) is None
    assert fetch.record_id([1]) is None
