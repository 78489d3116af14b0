"""Qt layer: the settings dialog's background work — Test connection's probe and Save's key-then-settings store.

Coroutines for `Bridge.run` (no Qt here): they run on the qasync loop and do every blocking step — the keychain
(`qt/keychain_access.py`), the settings file — on a worker thread, so the dialog's GUI thread never waits. Failures
are typed (`core.erp.errors`, `KeychainReadFailed`, `KeyNotStored`, `NoStoredSecret`, `OSError`); the dialog turns
them into plain words.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from mkdesk.core.erp.client import MetakockaClient, RetryPolicy, Timeouts
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.core.settings import Settings, save_settings
from mkdesk.qt.keychain_access import check_keychain, store_secret, typed_or_stored


async def probe_connection(
    base_url: str, company_id: str, secret: Secret, *, transport: Any = None
) -> int:
    """One cheap read with a short-lived client, no retries: the number of warehouses (raises a typed error).
    `transport` is an `httpx.AsyncBaseTransport` for tests (httpx itself stays behind the client)."""
    client = MetakockaClient(
        base_url,
        company_id,
        secret,
        transport=transport,
        timeouts=Timeouts(connect=5.0, read=20.0, write=20.0),
        retry=RetryPolicy(attempts=1),
    )
    async with client:
        return len(await client.warehouse_list())


async def probe_with_key(
    keychain: Keychain, ref: SecretRef, typed: Secret | None, base_url: str, company_id: str, *,
    transport: Any = None,
) -> int:
    """`probe_connection` with the typed key, else the stored one, read in the same task on a worker thread."""
    secret = await typed_or_stored(keychain, ref, typed)
    return await probe_connection(base_url, company_id, secret, transport=transport)


async def store_profile(
    keychain: Keychain, ref: SecretRef, typed: Secret | None, data_dir: Path, settings: Settings
) -> bool:
    """Save's background work: the key first (or, with none typed, check that one is stored), the settings only
    after it, so the settings never outlive a key that was not stored. True when the key is in the OS keychain."""
    if typed:
        persistent = await store_secret(keychain, ref, typed)
    else:
        await typed_or_stored(keychain, ref, None)
        persistent = (await check_keychain(keychain, None)).persistent
    await asyncio.to_thread(save_settings, data_dir, settings)
    return persistent
