"""Alembic environment of the cache: always run programmatically on a connection handed in by `cache.migrate`."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the cache never runs migrations any other way
    raise RuntimeError("mkdesk cache migrations run through mkdesk.core.cache.migrate, with a connection")

context.configure(connection=connection, transactional_ddl=True, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
