"""Qt layer: the dialogs' keychain calls as coroutines for `Bridge.run`, each made on a worker thread, never the GUI's.

A `Keychain` call can block for seconds (Secret Service over D-Bus, a locked keychain's unlock prompt), so the
settings dialog and the mail account dialog never call it themselves: they run these coroutines through the bridge
and get the outcome in their callbacks on the GUI thread. Failures are typed (`KeychainReadFailed`, `KeyNotStored`,
`NoStoredSecret`) so that a dialog can say in plain words what happened; none of them carries a secret, only the
name of the underlying error. Imports no Qt itself (the module is plain asyncio + `core.secrets`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from mkdesk.core.secrets import Keychain, Secret, SecretRef

log = logging.getLogger(__name__)


class KeychainReadFailed(RuntimeError):
    """The keychain could not be read (the cause is chained; its name is the message, never a secret)."""


class KeyNotStored(RuntimeError):
    """The OS keychain did not take the secret (it failed, or it is locked and refused): nothing may claim it is
    stored."""


class NoStoredSecret(LookupError):
    """Nothing was typed and the keychain holds no secret for this reference."""


@dataclass(frozen=True, slots=True)
class KeychainState:
    """What a dialog shows when it opens: does the keychain persist, and is a secret already stored?"""

    persistent: bool
    stored: bool


def _state(keychain: Keychain, ref: SecretRef | None) -> KeychainState:
    try:
        persistent = keychain.persistent
        stored = ref is not None and keychain.read(ref) is not None  # a locked keychain raises, never "none"
    except Exception as exc:  # noqa: BLE001 - whatever the backend raised, the dialog says "could not be read"
        log.warning("the keychain could not be read: %s", type(exc).__name__)
        raise KeychainReadFailed(type(exc).__name__) from exc
    return KeychainState(persistent, stored)


def _read(keychain: Keychain, ref: SecretRef) -> Secret | None:
    try:
        return keychain.read(ref)
    except Exception as exc:  # noqa: BLE001 - see _state
        log.warning("the keychain could not be read: %s", type(exc).__name__)
        raise KeychainReadFailed(type(exc).__name__) from exc


def _store(keychain: Keychain, ref: SecretRef, secret: Secret) -> bool:
    try:
        persistent = keychain.set(ref, secret, session_fallback=False)  # refused: nothing kept, not even here
    except Exception as exc:  # noqa: BLE001 - see _state
        log.warning("the keychain did not store %s: %s", ref.username, type(exc).__name__)
        raise KeyNotStored(type(exc).__name__) from exc
    if not persistent and keychain.persistent:
        # a real keychain refused the write (Keychain.set fell back to this session): not "stored"
        raise KeyNotStored("the keychain refused the secret")
    return persistent


async def check_keychain(keychain: Keychain, ref: SecretRef | None) -> KeychainState:
    """Whether the keychain persists and (with a `ref`) whether it holds that secret; raises `KeychainReadFailed`."""
    return await asyncio.to_thread(_state, keychain, ref)


async def typed_or_stored(keychain: Keychain, ref: SecretRef | None, typed: Secret | None) -> Secret:
    """The typed secret, else the stored one (read on a worker thread); raises `NoStoredSecret` when there is neither
    and `KeychainReadFailed` when the keychain could not be read."""
    if typed:
        return typed
    stored = await asyncio.to_thread(_read, keychain, ref) if ref is not None else None
    if stored is None:
        raise NoStoredSecret(ref.username if ref is not None else "no reference")
    return stored


async def store_secret(keychain: Keychain, ref: SecretRef, secret: Secret) -> bool:
    """Store the secret on a worker thread. True: in the OS keychain; False: no OS keychain exists, so it is kept for
    this session only (as the dialogs say). Raises `KeyNotStored` when a real keychain failed or refused it."""
    return await asyncio.to_thread(_store, keychain, ref, secret)
