"""Tests for mkdesk.core.erp.mapping: wire dicts (as in `metakocka-api.md` examples) → core dataclasses."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdesk.core.erp import mapping
from mkdesk.core.erp.errors import WireFormatError
from mkdesk.core.models import TaxSum

ORDER = {
    "mk_id": "400000012345", "doc_type": "sales_order", "opr_code": "0", "count_code": "PP-2026-0117",
    "doc_date": "2026-03-02+02:00", "buyer_order": "WEB-88121", "currency_code": "EUR",
    "status_code": "Pripravljen za odpremo", "status_desc": "ready_to_ship", "warehouse": "glavno",
    "partner": {"mk_id": "400071680001", "mk_address_id": "400082840001", "customer": "Kovač d.o.o.",
                "business_entity": "true", "taxpayer": "true", "foreign_county": "false",
                "tax_id_number": "SI12345678", "street": "Tržaška cesta 12", "post_number": "1000",
                "place": "Ljubljana", "country": "Slovenia", "country_iso_2": "SI", "count_code": "812/2026",
                "partner_contact": {"name": "Maja", "email": "maja@kovac.si"}},
    "product_list": [{"mk_id": "1600550001", "count_code": "PA-5501", "code": "KAB-USB-C-2M",
                      "name": "USB-C kabel 2 m", "unit": "kos", "amount": "3", "price": "8.1967",
                      "price_with_tax": "10", "tax": "EX4"}],
    "sum_basic": "24.59", "sum_tax_ex4": "5.41", "sum_all": "30", "created_ts": "2026-03-02T08:14:09+02:00",
    "opr_time_no_lock_ms": "3", "fulfillment_user": "x",  # unknown extras are ignored
}


def test_sales_order_example():
    doc = mapping.sales_document(ORDER)
    assert doc.mk_id == "400000012345" and doc.doc_type == "sales_order"
    assert doc.doc_date == date(2026, 3, 2)
    assert doc.status_code == "Pripravljen za odpremo" and doc.status_desc == "ready_to_ship"
    assert doc.partner.name == "Kovač d.o.o." and doc.partner.business_entity is True
    assert doc.partner.foreign is False and doc.partner.contact.email == "maja@kovac.si"
    line = doc.lines[0]
    assert (line.amount, line.price, line.price_with_tax) == (Decimal(3), Decimal("8.1967"), Decimal(10))
    assert doc.sum_tax == (TaxSum("EX4", Decimal("5.41")),)
    assert doc.sum_all == Decimal(30) and doc.sum_paid == 0 and doc.open_balance == Decimal(30)
    assert doc.created_ts.hour == 8 and doc.created_ts.tzinfo is not None
    assert doc.payments == () and doc.links == ()


def test_bill_with_slovenian_payment_amounts():
    bill = {
        "mk_id": "1", "count_code": "1-MK-1406", "doc_date": "2026-01-15+02:00", "duo_payment": "2026-01-30+02:00",
        "sum_all": "3790.02", "sum_paid": "3.790,02", "last_paid_date": "20.01.2026",
        "mark_paid": [{"payment_type": "Transakcijski račun", "date": "16.01.2026", "amount": "1.895,01"},
                      {"payment_type": "Transakcijski račun", "date": "20.01.2026", "amount": "1.895,01"}],
        "doc_link_list": {"mk_id": "9", "count_code": "PP-1", "doc_type": "sales_order"},
        "publish_ts": "2026-01-15T10:00:00+02:00",
    }
    doc = mapping.sales_document(bill, "sales_bill_domestic")
    assert doc.doc_type == "sales_bill_domestic"  # set from the request when the result lacks it (§7 18a)
    assert doc.due_date == date(2026, 1, 30) and doc.last_paid_date == date(2026, 1, 20)
    assert [p.amount for p in doc.payments] == [Decimal("1895.01")] * 2
    assert sum(p.amount for p in doc.payments) == doc.sum_paid == Decimal("3790.02")
    assert doc.open_balance == 0 and doc.is_paid
    assert doc.links[0].doc_type == "sales_order"  # single object → tuple of one


def test_result_doc_type_wins_over_the_request():
    assert mapping.sales_document({**ORDER, "doc_type": "sales_order"}, "sales_offer").doc_type == "sales_order"


def test_document_without_any_doc_type_or_id_is_an_error():
    with pytest.raises(WireFormatError):
        mapping.sales_document({"mk_id": "1"})
    with pytest.raises(WireFormatError):
        mapping.sales_document({"doc_type": "sales_order"})
    with pytest.raises(WireFormatError):
        mapping.sales_document({**ORDER, "sum_all": "thirty"})
    with pytest.raises(WireFormatError):
        mapping.sales_document({**ORDER, "product_list": ["not an object"]})
    with pytest.raises(WireFormatError):
        mapping.sales_document("not a dict")  # type: ignore[arg-type]


def test_text_only_line_and_extras():
    doc = mapping.sales_document({**ORDER, "product_list": [{"name": "Opomba", "amount": "0"}],
                                  "extra_column": [{"name": "tracking_url", "value": "https://t/1"}],
                                  "offer_list": {"count_code": "PP1_288"}})
    assert doc.lines[0].is_text_only
    assert doc.extra_value("tracking_url") == "https://t/1" and doc.extra_value("ip") is None
    assert doc.offer_codes == ("PP1_288",)


PARTNER = {
    "mk_id": "400071680001", "count_code": "812/2026", "customer": "Kovač d.o.o.", "business_entity": "true",
    "taxpayer": "true", "foreign_county": "false", "tax_id_number": "SI12345678", "buyer": "true",
    "supplier": "false",
    "partner_contact_list": [{"mk_id": "400071680003", "mk_address_id": "400082840001",
                              "contact_address": "Tržaška cesta 12", "name": "Maja Kovač", "email": "maja@kovac.si",
                              "gsm": "041 555 123"}],
    "partner_delivery_address_list": {"mk_id": "400082840001", "address_type": "Račun", "street": "Tržaška 12",
                                      "post_number": "1000", "city": "Ljubljana", "country": "Slovenija",
                                      "payment_due_days": "15", "provice": "Osrednjeslovenska"},
    "discounts": [{"categories": "A,B", "discount_percent": "5,5", "override_existing": "false"}],
}


def test_partner_example():
    partner = mapping.partner(PARTNER)
    assert partner.name == "Kovač d.o.o." and partner.buyer is True and partner.supplier is False
    assert partner.contacts[0].email == "maja@kovac.si" and partner.emails == ("maja@kovac.si",)
    address = partner.billing_address
    assert address.is_billing and address.payment_due_days == 15 and address.province == "Osrednjeslovenska"
    assert partner.discounts[0].categories == ("A", "B") and partner.discounts[0].discount_percent == Decimal("5.5")


def test_product_with_single_object_pricelist_and_comma_values():
    product = mapping.product({
        "mk_id": "1600550001", "count_code": "PA-5501", "code": "KAB-USB-C-2M", "name": "USB-C kabel 2 m",
        "unit": "kos", "activated": "true", "weight": "0,06", "amount": "863,75",
        "amount_detail": {"warehouse_mark": "glavno", "warehouse_name": "Glavno", "amount": "863,75"},
        "pricelist": {"count_code": "1", "title": "MPC 2026", "sales_purchase": "sales", "currency_code": "EUR",
                      "valid_from": "2026-01-01+02:00",
                      "price_def": {"tax": "EX4", "tax_desc": "22", "price": "171,31", "tax_factor": "0.22"}},
        "localization": {"language": "en", "name": "USB-C cable"},
    })
    assert product.active is True and product.weight == Decimal("0.06")
    assert product.stock_amount == Decimal("863.75") and product.stock[0].amount == Decimal("863.75")
    price = product.sales_price()
    assert price.price == Decimal("171.31") and price.tax_factor == Decimal("0.22")
    assert price.valid_from == date(2026, 1, 1)
    assert product.sales_price("VP") is None


def test_pricelist_without_price_def_keeps_the_entry():
    product = mapping.product({"mk_id": "1", "pricelist": [{"count_code": "1"}, {"count_code": "VP",
                              "price_def": [{"price": "1"}, {"price": "0,9", "amount_from": "10"}]}]})
    assert [(e.pricelist_code, e.price) for e in product.prices] == [("1", None), ("VP", Decimal(1)),
                                                                      ("VP", Decimal("0.9"))]


def test_warehouse_and_stock_row():
    wh = mapping.warehouse({"mk_id": "1600000311", "mark": "glavno", "name": "Glavno", "main_warehouse": "true"})
    assert wh.main is True and wh.country is None
    row = mapping.stock_row({"warehouse_id": "1600000311", "mk_id": "1600550001", "amount": "-2",
                             "reserved_amount": "0", "free_amount": "-2"})
    assert row.amount == Decimal(-2) and row.free_amount == Decimal(-2)
    with pytest.raises(WireFormatError):
        mapping.stock_row({"mk_id": "1"})


def test_discovery_answer():
    answer = {"opr_code": "0", "sales_order": [{"type": "last_change_from", "label": "Zadnja sprememba od"}],
              "complaint": {"type": "last_change_to"}}
    kinds = mapping.query_filter_types(answer)
    assert {(k.doc_type, k.type) for k in kinds} == {("sales_order", "last_change_from"),
                                                      ("complaint", "last_change_to")}
    assert [k.type for k in mapping.query_filter_types(answer, "complaint")] == ["last_change_to"]


def test_document_ref():
    ref = mapping.document_ref({"mk_id": "1", "count_code": "X", "opr_code": "0"}, "sales_offer")
    assert ref.doc_type == "sales_offer" and ref.count_code == "X"


@given(st.dictionaries(st.sampled_from(["sum_all", "sum_paid", "doc_date", "status_code", "created_ts",
                                        "product_list", "partner", "mark_paid", "sum_tax_ex4"]),
                       st.one_of(st.none(), st.text(max_size=12), st.integers(), st.booleans(),
                                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                    st.text(max_size=3), max_size=2))))
def test_hostile_documents_give_a_typed_error_or_a_document(extra):
    try:
        doc = mapping.sales_document({"mk_id": "1", "doc_type": "sales_order", **extra})
    except WireFormatError:
        return
    assert doc.mk_id == "1"
    assert doc.sum_all is None or isinstance(doc.sum_all, Decimal)
    assert doc.created_ts is None or isinstance(doc.created_ts, datetime)


def test_timestamps_stay_aware():
    doc = mapping.sales_document({**ORDER, "created_ts": "2026-07-01T12:00:00+02:00"})
    assert doc.created_ts == datetime(2026, 7, 1, 10, 0, tzinfo=timezone.utc)
