"""Qt layer: the profile dialog — company id, endpoint, secret key (keychain only), test connection, sync, language.

GUI thread only; it never awaits and never calls the keychain (a call can block for seconds: D-Bus, an unlock
prompt): its tasks (`qt/settings_tasks.py`) run on a worker thread through the bridge. Once shown it checks the
keychain ("Checking the keychain…" until it answers). "Test connection" runs one cheap read, `warehouse_list` (an
empty field: the stored key, read in the same task) and says the outcome in plain words. The key goes only to
`Keychain` (no OS keychain: this session only, and the dialog says so); Save stores it, then the settings (never
the key), and closes only when both are done. Closing drops its tasks' results.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from mkdesk.core.erp.errors import (BadCredentials, MalformedResponse, MetakockaError, NotAnApi, QuotaExceeded,
                                    ServerUnavailable, TransportError)
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.core.settings import (DEFAULT_INTERVALS, ENDPOINTS, MAX_INTERVAL, MIN_INTERVAL, Settings, SettingsError,
                                  validate_url)
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.error_texts import error_text
from mkdesk.qt.keychain_access import KeychainReadFailed, KeychainState, KeyNotStored, NoStoredSecret
from mkdesk.qt.secret_dialog import SecretDialog
from mkdesk.qt.settings_tasks import probe_with_key, store_profile

log = logging.getLogger(__name__)

METAKOCKA_SECRET = SecretRef("default", "metakocka")
ENDPOINT_ORDER = ("production", "test", "custom")
ENTITY_ORDER = ("stock", "orders", "invoices", "offers", "products", "warehouses", "partners")


class SettingsDialog(SecretDialog):
    """Edits one profile. `saved(Settings)` fires after Save wrote the settings (and the key, if one was typed)."""

    KEYCHAIN_TASK = "settings-keychain"

    saved = Signal(object)
    test_finished = Signal(bool, str)  # ok, the message shown

    def __init__(
        self,
        settings: Settings,
        keychain: Keychain,
        bridge: Bridge,
        data_dir: Path,
        *,
        secret_ref: SecretRef = METAKOCKA_SECRET,
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(keychain, bridge, parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("mkdesk settings"))
        self.setMinimumWidth(560)
        self._settings = settings
        self._data_dir = data_dir
        self._ref = secret_ref
        self._transport = transport
        self.result_settings: Settings | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self._connection_box())
        layout.addWidget(self._sync_box())
        layout.addWidget(self._language_box())
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load(settings)
        self.adjustSize()

    # ----- building ------------------------------------------------------------------------------------------

    def _connection_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Metakocka connection"))
        column = QVBoxLayout(box)
        form = QFormLayout()
        column.addLayout(form)
        self.company_edit = QLineEdit()
        self.company_edit.setPlaceholderText(self.tr("e.g. 4711"))
        form.addRow(self.tr("Company id:"), self.company_edit)
        self.endpoint_combo = QComboBox()
        self.endpoint_combo.addItem(self.tr("Production (main.metakocka.si)"), "production")
        self.endpoint_combo.addItem(self.tr("Test (devmainsi.metakocka.si)"), "test")
        self.endpoint_combo.addItem(self.tr("Other address…"), "custom")
        self.endpoint_combo.currentIndexChanged.connect(self._endpoint_changed)
        form.addRow(self.tr("API endpoint:"), self.endpoint_combo)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        form.addRow(self.tr("Address:"), self.url_edit)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setObjectName("secret_key")
        form.addRow(self.tr("Secret key:"), self.secret_edit)
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        column.addWidget(self.keychain_note)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        column.addLayout(row)
        return box

    def _sync_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Background sync"))
        grid = QGridLayout(box)
        self.auto_sync_check = QCheckBox(self.tr("Sync automatically in the background"))
        grid.addWidget(self.auto_sync_check, 0, 0, 1, 4)
        names = {
            "stock": self.tr("Stock"),
            "orders": self.tr("Sales orders"),
            "invoices": self.tr("Invoices"),
            "offers": self.tr("Offers"),
            "products": self.tr("Products"),
            "warehouses": self.tr("Warehouses"),
            "partners": self.tr("Partners"),
        }
        self.interval_spins: dict[str, QSpinBox] = {}
        for i, entity in enumerate(ENTITY_ORDER):
            spin = QSpinBox()
            spin.setRange(MIN_INTERVAL, MAX_INTERVAL)
            spin.setSuffix(self.tr(" min"))
            self.interval_spins[entity] = spin
            row, col = 1 + i // 2, (i % 2) * 2
            grid.addWidget(QLabel(self.tr("{entity} every").format(entity=names[entity])), row, col)
            grid.addWidget(spin, row, col + 1)
        self.auto_sync_check.toggled.connect(lambda on: [s.setEnabled(on) for s in self.interval_spins.values()])
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(1, 7 * 24 * 60)
        self.stale_spin.setSuffix(self.tr(" min"))
        last = 2 + len(ENTITY_ORDER) // 2
        grid.addWidget(QLabel(self.tr("Data is stale after")), last, 0)
        grid.addWidget(self.stale_spin, last, 1)
        return box

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Language"))
        form = QFormLayout(box)
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("System default"), "system")
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("Slovenščina", "sl")
        form.addRow(self.tr("Interface language:"), self.language_combo)
        self.language_note = QLabel(self.tr("A new language applies the next time mkdesk starts."))
        self.language_note.setWordWrap(True)
        form.addRow(self.language_note)
        return box

    def _load(self, settings: Settings) -> None:
        self.company_edit.setText(settings.company_id)
        self.endpoint_combo.setCurrentIndex(ENDPOINT_ORDER.index(settings.endpoint))
        self.url_edit.setText(settings.custom_url if settings.endpoint == "custom" else ENDPOINTS[settings.endpoint])
        self._endpoint_changed()
        self.auto_sync_check.setChecked(settings.auto_sync)
        for entity, spin in self.interval_spins.items():
            spin.setValue(settings.intervals.get(entity, DEFAULT_INTERVALS[entity]))
            spin.setEnabled(settings.auto_sync)
        self.stale_spin.setValue(settings.stale_after_minutes)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.secret_edit.setPlaceholderText(self.tr("Checking the keychain…"))

    def _secret_ref(self) -> SecretRef:
        return self._ref

    def _keychain_checked(self, state: KeychainState) -> None:
        self.keychain_state = state
        self.secret_edit.setPlaceholderText(self.tr("Saved — leave empty to keep it") if state.stored else "")
        if state.persistent:
            self.keychain_note.setText(self.tr("The secret key is stored in this computer's keychain."))
        else:
            self.keychain_note.setText(
                self.tr(
                    "No keychain is available on this computer, so the secret key is kept only until mkdesk "
                    "closes. It is never written to disk; you will be asked for it again next time."
                )
            )
        self._grow_to_fit()

    def _keychain_unreadable(self, exc: BaseException) -> None:
        self.keychain_failed = True
        self.secret_edit.setPlaceholderText("")
        self.keychain_note.setText(self.tr(
            "The keychain could not be read, so mkdesk cannot tell whether a secret key is saved. You can still "
            "type the key and save it."))
        self._grow_to_fit()

    def _endpoint_changed(self, *_: object) -> None:
        choice = self.endpoint_combo.currentData()
        custom = choice == "custom"
        self.url_edit.setReadOnly(not custom)
        if not custom:
            self.url_edit.setText(ENDPOINTS[choice])
        elif self.url_edit.text() in ENDPOINTS.values():
            self.url_edit.setText(self._settings.custom_url)

    # ----- reading the form -------------------------------------------------------------------------------------

    @property
    def session_only(self) -> bool:
        """True when the key cannot be stored persistently (the dialog says so); known once the keychain answered."""
        return self.keychain_state is not None and not self.keychain_state.persistent

    def _form_settings(self) -> Settings:
        """The settings in the form; raises SettingsError with a plain message."""
        choice = self.endpoint_combo.currentData()
        custom_url = self.url_edit.text().strip() if choice == "custom" else self._settings.custom_url
        if choice == "custom":
            try:
                validate_url(custom_url)
            except SettingsError:
                message = self.tr("The address must start with http:// or https://, e.g. https://main.metakocka.si.")
                raise SettingsError(message) from None
        return replace(
            self._settings,
            company_id=self.company_edit.text().strip(),
            endpoint=choice,
            custom_url=custom_url,
            intervals={entity: spin.value() for entity, spin in self.interval_spins.items()},
            auto_sync=self.auto_sync_check.isChecked(),
            stale_after_minutes=self.stale_spin.value(),
            language=self.language_combo.currentData(),
        )

    def _typed(self) -> Secret | None:
        typed = self.secret_edit.text().strip()
        return Secret(typed) if typed else None

    def _nothing_stored(self) -> bool:
        """Nothing typed and the keychain already said no key is stored (unknown yet: the task asks again)."""
        return self._typed() is None and self.keychain_state is not None and not self.keychain_state.stored

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self._grow_to_fit()

    # ----- actions --------------------------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Start the probe through the bridge; the outcome arrives in `test_result` and `test_finished`."""
        if self.testing:
            return
        try:
            settings = self._form_settings()
        except SettingsError as exc:
            self._finish_test(False, str(exc))
            return
        if not settings.company_id or self._nothing_stored():
            self._finish_test(False, self.tr("Enter the company id and the secret key first."))
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting to {url}…").format(url=settings.base_url))
        self._test_task = self._runs["test"].start(
            probe_with_key(self._keychain, self._ref, self._typed(), settings.base_url, settings.company_id,
                           transport=self._transport),
            lambda count: self._finish_test(True, self.tr("Connected: %n warehouse(s).", "", count)),
            lambda exc: self._finish_test(False, self.describe_failure(exc)),
            name="test-connection",
        )

    def describe_failure(self, exc: BaseException) -> str:
        """A plain sentence per kind of failure (this dialog's own words where it has them, else `error_text`)."""
        if isinstance(exc, NoStoredSecret):
            return self.tr("Enter the company id and the secret key first.")
        if isinstance(exc, KeychainReadFailed):
            return self.tr("The keychain could not be read, so the saved secret key cannot be used. Type the key "
                           "and try again.")
        if isinstance(exc, BadCredentials):
            if exc.code == "ip_not_allowed":
                return self.tr("Metakocka does not accept calls from this computer's IP address for this company.")
            return self.tr("Metakocka rejected the company id or the secret key. Check both and try again.")
        if isinstance(exc, NotAnApi):
            return self.tr("The address answers with a web page, not the Metakocka API. Check the API address.")
        if isinstance(exc, TransportError):
            return self.tr("Cannot reach the server: the network is down or the address is wrong.")
        if isinstance(exc, QuotaExceeded):
            return self.tr("Metakocka is limiting requests right now (quota). Try again in a minute.")
        if isinstance(exc, ServerUnavailable):
            return self.tr("Metakocka is unavailable (maintenance or a server error). Try again in a few minutes.")
        if isinstance(exc, MalformedResponse):
            return self.tr("The server sent an answer that is not the Metakocka API. Check the API address.")
        if isinstance(exc, MetakockaError):
            return error_text(exc)
        log.warning("test connection failed: %s", type(exc).__name__)
        return self.tr("The connection test failed ({kind}).").format(kind=type(exc).__name__)

    def _finish_test(self, ok: bool, message: str) -> None:
        self._test_task = None
        self.test_button.setEnabled(True)
        self.test_result.setText(message)
        self._grow_to_fit()
        self.test_finished.emit(ok, message)

    def _grow_to_fit(self) -> None:
        """Make room for wrapped text (a long message must not squeeze the fields)."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def save(self) -> None:
        """Validate, then in the background store the key in the keychain (or the session) and write the settings;
        the dialog closes when both are done and stays open, the form untouched, when either failed."""
        if self.saving:
            return
        try:
            settings = self._form_settings()
        except SettingsError as exc:
            self._show_error(str(exc))
            return
        if not settings.company_id:
            self._show_error(self.tr("Enter the company id."))
            return
        if self._nothing_stored():
            self._show_error(self.tr("Enter the secret key."))
            return
        self._show_error("")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self._save_task = self._runs["save"].start(
            store_profile(self._keychain, self._ref, self._typed(), self._data_dir, settings),
            lambda _persistent: self._stored(settings),
            self._store_failed,
            name="settings-save",
        )

    def _stored(self, settings: Settings) -> None:
        self._save_task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.secret_edit.clear()
        self.result_settings = settings
        self.saved.emit(settings)
        self.accept()

    def _store_failed(self, exc: BaseException) -> None:
        """Nothing is lost: the typed key stays in the field; the settings were not written unless the key was."""
        self._save_task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if isinstance(exc, NoStoredSecret):
            self._show_error(self.tr("Enter the secret key."))
        elif isinstance(exc, KeychainReadFailed):
            self._show_error(self.tr("The keychain could not be read, so mkdesk cannot tell whether a secret key "
                                     "is saved. Type the key and press Save again."))
        elif isinstance(exc, KeyNotStored):
            self._show_error(self.tr("The keychain did not store the secret key, so the settings were not saved. "
                                     "Unlock the keychain (or check that it is running) and press Save again."))
        elif isinstance(exc, OSError):
            self._show_error(self.tr("The settings could not be saved: {error}").format(error=exc.strerror or exc))
        else:
            log.warning("saving the settings failed: %s", type(exc).__name__)
            self._show_error(self.tr("The settings could not be saved ({kind}).").format(kind=type(exc).__name__))
