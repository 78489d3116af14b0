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


def fts_tokens(text: str | None) -> list[str]:
    """The tokens of user text as the index sees them (without folding case or accents; the index does that)."""
    if not text:
        return []
    return _TOKEN.findall(unicodedata.normalize("NFC", text))[:MAX_TOKENS]


def fts_query(text: str | None, *, prefix: bool = True) -> str | None:
    """An FTS5 MATCH expression that finds rows containing every token (each as a prefix for search-as-you-type);
    None when the text has no token at all (then there is nothing to search for)."""
    tokens = fts_tokens(text)
    if not tokens:
        return None
    star = "*" if prefix else ""
    return " ".join(f'"{token}"{star}' for token in tokens)
