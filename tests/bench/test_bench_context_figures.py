"""Tests for mkdesk.bench.context_figures: messages written from the cache are deterministic and about its records,
and one run on a real synced cache reports consistent timings."""

from __future__ import annotations

import json
import subprocess
import sys

from mkdesk.bench import context_figures as C
from mkdesk.core.cache import Database
from mkdesk.core.mail.parse import parse_message
from tests.core.context_world import TODAY, world_cache  # noqa: F401


def test_genitive_of_type_words():
    assert C._genitive("Pralni stroj Candy UJ3932H") == "pralnega stroja"
    assert C._genitive("Toplotna črpalka Daikin") == "toplotne črpalke"


def test_sampled_messages_are_deterministic_and_parse_cleanly(world_cache):
    db = Database.open(world_cache)
    try:
        first = db.read_sync(C.sample, 24, 3)
        assert first == db.read_sync(C.sample, 24, 3)
        assert first != db.read_sync(C.sample, 24, 4)
    finally:
        db.close()
    parsed = [parse_message(raw) for raw in first]
    assert len(parsed) == 24 and all(p.parse_error is None and p.from_addr for p in parsed)
    assert sum("novice@" in p.from_addr for p in parsed) == 4


def test_a_run_reports_consistent_figures(world_cache, tmp_path):
    import shutil

    cache = tmp_path / "cache.sqlite3"
    shutil.copyfile(world_cache, cache)
    figures = C.measure(cache, TODAY, seed=2, count=60)
    assert figures["context_messages"] == 60
    assert 0 < figures["context_p50_ms"] <= figures["context_p95_ms"] <= figures["context_max_ms"]
    assert figures["context_cold_ms"] > 0
    assert 0.5 <= figures["context_matched_share"] <= 0.9  # newsletters and strangers match nobody


def test_command_line_prints_json_and_refuses_a_missing_file(world_cache, tmp_path):
    import shutil

    cache = tmp_path / "cache.sqlite3"
    shutil.copyfile(world_cache, cache)
    done = subprocess.run([sys.executable, "-m", "mkdesk.bench.context_figures", str(cache), "--count", "12"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["context_messages"] == 12
    missing = subprocess.run([sys.executable, "-m", "mkdesk.bench.context_figures", str(tmp_path / "none")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "is not a cache file" in missing.stderr
