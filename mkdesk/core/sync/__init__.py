"""Core layer: the sync engine (Metakocka → local cache), its per-entity strategies and the scheduler.

Asyncio throughout: use it from one event loop; SQLite work runs on the cache's writer/reader threads.
"""

from mkdesk.core.sync.engine import ENTITIES, SyncEngine, SyncResult, parse_entities
from mkdesk.core.sync.job import EntityStats, SyncCancelled, SyncOptions

__all__ = ["ENTITIES", "EntityStats", "SyncCancelled", "SyncEngine", "SyncOptions", "SyncResult", "parse_entities"]
