"""Shared helpers of the Mail tab tests: a copy of the synced cache with the demo mailbox stored in it."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime
from pathlib import Path

from mkdesk.core.cache import Database
from mkdesk.core.mail.demo import import_demo_mailbox

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def cache_with_demo_mail(synced: Path, directory: Path) -> Path:
    """A writable copy of the synced cache holding the demo mailbox (built for `NOW`)."""
    path = directory / "cache.sqlite3"
    shutil.copyfile(synced, path)
    db = Database.open(path)
    try:
        asyncio.run(db.write(lambda conn: import_demo_mailbox(conn, now=NOW)))
    finally:
        db.close()
    return path
