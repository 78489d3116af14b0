"""Qt test fixtures: a qasync event loop on the GUI thread (Qt timers and asyncio in one loop, as in the app)."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import pytest
import qasync


@contextlib.contextmanager
def main_thread_garbage():
    """Collect what earlier tests left here, on the main thread, and hold automatic collection while a shared cache
    is built: its database threads would otherwise be the ones to free that garbage, Qt objects among it, and Qt
    aborts when an object is destroyed off its thread ("Timers cannot be stopped from another thread")."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@pytest.fixture
def qloop(qapp):
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def loop_outlives_the_dialog(qapp):
    """A shown dialog is the only window of its test: closing it must not quit the qasync loop (the app has its
    window). Dialog tests use it for every test: `pytestmark = pytest.mark.usefixtures("loop_outlives_the_dialog")`."""
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(True)


@pytest.fixture
def marked(qapp):
    """Every sentence of context "ErrorTexts" comes out marked "SL[…]" (`translation_support`)."""
    from tests.qt.translation_support import error_texts_marked

    with error_texts_marked():
        yield


@pytest.fixture(scope="session")
def synced_cache(tmp_path_factory):
    """A cache file filled by one real sync of the small emulated company (shared; tests copy it to write)."""
    from datetime import date

    import httpx

    from mkdesk.core.cache import Database
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine
    from mkdesk.emulator.app import create_app
    from mkdesk.emulator.config import EmulatorConfig

    path = tmp_path_factory.mktemp("synced") / "cache.sqlite3"
    config = EmulatorConfig(scale="small", seed=7, today=date(2026, 3, 2))

    async def scenario():
        transport = httpx.ASGITransport(app=create_app(config))
        client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                                 transport=transport)
        db = Database.open(path)
        try:
            result = await SyncEngine(client, db).sync()
            assert result.ok
        finally:
            await client.aclose()
            db.close()

    with main_thread_garbage():
        asyncio.run(scenario())
    return path


@pytest.fixture(scope="session")
def mail_cache(synced_cache, tmp_path_factory):
    """The synced cache with the demo mailbox stored in it (built once; tests get copies through `mail_db`)."""
    from tests.qt.mail_support import cache_with_demo_mail

    with main_thread_garbage():
        return cache_with_demo_mail(synced_cache, tmp_path_factory.mktemp("mail"))


@pytest.fixture
def mail_db(qloop, mail_cache, tmp_path):
    """A writable copy of `mail_cache`, open."""
    import shutil

    from mkdesk.core.cache import Database

    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(mail_cache, path)
    db = Database.open(path)
    yield db
    db.close()


@pytest.fixture
def cache_db(qloop, synced_cache):
    from mkdesk.core.cache import Database

    db = Database.open(synced_cache)
    yield db
    db.close()


@pytest.fixture
def run_until(qloop):
    """Run the qasync loop until `predicate()` holds (the bridge's callbacks run on it); fails after `timeout`."""

    def wait(predicate, timeout: float = 10.0) -> None:
        async def until():
            while not predicate():
                await asyncio.sleep(0.005)

        qloop.run_until_complete(asyncio.wait_for(until(), timeout))

    return wait


@pytest.fixture(autouse=True)
def collect_qt_garbage():
    """Garbage is collected on the GUI thread only, as in the app (`mkdesk.qt.gc_guard`): automatic collection is
    off during a Qt test, and its garbage is collected at the end. A collection started on a database thread would
    destroy Qt objects there ("Timers cannot be stopped from another thread")."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()


@pytest.fixture
def open_tab(qtbot, run_until):
    """Build a browse tab over a cache, show it and wait for its first page and the first row's detail."""

    made = []

    def make(tab_class, db, bridge=None):
        from mkdesk.qt.bridge import Bridge

        tab = tab_class(bridge or Bridge(), db)
        made.append(tab)
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show()
        tab.start()
        run_until(lambda: tab.model.ever_loaded and not tab.model.loading)
        if tab.model.rowCount():
            run_until(lambda: tab.detail.result is not None)
        return tab

    yield make
    for tab in made:  # let pages still in flight land before the loop closes
        run_until(lambda t=tab: not t._bridge.busy)
