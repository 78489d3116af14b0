"""Tests for mkdesk.core.mail.imap_sync against a real Dovecot and a real cache file: incremental fetch, new mail,
UIDVALIDITY change, wrong password, the server gone mid-fetch, seen flags both ways, TLS and STARTTLS."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail import imap_sync
from mkdesk.core.mail.accounts import AccountForm, save_account
from mkdesk.core.mail.imap import (
    ImapAuthFailed,
    ImapConnectionLost,
    ImapEndpoint,
    ImapUnreachable,
    encode_folder_name,
)
from mkdesk.core.mail.accounts import NoPassword, load_password
from mkdesk.core.mail.imap_seen import mark_seen
from mkdesk.core.mail.imap_sync import sync_account
from mkdesk.core.secrets import Keychain, Secret
from tests.core.conftest import MAIL_PASSWORD, MAIL_USER


def message(n: int) -> bytes:
    return (f"From: Bob Kovač <Bob@Example.com>\r\nTo: alice@example.com\r\nSubject: Order {n}\r\n"
            f"Message-ID: <m{n}@example.com>\r\nDate: Mon, 23 Nov 2026 10:{n % 60:02d}:00 +0100\r\n\r\n"
            f"Please send offer {n}.\r\n").encode()


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def make_account(db, server, **over):
    fields = dict(host=server.host, port=server.port, security="plain", username=MAIL_USER, name="Work")
    fields.update(over)
    saved = asyncio.run(save_account(db, Keychain(), AccountForm(**fields), Secret(MAIL_PASSWORD)))
    return saved.account


def rows(db, folder="INBOX"):
    def read(conn):
        return conn.exec_driver_sql(
            "SELECT m.uid, m.subject, m.seen, m.from_addr FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
            "WHERE f.name = ? ORDER BY m.uid", (folder,)).all()
    return [tuple(r) for r in db.read_sync(read)]


def pending(db):
    """UID → the read mark waiting for the server."""
    return dict(db.read_sync(lambda c: c.exec_driver_sql(
        "SELECT uid, seen_pending FROM messages WHERE seen_pending IS NOT NULL").all()))


def folder_state(db, folder="INBOX"):
    return db.read_sync(lambda c: tuple(c.exec_driver_sql(
        "SELECT uidvalidity, uidnext, last_sync IS NOT NULL FROM mail_folders WHERE name = ?", (folder,)).one()))


def sync(db, account, **kw):
    return asyncio.run(sync_account(db, account, Secret(MAIL_PASSWORD), timeout=10, **kw))


def test_incremental_sync_fetches_only_new_mail(mail_server, db):
    account = make_account(db, mail_server)
    for n in range(1, 6):
        mail_server.deliver(MAIL_USER, message(n))
    first = sync(db, account)
    assert first.ok and first.added == 5 and first.changes.get("mail").inserted == 5
    stored = rows(db)
    assert [r[0] for r in stored] == [1, 2, 3, 4, 5]
    assert {r[1] for r in stored} == {f"Order {n}" for n in range(1, 6)}
    assert all(r[3] == "bob@example.com" and not r[2] for r in stored)
    assert folder_state(db)[1:] == (6, 1)
    # nothing new: nothing fetched, nothing written
    second = sync(db, account)
    assert second.ok and second.added == 0 and second.folders[0].duplicates == 0 and not second.changes
    # new mail arriving between syncs: only it is fetched (no duplicates counted: old UIDs are not asked for)
    mail_server.deliver(MAIL_USER, message(6))
    mail_server.append(MAIL_USER, message(7))
    third = sync(db, account)
    assert third.added == 2 and third.folders[0].duplicates == 0
    assert [r[0] for r in rows(db)] == [1, 2, 3, 4, 5, 6, 7] and folder_state(db)[1] == 8


def test_uidvalidity_change_clears_the_folder_and_refetches(mail_server, db):
    account = make_account(db, mail_server)
    for n in range(1, 4):
        mail_server.deliver(MAIL_USER, message(n))
    assert sync(db, account).added == 3
    old_validity = folder_state(db)[0]
    new_validity = mail_server.renew_uidvalidity(MAIL_USER)
    result = sync(db, account)
    assert result.ok and result.folders[0].reset and result.added == 3
    assert result.changes.get("mail").deleted == 3 and result.changes.get("mail").inserted == 3
    assert folder_state(db)[0] == new_validity != old_validity
    assert sorted(r[1] for r in rows(db)) == ["Order 1", "Order 2", "Order 3"]


def test_wrong_password_is_reported_without_the_password(mail_server, db):
    account = make_account(db, mail_server)
    result = asyncio.run(sync_account(db, account, Secret("not-the-Password!"), timeout=10))
    assert isinstance(result.error, ImapAuthFailed) and not result.ok
    assert "rejected the user name or password" in result.error.user_message
    assert "not-the-Password!" not in result.error.user_message and "not-the-Password!" not in repr(result)
    assert rows(db) == []


def test_missing_password_in_the_keychain_says_what_to_do(mail_server, db):
    account = make_account(db, mail_server)
    chain = Keychain()
    assert load_password(chain, account) == Secret(MAIL_PASSWORD)
    chain.delete(account.secret_ref)
    with pytest.raises(NoPassword, match="No password is stored for the mail account Work"):
        load_password(chain, account)


def test_a_locked_keychain_is_not_a_missing_password(mail_server, db, memory_keyring, monkeypatch):
    import keyring.errors

    from mkdesk.core.mail.accounts import PasswordUnavailable

    account = make_account(db, mail_server)

    def locked(*_args):
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    with pytest.raises(PasswordUnavailable, match="keychain could not be read .*is it locked.*account Work") as info:
        load_password(Keychain(), account)
    assert isinstance(info.value, NoPassword)  # a run skips the account as before, saying why


def test_server_gone_mid_fetch_keeps_what_arrived_and_resumes_without_duplicates(mail_server, db):
    account = make_account(db, mail_server)
    for n in range(1, 13):
        mail_server.deliver(MAIL_USER, message(n))
    seen_progress = []

    def progress(p):
        seen_progress.append((p.done, p.total))
        if p.done == 4:
            mail_server.stop()  # the server dies after the first batch of four was committed

    broken = sync(db, account, batch_size=4, progress=progress)
    assert isinstance(broken.error, ImapConnectionLost)
    assert "was lost" in broken.error.user_message
    # the first batch, and the one that had already arrived while it was written, are kept and reported
    assert broken.added == 8 and broken.changes.get("mail").inserted == 8  # the view can refresh what arrived
    assert broken.folders[0].error is not None
    assert seen_progress == [(0, 12), (4, 12), (8, 12)]
    assert len(rows(db)) == 8 and folder_state(db)[1] == 9  # the resume point covers exactly what was committed

    mail_server.start()
    resumed = sync(db, account, batch_size=4)
    assert resumed.ok and resumed.added == 4 and resumed.folders[0].duplicates == 0
    stored = rows(db)
    assert [r[0] for r in stored] == list(range(1, 13))
    assert len({r[1] for r in stored}) == 12


def test_seen_flags_both_ways(mail_server, db):
    account = make_account(db, mail_server)
    for n in range(1, 4):
        mail_server.append(MAIL_USER, message(n), seen=(n == 3))
    sync(db, account)
    assert [r[2] for r in rows(db)] == [0, 0, 1]
    # read on another device: the next sync pulls the flags
    mail_server.set_seen(MAIL_USER, 1, True)
    mail_server.set_seen(MAIL_USER, 3, False)
    pulled = sync(db, account)
    assert pulled.folders[0].seen_changed == 2 and pulled.changes.get("mail").updated == 2
    assert [r[2] for r in rows(db)] == [1, 0, 0]
    # marked read here: the cache at once, then the server
    ids = db.read_sync(lambda c: dict(c.exec_driver_sql("SELECT uid, id FROM messages").all()))
    changes = asyncio.run(mark_seen(db, account, Secret(MAIL_PASSWORD), [ids[2]], True, timeout=10))
    assert changes.get("mail").updated == 1
    assert "\\Seen" in mail_server.flags(MAIL_USER)[2]
    # marked unread while the server was away: pushed by the next sync, not overwritten by the pull
    mail_server.stop()
    with pytest.raises(ImapUnreachable):
        asyncio.run(mark_seen(db, account, Secret(MAIL_PASSWORD), [ids[1]], False, timeout=3))
    assert [r[2] for r in rows(db)] == [0, 1, 0]  # the local change is kept, waiting in the cache
    assert pending(db) == {1: 0}
    mail_server.start()
    pushed = sync(db, account)
    assert pushed.ok and pushed.pushed == 1 and pushed.folders[0].seen_changed == 0
    assert "\\Seen" not in mail_server.flags(MAIL_USER)[1]
    assert [r[2] for r in rows(db)] == [0, 1, 0] and pending(db) == {}


def test_several_folders_and_a_missing_one(mail_server, db):
    account = make_account(db, mail_server)
    mail_server.create_folder(MAIL_USER, encode_folder_name("Računi"))
    mail_server.append(MAIL_USER, message(1), folder=encode_folder_name("Računi"))
    mail_server.deliver(MAIL_USER, message(2))
    result = sync(db, account, folders=("INBOX", "Računi", "Gone"))
    assert [f.folder for f in result.folders] == ["INBOX", "Računi", "Gone"]
    assert [f.added for f in result.folders] == [1, 1, 0]
    assert result.folders[2].error and "Gone" in result.folders[2].error and result.error is None
    assert [r[1] for r in rows(db, "Računi")] == ["Order 1"]


def test_big_messages_are_committed_in_smaller_batches(mail_server, db, monkeypatch):
    monkeypatch.setattr(imap_sync, "BATCH_BYTES", 1500)
    account = make_account(db, mail_server)
    for n in range(1, 6):
        mail_server.deliver(MAIL_USER, message(n) + b"x" * 1000 + b"\r\n")
    progress = []
    result = sync(db, account, batch_size=50, progress=lambda p: progress.append(p.done))
    assert result.ok and result.added == 5
    assert progress == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_sync_over_tls_and_starttls(tls_mail_server, db, security):
    server = tls_mail_server
    port = server.tls_port if security == "tls" else server.port
    account = make_account(db, server, security=security, port=port)
    server.deliver(MAIL_USER, message(1))
    result = sync(db, account, cafile=str(server.cert))
    assert result.ok and result.added == 1
    # the default trust store does not know the self-signed certificate: refused, never silently accepted
    refused = asyncio.run(sync_account(db, account, Secret(MAIL_PASSWORD), timeout=10))
    assert refused.error is not None and "not trusted" in refused.error.user_message
    explicit = ImapEndpoint(server.host, port, security, MAIL_USER, ssl_context=server.ssl_context(), timeout=10)
    server.deliver(MAIL_USER, message(2))
    assert asyncio.run(sync_account(db, account, Secret(MAIL_PASSWORD), endpoint=explicit)).added == 1


def test_a_large_folder_syncs_and_pulls_flags_in_windows(mail_server, db):
    # aioimaplib parses one read's lines recursively: 1 200 FLAGS lines in one answer would overflow the stack
    account = make_account(db, mail_server)
    for n in range(1, 1201):
        mail_server.deliver(MAIL_USER, message(n))
    assert sync(db, account).added == 1200
    mail_server.set_seen(MAIL_USER, 1150, True)
    again = sync(db, account)
    assert again.ok and again.added == 0 and again.folders[0].seen_changed == 1


def test_default_folders_are_inbox_and_those_the_account_has(mail_server, db):
    from mkdesk.core.mail import store

    account = make_account(db, mail_server)
    mail_server.create_folder(MAIL_USER, encode_folder_name("Računi"))
    mail_server.append(MAIL_USER, message(1), folder=encode_folder_name("Računi"))
    mail_server.deliver(MAIL_USER, message(2))
    assert [f.folder for f in sync(db, account, folders=None).folders] == ["INBOX"]
    db.write_sync(store.ensure_folder, account.id, "Računi")  # the user picked the folder
    result = sync(db, account, folders=None)
    assert [(f.folder, f.added) for f in result.folders] == [("INBOX", 0), ("Računi", 1)]


def test_connection_cut_in_the_middle_of_an_answer(mail_server, db):
    from tests.mail_server import CuttingProxy

    account = make_account(db, mail_server)
    filler = b"Lorem ipsum dolor sit amet. " * 700 + b"\r\n"  # ~20 KB a message
    for n in range(1, 31):
        mail_server.deliver(MAIL_USER, message(n) + filler)
    proxy = CuttingProxy(mail_server.port, cut_after=250_000)  # inside the second batch's FETCH answer
    try:
        via_proxy = ImapEndpoint(mail_server.host, proxy.port, "plain", MAIL_USER, timeout=10)
        broken = asyncio.run(sync_account(db, account, Secret(MAIL_PASSWORD), endpoint=via_proxy, batch_size=10))
    finally:
        proxy.close()
    assert proxy.cuts == 1 and isinstance(broken.error, ImapConnectionLost)
    assert broken.added == 10 and len(rows(db)) == 10 and folder_state(db)[1] == 11  # the whole first batch only
    resumed = sync(db, account, batch_size=10)
    assert resumed.ok and resumed.added == 20 and resumed.folders[0].duplicates == 0
    assert [r[0] for r in rows(db)] == list(range(1, 31))


# ----- messages deleted on the server ------------------------------------------------------------------------------
def expunge(server, uids, folder="INBOX"):
    """Delete messages on the server as another mail program would (\\Deleted + EXPUNGE)."""
    client = server.imap(MAIL_USER)
    try:
        client.select(folder)
        typ, data = client.uid("STORE", ",".join(map(str, uids)), "+FLAGS", "(\\Deleted)")
        assert typ == "OK", data
        typ, data = client.expunge()
        assert typ == "OK", data
    finally:
        client.logout()


def counts(db):
    return db.read_sync(lambda c: tuple(c.exec_driver_sql(sql).scalar() for sql in (
        "SELECT count(*) FROM messages", "SELECT count(*) FROM message_raw", "SELECT count(*) FROM email_links",
        "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'offer'")))


def test_messages_deleted_on_the_server_are_removed_with_raw_links_and_search_rows(mail_server, db):
    from mkdesk.core.mail import store

    account = make_account(db, mail_server)
    for n in range(1, 6):
        mail_server.deliver(MAIL_USER, message(n))
    assert sync(db, account).added == 5

    def local(conn):  # an imported message and links to what will be deleted (one automatic, one manual)
        ids = dict(conn.exec_driver_sql("SELECT uid, id FROM messages").all())
        for uid, manual in ((2, 0), (4, 1)):
            conn.exec_driver_sql("INSERT INTO email_links VALUES (?, 'partner', 7, 1.0, 'test', ?, '2026-11-24')",
                                 (ids[uid], manual))
        conn.exec_driver_sql("INSERT INTO email_links VALUES (?, 'partner', 7, 1.0, 'test', 1, '2026-11-24')",
                             (ids[1],))
        imported = store.ensure_folder(conn, store.ensure_account(conn, "Imported", "import"), "/old.mbox")
        store.add_messages(conn, imported, [store.NewMessage(message(99))])

    db.write_sync(local)
    assert counts(db) == (6, 6, 3, 6)
    expunge(mail_server, [2, 4])
    mail_server.deliver(MAIL_USER, message(6))
    result = sync(db, account)
    assert result.ok and result.folders[0].removed == 2 and result.removed == 2 and result.added == 1
    assert result.changes.get("mail").deleted == 2 and result.changes.get("mail").inserted == 1
    assert result.changes.get("mail_links").deleted == 2  # the Mail tab and the context pane refresh
    assert [r[0] for r in rows(db)] == [1, 3, 5, 6]
    assert counts(db) == (5, 5, 1, 5)  # raw bytes, links (manual too) and search rows went with them
    assert rows(db, "/old.mbox")[0][0] is None  # imported mail is never touched
    again = sync(db, account)
    assert again.ok and again.removed == 0 and not again.changes
    # everything deleted on the server: the folder empties here too
    expunge(mail_server, [1, 3, 5, 6])
    emptied = sync(db, account)
    assert emptied.removed == 4 and rows(db) == [] and counts(db)[0] == 1


def test_nothing_is_removed_when_the_uid_list_was_cut_off(mail_server, db):
    from tests.mail_server import CuttingProxy

    account = make_account(db, mail_server)
    for n in range(1, 1501):
        mail_server.deliver(MAIL_USER, message(n))
    assert sync(db, account).added == 1500
    expunge(mail_server, [10, 20])
    # greeting, login and SELECT take well under 3 000 bytes; the UID list of 1 500 messages ~7 500 more
    proxy = CuttingProxy(mail_server.port, cut_after=5000)
    try:
        via_proxy = ImapEndpoint(mail_server.host, proxy.port, "plain", MAIL_USER, timeout=10)
        broken = asyncio.run(sync_account(db, account, Secret(MAIL_PASSWORD), endpoint=via_proxy))
    finally:
        proxy.close()
    assert proxy.cuts == 1 and isinstance(broken.error, ImapConnectionLost)
    assert broken.removed == 0 and len(rows(db)) == 1500  # a half-read list deletes nothing
    resumed = sync(db, account)
    assert resumed.ok and resumed.removed == 2 and len(rows(db)) == 1498
    assert {10, 20}.isdisjoint(r[0] for r in rows(db))


def test_a_waiting_mark_wins_over_the_servers_flag_until_it_is_pushed(mail_server, db):
    from mkdesk.core.mail import store

    account = make_account(db, mail_server)
    mail_server.append(MAIL_USER, message(1), seen=True)
    mail_server.append(MAIL_USER, message(2))
    sync(db, account)
    ids = dict(db.read_sync(lambda c: c.exec_driver_sql("SELECT uid, id FROM messages").all()))
    mail_server.set_seen(MAIL_USER, 2, True)  # read on the phone

    def meanwhile(p):  # the user marks both unread after the push, before the flags are pulled
        if p.done == 0:
            db.write_sync(store.set_seen, [ids[1], ids[2]], False)

    result = sync(db, account, progress=meanwhile)
    assert result.ok and result.pushed == 0 and result.folders[0].seen_changed == 0
    assert [r[2] for r in rows(db)] == [0, 0] and pending(db) == {1: 0, 2: 0}  # the server's \Seen did not win
    pushed = sync(db, account)
    assert pushed.pushed == 2 and pending(db) == {}
    assert all("\\Seen" not in f for f in mail_server.flags(MAIL_USER).values())
    assert [r[2] for r in rows(db)] == [0, 0]


def test_a_message_stored_once_for_two_identical_copies_stays_while_one_copy_is_left(mail_server, db):
    account = make_account(db, mail_server)
    mail_server.append(MAIL_USER, message(1))
    mail_server.append(MAIL_USER, message(1))  # the same bytes twice (copied within the folder)
    mail_server.append(MAIL_USER, message(2))
    first = sync(db, account)
    assert first.added == 2 and first.folders[0].duplicates == 1
    assert [r[0] for r in rows(db)] == [2, 3]  # stored once, under the copy seen last
    expunge(mail_server, [2])  # the copy it was stored under goes; UID 1 still holds the message
    kept = sync(db, account)
    assert kept.ok and kept.removed == 0 and [r[0] for r in rows(db)] == [1, 3]
    expunge(mail_server, [1])
    gone = sync(db, account)
    assert gone.removed == 1 and [r[1] for r in rows(db)] == ["Order 2"]
