"""Tests for mkdesk.qt.models.paged_table: lazy pages through the bridge, counts, sorting, stale results dropped,
refresh of the loaded window; the Qt model tester on every state."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from mkdesk.core.cache import repo_partners
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.models.paged_table import KEY_ROLE, Column, PagedTableModel, PageQuery, sort_rows
from mkdesk.qt.models.sources import PartnerSource


def _model(cache_db, page_size=50):
    columns = [Column("name", "Name", lambda r: r.name or "", sort="name"),
               Column("city", "City", lambda r: r.city or "", sort="city"),
               Column("email", "Email", lambda r: r.email or "")]
    return PagedTableModel(Bridge(), cache_db, PartnerSource(), columns, page_size=page_size)


def test_first_page_then_fetch_more(qtmodeltester, cache_db, run_until):
    model = _model(cache_db)
    qtmodeltester.check(model)
    model.reload()
    run_until(lambda: model.ever_loaded)
    total = cache_db.read_sync(repo_partners.count_partners)
    assert model.total == total > 50 and model.rowCount() == 50
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    run_until(lambda: model.rowCount() == 100)
    while model.rowCount() < total:
        model.fetchMore()  # no-op while a page is in flight (the model tester may have asked for one)
        run_until(lambda: not model._bridge.busy)
    assert model.rowCount() == total and not model.canFetchMore()
    everything = cache_db.read_sync(lambda c: repo_partners.list_partners(c, limit=1000))
    assert [model.index(i, 0).data() for i in range(total)] == [p.name or "" for p in everything]
    assert model.index(0, 0).data(KEY_ROLE) == everything[0].mk_id
    qtmodeltester.check(model)
    run_until(lambda: not model._bridge.busy)


def test_sort_is_done_by_the_repository(qtmodeltester, cache_db, run_until):
    model = _model(cache_db)
    model.reload()
    run_until(lambda: model.ever_loaded)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    run_until(lambda: model.query.order == "city" and not model.loading)
    cities = [model.index(i, 1).data() for i in range(model.rowCount())]
    expected = cache_db.read_sync(lambda c: repo_partners.list_partners(c, limit=50, order="city", descending=True))
    assert cities == [p.city or "" for p in expected]
    model.sort(2)  # email has no sort key: nothing changes
    assert model.query.order == "city"
    qtmodeltester.check(model)
    run_until(lambda: not model._bridge.busy)


def test_search_and_stale_results_are_dropped(qtmodeltester, cache_db, run_until):
    model = _model(cache_db)
    loads = []
    model.loaded.connect(lambda: loads.append(model.query.text))
    model.set_query(PageQuery(text="zzzz-no-such-partner"))
    model.set_query(PageQuery(text="kovac"))  # the first query's result must never show
    run_until(lambda: loads)
    assert loads == ["kovac"]
    names = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert names and any(name.startswith("Kovač") for name in names)
    assert model.total == model.rowCount() and not model.canFetchMore()
    qtmodeltester.check(model)
    run_until(lambda: not model._bridge.busy)


def test_refresh_rereads_the_loaded_window(cache_db, run_until):
    model = _model(cache_db, page_size=20)
    model.reload()
    run_until(lambda: model.ever_loaded)
    model.fetchMore()
    run_until(lambda: model.rowCount() == 40)
    refreshed = []
    model.refreshed.connect(lambda: refreshed.append(model.rowCount()))
    model.refresh()
    run_until(lambda: refreshed)
    assert refreshed == [40] and model.row_of_key(model.key_at(33)) == 33


def test_sort_rows_puts_missing_values_last():
    rows = [repo_partners.PartnerRow("1", None, "b", None, None, None, None, None, None, None, None, 1, "b"),
            repo_partners.PartnerRow("2", None, None, None, None, None, None, None, None, None, None, 2, ""),
            repo_partners.PartnerRow("3", None, "A", None, None, None, None, None, None, None, None, 3, "a")]
    assert [r.mk_id for r in sort_rows(rows, "name", False)] == ["3", "1", "2"]
    assert [r.mk_id for r in sort_rows(rows, "name", True)] == ["1", "3", "2"]
    assert sort_rows(rows, None, False) == rows
    assert replace(PageQuery(), text="x") != PageQuery()
