"""Offline document PDFs (fetched once through `report`) and the rep's own notes on partners.

Both tables hold local data that Metakocka does not send in a sync: a PDF is kept with the document's content hash at
the time it was fetched, so a changed document shows its PDF as outdated; a note is the rep's text, never synced.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE TABLE document_pdfs (
        document_id INTEGER PRIMARY KEY,
        fetched_at TEXT NOT NULL,
        content_hash TEXT,
        size INTEGER NOT NULL,
        pdf BLOB NOT NULL)""")
    op.execute("""CREATE TABLE partner_notes (
        partner_id INTEGER PRIMARY KEY,
        note TEXT NOT NULL,
        updated_at TEXT NOT NULL)""")


def downgrade() -> None:
    op.execute("DROP TABLE partner_notes")
    op.execute("DROP TABLE document_pdfs")
