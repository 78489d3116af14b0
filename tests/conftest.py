"""Test setup shared by every test: headless Qt, and an in-memory keychain unless a test asks for the real one."""

from __future__ import annotations

import os

# Qt aborts the process without a display: choose the offscreen platform before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import mkdesk.qt.pyside_guard  # noqa: E402,F401  (PySide6 6.12 on Python 3.11 drops None/True references; see there)
import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keychain that lives in memory, for tests that are not about the OS keychain itself."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError(username)
        del self.items[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest):
    """Install an in-memory keyring for the test (skipped for tests marked `keychain`, which use the real one)."""
    if request.node.get_closest_marker("keychain"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


_QT_FIXTURES = frozenset({"qtbot", "qapp", "qloop"})
_previous_used_qt = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Collect the previous Qt test's garbage on the main thread before the next non-Qt test starts.

    A Qt test's widgets are still referenced by pytest while that test's own fixtures end, so some of them become
    garbage only afterwards. With automatic collection back on, a database thread of the next test could be the one
    to free them, and Qt objects destroyed off their thread abort ("Timers cannot be stopped from another thread").
    """
    global _previous_used_qt
    uses_qt = bool(_QT_FIXTURES.intersection(getattr(item, "fixturenames", ())))
    if _previous_used_qt and not uses_qt:
        import gc

        gc.collect()
    _previous_used_qt = uses_qt
