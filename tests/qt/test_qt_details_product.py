"""Tests for mkdesk.qt.details.product: stock per warehouse (amount / reserved / free), prices, low-stock marker."""

from __future__ import annotations

from mkdesk.core.cache import repo_products
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.product import ProductPane
from mkdesk.qt.formatting import decimal_text
from mkdesk.qt.formatting import money as _money


def money(*args):
    """As the pane shows it in plain text (a no-break space reads back as a space)."""
    return _money(*args).replace("\xa0", " ")


def _show(qtbot, cache_db, run_until, mk_id):
    pane = ProductPane(Bridge(), cache_db)
    qtbot.addWidget(pane)
    pane.show_key(mk_id)
    run_until(lambda: pane.result is not None)
    return pane


def test_stock_per_warehouse_and_prices(qtbot, cache_db, run_until):
    row = cache_db.read_sync(lambda c: repo_products.list_products(c, in_stock=True, limit=1))[0]
    pane = _show(qtbot, cache_db, run_until, row.mk_id)
    detail = pane.result.detail
    text = pane.body.toPlainText()
    assert detail.free_amount == row.free_amount
    for stock in detail.stock:
        assert (stock.warehouse_name or stock.warehouse_mark) in text
        assert decimal_text(stock.free_amount) in text and decimal_text(stock.reserved_amount) in text
    for price in (p for p in detail.product.prices if p.is_sales):
        assert money(price.price, price.currency) in text
    assert "low stock" not in text


def test_low_stock_is_marked(qtbot, cache_db, run_until):
    low = cache_db.read_sync(lambda c: repo_products.low_stock(c, 1))[0]
    pane = _show(qtbot, cache_db, run_until, low.mk_id)
    assert pane.result.detail.is_low and "low stock" in pane.body.toPlainText()
