"""Product names in free text: Slovenian endings, accents, brands and models, vague words left alone."""

from __future__ import annotations

import pytest

from mkdesk.core.context.names import Catalogue, catalogue, word_match
from tests.core.context_world import world_cache, world_db  # noqa: F401

NAMES = ["Pralni stroj Candy UJ3932H", "Pralni stroj LG VAG4202", "Pralni stroj LG BR5055L", "Pralni stroj LG EVJT1357",
         "Pralni stroj LG UPBG5772", "Sušilni stroj Gorenje WBVU4519", "HDMI kabel Hama 3 m",
         "Hladilnik z zamrzovalnikom Samsung NX4101", "Toplotna črpalka Daikin Altherma 8 kW", "Dostava",
         "Vrtalno kladivo SDS-plus Makita DHZ9721", "Sesalnik Rowenta GME9570", "Sesalnik Rowenta VMWL4847",
         "LED panel Ledvance okrogel 18 W", "LED panel Ledvance okrogel 24 W", "Komplet bitov Knipex 25 mm 30 kos",
         "Komplet bitov Knipex 10 kos"]


@pytest.fixture(scope="module")
def cat():
    return Catalogue.from_rows([{"id": i, "mk_id": str(i), "code": f"C{i}", "name": n, "unit": "kos"}
                                for i, n in enumerate(NAMES)])


def found(cat, text):
    return [(NAMES[h.product.product_id], h.confidence) for h in cat.find(text)]


@pytest.mark.parametrize("written, name", [
    ("pralnega", "pralni"), ("pralna", "pralni"), ("stroja", "stroj"), ("strojev", "stroj"), ("Sušilnega", "susilni"),
    ("kabla", "kabel"), ("tehtnico", "tehtnica"), ("črpalko", "crpalka"), ("HLADILNIKA", "hladilnik"),
    ("panla", "panel"), ("kablov", "kabel"), ("lončka", "lonček"),
])
def test_inflected_forms_match(written, name):
    assert word_match(written, name)


@pytest.mark.parametrize("written, name", [("kabina", "kabel"), ("stol", "stroj"), ("z", "za"), ("pralnica", "pralni"),
                                           ("3932", "uj3932h")])
def test_other_words_do_not(written, name):
    assert not word_match(written, name)


def test_type_with_model_is_certain(cat):
    assert found(cat, "Rabim 2 pralna stroja Candy UJ3932H.") == [("Pralni stroj Candy UJ3932H", 0.95)]
    assert found(cat, "hladilnik Samsung NX4101") == [("Hladilnik z zamrzovalnikom Samsung NX4101", 0.95)]


def test_type_with_a_brand_of_one_product(cat):
    assert found(cat, "cena sušilnega stroja Gorenje?") == [("Sušilni stroj Gorenje WBVU4519", 0.85)]
    assert found(cat, "vrtalnega kladiva Makita") == [("Vrtalno kladivo SDS-plus Makita DHZ9721", 0.85)]


def test_a_few_products_of_a_brand_are_all_offered_less_surely(cat):
    assert sorted(found(cat, "sesalnik Rowenta")) == [("Sesalnik Rowenta GME9570", 0.5),
                                                      ("Sesalnik Rowenta VMWL4847", 0.5)]


def test_specs_after_the_brand_tell_products_apart(cat):
    assert found(cat, "Dobava LED panla Ledvance okrogel 18 W") == [("LED panel Ledvance okrogel 18 W", 0.85)]
    assert found(cat, "2 kompleta bitov Knipex 10 kos") == [("Komplet bitov Knipex 10 kos", 0.85)]
    assert sorted(found(cat, "LED panel Ledvance, okrogel")) == [("LED panel Ledvance okrogel 18 W", 0.5),
                                                                 ("LED panel Ledvance okrogel 24 W", 0.5)]
    (hit,) = [h for h in cat.find("komplet bitov Knipex 25 mm 30 kos, 2 kos") if h.confidence > 0.5]
    assert "komplet bitov Knipex 25 mm 30 kos" in hit.reason  # the span covers the specs, not the quantity


def test_a_partial_type_needs_the_brand_or_model_right_after_it(cat):
    assert found(cat, "hladilnik Samsung NX4101") == [("Hladilnik z zamrzovalnikom Samsung NX4101", 0.95)]
    assert found(cat, "hladilnik in pralni stroj Samsung") == []  # "hladilnik … Samsung" is not one name


def test_brand_like_words_all_count(cat):
    extra = Catalogue.from_rows([{"id": i, "mk_id": str(i), "code": None, "name": n, "unit": "kos"} for i, n in
                                 enumerate(["Kava v zrnu Barcaffè Classic", "Kava v zrnu Segafredo Classic",
                                            "Papir A4 80 g Stabilo, 500 listov", "Papir A4 80 g Herlitz, 500 listov"])])
    assert [h.product.name for h in extra.find("3 kg kave v zrnu Barcaffe Classic")] == ["Kava v zrnu Barcaffè Classic"]
    assert [h.product.name for h in extra.find("5 paketov papirja A4 80 g Herlitz")] == [
        "Papir A4 80 g Herlitz, 500 listov"]


def test_vague_mentions_name_no_product(cat):
    assert found(cat, "pralnega stroja LG") == []  # four of them
    assert found(cat, "Pralni stroji in hladilniki v akciji!") == []
    assert found(cat, "z dostavo do vrat") == []  # one-word types need a brand or model


def test_a_unique_type_of_two_words_is_enough(cat):
    assert found(cat, "ponudba za toplotno črpalko") == [("Toplotna črpalka Daikin Altherma 8 kW", 0.75)]
    assert found(cat, "TOPLOTNE CRPALKE") == [("Toplotna črpalka Daikin Altherma 8 kW", 0.75)]


def test_hits_carry_their_span_and_reason(cat):
    text = "Pošljite 2 pralna stroja Candy UJ3932H, hvala."
    (hit,) = cat.find(text)
    assert text[hit.start:hit.end] == "pralna stroja Candy UJ3932H"
    assert "pralna stroja Candy UJ3932H" in hit.reason


def test_the_catalogue_is_built_once_and_rebuilt_after_a_change(world_db):
    first = world_db.read_sync(catalogue)
    assert world_db.read_sync(catalogue) is first
    assert len(first.products) > 200

    def bump(conn):
        conn.exec_driver_sql("UPDATE sync_state SET last_success = '2030-01-01T00:00:00+00:00' "
                             "WHERE entity = 'products'")

    world_db.write_sync(bump)
    assert world_db.read_sync(catalogue) is not first


def _inflect(word: str, case: str) -> str:
    """A rough Slovenian form of a type word (genitive, accusative or plural; short words stay as they are)."""
    w = word.lower()
    if len(w) <= 2:
        return w
    adjective = w.endswith(("ni", "ski", "ki", "ti", "ri", "li", "ji", "vi", "di", "ci", "no", "na"))
    if case == "gen":
        return (w[:-1] + "ega" if w.endswith("i") else w[:-1] + "e" if w.endswith("a") else w[:-1] + "a"
                if w.endswith("o") else w + "a") if not w.endswith("e") else w
    if case == "acc":
        return w[:-1] + "o" if w.endswith("a") and not adjective else w
    return w[:-1] + "e" if w.endswith(("i", "a")) else w + "e"


def test_every_product_of_the_synced_catalogue_is_found_by_inflected_type_brand_and_model(world_db):
    cat = world_db.read_sync(catalogue)
    tried = missed = 0
    for p in cat.products:
        if not (p.brands or p.models) or p.mk_id.startswith("99"):
            continue
        words = p.name.split()
        for case in ("gen", "acc", "pl"):
            head = " ".join(_inflect(w, case) if i < 2 else w.lower() for i, w in enumerate(words[:len(p.head)]))
            text = f"Pozdravljeni, potrebujemo 3 {head} {' '.join(words[len(p.head):])} za gradbišče."
            tried += 1
            missed += not any(h.product.product_id == p.product_id and h.confidence >= 0.85 for h in cat.find(text))
    assert tried > 500 and missed / tried < 0.02, (missed, tried)
