"""Tests for mkdesk.bench.gui_figures: percentiles, queries taken from the cache, and the GUI figures measured in
real app processes on a tiny synced cache (browse) and a tiny emulated company (heartbeats)."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from mkdesk.bench import gui_figures


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert gui_figures.percentile(values, 95) == 95.0
    assert gui_figures.percentile(values, 50) == 50.0
    assert gui_figures.percentile(values, 100) == 100.0
    assert gui_figures.percentile([3.0], 99) == 3.0
    assert gui_figures.percentile([], 95) == 0.0


def test_queries_are_what_the_cache_holds(tiny_cache):
    from mkdesk.core.cache import Database, repo_documents, repo_partners, repo_products

    queries = gui_figures.choose_queries(tiny_cache)
    assert set(queries) == {"contacts", "documents", "products"}
    assert all(len(texts) == gui_figures.QUERIES_PER_TAB and all(texts) for texts in queries.values())
    db = Database.open(tiny_cache)
    try:
        for text in queries["contacts"]:
            assert db.read_sync(repo_partners.search_partners, text), text
        for text in queries["documents"]:
            found = db.read_sync(repo_documents.count_documents, repo_documents.DocumentFilter(text=text))
            assert found > 0, text
        for text in queries["products"]:
            assert db.read_sync(repo_products.search_products, text), text
    finally:
        db.close()


@pytest.mark.slow
def test_browse_figures_come_from_real_app_processes(tiny_cache, tmp_path):
    shutil.copyfile(tiny_cache, tmp_path / "cache.sqlite3")
    figures = gui_figures.browse_figures(tmp_path / "cache.sqlite3", tmp_path, runs=1)
    assert 0 < figures["bare_qt_start_s"] and 0 < figures["cold_start_s"] < 60
    assert figures["cold_start_vs_bare_qt"] == pytest.approx(figures["cold_start_s"] / figures["bare_qt_start_s"],
                                                             rel=0.02)
    assert figures["table_rows"] > 0 and figures["table_open_ms"] > 0
    letters = sum(len(text) for texts in figures["search_queries"].values() for text in texts)
    assert figures["search_keystrokes"] == letters
    assert 0 < figures["search_p95_ms"] and set(figures["search_per_tab_p95_ms"]) == set(figures["search_queries"])
    assert figures["search_debounce_ms"] > 50
    assert 50 < figures["rss_mb"] < 4096
    assert figures["rss_rows_loaded"]["documents"] > 0


@pytest.mark.slow
def test_heartbeats_during_a_full_sync_and_the_demo(tmp_path):
    figures = gui_figures.heartbeat_figures("tiny", 2, date(2026, 11, 24), tmp_path)
    assert figures["heartbeat_sync_ok"] is True and figures["heartbeat_ticks"] > 0
    assert 0 <= figures["heartbeat_p99_ms"] <= figures["heartbeat_max_ms"]
    assert figures["demo_exit"] == 0 and figures["demo_scale"] == "tiny"
    assert 0 <= figures["demo_heartbeat_p99_ms"] <= figures["demo_heartbeat_max_ms"]
    assert not (tmp_path / "gui-heartbeat").exists() and not (tmp_path / "gui-demo").exists()


def test_heartbeat_alone_from_the_command_line(tmp_path, capsys):
    assert gui_figures.main(["--scale", "tiny", "--seed", "2", "--data-dir", str(tmp_path), "--no-demo"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["heartbeat_sync_ok"] is True and figures["heartbeat_ticks"] > 0
    assert "demo_heartbeat_max_ms" not in figures


def test_stalls_and_scrolling_during_a_full_sync_from_the_command_line(tmp_path, capsys):
    assert gui_figures.main(["--scale", "tiny", "--seed", "2", "--data-dir", str(tmp_path), "--no-demo",
                             "--stalls"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["heartbeat_sync_ok"] is True and isinstance(figures["heartbeat_stalls"], list)
    assert all({"at_s", "ms", "where", "stacks", "collections"} <= set(stall) for stall in figures["heartbeat_stalls"])
    assert gui_figures.main(["--scale", "tiny", "--seed", "2", "--data-dir", str(tmp_path), "--scroll"]) == 0
    scrolled = json.loads(capsys.readouterr().out)
    assert scrolled["scroll_during_sync_steps"] >= 1
    assert 0 < scrolled["scroll_during_sync_p95_ms"] <= scrolled["scroll_during_sync_max_ms"]
    assert not (tmp_path / "gui-scroll").exists()


def test_every_target_of_product_md_is_checked():
    assert gui_figures.TARGETS == {"search_p95_ms": 30, "heartbeat_max_ms": 50, "demo_heartbeat_max_ms": 50,
                                   "cold_start_s": 1.5, "rss_mb": 300, "table_open_ms": 200}
