"""Tests for mkdesk.qt.pyside_guard: on Python 3.11 `None`/`True`/`False` survive PySide6's dropped references."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from mkdesk.qt.pyside_guard import PIN, drops_none_references, pin_singletons


class Source(QObject):
    ping = Signal()


def test_singletons_are_pinned_on_python_before_3_12(qapp):
    pinned = pin_singletons()
    assert pin_singletons() == pinned  # idempotent: pinned once, not twice
    if sys.version_info >= (3, 12):
        assert pinned is False
        return
    assert pinned is True
    for value in (None, True, False):
        assert PIN // 2 < sys.getrefcount(value) < PIN * 2


def test_many_void_calls_and_emits_do_not_abort_the_interpreter(qapp):
    timer = QTimer()
    source = Source()
    for _ in range(150_000):  # unpinned, each loop would free None and True within a few thousand rounds here
        timer.setInterval(5)
        source.ping.emit()
    assert None is None and bool(1) is True and sys.getrefcount(None) > 1000


def test_the_probe_reports_this_pyside(qapp):
    # PySide6 6.12.0 abi3 on Python 3.11 drops None references; the probe says so without harming anything
    assert isinstance(drops_none_references(), bool)
    assert drops_none_references() == drops_none_references()
