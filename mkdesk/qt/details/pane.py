"""Qt layer: `DetailPane`, the base of the detail panes — loads one record through the bridge and renders HTML.

GUI thread only. `show_key(key)` starts `load(conn, key)` on a database reader thread (through the bridge); a newer
key drops the older result (generation counter). Links in the body (`partner:ID`, `doc:TYPE:ID`, `product:ID`)
become `open_requested(kind, key)`, which the main window turns into "open it in its tab".
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from mkdesk.qt.bridge import Bridge, LatestRun

RIGHT = "right"


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
          raw: bool = False, wrap: Sequence[int] = ()) -> str:
    """An HTML table; `right` columns are right-aligned (money, quantities), only `wrap` columns wrap their text;
    cells are escaped unless `raw`."""
    def cell(tag: str, i: int, text: str) -> str:
        align = ' align="right"' if i in right else ""
        nowrap = "" if i in wrap else ' style="white-space: nowrap"'
        return f"<{tag}{align}{nowrap}>{text if raw and tag == 'td' else esc(text)}</{tag}>"

    head = "<tr>" + "".join(cell("th", i, h) for i, h in enumerate(headers)) + "</tr>" if any(headers) else ""
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table cellspacing="0" cellpadding="3" width="100%">{head}{body}</table>'


def facts(pairs: Sequence[tuple[str, str]]) -> str:
    """Label/value lines (values are raw HTML, labels escaped)."""
    body = "".join(f'<tr><td class="label">{esc(k)}</td><td>{v}</td></tr>' for k, v in pairs if v)
    return f'<table cellspacing="0" cellpadding="2">{body}</table>'


STYLE = """<style>
h3 { margin-top: 14px; margin-bottom: 4px; }
th { font-weight: 600; text-align: left; white-space: nowrap; border-bottom: 1px solid palette(mid); }
td.label { color: palette(placeholder-text); padding-right: 12px; }
.warn { color: #b3261e; font-weight: 600; }
.muted { color: palette(placeholder-text); }
</style>"""


class DetailPane(QWidget):
    """Title, a freshness line and an HTML body for one record; subclasses define `load` and `render`."""

    open_requested = Signal(str, object)  # kind ("partner" | "document" | "product"), key
    loaded = Signal(object)  # the key whose detail is now shown

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self._load = LatestRun(bridge)
        self.key: Hashable | None = None
        self.result: Any = None
        self._keep_scroll = False
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setEnabled(False)  # the palette's muted text
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.body.anchorClicked.connect(self._anchor)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 8, 8, 8)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.subtitle)
        self.layout_.addWidget(self.body, 1)
        self.setFocusProxy(self.body)
        self.clear()

    def placeholder(self) -> str:
        return self.tr("Select a row to see its details.")

    def clear(self) -> None:
        self._load.drop()
        self.key = None
        self.result = None
        self.title.setText("")
        self.subtitle.setText("")
        self.body.setHtml(f'<p class="muted">{esc(self.placeholder())}</p>')

    def show_key(self, key: Hashable | None) -> None:
        """Load and show the record with this key (None clears the pane)."""
        if key is None:
            self.clear()
            return
        self._keep_scroll = key == self.key  # a reload of the same record keeps the reader's place
        if not self._keep_scroll:
            self.result = None  # until the new record has arrived
        self.key = key
        self._load.start(self._db.read(self.load, key), lambda r: self._loaded(key, r), self._failed, name="detail")

    def reload(self) -> None:
        if self.key is not None:
            self.show_key(self.key)

    def _loaded(self, key: Hashable, result: Any) -> None:
        self.result = result
        if result is None:
            self.title.setText("")
            self.subtitle.setText("")
            self.body.setHtml(f'<p class="muted">{esc(self.tr("This record is no longer in the cache."))}</p>')
        else:
            self.render(result)
        self.loaded.emit(key)

    def _failed(self, exc: BaseException) -> None:
        self.body.setHtml(f'<p class="warn">{esc(self.tr("Could not read the cache: {error}").format(error=exc))}</p>')

    def set_body(self, parts: Sequence[str]) -> None:
        scroll = self.body.verticalScrollBar().value() if self._keep_scroll else 0
        self.body.setHtml(STYLE + "".join(parts))
        self.body.verticalScrollBar().setValue(scroll)

    def _anchor(self, url: QUrl) -> None:
        target = url.toString()
        kind, _, rest = target.partition(":")
        if kind == "doc":
            doc_type, _, mk_id = rest.partition(":")
            self.open_requested.emit("document", (doc_type, mk_id))
        elif kind in ("partner", "product"):
            self.open_requested.emit(kind, rest)
        elif kind == "mail" and rest.isdigit():
            self.open_requested.emit("mail", int(rest))

    # ----- subclasses -------------------------------------------------------------------------------------------

    @staticmethod
    def load(conn: Any, key: Any) -> Any:  # runs on a reader thread
        raise NotImplementedError

    def render(self, result: Any) -> None:
        raise NotImplementedError
