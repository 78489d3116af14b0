"""Tests for mkdesk.core.mail.accounts: IMAP account rows in a real cache file, passwords only in the keychain."""

from __future__ import annotations

import asyncio
import os

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail import store
from mkdesk.core.mail.accounts import (
    ACCOUNTS_ENTITY,
    AccountError,
    AccountForm,
    get_account,
    list_accounts,
    load_password,
    remove_account,
    save_account,
    validate,
)
from mkdesk.core.secrets import Keychain, Secret


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def test_validate_fills_defaults_and_names_the_bad_field():
    form = validate(AccountForm(host=" imap.example.com ", username="Ana@Example.com", security="starttls"))
    assert form.port == 143 and form.own_address == "ana@example.com"
    assert form.name == "Ana@Example.com@imap.example.com"
    assert validate(AccountForm(host="127.0.0.1", username="u", security="plain", port=1143)).port == 1143
    assert validate(AccountForm(host="mail.x.si", username="u")).port == 993
    for bad, words in [
        (AccountForm(host="", username="u"), "server's address"),
        (AccountForm(host="imap example.com", username="u"), "not a server address"),
        (AccountForm(host="h.si", username=" "), "user name"),
        (AccountForm(host="h.si", username="u", security="ssl"), "security"),
        (AccountForm(host="h.si", username="u", port=70000), "port"),
        (AccountForm(host="h.si", username="u", own_address="not-an-address"), "not an email address"),
    ]:
        with pytest.raises(AccountError, match=words):
            validate(bad)


def test_create_update_delete_with_the_password_only_in_the_keychain(db, memory_keyring, tmp_path):
    chain = Keychain()
    form = AccountForm(host="imap.example.com", username="ana@example.com", name="Work")

    async def scenario():
        saved = await save_account(db, chain, form, Secret("hunter2-secret"))
        again = await save_account(db, chain, AccountForm(host="imap.example.com", username="ana@example.com",
                                                          name="Work renamed"), None, account_id=saved.account.id)
        assert load_password(chain, again.account) == Secret("hunter2-secret")
        moved = await save_account(db, chain, AccountForm(host="imap2.example.com", username="ana@example.com",
                                                          name="Work renamed"), None, account_id=saved.account.id)
        return saved, again, moved

    saved, again, moved = asyncio.run(scenario())
    assert saved.persistent and saved.changes.touches(ACCOUNTS_ENTITY)
    assert saved.account.port == 993 and saved.account.security == "tls"
    assert again.account.name == "Work renamed" and again.account.id == saved.account.id
    # a new server: the password moves with the login, the old entry is gone
    assert load_password(chain, moved.account) == Secret("hunter2-secret")
    assert list(memory_keyring.items) == [("mkdesk", "default/imap:ana@example.com@imap2.example.com:993")]
    db.close()
    assert b"hunter2-secret" not in (tmp_path / "cache.sqlite3").read_bytes()
    wal = tmp_path / "cache.sqlite3-wal"
    assert not wal.exists() or b"hunter2-secret" not in wal.read_bytes()


def test_new_account_needs_a_password_and_a_unique_name(db):
    chain = Keychain()

    async def scenario():
        with pytest.raises(AccountError, match="password"):
            await save_account(db, chain, AccountForm(host="h.si", username="u"), None)
        await save_account(db, chain, AccountForm(host="h.si", username="u", name="Mail"), Secret("p"))
        with pytest.raises(AccountError, match="already a mail account named 'Mail'"):
            await save_account(db, chain, AccountForm(host="g.si", username="v", name="Mail"), Secret("p"))
        return await db.read(list_accounts)

    accounts = asyncio.run(scenario())
    assert [a.name for a in accounts] == ["Mail"]


def test_delete_removes_mail_and_password_and_changing_server_drops_old_mail(db, memory_keyring):
    chain = Keychain()
    raw = b"From: a@b.si\r\nSubject: x\r\n\r\nhi\r\n"

    async def scenario():
        saved = await save_account(db, chain, AccountForm(host="h.si", username="u"), Secret("p"))
        account_id = saved.account.id

        def fill(conn):
            folder = store.ensure_folder(conn, account_id, "INBOX")
            return store.add_messages(conn, folder, [store.NewMessage(raw, uid=1)])

        await db.write(fill)
        moved = await save_account(db, chain, AccountForm(host="other.si", username="u"), None,
                                   account_id=account_id)
        await db.write(fill)
        changes = await remove_account(db, chain, account_id)
        left = await db.read(lambda c: c.exec_driver_sql("SELECT count(*) FROM messages").scalar())
        with pytest.raises(LookupError):
            await db.read(get_account, account_id)
        return moved, changes, left

    moved, changes, left = asyncio.run(scenario())
    assert moved.changes.get("mail").deleted == 1
    assert changes.get("mail").deleted == 1 and changes.get(ACCOUNTS_ENTITY).deleted == 1
    assert left == 0 and memory_keyring.items == {}


# ----- the folders to sync and the CA file ---------------------------------------------------------------------------
def test_folders_and_ca_file_round_trip_through_the_row(db, tmp_path):
    from mkdesk.core.mail.accounts import create_account, saved_folders, update_account
    from tests.mail_server import make_certificate

    cert, _key = make_certificate(tmp_path)
    form = AccountForm(host="h.si", username="u", name="Work", folders=("inbox", "Poslano/Računi", "INBOX", "Arhiv"),
                       ca_file=str(cert))
    account, changes = db.write_sync(create_account, form)
    assert changes.touches(ACCOUNTS_ENTITY)
    assert account.folders == ("INBOX", "Poslano/Računi", "Arhiv") and account.ca_file == str(cert)
    assert db.read_sync(get_account, account.id) == account == db.read_sync(list_accounts)[0]
    assert db.read_sync(saved_folders, account.id) == ("INBOX", "Poslano/Računi", "Arhiv")
    stored = db.read_sync(lambda c: c.exec_driver_sql("SELECT folders, ca_file FROM mail_accounts").one())
    assert tuple(stored) == ('["INBOX", "Poslano/Računi", "Arhiv"]', str(cert))  # names as the server lists them
    # the endpoint trusts the saved file (over any default given), verification on
    endpoint = account.endpoint(cafile="/elsewhere.pem", timeout=5)
    assert endpoint.cafile == str(cert) and endpoint.timeout == 5
    assert endpoint.tls_context().verify_mode.name == "CERT_REQUIRED"

    # cleared: no folders chosen (NULL: INBOX) and the system's trust store
    cleared, _ = db.write_sync(update_account, account.id, AccountForm(host="h.si", username="u", name="Work"))
    assert cleared.folders == ("INBOX",) and cleared.ca_file is None
    assert db.read_sync(saved_folders, account.id) is None
    assert cleared.endpoint(cafile="/default.pem").cafile == "/default.pem" and cleared.endpoint().cafile is None
    # a damaged folder list reads as "not chosen", never an error
    db.write_sync(lambda c: c.exec_driver_sql("UPDATE mail_accounts SET folders = '{oops'"))
    assert db.read_sync(get_account, account.id).folders == ("INBOX",)
    assert db.read_sync(saved_folders, account.id) is None


def test_changing_the_folders_keeps_the_mail_of_a_folder_taken_off(db):
    from mkdesk.core.mail.accounts import create_account, update_account

    account, _ = db.write_sync(create_account, AccountForm(host="h.si", username="u", folders=("INBOX", "Arhiv")))

    def fill(conn):
        folder = store.ensure_folder(conn, account.id, "Arhiv")
        return store.add_messages(conn, folder, [store.NewMessage(b"From: a@b.si\r\nSubject: x\r\n\r\nhi\r\n", uid=1)])

    db.write_sync(fill)
    changed, changes = db.write_sync(update_account, account.id,
                                     AccountForm(host="h.si", username="u", folders=("INBOX",)))
    assert changed.folders == ("INBOX",) and not changes.touches("mail")
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT count(*) FROM messages").scalar()) == 1


def test_validate_checks_the_folders_and_the_ca_file_naming_it(tmp_path):
    assert validate(AccountForm(host="h.si", username="u")).folders == ()  # not chosen
    assert validate(AccountForm(host="h.si", username="u", folders=("Inbox",))).folders == ("INBOX",)
    for bad in ["", "  ", "Bad\r\nname", "nul\x00"]:
        with pytest.raises(AccountError, match="folder") as caught:
            validate(AccountForm(host="h.si", username="u", folders=("INBOX", bad)))
        assert caught.value.kind == "folder_name"
    assert validate(AccountForm(host="h.si", username="u", ca_file="  ")).ca_file is None

    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("just some notes\n")
    der = tmp_path / "cert.der"
    der.write_bytes(b"\x30\x82\x01\x0a" + bytes(200))
    key_only = tmp_path / "key.pem"
    key_only.write_text("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n")
    unreadable = tmp_path / "secret.pem"
    unreadable.write_text("x")
    unreadable.chmod(0)
    cases = [(tmp_path / "missing.pem", "ca_missing", "does not exist"), (tmp_path, "ca_folder", "is a folder"),
             (not_pem, "ca_not_pem", "not a PEM bundle"), (der, "ca_not_pem", "not a PEM bundle"),
             (key_only, "ca_not_pem", "not a PEM bundle")]
    if not os.access(unreadable, os.R_OK):  # root reads anything
        cases.append((unreadable, "ca_unreadable", "cannot be read"))
    for path, kind, words in cases:
        with pytest.raises(AccountError, match=words) as caught:
            validate(AccountForm(host="h.si", username="u", ca_file=str(path)))
        assert caught.value.kind == kind and caught.value.value == str(path) and str(path) in str(caught.value)
        # the GUI thread's check reads no file
        assert validate(AccountForm(host="h.si", username="u", ca_file=str(path)), check_files=False).ca_file == str(
            path)


def test_a_bad_ca_file_is_refused_before_the_keychain_is_touched(db, memory_keyring, tmp_path):
    form = AccountForm(host="h.si", username="u", ca_file=str(tmp_path / "gone.pem"))
    with pytest.raises(AccountError, match="gone.pem"):
        asyncio.run(save_account(db, Keychain(), form, Secret("p")))
    assert memory_keyring.items == {} and db.read_sync(list_accounts) == []


def test_a_self_signed_server_is_trusted_through_the_saved_ca_file(db, tls_mail_server, memory_keyring):
    from mkdesk.core.mail.imap import ImapTlsError, probe
    from mkdesk.core.mail.imap_sync import sync_account
    from tests.core.conftest import MAIL_PASSWORD, MAIL_USER

    server = tls_mail_server
    server.append(MAIL_USER, b"From: b@x.si\r\nSubject: over TLS\r\n\r\nhi\r\n")
    secret = Secret(MAIL_PASSWORD)

    async def scenario():
        plain = await save_account(db, Keychain(), AccountForm(host=server.host, port=server.tls_port,
                                                                username=MAIL_USER, name="System"), secret)
        with pytest.raises(ImapTlsError) as refused:  # the system's trust store does not know the certificate
            await probe(plain.account.endpoint(timeout=10), secret)
        trusted = await save_account(db, Keychain(), AccountForm(
            host=server.host, port=server.tls_port, username=MAIL_USER, name="Own CA", ca_file=str(server.cert)),
            secret)
        account = await db.read(get_account, trusted.account.id)
        folders = await probe(account.endpoint(timeout=10), secret)
        starttls = await save_account(db, Keychain(), AccountForm(
            host=server.host, port=server.port, security="starttls", username=MAIL_USER, name="STARTTLS",
            ca_file=str(server.cert)), secret)
        synced = await sync_account(db, starttls.account, secret, timeout=10)
        return refused.value, folders, synced

    refused, folders, synced = asyncio.run(scenario())
    assert refused.kind == "certificate"
    assert [f.name for f in folders] == ["INBOX"]
    assert synced.ok and synced.added == 1


def test_the_sync_takes_the_chosen_folders_and_a_folder_taken_off_keeps_its_mail(db, mail_server, memory_keyring):
    from mkdesk.core.mail.imap import encode_folder_name
    from mkdesk.core.mail.imap_sync import sync_account
    from tests.core.conftest import MAIL_PASSWORD, MAIL_USER

    secret = Secret(MAIL_PASSWORD)
    for name in ("Računi", "Arhiv"):
        mail_server.create_folder(MAIL_USER, encode_folder_name(name))
        mail_server.append(MAIL_USER, f"From: b@x.si\r\nSubject: in {name}\r\n\r\nhi\r\n".encode(),
                           folder=encode_folder_name(name))
    fields = dict(host=mail_server.host, port=mail_server.port, security="plain", username=MAIL_USER, name="Work")

    async def scenario():
        saved = await save_account(db, Keychain(), AccountForm(**fields, folders=("INBOX", "Računi")), secret)
        first = await sync_account(db, saved.account, secret, timeout=10)
        fewer = await save_account(db, Keychain(), AccountForm(**fields, folders=("Arhiv",)), None,
                                   account_id=saved.account.id)
        second = await sync_account(db, fewer.account, secret, timeout=10)
        subjects = await db.read(lambda c: sorted(r[0] for r in c.exec_driver_sql("SELECT subject FROM messages")))
        return first, second, subjects

    first, second, subjects = asyncio.run(scenario())
    assert [(f.folder, f.added) for f in first.folders] == [("INBOX", 0), ("Računi", 1)]
    assert [(f.folder, f.added) for f in second.folders] == [("Arhiv", 1)]  # Računi is no longer synced…
    assert subjects == ["in Arhiv", "in Računi"]  # …and its mail stays
