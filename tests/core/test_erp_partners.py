"""Tests for mkdesk.core.erp.partners: one search key per call, "no match" as [], exact e-mail matching."""

from __future__ import annotations

import pytest

from mkdesk.core.erp import PartnerData
from tests.core.erp_fakes import run_with

NO_MATCH = {"opr_code": "2", "opr_desc": "No partner with such properties."}


def _partner(mk_id, email):
    return {"mk_id": mk_id, "customer": mk_id, "partner_contact_list": [{"mk_id": "c" + mk_id, "email": email}]}


def test_get_partner_keys_and_exact_email():
    answer = {"opr_code": "0", "partner_list_count": "2",
              "partner_list": [_partner("1", "Ana@Firma.si"), _partner("2", "ana@firma.si.example")]}
    found, script = run_with({"get_partner": answer}, lambda c: c.get_partner("email", "ana@firma.si"))
    assert [p.mk_id for p in found] == ["1"]
    assert script.bodies("get_partner")[0]["partner_email"] == "ana@firma.si"


def test_no_match_is_empty():
    found, _ = run_with({"get_partner": NO_MATCH}, lambda c: c.get_partner("tax", "SI1"))
    assert found == []


def test_bad_key():
    with pytest.raises(ValueError):
        run_with({}, lambda c: c.get_partner("city", "x"))  # type: ignore[arg-type]


def test_add_partner_without_opr_code():
    answer = {"mk_id": "400071680099", "mk_contact_id": "400093000099",
              "mk_address_id_list": {"mk_id": "400082840099", "street": "Cesta 1"}}
    result, script = run_with({"add_partner": answer}, lambda c: c.add_partner(
        PartnerData(name="N", street="Cesta 1", post_number="1000", place="LJ", country="SI")))
    assert result.mk_id == "400071680099" and result.address_ids == ("400082840099",)
    assert script.bodies("add_partner")[0]["partner"]["customer"] == "N"


def test_update_partner_body():
    answer = {"opr_code": "0", "partner_list": [_partner("1", "x@y.si")]}
    result, script = run_with({"update_partner": answer}, lambda c: c.update_partner(
        "1", customer="Novo ime", contacts=[{"mk_address_id": "a1", "name": "Nov"}]))
    body = script.bodies("update_partner")[0]["partner"]
    assert body == {"mk_id": "1", "customer": "Novo ime", "partner_contact_list": [{"mk_address_id": "a1",
                                                                                    "name": "Nov"}]}
    assert result.mk_id == "1"
