"""Emulator search: paging cap, stubs vs full docs, sort, filters (dates, last_change, partner, payment, status),
offers rejecting doc_date, discovery consistent with search, tracking-code search."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from mkdesk.emulator.config import Switches
from mkdesk.emulator.h_search import FILTER_INFO
from mkdesk.emulator.model import TZ, SALES_DOC_TYPES

from .conftest import Api, hand_store, in_process


def qa(**filters):
    return [{"type": k, "value": v} for k, v in filters.items()]


def ids(answer):
    return [r["mk_id"] for r in answer.get("result", [])]


def test_id_stubs_by_default_and_status_code_on_request(api: Api):
    answer = api.v1("search", doc_type="sales_order")
    assert answer["result_all_records"] == "4" and answer["result_count"] == "4"
    assert set(answer["result"][0]) == {"mk_id", "opr_code", "count_code"}
    answer = api.v1("search", doc_type="sales_order", show_status_code="true")
    assert answer["result"][0]["status_code"] == "Novo naročilo"


def test_full_documents_with_result_type_doc(api: Api):
    answer = api.v1("search", doc_type="sales_bill_domestic", result_type="doc", show_payment_detail=True)
    doc = answer["result"][0]
    assert doc["doc_type"] == "sales_bill_domestic" and doc["product_list"] and doc["sum_all"]
    assert doc["mark_paid"][0]["date"].count(".") == 2


def test_sorted_by_mk_id_both_directions(api: Api):
    asc = ids(api.v1("search", doc_type="sales_order"))
    desc = ids(api.v1("search", doc_type="sales_order", order_direction="desc"))
    assert asc == sorted(asc, key=int) and desc == asc[::-1]


def test_paging_caps_limit_at_100():
    store = hand_store()
    template = next(iter(store.documents["sales_order"].values()))
    for _ in range(246):
        doc = replace(template, mk_id=store.next_id("sales_order"))
        store.documents["sales_order"][doc.mk_id] = doc
    api = in_process(store)
    first = api.v1("search", doc_type="sales_order", limit="500")
    assert (first["limit"], first["result_count"], first["result_all_records"]) == ("100", "100", "250")
    seen = []
    offset = 0
    while True:
        page = api.v1("search", doc_type="sales_order", limit=100, offset=offset)
        seen += ids(page)
        if int(page["result_count"]) < 100:
            break
        offset += 100
    assert len(seen) == 250 == len(set(seen)) and seen == sorted(seen, key=int)
    last = api.v1("search", doc_type="sales_order", offset="300")
    assert last["result_count"] == "0" and "result" not in last  # empty = absent


@pytest.mark.parametrize("value", ["01.02.2026", "2026-02-01+02:00"])
def test_doc_date_filters_accept_dmy_and_literal_plus_two(api: Api, value):
    answer = api.v1("search", doc_type="sales_order", query_advance=qa(doc_date_from=value, doc_date_to="05.02.2026"))
    assert answer["result_all_records"] == "2"


@pytest.mark.parametrize("value", ["2026-02-01+01:00", "2026-02-01", "2026-02-01T00:00:00+02:00", "1.2.26"])
def test_doc_date_filters_reject_other_forms(api: Api, value):
    answer = api.v1("search", doc_type="sales_order", query_advance=qa(doc_date_from=value))
    assert answer["opr_code"] == "2"
    assert answer["opr_desc"] == f"Cannot find value {value} for condition doc_date_from"


def test_offers_reject_doc_date_filters(api: Api):
    answer = api.v1("search", doc_type="sales_offer", query_advance=qa(doc_date_from="01.02.2026"))
    assert (answer["opr_code"], answer["opr_desc"]) == (
        "1", "Internet error - cannot get beQueryParam for : doc_date_from")


def test_offer_doc_date_rejection_is_a_switch(store):
    api = in_process(store, switches=Switches(offers_reject_doc_date=False))
    answer = api.v1("search", doc_type="sales_offer", query_advance=qa(doc_date_from="10.02.2026"))
    assert answer["result_all_records"] == "1"


def test_last_change_window_on_sales_orders_round_trips_with_writes(api: Api):
    window = qa(last_change_from="2026-02-04T00:00:00+02:00", last_change_to="2026-02-11T00:00:00+02:00")
    assert api.v1("search", doc_type="sales_order", query_advance=window)["result_all_records"] == "2"
    before = datetime.now(TZ).replace(microsecond=0) - timedelta(seconds=1)
    target = ids(api.v1("search", doc_type="sales_order"))[0]
    api.v1("change_document_status", doc_type="sales_order", mk_id=target, status_code="ready_to_ship")
    since = qa(last_change_from=before.strftime("%Y-%m-%dT%H:%M:%S") + "+02:00")
    assert ids(api.v1("search", doc_type="sales_order", query_advance=since)) == [target]


def test_last_change_only_where_the_switch_allows(store):
    window = qa(last_change_from="2026-02-01T00:00:00+02:00")
    answer = in_process(hand_store()).v1("search", doc_type="sales_bill_domestic", query_advance=window)
    assert answer["opr_code"] == "1"
    api = in_process(store, switches=Switches(last_change_doc_types=("sales_order", "sales_bill_domestic")))
    assert api.v1("search", doc_type="sales_bill_domestic", query_advance=window)["result_all_records"] == "3"


def test_partner_filters_and_free_text_query(api: Api):
    by_id = api.v1("search", doc_type="sales_order", query_advance=qa(partner_mk_id="400071680001"))
    assert by_id["result_all_records"] == "2"
    by_tax = api.v1("search", doc_type="sales_bill_domestic", query_advance=qa(partner_tax_num="12345678"))
    assert by_tax["result_all_records"] == "1"
    assert api.v1("search", doc_type="sales_order", query="novak")["result_all_records"] == "1"
    assert api.v1("search", doc_type="sales_order", query="WEB-3")["result_all_records"] == "1"


def test_payment_status_status_list_and_customer_order(api: Api):
    unpaid = api.v1("search", doc_type="sales_bill_domestic", query_advance=qa(payment_status="false"))
    assert unpaid["result_all_records"] == "2"
    statuses = api.v1("search", doc_type="sales_order", query_advance=qa(status_list="new_order,shipped"))
    assert statuses["result_all_records"] == "3"
    by_label = api.v1("search", doc_type="sales_order", query_advance=qa(status_list="Odpremljen"))
    assert by_label["result_all_records"] == "1"
    order = api.v1("search", doc_type="sales_order", query_advance=qa(customer_order="WEB-2"), result_type="doc")
    assert order["result"][0]["buyer_order"] == "WEB-2"


def test_unsupported_filter_is_rejected(api: Api):
    answer = api.v1("search", doc_type="sales_bill_domestic", query_advance=qa(status_list="created"))
    assert answer["opr_desc"] == "Internet error - cannot get beQueryParam for : status_list"


def test_discovery_matches_what_search_accepts(api: Api):
    answer = api.v1("search_query_advance_discovery")
    assert set(SALES_DOC_TYPES) <= set(answer)
    assert "last_change_from" in {f["type"] for f in answer["sales_order"]}
    assert "doc_date_from" not in {f["type"] for f in answer["sales_offer"]}
    for doc_type in SALES_DOC_TYPES:
        for item in answer[doc_type]:
            assert item["label"] == FILTER_INFO[item["type"]][0]
            value = {"doc_date_from": "01.01.2026", "doc_date_to": "01.01.2026",
                     "last_change_from": "2026-01-01T00:00:00+02:00",
                     "last_change_to": "2026-01-01T00:00:00+02:00"}.get(item["type"], "x")  # fmt: skip
            result = api.v1("search", doc_type=doc_type, query_advance=qa(**{item["type"]: value}))
            assert result["opr_code"] == "0", (doc_type, item)
    single = api.v1("search_query_advance_discovery", doc_type="sales_order")
    assert list(single)[3:] == ["sales_order"]


def test_known_but_unmodelled_doc_types_search_empty(api: Api):
    answer = api.v1("search", doc_type="purchase_order")
    assert answer["result_all_records"] == "0"


def test_search_tracking_code(api: Api):
    found = api.v1("search_tracking_code", tracking_code="TRACK-123")
    assert found["result"][0]["buyer_order"] == "WEB-3"
    missing = api.v1("search_tracking_code", tracking_code="NOPE")
    assert (missing["opr_code"], missing["opr_desc"]) == ("6", "Tracking code NOPE not found")


def test_generated_company_pages_and_payment_status_agree(gen_api: Api):
    everything = []
    offset = 0
    while True:
        page = gen_api.v1("search", doc_type="sales_bill_domestic", result_type="doc", limit=25, offset=offset)
        everything += page.get("result", [])
        if int(page["result_count"]) < 25:
            break
        offset += 25
    assert len(everything) == int(page["result_all_records"]) == len(gen_api.store.documents["sales_bill_domestic"])
    unpaid = ids(gen_api.v1("search", doc_type="sales_bill_domestic", query_advance=qa(payment_status="false")))
    paid = ids(gen_api.v1("search", doc_type="sales_bill_domestic", query_advance=qa(payment_status="true")))
    assert not set(unpaid) & set(paid) and len(unpaid) + len(paid) == len(everything)
    for doc in everything:
        fully = Decimal(doc.get("sum_paid", "0")) >= Decimal(doc["sum_all"])
        assert (doc["mk_id"] in paid) == fully, doc["count_code"]
