"""Entities in a mail over a real cache: document numbers and buyer orders, product codes and models, quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdesk.core.context.entities import extract_entities, find_documents, quantity_near, shape
from tests.core.context_world import PARTNERS, world_cache, world_db  # noqa: F401


def entities(db, subject, text, quoted="", partner=None):
    return db.read_sync(lambda conn: extract_entities(conn, subject, text, quoted, partner_mk_id=partner))


@pytest.mark.parametrize("text, qty, unit", [
    ("PS-1 3 kos", "3", "kos"), ("PS-1 - 3 kosov", "3", "kosov"), ("PS-1, 10 pcs", "10", "pcs"), ("PS-1 x 4", "4", "x"),
    ("PS-1 (2 komada)", "2", "komada"), ("5x PS-1", "5", "x"), ("10 pcs of PS-1", "10", "pcs"), ("2 PS-1", "2", None),
    ("1,5 kos PS-1", "1.5", "kos"), ("PS-1 qty: 7", "7", "x"), ("2 kos. PS-1", "2", "kos"),
    ("PS-1), 3 kos", "3", "kos"),
])
def test_quantities_next_to_a_mention(text, qty, unit):
    start = text.index("PS-1")
    assert quantity_near(text, start, start + 4) == (Decimal(qty), unit)


@pytest.mark.parametrize("text", ["PS-1 je na zalogi?", "Dne 2026-03-02 PS-1", "PS-1.", "tel. 041 555 123 PS-1"])
def test_no_quantity_when_none_is_written(text):
    start = text.index("PS-1")
    assert quantity_near(text, start, start + 4) == (None, None)


def test_shapes():
    assert shape("PP-2025-00225") == "PP-#-#" and shape("nar-2025/9253") == "NAR-#/#"


def test_document_numbers_and_buyer_orders_in_any_case(world_db):
    e = entities(world_db, "Re: pp-2026-90001", "Glede NAR-EN-4471 in 1-MK-2026-9002.")
    assert [(d.count_code, d.field) for d in e.documents] == [("PP-2026-90001", "count_code"),
                                                               ("1-MK-2026-9002", "count_code")]
    assert e.documents[0].status == "V obdelavi" and "order PP-2026-90001" in e.documents[0].reason


def test_numbers_in_the_cache_scheme_but_missing_are_unknown_others_ignored(world_db):
    e = entities(world_db, None, "PP-2026-99999, MAREC-2026-30, 2026-03-02, 041-555-123, PON-2031-00001")
    assert e.documents == () and e.unknown_numbers == ("PP-2026-99999", "PON-2031-00001")


def test_quoted_documents_count_only_for_the_senders_partner(world_db):
    quoted = "> naročilo PP-2026-90001 in račun 1-MK-2026-9011"
    novak = PARTNERS["novak"].mk_id
    e = entities(world_db, None, "Hvala.", quoted, partner=novak)
    assert [d.count_code for d in e.documents] == ["PP-2026-90001"] and "quoted" in e.documents[0].reason
    assert entities(world_db, None, "Hvala.", quoted).documents == ()


def test_another_partners_document_is_shown_less_surely(world_db):
    e = entities(world_db, None, "Račun 1-MK-2026-9011?", partner=PARTNERS["novak"].mk_id)
    (doc,) = e.documents
    assert doc.confidence == 0.5 and "not a document of the sender's partner" in doc.reason


def test_product_codes_any_case_and_model_numbers(world_db):
    e = entities(world_db, None, "Rabim ps-wtv8636xs 2 kos in model DS8433RX x 3. Pa še 4x HL-RCNA406.")
    found = {p.code: (p.quantity, p.how, p.confidence) for p in e.products}
    assert found == {"PS-WTV8636XS": (Decimal("2"), "code", 0.97), "SS-DS8433RX": (Decimal("3"), "code", 0.9),
                     "HL-RCNA406": (Decimal("4"), "code", 0.97)}
    assert e.unknown_numbers == ()


def test_product_code_and_name_of_one_product_give_one_mention(world_db):
    e = entities(world_db, None, "Pralni stroj Beko WTV8636XS (PS-WTV8636XS), 2 kos")
    (p,) = e.products
    assert p.code == "PS-WTV8636XS" and p.how == "code"


def test_a_product_named_surely_drops_its_look_alikes(world_db):
    def add(conn):
        from mkdesk.core.cache.upsert import upsert_products
        from mkdesk.core.models import Product

        upsert_products(conn, [Product(mk_id=f"98{i}", code=f"LP-900{i}", name=f"LED panel Lumix okrogel {w} W")
                               for i, w in ((1, 18), (2, 24))])

    world_db.write_sync(add)
    vague = entities(world_db, None, "Ali imate LED panel Lumix?")
    assert sorted(p.code for p in vague.products) == ["LP-9001", "LP-9002"] and vague.products[0].confidence == 0.5
    sure = entities(world_db, None, "LED panel Lumix (LP-9002), 3 kos")
    assert [(p.code, p.quantity) for p in sure.products] == [("LP-9002", Decimal("3"))]


def test_hostile_text_is_just_text(world_db):
    e = entities(world_db, '"NEAR( * ^', 'PP-"2026"-90001 OR 1=1; -- {count_code}: * ' + "x" * 10_000)
    assert e.documents == () and e.products == ()


def test_documents_helper_reports_unknown_only_outside_quotes(world_db):
    docs, unknown = world_db.read_sync(lambda conn: find_documents(conn, "PP-2026-99999", quoted=True))
    assert docs == [] and unknown == []
