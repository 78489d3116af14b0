"""Tests for mail parsing: a corpus of odd messages (charsets, missing headers, nesting, forwarded parts, broken
encodings), bounded huge bodies, attachments by index, and arbitrary bytes or MIME trees that never raise."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdesk.core.mail.parse import MAX_DEPTH, MAX_TEXT_CHARS, attachment_bytes, decode_bytes, parse_message

CORPUS = Path(__file__).resolve().parents[1] / "data" / "mail"


def _parse(name: str):
    return parse_message((CORPUS / name).read_bytes())


def test_cp1250_mail_without_a_declared_charset_reads_as_slovenian():
    m = _parse("cp1250_undeclared.eml")
    assert (m.from_name, m.from_addr) == ("Jože Kovačič", "joze@podjetje.si")
    assert m.subject == "Naročilo št. 2026-00042"
    assert "pošiljam naročilo za 12 kosov žice" in m.body_text
    assert m.sent_at == datetime(2026, 11, 23, 7, 15, tzinfo=UTC)
    assert m.to == (("", "prodaja@mkdesk.test"),)
    assert "8-bit" in m.parse_error


def test_a_wrongly_declared_charset_falls_back_to_utf8_and_says_so():
    m = _parse("wrong_charset.eml")
    assert m.body_text == "šola čevlji"
    assert "read as utf-8" in m.parse_error


def test_an_unknown_charset_is_named_and_the_text_still_read():
    m = _parse("unknown_charset.eml")
    assert m.subject == "hallo"
    assert m.body_text == "čebula"  # cp1250 fallback (0xE8 = č)
    assert "x-klingon" in m.parse_error


def test_utf8_raw_headers_without_encoded_words():
    m = _parse("raw_8bit_headers.eml")
    assert (m.from_name, m.subject) == ("Špela Žnidaršič", "Česen in šampinjoni")


def test_missing_from_and_date_fall_back_to_received_and_are_noted():
    m = _parse("missing_date_from.eml")
    assert m.from_addr is None and m.from_name is None
    assert m.sent_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert "no From address" in m.parse_error and "no Date header" in m.parse_error


def test_unreadable_date_is_none_with_a_note():
    m = _parse("bad_date.eml")
    assert m.sent_at is None and "Yesterday at noon" in m.parse_error


def test_no_headers_at_all_keeps_the_text():
    m = _parse("no_headers.eml")
    assert "with no headers at all" in m.body_text
    assert m.subject == "" and m.parse_error


def test_crlf_line_endings():
    m = _parse("crlf_simple.eml")
    assert m.body_text == "line one\nline two" and m.subject == "crlf"


def test_broken_base64_never_raises_and_is_noted():
    m = _parse("broken_base64.eml")
    assert m.parse_error and "Base64" in m.parse_error


def test_html_only_related_message_derives_text_and_lists_the_inline_image():
    m = _parse("html_only_related.eml")
    assert m.subject == "Ponudba za črpalke"
    assert m.body_text == "Dear customer,\n\noffer & prices\n\n- one\n- two"
    assert "color:red" not in m.body_text and "T" not in m.body_text.split()
    assert m.body_html.startswith("<html>") and "http://tracker.example/p.gif" in m.body_html  # raw, unsanitized
    (logo,) = m.attachments
    assert (logo.content_type, logo.content_id, logo.index) == ("image/png", "logo@x", 0)
    assert attachment_bytes((CORPUS / "html_only_related.eml").read_bytes(), 0) == b"\x89PNG fake"
    assert m.sent_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # -0000 is read as UTC


def test_nested_mixed_with_alternative_attachment_and_forwarded_message():
    raw = (CORPUS / "nested_mixed.eml").read_bytes()
    m = parse_message(raw)
    assert m.message_id == "nested@kupec.si" and m.in_reply_to == "prev@mkdesk.test"
    assert m.references == ("first@mkdesk.test", "prev@mkdesk.test")
    assert m.to == (("", "rep@mkdesk.test"), ("Novak, Janez", "janez@kupec.si"))
    assert m.cc == (("Boštjan", "bostjan@kupec.si"),) and m.reply_to == "orders@kupec.si"
    assert m.body_text.startswith("Plain version of the reply.")
    assert "Forwarded message" in m.body_text and "5x PRD-100" in m.body_text
    assert m.body_html == "<p>HTML version of the reply.</p>"
    pdf, fwd = m.attachments
    assert (pdf.filename, pdf.content_type, pdf.size) == ("račun.pdf", "application/pdf", 12)
    assert (fwd.filename, fwd.content_type) == ("offer.eml", "message/rfc822")
    assert attachment_bytes(raw, 0).startswith(b"%PDF-1.4")
    assert parse_message(attachment_bytes(raw, 1)).from_addr == "old@kupec.si"
    with pytest.raises(IndexError, match="no attachment number 2"):
        attachment_bytes(raw, 2)
    assert m.parse_error is None and m.size == len(raw)


def test_sha_and_snippet():
    raw = b"From: a@b.si\nSubject: s\n\n  Hello\n\n   world  " + b"x" * 500
    m = parse_message(raw)
    import hashlib
    assert m.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert m.snippet.startswith("Hello world xxx") and len(m.snippet) == 200


def test_huge_body_is_capped_with_a_note_and_the_size_is_whole():
    body = b"a" * (MAX_TEXT_CHARS + 5000)
    m = parse_message(b"From: a@b.si\nSubject: big\n\n" + body)
    assert len(m.body_text) < MAX_TEXT_CHARS + 100 and "5000 more characters not shown" in m.body_text
    assert "truncated" in m.parse_error and m.size > MAX_TEXT_CHARS + 5000


def test_deep_nesting_is_bounded():
    raw = b"From: a@b.si\nSubject: deep\n"
    for i in range(MAX_DEPTH + 10):
        raw += f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n".encode()
    raw += b"Content-Type: text/plain\n\ninner\n"
    m = parse_message(raw)
    assert "nesting" in m.parse_error


def test_two_part_body_with_attachment_disposition_text():
    raw = (b"From: a@b.si\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhello\n"
           b"--x\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n\n"
           b"secret notes\n--x--\n")
    m = parse_message(raw)
    assert m.body_text == "hello" and [a.filename for a in m.attachments] == ["notes.txt"]
    assert attachment_bytes(raw, 0).strip() == b"secret notes"


def test_base64_utf8_html_body():
    html = "<p>Pozdrav, <i>Žiga</i></p>".encode()
    raw = (b"From: a@b.si\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
           + base64.b64encode(html) + b"\n")
    m = parse_message(raw)
    assert m.body_text == "Pozdrav, Žiga" and m.body_html == "<p>Pozdrav, <i>Žiga</i></p>"


def test_decode_bytes_fallback_order():
    assert decode_bytes("č".encode(), "utf-8") == "č"
    assert decode_bytes("č".encode("cp1250"), None) == "č"
    assert decode_bytes(b"\x81\x83", None) == "\x81\x83"  # not cp1250 either: latin-1 never fails
    assert decode_bytes("čš".encode("iso-8859-2"), "iso-8859-2") == "čš"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(raw):
    m = parse_message(raw)
    assert m.size == len(raw) and isinstance(m.body_text, str)


_header = st.sampled_from([b"From", b"To", b"Cc", b"Subject", b"Date", b"Content-Type", b"Content-Transfer-Encoding",
                           b"Content-Disposition", b"Message-ID", b"References", b"Reply-To"])
_value = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b"multipart/mixed; boundary=x", b"multipart/alternative; boundary=x", b"message/rfc822",
                     b"text/html; charset=utf-16", b"text/plain; charset=\"x\xff\"", b"base64", b"quoted-printable",
                     b"=?utf-8?b?!!!?=", b"=?cp1250?q?=E8=9A?=", b"<a@b> <c@d", b"\"\" <>",
                     b"attachment; filename*=x''%ZZ",
                     b"Thu, 31 Feb 2026 25:61:61 +9999", b"\"a, b\" <a@b>, ,,"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_header, _value), max_size=8),
       st.lists(st.one_of(st.binary(max_size=60), st.just(b"--x"), st.just(b"--x--"), st.just(b"Content-Type: "
                                                                                                  b"message/rfc822")),
                max_size=12))
def test_odd_mime_trees_never_raise(headers, body_lines):
    raw = b"".join(name + b": " + value + b"\n" for name, value in headers) + b"\n" + b"\n".join(body_lines)
    m = parse_message(raw)
    assert m.size == len(raw)
    for info in m.attachments:
        assert isinstance(attachment_bytes(raw, info.index), bytes)


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\evil.exe", "evil.exe"), (".bashrc", "bashrc"),
    ("ra\x00čun\x07.pdf", "račun.pdf"), ("..", None), ("   ", None),
])
def test_attachment_names_are_safe_to_save(name, expected):
    raw = (b"From: a@b.si\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhi\n--x\n"
           b"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename*=utf-8''"
           + quote(name).encode() + b"\n\nDATA\n--x--\n")
    (info,) = parse_message(raw).attachments
    assert info.filename == (expected or "attachment.bin")


def test_an_empty_text_alternative_falls_back_to_the_html():
    raw = (b"From: a@b.si\nContent-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/plain\n\n"
           b"\n--x\nContent-Type: text/html\n\n<p>Only here</p>\n--x--\n")
    assert parse_message(raw).body_text == "Only here"


def test_a_tree_too_deep_for_the_stdlib_keeps_its_headers_and_text():
    raw = b"From: Ana <ana@kupec.si>\nSubject: deep\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n"
    for i in range(3000):
        raw += f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n".encode()
    m = parse_message(raw + b"Content-Type: text/plain\n\nthe words\n")
    assert (m.from_addr, m.subject, m.sent_at) == ("ana@kupec.si", "deep", datetime(2026, 11, 24, 10, tzinfo=UTC))
    assert "unreadable MIME structure (RecursionError" in m.parse_error and "the words" in m.body_text


def test_many_parts_and_recipients_parse_in_bounded_time():
    import time

    raw = (b"From: a@b.si\nTo: " + b", ".join(b"user%d@x.si" % i for i in range(20_000))
           + b"\nContent-Type: multipart/mixed; boundary=x\n\n"
           + b"".join(b"--x\nContent-Type: image/png\n\nAAAA\n" for _ in range(10_000)) + b"--x--\n")
    started = time.perf_counter()
    m = parse_message(raw)
    assert time.perf_counter() - started < 10  # ~1 s; generous for a busy machine
    assert len(m.to) == 20_000 and len(m.attachments) == 10_000


def test_an_html_only_message_forwarding_another_keeps_both_texts():
    raw = (b"From: a@b.si\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/html\n\n"
           b"<p>See below</p>\n--x\nContent-Type: message/rfc822\n\nFrom: old@c.si\nSubject: first\n"
           b"Content-Type: text/html\n\n<p>Original <b>offer</b></p>\n--x--\n")
    m = parse_message(raw)
    assert m.body_text.startswith("See below\n\n---------- Forwarded message ----------\nFrom: old@c.si")
    assert m.body_text.endswith("Subject: first\n\nOriginal offer")
    assert m.body_html == "<p>See below</p>" and m.attachments[0].filename == "first.eml"


def test_a_bare_content_id_is_kept():
    raw = (b"From: a@b.si\nContent-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/html\n\n"
           b"<img src=cid:logo@x>\n--x\nContent-Type: image/png\nContent-ID: logo@x\n\nPNG\n--x--\n")
    assert parse_message(raw).attachments[0].content_id == "logo@x"


def test_quoted_printable_cp1250_with_soft_breaks():
    m = _parse("qp_cp1250_softbreaks.eml")
    assert (m.from_name, m.subject) == ("Žiga Čeh", "Ponudba črpalke")
    assert "Cena: 1.234,50 € za kos; dobava v 14 dneh. Lep pozdrav, Žiga Čeh" in m.body_text
    assert m.parse_error is None


def test_rfc2231_continued_attachment_name():
    (xlsx,) = _parse("rfc2231_continuation.eml").attachments
    assert xlsx.filename == "Cenik izdelkov črpalke 2026 - končna verzija.xlsx"


def test_calendar_alternative_is_an_attachment_not_the_body():
    m = _parse("calendar_invite.eml")
    assert m.body_text == "Sestanek v torek ob 10h."
    assert [(a.filename, a.content_type) for a in m.attachments] == [("attachment.ics", "text/calendar")]
