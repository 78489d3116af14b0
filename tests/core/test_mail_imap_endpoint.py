"""Tests for mkdesk.core.mail.imap_endpoint: endpoints validate their security, trust only what they are told (never
verification off), and the typed failures carry a plain sentence and a stable kind."""

from __future__ import annotations

import ssl

import pytest

from mkdesk.core.mail import imap
from mkdesk.core.mail.imap_endpoint import (
    DEFAULT_PORTS,
    SECURITIES,
    ImapAuthFailed,
    ImapCommandFailed,
    ImapConnectionLost,
    ImapEndpoint,
    ImapError,
    ImapTimeout,
    ImapTlsError,
    ImapUnreachable,
)
from tests.mail_server import make_certificate


def test_every_security_has_its_default_port_and_nothing_else_is_accepted():
    assert set(DEFAULT_PORTS) == set(SECURITIES) == {"tls", "starttls", "plain"}
    assert DEFAULT_PORTS["tls"] == 993 and DEFAULT_PORTS["starttls"] == 143
    for security in SECURITIES:
        assert ImapEndpoint("imap.example.com", DEFAULT_PORTS[security], security, "ana").security == security
    with pytest.raises(ValueError, match="security must be one of tls, starttls, plain, not 'ssl'"):
        ImapEndpoint("imap.example.com", 993, "ssl", "ana")


def test_where_names_host_and_port():
    assert ImapEndpoint("imap.example.com", 993, "tls", "ana").where == "imap.example.com:993"


def test_tls_context_verifies_with_the_system_store_by_default():
    context = ImapEndpoint("imap.example.com", 993, "tls", "ana").tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_a_private_ca_is_trusted_explicitly_and_verification_stays_on(tmp_path):
    cert, _key = make_certificate(tmp_path)
    context = ImapEndpoint("127.0.0.1", 993, "tls", "ana", cafile=str(cert)).tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert any("mkdesk test IMAP" in str(c.get("subject")) for c in context.get_ca_certs())
    given = ssl.create_default_context(cafile=str(cert))
    assert ImapEndpoint("127.0.0.1", 993, "tls", "ana", ssl_context=given).tls_context() is given
    with pytest.raises((FileNotFoundError, ssl.SSLError)):
        ImapEndpoint("127.0.0.1", 993, "tls", "ana", cafile=str(tmp_path / "missing.pem")).tls_context()


def test_failures_carry_a_plain_sentence_and_a_kind():
    for cls in (ImapAuthFailed, ImapUnreachable, ImapTlsError, ImapConnectionLost, ImapTimeout, ImapCommandFailed):
        exc = cls("The server is not answering.", kind="silent")
        assert isinstance(exc, ImapError)
        assert str(exc) == exc.user_message == "The server is not answering." and exc.kind == "silent"
    assert ImapError("x").kind == ""


def test_the_client_module_re_exports_the_same_objects():
    assert imap.ImapEndpoint is ImapEndpoint and imap.ImapError is ImapError and imap.DEFAULT_PORTS is DEFAULT_PORTS
    assert imap.ImapAuthFailed is ImapAuthFailed and imap.ImapTlsError is ImapTlsError
