"""Core layer: read marks made here reach the IMAP servers (async on the caller's loop; writes on the cache's
writer thread).

A mark the user makes is written to the cache at once with `seen_pending` (`store.set_seen`), so it waits there —
through a lost connection or a restart — until a server took it: `push_pending` sends an account's waiting marks a
few hundred UIDs a command (servers bound the command line) and clears exactly what was sent. `mark_seen` and
`mark_messages_seen` mark and push at once; every sync pushes what still waits first (`imap_sync.sync_account`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.db import Database, raw_connection
from mkdesk.core.cache.query import chunks, marks
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail import store
from mkdesk.core.mail.accounts import ImapAccount, get_account, load_password
from mkdesk.core.mail.imap import ImapClient, ImapCommandFailed, ImapError
from mkdesk.core.secrets import Keychain, Secret

log = logging.getLogger(__name__)
PUSH_WINDOW = 500  # UIDs per UID STORE of waiting read marks


async def push_pending(db: Database, imap: ImapClient, account: ImapAccount) -> int:
    """Send the account's waiting read marks, folder by folder; each folder's marks stop waiting once the server
    took them (a folder that cannot be opened keeps its marks; its own sync reports why)."""
    pushed = 0
    for folder, items in (await db.read(store.pending_marks, account.id)).items():
        try:
            await imap.select(folder)
            for seen in (True, False):  # a few hundred UIDs a command: servers bound the command line (64 KB)
                for part in chunks([m.uid for m in items if m.seen == seen], PUSH_WINDOW):
                    await imap.set_seen(part, seen)
        except ImapCommandFailed:  # refused (not a lost connection): this folder's marks wait, the others go
            log.info("read marks of account %s kept: the server refused them in one folder", account.id)
            continue
        await db.write(store.clear_pending, items)
        pushed += len(items)
    return pushed


async def mark_seen(
    db: Database, account: ImapAccount, password: Secret, message_ids: Sequence[int], seen: bool,
    **endpoint_options: Any,
) -> ChangeSet:
    """Mark messages read/unread in the cache at once (the marks wait there), then push the account's waiting marks.
    If the server cannot be reached the `ImapError` is raised; the marks stay waiting for the next sync."""
    changes = await db.write(store.set_seen, list(message_ids), seen)
    endpoint = endpoint_options.pop("endpoint", None) or account.endpoint(**endpoint_options)
    async with ImapClient(endpoint, password) as imap:
        await push_pending(db, imap, account)
    return changes


@dataclass(frozen=True, slots=True)
class SeenResult:
    """A read/unread change: what changed in the cache, how many waiting marks reached their servers, and the first
    failure (the marks it held back wait in the cache for the account's next sync)."""

    changes: ChangeSet
    pushed: int = 0
    error: ImapError | None = None


def _imap_accounts_of(conn: Connection, message_ids: Sequence[int]) -> list[int]:
    """The IMAP accounts that `message_ids` came from (imported and demo mail is local only)."""
    found: set[int] = set()
    raw = raw_connection(conn)
    for chunk in chunks(list(message_ids)):
        rows = raw.execute(
            "SELECT DISTINCT f.account_id FROM messages m JOIN mail_folders f ON f.id = m.folder_id JOIN "
            "mail_accounts a ON a.id = f.account_id WHERE a.kind = 'imap' AND m.uid IS NOT NULL "
            f"AND m.id IN ({marks(chunk)})", chunk)
        found.update(int(r[0]) for r in rows)
    return sorted(found)


async def mark_messages_seen(
    db: Database, keychain: Keychain, message_ids: Sequence[int], seen: bool, **endpoint_options: Any
) -> SeenResult:
    """Mark any messages read/unread: the cache at once (IMAP marks wait there), then each IMAP account's waiting
    marks are pushed. Never raises `ImapError`: what could not be pushed waits for the next sync."""
    ids = list(message_ids)
    changes = await db.write(store.set_seen, ids, seen)
    pushed = 0
    error: ImapError | None = None
    for account_id in await db.read(_imap_accounts_of, ids):
        try:
            account = await db.read(get_account, account_id)
            secret = await asyncio.to_thread(load_password, keychain, account)
            async with ImapClient(account.endpoint(**endpoint_options), secret) as imap:
                pushed += await push_pending(db, imap, account)
        except ImapError as exc:
            error = error or exc
    return SeenResult(changes, pushed, error)
