"""Core layer: readable plain text from an HTML mail body, with the stdlib HTML parser (pure, any thread).

Scripts, styles, the head and comments are dropped; block elements and `<br>` become line breaks, list items get a
dash, table cells are spaced apart; entities are decoded; runs of blank lines collapse. Never raises on broken HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "table", "tr", "hr", "address", "center", "dl", "dt", "dd", "form", "fieldset", "main", "nav",
})
SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_KEEP, _KEEP_TAB = "\ue000", "\ue001"
_BLANKS = re.compile(r"\n\s*\n\s*\n+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag in BLOCKS:
            self.out.append("\n")
            if tag == "pre":
                self.pre += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self.skip:
                self.out.append(f"[{alt}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SKIPPED:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.out.append("\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:  # protected from the whitespace collapsing below
            self.out.append(data.replace(" ", _KEEP).replace("\t", _KEEP_TAB))
        else:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The text a reader sees in `html`, as plain text lines."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; keep whatever was read before an oddity
        pass
    text = "".join(parser.out)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return text.replace(_KEEP, " ").replace(_KEEP_TAB, "\t")
