"""Qt layer: English plural forms of count strings — `tr("%n day(s) late", "", n)` results that no catalogue
translated become "1 day late" / "5 days late" (pure; any thread).

Count strings follow Qt's convention: `%n` (or `%Ln`, the locale's digit grouping) with `tr(text, "", n)`, so a
translation gives every plural form of its language (Slovenian has four). English has no catalogue; its source text
marks the plural ending as "(s)", which `counted` resolves for `n`. A translated text has no "(s)" and passes as is.
"""

from __future__ import annotations

import re

_MARK = re.compile(r"\((s|es)\)")


def counted(text: str, n: int) -> str:
    """`text` (already through `tr(…, "", n)`) with its "(s)"/"(es)" endings resolved for `n`."""
    return _MARK.sub("" if n == 1 else r"\1", text)
