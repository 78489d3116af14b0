"""Tests for mkdesk.qt.settings_tasks: Save stores the key before the settings and writes no settings when the key
was not stored; Test connection probes the emulator (in-process, httpx.ASGITransport) with the typed or stored key."""

from __future__ import annotations

import asyncio

import httpx
import keyring.errors
import pytest

from mkdesk.core.erp.errors import BadCredentials
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.core.settings import Settings, load_settings, settings_path
from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.qt.keychain_access import KeychainReadFailed, KeyNotStored, NoStoredSecret
from mkdesk.qt.settings_tasks import probe_with_key, store_profile
from tests.qt.keychain_support import DBusTimeout, SlowKeyring, installed

REF = SecretRef("default", "metakocka")
SETTINGS = Settings(company_id="4711")


def test_save_stores_the_key_then_the_settings(tmp_path):
    with installed(SlowKeyring(0.0)) as backend:
        assert asyncio.run(store_profile(Keychain(), REF, Secret("sk-new"), tmp_path, SETTINGS)) is True
        assert backend.items[("mkdesk", REF.username)] == "sk-new" and load_settings(tmp_path) == SETTINGS
        other = Settings(company_id="4712")  # nothing typed: the stored key is checked, the settings written
        assert asyncio.run(store_profile(Keychain(), REF, None, tmp_path, other)) is True
        assert load_settings(tmp_path) == other


@pytest.mark.parametrize("failure", [keyring.errors.KeyringLocked("locked"), DBusTimeout("no answer")])
def test_no_settings_are_written_when_the_key_was_not_stored(tmp_path, failure):
    with installed(SlowKeyring(0.0, fail_set=failure)):
        with pytest.raises(KeyNotStored):
            asyncio.run(store_profile(Keychain(), REF, Secret("sk-x"), tmp_path, SETTINGS))
    assert not settings_path(tmp_path).exists()


def test_no_settings_without_a_key_or_when_the_keychain_cannot_be_read(tmp_path):
    with installed(SlowKeyring(0.0)):
        with pytest.raises(NoStoredSecret):
            asyncio.run(store_profile(Keychain(), REF, None, tmp_path, SETTINGS))
    with installed(SlowKeyring(0.0, fail_get=DBusTimeout("no answer"))):
        with pytest.raises(KeychainReadFailed):
            asyncio.run(store_profile(Keychain(), REF, None, tmp_path, SETTINGS))
    assert not settings_path(tmp_path).exists()


def test_an_unwritable_profile_is_an_os_error_after_the_key(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    with installed(SlowKeyring(0.0)) as backend:
        with pytest.raises(OSError):
            asyncio.run(store_profile(Keychain(), REF, Secret("sk-kept"), blocker, SETTINGS))
        assert backend.items[("mkdesk", REF.username)] == "sk-kept"


def test_probe_uses_the_typed_or_the_stored_key():
    config = EmulatorConfig(scale="tiny", seed=3)
    transport = httpx.ASGITransport(app=create_app(config))
    url = "http://emulator.invalid"
    with installed(SlowKeyring(0.0)):
        keychain = Keychain()
        with pytest.raises(NoStoredSecret):
            asyncio.run(probe_with_key(keychain, REF, None, url, config.company_id, transport=transport))
        keychain.set(REF, Secret(config.secret_key))
        count = asyncio.run(probe_with_key(keychain, REF, None, url, config.company_id, transport=transport))
        assert count > 0
        with pytest.raises(BadCredentials):
            asyncio.run(probe_with_key(keychain, REF, Secret("wrong"), url, config.company_id, transport=transport))
