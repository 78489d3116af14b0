"""Tests for mkdesk.qt.mail.account_tasks against a real Dovecot (TLS with a self-signed certificate) and a real
cache file: Test connection checks the form's CA file before anything else and trusts the server through it; Save
refuses a bad CA file before the keychain is touched and writes the folders and the CA file with the row."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail.accounts import AccountError, AccountForm, ImapAccount, list_accounts
from mkdesk.core.mail.imap import ImapTlsError, encode_folder_name
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.qt.keychain_access import NoStoredSecret
from mkdesk.qt.mail.account_tasks import probe_with_password, store_account
from tests.mail_server import MailServer
from tests.qt.keychain_support import SlowKeyring, installed

USER, PASSWORD = "ana", "Tajno-Geslo-42"


@pytest.fixture(scope="module")
def tls_server():
    srv = MailServer(tls=True)
    srv.add_user(USER, PASSWORD)
    srv.start()
    srv.create_folder(USER, encode_folder_name("Računi"))
    yield srv
    srv.close()


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def endpoint(server, ca_file=None):
    return ImapAccount(0, "Work", server.host, server.tls_port, "tls", USER, None, ca_file=ca_file).endpoint(timeout=10)


def test_the_probe_trusts_the_server_through_the_ca_file_only(tls_server):
    with installed(SlowKeyring(0.0)) as backend:
        cert = str(tls_server.cert)
        folders = asyncio.run(probe_with_password(Keychain(), None, Secret(PASSWORD), endpoint(tls_server, cert), cert))
        assert sorted(f.name for f in folders) == ["INBOX", "Računi"]
        with pytest.raises(ImapTlsError) as refused:
            asyncio.run(probe_with_password(Keychain(), None, Secret(PASSWORD), endpoint(tls_server)))
        assert refused.value.kind == "certificate"
        assert backend.calls == 0  # a typed password: the keychain was never asked


def test_a_bad_ca_file_stops_the_probe_before_the_keychain_and_the_server(tls_server, tmp_path):
    missing = str(tmp_path / "missing.pem")
    with installed(SlowKeyring(0.0)) as backend:
        with pytest.raises(AccountError) as caught:
            asyncio.run(probe_with_password(Keychain(), ImapAccount(1, "W", "h", 993, "tls", USER, None).secret_ref,
                                            None, endpoint(tls_server, missing), missing))
        assert caught.value.kind == "ca_missing" and caught.value.value == missing and backend.calls == 0
        with pytest.raises(NoStoredSecret):  # a good file, nothing typed and nothing stored
            asyncio.run(probe_with_password(Keychain(), ImapAccount(1, "W", "h", 993, "tls", USER, None).secret_ref,
                                            None, endpoint(tls_server, str(tls_server.cert)), str(tls_server.cert)))


def test_save_refuses_a_bad_ca_file_before_the_keychain_and_writes_both_fields_otherwise(db, tmp_path, tls_server):
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("not a certificate\n")
    form = AccountForm(host=tls_server.host, username=USER, port=tls_server.tls_port, name="Work",
                       folders=("INBOX", "Računi"), ca_file=str(not_pem))
    with installed(SlowKeyring(0.0)) as backend:
        with pytest.raises(AccountError) as caught:
            asyncio.run(store_account(db, Keychain(), form, Secret(PASSWORD), None))
        assert caught.value.kind == "ca_not_pem" and backend.items == {} and backend.calls == 0
        assert db.read_sync(list_accounts) == []
        good = AccountForm(**{**{f: getattr(form, f) for f in form.__slots__}, "ca_file": str(tls_server.cert)})
        saved = asyncio.run(store_account(db, Keychain(), good, Secret(PASSWORD), None))
        assert backend.items[("mkdesk", saved.account.secret_ref.username)] == PASSWORD
    assert saved.account.folders == ("INBOX", "Računi") and saved.account.ca_file == str(tls_server.cert)
    assert db.read_sync(list_accounts) == [saved.account]
