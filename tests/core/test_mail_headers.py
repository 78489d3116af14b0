"""Tests for mail header decoding: the charset chain, RFC 2047 words (also malformed or in unknown charsets), raw
8-bit headers, addresses whose encoded names hold commas, message ids and dates."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy

import pytest

from mkdesk.core.mail import headers as H


def _msg(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.compat32)


def test_charset_chain():
    notes = H.Notes()
    assert H.decode_bytes("žaba".encode("cp1250"), "utf-8", notes) == "žaba"
    assert notes.text() == "text not valid utf-8; read as cp1250"
    assert H.decode_bytes(b"caf\xc3\xa9", None) == "café"
    assert H.decode_bytes(b"\x81", "bogus-charset", notes) == "\x81"
    assert "unknown charset 'bogus-charset'" in notes.text()


@pytest.mark.parametrize("value,expected", [
    ("=?utf-8?q?Pozdrav_=C5=BEiga?=", "Pozdrav žiga"),
    ("=?UTF-8?B?xI1lYnVsYQ==?= in =?iso-8859-2?q?=B9ola?=", "čebula in šola"),
    ("=?windows-1250?q?=9Aolski_=E8as?=", "šolski čas"),
    ("plain\r\n folded   text", "plain folded text"),
    ("=?utf-8?q?broken", "=?utf-8?q?broken"),
    ("=?x-unknown-cs?q?hello?=", "hello"),
    ("", ""),
    (None, ""),
])
def test_decode_header_value(value, expected):
    assert H.decode_header_value(value) == expected


def test_raw_8bit_header_bytes_are_decoded_with_the_chain():
    msg = _msg("Subject: Črpalka\n\n".encode("cp1250"))
    notes = H.Notes()
    assert H.decode_header_value(H.raw_header(msg, "subject"), notes) == "Črpalka"
    assert notes.text() == "raw 8-bit bytes in a header"


def test_addresses_split_before_decoding_encoded_names():
    msg = _msg(b'To: =?utf-8?q?Novak=2C_Jo=C5=BEe?= <JOZE@Firma.si>, "Kos, Ana" <ana@kos.si>, bob@x.org\n\n')
    assert H.addresses(msg, "to", H.Notes()) == (("Novak, Jože", "joze@firma.si"), ("Kos, Ana", "ana@kos.si"),
                                                 ("", "bob@x.org"))


def test_unreadable_addresses_fall_back_to_anything_shaped_like_one():
    notes = H.Notes()
    found = H.addresses(_msg(b"From: <<<broken ana@kupec.si >>>\n\n"), "from", notes)
    assert found and found[0][1] == "ana@kupec.si"
    assert H.addresses(_msg(b"Subject: x\n\n"), "from", notes) == ()


def test_message_ids():
    assert H.msgids("<a@b> <c@d>\r\n <e@f>") == ("a@b", "c@d", "e@f")
    assert H.msgids("bare@id") == ("bare@id",)
    assert H.msgids("two words") == () and H.msgids(None) == ()


def test_dates():
    notes = H.Notes()
    assert H.parse_date("Tue, 24 Nov 2026 10:00:00 +0100", notes) == datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert H.parse_date("24 Nov 2026 10:00:00 -0000", notes) == datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert H.parse_date("not a date", notes) is None and "unreadable Date header" in notes.text()
    msg = _msg(b"Received: from a by b; Mon, 23 Nov 2026 08:00:00 +0000\nSubject: x\n\n")
    notes = H.Notes()
    assert H.sent_at(msg, notes) == datetime(2026, 11, 23, 8, tzinfo=UTC) and notes.text() == "no Date header"


def test_a_huge_header_is_cut_quickly_with_a_note():
    import time

    notes = H.Notes()
    value = " ".join("=?utf-8?q?a=C4=8D?=" for _ in range(100_000))
    started = time.perf_counter()
    text = H.decode_header_value(value, notes)
    assert time.perf_counter() - started < 5  # uncut: 33 s
    assert text.startswith("ačač") and len(text) < H.MAX_HEADER_CHARS
    assert notes.text() == f"header longer than {H.MAX_HEADER_CHARS} characters cut"


def test_a_huge_address_header_is_cut_at_an_address(monkeypatch):
    monkeypatch.setattr(H, "MAX_ADDRESS_CHARS", 100)
    notes = H.Notes()
    msg = _msg(b"To: " + b", ".join(b"user%02d@x.si" % i for i in range(30)) + b"\n\n")
    found = H.addresses(msg, "to", notes)
    assert [a for _n, a in found] == [f"user{i:02d}@x.si" for i in range(len(found))] and 5 <= len(found) < 30
    assert "To header longer than 100 characters cut" in notes.text()
