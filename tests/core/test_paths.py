"""Tests for mkdesk.core.paths: --data-dir wins, demos get a fresh directory, the default is per user."""

from __future__ import annotations

from pathlib import Path

from mkdesk.core.paths import default_data_dir, resolve_data_dir


def test_given_directory_is_created_and_used(tmp_path):
    target = tmp_path / "profile" / "nested"
    assert resolve_data_dir(target) == target
    assert target.is_dir()


def test_demo_gets_a_fresh_temporary_directory():
    first, second = resolve_data_dir(None, demo=True), resolve_data_dir(None, demo=True)
    assert first != second and first.is_dir() and second.is_dir()
    assert "mkdesk-demo-" in first.name


def test_default_directory_is_per_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == Path(tmp_path) / "mkdesk"


def test_cache_lives_in_the_profile(tmp_path):
    from mkdesk.core.paths import cache_path

    assert cache_path(tmp_path) == tmp_path / "cache.sqlite3"
