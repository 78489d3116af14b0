"""Entry layer: the GUI probes of `mkdesk bench` — child processes that run the real Qt app and time it (GUI thread).

`python -m mkdesk.bench.gui_probe browse|heartbeat|demo|bare …` prints one JSON line on stdout. Every probe runs
the app's own objects on the GUI thread with its qasync loop (the profile session, the browse tabs, the sync
controller, `run_demo`), in the offscreen platform unless a display is set; the probes only watch: an app-wide
paint filter for "first paint with rows", signal slots for search timings, a 10 ms heartbeat `QTimer` for stalls.
The Metakocka secret of a heartbeat run comes in the environment (`MKDESK_SECRET_KEY`), never on the command line.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: how often the heartbeat timer asks to run (its lateness is what the GUI thread could not serve in time)
HEARTBEAT_MS = 10
SECRET_ENV = "MKDESK_SECRET_KEY"
TABLE_OPEN_RUNS = 5
SCROLL_PAGES = 10  # pages fetched per table when the memory figure is taken


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc; else the peak from getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    from mkdesk.bench.run import peak_rss_mb

    return peak_rss_mb()


def keep_none_alive() -> None:
    """PySide6 6.12.0's abi3 wheels drop a `None`/`True`/`False` reference on every void Qt call on Python 3.11: pin
    them before the first Qt call, as the app does (`mkdesk.qt.pyside_guard`, idempotent)."""
    from mkdesk.qt.pyside_guard import pin_singletons

    pin_singletons()


def _qt_setup() -> Any:
    keep_none_alive()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mkdesk.app import _make_qapp

    return _make_qapp()


def wait_for(loop: Any, predicate: Callable[[], bool], timeout: float = 120.0, step: float = 0.002) -> None:
    """Run the qasync loop until `predicate()` holds; TimeoutError after `timeout` seconds."""

    async def until() -> None:
        while not predicate():
            await asyncio.sleep(step)

    loop.run_until_complete(asyncio.wait_for(until(), timeout))


def session_keychain(secret: str) -> Any:
    """A keychain that keeps the bench's secret for this process only (never the user's OS keychain)."""
    from mkdesk.core.secrets import Keychain, Secret
    from mkdesk.qt.settings_dialog import METAKOCKA_SECRET

    class SessionKeychain(Keychain):
        @property
        def persistent(self) -> bool:
            return False

    keychain = SessionKeychain(service="mkdesk-bench")
    keychain.set(METAKOCKA_SECRET, Secret(secret))
    return keychain


class Heartbeat:
    """A precise 10 ms timer on the GUI thread; each tick's lateness is the time since the last one minus 10 ms."""

    def __init__(self, interval_ms: int = HEARTBEAT_MS, watch: bool = False) -> None:
        from PySide6.QtCore import Qt, QTimer

        from mkdesk.bench.stall_watch import StallWatch

        self.interval = interval_ms / 1000
        self.lateness: list[float] = []
        self.phase_of: list[str] = []
        self.phase = "idle"
        self._last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self.watch = StallWatch() if watch else None  # why the GUI thread stalled (stacks, collections)

    def start(self) -> None:
        self._last = None
        self._timer.start()
        if self.watch is not None:
            self.watch.start()

    def stop(self) -> None:
        self._timer.stop()
        if self.watch is not None:
            self.watch.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.watch is not None:
            self.watch.beat()
        if self._last is not None:
            self.lateness.append(max(0.0, now - self._last - self.interval))
            self.phase_of.append(self.phase)
        self._last = now

    def summary(self, phase: str | None = None) -> dict[str, Any]:
        from mkdesk.bench.gui_figures import percentile

        late = [v for v, p in zip(self.lateness, self.phase_of, strict=True) if phase is None or p == phase]
        return {"ticks": len(late), "max_ms": round(max(late, default=0.0) * 1000, 1),
                "p99_ms": round(percentile(late, 99) * 1000, 1), "over_50ms": sum(1 for v in late if v > 0.05)}


class ScrollProbe:
    """Every `every_ms`, one page down in a browse tab's table (back to the top at its end), painted at once; `times`
    are how long each step held the GUI thread — what a rep scrolling while a sync runs waits for each page."""

    def __init__(self, tab: Any, every_ms: int = 200) -> None:
        from PySide6.QtCore import QTimer

        self.tab = tab
        self.times: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        self._timer.start()
        QTimer.singleShot(0, self._step)  # one step as soon as the loop runs, however short the sync

    def stop(self) -> None:
        self._timer.stop()

    def _step(self) -> None:
        table = self.tab.table
        bar = table.verticalScrollBar()
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep() if bar.value() < bar.maximum() else 0)
        table.viewport().repaint()
        self.times.append(time.perf_counter() - started)

    def summary(self) -> dict[str, Any]:
        from mkdesk.bench.gui_figures import percentile

        return {"steps": len(self.times), "p95_ms": round(percentile(self.times, 95) * 1000, 1),
                "max_ms": round(max(self.times, default=0.0) * 1000, 1)}


class PaintProbe:
    """App-wide event filter: the wall-clock time of the first paint of a table viewport showing rows.

    It never calls a Qt getter that may return a null object (`parent()`, `model()`, `findChild`): PySide6 6.12
    drops a reference to `None` on each such call, and on Python 3.11 `None` can run out of references."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QTableView

        probe = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint and probe.painted_at is None:
                    for top in QApplication.topLevelWidgets():
                        views = top.findChildren(QTableView) + ([top] if isinstance(top, QTableView) else [])
                        for view in views:
                            if (view.viewport() is watched and view.isVisible()
                                    and view.model().rowCount() > 0):
                                probe.painted_at = time.time()
                                probe.view = view
                                return False
                return False

        self.painted_at: float | None = None
        self.view: Any = None
        self._app = app
        self._filter = Filter()
        app.installEventFilter(self._filter)

    def remove(self) -> None:
        self._app.removeEventFilter(self._filter)


def _profile(data_dir: Path, url: str, company_id: str) -> None:
    from mkdesk.core.settings import Settings, save_settings

    save_settings(data_dir, Settings(company_id=company_id, endpoint="custom", custom_url=url, auto_sync=False))


def _open_session(app: Any, data_dir: Path, secret: str) -> tuple[Any, Any, Any]:
    """The profile session as `mkdesk --data-dir` builds it (one instance per profile, translations, logging)."""
    import qasync

    from mkdesk.app import _install_translations
    from mkdesk.core.log import setup_logging
    from mkdesk.qt.profile_app import ProfileSession
    from mkdesk.qt.single_instance import SingleInstance

    log_path = setup_logging(data_dir)
    _install_translations(data_dir)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        raise RuntimeError(f"another mkdesk holds the profile {data_dir}")
    session = ProfileSession(data_dir, log_path, loop, keychain=session_keychain(secret))
    return loop, session, instance


def _close(loop: Any, session: Any, instance: Any) -> None:
    session.window.close()
    loop.run_until_complete(session.close())
    instance.release()
    loop.close()  # its thread executor too (`asyncio.to_thread`), as `run_profile`'s `with loop` does


def _settle(loop: Any, bridge: Any) -> None:
    wait_for(loop, lambda: not bridge.busy, timeout=120)


def browse(data_dir: Path, started_at: float, queries: dict[str, list[str]]) -> dict[str, Any]:
    """Cold start to first paint with rows, opening the documents table, search-as-you-type, memory after use."""
    from mkdesk.bench.search_probe import search_figures, table_open_figures

    app = _qt_setup()
    probe = PaintProbe(app)
    _profile(data_dir, "http://127.0.0.1:9", "bench")  # complete profile, never contacted: no sync is started
    loop, session, instance = _open_session(app, data_dir, "bench-key")
    session.start()
    wait_for(loop, lambda: probe.painted_at is not None, timeout=120, step=0.001)
    probe.remove()
    figures: dict[str, Any] = {"first_paint_s": round(probe.painted_at - started_at, 3),
                               "first_paint_tab": session.window.current_tab()}
    _settle(loop, session.bridge)
    figures.update(table_open_figures(loop, session, TABLE_OPEN_RUNS))
    figures.update(search_figures(loop, session, queries))
    figures.update(_memory_after_use(loop, session))
    _close(loop, session, instance)
    return figures


def _memory_after_use(loop: Any, session: Any) -> dict[str, Any]:
    """Open every tab, clear its search and scroll its table `SCROLL_PAGES` pages down; then the RSS."""
    from mkdesk.qt.main_window import TAB_NAMES

    window = session.window
    rows = {}
    for name in TAB_NAMES:
        window.select_tab(name)
        tab = window.browse.get(name)
        if tab is None:
            continue
        if tab.search.text():
            tab.search.clear()
            tab.apply_query()
        wait_for(loop, lambda t=tab: t.model.ever_loaded and not t.model.loading)
        for _ in range(SCROLL_PAGES):
            before = tab.model.rowCount()
            tab.table.scrollToBottom()
            if not tab.model.canFetchMore():
                if before >= tab.model.total:
                    break
            wait_for(loop, lambda t=tab, b=before: t.model.rowCount() > b or t.model.rowCount() >= t.model.total)
        rows[name] = tab.model.rowCount()
        _settle(loop, session.bridge)
    gc.collect()
    return {"rss_after_use_mb": current_rss_mb(), "rows_loaded": rows}


def _sync_once(loop: Any, session: Any) -> tuple[float, dict[str, Any]]:
    """Sync now (what F5 does), waited for: seconds taken and the outcome (`result` or `error`)."""
    outcome: dict[str, Any] = {}
    on_finished = lambda result: outcome.setdefault("result", result)  # noqa: E731
    on_failed = lambda exc: outcome.setdefault("error", exc)  # noqa: E731
    session.sync.finished.connect(on_finished)
    session.sync.failed.connect(on_failed)
    started = time.perf_counter()
    session.window.sync_action.trigger()
    wait_for(loop, lambda: bool(outcome), timeout=3600, step=0.05)
    seconds = time.perf_counter() - started
    session.sync.finished.disconnect(on_finished)
    session.sync.failed.disconnect(on_failed)
    return seconds, outcome


def heartbeat_sync(data_dir: Path, url: str, company_id: str, secret: str, stalls: bool = False,
                   scroll: bool = False) -> dict[str, Any]:
    """A full sync through the profile session's Sync now (real client, engine on the qasync loop) under a heartbeat;
    with `stalls`, the longest stalls with what every thread was doing meanwhile (`StallWatch`); with `scroll`, a
    second sync follows (what auto-sync runs all day: the partners, products and stock are read whole every time)
    while the contacts table is scrolled a page every 200 ms (`ScrollProbe`; the first sync shows no table yet)."""
    app = _qt_setup()
    _profile(data_dir, url, company_id)
    loop, session, instance = _open_session(app, data_dir, secret)
    session.start()
    wait_for(loop, lambda: session.sync is not None and session.window.sync_action.isEnabled())
    _settle(loop, session.bridge)
    beat = Heartbeat(watch=stalls)
    if beat.watch is not None:
        watch = beat.watch
        session.sync.progress.connect(lambda entity, done, total: setattr(watch, "where", f"{entity} {done}/{total}"))
    beat.start()
    beat.phase = "sync"
    sync_s, outcome = _sync_once(loop, session)
    beat.phase = "refresh"
    _settle(loop, session.bridge)
    result = outcome.get("result")
    figures: dict[str, Any] = {
        "sync_s": round(sync_s, 2), "sync_ok": bool(result is not None and result.ok),
        "error": type(outcome["error"]).__name__ if "error" in outcome else None,
        "during_sync": beat.summary("sync"), "after_sync": beat.summary("refresh")}
    if scroll:
        session.window.select_tab("contacts")
        tab = session.window.browse["contacts"]
        wait_for(loop, lambda: tab.table.isVisible() and tab.model.rowCount() > 0)
        scroller = ScrollProbe(tab)
        scroller.start()
        beat.phase = "resync"
        resync_s, again = _sync_once(loop, session)
        scroller.stop()
        figures.update(resync_s=round(resync_s, 2), resync_ok=bool(again.get("result") is not None
                                                                   and again["result"].ok),
                       scroll=scroller.summary())
    beat.stop()
    _close(loop, session, instance)
    if beat.watch is not None:
        figures["stalls"] = beat.watch.worst()
    return figures


def heartbeat_demo(data_dir: Path, scale: str, seed: int) -> dict[str, Any]:
    """`mkdesk demo` itself (`run_demo` with a screenshot, so it ends after its first sync) under a heartbeat."""
    from mkdesk.app import run_demo
    from mkdesk.qt.sync_controller import SyncController

    app = _qt_setup()
    beat = Heartbeat()
    watched: dict[str, Any] = {}

    def follow_phase() -> None:
        controller = watched.get("controller")
        if controller is None:
            for widget in app.topLevelWidgets():
                found = widget.findChildren(SyncController)  # never findChild: see PaintProbe
                if found:
                    watched["controller"] = controller = found[0]
                    break
        if controller is not None:
            beat.phase = "sync" if controller.running else ("after" if beat.phase != "open" else "open")

    from PySide6.QtCore import QTimer

    follower = QTimer()
    follower.setInterval(5)
    follower.timeout.connect(follow_phase)
    beat.phase = "open"
    QTimer.singleShot(0, beat.start)  # once `run_demo`'s loop runs
    QTimer.singleShot(0, follower.start)
    started = time.perf_counter()
    code = run_demo(data_dir=data_dir, scale=scale, seed=seed, screenshot=data_dir / "demo.png")
    total_s = time.perf_counter() - started
    beat.stop()
    follower.stop()
    return {"demo_exit": code, "demo_s": round(total_s, 2), "during_open": beat.summary("open"),
            "during_sync": beat.summary("sync"), "after_sync": beat.summary("after")}


def bare(started_at: float) -> dict[str, Any]:
    """Baseline of the cold start: Python + PySide6 to the first paint of a table with rows, nothing of mkdesk."""
    keep_none_alive()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    probe = PaintProbe(app)
    model = QStandardItemModel(30, 5)
    for row in range(30):
        for col in range(5):
            model.setItem(row, col, QStandardItem(f"{row}.{col}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 760)
    view.show()
    deadline = time.monotonic() + 60
    while probe.painted_at is None:
        if time.monotonic() > deadline:
            raise TimeoutError("the table was never painted")
        app.processEvents()
    return {"first_paint_s": round(probe.painted_at - started_at, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdesk.bench.gui_probe")
    parser.add_argument("probe", choices=("browse", "heartbeat", "demo", "bare"))
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--started-at", type=float, default=0.0)
    parser.add_argument("--queries", type=Path, help="JSON file: tab name → search texts")
    parser.add_argument("--url", default="")
    parser.add_argument("--company-id", default="")
    parser.add_argument("--scale", default="tiny")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stalls", action="store_true", help="heartbeat: report what stalled the GUI thread")
    parser.add_argument("--scroll", action="store_true", help="heartbeat: scroll the contacts table meanwhile")
    args = parser.parse_args(argv)
    if args.probe == "bare":
        figures = bare(args.started_at)
    elif args.probe == "browse":
        queries = json.loads(args.queries.read_text(encoding="utf-8")) if args.queries else {}
        figures = browse(args.data_dir, args.started_at, queries)
    elif args.probe == "heartbeat":
        figures = heartbeat_sync(args.data_dir, args.url, args.company_id, os.environ.get(SECRET_ENV, ""),
                                 stalls=args.stalls, scroll=args.scroll)
    else:
        figures = heartbeat_demo(args.data_dir, args.scale, args.seed)
    print(json.dumps(figures, sort_keys=True), flush=True)
    sys.stderr.flush()
    os._exit(0)  # the figures are out; skip finalizing Qt wrappers (see `keep_none_alive`)


if __name__ == "__main__":
    raise SystemExit(main())
