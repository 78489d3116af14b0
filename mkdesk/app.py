"""App layer: the composition root — builds settings, logging, client, Qt application, qasync loop and main window.

Collaborators are created here and passed in through constructors; there is no global window or app object.
`run_demo` wires the emulator in place of Metakocka, served on loopback by a child process (`demo_server.py`; no
outside network).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdesk import __version__
from mkdesk.core.log import setup_logging
from mkdesk.core.paths import resolve_data_dir

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DemoCompany:
    """The demo's collaborators: an emulated company reached through the real client, the cache and the engine."""

    name: str
    client: Any
    db: Any
    engine: Any
    server: Any = None  # the emulator child process serving on loopback

    async def close(self) -> None:
        await self.client.aclose()
        await asyncio.to_thread(self.db.close)
        if self.server is not None:
            await asyncio.to_thread(self.server.close)


async def open_demo_company(scale: str, seed: int, data_dir: Path) -> DemoCompany:
    """Start the demo emulator as a child process (`demo_server.py`: served from a thread of the app, its
    generation and its encoding of big answers held the GIL and stalled the GUI, `mkdesk bench --gui`) and wire
    client, cache and sync engine. Call it on the GUI thread: the child is tied to the thread that starts it."""
    from mkdesk.core.cache import Database
    from mkdesk.core.erp.client import MetakockaClient
    from mkdesk.core.paths import cache_path
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine
    from mkdesk.demo_server import DemoServer, emulator_command

    server = DemoServer.spawn(emulator_command(scale, seed))
    db = None
    try:
        db = await asyncio.to_thread(Database.open, cache_path(data_dir))
        # while the child generates the company: import what the window's tabs need, off the GUI thread (imported
        # when they are attached, right before the first sync, they stalled the GUI thread ~190 ms)
        await asyncio.gather(asyncio.to_thread(server.wait_ready), asyncio.to_thread(preload, WINDOW_MODULES))
        name = await asyncio.to_thread(_demo_company_name)
    except BaseException:
        await asyncio.to_thread(server.close)
        if db is not None:
            await asyncio.to_thread(db.close)
        raise
    client = MetakockaClient(server.url, server.company_id, Secret(server.secret_key))
    return DemoCompany(name, client, db, SyncEngine(client, db), server)


#: what `MainWindow.attach` and the demo's sync controls import (tabs, mail, context pane with simplemma, charts)
WINDOW_MODULES = (
    "mkdesk.core.diagnostics", "mkdesk.core.pdfs", "mkdesk.qt.sync_controls", "mkdesk.qt.mail.tab",
    "mkdesk.qt.mail.context_pane", "mkdesk.qt.quick_search", "mkdesk.qt.tabs.contacts", "mkdesk.qt.tabs.documents",
    "mkdesk.qt.tabs.products", "httpcore", "anyio._backends._asyncio",  # the client's first connection
)


def preload(modules: tuple[str, ...]) -> None:
    """Import modules ahead of use (call it off the GUI thread; their imports define classes and value types only)."""
    import importlib

    for name in modules:
        importlib.import_module(name)


def _demo_company_name() -> str:
    from mkdesk.emulator.generator import COMPANY_NAME

    return COMPANY_NAME


def cache_facts(conn: Any) -> list[tuple[str, str | int]]:
    """What the cache holds, for the summary card (runs on a database reader thread)."""
    from mkdesk.core.cache.repo_documents import DocumentFilter, count_documents
    from mkdesk.core.cache.repo_partners import count_partners
    from mkdesk.core.cache.repo_products import count_products, list_warehouses

    bills = ("sales_bill_domestic", "sales_bill_foreign", "sales_bill_retail")
    return [
        ("Partners", count_partners(conn)),
        ("Products", count_products(conn)),
        ("Warehouses", ", ".join(w.name or w.mark or w.mk_id for w in list_warehouses(conn))),
        ("Offers", count_documents(conn, DocumentFilter(doc_types=("sales_offer",)))),
        ("Sales orders", count_documents(conn, DocumentFilter(doc_types=("sales_order",)))),
        ("Invoices", count_documents(conn, DocumentFilter(doc_types=bills))),
        ("Unpaid invoices", count_documents(conn, DocumentFilter(doc_types=bills, unpaid=True))),
        ("Overdue invoices", count_documents(conn, DocumentFilter(doc_types=bills, overdue=True))),
    ]


def _demo_mailbox(conn: Any, company_name: str) -> Any:
    """Store the demo mailbox after the first sync (writer thread); a profile that has it keeps it."""
    from datetime import UTC, datetime

    from mkdesk.core.mail.demo import import_demo_mailbox

    return import_demo_mailbox(conn, now=datetime.now(UTC), own_name=company_name)


def _make_qapp():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from mkdesk.core.sync.engine import tune_interpreter

    tune_interpreter()  # the GUI loop gets the GIL back quickly while the writer thread decodes pages

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mkdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("mkdesk")
    app.setDesktopFileName("mkdesk")  # Wayland app id = resources/mkdesk.desktop
    icon = Path(__file__).resolve().parent.parent / "resources" / "mkdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if not hasattr(app, "_mkdesk_gc"):
        from mkdesk.qt.gc_guard import GuiGarbageCollector

        app._mkdesk_gc = GuiGarbageCollector(app)  # Qt objects are only ever freed on the GUI thread
        app._mkdesk_gc.install()
    return app


def _install_translations(directory: Path) -> str:
    """The UI language of the profile's settings (or the system's), installed before any window is built."""
    from mkdesk.core.settings import load_settings
    from mkdesk.qt.i18n import install_translations

    return install_translations(load_settings(directory).language)


def run_demo(
    *, data_dir: Path | None, scale: str, seed: int, screenshot: Path | None = None, tab: str = "contacts"
) -> int:
    """`mkdesk demo`: the app on an emulated company served by a child process, first sync with visible
    progress; with `screenshot`, save a PNG once the first sync is done and exit."""
    import qasync

    from mkdesk.qt.bridge import Bridge
    from mkdesk.qt.error_dialog import install_error_reporter
    from mkdesk.qt.gc_guard import follow_sync
    from mkdesk.qt.main_window import MainWindow
    from mkdesk.qt.sync_controller import SyncController

    if screenshot is not None and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    directory = resolve_data_dir(data_dir, demo=True)
    log_path = setup_logging(directory)
    log.info("mkdesk %s demo in %s (scale %s)", __version__, directory, scale)
    app = _make_qapp()
    _install_translations(directory)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    bridge = Bridge()
    window = MainWindow()
    reporter = install_error_reporter(log_path, window, bridge, loop)
    window.select_tab(tab)
    window.show_status(window.tr("Preparing the demo company…"))
    window.set_busy(True)
    window.sync_action.setEnabled(False)
    outcome = {"code": 0}
    finished = asyncio.Event()
    parts: dict[str, Any] = {}

    async def settled() -> None:
        """Until the tabs and detail panes have read what they show (each read may start the next one)."""
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(0.02)
            quiet = 0 if bridge.busy else quiet + 1

    def done(code: int = 0) -> None:
        outcome["code"] = max(outcome["code"], code)
        if screenshot is not None and code == 0 and "settled" not in parts:
            parts["settled"] = True
            # not a bridge task: it waits for the bridge to have nothing left to do
            asyncio.ensure_future(settled()).add_done_callback(lambda _t: done())
            return
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(screenshot), "PNG"):
                print(f"mkdesk demo: cannot write {screenshot}", file=sys.stderr)
                outcome["code"] = 1
            finished.set()

    def show_facts(facts: list[tuple[str, str | int]]) -> None:
        window.set_company(parts["company"].name, facts)
        window.show_status(window.tr("Demo company synced (emulated Metakocka, no network)."))
        done()

    def synced(result: Any) -> None:
        window.set_sync_running(False)
        if "auto-sync" not in parts:  # after the first sync: auto-sync on, with the default intervals
            from mkdesk.core.settings import Settings

            parts["auto-sync"] = True
            parts["controls"].set_engine(parts["company"].engine, Settings())
        if result.ok:
            from datetime import datetime

            window.freshness.set_last_sync(datetime.now().astimezone())
        window.apply_changes(result.changes)
        if not result.ok:
            window.show_status(window.tr("Sync finished with problems: {what}").format(what=", ".join(result.failed)))
        if "demo-mail" not in parts:  # the demo mailbox, from the synced company's own partners and documents
            parts["demo-mail"] = True
            bridge.run(parts["company"].db.write(_demo_mailbox, parts["company"].name),
                       lambda report: window.apply_changes(report.changes), failed, name="demo-mail")
        bridge.run(parts["company"].db.read(cache_facts), show_facts, failed, name="cache-facts")

    def failed(exc: BaseException) -> None:
        from mkdesk.qt.error_texts import error_text

        log.error("demo failed", exc_info=exc)
        message = error_text(exc)
        window.set_busy(False)
        window.set_sync_running(False)
        window.show_status(window.tr("The demo company could not be opened: {error}").format(error=message))
        done(1)

    def opened(company: DemoCompany) -> None:
        parts["company"] = company
        controller = parts["sync"] = SyncController(company.engine, bridge, window)
        follow_sync(controller)  # no full garbage collection while the first sync's records are alive
        controller.progress.connect(window.show_sync_progress)
        controller.running_changed.connect(window.set_sync_running)
        controller.finished.connect(synced)
        controller.failed.connect(failed)
        controller.cancelled.connect(lambda: window.show_status(window.tr("Sync cancelled.")))
        window.sync_requested.connect(controller.request_sync)
        window.cancel_requested.connect(controller.cancel)
        from mkdesk.core.diagnostics import export_diagnostics
        from mkdesk.qt.sync_controls import SyncControls

        parts["controls"] = SyncControls(window, controller, bridge, company.db,
                                         export=lambda path: export_diagnostics(path, directory, company.db))
        window.set_company(company.name, [])
        from mkdesk.core.pdfs import PdfService

        window.attach(bridge, company.db, PdfService(company.db, lambda: company.client, directory / "pdf"),
                      client=lambda: company.client)
        controller.request_sync()

    window.show()
    bridge.run(open_demo_company(scale, seed, directory), opened, failed, name="open-demo")
    with loop:
        if screenshot is None:
            app.lastWindowClosed.connect(finished.set)
        loop.run_until_complete(finished.wait())
        loop.run_until_complete(bridge.shutdown())
        if "company" in parts:
            loop.run_until_complete(parts["company"].close())
    reporter.uninstall()
    return outcome["code"]


def run_app(*, data_dir: Path | None) -> int:
    """`mkdesk`: the app on the user's profile — one instance per profile, settings, translations, the error
    dialog and remembered window state; without a complete profile the settings dialog opens first."""
    from mkdesk.qt.profile_app import run_profile

    directory = resolve_data_dir(data_dir)
    log_path = setup_logging(directory)
    log.info("mkdesk %s on profile %s", __version__, directory)
    app = _make_qapp()
    _install_translations(directory)
    return run_profile(app, directory, log_path)
