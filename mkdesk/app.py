"""App layer: the composition root — builds settings, logging, client, Qt application, qasync loop and main window.

Collaborators are created here and passed in through constructors; there is no global window or app object.
`run_demo` wires an in-process emulator (through `httpx.ASGITransport`, no sockets, no network) in place of
Metakocka.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdesk import __version__
from mkdesk.core.log import setup_logging
from mkdesk.core.paths import resolve_data_dir

log = logging.getLogger(__name__)
DEMO_BASE_URL = "http://demo.metakocka.invalid"


@dataclass(frozen=True, slots=True)
class DemoFacts:
    """What the demo shows once its emulated company answered."""

    company_name: str
    facts: list[tuple[str, str | int]]


async def open_demo_company(scale: str, seed: int) -> DemoFacts:
    """Generate the demo company off the GUI thread and ask it a few questions through the real client."""
    import httpx

    from mkdesk.core.erp.client import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.emulator.app import create_app
    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.generator import generate

    config = EmulatorConfig(scale=scale, seed=seed)
    store = await asyncio.to_thread(generate, config)
    transport = httpx.ASGITransport(app=create_app(config, store))
    async with MetakockaClient(
        DEMO_BASE_URL, config.company_id, Secret(config.secret_key), transport=transport
    ) as client:
        warehouses = await client.warehouse_list()
        orders = await client.search("sales_order", result="ids", limit=1)
        invoices = await client.search("sales_bill_domestic", result="ids", limit=1)
        offers = await client.search("sales_offer", result="ids", limit=1)
        partners = await client.all_partners()
    facts = [
        ("Company id", config.company_id),
        ("Partners", len(partners)),
        ("Warehouses", ", ".join(w.name for w in warehouses)),
        ("Offers", offers.total or 0),
        ("Sales orders", orders.total or 0),
        ("Domestic invoices", invoices.total or 0),
    ]
    return DemoFacts(company_name=store.company_name, facts=facts)


def _make_qapp():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mkdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("mkdesk")
    icon = Path(__file__).resolve().parent.parent / "resources" / "mkdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_demo(
    *, data_dir: Path | None, scale: str, seed: int, screenshot: Path | None = None, tab: str = "contacts"
) -> int:
    """`mkdesk demo`: the app on an in-process emulated company; with `screenshot`, save a PNG and exit."""
    import qasync

    from mkdesk.qt.bridge import Bridge
    from mkdesk.qt.main_window import MainWindow

    if screenshot is not None and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    directory = resolve_data_dir(data_dir, demo=True)
    setup_logging(directory)
    log.info("mkdesk %s demo in %s (scale %s)", __version__, directory, scale)
    app = _make_qapp()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    bridge = Bridge()
    window = MainWindow()
    window.select_tab(tab)
    window.show_status(window.tr("Preparing the demo company…"))
    window.set_busy(True)
    result = {"code": 0}
    finished = asyncio.Event()

    def done() -> None:
        window.set_busy(False)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(screenshot), "PNG"):
                print(f"mkdesk demo: cannot write {screenshot}", file=sys.stderr)
                result["code"] = 1
            finished.set()

    def opened(facts: DemoFacts) -> None:
        window.set_company(facts.company_name, facts.facts)
        window.show_status(window.tr("Demo company ready (emulated Metakocka, no network)."))
        done()

    def failed(exc: BaseException) -> None:
        log.error("demo company failed to open", exc_info=exc)
        window.show_status(window.tr("The demo company could not be opened: {error}").format(error=exc))
        result["code"] = 1
        done()

    window.show()
    bridge.run(open_demo_company(scale, seed), opened, failed, name="open-demo")
    with loop:
        if screenshot is not None:
            loop.run_until_complete(finished.wait())
        else:
            app.lastWindowClosed.connect(finished.set)
            loop.run_until_complete(finished.wait())
        loop.run_until_complete(bridge.shutdown())
    return result["code"]


def run_app(*, data_dir: Path | None) -> int:
    """`mkdesk`: the app on the user's profile (profile setup arrives with the desktop issue)."""
    import qasync

    from mkdesk.qt.main_window import MainWindow

    directory = resolve_data_dir(data_dir)
    setup_logging(directory)
    app = _make_qapp()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow()
    window.show_status(window.tr("No Metakocka profile yet — try `mkdesk demo` to explore with a demo company."))
    window.show()
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0
