"""Core layer: entities in a mail — document numbers and buyer orders in the cache, products by code, model or name,
and quantities written next to them (reader threads; given the connection `Database.read` hands out).

Only references that exist in the cache count as documents; other references numbered like the cache's documents
("PP-2026-99999" when there are "PP-2025-00225") are reported as `unknown_numbers`. Quantities: "3 kos", "5x",
"x 5", "10 pcs", "2 pralna stroja".
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from sqlalchemy import Connection

from mkdesk.core.cache.fts import fts_tokens
from mkdesk.core.cache.query import marks, one, rows
from mkdesk.core.cache.repo_documents import DocumentRow, documents_by_number
from mkdesk.core.context.models import DocumentMention, Entities, ProductMention
from mkdesk.core.context.names import MAX_DATABASES, catalogue
from mkdesk.core.context.reasons import kind_word, why
from mkdesk.core.context.text import fold

#: a reference: letter/digit groups joined by "-" or "/" ("PP-2025-00225", "1-MK-2025-0125", "NAR-2025/9253")
_REF = re.compile(r"(?<![\w/.-])([A-Za-z0-9]+(?:[-/][A-Za-z0-9]+){1,4})(?![\w-]|/\w)")
#: a model or code without separators: letters and at least three digits ("UJ3932H", "VAG4202")
_MODEL = re.compile(r"(?<![\w-])([A-Za-z]{0,4}\d{3,}[A-Za-z]{0,3}|[A-Za-z]{1,4}\d[A-Za-z0-9]{2,})(?![\w-])")
_DATE_LIKE = re.compile(r"^\d{1,4}([-/.])\d{1,2}\1\d{1,4}$")
_UNITS = r"kos(?:ov|a|i|e)?|kom(?:ad|ada|adov|adi)?|pcs|pc|pieces?|units?|enot(?:a|i|e)?|x|×"
_NUMBER = r"(\d{1,6}(?:[.,]\d{1,3})?)"
_QTY_BEFORE = re.compile(rf"(?<![\w,.:/-])(?<!\d ){_NUMBER}\s*({_UNITS})?\.?\s*(?:[x×]\s*|of\s+|po\s+)?[\"'„“]?\s*$",
                         re.IGNORECASE)
_QTY_AFTER = re.compile(rf"^\s*[\"'“”]?\s*(?:[),:(–-]\s*){{0,2}}(?:(?:[x×]|qty|količina|kolicina)\s*:?\s*{_NUMBER}"
                        rf"|{_NUMBER}\s*({_UNITS})\b)", re.IGNORECASE)
_WINDOW = 24
_MAX_REFS = 40


@dataclass(frozen=True, slots=True)
class _Span:
    text: str
    start: int
    end: int


def _refs(text: str) -> list[_Span]:
    found = []
    for m in _REF.finditer(text):
        value = m.group(1)
        digits = sum(c.isdigit() for c in value)
        if digits >= 3 and len(value) <= 32 and not _DATE_LIKE.match(value):
            found.append(_Span(value, m.start(1), m.end(1)))
    return found[:_MAX_REFS]


def _models(text: str) -> list[_Span]:
    return [_Span(m.group(1), m.start(1), m.end(1)) for m in _MODEL.finditer(text)
            if any(c.isalpha() for c in m.group(1))][:_MAX_REFS]


SHAPE_SAMPLE = 5000
_SHAPES: dict[tuple, frozenset[str]] = {}
_SHAPES_LOCK = threading.Lock()


def shape(reference: str) -> str:
    """The numbering scheme of a reference: digit runs replaced ("PP-2025-00225" → "PP-#-#")."""
    return re.sub(r"\d+", "#", reference.upper())


def number_shapes(conn: Connection) -> frozenset[str]:
    """The shapes of the newest documents' numbers and buyer orders (numbering schemes live on; digits vary), cached
    per database and sync state."""
    path = one(conn, "SELECT file FROM pragma_database_list WHERE name = 'main'")
    state = tuple(r["last_success"] for r in rows(
        conn, "SELECT last_success FROM sync_state WHERE entity IN ('orders', 'invoices', 'offers') ORDER BY entity"))
    top = one(conn, "SELECT max(id) AS top FROM documents")
    key = (path["file"] if path else None, state, top["top"] if top else None)
    with _SHAPES_LOCK:
        found = _SHAPES.get(key)
    if found is None:
        newest = rows(conn, f"SELECT count_code, buyer_order FROM documents ORDER BY id DESC LIMIT {SHAPE_SAMPLE}")
        found = frozenset(shape(v) for r in newest for v in (r["count_code"], r["buyer_order"]) if v)
        with _SHAPES_LOCK:
            for old in [k for k in _SHAPES if k[0] == key[0]]:
                del _SHAPES[old]
            while len(_SHAPES) >= MAX_DATABASES:
                del _SHAPES[next(iter(_SHAPES))]
            _SHAPES[key] = found
    return found


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number > 0 else None


def quantity_near(text: str, start: int, end: int) -> tuple[Decimal | None, str | None]:
    """A quantity written right after or right before `text[start:end]` ("… 3 kos", "5x …"), and its unit."""
    after = _QTY_AFTER.match(text[end:end + _WINDOW])
    if after is not None:
        if after.group(1):
            return _number(after.group(1)), "x"
        return _number(after.group(2)), after.group(3).lower()
    before = _QTY_BEFORE.search(text[max(0, start - _WINDOW):start])
    if before is not None:
        unit = before.group(2)
        return _number(before.group(1)), unit.lower() if unit else None
    return None, None


def _status(d: DocumentRow) -> str | None:
    return d.status_code or d.status_desc


def _doc_reason(code: str, d: DocumentRow | DocumentMention, text: str) -> dict:
    return why(code, kind=kind_word(d.doc_type), doc_type=d.doc_type, number=d.count_code, partner=d.partner_name,
               text=text)


def find_documents(conn: Connection, text: str, *, partner_mk_id: str | None = None, quoted: bool = False
                   ) -> tuple[list[DocumentMention], list[str]]:
    """Documents the text refers to by number or buyer order, and reference-like strings not in the cache. In quoted
    text (`quoted=True`) only documents of `partner_mk_id` count: a quote may come from another customer's mail."""
    spans = _refs(text)
    if not spans:
        return [], []
    found = documents_by_number(conn, [s.text for s in spans], limit=50)
    by_number: dict[str, list[DocumentRow]] = {}
    for d in found:
        for key in (d.count_code, d.buyer_order):
            if key:
                by_number.setdefault(key.casefold(), []).append(d)
    mentions: list[DocumentMention] = []
    unknown: list[str] = []
    seen: set[int] = set()
    for span in spans:
        docs = by_number.get(span.text.casefold(), [])
        if not docs:
            if not quoted and shape(span.text) in number_shapes(conn):
                unknown.append(span.text)
            continue
        for d in docs:
            if d.row_id in seen or (quoted and (partner_mk_id is None or d.partner_mk_id != partner_mk_id)):
                continue
            seen.add(d.row_id)
            field = "count_code" if (d.count_code or "").casefold() == span.text.casefold() else "buyer_order"
            code = ("doc" if field == "count_code" else "buyer_order") + ("_quoted" if quoted else "")
            mentions.append(DocumentMention(
                text=span.text, field=field, document_id=d.row_id, mk_id=d.mk_id, doc_type=d.doc_type,
                count_code=d.count_code, buyer_order=d.buyer_order, partner_mk_id=d.partner_mk_id,
                partner_name=d.partner_name, status=_status(d), doc_date=d.doc_date,
                confidence=(0.8 if quoted else 0.95) if len(docs) == 1 else 0.6, quoted=quoted,
                **_doc_reason(code, d, span.text)))
    return mentions, list(dict.fromkeys(unknown))


def _products_by_code(conn: Connection, spans: list[_Span]) -> list[tuple[_Span, dict]]:
    """Spans that are a product code exactly (the code index is case-sensitive: codes are tried as written and in
    upper case), or a model number inside a product's code or name (narrowed by the search index)."""
    values = list(dict.fromkeys(v for s in spans for v in (s.text, s.text.upper())))
    if not values:
        return []
    by_code: dict[str, dict] = {}
    for r in rows(conn, f"SELECT id, mk_id, code, name, unit FROM products WHERE code IN ({marks(values)})", values):
        by_code[r["code"].casefold()] = r
    out: list[tuple[_Span, dict]] = []
    for span in spans:
        r = by_code.get(span.text.casefold())
        if r is not None:
            out.append((span, r))
            continue
        tokens = fts_tokens(span.text)
        if len(tokens) != 1 or len(span.text) < 5:
            continue
        folded = fold(span.text)
        candidates = rows(conn, "SELECT p.id, p.mk_id, p.code, p.name, p.unit FROM products p WHERE p.id IN "
                                "(SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 20)",
                          ('{code name} : "' + tokens[0] + '"',))
        exact = [c for c in candidates if folded in {fold(w) for w in re.split(r"[\s\-/]+", c["name"] or "")}
                 or fold(c["code"] or "").endswith("-" + folded)]
        if len(exact) == 1:
            out.append((span, {**exact[0], "_model": True}))
    return out


def find_products(conn: Connection, text: str) -> list[ProductMention]:
    """Products the text names by code, model number or name, each once (the most certain mention wins)."""
    best: dict[int, ProductMention] = {}

    def add(mention: ProductMention) -> None:
        old = best.get(mention.product_id)
        if old is None or (mention.confidence, mention.quantity is not None) > (old.confidence,
                                                                                  old.quantity is not None):
            best[mention.product_id] = mention

    refs = _refs(text)
    spans = refs + [m for m in _models(text) if not any(r.start <= m.start < r.end for r in refs)]
    for span, r in _products_by_code(conn, spans):
        qty, unit = quantity_near(text, span.start, span.end)
        model = r.get("_model", False)
        reason = (why("product_model", model=span.text, product=r["name"]) if model
                  else why("product_code", code=r["code"], product=r["name"]))
        add(ProductMention(text=span.text, how="code", product_id=r["id"], mk_id=r["mk_id"], code=r["code"],
                           name=r["name"], quantity=qty, unit=unit, confidence=0.9 if model else 0.97, **reason))
    hits = catalogue(conn).find(text)
    for hit in hits:
        p = hit.product
        qty, unit = quantity_near(text, hit.start, hit.end)
        add(ProductMention(text=text[hit.start:hit.end], how="name", product_id=p.product_id, mk_id=p.mk_id,
                           code=p.code, name=p.name, quantity=qty, unit=unit, confidence=hit.confidence,
                           **why(hit.reason_code, **dict(hit.reason_args))))
    for hit in hits:  # "one of N" products, when one of them is named surely elsewhere, are not mentioned
        if hit.group and any(best[pid].confidence > hit.confidence for pid in hit.group if pid in best):
            mention = best.get(hit.product.product_id)
            if mention is not None and mention.confidence <= hit.confidence:
                del best[hit.product.product_id]
    return sorted(best.values(), key=lambda m: (-m.confidence, m.name or ""))


def extract_entities(conn: Connection, subject: str | None, own_text: str, quoted_text: str = "", *,
                     partner_mk_id: str | None = None) -> Entities:
    """Documents and products the subject and the sender's own text mention; documents in the quoted text count
    only when they belong to `partner_mk_id` (the matched partner)."""
    text = f"{subject or ''}\n{own_text or ''}"
    documents, unknown = find_documents(conn, text)
    if quoted_text and partner_mk_id is not None:
        quoted_docs, _ = find_documents(conn, quoted_text, partner_mk_id=partner_mk_id, quoted=True)
        known = {d.document_id for d in documents}
        documents += [d for d in quoted_docs if d.document_id not in known]
    if partner_mk_id is not None:  # the sender's mail about another partner's document: shown, but less sure
        documents = [d if d.partner_mk_id == partner_mk_id else replace(
            d, confidence=min(d.confidence, 0.5),
            **_doc_reason("doc_other" if d.field == "count_code" else "buyer_order_other", d, d.text))
            for d in documents]
    doc_texts = {d.text.casefold() for d in documents}
    products = [p for p in find_products(conn, text) if p.text.casefold() not in doc_texts]
    product_texts = {p.text.casefold() for p in products}
    unknown = [u for u in unknown if u.casefold() not in product_texts]
    return Entities(documents=tuple(documents), products=tuple(products), unknown_numbers=tuple(unknown))
