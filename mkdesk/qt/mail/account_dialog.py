"""Qt layer: the IMAP account dialog — server, port, security, user name, password (keychain only), own address,
the folders to sync, a CA file to trust, "Test connection".

GUI thread only; it never awaits and never calls the keychain (a call can block for seconds: D-Bus, an unlock
prompt): every keychain call runs on a worker thread through the bridge (`qt/keychain_access.py`). Once shown it
checks the keychain ("Checking the keychain…" until it answers). "Test connection" runs `imap.probe` (connect, log
in, list folders; an empty field: the stored password, read in the same task; the CA file checked in it too) with
what the form says, says the outcome in plain words and fills the "Folders to sync" list (`account_fields.py`).
Save checks the form (its CA file) on a worker thread, stores a typed password in the keychain, then runs
`accounts.save_account` (the row on the cache's writer thread; `account_tasks.py`), and closes only when all are
done. Closing drops its tasks' results (`SecretDialog`). The password never goes anywhere else: not the cache, not
the log, not an error message.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from mkdesk.core.cache.db import Database
from mkdesk.core.mail.accounts import (AccountError, AccountForm, ImapAccount, NoPassword, PasswordUnavailable,
                                       SavedAccount, is_loopback, validate)
from mkdesk.core.mail.imap import (DEFAULT_PORTS, ImapAuthFailed, ImapConnectionLost, ImapError, ImapTimeout,
                                   ImapTlsError, ImapUnreachable)
from mkdesk.core.secrets import Keychain, Secret
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.account_fields import CaFileRow, FolderChoice
from mkdesk.qt.mail.account_tasks import probe_with_password, store_account
from mkdesk.qt.keychain_access import KeychainReadFailed, KeychainState, KeyNotStored, NoStoredSecret
from mkdesk.qt.secret_dialog import SecretDialog
from mkdesk.qt import pyside_guard  # noqa: F401 - pins None/True/False on Python 3.11 (see the module)

log = logging.getLogger(__name__)
SECURITY_ORDER = ("tls", "starttls", "plain")


def _tr(text: str) -> str:
    return QCoreApplication.translate("account_dialog", text)


def describe_imap_failure(exc: BaseException) -> str:
    """One plain sentence in the UI's language per kind of IMAP failure (never the password)."""
    kind = getattr(exc, "kind", "")
    if isinstance(exc, PasswordUnavailable):
        return _tr("The keychain could not be read (is it locked?), so this mail account's password is not "
                   "available. Unlock the keychain and try again.")
    if isinstance(exc, NoPassword):
        return _tr("No password is stored for this mail account. Open the account settings and enter it.")
    if isinstance(exc, ImapAuthFailed):
        return _tr("The mail server rejected the user name or password. Check both and try again.")
    if isinstance(exc, ImapTlsError):
        if kind == "certificate":
            return _tr("The server's certificate is not trusted, so mkdesk did not send the password. "
                       "If your provider uses its own certificate, ask them how to trust it.")
        if kind == "no_starttls":
            return _tr("The server does not offer STARTTLS. Choose TLS (usually port 993).")
        if kind == "not_tls":
            return _tr("The server did not start a TLS connection. Check the port and the security "
                       "(TLS is usually port 993, STARTTLS port 143).")
        if kind == "secure_only":
            return _tr("The server accepts the password only over an encrypted connection. "
                       "Choose TLS or STARTTLS.")
        return _tr("The encrypted connection to the server could not be set up.")
    if isinstance(exc, ImapUnreachable):
        if kind == "refused":
            return _tr("The server refused the connection. Check the server address and the port.")
        if kind == "unknown_host":
            return _tr("The server name is unknown. Check the server address and that you are online.")
        if kind == "no_answer":
            return _tr("The server did not answer. Check the address, the port and the security setting.")
        if kind == "not_imap":
            return _tr("The server at this address and port is not an IMAP mail server.")
        if kind == "unavailable":
            return _tr("The mail server is temporarily unavailable. Try again in a few minutes.")
        return _tr("Cannot reach the mail server: the network is down or the address is wrong.")
    if isinstance(exc, ImapConnectionLost):
        return _tr("The connection to the mail server was lost. Try again.")
    if isinstance(exc, ImapTimeout):
        return _tr("The mail server stopped answering. Try again later.")
    if isinstance(exc, ImapError):  # ImapCommandFailed and the rest: the core sentence
        return exc.user_message
    log.warning("mail connection failed: %s", type(exc).__name__)
    return _tr("The connection to the mail server failed ({kind}).").format(kind=type(exc).__name__)


class AccountDialog(SecretDialog):
    """Creates or edits one IMAP account. `saved(SavedAccount)` fires after Save stored the row and the password."""

    KEYCHAIN_TASK = "mail-account-keychain"

    saved = Signal(object)
    test_finished = Signal(bool, str)  # ok, the message shown

    def __init__(
        self,
        db: Database,
        keychain: Keychain,
        bridge: Bridge,
        *,
        account: ImapAccount | None = None,
        endpoint_options: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(keychain, bridge, parent)
        self.setObjectName("MailAccountDialog")
        self.setWindowTitle(self.tr("Mail account") if account is None else self.tr("Mail account: {name}").format(
            name=account.name))
        self.setMinimumWidth(520)
        self._db = db
        self._account = account
        self._options = dict(endpoint_options or {})  # cafile / ssl_context / timeout for the connection
        self.result_account: ImapAccount | None = None

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Work"))
        form.addRow(self.tr("Account name:"), self.name_edit)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("e.g. imap.example.com"))
        form.addRow(self.tr("IMAP server:"), self.host_edit)
        self.security_combo = QComboBox()
        self.security_combo.addItem(self.tr("TLS (recommended)"), "tls")
        self.security_combo.addItem(self.tr("STARTTLS"), "starttls")
        self.security_combo.addItem(self.tr("None (unencrypted)"), "plain")
        form.addRow(self.tr("Security:"), self.security_combo)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORTS["tls"])
        form.addRow(self.tr("Port:"), self.port_spin)
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("often your email address"))
        form.addRow(self.tr("User name:"), self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setObjectName("mail_password")
        form.addRow(self.tr("Password:"), self.password_edit)
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("e.g. ana@example.com"))
        form.addRow(self.tr("Your email address:"), self.address_edit)
        self.ca_row = CaFileRow()
        form.addRow(self.tr("CA file:"), self.ca_row)
        self.folders = FolderChoice()
        form.addRow(self.tr("Folders to sync:"), self.folders)

        self.plain_warning = QLabel(self.tr(
            "Without encryption the password and your mail cross the network readable by anyone on the way. "
            "Choose it only for a server on this computer or a network you trust."))
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setStyleSheet("color: #a33;")
        layout.addWidget(self.plain_warning)
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        layout.addWidget(self.keychain_note)

        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        layout.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._last_security = "tls"
        self.security_combo.currentIndexChanged.connect(self._security_changed)
        self.host_edit.textChanged.connect(self._update_warning)
        self._load(account)

    # ----- state ------------------------------------------------------------------------------------------------
    def _load(self, account: ImapAccount | None) -> None:
        if account is not None:
            self.name_edit.setText(account.name)
            self.host_edit.setText(account.host)
            self.security_combo.setCurrentIndex(SECURITY_ORDER.index(account.security))
            self.port_spin.setValue(account.port)
            self.user_edit.setText(account.username)
            self.address_edit.setText(account.own_address or "")
            self.folders.set_chosen(account.folders)
            self.ca_row.set_path(account.ca_file)
            self.password_edit.setPlaceholderText(self.tr("Checking the keychain…"))
        self._last_security = self.security_combo.currentData()
        self._update_warning()

    def _secret_ref(self) -> SecretRef | None:
        return self._account.secret_ref if self._account is not None else None

    def _keychain_checked(self, state: KeychainState) -> None:
        self.keychain_state = state
        self.password_edit.setPlaceholderText(self.tr("Saved — leave empty to keep it") if state.stored else "")
        if state.persistent:
            self.keychain_note.setText(self.tr("The password is stored in this computer's keychain."))
        else:
            self.keychain_note.setText(self.tr(
                "No keychain is available on this computer, so the password is kept only until mkdesk closes. "
                "It is never written to disk; you will be asked for it again next time."))

    def _keychain_unreadable(self, exc: BaseException) -> None:
        self.keychain_failed = True
        self.password_edit.setPlaceholderText("")
        self.keychain_note.setText(self.tr(
            "The keychain could not be read, so mkdesk cannot tell whether a password is saved. You can still "
            "type the password and save it."))

    def _security_changed(self, *_: object) -> None:
        security = self.security_combo.currentData()
        if self.port_spin.value() == DEFAULT_PORTS[self._last_security]:
            self.port_spin.setValue(DEFAULT_PORTS[security])
        self._last_security = security
        self._update_warning()

    def _update_warning(self, *_: object) -> None:
        host = self.host_edit.text().strip()
        self.plain_warning.setVisible(self.security_combo.currentData() == "plain" and not is_loopback(host))

    def _form(self) -> AccountForm:
        """The validated form; raises AccountError with a message in the UI's language."""
        form = AccountForm(
            host=self.host_edit.text().strip(),
            username=self.user_edit.text().strip(),
            security=self.security_combo.currentData(),
            port=self.port_spin.value(),
            own_address=self.address_edit.text().strip(),
            name=self.name_edit.text().strip(),
            folders=self.folders.chosen(),
            ca_file=self.ca_row.path(),
        )
        if not form.host:
            raise AccountError(self.tr("Enter the IMAP server's address (e.g. imap.example.com)."))
        if not form.username:
            raise AccountError(self.tr("Enter the user name for the mail server (often your email address)."))
        try:
            return validate(form, check_files=False)  # the CA file is read by the background tasks
        except AccountError as exc:
            raise AccountError(self._account_error_text(form, exc)) from None

    def _account_error_text(self, form: AccountForm, exc: AccountError) -> str:
        text, kind, value = str(exc), getattr(exc, "kind", ""), getattr(exc, "value", "")
        if kind == "ca_missing":
            return self.tr("The CA file “{path}” does not exist.").format(path=value)
        if kind == "ca_folder":
            return self.tr("“{path}” is a folder, not a CA file.").format(path=value)
        if kind == "ca_unreadable":
            return self.tr("The CA file “{path}” cannot be read.").format(path=value)
        if kind == "ca_not_pem":
            return self.tr("The CA file “{path}” is not a PEM bundle of certificates (a text file with "
                           "-----BEGIN CERTIFICATE----- blocks).").format(path=value)
        if kind == "folder_name":
            return self.tr("“{name}” is not a folder name the server can have; choose the folders from the "
                           "server's list.").format(name=value)
        if "not a server address" in text:
            return self.tr("“{host}” is not a server address: use a name like imap.example.com.").format(
                host=form.host)
        if "not an email address" in text:
            return self.tr("“{address}” is not an email address.").format(address=form.own_address)
        if "already a mail account named" in text:
            return self.tr("There is already a mail account named “{name}”; choose another name.").format(
                name=form.name or f"{form.username}@{form.host}")
        return text

    def _typed(self) -> Secret | None:
        typed = self.password_edit.text()
        return Secret(typed) if typed else None

    def _nothing_stored(self) -> bool:
        """Nothing typed, and no stored password can exist (a new account) or the keychain said there is none."""
        known_missing = self.keychain_state is not None and not self.keychain_state.stored
        return self._typed() is None and (self._account is None or known_missing)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # ----- Test connection ----------------------------------------------------------------------------------------
    def test_connection(self) -> None:
        if self.testing:
            return
        try:
            form = self._form()
        except AccountError as exc:
            self._finish_test(False, str(exc))
            return
        if self._nothing_stored():
            self._finish_test(False, self.tr("Enter the password first."))
            return
        endpoint = ImapAccount(0, form.name, form.host, form.port, form.security, form.username,
                               form.own_address or None, ca_file=form.ca_file).endpoint(**self._options)
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting to {server}…").format(server=endpoint.where))
        ref = self._account.secret_ref if self._account is not None else None
        self._test_task = self._runs["test"].start(
            probe_with_password(self._keychain, ref, self._typed(), endpoint, form.ca_file),
            self._tested,
            lambda exc: self._finish_test(False, self.describe_failure(exc)),
            name="mail-test-connection",
        )

    def _tested(self, folders: list[Any]) -> None:
        self.folders.set_server_folders(folders)
        self._finish_test(True, self.tr("Connected: %n folder(s).", "", len(folders)))

    def describe_failure(self, exc: BaseException) -> str:
        """One plain sentence per kind of failure (never the password)."""
        if isinstance(exc, AccountError):
            return self._account_error_text(AccountForm(host="", username=""), exc)
        if isinstance(exc, NoStoredSecret):
            return self.tr("Enter the password first.")
        if isinstance(exc, KeychainReadFailed):
            return self.tr("The keychain could not be read, so the saved password cannot be used. Type the "
                           "password and try again.")
        return describe_imap_failure(exc)

    def _finish_test(self, ok: bool, message: str) -> None:
        self._test_task = None
        self.test_button.setEnabled(True)
        self.test_result.setText(message)
        self.test_finished.emit(ok, message)

    # ----- Save ---------------------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.saving:
            return
        try:
            form = self._form()
        except AccountError as exc:
            self._show_error(str(exc))
            return
        typed = self.password_edit.text()
        if self._account is None and not typed:
            self._show_error(self.tr("Enter the password."))
            return
        self._show_error("")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self._save_task = self._runs["save"].start(
            store_account(self._db, self._keychain, form, self._typed(), self._account.id if self._account else None),
            self._saved,
            self._save_failed,
            name="mail-account-save",
        )

    def _saved(self, saved: SavedAccount) -> None:
        self._save_task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.password_edit.clear()
        self.result_account = saved.account
        self.saved.emit(saved)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        """Nothing is lost: the form and the typed password stay; the row is not written unless the password was."""
        self._save_task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if isinstance(exc, KeyNotStored):
            self._show_error(self.tr("The keychain did not store the password, so the account was not saved. "
                                     "Unlock the keychain (or check that it is running) and press Save again."))
            return
        if isinstance(exc, KeychainReadFailed):
            self._show_error(self.tr("The keychain could not be read, so the saved password cannot be kept. Type "
                                     "the password and press Save again."))
            return
        if isinstance(exc, AccountError):
            form = AccountForm(host=self.host_edit.text().strip(), username=self.user_edit.text().strip(),
                               own_address=self.address_edit.text().strip(), name=self.name_edit.text().strip())
            self._show_error(self._account_error_text(form, exc))
            return
        log.warning("saving the mail account failed: %s", type(exc).__name__)
        self._show_error(self.tr("The account could not be saved ({kind}).").format(kind=type(exc).__name__))
