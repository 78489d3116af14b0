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
