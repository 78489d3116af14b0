"""Tests for mkdesk.core.settings: defaults, validation, atomic JSON round trip, corrupt files, never secrets."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest

from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.core.settings import (
    DEFAULT_INTERVALS,
    PRODUCTION_URL,
    TEST_URL,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    settings_path,
)


def test_defaults():
    settings = Settings()
    assert settings.base_url == PRODUCTION_URL and not settings.configured
    assert settings.intervals == {
        "stock": 10, "orders": 15, "invoices": 15, "offers": 15, "products": 30, "warehouses": 30, "partners": 60,
    }
    assert settings.auto_sync and settings.language == "system"
    assert replace(settings, endpoint="test").base_url == TEST_URL


def test_custom_url_is_validated():
    custom = Settings(company_id=" 4711 ", endpoint="custom", custom_url="http://127.0.0.1:8080/")
    assert custom.base_url == "http://127.0.0.1:8080" and custom.company_id == "4711"
    for bad in ("ftp://x", "main.metakocka.si", "https://", "", "http://[::1"):
        with pytest.raises(SettingsError):
            Settings(endpoint="custom", custom_url=bad)
    with pytest.raises(SettingsError):
        Settings(language="de")
    with pytest.raises(SettingsError):
        Settings(intervals={"stock": 0})
    with pytest.raises(SettingsError):
        Settings(stale_after_minutes=0)


def test_round_trip_and_atomic_write(tmp_path):
    settings = Settings(company_id="4711", endpoint="custom", custom_url="https://erp.example.si",
                        intervals={"stock": 5}, auto_sync=False, stale_after_minutes=30, language="sl")
    path = save_settings(tmp_path, settings)
    assert path == settings_path(tmp_path)
    assert load_settings(tmp_path) == settings
    assert load_settings(tmp_path).intervals["stock"] == 5
    assert load_settings(tmp_path).intervals["partners"] == DEFAULT_INTERVALS["partners"]
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary file left behind


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "nowhere") == Settings()


def test_unknown_keys_and_bad_values_are_tolerated(tmp_path, caplog):
    settings_path(tmp_path).write_text(json.dumps({
        "company_id": "12", "from_the_future": [1, 2], "language": "klingon", "intervals": {"stock": 3, "x": 9},
    }), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = load_settings(tmp_path)
    assert settings.company_id == "12" and settings.language == "system" and settings.intervals["stock"] == 3
    assert "language" in caplog.text


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", "\x00\xff"])
def test_corrupt_file_gives_defaults_and_is_kept(tmp_path, caplog, content):
    path = settings_path(tmp_path)
    path.write_text(content, encoding="utf-8", errors="replace")
    with caplog.at_level(logging.WARNING):
        assert load_settings(tmp_path) == Settings()
    assert "settings.json.bak" in caplog.text
    assert (tmp_path / "settings.json.bak").exists() and not path.exists()
    save_settings(tmp_path, Settings(company_id="1"))
    assert load_settings(tmp_path).company_id == "1"


def test_settings_never_hold_the_secret(tmp_path):
    keychain = Keychain()
    keychain.set(SecretRef("default", "metakocka"), Secret("sk-do-not-write-me"))
    save_settings(tmp_path, Settings(company_id="4711"))
    text = settings_path(tmp_path).read_text(encoding="utf-8")
    assert "sk-do-not-write-me" not in text
    assert "secret" not in text.lower()
