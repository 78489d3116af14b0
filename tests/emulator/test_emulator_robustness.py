"""Emulator robustness: valid requests with one field replaced by an odd JSON value never crash a handler
(every answer is an HTTP 200 envelope, and the internal-error safety net never fires). `report` is left out
(each PDF takes ~50 ms); its parameters are covered in test_emulator_h_misc."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import JSON, V1, hand_store, in_process

REF = {"mk_id": "400071680001", "mk_address_id": "400082840001"}
LINES = [{"code": "KAB-USB-C-2M", "amount": "2", "price_with_tax": "10.00", "tax_factor": "0.22", "discount": "5"}]
TEMPLATES: list[tuple[str, dict[str, Any]]] = [
    (V1 + "put_document", {"doc_type": "sales_order", "doc_date": "02.03.2026", "partner": REF, "product_list": LINES,
                           "mark_paid": [{"amount": "1", "date": "02.03.2026", "payment_type": "Gotovina"}],
                           "warehouse": "MP", "discount_value": "1", "status_code": "new_order", "buyer_order": "B",
                           "delivery_deadline": "05.03.2026", "offer_list": [{"count_code": "X"}]}),
    (V1 + "put_document", {"doc_type": "sales_bill_domestic", "doc_date": "02.03.2026",
                           "partner": {"customer": "A", "street": "B", "country": "SI",
                                       "partner_contact": {"email": "a@b"}},
                           "product_list": [{"code": "NEWX", "unit": "kos", "tax": "EX4", "amount": "1"}]}),
    (V1 + "update_document", {"doc_type": "sales_order", "mk_id": "400000010001", "notes": "x",
                              "product_add": [{"code": "KNJIGA-1"}], "product_remove": [{"code": "KAB-USB-C-2M"}],
                              "clear": ["notes"], "product_list": [{"mk_row_id": "228000000001", "amount": "3"}],
                              "partner": REF, "status_code": "shipped", "shipped_date": "02.03.2026"}),
    (V1 + "change_document_status", {"doc_type": "sales_order", "mk_id_list": ["400000010001"], "status_code": "shipped"}),
    (V1 + "mark_orders_as_shipped", {"country": "SI", "status_code": "new_order"}),
    (V1 + "put_transaction", {"doc_type": "bill", "mk_id": "400001000002", "price": "1", "payment_type": "Gotovina",
                              "date": "02.03.2026", "payment_mode": "return"}),
    (V1 + "get_partner", {"partner_email": "kovac"}),
    (V1 + "add_partner", {"partner": {"customer": "A", "street": "B", "post_number": "1", "place": "P", "country": "SI",
                                      "partner_contact": {"name": "x"}, "partner_delivery_address": {"street": "S"}}}),
    (V1 + "update_partner", {"partner": {"mk_id": "400071680001", "customer": "Q",
                                         "partner_contact_list": [{"mk_address_id": "400082840001", "name": "n"}],
                                         "partner_delivery_address_list": [{"mk_id": "400082840001", "city": "c"}]}}),
    (V1 + "search", {"doc_type": "sales_order", "result_type": "doc", "limit": "10", "offset": "0", "query": "k",
                     "query_advance": [{"type": "status_list", "value": "new_order"},
                                       {"type": "last_change_from", "value": "2026-01-01T00:00:00+02:00"}]}),
    (V1 + "get_document", {"doc_type": "sales_bill_domestic", "doc_id": "400001000001", "show_payment_detail": True}),
    (V1 + "delete_document", {"doc_type": "sales_order", "mk_id": "400000010002"}),
    (JSON + "product_list", {"code": "KAB", "search_with_like": True, "return_pricelist": True, "limit": "10",
                             "return_warehause_stock": True}),
    (JSON + "product_add", {"code": "N1", "name": "n", "unit": "kos", "weight": "0,5",
                            "categories": [{"category": ["A", "B"]}],
                            "pricelist": [{"count_code": "1", "price_def": [{"price_with_tax": "1", "tax": "EX4"}]}]}),
    (JSON + "product_update", {"mk_id": "1600550003", "name": "n", "barcode": "$REMOVE_STRING_VALUE$"}),
    (JSON + "warehouse_stock", {"wh_id_list": "1600000301", "product_code_list": ["KAB-USB-C-2M"]}),
]  # fmt: skip
ODD = [None, "", "x", 5, -1.5, True, [], [None], {}, {"a": 1}, "99999999999999999999", "31.02.2026"]


def _paths(obj: Any, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        yield from _paths(value, (*prefix, key))


def _set(obj: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


@pytest.mark.parametrize(("path", "template"), TEMPLATES, ids=[f"{p.rsplit('/', 1)[1]}-{i}" for i, (p, _) in
                                                               enumerate(TEMPLATES)])  # fmt: skip
def test_odd_values_never_crash(path, template, caplog):
    api = in_process(hand_store())
    assert api.raw(path, **template).status_code == 200
    with caplog.at_level(logging.ERROR, logger="mkdesk.emulator.app"):
        for field in list(_paths(template))[1:]:
            for value in ODD:
                body = copy.deepcopy(template)
                _set(body, field, value)
                response = api.raw(path, **body)
                assert response.status_code == 200, (field, value)
                if response.headers["content-type"].startswith("application/json"):
                    assert response.json().get("opr_desc") != "Internal server error." or path.endswith(
                        "delete_document"), (field, value)
    assert not [r for r in caplog.records if r.name == "mkdesk.emulator.app"]
