"""build_context over the mail corpus (tests/data/mail_corpus) and a real synced cache with hand-made customers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mkdesk.core.context import build_context
from mkdesk.core.context.builder import requested
from mkdesk.core.mail.parse import parse_message
from tests.core.context_world import OWN, TODAY, corpus, partner_id, world_cache, world_db  # noqa: F401


def context_of(db, name: str, **kw):
    message = parse_message(corpus(name))
    kw.setdefault("own_domains", OWN)
    return db.read_sync(lambda conn: build_context(conn, message, today=TODAY, **kw))


def test_order_status_question_gets_partner_order_invoices_and_stock(world_db):
    c = context_of(world_db, "01_order_status_sl.eml")
    assert c.partner.name == "Elektro Novak d.o.o." and c.partner.method == "contact_email"
    assert "Ana Novak" in c.partner.reason and c.partner.confidence >= 0.9
    assert c.card.tax_id_number == "SI91234567" and c.card.contact_name == "Ana Novak"
    assert (c.card.street, c.card.post_number, c.card.city) == ("Celovška cesta 150", "1000", "Ljubljana")
    assert [d.count_code for d in c.entities.documents] == ["PP-2026-90001"]
    assert [o.count_code for o in c.open_orders] == ["PP-2026-90001"]
    assert c.open_orders[0].status == "V obdelavi"
    assert [o.count_code for o in c.pending_offers] == ["PON-2026-90003"]  # the accepted one is not pending
    overdue, current = c.unpaid_invoices
    assert (overdue.count_code, overdue.days_overdue, overdue.open_balance) == ("1-MK-2026-9001", 41,
                                                                               Decimal("1020.00"))
    assert overdue.open_balance == overdue.sum_all - overdue.sum_paid
    assert (current.count_code, current.days_overdue) == ("1-MK-2026-9002", 0)
    (balance,) = c.balances
    assert (balance.open_balance, balance.overdue_balance, balance.overdue_count) == (Decimal("1520.00"),
                                                                                      Decimal("1020.00"), 1)
    (washer,) = c.entities.products
    assert (washer.code, washer.quantity, washer.how) == ("PS-WTV8636XS", Decimal("2"), "name")
    (stock,) = c.stock
    assert stock.code == "PS-WTV8636XS" and stock.requested == Decimal("2") and stock.enough
    assert [w.warehouse_mk_id for w in stock.warehouses][0] == "1600000301"  # main warehouse first
    assert stock.free == Decimal("7") and stock.reserved == Decimal("2")
    assert c.segment.code == "regular" and not c.segment.dormant
    assert c.recent_purchases[0].code == "PS-WTV8636XS" and c.recent_purchases[0].quantity == Decimal("4")
    blocks = {f.block: f for f in c.freshness}
    assert set(blocks) == {"partner", "orders", "offers", "invoices", "purchases", "stock"}
    assert blocks["orders"].last_success is not None
    assert requested(c.entities) == {washer.product_id: Decimal("2")}


def test_shared_domain_offers_both_partners_for_a_picker(world_db):
    c = context_of(world_db, "02_shared_domain.eml")
    assert c.partner is None and c.needs_choice
    assert {m.name for m in c.candidates} == {"Kovač trgovina d.o.o.", "Kovač servis d.o.o."}
    assert all(m.method == "domain" and "skupina-kovac.si" in m.reason for m in c.candidates)
    assert c.card is None and c.open_orders == () and c.segment is None
    (dryer,) = c.entities.products  # "3 sušilne stroje Beko DS8433RX"
    assert dryer.code == "SS-DS8433RX" and dryer.quantity == Decimal("3")
    assert c.stock[0].free == Decimal("3") and c.stock[0].enough  # 0 + 1 + 2 free for 3 wanted


def test_choice_for_the_shared_domain_address_is_remembered(world_db):
    from mkdesk.core.context import choose_sender

    servis = partner_id(world_db, "kovac_servis")
    changes = world_db.write_sync(choose_sender, "INFO@skupina-kovac.si", servis)
    assert changes.touches("mail_links")
    c = context_of(world_db, "02_shared_domain.eml")
    assert c.partner.name == "Kovač servis d.o.o." and c.partner.method == "choice"
    assert not c.needs_choice and len(c.candidates) == 2
    assert c.unpaid_invoices[0].count_code == "1-MK-2026-9011"


def test_unknown_free_mail_sender_matches_nobody_by_domain(world_db):
    c = context_of(world_db, "03_freemail_unknown.eml")
    assert c.partner is None and c.candidates == ()
    assert c.entities.products[0].code == "SE-DYSONV15"  # the product still shows its stock
    assert c.stock[0].free == Decimal("15")


def test_known_person_on_gmail_matches_by_exact_address_only(world_db):
    c = context_of(world_db, "04_freemail_known.eml")
    assert c.partner.name == "Janez Horvat" and c.partner.method == "partner_email"
    assert len(c.candidates) == 1  # not every gmail.com partner of the synced company
    assert c.segment.code == "first_time"


@pytest.mark.parametrize("name, partner, contact", [
    ("05_forwarded.eml", "Elektro Novak d.o.o.", "Bojan Zupan"),
    ("06_forwarded_outlook.eml", "Kovač servis d.o.o.", "Mojca Kovač"),
])
def test_mail_forwarded_by_the_rep_is_matched_by_its_original_sender(world_db, name, partner, contact):
    c = context_of(world_db, name)
    assert c.forwarded and c.partner.name == partner and c.partner.contact_name == contact
    assert c.card.contact_name == contact
    assert any(p.code == "HL-RCNA406" for p in c.entities.products)


def test_without_own_domains_a_forward_is_the_forwarders(world_db):
    c = context_of(world_db, "05_forwarded.eml", own_domains=frozenset())
    assert not c.forwarded and c.sender == "prodaja@mojafirma.si" and c.partner is None


def test_quoted_mail_of_another_customer_decides_nothing(world_db):
    c = context_of(world_db, "07_reply_quotes_other.eml")
    assert c.partner.name == "Kovač servis d.o.o."
    assert [d.count_code for d in c.entities.documents] == ["1-MK-2026-9011"]  # not Novak's PP-2026-90001
    assert c.entities.products == ()  # the washers were the other customer's question


def test_inflected_product_names_of_a_prospect(world_db):
    c = context_of(world_db, "08_inflected_prospect.eml")
    assert c.partner.name == "Nova Optika d.o.o." and c.partner.method == "domain"
    assert c.segment.code == "new" and c.open_orders == () and c.unpaid_invoices == ()
    found = {p.code: p for p in c.entities.products}
    assert set(found) == {"TC-ALTH8", "SE-DYSONV15"}
    assert found["TC-ALTH8"].text == "toplotno črpalko"
    assert found["SE-DYSONV15"].quantity == Decimal("3")


def test_document_number_in_the_subject_names_the_partner_of_an_unknown_sender(world_db):
    c = context_of(world_db, "09_document_in_subject.eml")
    assert c.partner.name == "Elektro Novak d.o.o." and c.partner.method == "document"
    assert "1-MK-2026-9001" in c.partner.reason and c.partner.confidence < 0.9
    assert c.unpaid_invoices[0].count_code == "1-MK-2026-9001"


def test_newsletter_matches_nobody_and_nothing(world_db):
    c = context_of(world_db, "10_newsletter.eml")
    assert c.partner is None and c.candidates == ()
    assert c.entities.documents == () and c.entities.products == () and c.entities.unknown_numbers == ()
    assert c.stock == () and c.freshness == ()


def test_english_codes_quantities_and_a_loyal_customer(world_db):
    c = context_of(world_db, "11_english_codes.eml")
    assert c.partner.name == "Gradnje Medved d.o.o."
    found = {p.code: (p.quantity, p.unit) for p in c.entities.products}
    assert found == {"SS-DS8433RX": (Decimal("10"), "pcs"), "HL-RCNA406": (Decimal("5"), "x")}
    (order,) = c.entities.documents
    assert order.field == "buyer_order" and order.count_code == "PP-2025-90030"
    assert c.segment.code == "loyal" and c.segment.purchases_12m == 7
    assert {s.code: s.enough for s in c.stock} == {"SS-DS8433RX": False, "HL-RCNA406": True}


def test_dormant_customer_gets_the_90_day_warning(world_db):
    c = context_of(world_db, "12_dormant.eml")
    assert c.segment.code == "regular" and c.segment.dormant and c.segment.days_since_last == 200
    assert "200 days" in c.segment.reason


def test_buyer_order_reference_offer_and_unknown_number(world_db):
    c = context_of(world_db, "13_buyer_order.eml")
    docs = {d.count_code: d for d in c.entities.documents}
    assert docs["PP-2026-90001"].field == "buyer_order" and docs["PP-2026-90001"].text == "NAR-EN-4471"
    assert "PON-2026-90003" in docs
    assert c.entities.unknown_numbers == ("PP-2026-99999",)
    (washer,) = c.entities.products
    assert washer.code == "PS-WTV8636XS" and washer.quantity == Decimal("1")


def test_a_colleague_on_the_own_domain_is_nobody(world_db):
    c = context_of(world_db, "14_own_domain.eml")
    assert c.partner is None and c.candidates == ()


def test_stored_message_by_id_and_missing_id(world_db):
    from mkdesk.core.mail.store import NewMessage, add_messages, ensure_account, ensure_folder

    def store(conn):
        folder = ensure_folder(conn, ensure_account(conn, "Imported", "import"), "corpus")
        return add_messages(conn, folder, [NewMessage(raw=corpus("01_order_status_sl.eml"))]).added_ids[0]

    message_id = world_db.write_sync(store)
    c = world_db.read_sync(lambda conn: build_context(conn, message_id, today=TODAY, own_domains=OWN))
    assert c.message_id == message_id and c.partner.name == "Elektro Novak d.o.o."
    with pytest.raises(LookupError, match="no message with id 999999"):
        world_db.read_sync(lambda conn: build_context(conn, 999999, today=TODAY))


def test_prepare_builds_the_indexes_ahead(world_db):
    from mkdesk.core.context.builder import prepare
    from mkdesk.core.context.names import catalogue

    world_db.read_sync(prepare)
    first = world_db.read_sync(catalogue)
    context_of(world_db, "01_order_status_sl.eml")
    assert world_db.read_sync(catalogue) is first


def test_a_huge_body_is_read_from_the_top_and_quickly(world_db):
    import time
    from types import SimpleNamespace

    body = "Pozdravljeni, 2 pralna stroja Beko WTV8636XS prosim.\n" + "bla bla hladilnik pralni stroj\n" * 40_000
    message = SimpleNamespace(from_addr="ana.novak@elektro-novak.si", from_name="Ana", subject="Vprašanje",
                              body_text=body)
    world_db.read_sync(lambda conn: build_context(conn, message, today=TODAY))  # warm
    started = time.perf_counter()
    c = world_db.read_sync(lambda conn: build_context(conn, message, today=TODAY))
    assert time.perf_counter() - started < 2.0  # scanning all 1.2 MB word by word took seconds
    assert [(p.code, p.quantity) for p in c.entities.products] == [("PS-WTV8636XS", Decimal("2"))]


def test_a_document_the_sender_mentions_picks_among_partners_sharing_a_domain(world_db):
    from types import SimpleNamespace

    message = SimpleNamespace(from_addr="racunovodstvo@skupina-kovac.si", from_name="", subject="Plačilo",
                              body_text="Račun 1-MK-2026-9011 bomo plačali v petek.")
    c = world_db.read_sync(lambda conn: build_context(conn, message, today=TODAY, own_domains=OWN))
    assert c.partner.name == "Kovač servis d.o.o." and c.partner.method == "domain"
    assert c.partner.confidence == 0.75 and "mentions 1-MK-2026-9011 of Kovač servis" in c.partner.reason
    assert [m.name for m in c.candidates] == ["Kovač servis d.o.o.", "Kovač trgovina d.o.o."]
    assert not c.needs_choice and c.entities.documents[0].confidence == 0.95


def test_the_reps_own_reply_is_about_its_recipient(world_db):
    c = context_of(world_db, "15_outgoing_reply.eml")
    assert c.outgoing and not c.forwarded and c.sender == "ana.novak@elektro-novak.si"
    assert c.partner.name == "Elektro Novak d.o.o." and c.partner.reason_code == "contact_email_to"
    assert c.partner.reason == "You wrote to Ana Novak, a contact person of Elektro Novak d.o.o."
    assert [d.count_code for d in c.entities.documents] == ["PP-2026-90001"]
    assert not context_of(world_db, "15_outgoing_reply.eml", own_domains=frozenset()).outgoing
