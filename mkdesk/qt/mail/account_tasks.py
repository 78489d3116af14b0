"""Qt layer: the mail account dialog's background work — Test connection's probe and Save's password-then-row store.

Coroutines for `Bridge.run` (no Qt here): they run on the qasync loop and do every blocking step — the keychain
(`qt/keychain_access.py`), reading the CA file, the cache's writer thread — off the GUI thread, so the dialog never
waits. Failures are typed (`ImapError`s, `AccountError` naming the field or the CA file, `KeychainReadFailed`,
`KeyNotStored`, `NoStoredSecret`); the dialog turns them into plain words. No password reaches anything but the
keychain and the IMAP login.
"""

from __future__ import annotations

import asyncio

from mkdesk.core.cache.db import Database
from mkdesk.core.mail.accounts import AccountForm, ImapAccount, SavedAccount, check_ca_file, save_account, validate
from mkdesk.core.mail.imap import ImapEndpoint, probe
from mkdesk.core.mail.imap_wire import FolderInfo
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.qt.keychain_access import store_secret, typed_or_stored


async def probe_with_password(
    keychain: Keychain, ref: SecretRef | None, typed: Secret | None, endpoint: ImapEndpoint, ca_file: str | None = None
) -> list[FolderInfo]:
    """`imap.probe` (the server's folders) with the typed password, else the stored one, read in the same task on a
    worker thread; a CA file is checked first, on a worker thread too (`AccountError` naming it)."""
    if ca_file:
        await asyncio.to_thread(check_ca_file, ca_file)
    return await probe(endpoint, await typed_or_stored(keychain, ref, typed))


async def store_account(
    db: Database, keychain: Keychain, form: AccountForm, typed: Secret | None, account_id: int | None
) -> SavedAccount:
    """Save's background work: the form (its CA file) is checked on a worker thread first; then a typed password
    goes to its login's keychain entry (`KeyNotStored` if the keychain fails or refuses it: then nothing is
    written), the row after it (`save_account`)."""
    form = await asyncio.to_thread(validate, form)
    if typed:
        login = ImapAccount(0, form.name, form.host, form.port, form.security, form.username, None)
        await store_secret(keychain, login.secret_ref, typed)
    return await save_account(db, keychain, form, typed, account_id=account_id)
