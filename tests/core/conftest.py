"""Core test fixtures: a real Dovecot IMAP server on loopback (plain, and TLS/STARTTLS with a self-signed cert)."""

from __future__ import annotations

import pytest

from tests.mail_server import MailServer

MAIL_USER = "alice"
MAIL_PASSWORD = 'pa"ss\\word-7'  # a quote and a backslash: quoting must carry the password intact


@pytest.fixture
def mail_server():
    """A fresh plain-IMAP Dovecot with the user `alice` and an empty INBOX."""
    server = MailServer()
    server.add_user(MAIL_USER, MAIL_PASSWORD)
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def tls_mail_server():
    """A Dovecot with a self-signed certificate: TLS on `tls_port`, STARTTLS on `port`."""
    server = MailServer(tls=True)
    server.add_user(MAIL_USER, MAIL_PASSWORD)
    server.start()
    try:
        yield server
    finally:
        server.close()
