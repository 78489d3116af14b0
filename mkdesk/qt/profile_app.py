"""Qt layer: the desktop session on the user's profile — single instance, settings, cache tabs, Sync now, error dialog.

`run_profile(app, data_dir, log_path)` runs on the GUI thread with its own qasync loop until the last window
closes. A second launch on the same profile wakes this one and exits. Without a company id or a secret key the
settings dialog opens at once; the Settings… action (Ctrl+,) opens it at any time (one at a time, window-modal,
never blocking the loop). The local cache opens in the background and its tabs are browsable at once, online or
offline; with a complete profile (company id + key) Sync now (F5) syncs it through the real client, and a changed
profile rebuilds the client. On exit a running sync is cancelled, the client and the cache closed, the window state
saved and the profile lock released.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from mkdesk.core.cache.state import load_sync_states
from mkdesk.core.paths import cache_path
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.core.settings import Settings, load_settings
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.error_dialog import install_error_reporter
from mkdesk.qt.error_texts import error_text
from mkdesk.qt.freshness import oldest_success
from mkdesk.qt.gc_guard import follow_sync
from mkdesk.qt.main_window import MainWindow
from mkdesk.qt.settings_dialog import METAKOCKA_SECRET, SettingsDialog
from mkdesk.qt.single_instance import SingleInstance, bring_to_front
from mkdesk.qt.sync_controller import SyncController
from mkdesk.qt.sync_menu import entity_label
from mkdesk.qt.window_state import WindowState

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BUSY = 1


class ProfileSession:
    """The main window of one profile and what belongs to it (GUI thread)."""

    def __init__(self, data_dir: Path, log_path: Path | None, loop: Any, *, keychain: Keychain | None = None) -> None:
        self.data_dir = data_dir
        self.settings: Settings = load_settings(data_dir)
        self.keychain = keychain or Keychain()
        self.bridge = Bridge()
        self.window = MainWindow()
        self.reporter = install_error_reporter(log_path, self.window, self.bridge, loop)
        self.state = WindowState(data_dir)
        self.state.restore(self.window)
        self.window.settings_requested.connect(self.open_settings)
        self.dialog: SettingsDialog | None = None
        self.db: Any = None
        self.client: Any = None
        self.sync: SyncController | None = None
        self.mail_sync: Any = None  # MailSync: the IMAP accounts' background sync, once the cache is open
        self.controls: Any = None  # SyncControls: the Sync now menu, auto-sync and the sync log, once the cache is open
        # the Metakocka key, read from the keychain off the GUI thread (a keychain call can block: D-Bus, an unlock
        # prompt) once at start and after each save of the settings — never per request
        self.secret: Secret | None = None
        self.keychain_failed = False  # the last read of the key failed (a locked keychain), as opposed to "no key"
        self.accounts_dialog: Any = None  # the mail accounts list, made when first asked for
        self.show_profile()

    @property
    def complete(self) -> bool:
        """A company id in the settings and a secret key in the keychain (or this session)."""
        return self.settings.configured and self.secret is not None

    def show_profile(self) -> None:
        if self.settings.configured:
            self.window.show_status(
                QCoreApplication.translate("ProfileSession", "Company {company} at {url}.").format(
                    company=self.settings.company_id, url=self.settings.base_url
                )
            )
        else:
            self.window.show_status(
                QCoreApplication.translate(
                    "ProfileSession",
                    "No Metakocka profile yet — open Settings (Ctrl+,), or try `mkdesk demo` with a demo company.",
                )
            )

    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog (the open one if there is one); it never blocks the event loop."""
        if self.dialog is not None:
            bring_to_front(self.dialog)
            return self.dialog
        dialog = SettingsDialog(self.settings, self.keychain, self.bridge, self.data_dir, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, settings: Settings) -> None:
        self.settings = settings
        self.show_profile()
        self._load_secret()

    def _load_secret(self, *, ask: bool = False) -> None:
        """Read the key on a worker thread, then (re)connect; with `ask`, open the settings when the profile is
        incomplete."""
        def loaded(secret: Secret | None) -> None:
            self.keychain_failed = False
            self.secret = secret
            self._connect()
            if ask and not self.complete:
                self.open_settings()

        def failed(exc: BaseException) -> None:
            # a locked or broken keychain is not a missing key: say so instead of asking for the key again
            log.warning("the keychain could not be read: %s", type(exc).__name__)
            self.keychain_failed = True
            self.secret = None
            self._connect()
            from PySide6.QtCore import QCoreApplication

            self.window.show_status(QCoreApplication.translate(
                "ProfileSession", "The keychain could not be read (is it locked?), so mkdesk cannot connect to "
                "Metakocka. Unlock it and restart mkdesk, or enter the secret key again in Settings."))

        self.bridge.run(asyncio.to_thread(self.keychain.read, METAKOCKA_SECRET), loaded, failed, name="read-key")

    def _secret(self) -> Secret:
        return self.secret or Secret("")

    def _cache_opened(self, db: Any) -> None:
        """The cache is open: browse it (offline too), and sync it when the profile can connect."""
        from PySide6.QtCore import QCoreApplication

        self.db = db
        from mkdesk.core.pdfs import PdfService

        # PDFs come from the client of the moment: None until the profile can connect ("Connect to Metakocka …")
        self.window.attach(self.bridge, db, PdfService(db, lambda: self.client, self.data_dir / "pdf"),
                           client=lambda: self.client)  # the Mail tab's context: refresh, sender lookups
        self.state.restore(self.window)  # the tabs' splitters and columns exist only now
        sync = self.sync = SyncController(None, self.bridge, self.window)
        follow_sync(sync)  # no full garbage collection while a sync's records are alive
        sync.progress.connect(self.window.show_sync_progress)
        sync.running_changed.connect(self.window.set_sync_running)
        sync.finished.connect(self._synced)
        sync.failed.connect(self._sync_failed)
        sync.cancelled.connect(lambda: self.window.show_status(
            QCoreApplication.translate("ProfileSession", "Sync cancelled.")))
        self.window.sync_requested.connect(sync.request_sync)
        self.window.cancel_requested.connect(sync.cancel)
        from mkdesk.qt.sync_controls import SyncControls

        self.controls = SyncControls(self.window, sync, self.bridge, db, export=self._export_diagnostics)
        self._start_mail(db)
        self.bridge.run(db.read(load_sync_states), self._show_freshness, self._cache_failed, name="sync-states")
        self._connect()

    def _start_mail(self, db: Any) -> None:
        """IMAP accounts sync in the background every few minutes (none yet: the runs find nothing to do)."""
        from mkdesk.qt.mail.mail_sync import MailSync

        mail = self.mail_sync = MailSync(db, self.keychain, self.bridge, parent=self.window)
        tab = self.window.browse["mail"]
        tab.set_mail_sync(mail)
        tab.account_requested.connect(self.open_mail_account)
        tab.accounts_requested.connect(self.open_mail_accounts)
        mail.failed.connect(lambda text: self.window.show_status(QCoreApplication.translate(
            "ProfileSession", "Mail: {error}").format(error=text)))
        mail.start_periodic()

    def open_mail_account(self) -> Any:
        """The dialog that adds an IMAP account (password to the keychain only); saving it checks for mail at once."""
        from mkdesk.qt.mail.account_dialog import AccountDialog

        dialog = AccountDialog(self.db, self.keychain, self.bridge, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _account: self.mail_sync.request_sync())
        dialog.open()
        return dialog

    def open_mail_accounts(self) -> Any:
        """The list of mail accounts (edit one's password, folders or CA file; remove one); one per session."""
        from mkdesk.qt.mail.accounts_dialog import AccountsDialog

        if self.accounts_dialog is None:
            dialog = self.accounts_dialog = AccountsDialog(self.db, self.keychain, self.bridge, parent=self.window)
            dialog.changed.connect(self.window.apply_changes)
            dialog.saved.connect(lambda _account: self.mail_sync.request_sync())
        if self.accounts_dialog.isVisible():
            bring_to_front(self.accounts_dialog)
        else:
            self.accounts_dialog.open()
        return self.accounts_dialog

    def _show_freshness(self, states: Any) -> None:
        self.window.freshness.stale_after_minutes = self.settings.stale_after_minutes
        self.window.freshness.set_last_sync(oldest_success(states))

    def _cache_failed(self, exc: BaseException) -> None:
        log.error("the cache cannot be opened", exc_info=exc)
        self.window.show_status(QCoreApplication.translate(
            "ProfileSession", "The local cache cannot be opened: {error}").format(error=exc))

    def _connect(self) -> None:
        """(Re)build the Metakocka client and sync engine from the settings; without them, browsing still works."""
        from mkdesk.core.erp import MetakockaClient
        from mkdesk.core.sync import SyncEngine

        if self.sync is None:
            return
        if self.client is not None:
            self.bridge.run(self.client.aclose(), name="close-client")
            self.client = None
        if not self.complete:
            self.sync.set_engine(None)
            self.controls.set_engine(None, self.settings)
            self.window.sync_action.setEnabled(False)
            return
        self.client = MetakockaClient(self.settings.base_url, self.settings.company_id, self._secret)
        engine = SyncEngine(self.client, self.db)
        self.sync.set_engine(engine)
        self.controls.set_engine(engine, self.settings)  # auto-sync plans with the new connection and settings
        self.window.sync_action.setEnabled(True)

    async def _export_diagnostics(self, path: Path) -> Any:
        """The sync log's Export diagnostics…: a redacted report; the profile's key and every mail account's password
        are masked wherever they appear."""
        from mkdesk.core.diagnostics import export_diagnostics
        from mkdesk.core.mail.accounts import list_accounts

        refs = [METAKOCKA_SECRET] + [account.secret_ref for account in await self.db.read(list_accounts)]
        found = [await asyncio.to_thread(self.keychain.get, ref) for ref in refs]
        return await export_diagnostics(path, self.data_dir, self.db, settings=self.settings.to_json(),
                                        secrets=[secret for secret in found if secret is not None])

    def _synced(self, result: Any) -> None:
        self.window.apply_changes(result.changes)
        self.window.freshness.set_offline(False)
        if result.ok:
            self.window.freshness.set_last_sync(datetime.now().astimezone())
        if result.ok:
            self.window.show_status(QCoreApplication.translate("ProfileSession", "Synced with Metakocka."))
        else:
            self.window.show_status(QCoreApplication.translate(
                "ProfileSession", "Sync finished with problems: {what}").format(
                    what=", ".join(entity_label(entity) for entity in result.failed)))

    def _sync_failed(self, exc: BaseException) -> None:
        from mkdesk.core.erp.errors import TransportError

        self.window.freshness.set_offline(isinstance(exc, TransportError))
        message = error_text(exc)
        partial = getattr(exc, "sync_result", None)
        if partial is not None:
            self.window.apply_changes(partial.changes)
        self.window.show_status(QCoreApplication.translate(
            "ProfileSession", "Sync failed: {error}").format(error=message))

    def _dialog_closed(self, *_: object) -> None:
        self.dialog = None

    def start(self) -> None:
        from mkdesk.core.cache import Database

        self.window.show()
        self.bridge.run(asyncio.to_thread(Database.open, cache_path(self.data_dir)), self._cache_opened,
                        self._cache_failed, name="open-cache")
        self._load_secret(ask=True)

    async def close(self) -> None:
        """Save the window state, cancel background work (a running sync too), close the client and the cache."""
        self.state.save(self.window)
        if self.mail_sync is not None:
            self.mail_sync.shutdown()
        await self.bridge.shutdown()
        if self.client is not None:
            await self.client.aclose()
            self.client = None
        if self.db is not None:
            await asyncio.to_thread(self.db.close)
            self.db = None
        self.reporter.uninstall()


def run_profile(app: Any, data_dir: Path, log_path: Path | None) -> int:
    """Run the app on a profile until its last window closes; exit at once if the profile is already open."""
    import qasync

    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.notified_running:
            text = QCoreApplication.translate(
                "ProfileSession",
                "mkdesk is already running for this profile ({path}); its window was brought to the front.",
            )
            print(text.format(path=data_dir), file=sys.stderr)
            return EXIT_OK
        text = QCoreApplication.translate(
            "ProfileSession", "mkdesk cannot open this profile ({path}): another mkdesk holds it and does not answer."
        )
        print(text.format(path=data_dir), file=sys.stderr)
        return EXIT_BUSY
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        session = ProfileSession(data_dir, log_path, loop)
        instance.activated.connect(lambda: bring_to_front(session.window))
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        with loop:
            session.start()
            loop.run_until_complete(closed.wait())
            loop.run_until_complete(session.close())
    finally:
        instance.release()
    return EXIT_OK
