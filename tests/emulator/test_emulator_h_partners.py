"""Emulator partners: get_partner by each field (no match = opr_code 2), add_partner without opr_code,
update_partner adding/updating contacts and addresses."""

from __future__ import annotations

import pytest

from mkdesk.emulator.config import Switches

from .conftest import Api, in_process

NO_MATCH = ("2", "No partner with such properties.")


def code_desc(answer):
    return answer["opr_code"], answer.get("opr_desc")


@pytest.mark.parametrize(
    ("field", "value", "count"),
    [("partner_id", "400071680002", 1), ("partner_name", "KOVAČ", 2), ("partner_name", "", 3),
     ("partner_tax_number", "12345678", 1), ("partner_tax_number", "SI12345678", 1), ("partner_email", "kovac.si", 1),
     ("partner_phone_number", "+386 31 222 333", 1)],
)
def test_get_partner_fields(api: Api, field, value, count):
    answer = api.v1("get_partner", **{field: value})
    assert answer["opr_code"] == "0" and answer["partner_list_count"] == str(count)
    assert len(answer["partner_list"]) == count


def test_get_partner_shape(api: Api):
    partner = api.v1("get_partner", partner_id="400071680001")["partner_list"][0]
    assert partner["foreign_county"] == "false" and partner["buyer"] == "true"
    assert partner["partner_contact_list"][0]["contact_address"] == "Ulica 1"
    address = partner["partner_delivery_address_list"][0]
    assert address["address_type"] == "Račun" and address["city"] == "Ljubljana" and address["payment_due_days"] == "15"
    assert "registration_number" not in partner  # absent, not empty


def test_get_partner_no_match_is_an_error(api: Api):
    for field, value in (("partner_id", "1"), ("partner_name", "zzz"), ("partner_email", "nobody@x"),
                         ("partner_tax_number", "999")):  # fmt: skip
        assert code_desc(api.v1("get_partner", **{field: value})) == NO_MATCH
    assert api.v1("get_partner")["opr_code"] == "2"


def test_get_partner_paging_is_a_switch(store):
    assert in_process(store).v1("get_partner", partner_name="", limit=1)["partner_list_count"] == "3"
    api = in_process(store, switches=Switches(partner_paging=True))
    page = api.v1("get_partner", partner_name="", limit=2, offset=1)
    assert [p["mk_id"] for p in page["partner_list"]] == ["400071680002", "400071680003"]


def test_add_partner_answers_without_opr_code(api: Api):
    answer = api.v1("add_partner", partner={
        "business_entity": "true", "taxpayer": "true", "tax_id_number": "SI11111111", "customer": "Nov d.o.o.",
        "street": "Glavna 1", "post_number": "2000", "place": "Maribor", "country": "Slovenia",
        "partner_contact": {"name": "Eva", "email": "eva@nov.si", "gsm": "040 111 222"},
        "partner_delivery_address": {"address_type": "Dobava", "street": "Skladiščna 2", "post_number": "2000",
                                     "city": "Maribor", "country": "SI"}})  # fmt: skip
    assert "opr_code" not in answer and set(answer) == {"mk_id", "mk_contact_id", "mk_address_id_list"}
    assert [a["street"] for a in answer["mk_address_id_list"]] == ["Glavna 1", "Skladiščna 2"]
    partner = api.v1("get_partner", partner_id=answer["mk_id"])["partner_list"][0]
    assert partner["count_code"] == "815/2026" and partner["partner_contact_list"][0]["mk_id"] == answer["mk_contact_id"]
    assert partner["partner_delivery_address_list"][0]["country"] == "Slovenija"
    missing = api.v1("add_partner", partner={"customer": "X"})
    assert missing["opr_code"] == "2"


def test_update_partner_adds_and_updates(api: Api):
    answer = api.v1("update_partner", partner={
        "mk_id": "400071680002", "customer": "Janez Novak ml.", "tax_id_number": "",
        "partner_contact_list": [{"mk_id": "400093000002", "email": "janez@novak.si"},
                                 {"mk_address_id": "400082840002", "name": "Mojca", "email": "mojca@novak.si"}],
        "partner_delivery_address_list": [{"street": "Vrtna 3", "post_number": "3000", "city": "Celje",
                                           "country": "SI"}]})  # fmt: skip
    assert answer["opr_code"] == "0" and answer["partner_list_count"] == "1"
    partner = answer["partner_list"][0]
    assert partner["customer"] == "Janez Novak ml." and "tax_id_number" not in partner
    emails = [c.get("email") for c in partner["partner_contact_list"]]
    assert emails == ["janez@novak.si", "mojca@novak.si"]
    assert [a["address_type"] for a in partner["partner_delivery_address_list"]] == ["Račun", "Dobava"]
    again = api.v1("update_partner", partner={"count_code": "813/2026", "partner_delivery_address_list": [
        {"mk_id": "400082840002", "city": "Kranj"}]})  # fmt: skip
    assert again["partner_list"][0]["partner_delivery_address_list"][0]["city"] == "Kranj"
    assert code_desc(api.v1("update_partner", partner={"mk_id": "1"})) == NO_MATCH
    orphan = api.v1("update_partner", partner={"mk_id": "400071680002", "partner_contact_list": [{"name": "X"}]})
    assert orphan["opr_desc"] == "Paramether mk_address_id must be set"
