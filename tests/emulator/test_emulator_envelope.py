"""Emulator envelope: success/error envelopes, opr_desc_app for product errors, bare add_partner answers,
authentication and doc_type validation."""

from __future__ import annotations

import json

import pytest

from mkdesk.emulator.config import Switches
from mkdesk.emulator.envelope import ApiError, Bare, authenticate, doc_type_of, render

from .conftest import config, hand_store


def test_success_envelope_order_and_strings():
    data = json.loads(render({"mk_id": "1"}, 12, 3))
    assert list(data) == ["opr_code", "opr_time_ms", "opr_time_no_lock_ms", "mk_id"]
    assert data["opr_code"] == "0" and data["opr_time_ms"] == "12" and data["opr_time_no_lock_ms"] == "3"


def test_error_envelopes():
    plain = json.loads(render(ApiError("6", "Nope", partner={"mk_id": "1"}).payload(), 1, 1))
    assert (plain["opr_code"], plain["opr_desc"], plain["partner"]) == ("6", "Nope", {"mk_id": "1"})
    app = ApiError("2", "Product says no", app=True).payload()
    assert app == {"opr_code": "2", "opr_code_app": "2", "opr_desc_app": "Product says no"}


def test_bare_payload_has_no_opr_code():
    assert json.loads(render(Bare(mk_id="5"), 1, 1)) == {"mk_id": "5"}


def test_authenticate():
    store = hand_store()
    assert authenticate(store, config(), {"company_id": "4711", "secret_key": store.secret_key}) is None
    assert authenticate(store, config(), {"company_id": 4711, "secret_key": store.secret_key}) is None
    denied = authenticate(store, config(switches=Switches(auth_error_code="9")), {"company_id": "4711"})
    assert denied is not None and denied.code == "9"


def test_doc_type_of():
    assert doc_type_of({"doc_type": "sales_order"}) == "sales_order"
    assert doc_type_of({"doc_type": "purchase_order"}) == "purchase_order"
    with pytest.raises(ApiError, match="Unknown document type : sales_bill$"):
        doc_type_of({"doc_type": "sales_bill"})
    with pytest.raises(ApiError, match="Unknown document type : $"):
        doc_type_of({})
    with pytest.raises(ApiError, match="not supported"):
        doc_type_of({"doc_type": "sales_offer"}, ("sales_order",))
