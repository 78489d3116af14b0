"""Tests for the demo mailbox: built from a really synced cache (the small emulated company), deterministic,
realistic (the right senders, real document numbers and products, dates in the last weeks) and stored once."""

from __future__ import annotations

import asyncio
import email
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from sqlalchemy import text

from mkdesk.core.cache import Database
from mkdesk.core.mail.demo import DEMO_ACCOUNT, build_demo_mailbox, import_demo_mailbox

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    from datetime import date

    import httpx

    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine
    from mkdesk.emulator.app import create_app
    from mkdesk.emulator.config import EmulatorConfig

    path = tmp_path_factory.mktemp("demo-mail") / "cache.sqlite3"
    config = EmulatorConfig(scale="small", seed=7, today=date(2026, 3, 2))

    async def scenario():
        transport = httpx.ASGITransport(app=create_app(config))
        client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                                 transport=transport)
        db = Database.open(path)
        try:
            assert (await SyncEngine(client, db).sync()).ok
        finally:
            await client.aclose()
            db.close()

    asyncio.run(scenario())
    return path


@pytest.fixture
def db(synced, tmp_path):
    copy = tmp_path / "cache.sqlite3"
    copy.write_bytes(synced.read_bytes())
    database = Database.open(copy)
    yield database
    database.close()


def _build(db, now=NOW, seed=1):
    return asyncio.run(db.read(lambda conn: build_demo_mailbox(conn, now=now, seed=seed)))


def _msg(mail):
    return email.message_from_bytes(mail.raw, policy=policy.default)


def test_the_same_cache_and_clock_give_the_same_bytes(db):
    first, second = _build(db), _build(db)
    assert [m.raw for m in first] == [m.raw for m in second]
    assert [m.raw for m in _build(db, seed=2)] != [m.raw for m in first]


def test_a_realistic_mix_of_customer_mail(db):
    mails = _build(db)
    assert 40 <= len(mails) <= 60
    kinds = Counter(m.kind for m in mails)
    for kind in ("order_status", "overdue_reply", "price_request", "stock_request", "offer_followup", "prospect",
                 "complaint", "chain", "forwarded", "attachment", "newsletter", "partner_domain", "rep_forward"):
        assert kinds[kind] >= 1, kind
    assert kinds["chain"] == 3
    langs = Counter("sl" if any(w in m.raw for w in (b"Lep pozdrav", b"Pozdravljeni")) else "other" for m in mails)
    assert langs["sl"] >= 25 and langs["other"] >= 5  # Slovenian first, some English and the newsletters
    dates = [_msg(m)["Date"].datetime for m in mails]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert all(NOW - timedelta(days=22) <= d < NOW for d in dates)
    assert all(_msg(m)["Message-ID"] for m in mails)
    assert len({_msg(m)["Message-ID"] for m in mails}) == len(mails)
    assert any(not m.seen for m in mails) and any(m.seen for m in mails)


def test_customers_write_from_their_contact_addresses_about_their_own_documents(db):
    def check(conn):
        for mail in _build_in(conn):
            msg = _msg(mail)
            sender = msg["From"].addresses[0].addr_spec.lower()
            if mail.kind in ("order_status", "overdue_reply", "offer_followup", "complaint", "chain", "forwarded"):
                partner = conn.execute(text("SELECT p.mk_id FROM contacts c JOIN partners p ON p.id = c.partner_id "
                                            "WHERE lower(c.email) = :e"), {"e": sender}).scalars().all()
                assert partner, (mail.kind, sender)
                body = msg.get_body(("plain",)).get_content()
                cited = conn.execute(text("SELECT partner_mk_id FROM documents WHERE instr(:b, count_code) > 0 "
                                          "OR (buyer_order != '' AND instr(:b, buyer_order) > 0)"),
                                     {"b": msg["Subject"] + body}).scalars().all()
                if not msg["Subject"].startswith("Re: Dobava") and not msg["Subject"].startswith("Re: Delivery"):
                    assert set(cited) & set(partner), (mail.kind, msg["Subject"])  # later replies may not cite
            if mail.kind in ("prospect", "newsletter"):
                domain = sender.rsplit("@", 1)[1]
                known = conn.execute(text("SELECT count(*) FROM contacts WHERE email LIKE :d UNION ALL "
                                          "SELECT count(*) FROM partners WHERE email LIKE :d"),
                                     {"d": f"%@{domain}"}).scalars().all()
                assert sum(known) == 0, sender
            if mail.kind == "partner_domain":
                domain = sender.rsplit("@", 1)[1]
                assert conn.execute(text("SELECT count(*) FROM contacts WHERE lower(email) = :e"),
                                    {"e": sender}).scalar_one() == 0
                assert conn.execute(text("SELECT count(*) FROM contacts WHERE email LIKE :d"),
                                    {"d": f"%@{domain}"}).scalar_one() > 0

    def _build_in(conn):
        return build_demo_mailbox(conn, now=NOW)

    asyncio.run(db.read(check))


def test_products_are_named_with_codes_and_inflected_names(db):
    def products(conn):
        return dict(conn.execute(text("SELECT code, name FROM products")).all())

    catalogue = asyncio.run(db.read(products))
    mails = _build(db)
    texts = [_msg(m).get_body(("plain",)).get_content() for m in mails if m.kind in ("price_request", "stock_request")]
    assert sum(any(code in body for code in catalogue) for body in texts) >= 3
    assert any("ega " in body for body in texts)  # "pralnega stroja …": Slovenian genitive forms


def test_special_mails_chain_attachments_and_newsletter(db):
    mails = _build(db)
    chain = [_msg(m) for m in mails if m.kind == "chain"][::-1]  # oldest first
    assert chain[0]["In-Reply-To"] is None
    assert chain[1]["In-Reply-To"] and chain[0]["Message-ID"] in chain[1]["References"]
    assert chain[1]["Message-ID"] in chain[2]["References"]
    files = {}
    for mail in mails:
        if mail.kind == "attachment":
            for part in _msg(mail).iter_attachments():
                files[part.get_filename()] = part.get_content()
    assert files["narocilo.csv"].startswith("koda;naziv;kolicina")
    assert files["narocilnica.pdf"].startswith(b"%PDF")
    letter = next(_msg(m) for m in mails if m.kind == "newsletter")
    html = letter.get_body(("html",)).get_content()
    assert "<img src=\"https://" in html and "url(https://" in html
    assert not next(m for m in mails if m.kind == "newsletter").seen


def test_a_cache_without_partners_gives_an_empty_mailbox(tmp_path):
    database = Database.open(tmp_path / "empty.sqlite3")
    try:
        assert asyncio.run(database.read(lambda conn: build_demo_mailbox(conn, now=NOW))) == ()
    finally:
        database.close()


def test_now_must_carry_its_offset(db):
    with pytest.raises(ValueError, match="aware"):
        _build(db, now=datetime(2026, 3, 2, 10, 0))


def test_import_stores_the_mailbox_once_with_parsed_fields(db):
    report = asyncio.run(db.write(lambda conn: import_demo_mailbox(conn, now=NOW)))
    assert report.added == len(_build(db)) and not report.skipped
    assert report.changes.touches("mail") and report.changes.touches("mail_links")

    def facts(conn):
        account = conn.execute(text("SELECT id, kind, own_address FROM mail_accounts WHERE name = :n"),
                               {"n": DEMO_ACCOUNT}).one()
        rows = conn.execute(text("SELECT m.subject, m.from_addr, m.seen, m.attachments_json, m.has_remote "
                                 "FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
                                 "WHERE f.account_id = :a AND f.name = 'INBOX'"), {"a": account[0]}).all()
        return account, rows

    account, rows = asyncio.run(db.read(facts))
    assert account[1] == "demo" and account[2]
    assert len(rows) == report.added
    assert any(r.has_remote for r in rows)  # the newsletter
    assert any(r.attachments_json and "narocilnica.pdf" in r.attachments_json for r in rows)
    assert {bool(r.seen) for r in rows} == {True, False}
    links = asyncio.run(db.read(lambda conn: conn.execute(text(
        "SELECT kind, count(DISTINCT message_id) FROM email_links GROUP BY kind")).all()))
    assert dict(links)["partner"] >= report.added - 6  # all but prospects, newsletters and the like
    assert dict(links)["document"] >= 10 and dict(links)["product"] >= 5
    again = asyncio.run(db.write(lambda conn: import_demo_mailbox(conn, now=NOW + timedelta(days=1))))
    assert again.skipped and again.added == 0 and not again.changes


def test_a_tiny_company_still_gets_a_mailbox(tmp_path):
    """Few partners and products: the generator makes fewer mails instead of failing."""
    from mkdesk.core.cache.upsert import upsert_partners, upsert_products
    from tests.core.cache_data import partner, product

    database = Database.open(tmp_path / "tiny.sqlite3")
    try:
        asyncio.run(database.write(lambda conn: (upsert_partners(conn, [partner(1), partner(2)]),
                                                 upsert_products(conn, [product(1), product(2)]))))
        mails = asyncio.run(database.read(lambda conn: build_demo_mailbox(conn, now=NOW)))
    finally:
        database.close()
    assert mails and all(_msg(m)["From"] for m in mails)
