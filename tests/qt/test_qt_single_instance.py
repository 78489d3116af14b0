"""Tests for mkdesk.qt.single_instance: one instance per profile, the second wakes the first, stale locks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QWidget

from mkdesk.qt.single_instance import LOCK_FILE, SingleInstance, bring_to_front, server_name


def test_second_instance_wakes_the_first(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire() and first.locked
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert not second.acquire()
        assert second.notified_running and not second.locked
    finally:
        second.release()
        first.release()
    third = SingleInstance(tmp_path)
    assert third.acquire()  # released → free again
    third.release()


def test_profiles_are_independent(qapp, tmp_path):
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    try:
        assert a.acquire() and b.acquire()
    finally:
        a.release()
        b.release()


def test_lock_left_by_a_killed_process_is_taken_over(qapp, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from mkdesk.qt.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance(Path({str(tmp_path)!r}))
        print("locked" if instance.acquire() else "busy", flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "locked"
        held = SingleInstance(tmp_path)
        assert not held.acquire(timeout_ms=50)  # a live owner is never stale
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert (tmp_path / LOCK_FILE).exists()  # the killed process left its lock behind
    after = SingleInstance(tmp_path)
    try:
        assert after.acquire()
        assert not after.notified_running
    finally:
        after.release()


def test_bring_to_front_restores_a_minimised_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible() and not window.isMinimized()
