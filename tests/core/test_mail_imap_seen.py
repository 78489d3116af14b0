"""Tests for mkdesk.core.mail.imap_seen against a real Dovecot and real cache files: read marks reach the server at
once when it is there, wait in the cache when it is not (through a restart too), and go out a window of UIDs at a
time; imported mail never waits for a server."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail import imap_seen
from mkdesk.core.mail.imap import ImapUnreachable
from mkdesk.core.mail.imap_seen import mark_messages_seen, mark_seen
from mkdesk.core.secrets import Keychain, Secret
from tests.core.conftest import MAIL_PASSWORD, MAIL_USER
from tests.core.test_mail_imap_sync import make_account, message, pending, rows, sync


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def test_mark_messages_seen_across_accounts_keeps_unpushed_marks_in_the_cache(mail_server, db):
    from mkdesk.core.mail import store

    account = make_account(db, mail_server)
    mail_server.append(MAIL_USER, message(1))
    sync(db, account)

    def imported(conn):
        account_id = store.ensure_account(conn, "Imported", "import")
        folder = store.ensure_folder(conn, account_id, "old.mbox")
        return store.add_messages(conn, folder, [store.NewMessage(message(99))]).added_ids[0]

    local_id = db.write_sync(imported)
    imap_id = db.read_sync(lambda c: c.exec_driver_sql("SELECT id FROM messages WHERE uid = 1").scalar())
    chain = Keychain()
    done = asyncio.run(mark_messages_seen(db, chain, [imap_id, local_id], True, timeout=10))
    assert done.error is None and done.pushed == 1 and done.changes.get("mail").updated == 2
    assert pending(db) == {}  # the imported message never waits for a server
    assert "\\Seen" in mail_server.flags(MAIL_USER)[1]

    mail_server.stop()
    offline = asyncio.run(mark_messages_seen(db, chain, [imap_id, local_id], False, timeout=3))
    assert offline.changes.get("mail").updated == 2  # the cache follows the user at once
    assert offline.pushed == 0 and "Cannot reach" in offline.error.user_message
    assert pending(db) == {1: 0}
    mail_server.start()
    result = sync(db, account)
    assert result.pushed == 1 and "\\Seen" not in mail_server.flags(MAIL_USER)[1]


def test_a_mark_made_offline_reaches_the_server_after_a_restart(mail_server, tmp_path):
    path = tmp_path / "restart.sqlite3"
    first = Database.open(path)
    account = make_account(first, mail_server)
    for n in range(1, 4):
        mail_server.append(MAIL_USER, message(n), seen=(n == 3))
    sync(first, account)
    ids = dict(first.read_sync(lambda c: c.exec_driver_sql("SELECT uid, id FROM messages").all()))
    mail_server.stop()
    with pytest.raises(ImapUnreachable):
        asyncio.run(mark_seen(first, account, Secret(MAIL_PASSWORD), [ids[1]], True, timeout=3))
    with pytest.raises(ImapUnreachable):
        asyncio.run(mark_seen(first, account, Secret(MAIL_PASSWORD), [ids[3]], False, timeout=3))
    first.close()  # the app closes with the marks not yet on the server

    mail_server.start()
    reopened = Database.open(path)
    try:
        assert pending(reopened) == {1: 1, 3: 0}
        result = sync(reopened, account)
        assert result.ok and result.pushed == 2 and result.folders[0].seen_changed == 0
        flags = mail_server.flags(MAIL_USER)
        assert "\\Seen" in flags[1] and "\\Seen" not in flags[3]
        assert pending(reopened) == {} and [r[2] for r in rows(reopened)] == [1, 0, 0]
    finally:
        reopened.close()


def test_many_waiting_marks_go_out_in_windows(mail_server, db, monkeypatch):
    from mkdesk.core.mail import store

    monkeypatch.setattr(imap_seen, "PUSH_WINDOW", 2)  # servers bound a command's length: marks go a window a time
    account = make_account(db, mail_server)
    for n in range(1, 8):
        mail_server.deliver(MAIL_USER, message(n))
    sync(db, account)
    ids = dict(db.read_sync(lambda c: c.exec_driver_sql("SELECT uid, id FROM messages").all()))
    db.write_sync(store.set_seen, [ids[u] for u in (1, 3, 4, 6, 7)], True)
    result = sync(db, account)
    assert result.ok and result.pushed == 5 and pending(db) == {}
    assert {uid for uid, flags in mail_server.flags(MAIL_USER).items() if "\\Seen" in flags} == {1, 3, 4, 6, 7}
