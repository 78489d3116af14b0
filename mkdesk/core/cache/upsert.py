"""Core layer: batched upserts of domain records into the cache; every function runs on the writer thread (given `conn`).

A record whose content hash equals the stored one is not written at all (not even `fetched_at`), so a no-change sync
writes 0 rows. Hashes are compared in bulk (one SELECT per batch); new parents go through one `INSERT` executemany
(with ids assigned here: this is the only writer, so no second lookup is needed for their children), changed ones
through one `UPDATE … WHERE id = ?` executemany, and the children (contacts, addresses, prices, categories, lines,
payments, links) and search-index rows of written parents are replaced. Deletes take children and index rows along.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache import encode as E
from mkdesk.core.cache.db import raw_connection
from mkdesk.core.cache.values import content_hash, json_ids, ts
from mkdesk.core.models import Partner, Product, SalesDocument, StockLevel, Warehouse

ENTITIES = ("partners", "products", "warehouses", "stock", "documents")


@dataclass(frozen=True, slots=True)
class RowCounts:
    """How many records of a batch were inserted, updated, or left alone because nothing changed."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: RowCounts) -> RowCounts:
        return RowCounts(self.inserted + other.inserted, self.updated + other.updated, self.unchanged + other.unchanged)

    @property
    def written(self) -> int:
        return self.inserted + self.updated

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class _Child:
    table: str
    columns: Sequence[str]
    rows: Callable[[Any], list[tuple]]


@dataclass(frozen=True, slots=True)
class _Kind:
    table: str
    columns: Sequence[str]
    key: tuple[str, ...]
    row: Callable[[Any], tuple]
    children: tuple[_Child, ...] = ()
    fts: Callable[[Any], tuple] | None = None


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _update_sql(table: str, columns: Sequence[str]) -> str:
    return f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"


_KINDS: dict[str, _Kind] = {
    "partners": _Kind("partners", E.PARTNER_COLUMNS, ("mk_id",), E.partner_row,
                      (_Child("contacts", E.CONTACT_COLUMNS, E.contact_rows),
                       _Child("addresses", E.ADDRESS_COLUMNS, E.address_rows)), E.partner_fts),
    "products": _Kind("products", E.PRODUCT_COLUMNS, ("mk_id",), E.product_row,
                      (_Child("prices", E.PRICE_COLUMNS, E.price_rows),
                       _Child("product_categories", E.CATEGORY_COLUMNS, E.category_rows)), E.product_fts),
    "warehouses": _Kind("warehouses", E.WAREHOUSE_COLUMNS, ("mk_id",), E.warehouse_row),
    "stock": _Kind("stock", E.STOCK_COLUMNS, ("product_mk_id", "warehouse_id"), E.stock_row),
    "documents": _Kind("documents", E.DOCUMENT_COLUMNS, ("doc_type", "mk_id"), E.document_row,
                       (_Child("document_lines", E.LINE_COLUMNS, E.line_rows),
                        _Child("payments", E.PAYMENT_COLUMNS, E.payment_rows),
                        _Child("doc_links", E.LINK_COLUMNS, E.link_rows))),  # documents_fts: see _INDEX_NEW
}
#: external-content search indexes filled from their table's own new rows, one statement per batch (migration 0002:
#: a trigger per row cost six times as much); updated and deleted rows are kept in step by triggers
_INDEX_NEW = {
    "documents": f"INSERT INTO documents_fts (rowid, {', '.join(E.DOCUMENT_FTS_COLUMNS)}) "
                 f"SELECT id, {', '.join(E.DOCUMENT_FTS_COLUMNS)} FROM documents WHERE id >= ? AND id < ?",
}
_INSERT = {name: _insert_sql(kind.table, ("id", *kind.columns)) for name, kind in _KINDS.items()}
_UPDATE = {name: _update_sql(kind.table, kind.columns) for name, kind in _KINDS.items()}


def _key_of(entity: str, item: Any) -> Any:
    if entity == "stock":
        return (item.product_mk_id, item.warehouse_id)
    if entity == "documents":
        return (item.doc_type, item.mk_id)
    return item.mk_id


# entity → (key columns, the column looked up through json_each, which part of the key that column holds)
_LOOKUP: dict[str, tuple[tuple[str, ...], str, Callable[[Any], Any]]] = {
    "stock": (("product_mk_id", "warehouse_id"), "product_mk_id", lambda k: k[0]),
    "documents": (("doc_type", "mk_id"), "mk_id", lambda k: k[1]),
}


def _existing(cur: sqlite3.Cursor, entity: str, keys: Iterable[Any]) -> dict[Any, tuple[int, str]]:
    """Stored (local id, content hash) of the given keys, in one query (plus one per key holding a NUL character,
    which SQLite's JSON functions cut short)."""
    keys = set(keys)
    columns, lookup, part = _LOOKUP.get(entity, (("mk_id",), "mk_id", lambda k: k))
    table = _KINDS[entity].table
    select = f"SELECT {', '.join(columns)}, id, content_hash FROM {table} WHERE {lookup} "
    values = {part(k) for k in keys}
    odd = {v for v in values if "\x00" in v}
    found = list(cur.execute(select + "IN (SELECT value FROM json_each(?))", (json_ids(values - odd),)))
    for value in odd:
        found += cur.execute(select + "= ?", (value,)).fetchall()
    width = len(columns)
    out: dict[Any, tuple[int, str]] = {}
    for row in found:
        key = row[0] if width == 1 else tuple(row[:width])
        if key in keys:
            out[key] = (row[width], row[width + 1])
    return out


def _upsert(conn: Connection, entity: str, items: Iterable[Any], fetched_at: datetime | None) -> RowCounts:
    """Compare hashes in one query, then insert the new records (with ids assigned here: this is the only writer),
    update the changed ones, and replace the children and index rows of both; unchanged records are not touched."""
    kind = _KINDS[entity]
    batch: dict[Any, Any] = {}
    for item in items:  # the last copy of a record in a batch wins
        batch[_key_of(entity, item)] = item
    if not batch:
        return RowCounts()
    cur = raw_connection(conn).cursor()
    stored = _existing(cur, entity, batch)
    fetched = ts(fetched_at or datetime.now().astimezone())
    inserts: list[tuple] = []
    updates: list[tuple] = []
    written: list[tuple[int, Any, tuple]] = []  # (local id, record, its child rows)
    next_id = 0
    for key, item in batch.items():
        row = kind.row(item)
        kids = tuple(child.rows(item) for child in kind.children)
        h = content_hash((row, kids))  # everything stored about the record, children included
        old = stored.get(key)
        if old is None:
            if not next_id:
                next_id = (cur.execute(f"SELECT max(id) FROM {kind.table}").fetchone()[0] or 0) + 1
            inserts.append((next_id, *row, fetched, h))
            written.append((next_id, item, kids))
            next_id += 1
        elif old[1] != h:
            updates.append((*row, fetched, h, old[0]))
            written.append((old[0], item, kids))
    counts = RowCounts(len(inserts), len(updates), len(batch) - len(inserts) - len(updates))
    if inserts:
        cur.executemany(_INSERT[entity], inserts)
        if entity in _INDEX_NEW:  # the new rows hold the ids inserts[0][0] … next_id - 1
            cur.execute(_INDEX_NEW[entity], (inserts[0][0], next_id))
    if updates:
        cur.executemany(_UPDATE[entity], updates)
        old_ids = [(row[-1],) for row in updates]
        parent = f"{kind.table[:-1]}_id"
        for child in kind.children:
            cur.executemany(f"DELETE FROM {child.table} WHERE {parent} = ?", old_ids)
        if kind.fts is not None:
            cur.executemany(f"DELETE FROM {kind.table}_fts WHERE rowid = ?", old_ids)
    for n, child in enumerate(kind.children):
        child_rows = [(rid, *r) for rid, _, kids in written for r in kids[n]]
        if child_rows:
            cur.executemany(_insert_sql(child.table, child.columns), child_rows)
        release(child_rows)
    if kind.fts is not None and written:
        fts_rows = [(rid, *kind.fts(item)) for rid, item, _ in written]
        cur.executemany(_insert_sql(f"{kind.table}_fts", ("rowid", *E.FTS_COLUMNS[entity])), fts_rows)
        release(fts_rows)
    release(inserts, updates, written)
    return counts


#: items freed per step by `release`
RELEASE_STEP = 2_000


def release(*lists: list[Any]) -> None:
    """Empty big lists a slice at a time. Freeing 50 000 rows in one go is one C call that holds the GIL for ~50 ms
    (the GUI thread waits); between slices the interpreter can hand the GIL over."""
    for items in lists:
        while items:
            del items[-RELEASE_STEP:]


def upsert_partners(conn: Connection, partners: Iterable[Partner], fetched_at: datetime | None = None) -> RowCounts:
    """Insert or update partners with their contacts and addresses (writer thread)."""
    return _upsert(conn, "partners", partners, fetched_at)


def upsert_products(conn: Connection, products: Iterable[Product], fetched_at: datetime | None = None) -> RowCounts:
    """Insert or update products with their prices and categories (writer thread)."""
    return _upsert(conn, "products", products, fetched_at)


def upsert_warehouses(conn: Connection, warehouses: Iterable[Warehouse], fetched_at: datetime | None = None
                      ) -> RowCounts:
    return _upsert(conn, "warehouses", warehouses, fetched_at)


def upsert_stock_levels(conn: Connection, levels: Iterable[StockLevel], fetched_at: datetime | None = None
                        ) -> RowCounts:
    """Insert or update summed stock per product × warehouse (writer thread)."""
    return _upsert(conn, "stock", levels, fetched_at)


def upsert_documents(conn: Connection, docs: Iterable[SalesDocument], fetched_at: datetime | None = None
                     ) -> RowCounts:
    """Insert or update sales documents; lines, payments and links are replaced only when the hash changed."""
    return _upsert(conn, "documents", docs, fetched_at)


# ----- ids and deletions -------------------------------------------------------------------------------------------
def _scope(entity: str, doc_type: str | None) -> tuple[str, tuple]:
    if entity not in _KINDS:
        raise ValueError(f"unknown cache entity {entity!r}; expected one of {ENTITIES}")
    if doc_type is not None and entity != "documents":
        raise ValueError("doc_type only applies to documents")
    return ("WHERE doc_type = ?", (doc_type,)) if doc_type is not None else ("", ())


def known_ids(conn: Connection, entity: str, doc_type: str | None = None) -> set[Any]:
    """Keys of the cached records: mk_ids (stock: `(product_mk_id, warehouse_id)` pairs; documents: mk_ids of
    `doc_type`, or `(doc_type, mk_id)` pairs when no type is given)."""
    where, params = _scope(entity, doc_type)
    cur = raw_connection(conn).cursor()
    if entity == "stock":
        return set(cur.execute("SELECT product_mk_id, warehouse_id FROM stock"))
    if entity == "documents" and doc_type is None:
        return set(cur.execute("SELECT doc_type, mk_id FROM documents"))
    return {row[0] for row in cur.execute(f"SELECT mk_id FROM {_KINDS[entity].table} {where}", params)}


def delete_ids(conn: Connection, entity: str, ids: Iterable[Any], doc_type: str | None = None) -> int:
    """Delete records by key (as `known_ids` gives them), with their children and index rows. Returns how many."""
    _scope(entity, doc_type)
    ids = list(ids)
    if not ids:
        return 0
    cur = raw_connection(conn).cursor()
    if entity == "stock":
        cur.executemany("DELETE FROM stock WHERE product_mk_id = ? AND warehouse_id = ?", ids)
    elif entity == "documents" and doc_type is None:
        cur.executemany("DELETE FROM documents WHERE doc_type = ? AND mk_id = ?", ids)
    elif entity == "documents":
        cur.executemany("DELETE FROM documents WHERE doc_type = ? AND mk_id = ?", [(doc_type, i) for i in ids])
    else:
        cur.executemany(f"DELETE FROM {_KINDS[entity].table} WHERE mk_id = ?", [(i,) for i in ids])
    return max(cur.rowcount, 0)  # direct deletes only: cascaded children and index rows are not counted


def delete_missing(conn: Connection, entity: str, seen_ids: Iterable[Any], doc_type: str | None = None) -> int:
    """After a full scan: delete every cached record of `entity` (of `doc_type`) whose key was not seen."""
    seen = set(seen_ids)
    missing = [k for k in known_ids(conn, entity, doc_type) if k not in seen]
    return delete_ids(conn, entity, missing, doc_type)

