"""Tests for the demo mailbox's words: Slovenian genitives of product names, letters in both languages, the
attachments (a CSV and a valid PDF) and the newsletter's remote images."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mkdesk.core.mail import demo_texts as t

SL = t.Sender("Ana Novak", "ana@novak.si", "Novak d.o.o.", "sl")
EN = t.Sender("John Smith", "john@smith.co.uk", "Smith Ltd", "en")
ORDER = t.Doc("PP-2026-00042", "NAR-77/2026", date(2026, 2, 3), Decimal("1234.50"))
INVOICE = t.Doc("1-MK-2026-0100", None, date(2026, 1, 5), Decimal("99.90"), date(2026, 1, 20))
ITEM = t.Item("PS-VAG4202", "Pralni stroj LG VAG4202")


@pytest.mark.parametrize(("name", "expected"), [
    ("Pralni stroj LG VAG4202", "pralnega stroja LG VAG4202"),
    ("Kavni avtomat Jura JFBS9781", "kavnega avtomata Jura JFBS9781"),
    ("Mikrovalovna pečica Rowenta DU3251L", "mikrovalovne pečice Rowenta DU3251L"),
    ("Indukcijska kuhalna plošča Gorenje EV9199", "indukcijske kuhalne plošče Gorenje EV9199"),
    ("Podaljšek na kolutu 25 m", "podaljška na kolutu 25 m"),
    ("HDMI kabel Genius 1,5 m", "HDMI kabla Genius 1,5 m"),
    ("Toner HP WAG3576Z", "tonerja HP WAG3576Z"),
    ("Sesalnik", "sesalnika"),
    ("", ""),
])
def test_genitive_inflects_the_head_and_keeps_brand_and_model(name, expected):
    assert t.genitive(name) == expected


def test_order_status_cites_the_buyer_reference_or_the_number():
    by_ref = t.order_status(SL, ORDER, by_reference=True)
    assert "NAR-77/2026" in by_ref.subject + by_ref.text and "PP-2026-00042" not in by_ref.text
    by_number = t.order_status(EN, ORDER, by_reference=False, variant=1)
    assert "PP-2026-00042" in by_number.subject and "order" in by_number.text
    assert by_number.text.rstrip().endswith("Smith Ltd")


def test_slovenian_letters_use_slovenian_money_and_inflected_names():
    reply = t.overdue_reply(SL, INVOICE)
    assert "1-MK-2026-0100" in reply.subject and "99,90 €" in reply.text
    price = t.price_request(SL, [ITEM], with_codes=True)
    assert "pralnega stroja LG VAG4202 (PS-VAG4202)" in price.text
    assert "Lep pozdrav" in price.text
    english = t.overdue_reply(EN, INVOICE)
    assert "99.90 EUR" in english.text and "Best regards" in english.text


def test_chain_quotes_our_replies_and_keeps_one_subject():
    letters = t.chain(SL, ORDER, ITEM, "Prodaja")
    assert [x.subject for x in letters][1:] == ["Re: " + letters[0].subject] * 2
    assert "> " in letters[1].text and "PP-2026-00042" in letters[0].text


def test_html_version_escapes_and_puts_quotes_in_a_blockquote():
    letter = t.Letter("s", "Hello <b>\n\n> quoted & more\n> me")
    out = t.html_version(letter)
    assert "&lt;b&gt;" in out.html and "<blockquote" in out.html and "quoted &amp; more" in out.html
    assert out.text == letter.text


def test_order_csv_and_pdf_attachments():
    items = [ITEM, t.Item("KA-1", "Kavni avtomat (čokoladni)")]
    csv = t.order_csv(items, [3, 1]).decode("utf-8")
    assert csv.splitlines() == ["koda;naziv;kolicina", "PS-VAG4202;Pralni stroj LG VAG4202;3",
                                "KA-1;Kavni avtomat (čokoladni);1"]
    pdf = t.order_pdf(items, [3, 1])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[xref:xref + 4] == b"xref"  # the offsets are real: a reader finds the table
    assert b"3 x PS-VAG4202" in pdf and b"[cokoladni]" in pdf  # folded to ASCII, no unbalanced parentheses


def test_newsletter_has_remote_images_a_tracking_pixel_and_a_css_url():
    letter = t.newsletter("Brand", ["One", "Two"], "img.example.com")
    assert letter.html.count('src="https://img.example.com/') == 3
    assert "url(https://img.example.com/bg.png)" in letter.html
    assert "One" in letter.text
