"""Tests for mkdesk.core.mail.accounts: IMAP account rows in a real cache file, passwords only in the keychain."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail import store
from mkdesk.core.mail.accounts import (
    ACCOUNTS_ENTITY,
    AccountError,
    AccountForm,
    get_account,
    list_accounts,
    password,
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
        assert password(chain, again.account) == Secret("hunter2-secret")
        moved = await save_account(db, chain, AccountForm(host="imap2.example.com", username="ana@example.com",
                                                          name="Work renamed"), None, account_id=saved.account.id)
        return saved, again, moved

    saved, again, moved = asyncio.run(scenario())
    assert saved.persistent and saved.changes.touches(ACCOUNTS_ENTITY)
    assert saved.account.port == 993 and saved.account.security == "tls"
    assert again.account.name == "Work renamed" and again.account.id == saved.account.id
    # a new server: the password moves with the login, the old entry is gone
    assert password(chain, moved.account) == Secret("hunter2-secret")
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
