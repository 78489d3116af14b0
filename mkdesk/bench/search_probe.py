"""Entry layer: timings inside the browse probe — opening the documents table and search-as-you-type (GUI thread).

Runs in the `gui_probe browse` child on the profile session's window. Search types each query letter by letter into
the tab's real search box (key events, so `textChanged` and the debounce timer run as for a user) and times,
per keystroke, the debounce (keystroke → the timer fires) and the query (timer fires → the model's `loaded`: count
and first page read on a reader thread and the rows in the model). The next letter is typed once the rows are in.
"""

from __future__ import annotations

import time
from statistics import median
from typing import Any

from mkdesk.bench.gui_probe import wait_for


def table_open_figures(loop: Any, session: Any, runs: int) -> dict[str, Any]:
    """A fresh documents tab over the whole cache: built, shown, count + first page read, rows painted."""
    from PySide6.QtCore import QEvent, QObject

    from mkdesk.core.cache.repo_documents import DocumentFilter, count_documents, list_documents
    from mkdesk.qt.tabs.documents import DocumentsTab

    painted: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "at" not in painted and tab.model.rowCount() > 0:
                painted["at"] = time.perf_counter()
            return False

    watch = PaintWatch()
    opened, queries = [], []
    total = 0
    for _ in range(runs):
        painted.clear()
        started = time.perf_counter()
        tab = DocumentsTab(session.bridge, session.db)
        tab.table.viewport().installEventFilter(watch)
        tab.resize(1200, 700)
        tab.show()
        tab.start()
        wait_for(loop, lambda t=tab: "at" in painted, step=0.001)
        opened.append(painted["at"] - started)
        total = tab.model.total
        wait_for(loop, lambda: not session.bridge.busy)
        tab.close()
        tab.deleteLater()

        def first_page(conn: Any) -> float:
            began = time.perf_counter()
            count_documents(conn, DocumentFilter())
            list_documents(conn, DocumentFilter(), limit=200)
            return time.perf_counter() - began

        queries.append(loop.run_until_complete(session.db.read(first_page)))
    return {"table_open_ms": round(median(opened) * 1000, 1),
            "table_open_runs_ms": [round(v * 1000, 1) for v in opened],
            "table_rows": total, "table_first_page_query_ms": round(median(queries) * 1000, 1),
            "table_open_vs_query": round(median(opened) / median(queries), 2) if median(queries) else None}


def type_letter(widget: Any, letter: str) -> None:
    """One key press + release carrying `letter` (any Unicode letter, as a keyboard layout would send it)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key(ord(letter.upper())) if letter.isascii() and letter.isalnum() else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, letter))


def _type_query(loop: Any, tab: Any, text: str, samples: list[tuple[float, float]]) -> None:

    marks: dict[str, float] = {}
    loaded = [0]

    def on_loaded_slot() -> None:
        marks["loaded"] = time.perf_counter()
        loaded[0] += 1

    on_key = tab.search.textChanged.connect(lambda _t: marks.__setitem__("key", time.perf_counter()))
    # the bench's slot runs before the tab's own: disconnect, connect ours first, reconnect the tab's
    tab._debounce.timeout.disconnect(tab.apply_query)
    on_fire = tab._debounce.timeout.connect(lambda: marks.__setitem__("fire", time.perf_counter()))
    tab._debounce.timeout.connect(tab.apply_query)
    on_loaded = tab.model.loaded.connect(on_loaded_slot)
    try:
        for letter in text:
            marks.clear()
            seen = loaded[0]
            type_letter(tab.search, letter)
            wait_for(loop, lambda s=seen: loaded[0] > s and "fire" in marks, step=0.001)
            samples.append((marks["fire"] - marks["key"], marks["loaded"] - marks["fire"]))
    finally:
        tab.search.textChanged.disconnect(on_key)
        tab._debounce.timeout.disconnect(on_fire)
        tab.model.loaded.disconnect(on_loaded)


def search_figures(loop: Any, session: Any, queries: dict[str, list[str]]) -> dict[str, Any]:
    """Per tab and overall: p50/p95/max of keystroke → rows ready after the debounce, and the debounce itself."""
    from mkdesk.bench.gui_figures import percentile

    window = session.window
    every: list[tuple[float, float]] = []
    per_tab: dict[str, Any] = {}
    for name, texts in queries.items():
        tab = window.browse[name]
        window.select_tab(name)
        samples: list[tuple[float, float]] = []
        for text in texts:
            tab.search.clear()
            tab.apply_query()
            wait_for(loop, lambda t=tab: t.model.ever_loaded and not t.model.loading)
            wait_for(loop, lambda: not session.bridge.busy)
            _type_query(loop, tab, text, samples)
        tab.search.clear()
        tab.apply_query()
        wait_for(loop, lambda: not session.bridge.busy)
        latencies = [q for _d, q in samples]
        per_tab[name] = {"keystrokes": len(samples), "p50_ms": round(percentile(latencies, 50) * 1000, 1),
                         "p95_ms": round(percentile(latencies, 95) * 1000, 1),
                         "max_ms": round(max(latencies, default=0.0) * 1000, 1)}
        every += samples
    latencies = [q for _d, q in every]
    debounce = [d for d, _q in every]
    return {"search_p95_ms": round(percentile(latencies, 95) * 1000, 1),
            "search_p50_ms": round(percentile(latencies, 50) * 1000, 1),
            "search_keystrokes": len(every), "search_per_tab": per_tab,
            "search_debounce_ms": round(median(debounce) * 1000, 1) if debounce else None}
