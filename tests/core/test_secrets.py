"""Tests for mkdesk.core.secrets: secrets never print, live in the keychain, and fall back to the session only."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import textwrap

import keyring
import keyring.backends.fail
import pytest

from mkdesk.core.secrets import Keychain, KeychainError, Secret, SecretRef, keychain_facts

REF = SecretRef("default", "metakocka")


def test_secret_never_prints_itself():
    secret = Secret("sk-very-secret-123")
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r}", "%s" % secret, repr([secret])):
        assert "sk-very-secret-123" not in text
    assert secret.reveal() == "sk-very-secret-123"
    assert Secret("a") == Secret("a") and Secret("a") != Secret("b")
    assert not Secret("")


def test_secret_refuses_pickling():
    with pytest.raises(TypeError):
        pickle.dumps(Secret("x"))


def test_secret_must_be_text():
    with pytest.raises(TypeError):
        Secret(b"bytes")  # type: ignore[arg-type]


def test_keychain_round_trip_uses_keyring(memory_keyring):
    chain = Keychain()
    assert chain.persistent
    assert chain.set(REF, Secret("k1")) is True
    assert memory_keyring.items[("mkdesk", "default/metakocka")] == "k1"
    assert chain.get(REF) == Secret("k1")
    chain.delete(REF)
    assert chain.get(REF) is None
    chain.delete(REF)  # deleting twice is fine


def test_a_locked_keychain_is_told_apart_from_an_empty_one(memory_keyring, caplog):
    import keyring.errors

    chain = Keychain()
    chain.set(REF, Secret("stored-before"))
    locked = {"now": True}

    def refuse(*_args):
        if locked["now"]:
            raise keyring.errors.KeyringLocked("the collection is locked")
        return None

    original_get, original_set = memory_keyring.get_password, memory_keyring.set_password
    memory_keyring.get_password = lambda *a: refuse() or original_get(*a)
    memory_keyring.set_password = lambda *a: refuse() or original_set(*a)
    with pytest.raises(KeychainError, match="KeyringLocked"):
        chain.read(REF)
    assert chain.get(REF) is None  # the forgiving read: "nothing usable"
    with pytest.raises(KeychainError):
        chain.set(REF, Secret("typed-while-locked"), session_fallback=False)
    assert memory_keyring.items[("mkdesk", "default/metakocka")] == "stored-before"
    with pytest.raises(KeychainError):
        chain.read(REF)  # nothing was kept for the session either
    assert chain.set(REF, Secret("typed-while-locked")) is False  # the forgiving write: this session only
    assert chain.read(REF) == Secret("typed-while-locked")
    locked["now"] = False
    assert Keychain().read(REF) == Secret("stored-before")
    assert "typed-while-locked" not in caplog.text and "stored-before" not in caplog.text


def test_keychain_missing_keeps_secret_for_session_only(tmp_path):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    chain = Keychain()
    assert chain.persistent is False
    assert chain.set(REF, Secret("session-only")) is False
    assert chain.get(REF) == Secret("session-only")
    # A new keychain object (a restart) does not know it: nothing was written anywhere.
    assert Keychain().get(REF) is None


def test_plaintext_backends_are_refused():
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 9  # type: ignore[assignment]

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("a plaintext backend must never receive a secret")

        def delete_password(self, service, username):
            pass

    keyring.set_keyring(PlaintextKeyring())
    chain = Keychain()
    assert chain.persistent is False
    assert chain.set(REF, Secret("x")) is False


def test_keychain_facts_name_the_backend_and_never_a_secret(memory_keyring):
    Keychain().set(REF, Secret("never-in-facts-42"))
    facts = keychain_facts()
    assert facts["keyring_backend"].endswith(".MemoryKeyring")
    assert facts["keychain_persistent"] is True
    assert isinstance(facts["keyring_backends_known"], list)
    assert "never-in-facts-42" not in repr(facts)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert keychain_facts()["keychain_persistent"] is False


@pytest.mark.keychain
def test_real_secret_service_keychain():
    """Round trip through a real gnome-keyring Secret Service on a private D-Bus session."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install gnome-keyring and dbus (see README, .ci/run)")
    home = tempfile.mkdtemp(prefix="mkdesk-keyring-")
    script = textwrap.dedent(
        """
        import keyring
        from mkdesk.core.secrets import Keychain, Secret, SecretRef, keychain_facts
        ref = SecretRef("p1", "metakocka")
        chain = Keychain()
        assert chain.persistent, keyring.get_keyring()
        assert chain.set(ref, Secret("real-key-42")) is True
        assert Keychain().get(ref).reveal() == "real-key-42"
        assert keyring.get_password("mkdesk", "p1/metakocka") == "real-key-42"
        chain.delete(ref)
        assert Keychain().get(ref) is None
        print("ok", type(keyring.get_keyring()).__module__)
        """
    )
    env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data", "PYTHON_KEYRING_BACKEND": ""}
    env.pop("PYTHON_KEYRING_BACKEND")
    command = (
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"{sys.executable} -c '{script}'"
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ok keyring.backends.SecretService" in done.stdout
    shutil.rmtree(home, ignore_errors=True)
