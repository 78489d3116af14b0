"""Tests for mkdesk.qt.secret_dialog: the keychain is checked once, when the dialog is first shown, on a worker
thread; closing the dialog, or deleting it without closing, drops a check still running (its result never arrives)."""

from __future__ import annotations

import pytest

from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.secret_dialog import SecretDialog
from tests.qt.keychain_support import SlowKeyring, installed

pytestmark = pytest.mark.usefixtures("loop_outlives_the_dialog")

REF = SecretRef("default", "metakocka")


class Probe(SecretDialog):
    KEYCHAIN_TASK = "probe-keychain"

    def __init__(self) -> None:
        super().__init__(Keychain(), Bridge())
        self.answers: list[object] = []

    def _secret_ref(self) -> SecretRef:
        return REF

    def _keychain_checked(self, state) -> None:
        self.answers.append(state)

    def _keychain_unreadable(self, exc: BaseException) -> None:
        self.answers.append(exc)


def test_the_keychain_is_checked_once_when_first_shown(qloop, qtbot, run_until):
    with installed(SlowKeyring(0.05)):
        Keychain().set(REF, Secret("stored"))
        dialog = Probe()
        qtbot.addWidget(dialog)
        assert not dialog.checking_keychain and dialog.keychain_state is None  # nothing before it is shown
        dialog.show()
        assert dialog.checking_keychain
        run_until(lambda: dialog.answers)
        assert dialog.answers[0].stored and not dialog.checking_keychain
        dialog.hide()
        dialog.keychain_state = dialog.answers[0]
        dialog.show()  # shown again: no second check
        assert not dialog.checking_keychain and len(dialog.answers) == 1
        assert not dialog.testing and not dialog.saving


def test_closing_drops_a_check_still_running(qloop, qtbot, run_until):
    with installed(SlowKeyring(0.3)):
        dialog = Probe()
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.checking_keychain
        dialog.reject()
        assert not dialog.checking_keychain
        qtbot.wait(500)
        assert dialog.answers == []


def test_deleting_without_closing_drops_a_check_still_running(qloop, qtbot, run_until):
    with installed(SlowKeyring(0.3)):
        dialog = Probe()
        dialog.show()
        run = dialog._runs["keychain"]
        answers = dialog.answers
        dialog.deleteLater()
        qtbot.wait(500)
        assert answers == [] and run._task is not None and run._task.done()
