"""Shared helpers of the sync tests: an emulated company on loopback, a real SQLite cache file, one sync run."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from mkdesk.core.cache import Database, content_digest
from mkdesk.core.erp import MetakockaClient, RetryPolicy
from mkdesk.core.secrets import Secret
from mkdesk.core.sync import SyncEngine, SyncResult
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import ServerHandle, serve_in_thread

T = TypeVar("T")
SECRET = "sync-secret-0123456789abcdef"
#: `today` is the real date: the engine's windows are relative to the clock and writes stamp the real time
CONFIG = EmulatorConfig(seed=5, scale="tiny", company_id="4711", secret_key=SECRET, fault_delay_ms=5)
FAST_RETRY = RetryPolicy(attempts=10, base_delay=0.001, max_delay=0.01, quota_delay=0.01)


def serve(**changes: Any) -> ServerHandle:
    return serve_in_thread(replace(CONFIG, **changes))


def client_for(handle: ServerHandle, **kw: Any) -> MetakockaClient:
    kw.setdefault("retry", FAST_RETRY)
    return MetakockaClient(kw.pop("base_url", handle.url), handle.company_id,
                           Secret(kw.pop("secret", handle.secret_key)), **kw)


def with_client(handle: ServerHandle, fn: Callable[[MetakockaClient], Awaitable[T]]) -> T:
    async def main() -> T:
        async with client_for(handle) as client:
            return await fn(client)

    return asyncio.run(main())


def sync_once(handle: ServerHandle, path: Path, entities: Any = None, *, client_kw: dict | None = None,
              **engine_kw: Any) -> tuple[SyncResult, str]:
    """One sync of the cache file at `path` on a fresh loop; (result, content digest)."""

    async def main() -> tuple[SyncResult, str]:
        db = Database.open(path)
        try:
            async with client_for(handle, **(client_kw or {})) as client:
                result = await SyncEngine(client, db, **engine_kw).sync(entities)
                return result, await db.read(content_digest)
        finally:
            db.close()

    return asyncio.run(main())


def digest_of(path: Path) -> str:
    db = Database.open(path)
    try:
        return db.read_sync(content_digest)
    finally:
        db.close()


def integrity(path: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
