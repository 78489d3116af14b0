"""Tests for the mail store on a real cache file: accounts and folders, batch inserts with dedup by UID and by raw
SHA-256, search through the FTS triggers, seen flags, re-sanitizing on allow-remote, clearing a folder; ChangeSets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdesk.core.cache.db import Database
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail import store as S

CORPUS = Path(__file__).resolve().parents[1] / "data" / "mail"


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def _msg(n: int, body: str = "hello") -> bytes:
    return (f"From: Ana {n} <ANA{n}@Kupec.si>\r\nTo: rep@mkdesk.test\r\nSubject: Naročilo {n}\r\n"
            f"Date: Tue, 24 Nov 2026 10:{n % 60:02d}:00 +0100\r\nMessage-ID: <m{n}@kupec.si>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body} {n}\r\n").encode()


def _rows(db: Database, sql: str, *args):
    return db.read_sync(lambda c: c.exec_driver_sql(sql, args).fetchall())


def test_accounts_and_folders_are_created_once(db):
    def run(conn):
        a = S.ensure_account(conn, "Work", "imap", host="imap.example", port=993, security="tls", username="ana")
        b = S.ensure_account(conn, "Work", "imap", port=143, security="starttls")
        f1 = S.ensure_folder(conn, a, "INBOX")
        return a, b, f1, S.ensure_folder(conn, a, "INBOX"), S.ensure_folder(conn, a, "Sent")

    a, b, f1, f2, f3 = db.write_sync(run)
    assert a == b and f1 == f2 != f3
    assert _rows(db, "SELECT host, port, security, username FROM mail_accounts") == [("imap.example", 143,
                                                                                     "starttls", "ana")]


@pytest.mark.parametrize("kind,fields,message", [
    ("pop3", {}, "unknown mail account kind"),
    ("imap", {"password": "x"}, "unknown mail account field"),
    ("imap", {"security": "ssl3"}, "unknown security"),
])
def test_bad_account_input_is_refused(db, kind, fields, message):
    with pytest.raises(ValueError, match=message):
        db.write_sync(lambda c: S.ensure_account(c, "X", kind, **fields))


def test_an_account_name_keeps_its_kind(db):
    db.write_sync(lambda c: S.ensure_account(c, "Imported", "import"))
    with pytest.raises(ValueError, match="already exists as a 'import' account"):
        db.write_sync(lambda c: S.ensure_account(c, "Imported", "imap"))


def _folder(db: Database, name: str = "INBOX") -> int:
    return db.write_sync(lambda c: S.ensure_folder(c, S.ensure_account(c, "Work", "imap"), name))


def test_add_messages_stores_parsed_rows_raw_and_search(db):
    folder = _folder(db)
    items = [S.NewMessage(_msg(i), uid=i, seen=i == 2, source="imap") for i in (1, 2, 3)]
    result = db.write_sync(S.add_messages, folder, items)
    assert len(result.added_ids) == 3 and result.duplicates == 0
    assert result.changes == ChangeSet.of("mail", inserted=3)
    row = _rows(db, "SELECT uid, from_addr, from_name, subject, sent_at, snippet, seen, to_json, attachments_json, "
                    "message_id, source FROM messages WHERE id = ?", result.added_ids[1])[0]
    assert row[:7] == (2, "ana2@kupec.si", "Ana 2", "Naročilo 2", "2026-11-24T09:02:00+00:00", "hello 2", 1)
    assert json.loads(row[7]) == [{"name": "", "addr": "rep@mkdesk.test"}] and json.loads(row[8]) == []
    assert row[9:] == ("m2@kupec.si", "imap")
    assert _rows(db, "SELECT raw FROM message_raw WHERE message_id = ?", result.added_ids[0])[0][0] == _msg(1)
    hits = _rows(db, "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", "narocilo")
    assert sorted(r[0] for r in hits) == sorted(result.added_ids)  # accent-insensitive


def test_dedup_by_uid_for_imap_and_by_sha_otherwise(db):
    folder = _folder(db)
    first = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(1), uid=10), S.NewMessage(_msg(2), uid=11)])
    again = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(99), uid=10),  # same UID: already have it
                                                   S.NewMessage(_msg(2), uid=12),  # same bytes, new UID
                                                   S.NewMessage(_msg(3), uid=13)])
    assert len(first.added_ids) == 2 and len(again.added_ids) == 1 and again.duplicates == 2
    assert again.changes == ChangeSet.of("mail", inserted=1, updated=1)
    assert _rows(db, "SELECT uid FROM messages WHERE id = ?", first.added_ids[1]) == [(12,)]  # follows the server
    imported = db.write_sync(lambda c: S.ensure_folder(c, S.ensure_account(c, "Imported", "import"), "a.mbox"))
    twice = [S.NewMessage(_msg(5)), S.NewMessage(_msg(5)), S.NewMessage(_msg(6))]
    r = db.write_sync(S.add_messages, imported, twice)
    assert (len(r.added_ids), r.duplicates) == (2, 1)
    r2 = db.write_sync(S.add_messages, imported, twice)
    assert (r2.added_ids, r2.duplicates, bool(r2.changes)) == ((), 3, False)


def test_a_failed_batch_adds_nothing(db):
    folder = _folder(db)

    def run(conn):
        S.add_messages(conn, folder, [S.NewMessage(_msg(1))])
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.write_sync(run)
    assert _rows(db, "SELECT count(*) FROM messages")[0][0] == 0
    assert _rows(db, "SELECT count(*) FROM messages_fts")[0][0] == 0


def test_set_seen_counts_only_real_changes(db):
    folder = _folder(db)
    ids = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(i), uid=i + 1) for i in range(3)]).added_ids
    assert db.write_sync(S.set_seen, ids[:2], True) == ChangeSet.of("mail", updated=2)
    assert db.write_sync(S.set_seen, ids, True) == ChangeSet.of("mail", updated=1)
    assert not db.write_sync(S.set_seen, ids, True)
    assert _rows(db, "SELECT count(*) FROM messages WHERE seen")[0][0] == 3


def test_set_allow_remote_resanitizes_from_the_raw_source(db):
    folder = _folder(db)
    raw = (CORPUS / "html_only_related.eml").read_bytes()
    (mid,) = db.write_sync(S.add_messages, folder, [S.NewMessage(raw)]).added_ids
    html, has_remote, allow = _rows(db, "SELECT body_html, has_remote, allow_remote FROM messages")[0]
    assert has_remote and not allow and "tracker.example" not in html and "cid:logo@x" in html
    assert db.write_sync(S.set_allow_remote, mid, True) == ChangeSet.of("mail", updated=1)
    html, has_remote, allow = _rows(db, "SELECT body_html, has_remote, allow_remote FROM messages")[0]
    assert allow and has_remote and 'src="http://tracker.example/p.gif"' in html
    assert not db.write_sync(S.set_allow_remote, mid, True)
    db.write_sync(S.set_allow_remote, mid, False)
    assert "tracker.example" not in _rows(db, "SELECT body_html FROM messages")[0][0]
    with pytest.raises(LookupError, match="no stored message with id 999"):
        db.write_sync(S.set_allow_remote, 999, True)


def test_clear_folder_removes_messages_raw_links_and_search_rows(db):
    folder = _folder(db)
    other = _folder(db, "Sent")
    ids = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(i), uid=i + 1) for i in range(3)]).added_ids
    db.write_sync(S.add_messages, other, [S.NewMessage(_msg(7), uid=1)])
    db.write_sync(lambda c: c.exec_driver_sql(
        "INSERT INTO email_links VALUES (?, 'partner', 1, 1.0, 'test', 0, '2026-11-24')", (ids[0],)))
    db.write_sync(lambda c: c.exec_driver_sql("UPDATE mail_folders SET uidvalidity = 5, uidnext = 9"))
    changes = db.write_sync(S.clear_folder, folder)
    assert changes == ChangeSet.of("mail", deleted=3) | ChangeSet.of("mail_links", deleted=1)
    assert _rows(db, "SELECT count(*) FROM messages")[0][0] == 1
    assert _rows(db, "SELECT count(*) FROM message_raw")[0][0] == 1
    assert _rows(db, "SELECT count(*) FROM email_links")[0][0] == 0
    assert _rows(db, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'hello'")[0][0] == 1
    assert _rows(db, "SELECT uidvalidity, uidnext FROM mail_folders WHERE id = ?", folder)[0] == (None, None)


@pytest.mark.parametrize("items,error,message", [
    ([S.NewMessage("text, not bytes")], TypeError, "must be bytes, not str"),  # type: ignore[arg-type]
    ([S.NewMessage(b"Subject: x\n\nok", uid=0)], ValueError, "positive whole number, not 0"),
    ([S.NewMessage(b"Subject: x\n\nok", uid="7")], ValueError, "not '7'"),  # type: ignore[arg-type]
])
def test_bad_messages_are_refused_before_anything_is_written(db, items, error, message):
    folder = _folder(db)
    with pytest.raises(error, match=message):
        db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(1)), *items])
    assert _rows(db, "SELECT count(*) FROM messages")[0][0] == 0


def test_unknown_folder_or_account_is_a_clear_error(db):
    with pytest.raises(LookupError, match="no mail folder with id 42"):
        db.write_sync(S.add_messages, 42, [S.NewMessage(_msg(1))])
    with pytest.raises(LookupError, match="no mail account with id 9"):
        db.write_sync(S.ensure_folder, 9, "INBOX")
    account = db.write_sync(S.ensure_account, "Work", "imap")
    with pytest.raises(ValueError, match="needs a name"):
        db.write_sync(S.ensure_folder, account, "  ")


def _imported(db: Database, n: int = 50) -> int:
    def run(conn):
        folder = S.ensure_folder(conn, S.ensure_account(conn, "Imported", "import"), "/old.mbox")
        return S.add_messages(conn, folder, [S.NewMessage(_msg(n))]).added_ids[0]
    return db.write_sync(run)


def test_read_marks_of_imap_messages_wait_for_the_server(db):
    folder = _folder(db)
    sent = _folder(db, "Sent")
    ids = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(i), uid=i + 10) for i in range(3)]).added_ids
    (sent_id,) = db.write_sync(S.add_messages, sent, [S.NewMessage(_msg(9), uid=4)]).added_ids
    local = _imported(db)
    assert db.write_sync(S.set_seen, [ids[0], ids[1], sent_id, local], True) == ChangeSet.of("mail", updated=4)
    assert db.write_sync(S.set_seen, [ids[2]], False) == ChangeSet()  # unchanged here, but the user's word waits
    account = _rows(db, "SELECT account_id FROM mail_folders WHERE id = ?", folder)[0][0]
    marks = db.read_sync(S.pending_marks, account)
    assert marks == {"INBOX": [S.PendingMark(ids[0], 10, True), S.PendingMark(ids[1], 11, True),
                               S.PendingMark(ids[2], 12, False)], "Sent": [S.PendingMark(sent_id, 4, True)]}
    assert _rows(db, "SELECT seen_pending FROM messages WHERE id = ?", local)[0][0] is None  # local mail only
    db.write_sync(S.set_seen, [ids[1]], False)  # a newer, opposite mark while the first one was on its way
    assert not db.write_sync(S.clear_pending, marks["INBOX"])
    assert db.read_sync(S.pending_marks, account) == {"INBOX": [S.PendingMark(ids[1], 11, False)],
                                                      "Sent": [S.PendingMark(sent_id, 4, True)]}


def test_the_servers_flags_do_not_overwrite_a_waiting_mark(db):
    folder = _folder(db)
    ids = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(i), uid=i + 1) for i in range(3)]).added_ids
    db.write_sync(S.set_seen, [ids[0]], True)  # waits
    changes = db.write_sync(S.apply_server_seen, [], [ids[0]])
    assert not changes and _rows(db, "SELECT seen FROM messages WHERE id = ?", ids[0])[0][0] == 1
    changes = db.write_sync(S.apply_server_seen, [ids[1], ids[2]], [])
    assert changes == ChangeSet.of("mail", updated=2)
    assert not db.write_sync(S.apply_server_seen, [ids[1]], [])  # already so


def test_remove_missing_deletes_only_this_folders_gone_imap_messages(db, monkeypatch):
    monkeypatch.setattr(S, "IN_PAGE", 2)  # the local UIDs are compared a page at a time
    folder = _folder(db)
    other = _folder(db, "Sent")
    ids = db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(i), uid=i + 1) for i in range(5)]).added_ids
    db.write_sync(S.add_messages, other, [S.NewMessage(_msg(7), uid=2)])
    db.write_sync(S.add_messages, folder, [S.NewMessage(_msg(8))])  # no UID: not from the server
    local = _imported(db)
    db.write_sync(lambda c: c.exec_driver_sql(
        "INSERT INTO email_links VALUES (?, 'partner', 1, 1.0, 'test', 1, '2026-11-24'), "
        "(?, 'order', 3, 0.8, 'test', 0, '2026-11-24')", (ids[1], ids[0])))
    changes = db.write_sync(S.remove_missing, folder, frozenset({1, 3, 5}))
    assert changes == ChangeSet.of("mail", deleted=2) | ChangeSet.of("mail_links", deleted=1)
    assert _rows(db, "SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid", folder) == [
        (None,), (1,), (3,), (5,)]
    assert _rows(db, "SELECT count(*) FROM messages WHERE folder_id != ?", folder)[0][0] == 2
    assert _rows(db, "SELECT count(*) FROM message_raw")[0][0] == 6
    assert _rows(db, "SELECT message_id FROM email_links") == [(ids[0],)]
    assert _rows(db, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'hello'")[0][0] == 6
    assert local in [r[0] for r in _rows(db, "SELECT id FROM messages")]
    assert not db.write_sync(S.remove_missing, folder, frozenset({1, 3, 5}))
