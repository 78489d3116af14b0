"""Qt layer: what the dialogs that hold a secret share — the settings dialog and the mail account dialog (GUI thread).

Both check the keychain once shown, test a connection and save in the background. `SecretDialog` keeps one
`LatestRun` per kind of task ("keychain", "test", "save"): closing the dialog, or its deletion with its parent without
closing, drops them all, so no result reaches a dialog that is gone. A subclass names the secret it holds
(`_secret_ref`) and says what the keychain check means for its form (`_keychain_checked`, `_keychain_unreadable`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from mkdesk.core.secrets import Keychain, SecretRef
from mkdesk.qt import pyside_guard  # noqa: F401 - pins None/True/False on Python 3.11 (see the module)
from mkdesk.qt.bridge import Bridge, LatestRun
from mkdesk.qt.keychain_access import KeychainState, check_keychain


class SecretDialog(QDialog):
    """A dialog whose keychain check, Test connection and Save run through the bridge, each dropped on close."""

    #: the name of the keychain check's task (for the bridge's log)
    KEYCHAIN_TASK = "keychain-check"

    def __init__(self, keychain: Keychain, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keychain = keychain
        self._bridge = bridge
        self._test_task: asyncio.Task[Any] | None = None
        self._save_task: asyncio.Task[Any] | None = None
        self._keychain_task: asyncio.Task[Any] | None = None
        self._runs = {kind: LatestRun(bridge) for kind in ("keychain", "test", "save")}
        runs = self._runs  # also when the dialog goes without closing (its parent deleted): the lambda keeps no self
        self.destroyed.connect(lambda *_: [run.drop() for run in runs.values()])
        self.keychain_state: KeychainState | None = None  # known once the background check answered
        self.keychain_failed = False

    def _secret_ref(self) -> SecretRef | None:
        """The secret this dialog holds (None: none stored yet, e.g. a new account)."""
        raise NotImplementedError

    def _keychain_checked(self, state: KeychainState) -> None:
        raise NotImplementedError

    def _keychain_unreadable(self, exc: BaseException) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API: the keychain is checked once shown
        super().showEvent(event)
        if self.keychain_state is None and not self.keychain_failed and not self.checking_keychain:
            self.check_keychain()

    @property
    def checking_keychain(self) -> bool:
        return self._keychain_task is not None and not self._keychain_task.done()

    @property
    def testing(self) -> bool:
        return self._test_task is not None and not self._test_task.done()

    @property
    def saving(self) -> bool:
        return self._save_task is not None and not self._save_task.done()

    def check_keychain(self) -> None:
        """Ask on a worker thread whether the keychain persists and holds the secret; the form follows the answer."""
        self.keychain_failed = False
        self._keychain_task = self._runs["keychain"].start(
            check_keychain(self._keychain, self._secret_ref()), self._keychain_checked, self._keychain_unreadable,
            name=self.KEYCHAIN_TASK)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API: drop the dialog's tasks when it closes
        for run in self._runs.values():  # cancelled, and a result already on its way is ignored
            run.drop()
        self._test_task = self._save_task = self._keychain_task = None
        super().done(result)
