"""Core layer: `content_digest(conn)` — a SHA-256 of the cached content, whatever order it arrived in (any thread).

Records are visited in the order of their Metakocka keys. By default the digest covers each record's key and its
`content_hash`, which the upsert computes from exactly the values it stores for the record and its children (so it
is a hash of content, and reading it is fast); `deep=True` reads every stored column instead (children by parent key
and position) for a check that does not trust the stored hashes. Local row ids, `fetched_at`, search indexes and
sync bookkeeping are never part of it. Equal data ⇒ equal digest.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, Table

from mkdesk.core.cache import schema
from mkdesk.core.cache.db import raw_connection

_SKIP = {"id", "fetched_at", "content_hash", "sort_name"}
_PARENTS: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (schema.partners, ("mk_id",)),
    (schema.products, ("mk_id",)),
    (schema.warehouses, ("mk_id",)),
    (schema.stock, ("product_mk_id", "warehouse_id")),
    (schema.documents, ("doc_type", "mk_id")),
)
_CHILDREN: tuple[tuple[Table, Table, tuple[str, ...]], ...] = (
    (schema.contacts, schema.partners, ("mk_id",)),
    (schema.addresses, schema.partners, ("mk_id",)),
    (schema.prices, schema.products, ("mk_id",)),
    (schema.product_categories, schema.products, ("mk_id",)),
    (schema.document_lines, schema.documents, ("doc_type", "mk_id")),
    (schema.payments, schema.documents, ("doc_type", "mk_id")),
    (schema.doc_links, schema.documents, ("doc_type", "mk_id")),
)


def _queries() -> list[tuple[str, str]]:
    queries = []
    for table, key in _PARENTS:
        cols = [c.name for c in table.columns if c.name not in _SKIP]
        queries.append((table.name, f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY {', '.join(key)}"))
    for child, parent, key in _CHILDREN:
        link = f"{parent.name[:-1]}_id"
        cols = [f"p.{k}" for k in key] + [f"c.{c.name}" for c in child.columns if c.name not in _SKIP | {link}]
        order = ", ".join([f"p.{k}" for k in key] + ["c.position"])
        queries.append((child.name, f"SELECT {', '.join(cols)} FROM {child.name} c "
                                    f"JOIN {parent.name} p ON p.id = c.{link} ORDER BY {order}"))
    return queries


_QUERIES = _queries()


_SHALLOW = [(table.name, f"SELECT {', '.join(key)}, content_hash FROM {table.name} ORDER BY {', '.join(key)}")
            for table, key in _PARENTS]


def content_digest(conn: Connection, *, deep: bool = False) -> str:
    """Hex SHA-256 over every cached record (reader or writer thread); `deep` reads every column of every row."""
    digest = hashlib.sha256()
    digest.update(b"deep" if deep else b"hashes")
    cur = raw_connection(conn).cursor()
    for name, sql in _QUERIES if deep else _SHALLOW:
        digest.update(f"\x00{name}\x00".encode())
        for row in cur.execute(sql):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
            digest.update(b"\n")
    return digest.hexdigest()
