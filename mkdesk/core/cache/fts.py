"""Core layer: safe FTS5 queries from user-typed text (pure; any thread).

The search indexes (`partners_fts`, `products_fts`, `documents_fts`) use `unicode61 remove_diacritics 2`, so "kovac"
finds "Kovač". `fts_query` splits text the way that tokenizer does (letters and digits; everything else separates),
quotes every token and makes it a prefix, so no typed character can be read as FTS syntax (`"`, `AND`, `NEAR(`, `*`,
`-`, `:`, `^` are all just text).
"""

from __future__ import annotations

import re
import unicodedata

# Letters, digits and private-use characters are token characters for unicode61; `_` and everything else separate.
_TOKEN = re.compile(r"[^\W_]+")
MAX_TOKENS = 12
#: how many of the newest matches a search ranks: bm25 over every match of a one-letter prefix in 300 000 documents
#: takes ~200 ms, ranking a bounded set of candidates keeps a keystroke in a few milliseconds
CANDIDATES = 1000


def fts_tokens(text: str | None) -> list[str]:
    """The tokens of user text as the index sees them (without folding case or accents; the index does that)."""
    if not text:
        return []
    return _TOKEN.findall(unicodedata.normalize("NFC", text))[:MAX_TOKENS]


def fts_query(text: str | None, *, prefix: bool = True, min_digits_prefix: int = 1) -> str | None:
    """An FTS5 MATCH expression that finds rows containing every token (each as a prefix for search-as-you-type);
    None when the text has no token at all (then there is nothing to search for).

    Numbers shorter than `min_digits_prefix` digits match whole tokens only: in 300 000 documents "2" or "20" is the
    prefix of tens of thousands of distinct numbers, and merging all their lists would cost a keystroke ~50 ms."""
    tokens = fts_tokens(text)
    if not tokens:
        return None
    parts = []
    for token in tokens:
        star = "*" if prefix and not (token.isdigit() and len(token) < min_digits_prefix) else ""
        parts.append(f'"{token}"{star}')
    return " ".join(parts)


def ranked_matches(fts_table: str, weights: str, candidates: int = CANDIDATES) -> str:
    """SQL of a subquery `(rid, score)`: the newest `candidates` rows matching the `?` parameter, with their bm25 score
    (lower is better). FTS5 walks its doclists in rowid order and stops at the limit, so this stays fast however many
    rows match; join it to the parent table and order by `score`."""
    return (f"(SELECT rowid AS rid, bm25({fts_table}, {weights}) AS score FROM {fts_table} "
            f"WHERE {fts_table} MATCH ? ORDER BY rowid DESC LIMIT {int(candidates)})")
