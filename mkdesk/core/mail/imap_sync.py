"""Core layer: incremental IMAP → cache sync of an account's folders (async on the caller's loop; writes on the
cache's writer thread).

Read marks the user made here wait in the cache (`messages.seen_pending`) and are pushed first, whatever the run
(`imap_seen.push_pending`: a mark made offline or just before the app closed still arrives).
Per folder: SELECT; a changed UIDVALIDITY clears the folder (`store.clear_folder`) and refetches; the folder's whole
UID list is asked once (UID SEARCH); UIDs at or above the stored UIDNEXT are fetched, in batches, each batch
committed together with the folder's new UIDNEXT so a connection lost mid-fetch keeps what arrived and the next run
resumes without duplicates (the store also dedups by UID). Then the messages the server no longer has are removed
(`store.remove_missing`) — only when the UID list was read whole and matches the folder's EXISTS count — and the
server's flags are pulled for the messages stored before (a mark still waiting keeps the local flag). The result
carries counts, the merged ChangeSet (entity "mail") and, if the run stopped early, the `ImapError` that stopped it —
what was committed before stays committed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.db import Database, raw_connection
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail import store
from mkdesk.core.mail.accounts import ImapAccount, saved_folders
from mkdesk.core.mail.imap_seen import push_pending
from mkdesk.core.mail.imap import ImapClient, ImapCommandFailed, ImapEndpoint, ImapError
from mkdesk.core.mail.imap_wire import FetchedMessage
from mkdesk.core.secrets import Secret

log = logging.getLogger(__name__)
DEFAULT_FOLDERS = ("INBOX",)
BATCH_SIZE = 50
BATCH_BYTES = 8 * 1024 * 1024  # a batch ends earlier when its messages are big (sizes are asked first)


@dataclass(frozen=True, slots=True)
class SyncProgress:
    account: str
    folder: str
    done: int  # messages fetched so far in this folder
    total: int  # new messages found in this folder


@dataclass(frozen=True, slots=True)
class FolderResult:
    folder: str
    added: int = 0
    duplicates: int = 0
    seen_changed: int = 0
    reset: bool = False  # UIDVALIDITY changed: the folder was cleared and fetched again
    error: str | None = None  # a folder-level failure (e.g. the folder no longer exists)
    removed: int = 0  # messages deleted on the server, removed here too


@dataclass(frozen=True, slots=True)
class MailSyncResult:
    account_id: int
    folders: tuple[FolderResult, ...] = ()
    pushed: int = 0  # seen flags written to the server
    changes: ChangeSet = field(default_factory=ChangeSet)
    error: ImapError | None = None  # the failure that stopped the run (committed batches are kept)

    @property
    def ok(self) -> bool:
        return self.error is None and not any(f.error for f in self.folders)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.folders)

    @property
    def removed(self) -> int:
        return sum(f.removed for f in self.folders)


# ----- writer-thread steps -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _FolderState:
    folder_id: int
    uidvalidity: int | None
    uidnext: int | None


def _folder_state(conn: Connection, account_id: int, name: str) -> _FolderState:
    folder_id = store.ensure_folder(conn, account_id, name)
    row = raw_connection(conn).execute("SELECT uidvalidity, uidnext FROM mail_folders WHERE id = ?",
                                       (folder_id,)).fetchone()
    return _FolderState(folder_id, row[0], row[1])


def _reset_folder(conn: Connection, folder_id: int, uidvalidity: int) -> ChangeSet:
    changes = store.clear_folder(conn, folder_id)
    raw_connection(conn).execute("UPDATE mail_folders SET uidvalidity = ?, uidnext = NULL WHERE id = ?",
                                 (uidvalidity, folder_id))
    return changes


def _store_batch(conn: Connection, folder_id: int, uidvalidity: int, messages: Sequence[FetchedMessage],
                 next_uid: int, source: str) -> store.StoreResult:
    """One batch and the folder's resume point, in one transaction."""
    result = store.add_messages(
        conn, folder_id, [store.NewMessage(m.raw, uid=m.uid, seen=m.seen, source=source) for m in messages]
    )
    raw_connection(conn).execute(
        "UPDATE mail_folders SET uidvalidity = ?, uidnext = max(coalesce(uidnext, 1), ?) WHERE id = ?",
        (uidvalidity, next_uid, folder_id),
    )
    return result


def _finish_folder(conn: Connection, folder_id: int, uidvalidity: int, uidnext: int) -> None:
    raw_connection(conn).execute(
        "UPDATE mail_folders SET uidvalidity = ?, uidnext = max(coalesce(uidnext, 1), ?), last_sync = ? WHERE id = ?",
        (uidvalidity, uidnext, store.now_iso(), folder_id),
    )


def _known_folders(conn: Connection, account_id: int) -> list[str]:
    chosen = saved_folders(conn, account_id)
    if chosen is not None:  # the user's choice; a folder taken off it stops syncing (its cached mail stays)
        return list(chosen)
    names = [r[0] for r in raw_connection(conn).execute(
        "SELECT name FROM mail_folders WHERE account_id = ? ORDER BY id", (account_id,))]
    return list(DEFAULT_FOLDERS) + [n for n in names if n not in DEFAULT_FOLDERS]


def _local_flags(conn: Connection, folder_id: int, below_uid: int) -> dict[int, tuple[int, bool]]:
    """UID → (id, seen) of the folder's messages stored before this run, leaving out those whose mark waits."""
    rows = raw_connection(conn).execute(
        "SELECT uid, id, seen FROM messages WHERE folder_id = ? AND uid IS NOT NULL AND uid < ? "
        "AND seen_pending IS NULL", (folder_id, below_uid))
    return {int(uid): (int(mid), bool(seen)) for uid, mid, seen in rows}


# ----- the sync ----------------------------------------------------------------------------------------------------
def _plan(uids: Sequence[int], sizes: Mapping[int, int], batch_size: int) -> list[list[int]]:
    """UIDs in batches of at most `batch_size` messages and `BATCH_BYTES` bytes (a bigger message goes alone)."""
    batches: list[list[int]] = []
    batch: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if batch and (len(batch) >= batch_size or total + size > BATCH_BYTES):
            batches.append(batch)
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        batches.append(batch)
    return batches


async def sync_account(
    db: Database,
    account: ImapAccount,
    password: Secret,
    *,
    folders: Sequence[str] | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[SyncProgress], None] | None = None,
    endpoint: ImapEndpoint | None = None,
    **endpoint_options: Any,
) -> MailSyncResult:
    """Push the read marks waiting in the cache, then fetch new mail, drop what the server deleted and pull flags
    for each folder (`folders` None: the folders chosen for the account, or without a choice INBOX and every folder
    the account already has in the cache). Never raises `ImapError`: a failure ends the run and is returned in
    `result.error` (what was committed before it stays)."""
    if folders is None:
        folders = await db.read(_known_folders, account.id)
    ep = endpoint or account.endpoint(**endpoint_options)
    tallies: list[_Tally] = []
    pushed = 0
    error: ImapError | None = None
    try:
        async with ImapClient(ep, password) as imap:
            pushed = await push_pending(db, imap, account)
            for folder in folders:
                tally = _Tally(folder)
                tallies.append(tally)
                try:
                    await _sync_folder(db, imap, account, tally, batch_size, progress)
                except ImapCommandFailed as exc:  # this folder only (e.g. it no longer exists)
                    tally.error = exc.user_message
    except ImapError as exc:
        log.info("mail sync of account %s stopped: %s", account.id, type(exc).__name__)
        error = exc
        for tally in tallies:
            if not tally.finished and tally.error is None:
                tally.error = exc.user_message
    changes = ChangeSet()
    for tally in tallies:
        changes |= tally.changes
    return MailSyncResult(account.id, tuple(t.result() for t in tallies), pushed, changes, error)


@dataclass(slots=True)
class _Tally:
    """What one folder committed so far (a run that stops mid-folder still reports and refreshes it)."""

    folder: str
    added: int = 0
    duplicates: int = 0
    seen_changed: int = 0
    reset: bool = False
    removed: int = 0
    finished: bool = False
    error: str | None = None
    changes: ChangeSet = field(default_factory=ChangeSet)

    def result(self) -> FolderResult:
        return FolderResult(self.folder, self.added, self.duplicates, self.seen_changed, self.reset, self.error,
                            self.removed)


async def _sync_folder(
    db: Database, imap: ImapClient, account: ImapAccount, tally: _Tally, batch_size: int,
    progress: Callable[[SyncProgress], None] | None,
) -> None:
    folder = tally.folder
    state = await db.write(_folder_state, account.id, folder)
    status = await imap.select(folder)
    start = state.uidnext or 1
    if state.uidvalidity is not None and state.uidvalidity != status.uidvalidity:
        tally.changes |= await db.write(_reset_folder, state.folder_id, status.uidvalidity)
        tally.reset = True
        start = 1
    on_server = set(await imap.uids_from(1))  # the whole list: new mail, and what was deleted
    new_uids = sorted(uid for uid in on_server if uid >= start)
    if progress:
        progress(SyncProgress(account.name, folder, 0, len(new_uids)))
    source = f"imap:{account.name}/{folder}"
    done = 0
    in_flight: tuple[asyncio.Future[store.StoreResult], int] | None = None  # a batch being written meanwhile

    async def settle() -> None:
        """Wait for the batch being written (one write at a time, in order) and count it."""
        nonlocal in_flight, done
        if in_flight is None:
            return
        writing, count = in_flight
        in_flight = None
        result = await writing
        tally.added += len(result.added_ids)
        tally.duplicates += result.duplicates
        tally.changes |= result.changes
        done += count
        if progress:
            progress(SyncProgress(account.name, folder, done, len(new_uids)))

    try:
        for batch in _plan(new_uids, await imap.sizes(new_uids) if new_uids else {}, batch_size):
            fetched = await imap.fetch(batch)  # while the previous batch is written on the writer thread
            await settle()
            in_flight = (asyncio.ensure_future(
                db.write(_store_batch, state.folder_id, status.uidvalidity, fetched, max(batch) + 1, source)
            ), len(batch))
    finally:  # what arrived is committed and counted even when the connection broke meanwhile
        if in_flight is not None:
            await asyncio.shield(settle())
    uidnext = max([status.uidnext or 1] + [u + 1 for u in new_uids])
    await db.write(_finish_folder, state.folder_id, status.uidvalidity, uidnext)
    if len(on_server) == status.exists:  # the list is whole (a message that came or went meanwhile: next run)
        tally.changes |= await _adopt_copies(db, imap, state.folder_id, status.uidvalidity, on_server, start, source)
        removed = await db.write(store.remove_missing, state.folder_id, frozenset(on_server))
        tally.changes |= removed
        tally.removed = removed.get(store.ENTITY).deleted
    else:
        log.info("folder %s: %d UIDs listed for %d messages; nothing removed this run", folder, len(on_server),
                 status.exists)
    seen_changes, tally.seen_changed = await _pull_flags(db, imap, state.folder_id, start)
    tally.changes |= seen_changes
    tally.finished = True


def _local_uids(conn: Connection, folder_id: int) -> set[int]:
    return {int(r[0]) for r in raw_connection(conn).execute(
        "SELECT uid FROM messages WHERE folder_id = ? AND uid IS NOT NULL", (folder_id,))}


async def _adopt_copies(db: Database, imap: ImapClient, folder_id: int, uidvalidity: int, on_server: set[int],
                        start: int, source: str) -> ChangeSet:
    """Before deleting: a message stored once for two identical copies on the server keeps its row when the copy
    it was stored under is deleted — the remaining copies we never stored are fetched, and the store's dedup by
    raw SHA-256 moves the row to their UID (only when something is to be deleted at all)."""
    local = await db.read(_local_uids, folder_id)
    changes = ChangeSet()
    if not local - on_server:
        return changes
    unknown = sorted(uid for uid in on_server - local if uid < start)
    for batch in _plan(unknown, {}, BATCH_SIZE):
        changes |= (await db.write(_store_batch, folder_id, uidvalidity, await imap.fetch(batch), 1, source)).changes
    return changes


async def _pull_flags(db: Database, imap: ImapClient, folder_id: int, below_uid: int) -> tuple[ChangeSet, int]:
    """Seen flags of messages stored before this run, as the server has them now."""
    if below_uid <= 1:
        return ChangeSet(), 0
    local = await db.read(_local_flags, folder_id, below_uid)
    if not local:
        return ChangeSet(), 0
    remote = await imap.flags(local)
    to_seen, to_unseen = [], []
    for uid, (message_id, seen) in local.items():
        flags = remote.get(uid)
        if flags is None:  # gone from the server; left alone here
            continue
        server_seen = "\\seen" in {f.lower() for f in flags}
        if server_seen != seen:
            (to_seen if server_seen else to_unseen).append(message_id)
    if not to_seen and not to_unseen:
        return ChangeSet(), 0
    changes = await db.write(store.apply_server_seen, to_seen, to_unseen)
    return changes, changes.get(store.ENTITY).updated
