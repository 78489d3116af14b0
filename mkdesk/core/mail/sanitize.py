"""Core layer: mail HTML made safe to display, with nh3 (pure, any thread).

A whitelist of tags and attributes that mail needs (tables, fonts, inline styles filtered by property); no scripts,
event handlers, iframes, objects, forms, meta, base or SVG; links get `rel="noopener noreferrer"`. Remote content
(`http(s)://` or `//` images, `srcset`, `background`, CSS `url(...)` in style attributes and `<style>` blocks) is
removed unless `allow_remote`, and `has_remote` says whether there was any. `cid:` images stay (inline parts) and so
do `data:` images of raster types; any other `data:` URI goes. HTML nested absurdly deep is shown as its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3

from mkdesk.core.mail.htmltext import html_to_text

TAGS = (set(nh3.ALLOWED_TAGS) | {"font", "tfoot", "caption", "u", "s", "big"}) - {"map", "area"}
_CELL = {"align", "valign", "width", "height", "bgcolor", "background", "nowrap", "colspan", "rowspan"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"style", "dir", "lang", "title", "align", "class"},
    "a": {"href", "name"},
    "img": {"src", "srcset", "alt", "width", "height", "border", "hspace", "vspace"},
    "table": {"width", "height", "border", "cellpadding", "cellspacing", "bgcolor", "background", "summary"},
    "td": _CELL, "th": _CELL | {"scope"}, "tr": {"valign", "bgcolor", "background", "height"},
    "tbody": {"valign"}, "thead": {"valign"}, "tfoot": {"valign"},
    "col": {"span", "width"}, "colgroup": {"span", "width"},
    "font": {"face", "color", "size"}, "div": {"bgcolor", "background"}, "p": set(), "span": set(),
    "ol": {"start", "type"}, "ul": {"type"}, "li": {"value"}, "hr": {"width", "size", "noshade"},
    "blockquote": {"cite"}, "q": {"cite"}, "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "cid", "data"}
CLEAN_CONTENT = {"script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg", "math",
                 "frameset", "frame", "noframes", "title", "head", "textarea", "select", "xmp", "noembed"}
STYLE_PROPERTIES = frozenset({
    "color", "background-color", "background", "font", "font-family", "font-size", "font-style", "font-weight",
    "font-variant", "text-align", "text-decoration", "text-indent", "text-transform", "line-height",
    "letter-spacing", "word-spacing", "white-space", "vertical-align", "direction", "margin", "margin-top",
    "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right", "padding-bottom",
    "padding-left", "border", "border-top", "border-right", "border-bottom", "border-left", "border-color",
    "border-style", "border-width", "border-radius", "border-collapse", "border-spacing", "width", "height",
    "max-width", "min-width", "max-height", "min-height", "display", "float", "clear", "list-style-type",
    "table-layout", "word-wrap", "overflow-wrap", "word-break", "text-overflow", "overflow", "visibility",
    "border-top-color", "border-bottom-color", "border-left-color", "border-right-color", "background-image",
    "caption-side", "empty-cells", "mso-line-height-rule",
})
_DANGEROUS_CSS = re.compile(r"expression|behavior|binding|javascript:|vbscript:|@import|\\|<|/\*", re.I)
_FUNCTION = re.compile(r"([a-z0-9_-]+)\s*\(", re.I)
CSS_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla", "url", "calc"})  # image-set("//x") would load without url()
_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed",
                  "param", "track"})
#: deeper nesting is shown as text: the HTML5 tree builder's time grows steeply with depth (20 000 nested divs: 1.4 s)
MAX_NESTING = 400
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|webp|bmp);", re.I)


@dataclass(frozen=True, slots=True)
class SanitizedHtml:
    """Safe HTML, and whether the original referred to remote content (kept only when allowed)."""

    html: str
    has_remote: bool


class _Remote:
    def __init__(self, allow: bool) -> None:
        self.allow = allow
        self.found = False

    def url(self, value: str) -> bool:
        """True when a resource URL may stay (records remote ones)."""
        value = value.strip()
        if _REMOTE.match(value):
            self.found = True
            return self.allow
        low = value.lower()
        if low.startswith("cid:"):
            return True
        if low.startswith("data:"):
            return bool(_DATA_IMAGE.match(value))
        return False  # relative or other schemes: nothing to load from


def _clean_declarations(css: str, remote: _Remote) -> str:
    kept = []
    for decl in css.split(";"):
        prop, sep, value = decl.partition(":")
        prop = prop.strip().lower()
        value = value.strip()
        if not sep or prop not in STYLE_PROPERTIES or not value or _DANGEROUS_CSS.search(value):
            continue
        if any(name.lower() not in CSS_FUNCTIONS for name in _FUNCTION.findall(value)):
            continue
        urls = _URL.findall(value)
        if "url" in value.lower() and not urls:
            continue  # an unreadable url( … ): drop rather than guess
        if not all(remote.url(url) for _quote, url in urls):
            continue
        if any(url.strip().lower().startswith("cid:") for _q, url in urls):
            continue  # cid: pictures in CSS are not rendered by the reader
        kept.append(f"{prop}: {value}")
    return "; ".join(kept)


def _clean_style_block(css: str, remote: _Remote) -> str:
    """A `<style>` block's rules, each with its declarations filtered; @-rules and odd selectors dropped."""
    rules = []
    for chunk in css.split("}"):
        selector, sep, body = chunk.rpartition("{")
        selector = selector.strip()
        if not sep or not selector or "@" in selector or "{" in selector or _DANGEROUS_CSS.search(selector):
            continue
        declarations = _clean_declarations(body, remote)
        if declarations:
            rules.append(f"{selector} {{ {declarations} }}")
    return "\n".join(rules)


class _StyleBlocks(HTMLParser):
    """Collects the text of `<style>` elements (outside any other skipped element)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "style":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _style_blocks(html: str) -> list[str]:
    parser = _StyleBlocks()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001
        pass
    return parser.blocks


def nesting_depth(html: str) -> int:
    """The deepest element nesting in `html` (a linear scan of the tags; void and self-closed tags do not nest)."""
    depth = deepest = 0
    for closing, name, self_closed in _TAG.findall(html):
        if name.lower() in VOID or self_closed:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _as_text(html: str) -> str:
    paragraphs = [p for p in html_to_text(html).split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def sanitize_html(html: str, *, allow_remote: bool = False) -> SanitizedHtml:
    """Safe HTML for the reader. Remote resources are dropped unless `allow_remote`; `has_remote` tells if any.
    HTML nested deeper than `MAX_NESTING` elements is shown as its text (paragraphs), with nothing remote."""
    if html.count("<") > MAX_NESTING and nesting_depth(html) > MAX_NESTING:
        return SanitizedHtml(_as_text(html), False)
    remote = _Remote(allow_remote)

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr == "style":
            return _clean_declarations(value, remote) or None
        if attr == "src":
            return value if tag == "img" and remote.url(value) else None
        if attr == "background":
            return value if remote.url(value) else None
        if attr == "srcset":
            candidates = [c.strip().split()[0] for c in value.split(",") if c.strip()]
            ok = [remote.url(c) for c in candidates]  # evaluate all: every remote one is noted
            return value if candidates and all(ok) else None
        if attr == "href" and value.strip().lower().startswith(("data:", "cid:")):
            return None
        return value

    blocks = _style_blocks(html) if "<style" in html.lower() else []
    styles = [_clean_style_block(block, remote) for block in blocks]
    body = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    css = "\n".join(s for s in styles if s)
    if css:
        body = f"<style>\n{css}\n</style>\n{body}"
    return SanitizedHtml(body, remote.found)
