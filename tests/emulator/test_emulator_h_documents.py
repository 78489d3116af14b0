"""Emulator documents: get_document (doc_id/buyer_order), put_document (create, full replace, partner forms,
unknown products, taxes, numbering, warehouse fallback, profit centres, mark_paid, buyer_order uniqueness,
reservations) and delete_document parameter rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdesk.emulator.config import Switches

from .conftest import Api, in_process

REF = {"mk_id": "400071680001", "mk_address_id": "400082840001"}
LINES = [{"code": "KAB-USB-C-2M", "amount": "2", "price_with_tax": "10.00", "tax_factor": "0.22"},
         {"code": "DOSTAVA", "amount": "1", "price_with_tax": "4.90", "tax": "EX4"}]  # fmt: skip


def put(api: Api, **fields):
    body = {"doc_type": "sales_order", "doc_date": "02.03.2026", "partner": REF, "product_list": LINES, **fields}
    return api.v1("put_document", **body)


def get(api: Api, mk_id, doc_type="sales_order", **flags):
    return api.v1("get_document", doc_type=doc_type, doc_id=mk_id, **flags)


def reserved(api: Api, code="KAB-USB-C-2M", wh="1600000301"):
    product = api.store.product_by_code(code)
    return sum((r.reserved for r in api.store.stock if r.product_id == product.mk_id and r.warehouse_id == wh),
               Decimal(0))  # fmt: skip


def test_get_document_wants_doc_id(api: Api):
    mk_id = next(iter(api.store.documents["sales_order"]))
    assert get(api, mk_id)["mk_id"] == mk_id
    wrong = api.v1("get_document", doc_type="sales_order", mk_id=mk_id)
    assert (wrong["opr_code"], wrong["opr_desc"]) == ("2", "Cannot find document type sales_order with id = null")
    by_buyer = api.v1("get_document", doc_type="sales_order", buyer_order="WEB-2")
    assert by_buyer["buyer_order"] == "WEB-2"
    other_type = get(api, mk_id, doc_type="sales_offer")
    assert other_type["opr_desc"] == f"Cannot find document type sales_offer with id = {mk_id}"


def test_put_creates_with_reference_partner_and_reads_back(api: Api):
    answer = put(api, buyer_order="WEB-9", warehouse="glavno", delivery_type="GLS", customer_order="X-1")
    assert answer["opr_code"] == "0" and answer["partner"] == {"mk_id": "400071680001"}
    assert answer["count_code"].startswith("PP-2026-")
    doc = get(api, answer["mk_id"], show_product_detail=True, show_tax_factor=True)
    assert doc["sum_all"] == "24.9" and doc["buyer_order"] == "WEB-9" and "customer_order" not in doc
    first = doc["product_list"][0]
    assert first["price_with_tax"] == "10" and first["tax"] == "EX4" and first["tax_factor"] == "0.22"
    assert first["name"] == "USB-C kabel 2 m" and first["mk_row_id"]
    assert doc["status_desc"] == "new_order" and doc["doc_date"] == "2026-03-02+02:00"
    assert "sum_paid" not in doc


def test_count_code_reuse_gives_auto_number(api: Api):
    first = put(api, count_code="NAR-1")
    second = put(api, count_code="NAR-1")
    assert first["count_code"] == "NAR-1" and second["count_code"] == "1/2026"
    assert put(api, count_code="NAR-1")["count_code"] == "2/2026"


@pytest.mark.parametrize("value", ["02.03.2026", "2026-03-02+02:00", "2026-01-15+02:00"])
def test_doc_date_accepted_forms(api: Api, value):
    assert put(api, doc_date=value)["opr_code"] == "0"


@pytest.mark.parametrize("value", ["2026-03-02", "2026-01-15+01:00", "2026-03-02T09:00:00+02:00", "2026-03-02+0200"])
def test_doc_date_rejected_forms(api: Api, value):
    answer = put(api, doc_date=value)
    assert (answer["opr_code"], answer["opr_desc"]) == ("6", f"Not valid date for doc_date : {value}")


def test_doc_date_strictness_is_a_switch(store):
    api = in_process(store, switches=Switches(strict_doc_date=False))
    assert put(api, doc_date="2026-01-15+01:00")["opr_code"] == "0"


def test_partner_reference_rules(api: Api):
    alone = put(api, partner={"mk_id": "400071680001"})
    assert alone["opr_desc"] == "Partner must have mk_address_id or customer and street for address identification"
    assert put(api, partner={"mk_id": "999", "mk_address_id": "1"})["opr_code"] == "2"
    assert put(api, partner={})["opr_desc"] == "Partner data are missing"


def test_inline_partner_always_creates_a_new_partner(api: Api):
    inline = {"customer": "Ana Kos", "street": "Cesta 5", "post_number": "4000", "place": "Kranj", "country": "SI",
              "partner_contact": {"email": "ana@kos.si"}}  # fmt: skip
    before = len(api.store.partners)
    a, b = put(api, partner=inline), put(api, partner=inline)
    assert a["partner"]["mk_id"] != b["partner"]["mk_id"] and len(api.store.partners) == before + 2
    found = api.v1("get_partner", partner_email="ana@kos.si")
    assert found["partner_list_count"] == "2"


def test_inline_partner_matching_by_tax_id_is_a_switch(store):
    api = in_process(store, switches=Switches(inline_partner_always_new=False))
    inline = {"customer": "Kovač", "street": "X 1", "tax_id_number": "SI 1234 5678"}
    assert put(api, partner=inline)["partner"]["mk_id"] == "400071680001"


def test_unknown_product_code_and_creation_with_unit(api: Api):
    line = {"code": "NEW-1", "amount": "1", "price": "5", "tax": "EX4"}
    answer = put(api, product_list=[line])
    assert (answer["opr_code"], answer["opr_desc"]) == (
        "8", "Product with code NEW-1 not found - unit must be set to add new product")
    assert api.store.product_by_code("NEW-1") is None
    assert put(api, product_list=[{**line, "unit": "kos", "name": "Novo"}])["opr_code"] == "0"
    assert api.store.product_by_code("NEW-1").name == "Novo"


def test_unknown_product_code_is_a_switch(store):
    api = in_process(store, switches=Switches(unknown_product_code="2"))
    assert put(api, product_list=[{"code": "NEW-1", "amount": "1"}])["opr_code"] == "2"


def test_missing_tax_and_failed_writes_leave_no_trace(api: Api):
    partners = len(api.store.partners)
    inline = {"customer": "Nova", "street": "Pot 1"}
    answer = put(api, partner=inline, product_list=[{"code": "NEW-2", "unit": "kos", "name": "Nov"}])
    assert (answer["opr_code"], answer["opr_desc"]) == (
        "6", "Attribute 'tax' for product with code 'NEW-2' or name 'Nov' must be set.")
    assert len(api.store.partners) == partners and api.store.product_by_code("NEW-2") is None


def test_tax_factor_maps_to_tax_code_and_known_product_name_wins(api: Api):
    answer = put(api, product_list=[{"code": "KNJIGA-1", "amount": "1", "price": "20", "tax_factor": "0.05",
                                     "name": "ignored"}])  # fmt: skip
    line = get(api, answer["mk_id"])["product_list"][0]
    assert (line["tax"], line["name"], line["price"]) == ("EX5", "Knjiga", "20")


def test_discount_rules(api: Api):
    ok = put(api, product_list=[{"code": "KNJIGA-1", "amount": "1", "price": "100", "discount": "10;5", "tax": "EX0"}])
    assert get(api, ok["mk_id"])["sum_basic"] == "85.5"
    bad = put(api, product_list=[{"code": "KNJIGA-1", "amount": "1", "price": "1", "discount": "10%"}])
    assert bad["opr_desc"] == "Paramether discount must be valid number or numbers separate by semicolon"
    doc_discount = put(api, discount_value="4.9")
    assert get(api, doc_discount["mk_id"])["sum_all"] == "20"


def test_warehouse_fallback_and_profit_center(api: Api):
    answer = put(api, warehouse="NI-TAKEGA")
    assert get(api, answer["mk_id"])["warehouse"] == "glavno"
    bad = put(api, profit_center="XX")
    assert (bad["opr_code"], bad["opr_desc"]) == ("6", "Profit center 'XX' doesn't exist.")
    assert get(api, put(api, profit_center="PC1")["mk_id"])["profit_center"] == "PC1"


def test_status_validation_on_put(api: Api):
    bad = put(api, status_code="flying")
    assert bad["opr_code"] == "2" and bad["opr_desc"].startswith("Paramether 'status_code' has invalid value : flying")
    label = put(api, status_code="Pripravljen za odpremo")
    assert get(api, label["mk_id"])["status_desc"] == "ready_to_ship"


def test_full_replace_with_mk_id(api: Api):
    created = put(api, notes="first", buyer_order="WEB-R", count_code="R-1")
    mk_id = created["mk_id"]
    answer = put(api, mk_id=mk_id, count_code="IGNORED", product_list=[LINES[1]])
    assert answer["mk_id"] == mk_id and answer["count_code"] == "R-1"
    doc = get(api, mk_id)
    assert len(doc["product_list"]) == 1 and "notes" not in doc and "buyer_order" not in doc
    wiped = put(api, mk_id=mk_id, product_list=[])
    assert "product_list" not in get(api, mk_id)
    assert wiped["opr_code"] == "0"
    assert put(api, mk_id="1")["opr_desc"] == "Cannot find document type sales_order with id = 1"
    assert api.v1("put_document", doc_type="sales_order", mk_id=mk_id, partner=REF)["opr_desc"] == \
        "Value is require for doc_date"


def test_mark_paid_replacement_semantics(api: Api):
    mk_id = put(api, mark_paid=[{"payment_type": "Gotovina", "date": "02.03.2026", "amount": "10"}])["mk_id"]
    doc = get(api, mk_id, show_payment_detail=True)
    assert doc["sum_paid"] == "10" and doc["mark_paid"][0]["amount"] == "10,00"
    put(api, mk_id=mk_id, mark_paid=[])  # empty → unchanged
    assert get(api, mk_id)["sum_paid"] == "10"
    put(api, mk_id=mk_id, mark_paid=[{"amount": "1895.01", "date": "03.03.2026"}])  # replaces
    doc = get(api, mk_id, show_payment_detail=True)
    assert doc["sum_paid"] == "1895.01" and doc["mark_paid"] == [
        {"payment_type": "Transakcijski račun", "date": "03.03.2026", "amount": "1.895,01", "payment_mode": "payment"}]
    put(api, mk_id=mk_id, mark_paid=[{"amount": "0.00"}])  # clears
    assert "sum_paid" not in get(api, mk_id)
    bad = put(api, mark_paid=[{"payment_type": "Bitcoin"}])
    assert bad["opr_desc"].startswith("Paramether 'payment_type' has invalid value : Bitcoin. Valid values : ")


def test_duplicate_buyer_order_is_a_switch(store):
    assert put(in_process(store), buyer_order="WEB-1")["opr_code"] == "0"
    api = in_process(store, switches=Switches(unique_buyer_order=True))
    answer = put(api, buyer_order="WEB-1")
    assert (answer["opr_code"], answer["opr_code_app"]) == ("6", "7")
    assert answer["opr_desc_app"] == "Documents with some buyer order already exist"
    assert {d["count_code"] for d in answer["duplicate_doc_list"]} >= {"SALES-1"}


def test_other_doc_types_and_create_invoice(api: Api):
    offer = put(api, doc_type="sales_offer")
    doc = get(api, offer["mk_id"], doc_type="sales_offer")
    assert doc["valid_to"] == "2026-03-17+02:00" and doc["status_code"] == "Odprta"
    bill = put(api, doc_type="sales_bill_domestic")
    doc = get(api, bill["mk_id"], doc_type="sales_bill_domestic")
    assert doc["duo_payment"] == "2026-03-17+02:00" and doc["publish_ts"].endswith("+02:00")
    order = put(api, create_invoice="true")
    invoice = order["attachment_list"][0]["bill_mk_id"]
    links = get(api, order["mk_id"])["doc_link_list"]
    assert links[0]["mk_id"] == invoice and links[0]["doc_type"] == "sales_bill_domestic"
    assert api.v1("put_document", doc_type="sales_bill_prepaid", doc_date="02.03.2026")["opr_code"] == "2"


def test_reservations_follow_order_life(api: Api):
    base = reserved(api)
    mk_id = put(api)["mk_id"]
    assert reserved(api) == base + 2
    put(api, mk_id=mk_id, product_list=[{**LINES[0], "amount": "5"}])
    assert reserved(api) == base + 5
    api.v1("change_document_status", doc_type="sales_order", mk_id=mk_id, status_code="canceled")
    assert reserved(api) == base
    other = put(api, warehouse="MP")["mk_id"]
    assert reserved(api, wh="1600000302") == 2
    api.v1("delete_document", doc_type="sales_order", mk_id=other)
    assert reserved(api, wh="1600000302") == 0
    stock = api.js("warehouse_stock", product_code_list="KAB-USB-C-2M", wh_id_list="1600000302")["stock_list"]
    assert stock[0]["reserved_amount"] == "0" and stock[0]["free_amount"] == "5,5"


def test_delete_document_parameter_rules(api: Api):
    mk_id = put(api)["mk_id"]
    assert api.v1("delete_document", doc_type="sales_order", doc_id=mk_id)["opr_desc"] == "Paramether mk_id must be set"
    no_type = api.v1("delete_document", mk_id=mk_id)
    assert (no_type["opr_code"], no_type["opr_desc"]) == ("1", "Internal server error.")
    deleted = api.v1("delete_document", doc_type="sales_order", mk_id=mk_id)
    assert deleted["opr_code"] == "0" and set(deleted) == {"opr_code", "opr_time_ms", "opr_time_no_lock_ms"}
    gone = get(api, mk_id)
    assert (gone["opr_code"], gone["opr_desc"]) == ("2", f"Cannot find document type sales_order with id = {mk_id}")
    assert api.v1("delete_document", doc_type="sales_order", mk_id=mk_id)["opr_code"] == "2"
