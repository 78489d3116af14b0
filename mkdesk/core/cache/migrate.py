"""Core layer: the cache's Alembic migrations, run programmatically on a given connection (caller's thread).

The revisions live in `migrations/versions/` inside the package (shipped as package data); `Database.open` calls
`upgrade(conn)` before anything else touches the file, so an older cache is migrated on start.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


class CacheSchemaError(RuntimeError):
    """The cache file's schema is not one this version of mkdesk knows (written by a newer version)."""


def alembic_config(conn: Connection | None = None, script_location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision(script_location: Path | None = None) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location=script_location)).get_current_head()
    assert head is not None
    return head


def revisions(script_location: Path | None = None) -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head", script_location: Path | None = None) -> None:
    """Migrate up to `target` and commit; refuse a file whose revision this code does not know."""
    current = current_revision(conn)
    conn.commit()
    if current is not None and current not in revisions(script_location):
        raise CacheSchemaError(f"the cache has schema revision {current!r}, unknown to this version of mkdesk "
                               f"(newest known: {head_revision(script_location)!r}); was it written by a newer one?")
    command.upgrade(alembic_config(conn, script_location), target)
    conn.commit()


def downgrade(conn: Connection, target: str = "base", script_location: Path | None = None) -> None:
    """Migrate down to `target` and commit (tests and the rare repair script)."""
    command.downgrade(alembic_config(conn, script_location), target)
    conn.commit()
