"""Tests for the context pane's HTML: every section from a hand-made context (no cache needed), money and dates in
the locale, warnings, links that open records, unlink marks, and the page for a mail that matches nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocument

from mkdesk.core.context import (
    Balance,
    DocumentFact,
    DocumentMention,
    Entities,
    Freshness,
    HistoryItem,
    InvoiceFact,
    MessageContext,
    PartnerCard,
    ProductMention,
    PurchaseFact,
    Segment,
    SenderMatch,
    StockFact,
    WarehouseLevel,
)
from mkdesk.qt.mail.context_html import LIST_ROWS, ContextHtml

TODAY = date(2026, 3, 2)
MATCH = SenderMatch(7, "400071680007", "Kovač d.o.o.", "contact_email", 0.95, "The sender is a contact of Kovač.")


@pytest.fixture(autouse=True)
def english_locale():
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale.c())


def context(**changes):
    invoice = InvoiceFact(11, "MK11", "sales_bill_domestic", "1-MK-2026-0100", date(2026, 1, 2), date(2026, 1, 17),
                          Decimal("1234.50"), Decimal("0"), Decimal("1234.50"), "EUR", 44)
    order = DocumentFact(21, "MK21", "sales_order", "PP-2026-00042", date(2026, 2, 20), "V obdelavi", "in_progress",
                         "NAR-7/26", Decimal("99.90"), "EUR")
    offer = DocumentFact(31, "MK31", "sales_offer", "PON-2026-00009", date(2026, 1, 10), "Odprta", "open", None,
                         Decimal("10"), "EUR", valid_to=date(2026, 2, 1), expired=True)
    stock = StockFact(41, "MK41", "PS-1", "Pralni stroj LG", "kos",
                      (WarehouseLevel("W1", "GL", "Glavno", Decimal(3), Decimal(1), Decimal(2)),),
                      Decimal(2), Decimal(1), requested=Decimal(5))
    base = dict(
        message_id=1, sender="ana@kovac.si", forwarded=False, partner=MATCH, candidates=(MATCH,),
        card=PartnerCard(7, "400071680007", "Kovač d.o.o.", "7/2019", "SI123", "Ana Novak", "ana@kovac.si",
                         "01 234", "Cesta 1", "1000", "Ljubljana", "Slovenija"),
        open_orders=(order,), pending_offers=(offer,), unpaid_invoices=(invoice,),
        balances=(Balance("EUR", Decimal("1234.50"), Decimal("1234.50"), 1, 1, 44),),
        recent_purchases=(PurchaseFact(41, "MK41", "PS-1", "Pralni stroj LG", Decimal(3), "kos", 2,
                                       date(2026, 2, 1)),),
        stock=(stock,),
        segment=Segment("regular", 5, 3, date(2024, 1, 1), date(2025, 10, 1), 152, True, "5 purchases."),
        entities=Entities(documents=(DocumentMention("NAR-7/26", "buyer_order", 21, "MK21", "sales_order",
                                                     "PP-2026-00042", "NAR-7/26", "400071680007", "Kovač d.o.o.",
                                                     "V obdelavi", date(2026, 2, 20), 0.9, "number"),),
                          products=(ProductMention("PS-1", "code", 41, "MK41", "PS-1", "Pralni stroj LG", Decimal(5),
                                                   "kos", 0.95, "code"),),
                          unknown_numbers=("PP-2026-99999",)),
        freshness=(Freshness("partner", "partners", datetime.now(UTC)),), today=TODAY)
    base.update(changes)
    return MessageContext(**base)


def text_of(html):
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def test_every_section_of_a_known_customer(qapp):
    html = ContextHtml().page(context(), (HistoryItem(9, "Earlier question", "ana@kovac.si", "Ana",
                                                      datetime(2026, 2, 1, tzinfo=UTC), "", 0.95, "r", 0),), 4)
    text = text_of(html)
    for expected in ("No order in 90 days (last one 152 days ago).", "1 overdue invoice: 1,234.50",
                     "Kovač d.o.o.", "Regular customer", "Tax number SI123", "Mentioned in the mail",
                     "NAR-7/26", "Stock of the products in the mail", "5 kos", "GL: 2",
                     "Unpaid invoices", "44 days late", "Open orders", "V obdelavi", "Pending offers",
                     "Bought in the last 12 months", "Email history (4)", "Earlier question",
                     "Not in the cache: PP-2026-99999", "Metakocka data synced just now."):
        assert expected in text, expected
    for href in ('href="partner:400071680007"', 'href="doc:sales_bill_domestic:MK11"', 'href="doc:sales_order:MK21"',
                 'href="product:MK41"', 'href="mail:9"', 'href="unlink:partner:7"', 'href="unlink:document:21"',
                 'href="unlink:product:41"', 'href="refresh:partner:400071680007"'):
        assert href in html, href
    assert 'class="warn">2\u00a0kos' in html  # not enough stock for the 5 asked


def test_long_lists_say_how_many_more(qapp):
    invoices = tuple(InvoiceFact(i, f"MK{i}", "sales_bill_domestic", f"1-MK-{i}", TODAY, TODAY, Decimal(1),
                                 Decimal(0), Decimal(1), "EUR", 0) for i in range(LIST_ROWS + 3))
    text = text_of(ContextHtml().page(context(unpaid_invoices=invoices)))
    assert "… and 3 more" in text and "1-MK-0" in text and f"1-MK-{LIST_ROWS + 2}" not in text


def test_a_mail_that_matches_nothing(qapp):
    html = ContextHtml().page(context(partner=None, candidates=(), card=None, open_orders=(), pending_offers=(),
                                      unpaid_invoices=(), balances=(), recent_purchases=(), stock=(), segment=None,
                                      entities=Entities(), freshness=()))
    text = text_of(html)
    assert "Nothing in this mail matches" in text
    assert "Unpaid invoices" not in text and "Open orders" not in text and "unlink:" not in html


def test_a_forward_and_a_manual_partner(qapp):
    manual = SenderMatch(7, "400071680007", "Kovač d.o.o.", "manual", 1.0, "Linked by you.")
    html = ContextHtml().page(context(forwarded=True, partner=manual, freshness=(Freshness("partner", "partners",
                                                                                            None),)))
    text = text_of(html)
    assert "Forwarded mail: matched on the original sender ana@kovac.si." in text
    assert 'href="unlink:partner:7"' not in html  # a partner the user linked is not offered for unlinking here
    assert "Some of this was never synced." in text


def test_counts_use_plural_forms(qapp):
    one_day = InvoiceFact(11, "MK11", "sales_bill_domestic", "1-MK-2026-0100", date(2026, 1, 2), date(2026, 3, 1),
                          Decimal("5"), Decimal("0"), Decimal("5"), "EUR", 1)
    two = (Balance("EUR", Decimal("10"), Decimal("10"), 2, 2, 30),)
    text = text_of(ContextHtml().page(context(
        unpaid_invoices=(one_day,), balances=two,
        segment=Segment("regular", 5, 3, date(2024, 1, 1), date(2025, 10, 1), 1, True, "5 purchases."))))
    assert "1 day late" in text and "days late" not in text
    assert "2 overdue invoices: 10.00" in text
    assert "(last one 1 day ago)" in text
    assert "Refresh from Metakocka" in text
