"""Documents search index: new documents are indexed by the upsert, one statement per batch, not by a trigger.

The `AFTER INSERT` trigger indexed each new document in its own FTS5 statement; indexing a batch's new rows with one
`INSERT … SELECT` from the documents table costs a sixth of that (a medium company's first sync: 0.45 s → 0.07 s of
writer time for 30 000 documents). Updates and deletes stay with their triggers. The index itself is unchanged.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DOC_FTS_COLUMNS = ("count_code", "buyer_order", "partner_name", "title")


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS documents_fts_insert")


def downgrade() -> None:
    cols = ", ".join(DOC_FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in DOC_FTS_COLUMNS)
    op.execute(f"CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
               f"INSERT INTO documents_fts (rowid, {cols}) VALUES (new.id, {new}); END")
