"""Tests for mkdesk.qt.details.pane: HTML helpers escape text; a newer key drops the older result."""

from __future__ import annotations

from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.pane import esc, facts, table
from mkdesk.qt.details.product import ProductPane


def test_html_helpers_escape():
    assert esc("<b>&") == "&lt;b&gt;&amp;"
    html = table(["A", "B"], [("<x>", "1")], right=(1,))
    assert "&lt;x&gt;" in html and 'align="right"' in html
    assert "Label" in facts([("Label", "v"), ("Empty", "")]) and "Empty" not in facts([("Empty", "")])


def test_newer_key_wins(qtbot, cache_db, run_until):
    from mkdesk.core.cache.repo_products import list_products

    first, second = cache_db.read_sync(lambda c: list_products(c, limit=2))
    pane = ProductPane(Bridge(), cache_db)
    qtbot.addWidget(pane)
    shown = []
    pane.loaded.connect(shown.append)
    pane.show_key(first.mk_id)
    pane.show_key(second.mk_id)
    run_until(lambda: shown)
    assert shown == [second.mk_id] and pane.result.detail.product.mk_id == second.mk_id
    run_until(lambda: not pane._bridge.busy)
