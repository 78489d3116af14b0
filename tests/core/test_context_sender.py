"""Sender → partner over a real synced cache: exact emails, domains, free-mail and own domains, remembered choices."""

from __future__ import annotations

import pytest

from mkdesk.core.context.sender import (
    best_of,
    choose_sender,
    forget_choice,
    is_free_mail,
    match_sender,
    normalize_address,
    own_domains,
)
from tests.core.context_world import OWN, corpus, partner_id, world_cache, world_db  # noqa: F401


def match(db, address, **kw):
    kw.setdefault("own_domains", OWN)
    return db.read_sync(lambda conn: match_sender(conn, address, **kw))


@pytest.mark.parametrize("domain", ["gmail.com", "GMAIL.com", "hotmail.it", "yahoo.de", "outlook.com", "siol.net",
                                    "t-2.net", "amis.net", "telemach.net", "guest.arnes.si", "gmx.at", "icloud.com",
                                    "mail.siol.net"])
def test_free_mail_providers(domain):
    assert is_free_mail(domain)


@pytest.mark.parametrize("domain", ["elektro-novak.si", "arnes.si", "gmail-shop.si", "firma.gmail.hr.example.com",
                                    None, ""])
def test_company_domains_are_not_free_mail(domain):
    assert not is_free_mail(domain)


def test_contact_email_is_exact_and_ignores_case(world_db):
    (m,) = match(world_db, "  Ana.Novak@Elektro-Novak.SI ")
    assert (m.name, m.method, m.contact_name, m.confidence) == ("Elektro Novak d.o.o.", "contact_email", "Ana Novak",
                                                                0.95)
    assert m.address == "ana.novak@elektro-novak.si"


def test_one_address_at_two_partners_offers_both(world_db):
    found = match(world_db, "petra.lah@t-2.net")
    assert [m.name for m in found] == ["Gostilna Lah d.o.o.", "Lah turizem d.o.o."]
    assert all(m.method == "contact_email" and m.confidence == 0.9 and m.reason_code == "contact_email_shared"
               for m in found)
    assert "and of 1 other partner(s)" in found[0].reason and best_of(found) is None


def test_an_unknown_person_at_a_company_domain_matches_by_domain(world_db):
    (m,) = match(world_db, "nekdo.drug@elektro-novak.si")
    assert m.method == "domain" and m.confidence == 0.7 and "elektro-novak.si" in m.reason
    assert best_of((m,)) == m


def test_subdomain_falls_back_to_the_company_domain(world_db):
    (m,) = match(world_db, "racunovodstvo@mail.elektro-novak.si")
    assert m.name == "Elektro Novak d.o.o." and "elektro-novak.si" in m.reason


def test_shared_domain_needs_a_choice(world_db):
    found = match(world_db, "nabava@skupina-kovac.si")
    assert [m.name for m in found] == ["Kovač servis d.o.o.", "Kovač trgovina d.o.o."]
    assert all(m.confidence == 0.5 for m in found) and best_of(found) is None


def test_exact_contact_beats_the_shared_domain(world_db):
    found = match(world_db, "peter.kovac@skupina-kovac.si")
    assert [m.name for m in found] == ["Kovač trgovina d.o.o."] and found[0].method == "contact_email"


def test_free_mail_and_own_domains_never_match_by_domain(world_db):
    assert match(world_db, "stranger@gmail.com") == ()
    assert match(world_db, "stranger@siol.net") == ()
    assert match(world_db, "kolega@mojafirma.si") == ()
    assert match(world_db, "kolega@podruznica.mojafirma.si") == ()


def test_bad_or_missing_addresses_match_nobody(world_db):
    for address in (None, "", "ni naslov", "a@b", "@firma.si"):
        assert match(world_db, address) == ()
    with pytest.raises(ValueError, match="is not an email address"):
        normalize_address("ni naslov")


def test_excluded_partners_do_not_come_back(world_db):
    servis = partner_id(world_db, "kovac_servis")
    found = match(world_db, "nabava@skupina-kovac.si", excluded={servis})
    assert [m.name for m in found] == ["Kovač trgovina d.o.o."]


def test_choice_wins_and_can_be_forgotten(world_db):
    trgovina = partner_id(world_db, "kovac_trgovina")
    changes = world_db.write_sync(choose_sender, "nabava@skupina-kovac.si", trgovina)
    assert changes.get("mail_links").inserted == 1
    found = match(world_db, "nabava@skupina-kovac.si")
    assert found[0].method == "choice" and found[0].name == "Kovač trgovina d.o.o." and best_of(found) == found[0]
    assert "You chose Kovač trgovina d.o.o. for nabava@skupina-kovac.si on" in found[0].reason
    again = world_db.write_sync(choose_sender, "nabava@skupina-kovac.si", trgovina)
    assert again.get("mail_links").inserted == 0 and again.get("mail_links").updated == 1
    assert world_db.write_sync(forget_choice, "nabava@skupina-kovac.si").get("mail_links").deleted == 1
    assert best_of(match(world_db, "nabava@skupina-kovac.si")) is None


def test_choosing_a_missing_partner_is_refused(world_db):
    with pytest.raises(ValueError, match="no partner with cache id 987654"):
        world_db.write_sync(choose_sender, "a@b.si", 987654)
    assert world_db.read_sync(lambda conn: conn.exec_driver_sql("SELECT count(*) FROM sender_choices").scalar()) == 0


def test_choice_repoints_automatic_partner_links_but_not_manual_ones(world_db):
    from mkdesk.core.context.links import link
    from mkdesk.core.mail.store import NewMessage, add_messages, ensure_account, ensure_folder

    def store(conn):
        folder = ensure_folder(conn, ensure_account(conn, "Imported", "import"), "corpus")
        raw = corpus("02_shared_domain.eml")
        return add_messages(conn, folder, [NewMessage(raw=raw), NewMessage(raw=raw + b"\n")]).added_ids

    first, second = world_db.write_sync(store)
    trgovina, servis = partner_id(world_db, "kovac_trgovina"), partner_id(world_db, "kovac_servis")
    world_db.write_sync(link, second, "partner", trgovina)
    world_db.write_sync(choose_sender, "info@skupina-kovac.si", servis)
    links = dict(world_db.read_sync(lambda conn: conn.exec_driver_sql(
        "SELECT message_id, record_id || ':' || manual FROM email_links WHERE kind = 'partner'").all()))
    assert links == {first: f"{servis}:0", second: f"{trgovina}:1"}


def test_own_domains_come_from_imap_accounts(world_db):
    from mkdesk.core.mail.store import ensure_account

    def setup(conn):
        ensure_account(conn, "Work", "imap", host="imap.mojafirma.si", port=993, security="tls",
                       username="luka.zajc@mojafirma.si", own_address="Luka.Zajc@MojaFirma.si")
        ensure_account(conn, "Private", "imap", host="imap.gmail.com", port=993, security="tls",
                       username="luka@gmail.com", own_address="luka@gmail.com")
        ensure_account(conn, "Imported", "import")
        ensure_account(conn, "Demo", "demo", own_address="prodaja@demo-podjetje.si")

    world_db.write_sync(setup)
    assert world_db.read_sync(own_domains) == frozenset({"mojafirma.si", "demo-podjetje.si"})
