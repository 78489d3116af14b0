"""Tests for mkdesk.core.erp.drafts: write requests built from dataclasses, strings on the wire."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mkdesk.core.erp import wire
from mkdesk.core.erp.drafts import (
    ContactDraft,
    DocumentDraft,
    LineDraft,
    PartnerData,
    PartnerRef,
    PriceDraft,
    ProductDraft,
)


def test_document_draft_on_the_wire():
    draft = DocumentDraft(
        doc_type="sales_order",
        doc_date=date(2026, 3, 2),
        partner=PartnerRef("400071680001", "400082840001"),
        lines=[LineDraft(code="KAB", amount=Decimal(2), price_with_tax=Decimal("10.00"), tax_factor=Decimal("0.22")),
               LineDraft(code="DOSTAVA", amount=Decimal(1), price=Decimal("4.0164"), tax="EX4",
                         discount=Decimal("10"))],
        buyer_order="WEB-88122",
        delivery_deadline=date(2026, 3, 9),
        change_log_note="mkdesk: " + "x" * 80,
        extra={"salesOrderTrackingType": "bill"},
    )
    body = wire.encode(draft.to_wire())
    assert body["doc_date"] == "02.03.2026" and body["delivery_deadline"] == "09.03.2026"
    assert body["partner"] == {"mk_id": "400071680001", "mk_address_id": "400082840001"}
    assert body["product_list"][0] == {"code": "KAB", "amount": "2", "price_with_tax": "10.00", "tax_factor": "0.22"}
    assert body["product_list"][1]["discount"] == "10" and "price_with_tax" not in body["product_list"][1]
    assert len(body["document_change_log_notes"]) == 50
    assert body["salesOrderTrackingType"] == "bill"
    assert "count_code" not in body and "notes" not in body  # empty fields are left out


def test_inline_partner_uses_wire_names():
    partner = PartnerData(name="Ana Novak", street="Cesta 1", post_number="1000", place="Ljubljana",
                          country="SI", foreign=False, contact=ContactDraft(email="ana@x.si"))
    body = wire.encode(partner.to_wire())
    assert body["customer"] == "Ana Novak" and body["foreign_county"] == "false"
    assert body["partner_contact"] == {"email": "ana@x.si"}
    assert "buyer" not in body
    register = wire.encode(partner.to_partner_wire())
    assert register["buyer"] == "true" and register["supplier"] == "false"


def test_line_with_both_prices_is_refused():
    with pytest.raises(ValueError):
        LineDraft(code="X", amount=Decimal(1), price=Decimal(1), price_with_tax=Decimal(1))


def test_product_draft():
    body = wire.encode(ProductDraft(code="A", name="B", unit="kos", active=True, weight=Decimal("0.5"),
                                    prices=[PriceDraft("1", tax="EX4", price_with_tax=Decimal("12.20"))]).to_wire())
    assert body == {"code": "A", "name": "B", "unit": "kos", "activated": "true", "weight": "0.5",
                    "pricelist": [{"count_code": "1", "price_def": [{"price_with_tax": "12.20", "tax": "EX4"}]}]}
    assert ProductDraft(name="only").to_wire() == {"name": "only"}
