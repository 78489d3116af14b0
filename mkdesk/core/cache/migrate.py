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


def alembic_config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> None:
    """Migrate up to `target` and commit."""
    command.upgrade(alembic_config(conn), target)
    conn.commit()


def downgrade(conn: Connection, target: str = "base") -> None:
    """Migrate down to `target` and commit (tests and the rare repair script)."""
    command.downgrade(alembic_config(conn), target)
    conn.commit()
