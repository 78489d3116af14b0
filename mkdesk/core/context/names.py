"""Core layer: product names in free text — accent-insensitive, tolerant of Slovenian word endings (reader threads).

A product name reads "<type words> <Brand> <model> <specs>" ("Pralni stroj Candy UJ3932H"). The catalogue is indexed
once per database and catalogue state (rebuilt after a products sync) by its type words; a mail mentions a product
when it names the type words (inflected: "pralnega stroja") followed by the brand or the model, or names the type of
a product that is the only one of its kind (a type of two words or more: "toplotna črpalka"). Words match when
equal without accents, when their Slovenian lemmas (simplemma) are equal, or when they differ only in a case ending
("pralni"/"pralnega").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from sqlalchemy import Connection

from mkdesk.core.cache.query import one, rows
from mkdesk.core.context.reasons import render
from mkdesk.core.context.text import fold

_WORD = re.compile(r"[^\W_]+(?:[-+][^\W_]+)*")
#: case and number endings of Slovenian nouns and adjectives (after the shared stem)
ENDINGS = frozenset("""
a e i o u em om ih im ov ev ega emu ima ama ami ah eh mi ji jo ju ja je oma ema ovi evi imi ega ih jem jih
""".split()) | {""}
#: how many type words and tokens after them are looked at
MAX_HEAD = 4
LOOKAHEAD = 3
MAX_WINDOW = 6
SPEC_WINDOW = 6
_MIN_STEM = 3
_FLEETING_E = re.compile(r"[^aeiou]e[lrnmvck]$")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    folded: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CatalogueProduct:
    product_id: int
    mk_id: str
    code: str | None
    name: str
    unit: str | None
    head: tuple[str, ...]  # folded type words
    # tuples of strings, not sets: the garbage collector stops tracking them (20 000 products stay cheap to scan)
    brands: tuple[str, ...]  # folded capitalized words after the type words ("candy")
    models: tuple[str, ...]  # folded tokens with digits
    specs: tuple[str, ...] = ()  # the other folded words after the type words ("okrogel", "18", "w")


@dataclass(frozen=True, slots=True)
class NameHit:
    product: CatalogueProduct
    start: int  # character span in the text
    end: int
    confidence: float
    reason_code: str  # `reasons.TEMPLATES`: name_sure, name_group, name_unique
    reason_args: tuple[tuple[str, str], ...]
    group: frozenset[int] = frozenset()  # the products it may equally be ("one of N")

    @property
    def reason(self) -> str:
        return render(self.reason_code, self.reason_args)


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), fold(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The folded Slovenian lemma of a word (the word itself when simplemma does not know it)."""
    try:
        return fold(simplemma.lemmatize(word.lower(), lang="sl"))
    except Exception:  # noqa: BLE001 - a lemmatizer hiccup must not break matching
        return fold(word)


def word_match(written: Token | str, name_word: str) -> bool:
    """`written` (from the mail) is a form of `name_word` (folded, from a product name)."""
    w = written.folded if isinstance(written, Token) else fold(written)
    if w == name_word:
        return True
    if len(w) < _MIN_STEM or len(name_word) < _MIN_STEM or any(c.isdigit() for c in w + name_word):
        return False
    common = 0
    for a, b in zip(w, name_word):
        if a != b:
            break
        common += 1
    if common >= _MIN_STEM and w[common:] in ENDINGS and name_word[common:] in ENDINGS:
        return True
    if _FLEETING_E.search(name_word):  # "panel" → "panla", "kabel" → "kablov": the e drops before an ending
        stem = name_word[:-2] + name_word[-1]
        if w.startswith(stem) and w[len(stem):] in ENDINGS and w != stem:
            return True
    original = written.text if isinstance(written, Token) else written
    return common >= 2 and lemma(original) == lemma(name_word)


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[str, bool, bool, bool]:
    """(folded, has a digit, has a letter, starts upper case) of a catalogue word; the words repeat (types, brands,
    units), so 20 000 names split in a fraction of the time."""
    return fold(word), any(c.isdigit() for c in word), any(c.isalpha() for c in word), word[:1].isupper()


def _split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    words = [(w, *_word(w)) for w in _WORD.findall(name)]
    rest_start = len(words)
    for i, (_w, _folded, digit, _alpha, upper) in enumerate(words):
        if i > 0 and (upper or digit) or i == MAX_HEAD:  # "Candy", "LG", "SDS-plus", "3"
            rest_start = i
            break
    head, rest = words[:rest_start], words[rest_start:]
    brands = tuple(dict.fromkeys(f for w, f, digit, _a, upper in rest if upper and len(w) > 1 and not digit))
    models = tuple(dict.fromkeys(f for w, f, digit, alpha, _u in rest if digit and alpha and len(w) >= 4))
    specs = tuple(dict.fromkeys(f for _w, f, *_flags in rest if f not in brands))
    return tuple(f for _w, f, *_flags in head), brands, models, specs


class Catalogue:
    """Products indexed by their type words; `find` returns the products a text names."""

    def __init__(self, products: list[CatalogueProduct]) -> None:
        self.products = products
        #: type words → positions in `products`; per type: model word → positions, brand word → positions
        by_head: dict[tuple[str, ...], list[int]] = {}
        models: dict[tuple[str, ...], dict[str, list[int]]] = {}
        brands: dict[tuple[str, ...], dict[str, list[int]]] = {}
        for n, p in enumerate(products):
            if not p.head:
                continue
            by_head.setdefault(p.head, []).append(n)
            for model in p.models:
                models.setdefault(p.head, {}).setdefault(model, []).append(n)
            for brand in p.brands:
                brands.setdefault(p.head, {}).setdefault(brand, []).append(n)
        self.by_head = {head: tuple(ns) for head, ns in by_head.items()}
        #: per type: every word written after its type words in some name (brands, models, specs)
        self.words = {head: frozenset(w for n in ns for p in (products[n],) for w in (*p.brands, *p.models,
                                                                                     *p.specs))
                      for head, ns in by_head.items()}
        self.models = {head: {w: tuple(ns) for w, ns in m.items()} for head, m in models.items()}
        self.brands = {head: {w: tuple(ns) for w, ns in b.items()} for head, b in brands.items()}
        self.buckets: dict[str, list[tuple[str, ...]]] = {}
        for head in self.by_head:
            self.buckets.setdefault(head[0][:2], []).append(head)

    @classmethod
    def from_rows(cls, found: list[dict]) -> Catalogue:
        products = []
        for r in found:
            if not r["name"]:
                continue
            head, brands, models, specs = _split_name(r["name"])
            products.append(CatalogueProduct(r["id"], r["mk_id"], r["code"], r["name"], r["unit"], head, brands,
                                             models, specs))
        _word.cache_clear()  # only the build needs it
        return cls(products)

    def find(self, text: str) -> list[NameHit]:
        toks = tokens(text)
        hits: dict[int, NameHit] = {}
        for i, tok in enumerate(toks):
            if len(tok.folded) < 2 or tok.folded[0].isdigit():
                continue
            for head in self.buckets.get(tok.folded[:2], ()):
                matched = 0
                while (matched < len(head) and i + matched < len(toks)
                       and word_match(toks[i + matched], head[matched])):
                    matched += 1
                if matched == 0:
                    continue
                for hit in self._resolve(head, matched, toks, i):
                    old = hits.get(hit.product.product_id)
                    if old is None or old.confidence < hit.confidence:
                        hits[hit.product.product_id] = hit
        return sorted(hits.values(), key=lambda h: (h.start, -h.confidence))

    def _resolve(self, head: tuple[str, ...], matched: int, toks: list[Token], i: int) -> list[NameHit]:
        products = [self.products[n] for n in self.by_head[head]]
        start = toks[i].start
        models, brands = self.models.get(head, {}), self.brands.get(head, {})
        # the words after the type: up to LOOKAHEAD, or further while they are this type's name words ("papir A4
        # 80 g Stabilo")
        known = self.words.get(head, frozenset())
        after = toks[i + matched:i + matched + LOOKAHEAD]
        for t in toks[i + matched + LOOKAHEAD:i + matched + MAX_WINDOW]:
            if not all(u.folded in known or u.folded.isdigit() for u in after):
                break
            after.append(t)
        if matched < len(head) and not (after and (after[0].folded in brands or after[0].folded in models)):
            return []  # "hladilnik Samsung" names a "Hladilnik z zamrzovalnikom"; "komplet bitov" no "Komplet svedrov"
        by_model = [self.products[n] for n in dict.fromkeys(n for t in after for n in models.get(t.folded, ()))]
        if by_model:
            end = max(t.end for t in after if t.folded in models)
            said = (("text", _span(toks, i, end)),)
            return [NameHit(p, start, end, 0.95, "name_sure", said) for p in by_model]
        hits = {}
        for t in after:
            for n in brands.get(t.folded, ()):
                hits[n] = hits.get(n, 0) + 1
        top = max(hits.values(), default=0)  # "Barcaffè Classic": both brand-like words, not only "Classic"
        by_brand = [self.products[n] for n, count in hits.items() if count == top]
        if by_brand:
            at = next(k for k, t in enumerate(toks[i + matched:], i + matched) if t.folded in brands)
            end = toks[at].end
            if len(by_brand) > 1:  # the specs written after the brand may tell them apart ("okrogel 18 W")
                by_brand, end = _by_specs(by_brand, toks[at + 1:at + 1 + SPEC_WINDOW], end)
            text = _span(toks, i, end)
            if len(by_brand) == 1:
                return [NameHit(by_brand[0], start, end, 0.85, "name_sure", (("text", text),))]
            if len(by_brand) <= 3:
                group = frozenset(p.product_id for p in by_brand)
                said = (("count", str(len(by_brand))), ("text", text))
                return [NameHit(p, start, end, 0.5, "name_group", said, group) for p in by_brand]
            return []
        if matched == len(head) and len(products) == 1 and len(head) > 1:  # "Dostava" alone is just a word
            end = toks[i + matched - 1].end
            return [NameHit(products[0], start, end, 0.75, "name_unique", (("text", _span(toks, i, end)),))]
        return []


def _by_specs(products: list[CatalogueProduct], window: list[Token], end: int
              ) -> tuple[list[CatalogueProduct], int]:
    """The products whose specs the words after the brand name most, and where those words end."""
    written = {t.folded for t in window}
    scores = {p.product_id: sum(1 for s in p.specs if s in written) for p in products}
    best = max(scores.values())
    chosen = [p for p in products if scores[p.product_id] == best]
    if best == 0 or len(chosen) == len(products):
        return products, end
    specs = {s for p in chosen for s in p.specs}
    return chosen, max([end] + [t.end for t in window if t.folded in specs])


def _span(toks: list[Token], i: int, end: int) -> str:
    words = []
    for t in toks[i:]:
        if t.start >= end:
            break
        words.append(t.text)
    return " ".join(words)


MAX_DATABASES = 4
_CACHE: dict[tuple, Catalogue] = {}
_LOCK = threading.Lock()


def catalogue(conn: Connection) -> Catalogue:
    """The catalogue index of this database, built on first use and again after a products sync or new products."""
    path = one(conn, "SELECT file FROM pragma_database_list WHERE name = 'main'")
    state = one(conn, "SELECT max(id) AS top, (SELECT last_success FROM sync_state WHERE entity = 'products') "
                      "AS synced FROM products")  # both instant (a count(*) would cost ~2 ms a message)
    key = (path["file"] if path else None, state["top"], state["synced"])
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    built = Catalogue.from_rows(rows(conn, "SELECT id, mk_id, code, name, unit FROM products"))
    with _LOCK:
        for old in [k for k in _CACHE if k[0] == key[0]]:
            del _CACHE[old]
        while len(_CACHE) >= MAX_DATABASES:  # tests and profile switches open many files
            del _CACHE[next(iter(_CACHE))]
        _CACHE[key] = built
    return built
