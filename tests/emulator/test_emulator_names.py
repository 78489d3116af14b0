"""Tests for mkdesk.emulator.names: the static word lists are real, consistent and usable by the generator."""

from __future__ import annotations

import re
import string
from decimal import Decimal

from mkdesk.emulator import names
from mkdesk.emulator.model import TAX_RATES

#: the real post codes of the towns (Pošta Slovenije), kept here independently of the generator's table
REAL_POST_CODES = {
    "Ljubljana": "1000", "Maribor": "2000", "Celje": "3000", "Kranj": "4000", "Koper": "6000", "Velenje": "3320",
    "Novo mesto": "8000", "Ptuj": "2250", "Trbovlje": "1420", "Kamnik": "1241", "Jesenice": "4270",
    "Nova Gorica": "5000", "Domžale": "1230", "Škofja Loka": "4220", "Murska Sobota": "9000", "Izola": "6310",
    "Postojna": "6230", "Logatec": "1370", "Vrhnika": "1360", "Kočevje": "1330", "Grosuplje": "1290",
    "Litija": "1270", "Zagorje ob Savi": "1410", "Slovenska Bistrica": "2310", "Slovenj Gradec": "2380",
    "Ravne na Koroškem": "2390", "Žalec": "3310", "Šentjur": "3230", "Rogaška Slatina": "3250", "Brežice": "8250",
    "Krško": "8270", "Sevnica": "8290", "Črnomelj": "8340", "Metlika": "8330", "Trebnje": "8210",
    "Ajdovščina": "5270", "Sežana": "6210", "Piran": "6330", "Bled": "4260", "Radovljica": "4240", "Tržič": "4290",
    "Idrija": "5280", "Ljutomer": "9240", "Lendava": "9220", "Gornja Radgona": "9250", "Ormož": "2270",
    "Medvode": "1215", "Ivančna Gorica": "1295",
}  # fmt: skip

#: first digit of a Slovenian post code (postal region) → the phone area codes used there
REGION_AREAS = {"1": {"01", "03"}, "2": {"02"}, "3": {"03"}, "4": {"04"}, "5": {"05"}, "6": {"05"}, "8": {"07"},
                "9": {"02"}}


def test_towns_have_their_real_post_codes() -> None:
    towns = {town: post for town, post, _area, _w in names.TOWNS}
    assert len(towns) == len(names.TOWNS)  # no town twice
    assert towns == REAL_POST_CODES
    posts = [post for _t, post, _a, _w in names.TOWNS]
    assert len(set(posts)) == len(posts)


def test_town_area_codes_match_the_postal_region() -> None:
    for town, post, area, weight in names.TOWNS:
        assert re.fullmatch(r"[1-9]\d{3}", post), town
        assert area in REGION_AREAS[post[0]], town
        assert weight >= 1
    by_weight = sorted(names.TOWNS, key=lambda t: -t[3])
    assert [t[0] for t in by_weight[:2]] == ["Ljubljana", "Maribor"]


def test_countries_and_foreign_towns() -> None:
    assert names.COUNTRIES["SI"] == ("Slovenija", "Slovenia")
    assert set(names.FOREIGN) < set(names.COUNTRIES)
    post_format = {"HR": r"\d{5}", "AT": r"[1-9]\d{3}", "IT": r"\d{5}", "DE": r"\d{5}"}
    capitals = {"HR": ("Zagreb", "10000"), "AT": ("Wien", "1010"), "DE": ("Berlin", "10115"),
                "IT": ("Milano", "20121")}
    for iso2, spec in names.FOREIGN.items():
        towns = spec["towns"]
        assert capitals[iso2] in towns
        for town, post in towns:  # type: ignore[misc]
            assert re.fullmatch(post_format[iso2], post), (iso2, town)
        assert spec["tld"] == iso2.lower()
        for key in ("streets", "surnames", "forms"):
            assert len(spec[key]) >= 3 and len(set(spec[key])) == len(spec[key])


def test_people_and_firm_words() -> None:
    assert len(set(names.EXTRA_SURNAMES)) == len(names.EXTRA_SURNAMES)
    with_caron = [s for s in names.EXTRA_SURNAMES if set(s) & set("čšžČŠŽ")]
    assert len(with_caron) >= len(names.EXTRA_SURNAMES) // 3
    for word in names.EXTRA_SURNAMES + names.TRADES + names.FIRM_HEADS + names.INSTITUTION_WORDS:
        assert word[0].isupper() and word == word.strip()
    assert all(t == t.lower() and t.isascii() for t in names.FIRM_TAILS)


def test_mail_and_phone_lists() -> None:
    for domain in names.FREE_MAIL_DOMAINS:
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z]+", domain), domain
    assert "gmail.com" in names.FREE_MAIL_DOMAINS and "siol.net" in names.FREE_MAIL_DOMAINS
    assert all(re.fullmatch(r"0[3-7]\d", p) for p in names.GSM_PREFIXES)
    assert all(re.fullmatch(r"[a-z]+", m) for m in names.ROLE_MAILBOXES)
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+", c) for c in names.COMMERCIALISTS)


def _fields(pattern: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}


def test_product_templates_are_consistent() -> None:
    prefixes = [t[3] for t in names.PRODUCT_TEMPLATES]
    assert len(set(prefixes)) == len(prefixes), "two templates share a code prefix"
    for category, pattern, group, prefix, unit, (lo, hi), (wlo, whi), tax, weight in names.PRODUCT_TEMPLATES:
        fields = _fields(pattern)
        assert fields <= {"brand", "model", "v"}, pattern
        assert ("brand" in fields) == bool(group), pattern
        if group:
            assert names.BRANDS[group]
        if "v" in fields:
            assert names.VARIANTS[prefix], prefix
        assert re.fullmatch(r"[A-Z]{2}", prefix)
        assert unit in ("kos", "kpl", "kg", "m")
        assert 0 < lo < hi and 0 < wlo <= whi
        assert tax in TAX_RATES and weight >= 1
        assert category and category[0].isupper()
    used_variants = {t[3] for t in names.PRODUCT_TEMPLATES if "v" in _fields(t[1])}
    assert set(names.VARIANTS) == used_variants, "variants without a template or templates without variants"
    used_groups = {t[2] for t in names.PRODUCT_TEMPLATES if t[2]}
    assert set(names.BRANDS) == used_groups
    for group, brands in names.BRANDS.items():
        assert len(set(brands)) == len(brands), group
    for prefix, variants in names.VARIANTS.items():
        assert len(set(variants)) == len(variants), prefix


def test_services() -> None:
    codes = [s[0] for s in names.SERVICES]
    assert len(set(codes)) == len(codes)
    assert codes[:2] == ["DOSTAVA", "DOSTAVA-VELIKI"]  # the smallest catalogue keeps the two delivery services
    for code, name, unit, price, tax in names.SERVICES:
        assert re.fullmatch(r"[A-Z0-9-]+", code) and name
        assert unit in ("kos", "ura")
        assert Decimal(price) > 0 and -Decimal(price).as_tuple().exponent == 4
        assert tax in TAX_RATES
    assert not set(codes) & {t[3] for t in names.PRODUCT_TEMPLATES}


def test_text_lines() -> None:
    assert len(set(names.TEXT_LINES)) == len(names.TEXT_LINES) >= 3
    assert all(t[0].isupper() and t.endswith(".") for t in names.TEXT_LINES)
