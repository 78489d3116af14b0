"""Core layer: the cache's Alembic migrations, run programmatically on a given connection (caller's thread).

The revisions live in `migrations/versions/` inside the package (shipped as package data); `Database.open` calls
`ensure_current(conn)` before anything else touches the file, so an older cache is migrated on start. Alembic is
imported only when there is something to migrate (it costs ~0.13 s of start-up).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
#: the newest revision in `migrations/versions/` (a test checks it against Alembic's head: bump it with each revision)
HEAD_REVISION = "0007"


class CacheSchemaError(RuntimeError):
    """The cache file's schema is not one this version of mkdesk knows (written by a newer version)."""


def alembic_config(conn: Connection | None = None, script_location: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision(script_location: Path | None = None) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(script_location=script_location)).get_current_head()
    assert head is not None
    return head


def revisions(script_location: Path | None = None) -> list[str]:
    """Every revision id, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    """The file's revision (None for a new file), read without Alembic."""
    raw = conn.connection.driver_connection
    if raw.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone() is None:
        return None
    row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else row[0]


def ensure_current(conn: Connection) -> None:
    """Migrate the file to the newest revision unless it is there already (the usual start: no Alembic import)."""
    if current_revision(conn) != HEAD_REVISION:
        upgrade(conn)


def upgrade(conn: Connection, target: str = "head", script_location: Path | None = None) -> None:
    """Migrate up to `target` and commit; refuse a file whose revision this code does not know."""
    from alembic import command

    current = current_revision(conn)
    if current is not None and current not in revisions(script_location):
        raise CacheSchemaError(f"the cache has schema revision {current!r}, unknown to this version of mkdesk "
                               f"(newest known: {head_revision(script_location)!r}); was it written by a newer one?")
    command.upgrade(alembic_config(conn, script_location), target)
    conn.commit()


def downgrade(conn: Connection, target: str = "base", script_location: Path | None = None) -> None:
    """Migrate down to `target` and commit (tests and the rare repair script)."""
    from alembic import command

    command.downgrade(alembic_config(conn, script_location), target)
    conn.commit()
