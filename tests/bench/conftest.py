"""Bench test fixtures: a cache filled by one real sync of the tiny emulated company, and a qasync loop."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest


@pytest.fixture(scope="session")
def tiny_cache(tmp_path_factory):
    """A cache file synced from the tiny company (shared: tests copy it before writing)."""
    import httpx

    from mkdesk.core.cache import Database
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine
    from mkdesk.emulator.app import create_app
    from mkdesk.emulator.config import EmulatorConfig

    path = tmp_path_factory.mktemp("tiny") / "cache.sqlite3"
    config = EmulatorConfig(scale="tiny", seed=3, today=date(2026, 11, 24))

    async def scenario():
        client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                                 transport=httpx.ASGITransport(app=create_app(config)))
        db = Database.open(path)
        try:
            assert (await SyncEngine(client, db).sync()).ok
        finally:
            await client.aclose()
            db.close()

    asyncio.run(scenario())
    return path


@pytest.fixture
def qloop(qapp):
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.close()
        asyncio.set_event_loop(None)
