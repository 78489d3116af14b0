"""Tests for the cache migrations: from an empty file, across every revision (up, down, up again), schema drift."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from mkdesk.core.cache import migrate, schema
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database, _make_engine
from mkdesk.core.cache.digest import content_digest
from tests.core.cache_data import FETCHED, document, partner, product


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}


def test_open_migrates_an_empty_file_to_head(tmp_path: Path):
    path = tmp_path / "sub" / "cache.sqlite"
    db = Database.open(path)
    try:
        assert db.read_sync(migrate.current_revision) == migrate.head_revision()
    finally:
        db.close()
    tables = _tables(path)
    assert {t.name for t in schema.metadata.sorted_tables} <= tables
    assert {"partners_fts", "products_fts", "documents_fts", "partners_fts_delete"} <= tables


def test_head_constant_matches_the_revision_files():
    assert migrate.HEAD_REVISION == migrate.head_revision() == migrate.revisions()[-1]


def test_opening_a_current_file_does_not_import_alembic(tmp_path: Path):
    import subprocess
    import sys

    path = tmp_path / "cache.sqlite"
    Database.open(path).close()
    script = ("import sys; from pathlib import Path; from mkdesk.core.cache import Database; "
              f"Database.open(Path({str(path)!r})).close(); print(any(m.startswith('alembic') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_reopening_is_a_no_op(tmp_path: Path):
    path = tmp_path / "cache.sqlite"
    Database.open(path).close()
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(migrate.head_revision(),)]


def test_every_revision_upgrades_downgrades_and_upgrades_again(tmp_path: Path):
    revisions = migrate.revisions()
    assert revisions and revisions[-1] == migrate.head_revision()
    engine = _make_engine(tmp_path / "steps.sqlite")
    with engine.connect() as conn:
        for rev in revisions:  # one step at a time, so each revision runs on its predecessor's schema
            migrate.upgrade(conn, rev)
            assert migrate.current_revision(conn) == rev
        for rev in reversed([None, *revisions[:-1]]):
            migrate.downgrade(conn, rev or "base")
            assert migrate.current_revision(conn) == rev
        assert {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")} <= {"alembic_version"}
        migrate.upgrade(conn)
        assert migrate.current_revision(conn) == migrate.head_revision()
    engine.dispose()
    assert {t.name for t in schema.metadata.sorted_tables} <= _tables(tmp_path / "steps.sqlite")


def test_revisions_form_one_line_with_downgrades():
    """Future revisions must keep the history linear and reversible (every file has a real downgrade)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        source = Path(rev.path).read_text()
        assert "def downgrade" in source and "def upgrade" in source, rev.path
        assert Path(rev.path).name.startswith(rev.revision + "_"), "files are named <revision>_<slug>.py"


def test_migrated_schema_matches_schema_module(tmp_path: Path):
    """Every table, column, index and cascading foreign key of `schema.py` exists in a migrated database."""
    path = tmp_path / "cache.sqlite"
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        for table in schema.metadata.sorted_tables:
            columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table.name})")]
            assert columns == [c.name for c in table.columns], table.name
            indexes = {r[1] for r in raw.execute(f"PRAGMA index_list({table.name})") if not r[1].startswith("sqlite_")}
            assert indexes == {i.name for i in table.indexes}, table.name
            fks = {(r[2], r[3], r[6]) for r in raw.execute(f"PRAGMA foreign_key_list({table.name})")}
            assert fks == {(fk.column.table.name, fk.parent.name, "CASCADE") for fk in table.foreign_keys}


def test_migration_files_ship_as_package_data():
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert "core/cache/migrations/versions/*.py" in pyproject
    assert "core/cache/migrations/*.py" in pyproject


def test_a_newer_database_than_the_code_is_refused(tmp_path: Path):
    path = tmp_path / "cache.sqlite"
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    with pytest.raises(migrate.CacheSchemaError, match="ffff_from_the_future.*newer"):
        Database.open(path)


def test_a_future_revision_migrates_a_filled_cache_and_back(tmp_path: Path):
    """A next revision added after this one (here: a column and an index) upgrades a cache full of data and
    downgrades it again without losing a row; the released code then opens the file as before."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (scripts / "versions" / "9999_future.py").write_text(textwrap.dedent(f"""
        from alembic import op

        revision = "9999"
        down_revision = {head!r}
        branch_labels = None
        depends_on = None


        def upgrade():
            op.execute("ALTER TABLE partners ADD COLUMN notes TEXT")
            op.execute("CREATE INDEX ix_partners_notes ON partners (notes)")


        def downgrade():
            op.execute("DROP INDEX ix_partners_notes")
            op.execute("ALTER TABLE partners DROP COLUMN notes")
    """))
    path = tmp_path / "cache.sqlite"
    with Database.open(path) as db:
        db.write_sync(U.upsert_partners, [partner(i) for i in range(1, 6)], FETCHED)
        db.write_sync(U.upsert_products, [product(i) for i in range(1, 6)], FETCHED)
        db.write_sync(U.upsert_documents, [document(i) for i in range(1, 6)], FETCHED)
        before = db.read_sync(lambda c: content_digest(c, deep=True))
    engine = _make_engine(path)
    with engine.connect() as conn:
        migrate.upgrade(conn, script_location=scripts)
        assert migrate.current_revision(conn) == "9999"
        assert "notes" in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(partners)")]
        migrate.downgrade(conn, head, script_location=scripts)
        assert migrate.current_revision(conn) == head
    engine.dispose()
    with Database.open(path) as db:
        assert db.read_sync(lambda c: content_digest(c, deep=True)) == before
        assert db.read_sync(lambda c: c.exec_driver_sql("PRAGMA integrity_check").scalar()) == "ok"
        assert db.write_sync(U.upsert_partners, [partner(1)], FETCHED) == U.RowCounts(unchanged=1)
