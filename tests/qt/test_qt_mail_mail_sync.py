"""Tests for mkdesk.qt.mail.mail_sync: the mail-sync driver over the bridge against a real Dovecot and cache file."""

from __future__ import annotations

import asyncio

import pytest

from mkdesk.core.cache import Database
from mkdesk.core.mail.accounts import AccountForm, save_account
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.mail_sync import MailSync, merged_changes
from tests.mail_server import MailServer

PASSWORD = "Geslo-za-posto-1"


def message(n: int) -> bytes:
    return (f"From: Kupec <kupec@stranka.si>\r\nTo: ana@example.com\r\nSubject: Povpraševanje {n}\r\n"
            f"Message-ID: <q{n}@stranka.si>\r\n\r\nProsim za ponudbo {n}.\r\n").encode()


@pytest.fixture
def server():
    srv = MailServer()
    for user in ("ana", "bor"):
        srv.add_user(user, PASSWORD)
    srv.start()
    yield srv
    srv.close()


@pytest.fixture
def db(tmp_path):
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def add_account(qloop, db, server, user, password=PASSWORD):
    form = AccountForm(host=server.host, port=server.port, security="plain", username=user, name=user)
    return qloop.run_until_complete(save_account(db, Keychain(), form, Secret(password))).account


def subjects(db):
    return sorted(db.read_sync(lambda c: [r[0] for r in c.exec_driver_sql("SELECT subject FROM messages")]))


def seen_flags(db):
    return dict(db.read_sync(lambda c: c.exec_driver_sql("SELECT uid, seen FROM messages").all()))


def waiting(db):
    """UID → the read mark waiting in the cache for the server."""
    return dict(db.read_sync(lambda c: c.exec_driver_sql(
        "SELECT uid, seen_pending FROM messages WHERE seen_pending IS NOT NULL").all()))


def recorder(sync):
    events = {"started": 0, "progress": [], "changed": [], "finished": [], "failed": [], "running": []}
    sync.started.connect(lambda: events.__setitem__("started", events["started"] + 1))
    sync.progress.connect(lambda *a: events["progress"].append(a))
    sync.changed.connect(events["changed"].append)
    sync.finished.connect(events["finished"].append)
    sync.failed.connect(events["failed"].append)
    sync.running_changed.connect(events["running"].append)
    return events


def test_sync_all_accounts_with_signals_and_no_second_run(qloop, run_until, db, server):
    add_account(qloop, db, server, "ana")
    add_account(qloop, db, server, "bor")
    server.deliver("ana", message(1))
    server.deliver("ana", message(2))
    server.deliver("bor", message(3))
    sync = MailSync(db, Keychain(), Bridge())
    events = recorder(sync)
    assert sync.request_sync() is True
    assert sync.request_sync() is False  # joins the running one
    run_until(lambda: events["finished"])
    results = events["finished"][0]
    assert [r.added for r in results] == [2, 1] and all(r.ok for r in results)
    assert events["started"] == 1 and events["running"] == [True, False] and events["failed"] == []
    assert ("ana", "INBOX", 2, 2) in events["progress"] and ("bor", "INBOX", 1, 1) in events["progress"]
    assert sum(c.get("mail").inserted for c in events["changed"]) == 3
    assert merged_changes(results).get("mail").inserted == 3
    assert subjects(db) == ["Povpraševanje 1", "Povpraševanje 2", "Povpraševanje 3"]
    # again: nothing new, nothing changed
    sync.request_sync()
    run_until(lambda: len(events["finished"]) == 2)
    assert [r.added for r in events["finished"][1]] == [0, 0] and len(events["changed"]) == 2


def test_a_failing_account_reports_plainly_and_the_others_still_sync(qloop, run_until, db, server):
    add_account(qloop, db, server, "ana", password="staro-geslo")
    add_account(qloop, db, server, "bor")
    server.deliver("bor", message(1))
    sync = MailSync(db, Keychain(), Bridge())
    events = recorder(sync)
    sync.request_sync()
    run_until(lambda: events["finished"])
    assert events["failed"] == ["The mail server rejected the user name or password. Check both and try again."]
    assert subjects(db) == ["Povpraševanje 1"]


def test_server_gone_mid_sync_keeps_what_arrived_and_the_next_run_completes(qloop, run_until, db, server):
    add_account(qloop, db, server, "ana")
    for n in range(1, 121):
        server.deliver("ana", message(n))
    sync = MailSync(db, Keychain(), Bridge())
    events = recorder(sync)
    sync.progress.connect(lambda account, folder, done, total: done == 50 and server.stop())
    sync.request_sync()
    run_until(lambda: events["finished"])
    assert events["failed"] == ["The connection to the mail server was lost. Try again."]
    kept = events["changed"][0].get("mail").inserted
    assert 50 <= kept < 120 and len(subjects(db)) == kept  # the batches that arrived, committed and announced
    server.start()
    sync.request_sync()
    run_until(lambda: len(events["finished"]) == 2)
    assert events["finished"][1][0].added == 120 - kept and len(subjects(db)) == 120 == len(set(subjects(db)))


def test_mark_seen_reaches_the_server_or_waits_for_the_next_sync(qloop, run_until, db, server):
    add_account(qloop, db, server, "ana")
    server.append("ana", message(1))
    server.append("ana", message(2))
    sync = MailSync(db, Keychain(), Bridge())
    events = recorder(sync)
    sync.request_sync()
    run_until(lambda: events["finished"])
    ids = dict(db.read_sync(lambda c: c.exec_driver_sql("SELECT uid, id FROM messages").all()))

    task = sync.mark_seen([ids[1]], True)
    run_until(task.done)
    assert seen_flags(db) == {1: 1, 2: 0} and "\\Seen" in server.flags("ana")[1]
    assert events["changed"][-1].get("mail").updated == 1 and waiting(db) == {}

    server.stop()
    task = sync.mark_seen([ids[2]], True)
    run_until(task.done)
    assert seen_flags(db) == {1: 1, 2: 1}  # the cache follows the user at once
    assert waiting(db) == {2: 1}  # waiting in the cache, not in memory
    server.start()
    sync.request_sync()
    run_until(lambda: len(events["finished"]) == 2)
    assert events["finished"][1][0].pushed == 1 and waiting(db) == {}
    assert "\\Seen" in server.flags("ana")[2] and seen_flags(db) == {1: 1, 2: 1}


def test_periodic_checks_and_interval(qloop, run_until, db, server):
    add_account(qloop, db, server, "ana")
    sync = MailSync(db, Keychain(), Bridge(), interval_minutes=10)
    events = recorder(sync)
    assert sync.interval_minutes == 10 and not sync.periodic
    sync.set_interval(0.01)
    assert sync.interval_minutes == 0.5  # never more often than every 30 s
    sync.start_periodic()
    assert sync.periodic and sync.running
    run_until(lambda: events["finished"])
    server.deliver("ana", message(7))
    sync._timer.timeout.emit()  # the interval elapsing
    run_until(lambda: len(events["finished"]) == 2)
    assert events["finished"][1][0].added == 1
    sync.shutdown()
    assert not sync.periodic and not sync.running


def test_marks_made_offline_survive_a_cancelled_run_and_a_restart(qloop, run_until, tmp_path, server):
    path = tmp_path / "restart.sqlite3"
    db = Database.open(path)
    add_account(qloop, db, server, "ana")
    server.append("ana", message(1))
    server.append("ana", message(2), seen=True)
    sync = MailSync(db, Keychain(), Bridge())
    events = recorder(sync)
    sync.request_sync()
    run_until(lambda: events["finished"])
    ids = dict(db.read_sync(lambda c: c.exec_driver_sql("SELECT uid, id FROM messages").all()))
    server.stop()
    for mid, seen in ((ids[1], True), (ids[2], False)):
        task = sync.mark_seen([mid], seen)
        run_until(task.done)
    assert seen_flags(db) == {1: 1, 2: 0} and waiting(db) == {1: 1, 2: 0}
    server.start()
    sync.request_sync()
    sync.cancel()  # stopped before it could push: the marks still wait
    run_until(lambda: not sync.running)
    sync.shutdown()
    db.close()  # the app closes

    reopened = Database.open(path)
    try:
        assert waiting(reopened) == {1: 1, 2: 0}
        again = MailSync(reopened, Keychain(), Bridge())
        events = recorder(again)
        again.request_sync()
        run_until(lambda: events["finished"])
        assert events["finished"][0][0].pushed == 2 and events["failed"] == []
        flags = server.flags("ana")
        assert "\\Seen" in flags[1] and "\\Seen" not in flags[2]
        assert waiting(reopened) == {} and seen_flags(reopened) == {1: 1, 2: 0}
    finally:
        reopened.close()


def test_mail_deleted_on_the_server_leaves_the_mail_tab(qtbot, qloop, run_until, db, server):
    from mkdesk.qt.mail.tab import MailTab

    add_account(qloop, db, server, "ana")
    for n in (1, 2, 3):
        server.deliver("ana", message(n))
    bridge = Bridge()
    sync = MailSync(db, Keychain(), bridge)
    events = recorder(sync)
    tab = MailTab(bridge, db)
    qtbot.addWidget(tab)
    tab.set_mail_sync(sync)
    tab.show()
    tab.start()
    sync.request_sync()
    run_until(lambda: events["finished"] and not bridge.busy and tab.model.rowCount() == 3)
    client = server.imap("ana")
    try:
        client.select("INBOX")
        client.uid("STORE", "2", "+FLAGS", "(\\Deleted)")
        client.expunge()
    finally:
        client.logout()
    sync.request_sync()
    run_until(lambda: len(events["finished"]) == 2 and not bridge.busy and not tab.model.loading)
    assert events["finished"][1][0].removed == 1 and events["changed"][-1].get("mail").deleted == 1
    assert sorted(tab.model.row_at(i).subject for i in range(tab.model.rowCount())) == [
        "Povpraševanje 1", "Povpraševanje 3"]
    tab._read_timer.stop()
    sync.shutdown()
