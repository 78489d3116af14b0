"""Tests for the mail reads of the UI, over the demo mailbox stored in a really synced cache: pages newest first,
partner badges (link > remembered choice > exact address; unlinks respected), safe search, one message, attachments."""

from __future__ import annotations

import asyncio
import pytest
from sqlalchemy import text

from mkdesk.core.cache import Database
from mkdesk.core.mail import repo
from mkdesk.core.mail.demo import import_demo_mailbox
from tests.core.test_mail_demo import NOW, synced  # noqa: F401 - the module-scoped synced cache fixture


@pytest.fixture
def db(synced, tmp_path):  # noqa: F811
    copy = tmp_path / "cache.sqlite3"
    copy.write_bytes(synced.read_bytes())
    database = Database.open(copy)
    asyncio.run(database.write(lambda conn: import_demo_mailbox(conn, now=NOW)))
    yield database
    database.close()


def read(db, fn, *args, **kw):
    return asyncio.run(db.read(lambda conn: fn(conn, *args, **kw)))


def write(db, sql, params):
    asyncio.run(db.write(lambda conn: conn.execute(text(sql), params)))


def test_pages_are_newest_first_and_add_up(db):
    total = read(db, repo.count_messages)
    assert total >= 40
    first = read(db, repo.list_messages, limit=20)
    rest = read(db, repo.list_messages, limit=200, offset=20)
    rows = first + rest
    assert len(rows) == total and len({r.id for r in rows}) == total
    dates = [r.sent_at for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(d.tzinfo is not None for d in dates)
    assert any(not r.seen for r in rows) and any(r.seen for r in rows)
    assert sum(r.attachments for r in rows) == 2
    with pytest.raises(ValueError):
        read(db, repo.list_messages, limit=0)


def _row_from(db, fragment):
    return next(r for r in read(db, repo.list_messages, limit=500) if fragment in (r.from_addr or ""))


def test_badges_come_from_exact_addresses_and_never_for_unknown_senders(db):
    rows = read(db, repo.list_messages, limit=500)
    badged = [r for r in rows if r.partner is not None]
    assert len(badged) >= 30
    assert all(r.partner.how in ("link", "contact", "partner_email") for r in badged)  # the demo saved links
    for r in rows:
        if "gradbenistvo-zupan" in r.from_addr or r.from_addr.startswith("novice@"):
            assert r.partner is None, r.from_addr

    def partner_of(conn, address):
        return conn.execute(text("SELECT p.name FROM contacts c JOIN partners p ON p.id = c.partner_id "
                                 "WHERE lower(c.email) = :a"), {"a": address}).scalars().all()

    for row in badged[:10]:
        names = read(db, partner_of, row.from_addr)
        assert not names or row.partner.name in names
    write(db, "DELETE FROM email_links", {})  # without saved links the exact address still gives the badge
    again = [r for r in read(db, repo.list_messages, limit=500) if r.partner is not None]
    assert len(again) >= 30 and all(r.partner.how in ("contact", "partner_email") for r in again)
    for row in again[:10]:
        assert row.partner.name in read(db, partner_of, row.from_addr) or row.partner.how == "partner_email"


def test_a_saved_link_beats_a_choice_which_beats_the_address_and_an_unlink_removes_it(db):
    prospect = _row_from(db, "gradbenistvo-zupan")
    other = read(db, repo.list_messages, limit=500)[-1]
    pids = read(db, lambda conn: conn.execute(text("SELECT id, name FROM partners ORDER BY id LIMIT 2")).all())
    write(db, "INSERT INTO sender_choices (address, partner_id, chosen_at) VALUES (:a, :p, '2026-03-01T00:00:00')",
          {"a": prospect.from_addr, "p": pids[0][0]})
    badge = read(db, repo.get_message, prospect.id).row.partner
    assert (badge.partner_id, badge.name, badge.how) == (pids[0][0], pids[0][1], "choice")
    write(db, "INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
              "VALUES (:m, 'partner', :p, 1.0, 'linked by the user', 1, '2026-03-01T00:00:00')",
          {"m": prospect.id, "p": pids[1][0]})
    assert read(db, repo.get_message, prospect.id).row.partner.how == "link"
    assert read(db, repo.get_message, prospect.id).row.partner.partner_id == pids[1][0]
    if other.partner is not None and other.partner.how == "contact":
        write(db, "INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
                  "VALUES (:m, 'partner', :p, 0.0, 'unlinked by the user', -1, '2026-03-01T00:00:00')",
              {"m": other.id, "p": other.partner.partner_id})
        assert read(db, repo.get_message, other.id).row.partner is None


def test_search_is_accent_insensitive_and_safe(db):
    found = read(db, repo.list_messages, "racun", limit=500)
    assert found
    assert read(db, repo.count_messages, "racun") == len(found)
    assert any("Račun" in (r.subject or "") or "račun" in (r.subject or "") for r in found)
    assert read(db, repo.list_messages, "PON-2026", limit=50)
    for hostile in ('"', "AND", "NEAR(", "*", "-", "a:b", "^x", "' OR 1=1 --"):
        read(db, repo.count_messages, hostile)
        read(db, repo.list_messages, hostile, limit=10)
    assert read(db, repo.list_messages, "   ", limit=500) == read(db, repo.list_messages, limit=500)
    assert read(db, repo.list_messages, "!!!", limit=10) == () and read(db, repo.count_messages, "!!!") == 0
    assert read(db, repo.list_messages, "zzzqqqnothing", limit=10) == ()


def test_get_message_for_the_reader(db):
    letter = _row_from(db, "novice@tehnosvet")
    view = read(db, repo.get_message, letter.id)
    assert view.account == "Demo" and view.account_kind == "demo" and view.folder == "INBOX"
    assert view.to and view.to[0][1] == "prodaja@mkdesk-demo.si"
    assert view.body_html and "https://" not in view.body_html.split("href")[0]  # remote images stripped
    assert view.row.has_remote and not view.allow_remote
    assert view.body_text and "novosti" in view.body_text
    assert read(db, repo.get_message, 10 ** 9) is None


def test_attachment_bytes_come_from_the_raw_message(db):
    rows = [r for r in read(db, repo.list_messages, limit=500) if r.attachments]
    views = [read(db, repo.get_message, r.id) for r in rows]
    pdf = next((v, a) for v in views for a in v.attachments if a.filename.endswith(".pdf"))
    info, data = read(db, repo.attachment, pdf[0].row.id, pdf[1].index)
    assert info.content_type == "application/pdf" and data.startswith(b"%PDF") and len(data) == info.size
    assert read(db, repo.attachment, pdf[0].row.id, 99) is None
    assert read(db, repo.attachment, 10 ** 9, 0) is None


def test_odd_stored_json_does_not_break_the_list(db):
    row = read(db, repo.list_messages, limit=1)[0]
    write(db, "UPDATE messages SET attachments_json = 'not json', to_json = '[1, 2]' WHERE id = :i", {"i": row.id})
    view = read(db, repo.get_message, row.id)
    assert view.attachments == () and view.to == ()
    assert read(db, repo.list_messages, limit=1)[0].attachments == 0
