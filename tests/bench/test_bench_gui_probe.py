"""Tests for mkdesk.bench.gui_probe: the heartbeat sees a blocked GUI thread, the paint probe waits for rows, the
bench keychain stays in memory, and the bare-Qt baseline child reports its first paint."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from mkdesk.bench import gui_probe


def test_heartbeat_reports_how_long_the_gui_thread_was_blocked(qapp, qloop):
    beat = gui_probe.Heartbeat()
    beat.start()
    beat.phase = "busy"
    QTimer.singleShot(100, lambda: time.sleep(0.12))  # a slot that stalls the GUI thread for 120 ms
    gui_probe.wait_for(qloop, lambda: len(beat.lateness) > 30, timeout=10)
    beat.stop()
    summary = beat.summary("busy")
    assert summary["ticks"] == len(beat.lateness) > 30
    assert 100 <= summary["max_ms"] < 1000
    assert summary["over_50ms"] >= 1
    assert summary["p99_ms"] <= summary["max_ms"]
    assert beat.summary("other") == {"ticks": 0, "max_ms": 0.0, "p99_ms": 0.0, "over_50ms": 0}


def _stalls_the_gui_thread() -> None:
    time.sleep(0.12)


def test_heartbeat_with_a_watch_names_what_stalled_the_gui_thread(qapp, qloop):
    beat = gui_probe.Heartbeat(watch=True)
    beat.start()
    QTimer.singleShot(100, _stalls_the_gui_thread)
    gui_probe.wait_for(qloop, lambda: len(beat.lateness) > 30, timeout=10)
    beat.stop()
    worst = beat.watch.worst(1)[0]
    assert 100 <= worst["ms"] < 1000
    assert any("_stalls_the_gui_thread" in line for line in worst["stacks"]["GUI"])


def test_scroll_probe_pages_down_paints_and_times_each_step(qapp, qtbot):
    from types import SimpleNamespace

    model = QStandardItemModel(0, 3)
    for row in range(500):
        model.appendRow([QStandardItem(f"{row}-{col}") for col in range(3)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    probe = gui_probe.ScrollProbe(SimpleNamespace(table=view), every_ms=20)
    probe.start()
    qtbot.waitUntil(lambda: len(probe.times) >= 4, timeout=5000)
    probe.stop()
    assert view.verticalScrollBar().value() > 0  # it paged down
    summary = probe.summary()
    assert summary["steps"] == len(probe.times) >= 4 and 0 < summary["p95_ms"] <= summary["max_ms"]


def test_paint_probe_ignores_empty_tables_and_times_the_first_paint_with_rows(qapp, qtbot):
    probe = gui_probe.PaintProbe(qapp)
    try:
        model = QStandardItemModel(0, 2)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.show()
        qtbot.waitExposed(view)
        for _ in range(5):
            qapp.processEvents()
        assert probe.painted_at is None
        before = time.time()
        model.appendRow([QStandardItem("a"), QStandardItem("b")])
        qtbot.waitUntil(lambda: probe.painted_at is not None, timeout=5000)
        assert before <= probe.painted_at <= time.time() and probe.view is view
    finally:
        probe.remove()


def test_none_gets_a_reference_reserve_once():
    from mkdesk.qt.pyside_guard import PIN

    gui_probe.keep_none_alive()
    pinned = sys.getrefcount(None)
    gui_probe.keep_none_alive()  # the app's guard already pinned them: never twice
    assert sys.version_info >= (3, 12) or PIN // 2 < sys.getrefcount(None) < PIN * 2
    assert abs(sys.getrefcount(None) - pinned) < 1000


def test_bench_keychain_keeps_the_secret_in_this_process_only():
    from mkdesk.qt.settings_dialog import METAKOCKA_SECRET

    keychain = gui_probe.session_keychain("bench-secret")
    assert keychain.persistent is False
    assert keychain.get(METAKOCKA_SECRET).reveal() == "bench-secret"


def test_current_rss_is_in_megabytes():
    assert 10 < gui_probe.current_rss_mb() < 4096


def test_bare_qt_child_reports_its_first_paint():
    started = time.time()
    done = subprocess.run([sys.executable, "-m", "mkdesk.bench.gui_probe", "bare", "--started-at", repr(started)],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert 0 < figures["first_paint_s"] < time.time() - started
