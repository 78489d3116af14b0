"""Tests for the cache upserts: insert/update/unchanged counts, 0 rows written for an unchanged batch, children,
deletes (cascading, index rows too), known ids, full-scan reconcile."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database, total_changes
from mkdesk.core.models import ContactPerson, DocumentLine
from tests.core.cache_data import FETCHED, document, partner, product, stock, warehouse


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def _count(db: Database, table: str, where: str = "") -> int:
    return db.read_sync(lambda c: c.exec_driver_sql(f"SELECT count(*) FROM {table} {where}").scalar())


def _changes(fn, *args):
    """Run an upsert and report (its result, rows SQLite changed while running it)."""

    def run(conn):
        before = total_changes(conn)
        result = fn(conn, *args)
        return result, total_changes(conn) - before

    return run


def test_row_counts_add_up():
    total = U.RowCounts(1, 2, 3) + U.RowCounts(10, 20, 30)
    assert total == U.RowCounts(11, 22, 33)
    assert (total.written, total.total) == (33, 66)
    with pytest.raises(AttributeError):
        total.inserted = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("upsert", "make", "change", "children"),
    [
        (U.upsert_partners, partner, lambda p: replace(p, name="Renamed"), ("contacts", "addresses")),
        (U.upsert_products, product, lambda p: replace(p, barcode="999"), ("prices", "product_categories")),
        (U.upsert_warehouses, warehouse, lambda w: replace(w, name="Renamed"), ()),
        (U.upsert_documents, document, lambda d: replace(d, status_code="Plačan"),
         ("document_lines", "payments", "doc_links")),
    ],
)
def test_insert_update_unchanged_and_zero_writes(db: Database, upsert, make, change, children):
    first = [make(i) for i in range(1, 6)]
    assert db.write_sync(upsert, first, FETCHED) == U.RowCounts(inserted=5)
    child_counts = {t: _count(db, t) for t in children}
    assert all(child_counts.values())

    counts, changed = db.write_sync(_changes(upsert, list(reversed(first)), FETCHED))
    assert counts == U.RowCounts(unchanged=5)
    assert changed == 0, "an unchanged batch must not write a single row"

    second = [change(first[0]), first[1], make(6)]
    counts, changed = db.write_sync(_changes(upsert, second, FETCHED))
    assert counts == U.RowCounts(inserted=1, updated=1, unchanged=1)
    assert changed > 0
    assert {t: _count(db, t) for t in children} == {t: n * 6 // 5 for t, n in child_counts.items()}


def test_stock_levels_keyed_by_product_and_warehouse(db: Database):
    levels = [stock(p, w) for p in range(3) for w in range(1, 3)]
    assert db.write_sync(U.upsert_stock_levels, levels, FETCHED) == U.RowCounts(inserted=6)
    counts, changed = db.write_sync(_changes(U.upsert_stock_levels, levels, FETCHED))
    assert (counts, changed) == (U.RowCounts(unchanged=6), 0)
    moved = [stock(0, 1, amount="7"), stock(0, 3)]
    assert db.write_sync(U.upsert_stock_levels, moved, FETCHED) == U.RowCounts(inserted=1, updated=1)
    assert db.read_sync(U.known_ids, "stock") == {(s.product_mk_id, s.warehouse_id) for s in levels + moved}
    amount = db.read_sync(lambda c: c.exec_driver_sql(
        "SELECT amount, free_amount FROM stock WHERE product_mk_id = ? AND warehouse_id = ?",
        (moved[0].product_mk_id, moved[0].warehouse_id)).one())
    assert tuple(amount) == ("7", "5")


def test_last_copy_in_a_batch_wins(db: Database):
    counts = db.write_sync(U.upsert_partners, [partner(1, "First"), partner(1, "Second")], FETCHED)
    assert counts == U.RowCounts(inserted=1)
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT name FROM partners").scalar()) == "Second"


def test_children_are_replaced_only_for_changed_parents(db: Database):
    db.write_sync(U.upsert_documents, [document(1), document(2)], FETCHED)
    fewer = replace(document(1), lines=(DocumentLine(code="X", amount=Decimal("1")),))

    def run(conn):
        conn.exec_driver_sql("CREATE TEMP TABLE touched (document_id INTEGER)")
        for table in ("document_lines", "payments", "doc_links"):
            conn.exec_driver_sql(f"CREATE TEMP TRIGGER t_{table} AFTER INSERT ON main.{table} "
                                 f"BEGIN INSERT INTO touched VALUES (new.document_id); END")
        counts = U.upsert_documents(conn, [fewer, document(2)], FETCHED)
        touched = conn.exec_driver_sql(
            "SELECT d.mk_id, count(*) FROM touched t JOIN documents d ON d.id = t.document_id GROUP BY 1").all()
        for table in ("document_lines", "payments", "doc_links"):
            conn.exec_driver_sql(f"DROP TRIGGER t_{table}")
        conn.exec_driver_sql("DROP TABLE touched")
        return counts, [tuple(r) for r in touched]

    counts, touched = db.write_sync(run)
    assert counts == U.RowCounts(updated=1, unchanged=1)
    assert touched == [(document(1).mk_id, 3)]  # 1 line + 1 payment + 1 link rewritten; document 2 untouched
    rows = db.read_sync(lambda c: c.exec_driver_sql(
        "SELECT d.mk_id, count(*), group_concat(l.code) FROM documents d JOIN document_lines l "
        "ON l.document_id = d.id GROUP BY d.mk_id ORDER BY d.mk_id").all())
    assert [tuple(r) for r in rows] == [(document(1).mk_id, 1, "X"), (document(2).mk_id, 3, "ART-0001,ART-0002")]


def test_same_mk_id_in_two_doc_types_are_two_documents(db: Database):
    docs = [document(1, "sales_order"), document(1, "sales_offer")]
    assert db.write_sync(U.upsert_documents, docs, FETCHED) == U.RowCounts(inserted=2)
    assert db.read_sync(U.known_ids, "documents", "sales_order") == {docs[0].mk_id}
    assert db.read_sync(U.known_ids, "documents") == {("sales_order", docs[0].mk_id), ("sales_offer", docs[0].mk_id)}
    assert db.write_sync(U.delete_ids, "documents", [docs[0].mk_id], "sales_offer") == 1
    assert db.read_sync(U.known_ids, "documents") == {("sales_order", docs[0].mk_id)}


def test_delete_cascades_to_children_and_search_index(db: Database):
    db.write_sync(U.upsert_partners, [partner(i) for i in range(1, 4)], FETCHED)
    db.write_sync(U.upsert_products, [product(i) for i in range(1, 4)], FETCHED)
    db.write_sync(U.upsert_documents, [document(i) for i in range(1, 4)], FETCHED)
    assert db.write_sync(U.delete_ids, "partners", [partner(1).mk_id, "no-such-id"]) == 1
    assert db.write_sync(U.delete_ids, "products", [product(2).mk_id]) == 1
    assert db.write_sync(U.delete_ids, "documents", [document(3).mk_id], "sales_bill_domestic") == 1
    assert _count(db, "contacts") == 4 and _count(db, "addresses") == 4
    assert _count(db, "prices") == 4 and _count(db, "product_categories") == 4
    assert _count(db, "document_lines") == 6 and _count(db, "payments") == 2 and _count(db, "doc_links") == 2
    assert _count(db, "partners_fts") == 2 and _count(db, "products_fts") == 2
    assert _count(db, "partners_fts", "WHERE partners_fts MATCH 'P00001'") == 0
    assert _count(db, "products_fts", "WHERE products_fts MATCH '\"ART\" \"0002\"'") == 0
    assert _count(db, "documents_fts", "WHERE documents_fts MATCH '\"WEB\" \"3\"'") == 0
    assert _count(db, "documents_fts", "WHERE documents_fts MATCH '\"WEB\" \"2\"'") == 1
    assert db.read_sync(lambda c: c.exec_driver_sql("PRAGMA integrity_check").scalar()) == "ok"
    for table in ("partners_fts", "products_fts", "documents_fts"):  # raises when an index disagrees with its rows
        db.write_sync(lambda c, t=table: c.exec_driver_sql(f"INSERT INTO {t}({t}) VALUES ('integrity-check')"))


def test_delete_missing_after_a_full_scan(db: Database):
    db.write_sync(U.upsert_products, [product(i) for i in range(1, 6)], FETCHED)
    seen = {product(i).mk_id for i in (1, 3)}
    assert db.write_sync(U.delete_missing, "products", seen) == 3
    assert db.read_sync(U.known_ids, "products") == seen
    db.write_sync(U.upsert_documents, [document(1, "sales_order"), document(2, "sales_offer")], FETCHED)
    assert db.write_sync(U.delete_missing, "documents", set(), "sales_order") == 1
    assert db.read_sync(U.known_ids, "documents", "sales_offer") == {document(2).mk_id}
    db.write_sync(U.upsert_stock_levels, [stock(1, 1), stock(1, 2)], FETCHED)
    assert db.write_sync(U.delete_missing, "stock", {(stock(1, 1).product_mk_id, stock(1, 1).warehouse_id)}) == 1


def test_bad_entity_or_scope_is_refused(db: Database):
    with pytest.raises(ValueError, match="unknown cache entity"):
        db.read_sync(U.known_ids, "customers")
    with pytest.raises(ValueError, match="doc_type"):
        db.read_sync(U.known_ids, "partners", "sales_order")
    assert db.write_sync(U.delete_ids, "partners", []) == 0
    assert db.write_sync(U.upsert_partners, [], FETCHED) == U.RowCounts()


def test_hash_covers_children(db: Database):
    p = partner(1)
    db.write_sync(U.upsert_partners, [p], FETCHED)
    new_contacts = (*p.contacts[:1], replace(p.contacts[1], email="new@firma.si"))
    assert db.write_sync(U.upsert_partners, [replace(p, contacts=new_contacts)], FETCHED) == U.RowCounts(updated=1)
    emails = db.read_sync(lambda c: [r[0] for r in c.exec_driver_sql("SELECT email FROM contacts ORDER BY position")])
    assert emails == [p.contacts[0].email, "new@firma.si"]
    added = replace(p, contacts=(*new_contacts, ContactPerson(mk_id="9", name="Tretji")))
    assert db.write_sync(U.upsert_partners, [added], FETCHED) == U.RowCounts(updated=1)
    assert _count(db, "contacts") == 3


def test_fetched_at_is_kept_for_unchanged_rows(db: Database):
    db.write_sync(U.upsert_warehouses, [warehouse(1)], FETCHED)
    db.write_sync(U.upsert_warehouses, [warehouse(1)], FETCHED.replace(year=2027))
    assert db.read_sync(lambda c: c.exec_driver_sql("SELECT fetched_at FROM warehouses").scalar()).startswith("2026")


def test_odd_keys_are_found_again(db: Database):
    """A key holding a NUL character (cut short by SQLite's JSON functions) is still recognised as stored."""
    odd = [partner(1, mk_id="40\x0007"), partner(2, mk_id="čšž-1")]
    assert db.write_sync(U.upsert_partners, odd, FETCHED) == U.RowCounts(inserted=2)
    assert db.write_sync(U.upsert_partners, odd, FETCHED) == U.RowCounts(unchanged=2)
    docs = [document(1, mk_id="9\x009"), document(2, mk_id="9")]
    assert db.write_sync(U.upsert_documents, docs, FETCHED) == U.RowCounts(inserted=2)
    assert db.write_sync(U.upsert_documents, docs[::-1], FETCHED) == U.RowCounts(unchanged=2)
    assert db.read_sync(U.known_ids, "partners") == {"40\x0007", "čšž-1"}


def test_release_empties_big_lists_a_slice_at_a_time(monkeypatch):
    import mkdesk.core.cache.upsert as upsert_module

    sizes = []

    class Watched(list):
        def __delitem__(self, key):
            sizes.append(len(self[key]))
            super().__delitem__(key)

    monkeypatch.setattr(upsert_module, "RELEASE_STEP", 1_000)
    rows, other = Watched((i, str(i)) for i in range(4_500)), [1, 2, 3]
    upsert_module.release(rows, other, [])
    assert rows == [] and other == []
    assert sizes == [1_000, 1_000, 1_000, 1_000, 500]  # never one sweep over everything
