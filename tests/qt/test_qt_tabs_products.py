"""Tests for mkdesk.qt.tabs.products: products by name, in-stock and low-stock filters, low rows marked, search by
code selects the product and shows its stock."""

from __future__ import annotations

from decimal import Decimal

from mkdesk.core.cache import repo_products
from mkdesk.qt.tabs.products import ProductsTab


def test_filters_in_stock_and_low(qtmodeltester, open_tab, cache_db, run_until):
    tab = open_tab(ProductsTab, cache_db)
    assert tab.model.total == cache_db.read_sync(repo_products.count_products)
    qtmodeltester.check(tab.model)
    tab.in_stock.setChecked(True)
    run_until(lambda: tab.model.query.filter.in_stock and not tab.model.loading)
    assert tab.model.total == cache_db.read_sync(lambda c: repo_products.count_products(c, in_stock=True))
    assert all(tab.model.row_at(i).free_amount > 0 for i in range(tab.model.rowCount()))
    tab.in_stock.setChecked(False)
    tab.low.setChecked(True)
    run_until(lambda: tab.model.query.filter.low and not tab.model.loading)
    low = cache_db.read_sync(lambda c: repo_products.low_stock(c, 10_000))
    assert tab.model.total == len(low) > 0
    assert all(tab.model.row_at(i).is_low for i in range(tab.model.rowCount()))
    assert tab.model.index(0, 2).data().startswith("⚠")
    qtmodeltester.check(tab.model)


def test_search_by_code_shows_stock(qtbot, open_tab, cache_db, run_until):
    tab = open_tab(ProductsTab, cache_db)
    stocked = cache_db.read_sync(lambda c: repo_products.list_products(c, in_stock=True, limit=5))[-1]
    qtbot.keyClicks(tab.search, stocked.code)
    run_until(lambda: tab.model.query.text == stocked.code and not tab.model.loading)
    assert tab.model.row_at(0).mk_id == stocked.mk_id  # an exact code comes first
    run_until(lambda: tab.detail.key == stocked.mk_id and tab.detail.result is not None)
    assert tab.detail.result.detail.free_amount == stocked.free_amount > Decimal(0)
