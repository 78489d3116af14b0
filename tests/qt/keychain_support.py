"""Test helpers for the dialogs' keychain: a real keyring backend in memory that answers slowly or fails, and a
watch on the GUI thread (a QTimer whose ticks show any moment the thread was blocked)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from PySide6.QtCore import QTimer

from tests.conftest import MemoryKeyring


class DBusTimeout(Exception):
    """Stands for what a Secret Service backend lets through when D-Bus does not answer (not a KeyringError)."""


class SlowKeyring(MemoryKeyring):
    """An in-memory keychain that takes `delay` seconds per call (as D-Bus or an unlock prompt can) and can fail:
    `fail_get`/`fail_set` are raised after the delay. It records the threads that called it."""

    def __init__(self, delay: float = 0.5, *, fail_get: BaseException | None = None,
                 fail_set: BaseException | None = None) -> None:
        super().__init__()
        self.delay = delay
        self.fail_get = fail_get
        self.fail_set = fail_set
        self.threads: set[int] = set()
        self.calls = 0

    def _wait(self) -> None:
        self.threads.add(threading.get_ident())
        self.calls += 1
        time.sleep(self.delay)

    def get_password(self, service: str, username: str) -> str | None:
        self._wait()
        if self.fail_get is not None:
            raise self.fail_get
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait()
        if self.fail_set is not None:
            raise self.fail_set
        super().set_password(service, username, password)


@contextmanager
def installed(backend: keyring.backend.KeyringBackend) -> Iterator[keyring.backend.KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


class GuiTicks:
    """A QTimer on the GUI thread every `interval_ms`; `max_gap()` is the longest time between two ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def max_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:]))

    def between(self, start: float, end: float) -> int:
        return sum(start <= t <= end for t in self.times)
