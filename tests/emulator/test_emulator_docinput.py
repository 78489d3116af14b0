"""Emulator request → model: countries, partner references and inline partners, lines (taxes, prices,
discounts, text lines, catalogue prices), mark_paid."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdesk.emulator import docinput
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.envelope import ApiError, Ctx

from .conftest import config, hand_store


@pytest.fixture
def ctx() -> Ctx:
    return Ctx(store=hand_store(), config=config())


def test_countries():
    assert docinput.country("SI") == ("SI", "Slovenia", "Slovenija")
    assert docinput.country("croatia")[0] == "HR" and docinput.country("Hrvaška")[0] == "HR"
    assert docinput.country("Narnia") == ("", "Narnia", "Narnia")


def test_reference_snapshot(ctx):
    snap = docinput.resolve_partner(ctx, {"mk_id": "400071680001", "mk_address_id": "400082840001"})
    assert (snap.customer, snap.place, snap.country, snap.contact_email) == (
        "Kovač d.o.o.", "Ljubljana", "Slovenia", "maja@kovac.si")


def test_inline_partner_is_stored(ctx):
    snap = docinput.resolve_partner(ctx, {"customer": "Nova", "street": "Pot", "street_number": "3",
                                          "country": "Austria", "place": "Graz"})  # fmt: skip
    partner = ctx.store.partners[snap.mk_id]
    assert partner.foreign and partner.addresses[0].street == "Pot 3" and partner.addresses[0].country == "Avstrija"
    assert snap.country == "Austria" and snap.country_iso2 == "AT"


def test_lines(ctx):
    gross = docinput.build_line(ctx, {"code": "KAB-USB-C-2M", "amount": "2", "price_with_tax": "12,20"})
    assert gross.entered_gross and gross.price == Decimal("10.0000000000") and gross.tax == "EX4"
    catalogue = docinput.build_line(ctx, {"count_code": "PA-2"})
    assert catalogue.code == "KNJIGA-1" and catalogue.entered_gross and catalogue.amount == 1
    text = docinput.build_line(ctx, {"name": "Opomba", "doc_desc": "Hvala"})
    assert text.product_id is None and text.tax is None
    with pytest.raises(ApiError) as bad_tax:
        docinput.build_line(ctx, {"code": "KNJIGA-1", "tax": "EX9"})
    assert bad_tax.value.code == "6"
    with pytest.raises(ApiError) as only_id:
        docinput.build_line(ctx, {"mk_id": "1600550001"})
    assert only_id.value.code == "8"
    with pytest.raises(ApiError):
        docinput.build_line(ctx, {"code": "KNJIGA-1", "amount": "two"})


def test_mark_paid(ctx):
    assert docinput.mark_paid(ctx, None, Decimal(10)) is None
    assert docinput.mark_paid(ctx, [], Decimal(10)) is None
    assert docinput.mark_paid(ctx, [{"amount": "0,00"}], Decimal(10)) == []
    [payment] = docinput.mark_paid(ctx, {"date": "2026-03-01+02:00"}, Decimal(10))  # single object accepted
    assert payment.amount == 10 and payment.date.day == 1 and payment.payment_type == "Transakcijski račun"


def test_config_type_is_the_emulator_config(ctx):
    assert isinstance(ctx.config, EmulatorConfig)
