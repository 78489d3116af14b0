"""Tests for mkdesk.core.erp.documents: the request each document helper sends and how it reads the answer."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from mkdesk.core.erp import DocumentDraft, LineDraft, PartnerRef
from mkdesk.core.erp.wire import TZ
from tests.core.erp_fakes import run_with

OK = {"opr_code": "0"}
DRAFT = DocumentDraft("sales_order", date(2026, 3, 2), PartnerRef("p", "a"),
                      [LineDraft(code="X", amount=Decimal(1), price=Decimal(1), tax="EX4")], count_code="PP-1")


def test_search_caps_limit_and_encodes_filters():
    answer = {"opr_code": "0", "result_all_records": "1", "result": {"mk_id": "1", "count_code": "A"}}
    page, script = run_with({"search": answer}, lambda c: c.search(
        "sales_order", limit=500, offset=200,
        filters={"doc_date_from": date(2026, 1, 5), "last_change_from": datetime(2026, 1, 5, 8, 0, tzinfo=TZ),
                 "status_list": ["draft", "ready_to_ship"], "unused": None}))
    body = script.bodies("search")[0]
    assert body["limit"] == "100" and body["offset"] == "200" and body["result_type"] == "doc"
    assert body["query_advance"] == [
        {"type": "doc_date_from", "value": "05.01.2026"},
        {"type": "last_change_from", "value": "2026-01-05T08:00:00+02:00"},
        {"type": "status_list", "value": "draft,ready_to_ship"},
    ]
    assert body["show_payment_detail"] == "true"
    assert page.total == 1 and page.items[0].doc_type == "sales_order" and page.offset == 200


def test_iter_search_stops_at_total():
    def answer(body):
        offset = int(body["offset"])
        ids = [{"mk_id": str(i)} for i in range(offset, min(offset + 2, 5))]
        return {"opr_code": "0", "result_all_records": "5", "result": ids}

    pages, script = run_with({"search": answer}, lambda c: c.search_all("sales_order", result="ids", limit=2))
    assert [r.mk_id for r in pages] == ["0", "1", "2", "3", "4"]
    assert len(script.calls) == 3


def test_iter_search_without_total_stops_on_a_short_page():
    def answer(body):
        offset = int(body["offset"])
        return {"opr_code": "0", "result": [{"mk_id": str(i)} for i in range(offset, min(offset + 2, 3))]}

    items, script = run_with({"search": answer}, lambda c: c.search_all("complaint", result="ids", limit=2))
    assert len(items) == 3 and len(script.calls) == 2


def test_get_document_sends_doc_id():
    doc, script = run_with({"get_document": {"opr_code": "0", "mk_id": "9", "sum_all": "1"}},
                           lambda c: c.get_document("sales_bill_domestic", "9"))
    body = script.bodies("get_document")[0]
    assert body["doc_id"] == "9" and "mk_id" not in body
    assert doc.doc_type == "sales_bill_domestic"


def test_put_and_replace_document():
    answer = {"opr_code": "0", "mk_id": "5", "count_code": "1/2026", "partner": {"mk_id": "p"}}

    async def go(c):
        created = await c.put_document(DRAFT)
        replaced = await c.replace_document("5", DRAFT)
        return created, replaced

    (created, replaced), script = run_with({"put_document": answer}, go)
    first, second = script.bodies("put_document")
    assert "mk_id" not in first and first["count_code"] == "PP-1"
    assert second["mk_id"] == "5" and "count_code" not in second
    assert created.partner_mk_id == "p" and created.count_code == "1/2026"


def test_put_document_refuses_an_mk_id():
    draft = DocumentDraft("sales_order", date(2026, 3, 2), PartnerRef("p", "a"), [], extra={"mk_id": "5"})
    with pytest.raises(ValueError):
        run_with({"put_document": OK}, lambda c: c.put_document(draft))


def test_write_helpers_send_the_documented_fields():
    async def go(c):
        await c.update_document("sales_order", buyer_order="WEB-1", status_code="shipped",
                                shipped_date=date(2026, 3, 3))
        await c.delete_document("sales_order", "7")
        await c.change_document_status("sales_order", "shipped", mk_ids=["1", "2"])
        await c.put_transaction("sales_bill_domestic", Decimal("1200.12"), "Transakcijski račun", count_code="1-MK",
                                paid_on=date(2026, 3, 2))
        await c.mark_orders_as_shipped(buyer_orders=["WEB-1"])

    _, script = run_with({n: OK for n in ("update_document", "delete_document", "change_document_status",
                                          "put_transaction", "mark_orders_as_shipped")}, go)
    assert script.bodies("update_document")[0] == {
        "secret_key": "unit-secret", "company_id": "4711", "doc_type": "sales_order", "buyer_order": "WEB-1",
        "status_code": "shipped", "shipped_date": "03.03.2026"}
    assert script.bodies("delete_document")[0]["mk_id"] == "7"
    assert script.bodies("change_document_status")[0]["mk_id_list"] == ["1", "2"]
    payment = script.bodies("put_transaction")[0]
    assert payment["price"] == "1200.12" and payment["date"] == "2026-03-02+02:00" and payment["count_code"] == "1-MK"
    assert script.bodies("mark_orders_as_shipped")[0]["customer_order_list"] == ["WEB-1"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_document("sales_order"),
        lambda c: c.get_document("sales_order", "1", buyer_order="W"),
        lambda c: c.update_document("sales_order", "1"),
        lambda c: c.change_document_status("sales_order", "x"),
        lambda c: c.mark_orders_as_shipped(country="SI"),
        lambda c: c.put_transaction("sales_order", Decimal(1), "T"),
        lambda c: c.search("sales_order", limit=0),
    ],
)
def test_argument_mistakes_are_caught_before_sending(call):
    with pytest.raises(ValueError):
        run_with({}, call)


def test_report_params():
    pdf, script = run_with({"report": lambda body: __import__("httpx").Response(
        200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"})},
        lambda c: c.report("9", locale="en"))
    assert pdf == b"%PDF-1.7"
    body = script.bodies("report")[0]
    assert body["report_id"] == "38" and {"type": "REPORT_TYPE", "value": "PDF"} in body["params"]
