"""Emulator partial updates: update_document (sales orders and bills), change_document_status,
mark_orders_as_shipped and put_transaction."""

from __future__ import annotations

from mkdesk.emulator.config import Switches

from .conftest import Api, in_process
from .test_emulator_h_documents import get, put

REGISTER_ERROR = "Dinamični šifrant z vrednostjo 'flying' tipa 'Prodajna naročila - status' mora biti nastavljen"


def order(api: Api, **fields):
    return put(api, buyer_order="WEB-U", notes="n1", notes_header="h1", **fields)["mk_id"]


def upd(api: Api, **fields):
    return api.v1("update_document", doc_type="sales_order", **fields)


def test_partial_update_keeps_the_rest(api: Api):
    mk_id = order(api)
    before = get(api, mk_id)
    answer = upd(api, mk_id=mk_id, notes="n2", delivery_type="DPD")
    assert set(answer) == {"opr_code", "opr_time_ms", "opr_time_no_lock_ms"} and answer["opr_code"] == "0"
    after = get(api, mk_id)
    assert after["notes"] == "n2" and after["delivery_type"] == "DPD"
    assert after["notes_header"] == "h1" and after["product_list"] == before["product_list"]


def test_identify_by_buyer_order_and_status_with_shipped_date(api: Api):
    mk_id = order(api)
    upd(api, buyer_order="WEB-U", status_code="shipped", shipped_date="2026-03-03+02:00")
    doc = get(api, mk_id)
    assert (doc["status_desc"], doc["status_code"], doc["shipped_date"]) == ("shipped", "Odpremljen",
                                                                             "2026-03-03+02:00")
    bad = upd(api, mk_id=mk_id, status_code="flying")
    assert (bad["opr_code"], bad["opr_desc"]) == ("1", REGISTER_ERROR)
    assert upd(api, mk_id="123")["opr_desc"] == "Cannot find document type sales_order with id = 123"


def test_status_labels_are_a_switch(store):
    api = in_process(store, switches=Switches(status_accepts_labels=False))
    mk_id = order(api)
    assert upd(api, mk_id=mk_id, status_code="Odpremljen")["opr_code"] == "1"


def test_tracking_code_needs_an_invoice(api: Api):
    mk_id = order(api)
    refused = upd(api, mk_id=mk_id, tracking_code="TR-1")
    assert (refused["opr_code"], refused["opr_desc"]) == (
        "6", "No invoice for given sales order. Tracking code cannot be add.")
    upd(api, mk_id=mk_id, create_invoice="true")
    assert upd(api, mk_id=mk_id, tracking_code="TR-1")["opr_code"] == "0"
    assert get(api, mk_id)["tracking_code"] == "TR-1"
    assert api.v1("search_tracking_code", tracking_code="TR-1")["result"][0]["mk_id"] == mk_id
    upd(api, mk_id=mk_id, clear=["tracking_code", "notes"])
    doc = get(api, mk_id)
    assert "tracking_code" not in doc and "notes" not in doc and doc["notes_header"] == "h1"


def test_line_edits_add_update_remove(api: Api):
    mk_id = order(api)
    rows = get(api, mk_id, show_product_detail=True)["product_list"]
    assert [r["code"] for r in rows] == ["KAB-USB-C-2M", "DOSTAVA"]
    upd(api, mk_id=mk_id, product_add=[{"code": "KNJIGA-1", "amount": "3"}])
    rows = get(api, mk_id, show_product_detail=True)["product_list"]
    assert rows[-1]["code"] == "KNJIGA-1" and rows[-1]["price_with_tax"] == "21"  # catalogue (gross list) price
    upd(api, mk_id=mk_id, product_list=[{"mk_row_id": rows[0]["mk_row_id"], "amount": "7"}])
    rows2 = get(api, mk_id, show_product_detail=True)["product_list"]
    assert rows2[0]["amount"] == "7" and rows2[0]["price_with_tax"] == "10" and rows2[0]["mk_row_id"] == rows[0]["mk_row_id"]
    upd(api, mk_id=mk_id, product_list=[{"mk_row_id": rows[1]["mk_row_id"], "mark_delete": "true"}])
    upd(api, mk_id=mk_id, product_remove=[{"code": "KNJIGA-1", "amount": "1"}])
    rows3 = get(api, mk_id, show_product_detail=True)["product_list"]
    assert [(r["code"], r["amount"]) for r in rows3] == [("KAB-USB-C-2M", "7"), ("KNJIGA-1", "2")]
    upd(api, mk_id=mk_id, product_remove=[{"mk_row_id": rows3[1]["mk_row_id"]}])
    assert len(get(api, mk_id)["product_list"]) == 1
    missing = upd(api, mk_id=mk_id, product_list=[{"mk_row_id": "1"}])
    assert missing["opr_code"] == "2"


def test_failed_update_changes_nothing(api: Api):
    mk_id = order(api)
    before = get(api, mk_id)
    answer = upd(api, mk_id=mk_id, notes="changed", product_add=[{"code": "NOPE", "amount": "1"}])
    assert answer["opr_code"] == "8"
    assert get(api, mk_id) == before


def test_partner_update_and_count_code_new(api: Api):
    mk_id = order(api)
    upd(api, mk_id=mk_id, partner={"mk_id": "400071680002", "mk_address_id": "400082840002"}, count_code_new="X-9")
    doc = get(api, mk_id)
    assert doc["partner"]["customer"] == "Janez Novak" and doc["count_code"] == "X-9"


def test_bills_accept_status_only(api: Api):
    bill = next(iter(api.store.documents["sales_bill_domestic"].values()))
    answer = api.v1("update_document", doc_type="sales_bill_domestic", count_code=bill.count_code, status_code="created",
                    notes="ignored")  # fmt: skip
    assert answer["opr_code"] == "0" and bill.status_desc == "created" and bill.notes is None
    api.v1("update_document", doc_type="sales_bill_domestic", mk_id=bill.mk_id, status_code="")
    assert "status_code" not in get(api, bill.mk_id, doc_type="sales_bill_domestic")
    offer = next(iter(api.store.documents["sales_offer"]))
    assert api.v1("update_document", doc_type="sales_offer", mk_id=offer)["opr_code"] == "2"


def test_change_document_status_forms(api: Api):
    a, b = order(api), order(api)
    assert api.v1("change_document_status", doc_type="sales_order", mk_id=a, status_code="ready_to_ship")["opr_code"] == "0"
    api.v1("change_document_status", doc_type="sales_order", mk_id_list=[a, b], status_code="shipped")
    assert get(api, a)["status_desc"] == get(api, b)["status_desc"] == "shipped"
    api.v1("change_document_status", doc_type="sales_order", buyer_order="WEB-1", status_code="canceled")
    assert api.v1("get_document", doc_type="sales_order", buyer_order="WEB-1")["status_code"] == "Preklican"
    bad = api.v1("change_document_status", doc_type="sales_order", mk_id=a, status_code="flying")
    assert (bad["opr_code"], bad["opr_desc"]) == ("1", REGISTER_ERROR)
    assert api.v1("change_document_status", doc_type="sales_order", status_code="shipped")["opr_code"] == "2"
    assert api.v1("change_document_status", doc_type="sales_bill_domestic", mk_id=a,
                  status_code="x")["opr_code"] == "2"  # fmt: skip


def test_mark_orders_as_shipped(api: Api):
    a = order(api)
    answer = api.v1("mark_orders_as_shipped", sales_order_id_list=[a])
    assert answer["opr_code"] == "0" and get(api, a)["status_desc"] == "shipped"
    api.v1("mark_orders_as_shipped", customer_order_list=["WEB-2"])
    assert api.v1("get_document", doc_type="sales_order", buyer_order="WEB-2")["status_desc"] == "shipped"
    by_country = api.v1("mark_orders_as_shipped", country="SI", status_code="new_order")
    assert by_country["sales_order_count"] == "2"
    assert api.v1("mark_orders_as_shipped")["opr_code"] == "2"
    assert api.v1("mark_orders_as_shipped", sales_order_id_list=[a], customer_order_list=["x"])["opr_code"] == "2"


def test_put_transaction(api: Api):
    bill = next(d for d in api.store.documents["sales_bill_domestic"].values() if not d.payments)
    total = api.store.sums(bill).all
    answer = api.v1("put_transaction", doc_type="bill", count_code=bill.count_code, payment_mode="payment",
                    payment_type="Transakcijski račun", date="2026-03-02+02:00", price="1.00")  # fmt: skip
    assert answer["opr_code"] == "0"
    doc = get(api, bill.mk_id, doc_type="sales_bill_domestic", show_payment_detail=True)
    assert doc["sum_paid"] == "1" and doc["mark_paid"][0]["date"] == "02.03.2026"
    api.js("put_transaction", doc_type="sales_bill_domestic", mk_id=bill.mk_id, payment_type="Gotovina",
           price=str(total - 1))  # fmt: skip
    paid = api.v1("search", doc_type="sales_bill_domestic", query_advance=[{"type": "payment_status", "value": "true"}])
    assert bill.mk_id in [r["mk_id"] for r in paid["result"]]
    wrong = api.v1("put_transaction", doc_type="bill", mk_id=bill.mk_id, payment_type="Bitcoin", price="1")
    assert (wrong["opr_code"], wrong["opr_desc"]) == ("2", "Paramether 'payment_type' has invalid value : Bitcoin. "
                                                      "Valid values : Transakcijski račun,Gotovina,Kartica,Predračun")
    assert api.v1("put_transaction", doc_type="sales_order", buyer_order="WEB-1", price="5")["opr_code"] == "0"
    assert api.v1("put_transaction", doc_type="bill", mk_id="1", price="5")["opr_code"] == "2"
    assert api.v1("put_transaction", doc_type="bill", mk_id=bill.mk_id)["opr_code"] == "2"
    assert api.v1("put_transaction", doc_type="bill", mk_id=bill.mk_id, price="1", payment_mode="x")["opr_code"] == "2"


def test_returns_are_negative_and_credit_notes_count_as_paid_when_refunded(api: Api):
    note = next(iter(api.store.documents["sales_bill_credit_note"].values()))
    total = api.store.sums(note).all
    assert total > 0  # the hand-built credit note has a positive line; make it a refund of that amount
    api.v1("put_transaction", doc_type="sales_bill_credit_note", mk_id=note.mk_id, payment_mode="return",
           price=str(total))  # fmt: skip
    doc = get(api, note.mk_id, doc_type="sales_bill_credit_note", show_payment_detail=True)
    assert doc["sum_paid"] == f"-{doc['sum_all']}" and doc["mark_paid"][0]["amount"].startswith("-")


def _changed_since(api: Api, since: str) -> list[str]:
    window = [{"type": "last_change_from", "value": since}]
    return [r["mk_id"] for r in api.v1("search", doc_type="sales_order", query_advance=window).get("result", [])]


def test_every_write_moves_last_change(api: Api, monkeypatch):
    from datetime import datetime, timedelta

    from mkdesk.emulator.model import TZ

    writes = [
        lambda mk_id: upd(api, mk_id=mk_id, notes="x"),
        lambda mk_id: api.v1("change_document_status", doc_type="sales_order", mk_id=mk_id, status_code="shipped"),
        lambda mk_id: api.v1("mark_orders_as_shipped", sales_order_id_list=mk_id),
        lambda mk_id: api.v1("put_transaction", doc_type="sales_order", mk_id=mk_id, price="1"),
        lambda mk_id: put(api, mk_id=mk_id),
    ]
    targets = list(api.store.documents["sales_order"])[:4] + [order(api)]
    later = datetime.now(TZ).replace(microsecond=0) + timedelta(hours=1)
    monkeypatch.setattr(api.store, "now", lambda: later)  # writes from here on happen "an hour later"
    since = later.strftime("%Y-%m-%dT%H:%M:%S") + "+02:00"
    assert _changed_since(api, since) == []
    for write, mk_id in zip(writes, targets, strict=True):
        assert write(mk_id)["opr_code"] == "0"
    assert sorted(_changed_since(api, since), key=int) == sorted(targets, key=int)


def test_generated_order_lines_keep_row_ids_through_edits(gen_api: Api):
    order = next(d for d in gen_api.store.documents["sales_order"].values() if d.status_desc in ("new_order", "in_progress", "ready_to_ship"))
    before = get(gen_api, order.mk_id, show_product_detail=True)["product_list"]
    row = next(r for r in before if "code" in r)
    assert upd(gen_api, mk_id=order.mk_id, product_list=[{"mk_row_id": row["mk_row_id"], "amount": "9"}])["opr_code"] == "0"
    after = get(gen_api, order.mk_id, show_product_detail=True)["product_list"]
    assert [r["mk_row_id"] for r in after] == [r["mk_row_id"] for r in before]
    changed = next(r for r in after if r["mk_row_id"] == row["mk_row_id"])
    assert changed["amount"] == "9"
    assert {k: v for k, v in changed.items() if k != "amount"} == {k: v for k, v in row.items() if k != "amount"}
