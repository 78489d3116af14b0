"""Core layer: the local SQLite cache of Metakocka data (one writer thread, reader threads; see `db.Database`).

Public entry points: `Database` (open/migrate, `write`/`read`), the upsert and delete functions of `upsert`, sync
bookkeeping of `state`, `content_digest`, `fts_query`; the read-side repositories are the modules `repo_partners`,
`repo_products` and `repo_documents` (functions of a connection, for `Database.read`). Everything here is Qt-free.
"""

from mkdesk.core.cache.db import Database, DatabaseClosed, total_changes
from mkdesk.core.cache.digest import content_digest
from mkdesk.core.cache.fts import fts_query
from mkdesk.core.cache.state import (
    LogEntry,
    SyncState,
    add_log,
    list_log,
    load_sync_state,
    load_sync_states,
    prune_log,
    resolve_log,
    save_sync_state,
)
from mkdesk.core.cache.upsert import (
    ENTITIES,
    RowCounts,
    delete_ids,
    delete_missing,
    known_ids,
    upsert_documents,
    upsert_partners,
    upsert_products,
    upsert_stock_levels,
    upsert_warehouses,
)

__all__ = [
    "ENTITIES", "Database", "DatabaseClosed", "LogEntry", "RowCounts", "SyncState", "add_log", "content_digest",
    "delete_ids", "delete_missing", "fts_query", "known_ids", "list_log", "load_sync_state", "load_sync_states", "prune_log",
    "resolve_log", "save_sync_state", "total_changes", "upsert_documents", "upsert_partners", "upsert_products",
    "upsert_stock_levels", "upsert_warehouses",
]
