"""Qt layer: the mail accounts list — every IMAP account of the profile, to add, edit (a new password, other folders,
a CA file) or remove (GUI thread; reads, the removal and the keychain through the bridge).

Editing opens the account's `AccountDialog`. Removing asks first, then `accounts.remove_account` deletes the row, the
account's mail in the cache and its password from the keychain, on worker threads; once asked for, a removal runs to
its end even if the dialog is closed meanwhile (the session keeps one dialog, hidden between uses, so its signals
still arrive). `changed` carries the ChangeSet of every save or removal (the Mail tab refreshes from it); `saved`
says an account was added or edited (the session checks for its mail at once).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from mkdesk.core.cache import Database
from mkdesk.core.mail.accounts import ImapAccount, list_accounts, remove_account
from mkdesk.core.secrets import Keychain
from mkdesk.qt import pyside_guard  # noqa: F401 - pins None/True/False on Python 3.11 (see the module)
from mkdesk.qt.bridge import Bridge, LatestRun
from mkdesk.qt.mail.account_dialog import AccountDialog

ACCOUNT_ROLE = Qt.ItemDataRole.UserRole


class AccountsDialog(QDialog):
    """The profile's IMAP accounts with Add…, Edit… and Remove…."""

    changed = Signal(object)  # a ChangeSet (an account saved or removed)
    saved = Signal(object)  # the SavedAccount of an added or edited account

    def __init__(self, db: Database, keychain: Keychain, bridge: Bridge, *, parent: QWidget | None = None,
                 endpoint_options: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MailAccountsDialog")
        self.setWindowTitle(self.tr("Mail accounts"))
        self._db = db
        self._keychain = keychain
        self._bridge = bridge
        self._endpoint_options = endpoint_options
        self._loads = LatestRun(bridge)
        self.editor: AccountDialog | None = None  # the add/edit dialog open on top, if any
        self.confirm: QMessageBox | None = None  # the removal question open on top, if any
        self.loaded = False
        self.list = QListWidget()
        self.list.setObjectName("mail_accounts")
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(self.tr("No mail account yet. Add one to see your mail beside Metakocka."))
        self.empty_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.add_button.clicked.connect(self.add_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self._update_buttons()
        self.reload()

    # ----- the list ----------------------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the accounts again (a reader thread), keeping or choosing the selected one."""
        current = self.selected()
        keep = select_id if select_id is not None else current.id if current is not None else None
        self._loads.start(self._db.read(list_accounts), lambda accounts: self._show(accounts, keep),
                          self._load_failed, name="mail-accounts")

    def _show(self, accounts: list[ImapAccount], select_id: int | None) -> None:
        self.list.clear()
        for account in accounts:
            item = QListWidgetItem(self.tr("{name} — {user} at {server}").format(
                name=account.name, user=account.username, server=f"{account.host}:{account.port}"))
            item.setData(ACCOUNT_ROLE, account)
            self.list.addItem(item)
            if account.id == select_id or self.list.currentItem() is None:
                self.list.setCurrentItem(item)
        self.empty_label.setVisible(not accounts)
        self.loaded = True
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self.loaded = True
        self.status_label.setText(self.tr("The mail accounts could not be read: {error}").format(
            error=type(exc).__name__))

    def selected(self) -> ImapAccount | None:
        item = self.list.currentItem()
        return item.data(ACCOUNT_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # ----- add, edit ---------------------------------------------------------------------------------------------

    def add_account(self) -> AccountDialog:
        return self._open_editor(None)

    def edit_selected(self) -> AccountDialog | None:
        account = self.selected()
        return self._open_editor(account) if account is not None else None

    def _open_editor(self, account: ImapAccount | None) -> AccountDialog:
        editor = AccountDialog(self._db, self._keychain, self._bridge, account=account,
                               endpoint_options=self._endpoint_options, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._editor_saved)
        editor.finished.connect(lambda *_: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _editor_saved(self, saved: Any) -> None:
        self.status_label.clear()
        self.changed.emit(saved.changes)
        self.saved.emit(saved)
        self.reload(select_id=saved.account.id)

    # ----- remove ------------------------------------------------------------------------------------------------

    def remove_selected(self) -> QMessageBox | None:
        """Ask, then remove the selected account with its mail in the cache and its password (never on this thread)."""
        account = self.selected()
        if account is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove mail account"), self.tr(
            "Remove the mail account “{name}”? Its mail is removed from this computer and its password from the "
            "keychain. The mail on the server stays.").format(name=account.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._confirmed(account, result))
        self.confirm = box
        box.open()
        return box

    def _confirmed(self, account: ImapAccount, result: int) -> None:
        self.confirm = None
        if result != QMessageBox.StandardButton.Yes:
            return
        self.remove_button.setEnabled(False)
        self.status_label.setText(self.tr("Removing “{name}”…").format(name=account.name))
        self._bridge.run(remove_account(self._db, self._keychain, account.id),
                         lambda changes: self._removed(account, changes),
                         lambda exc: self._remove_failed(account, exc), name="mail-account-remove",
                         finish_on_shutdown=True)

    def _removed(self, account: ImapAccount, changes: Any) -> None:
        self.status_label.setText(self.tr("“{name}” was removed.").format(name=account.name))
        self.changed.emit(changes)
        self.reload()

    def _remove_failed(self, account: ImapAccount, exc: BaseException) -> None:
        self._update_buttons()
        self.status_label.setText(self.tr("“{name}” could not be removed: {error}").format(
            name=account.name, error=type(exc).__name__))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API: the list is read again each time it is shown
        if self.loaded:
            self.reload()
        super().showEvent(event)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API: drop pending reads when the dialog closes
        self._loads.drop()
        super().done(result)
