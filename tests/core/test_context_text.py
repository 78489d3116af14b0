"""Reading a mail body: the sender's own text, quoted replies and forwarded originals."""

from __future__ import annotations

import pytest

from mkdesk.core.context.text import (
    domain_of,
    fold,
    is_forward_subject,
    sentence,
    split_body,
    split_message,
    split_quoted,
)


def test_fold_ignores_case_and_accents():
    assert fold("Kovač ŠUŠTAR Žiga") == "kovac sustar ziga"


@pytest.mark.parametrize("address, domain", [
    ("Ana@Firma.SI", "firma.si"), ("<x@mail.firma.si>", "mail.firma.si"), ("nobody", None), (None, None), ("a@", None),
])
def test_domain_of(address, domain):
    assert domain_of(address) == domain


def test_sentence_ends_in_one_full_stop():
    assert sentence("Mentions invoice 1 of Firma d.o.o.") == "Mentions invoice 1 of Firma d.o.o."
    assert sentence("Chosen for a@b.si ") == "Chosen for a@b.si."


@pytest.mark.parametrize("header", [
    "On Mon, 2 Mar 2026 at 09:15, Ana Novak <ana@firma.si> wrote:",
    "On Mon, 2 Mar 2026 at 09:15, Ana Novak\n<ana@firma.si> wrote:",
    "Dne 2. 3. 2026 ob 09:15 je Ana Novak <ana@firma.si> napisal(a):",
    "V pon., 2. mar. 2026 ob 09:15 je Ana Novak <ana@firma.si> napisala:",
    "-----Original Message-----\nFrom: Ana Novak\nSent: Monday",
    "-----Izvirno sporočilo-----\nOd: Ana Novak",
    "From: Ana Novak <ana@firma.si>\nSent: Monday, March 2, 2026 9:15\nTo: prodaja",
    "Od: Ana Novak <ana@firma.si>\nPoslano: ponedeljek, 2. marec 2026 9:15\nZa: prodaja",
])
def test_reply_headers_start_the_quoted_part(header):
    own, quoted = split_quoted(f"Hvala, naš račun 1-MK-2026-9011 je plačan.\n\n{header}\nnaročilo PP-2026-90001\n")
    assert own == "Hvala, naš račun 1-MK-2026-9011 je plačan."
    assert "PP-2026-90001" in quoted and "PP-2026-90001" not in own


def test_greater_than_lines_are_quoted_wherever_they_are():
    own, quoted = split_quoted("> vaše vprašanje\nmoj odgovor\n>> starejše\nše nekaj")
    assert own == "moj odgovor\nše nekaj"
    assert "vaše vprašanje" in quoted and "starejše" in quoted


def test_a_sentence_starting_with_on_is_not_a_reply_header():
    own, quoted = split_quoted("On Monday we need 3 pcs.\nThanks")
    assert own == "On Monday we need 3 pcs.\nThanks" and quoted == ""


@pytest.mark.parametrize("marker", [
    "---------- Forwarded message ---------",
    "-------- Forwarded Message --------",
    "-------- Posredovano sporočilo --------",
    "Begin forwarded message:",
])
def test_forwards_carry_the_original_sender(marker):
    body = (f"Poglej prosim.\n\n{marker}\nFrom: Bojan Zupan <Bojan@Elektro-Novak.si>\nDate: Mon, 2 Mar 2026\n"
            f"Subject: Reklamacija\nTo: <prodaja@mojafirma.si>\n\nHladilnik ne hladi.\n\n"
            f"On Sun, X <y@z.si> wrote:\n> staro\n")
    parts = split_body(body)
    assert parts.forwarded is not None
    assert (parts.forwarded.from_name, parts.forwarded.from_addr) == ("Bojan Zupan", "bojan@elektro-novak.si")
    assert parts.forwarded.subject == "Reklamacija"
    assert parts.forwarded.text == "Hladilnik ne hladi."
    assert "Poglej prosim." in parts.own and "Hladilnik ne hladi." in parts.own
    assert "staro" in parts.quoted and "staro" not in parts.own


def test_slovenian_forward_header_lines_and_bare_address():
    body = "-------- Posredovano sporočilo --------\nZadeva: Ponudba\nOd: info@firma.si\nDatum: 1. 3. 2026\n\nBesedilo"
    parts = split_body(body)
    assert parts.forwarded.from_addr == "info@firma.si" and parts.forwarded.subject == "Ponudba"
    assert parts.forwarded.text == "Besedilo"


def test_outlook_forward_needs_a_forward_subject():
    body = ("Za tebe.\n\n-----Original Message-----\nFrom: Mojca Kovač [mailto:mojca@firma.si]\n"
            "Sent: Monday, March 2, 2026 10:51 AM\nSubject: Ponudba\n\nPotrebujemo ponudbo.")
    forwarded = split_message("FW: Ponudba", body)
    assert forwarded.forwarded.from_addr == "mojca@firma.si" and forwarded.forwarded.from_name == "Mojca Kovač"
    assert "Potrebujemo ponudbo." in forwarded.own
    reply = split_message("RE: Ponudba", body)
    assert reply.forwarded is None and reply.own == "Za tebe." and "Potrebujemo" in reply.quoted


@pytest.mark.parametrize("subject, expected", [
    ("Fwd: x", True), ("FW: x", True), ("Posl: x", True), ("WG: x", True), ("Re: fwd", False), (None, False),
])
def test_forward_subjects(subject, expected):
    assert is_forward_subject(subject) is expected


def test_empty_and_odd_bodies_never_fail():
    assert split_body(None).own == "" and split_body("").quoted == ""
    assert split_body("---------- Forwarded message ---------\n").forwarded.from_addr is None
    huge = "vrstica\n" * 50_000
    assert split_body(huge).own.startswith("vrstica")
