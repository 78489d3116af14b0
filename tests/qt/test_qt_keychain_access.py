"""Tests for mkdesk.qt.keychain_access: the dialogs' keychain calls run on a worker thread and fail with typed,
secret-free errors (a real keyring backend in memory, slow or broken where the test says)."""

from __future__ import annotations

import asyncio
import threading

import keyring.backends.fail
import keyring.errors
import pytest

from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.qt.keychain_access import (
    KeychainReadFailed,
    KeychainState,
    KeyNotStored,
    NoStoredSecret,
    check_keychain,
    store_secret,
    typed_or_stored,
)
from tests.qt.keychain_support import DBusTimeout, SlowKeyring, installed

REF = SecretRef("default", "metakocka")


def test_check_says_whether_a_secret_is_stored_and_asks_off_the_calling_thread():
    with installed(SlowKeyring(0.05)) as backend:
        keychain = Keychain()
        assert asyncio.run(check_keychain(keychain, REF)) == KeychainState(persistent=True, stored=False)
        keychain.set(REF, Secret("sk-1"))
        assert asyncio.run(check_keychain(keychain, REF)) == KeychainState(persistent=True, stored=True)
        assert asyncio.run(check_keychain(keychain, None)) == KeychainState(persistent=True, stored=False)
        backend.threads.discard(threading.get_ident())  # the direct set above ran here; the checks did not
        assert backend.calls == 3 and backend.threads and threading.get_ident() not in backend.threads


def test_a_read_that_fails_is_typed_and_names_only_the_error():
    with installed(SlowKeyring(0.0, fail_get=DBusTimeout("secret sk-leak"))):
        with pytest.raises(KeychainReadFailed) as caught:
            asyncio.run(check_keychain(Keychain(), REF))
        assert str(caught.value) == "DBusTimeout" and isinstance(caught.value.__cause__, DBusTimeout)
        with pytest.raises(KeychainReadFailed):
            asyncio.run(typed_or_stored(Keychain(), REF, None))


def test_typed_wins_without_asking_the_keychain_and_the_stored_one_is_read_otherwise():
    with installed(SlowKeyring(0.0)) as backend:
        keychain = Keychain()
        assert asyncio.run(typed_or_stored(keychain, REF, Secret("typed"))) == Secret("typed")
        assert backend.calls == 0
        with pytest.raises(NoStoredSecret):
            asyncio.run(typed_or_stored(keychain, REF, None))
        with pytest.raises(NoStoredSecret):
            asyncio.run(typed_or_stored(keychain, None, Secret("")))  # empty counts as nothing typed
        keychain.set(REF, Secret("stored"))
        assert asyncio.run(typed_or_stored(keychain, REF, None)) == Secret("stored")


def test_store_goes_to_the_keychain_or_the_session_and_a_refusal_is_an_error():
    with installed(SlowKeyring(0.0)) as backend:
        assert asyncio.run(store_secret(Keychain(), REF, Secret("sk-2"))) is True
        assert backend.items[("mkdesk", REF.username)] == "sk-2"
    with installed(keyring.backends.fail.Keyring()):
        keychain = Keychain()
        assert asyncio.run(store_secret(keychain, REF, Secret("sk-3"))) is False  # no keychain: this session only
        assert keychain.get(REF) == Secret("sk-3")
    for failure in (keyring.errors.KeyringLocked("locked"), DBusTimeout("no answer")):
        with installed(SlowKeyring(0.0, fail_set=failure)) as backend:
            with pytest.raises(KeyNotStored) as caught:
                asyncio.run(store_secret(Keychain(), REF, Secret("sk-4")))
            assert "sk-4" not in str(caught.value) and backend.items == {}
