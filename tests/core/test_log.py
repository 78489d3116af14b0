"""Tests for mkdesk.core.log: rotation file, redaction of registered secrets and credential-looking text."""

from __future__ import annotations

import logging

from mkdesk.core.log import MASK, redact, redact_value, setup_logging, tail


def test_redacts_registered_values_and_credential_fields():
    redact_value("s3cr3t-value-77")
    text = redact('calling with s3cr3t-value-77 and {"secret_key": "abcdef123", "company_id": "4711"}')
    assert "s3cr3t-value-77" not in text
    assert "abcdef123" not in text
    assert '"company_id": "4711"' in text
    assert MASK in text
    assert redact("Authorization: Bearer tok123456") == f"Authorization: Bearer {MASK}"
    assert redact("password=hunter2&user=ana") == f"password={MASK}&user=ana"


def test_log_file_is_redacted_including_tracebacks(tmp_path):
    path = setup_logging(tmp_path, console=False)
    redact_value("key-in-exception-99")
    logger = logging.getLogger("mkdesk.test")
    logger.warning("secret is %s", "key-in-exception-99")
    try:
        raise RuntimeError("boom key-in-exception-99")
    except RuntimeError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text(encoding="utf-8")
    assert "key-in-exception-99" not in content
    assert "RuntimeError" in content and "failed" in content
    assert "key-in-exception-99" not in tail(path)
    setup_logging(None)


def test_tail_of_missing_file_is_empty(tmp_path):
    assert tail(tmp_path / "nope.log") == ""


def test_imap_login_lines_are_masked_whatever_the_quoting(tmp_path):
    """aioimaplib logs "Sending : b'… LOGIN user "pass"\\r\\n'" at DEBUG and scrubs only the unquoted password: a
    password that quoting or bytes escaping changes (quotes, backslashes, non-ASCII) must still never be written."""
    import asyncio

    from aioimaplib.aioimaplib import Command, quoted

    async def login_line(password: str) -> bytes:
        return (str(Command("LOGIN", "A001", "ana@x.si", quoted(password))) + "\r\n").encode()

    passwords = ['pl"ain\\9', "žgesló-z-šumniki", "two words here", "Simple-pass-1"]
    path = setup_logging(tmp_path, level=logging.DEBUG)
    imap_log = logging.getLogger("aioimaplib")
    before = imap_log.level
    imap_log.setLevel(logging.DEBUG)  # even if someone turns aioimaplib's command log back on
    try:
        for password in passwords:
            imap_log.debug("Sending : %s" % asyncio.run(login_line(password)))
        imap_log.debug("Sending : %s" % b"A002 AUTHENTICATE PLAIN AGFuYQBzM2NyM3Q=\r\n")
        imap_log.debug("Sending : %s" % b"A003 SELECT INBOX\r\n")
        logging.getLogger("mkdesk.test").info("login refused for ana@x.si")
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = path.read_text(encoding="utf-8")
    finally:
        imap_log.setLevel(before)
        setup_logging(None)
    for password in passwords:
        assert password not in content
        for piece in ("pl", "gesl", "two words", "Simple-pass"):
            assert f'"{piece}' not in content
    assert "AGFuYQBzM2NyM3Q=" not in content
    assert content.count(f"LOGIN ana@x.si {MASK}") == len(passwords)
    assert "A003 SELECT INBOX" in content and "login refused for ana@x.si" in content


def test_http_libraries_log_only_warnings_unless_debugging(tmp_path):
    import logging

    from mkdesk.core.log import setup_logging

    path = setup_logging(tmp_path)
    try:
        logging.getLogger("httpx").info("HTTP Request: POST https://example.test/rest/eshop/v1/search 200 OK")
        logging.getLogger("mkdesk.core.sync").info("partners: 12 rows")
        text = path.read_text(encoding="utf-8")
        assert "partners: 12 rows" in text and "HTTP Request" not in text
        setup_logging(tmp_path, logging.DEBUG)
        logging.getLogger("httpx").info("HTTP Request: POST https://example.test/x 200 OK")
        assert "HTTP Request" in path.read_text(encoding="utf-8")
    finally:
        setup_logging(None)
        logging.getLogger().setLevel(logging.WARNING)
