"""Tests for mkdesk.bench.run: `mkdesk bench --json` measures every sync figure in one run against the emulator."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_bench_reports_the_sync_figures(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdesk", "bench", "--scale", "tiny", "--json", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout)
    for key in ("fetch_only_s", "full_sync_s", "noop_sync_s", "write_rows_per_s", "raw_sqlite_rows_per_s",
                "upsert_only_rows_per_s", "cache_bytes", "peak_rss_mb", "mail_import_msgs_per_s",
                "mail_raw_sqlite_msgs_per_s"):
        assert figures[key] > 0, key
    # the times are printed rounded to milliseconds, the ratio from the exact ones: at `tiny` a sync takes ~50 ms
    assert figures["full_sync_vs_fetch"] == pytest.approx(figures["full_sync_s"] / figures["fetch_only_s"], rel=0.05)
    assert figures["write_vs_raw"] == pytest.approx(
        figures["write_rows_per_s"] / figures["raw_sqlite_rows_per_s"], rel=0.01
    )
    assert figures["noop_rows_written"] == 0
    assert 0 < figures["noop_requests"] <= figures["full_sync_requests"]
    assert figures["full_sync_failed"] == {}
    assert len(figures["digest"]) == 64
    assert (tmp_path / "cache.sqlite3").exists()
    assert "secret" not in done.stdout.lower()


def test_peak_rss_is_reported_in_megabytes():
    from mkdesk.bench.run import peak_rss_mb

    assert 10 < peak_rss_mb() < 4096


def test_gui_only_needs_a_synced_cache(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdesk", "bench", "--scale", "tiny", "--gui-only", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert "no cache in" in done.stderr and str(tmp_path) in done.stderr
    assert done.stdout == "" and not (tmp_path / "gui-profile").exists()
