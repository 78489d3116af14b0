"""Qt layer: `MailSync` — drives the IMAP mail sync of every account through the bridge, now and every N minutes.

GUI thread only; it never awaits. `request_sync()` starts one run over all IMAP accounts (or joins the running one),
each account through `imap_sync.sync_account` (INBOX and the account's folders in the cache, or the folders given);
`mark_seen()` marks messages read/unread in the cache at once and on their servers after; a mark that could not be
pushed waits in the cache (`messages.seen_pending`), so the next run — even after a restart — sends it.
Signals: `started`, `progress(account, folder, done, total)`, `changed(ChangeSet)` (whenever the cache changed, also
after a run that stopped early), `finished(results)` (a list of `MailSyncResult`), `failed(message)` (a plain
sentence in the UI's language; the run's committed mail stays), `running_changed(bool)`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mkdesk.core.cache.db import Database
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail.accounts import NoPassword, list_accounts, load_password
from mkdesk.core.mail.imap_seen import SeenResult, mark_messages_seen
from mkdesk.core.mail.imap_sync import MailSyncResult, SyncProgress, sync_account
from mkdesk.core.secrets import Keychain
from mkdesk.qt.bridge import Bridge
from mkdesk.qt import pyside_guard  # noqa: F401 - pins None/True/False on Python 3.11 (see the module)
from mkdesk.qt.mail.account_dialog import describe_imap_failure

log = logging.getLogger(__name__)
DEFAULT_INTERVAL_MINUTES = 5


class MailSync(QObject):
    """Owns the mail sync of one profile; the Mail tab talks to it, never to IMAP."""

    started = Signal()
    progress = Signal(str, str, int, int)  # account name, folder, done, total
    changed = Signal(object)  # ChangeSet
    finished = Signal(object)  # list[MailSyncResult]
    failed = Signal(str)  # a plain sentence (the first failure of the run)
    running_changed = Signal(bool)

    def __init__(
        self,
        db: Database,
        keychain: Keychain,
        bridge: Bridge,
        *,
        interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
        folders: Sequence[str] | None = None,
        endpoint_options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._keychain = keychain
        self._bridge = bridge
        self.folders = tuple(folders) if folders is not None else None
        self._options = dict(endpoint_options or {})
        self._task: asyncio.Task[Any] | None = None
        self.last_results: list[MailSyncResult] = []
        self._timer = QTimer(self)
        self._timer.setObjectName("mail_sync_timer")
        self._timer.timeout.connect(self._tick)
        self.set_interval(interval_minutes)

    # ----- state ---------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def interval_minutes(self) -> float:
        return self._timer.interval() / 60_000

    def set_interval(self, minutes: float) -> None:
        """How often the periodic check runs (at least every 30 s; takes effect at once)."""
        self._timer.setInterval(max(30_000, int(minutes * 60_000)))

    def start_periodic(self, *, now: bool = True) -> None:
        """Check for new mail every interval (and at once, unless `now` is False)."""
        self._timer.start()
        if now:
            self.request_sync()

    def _tick(self) -> None:  # a slot returns nothing (request_sync's bool is for callers)
        self.request_sync()

    def stop_periodic(self) -> None:
        self._timer.stop()

    @property
    def periodic(self) -> bool:
        return self._timer.isActive()

    # ----- sync ----------------------------------------------------------------------------------------------------
    def request_sync(self) -> bool:
        """Start a run over every IMAP account; False when one is already running (it is joined, not doubled)."""
        if self.running:
            return False
        self._task = self._bridge.run(self._run(), self._on_finished, self._on_failed, name="mail-sync")
        self._task.add_done_callback(self._on_done)
        self.running_changed.emit(True)
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop the running sync; what was committed stays (the next run resumes from there)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _run(self) -> list[MailSyncResult]:
        results: list[MailSyncResult] = []
        for account in await self._db.read(list_accounts):
            try:
                secret = await asyncio.to_thread(load_password, self._keychain, account)
            except NoPassword as exc:
                results.append(MailSyncResult(account.id, error=exc))
                continue
            result = await sync_account(self._db, account, secret, folders=self.folders,
                                        progress=self._on_progress, **self._options)
            results.append(result)
            if result.changes:
                self.changed.emit(result.changes)
        return results

    def _on_progress(self, p: SyncProgress) -> None:
        self.progress.emit(p.account, p.folder, p.done, p.total)

    def _on_finished(self, results: list[MailSyncResult]) -> None:
        self.last_results = results
        errors = [r.error for r in results if r.error is not None]
        folder_errors = [f.error for r in results for f in r.folders if f.error]
        self.finished.emit(results)
        if errors:
            self.failed.emit(describe_imap_failure(errors[0]))
        elif folder_errors:
            self.failed.emit(folder_errors[0])

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("mail sync failed: %s", type(exc).__name__)
        self.failed.emit(describe_imap_failure(exc))

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        if task is self._task:
            self._task = None
            self.running_changed.emit(False)

    # ----- read / unread ---------------------------------------------------------------------------------------------
    def mark_seen(self, message_ids: Sequence[int], seen: bool) -> asyncio.Task[Any]:
        """Mark messages read (or unread): `changed` fires when the cache has it; the servers follow, or the next
        sync pushes what they missed (the marks wait in the cache, so closing the app loses none)."""
        ids = list(message_ids)
        return self._bridge.run(
            mark_messages_seen(self._db, self._keychain, ids, seen, **self._options),
            self._on_marked,
            self._on_failed,
            name="mail-mark-seen",
        )

    def _on_marked(self, result: SeenResult) -> None:
        if result.changes:
            self.changed.emit(result.changes)
        if result.error is not None:
            log.info("read marks kept for the next mail sync: %s", type(result.error).__name__)

    def shutdown(self) -> None:
        self.stop_periodic()
        self.cancel()


def merged_changes(results: Sequence[MailSyncResult]) -> ChangeSet:
    """All the changes of a run (for a view that refreshes once at the end)."""
    merged = ChangeSet()
    for result in results:
        merged |= result.changes
    return merged
