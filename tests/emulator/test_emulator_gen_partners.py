"""Tests for mkdesk.emulator.gen_partners: ASCII folding, slugs, tax numbers, name pools and the partner builder."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from mkdesk.emulator import names
from mkdesk.emulator.gen_partners import (
    PartnerBuilder,
    PartnerInfo,
    Pools,
    ascii_fold,
    build_pools,
    si_tax_check,
    slug,
)
from mkdesk.emulator.model import TZ, DocPartner, Store

TODAY = date(2026, 11, 24)
#: hand pools full of č/š/ž/ć/đ so that every e-mail has to be folded
POOLS = Pools(
    male=["Đorđe", "Matjaž", "Žiga", "Luka", "Aljoša"],
    female=["Špela", "Ana", "Nataša", "Živa"],
    surnames=["Žnidaršič", "Ćosić", "Đurić", "Kovačič", "Novak", "Šuštar", "Čeh", "Müller"],
    streets=["Celovška cesta", "Šmartinska cesta", "Ulica Ivana Cankarja"],
)
SI_TOWNS = {(t, p) for t, p, _a, _w in names.TOWNS}


def si_tax_ok(number: str) -> bool:
    """Independent check of a Slovenian tax number (8 digits, mod-11 check digit, 10 and 11 never issued)."""
    if not re.fullmatch(r"[1-9]\d{7}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:7], (8, 7, 6, 5, 4, 3, 2), strict=True))
    check = 11 - total % 11
    return check < 10 and check == int(number[7])


def builder(seed: int = 3, pools: Pools = POOLS) -> PartnerBuilder:
    return PartnerBuilder(Store("4711", "k", TODAY), random.Random(seed), pools, TODAY)


@pytest.fixture(scope="module")
def infos() -> list[PartnerInfo]:
    return builder().build(400)


# ----- folding and slugs ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, folded", [
    ("Žnidaršič", "Znidarsic"),
    ("čšž ČŠŽ", "csz CSZ"),
    ("Ćosić Đurić đak", "Cosic Duric dak"),
    ("Müller Straße", "Muller Strasse"),
    ("Kärcher Ørsted Æble", "Karcher Orsted AEble"),
    ("ørsted ærø Łódź", "orsted aero Lodz"),
    ("plain ascii 123", "plain ascii 123"),
])  # fmt: skip
def test_ascii_fold(text: str, folded: str) -> None:
    assert ascii_fold(text) == folded
    assert ascii_fold(text).isascii()


@pytest.mark.parametrize("text, expected", [
    ("Elektro Žnidaršič", "elektro-znidarsic"),
    ("Ćosić & sinovi", "cosic-sinovi"),
    ("Đurić + Čeh", "duric-ceh"),
    ("  Hotel   Bled  d.d. ", "hotel-bled-d-d"),
    ("De'Longhi", "de-longhi"),
    ("Škofja Loka", "skofja-loka"),
    ("---", ""),
    ("Øster & Æbelø", "oster-aebelo"),
    ("Łukasz Wójcik", "lukasz-wojcik"),
])  # fmt: skip
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_of_any_latin_name_is_ascii() -> None:
    """Slugs become e-mail local parts and domains: upper-case letters are folded before lower-casing."""
    letters = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿČĆĐŠŽčćđšžŁłŃńŚśŹźŻż"
    bad = {c for c in letters if not slug(c).isascii()}
    assert bad == {"Ð", "Þ"}, bad  # Icelandic eth/thorn have no ASCII decomposition (never in the name lists)


# ----- Slovenian tax numbers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["45884595", "82646716", "10000011"])
def test_si_tax_check_digit_of_real_numbers(number: str) -> None:
    assert si_tax_check(number[:7]) == int(number[7])
    assert si_tax_ok(number)


@pytest.mark.parametrize("first7", ["0000000", "0000006", "1000002", "9900004"])
def test_prefixes_that_cannot_carry_a_valid_number(first7: str) -> None:
    # weighted sums 0, 12, 12 and 143 leave remainder 0 or 1 → the check digit would be 11 or 10
    assert si_tax_check(first7) is None


def test_si_tax_check_agrees_with_the_independent_rule() -> None:
    rng = random.Random(1)
    for _ in range(2000):
        first7 = str(rng.randint(1000000, 9999999))
        check = si_tax_check(first7)
        if check is None:
            assert not any(si_tax_ok(first7 + str(d)) for d in range(10))
        else:
            assert 1 <= check <= 9 and si_tax_ok(first7 + str(check))
            assert [d for d in range(10) if si_tax_ok(first7 + str(d))] == [check]


def test_builder_tax_ids_are_valid_and_unique() -> None:
    b = builder()
    ids = [b.si_tax_id() for _ in range(3000)]
    assert len(set(ids)) == len(ids)
    assert all(si_tax_ok(i) for i in ids)


# ----- pools --------------------------------------------------------------------------------------------------------
def test_build_pools_deterministic_sorted_and_merged() -> None:
    pools = build_pools(1)
    assert pools == build_pools(1)
    for values in (pools.male, pools.female, pools.surnames, pools.streets):
        assert values == sorted(set(values)) and len(values) > 20
    assert set(names.EXTRA_SURNAMES) <= set(pools.surnames)
    assert all(s[0].isupper() for s in pools.surnames)
    assert build_pools(2).streets != pools.streets or build_pools(2).male != pools.male


# ----- small helpers ------------------------------------------------------------------------------------------------
def test_domain_collisions() -> None:
    b = builder()
    assert b.domain("kovac", "si", "Novo mesto") == "kovac.si"
    assert b.domain("kovac", "si", "Novo mesto") == "kovac-novo-mesto.si"
    assert b.domain("kovac", "si", "Novo mesto") == "kovac2.si"
    assert b.domain("kovac", "si", "Ljubljana") == "kovac-ljubljana.si"
    assert b.domain("kovac", "si", "Ljubljana") == "kovac3.si"
    assert b.domain("kovac", "com", "Ljubljana") == "kovac.com"
    assert b.domain_list == ["kovac.si", "kovac-novo-mesto.si", "kovac2.si", "kovac-ljubljana.si", "kovac3.si",
                             "kovac.com"]


def test_unique_name_falls_back_to_a_number() -> None:
    b = builder()
    assert b.unique_name(lambda: "Kovač d.o.o.") == "Kovač d.o.o."
    second = b.unique_name(lambda: "Kovač d.o.o.")
    assert re.fullmatch(r"Kovač d\.o\.o\. \d+", second)
    assert b.names == {"Kovač d.o.o.", second}


def test_phone_formats() -> None:
    b = builder()
    for _ in range(200):
        assert re.fullmatch(r"0\d\d \d{3} \d{3}", b.gsm()) and b.gsm()[:3] in names.GSM_PREFIXES
        assert re.fullmatch(r"04 [2-7]\d\d \d\d \d\d", b.landline("04"))
        street = b.street()
        assert re.fullmatch(r".+ \d{1,3}[abc]?", street) and street.rsplit(" ", 1)[0] in POOLS.streets
        assert b.town() in names.TOWNS


# ----- built partners -----------------------------------------------------------------------------------------------
def test_partners_ids_numbers_and_dates(infos: list[PartnerInfo]) -> None:
    partners = [i.partner for i in infos]
    assert len(partners) == 400
    assert [int(p.mk_id) for p in partners] == list(range(400071680001, 400071680401))
    numbers = [int(p.count_code.split("/")[0]) for p in partners]
    assert numbers == list(range(1, 401))
    created = [i.created for i in infos]
    assert created == sorted(created)  # oldest first
    assert all(p.count_code.endswith(f"/{i.created.year}") for p, i in zip(partners, infos, strict=True))
    end = datetime.combine(TODAY - timedelta(days=1), time(23, 59, 59), TZ)
    for info in infos:
        assert info.created < TODAY and (TODAY - info.created).days <= 2600
        assert info.partner.last_change is not None
        assert datetime.combine(info.created, time(8), TZ) <= info.partner.last_change <= end
    assert infos[5].foreign and infos[17].foreign


def test_partner_kinds(infos: list[PartnerInfo]) -> None:
    kinds = Counter("foreign" if i.foreign else "private" if i.private else "firm" for i in infos)
    assert kinds["firm"] > 200 and kinds["private"] > 60 and kinds["foreign"] >= 2
    for info in infos:
        p = info.partner
        assert p.buyer and p.addresses and p.addresses[0].address_type == "Račun"
        assert [c.mk_address_id for c in p.contacts] == [p.addresses[0].mk_id] * len(p.contacts)
        if info.private:
            assert not p.business_entity and not p.taxpayer and p.tax_id_number is None
            assert p.registration_number is None and info.due_days == 8 and len(p.contacts) in (1, 2)
        elif info.foreign:
            assert p.business_entity and p.taxpayer and info.due_days == 30
            iso2 = p.addresses[0].country_iso2
            assert iso2 in names.FOREIGN and p.tax_id_number.startswith("ATU" if iso2 == "AT" else iso2)
            assert (p.addresses[0].city, p.addresses[0].post_number) in names.FOREIGN[iso2]["towns"]
        else:
            assert p.business_entity and info.due_days in (8, 15, 30)
            assert re.fullmatch(r"\d{7}000", p.registration_number or "")
            if p.tax_id_number:
                assert p.tax_id_number.startswith("SI") == p.taxpayer
                assert si_tax_ok(p.tax_id_number.removeprefix("SI"))
            assert 1 <= len(p.contacts) <= 6
            if " s.p." in p.customer:
                assert len(p.contacts) <= 3
    tax_ids = [i.partner.tax_id_number for i in infos if i.partner.tax_id_number]
    assert len(set(tax_ids)) == len(tax_ids)
    assert len({i.partner.customer for i in infos}) == len(infos)


def test_domestic_addresses_use_real_towns_and_post_codes(infos: list[PartnerInfo]) -> None:
    addresses = [a for i in infos for a in i.partner.addresses if a.country_iso2 == "SI"]
    assert len(addresses) > 350
    for a in addresses:
        assert (a.city, a.post_number) in SI_TOWNS
        assert a.country == "Slovenija" and a.language == "Slovenski"
    ids = [a.mk_id for i in infos for a in i.partner.addresses]
    assert len(set(ids)) == len(ids)
    assert any(a.address_type == "Dobava" for a in addresses)


def test_emails_are_folded_to_ascii(infos: list[PartnerInfo]) -> None:
    emails = [c.email for i in infos for c in i.partner.contacts if c.email]
    emails += [i.partner.email for i in infos if i.partner.email]
    assert len(emails) > 400
    for email in emails:
        assert email.isascii() and email == email.lower(), email
        assert re.fullmatch(r"[a-z0-9.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+", email), email
    locals_ = " ".join(e.split("@")[0] for e in emails)
    for folded in ("znidarsic", "cosic", "duric", "kovacic", "sustar"):
        assert folded in locals_, folded
    firstnames = {e.split("@")[0].split(".")[0] for e in emails}
    assert firstnames & {"dorde", "matjaz", "ziga", "spela", "natasa", "ziva", "aljosa"}


def test_contact_names_keep_their_diacritics(infos: list[PartnerInfo]) -> None:
    contacts = [c.name for i in infos for c in i.partner.contacts]
    assert any("Đ" in n or "đ" in n for n in contacts) and any("ć" in n for n in contacts)
    assert any("Ž" in n or "ž" in n for n in contacts)


def test_firm_emails_use_the_firm_domain(infos: list[PartnerInfo]) -> None:
    for info in infos:
        if info.private or not info.partner.contacts:
            continue
        domains = {c.email.split("@")[1] for c in info.partner.contacts if c.email}
        foreign_mail = domains - set(names.FREE_MAIL_DOMAINS)
        if info.foreign:
            tld = names.FOREIGN[info.partner.addresses[0].country_iso2]["tld"]
            assert all(d.endswith("." + tld) for d in domains)
        elif len(foreign_mail) > 1:  # only a contact shared with another partner may bring a second domain
            assert len(foreign_mail) == 2


def test_doc_partner_snapshot(infos: list[PartnerInfo]) -> None:
    for info in infos:
        p, dp = info.partner, info.doc_partner()
        billing = p.billing_address()
        assert isinstance(dp, DocPartner)
        assert (dp.mk_id, dp.mk_address_id, dp.count_code, dp.customer) == (p.mk_id, billing.mk_id, p.count_code,
                                                                             p.customer)
        assert (dp.street, dp.post_number, dp.place, dp.country_iso2) == (billing.street, billing.post_number,
                                                                           billing.city, billing.country_iso2)
        assert dp.country == names.COUNTRIES[billing.country_iso2][1]
        assert (dp.business_entity, dp.taxpayer, dp.foreign, dp.tax_id_number) == (
            p.business_entity, p.taxpayer, p.foreign, p.tax_id_number)
        main = p.contacts[0]
        assert (dp.contact_name, dp.contact_email, dp.contact_phone) == (main.name, main.email, main.gsm or main.phone)
        assert info.doc_partner() == dp and info.doc_partner() is not dp


def test_buying_weights(infos: list[PartnerInfo]) -> None:
    weights = Counter(i.weight for i in infos)
    assert weights[0.0] > 10  # some never buy
    assert set(weights) <= {0.0, 0.6, 2.0, 0.8, 4.0, 18.0, 6.0}
    assert all(i.weight == 6.0 for i in infos if i.burst)
    assert all(i.weight in (0.0, 0.6, 2.0) for i in infos if i.private)
    assert any(i.bad_payer for i in infos)


def test_builder_is_deterministic() -> None:
    a = [(i.partner, i.snapshot, i.weight) for i in builder(seed=8).build(60)]
    b = [(i.partner, i.snapshot, i.weight) for i in builder(seed=8).build(60)]
    assert a == b
    c = [(i.partner, i.snapshot, i.weight) for i in builder(seed=9).build(60)]
    assert a != c
