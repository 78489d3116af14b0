"""Local data follows its record: a deleted document takes its cached PDF along, a deleted partner's note is set aside.

`document_pdfs` and `partner_notes` are keyed by the cached record's local id, and the upsert gives a new record the
next id after the highest one, so a new record can get the id of a deleted one. Without these triggers a deleted
document's PDF (or a deleted partner's note) would be shown on whichever record got its id next. A PDF is only a
cached copy (it can be fetched again), so it is deleted; a note is the rep's own text, so it is kept under a negative
id (never a partner's) instead of being dropped. Rows already orphaned are treated the same way.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: the next free negative id for a set-aside note
_ASIDE = "(SELECT min(0, coalesce(min(partner_id), 0)) - 1 FROM partner_notes)"


def upgrade() -> None:
    op.execute("DELETE FROM document_pdfs WHERE document_id NOT IN (SELECT id FROM documents)")
    op.execute("""UPDATE partner_notes SET partner_id = -partner_id - 1000000000000
        WHERE partner_id >= 0 AND partner_id NOT IN (SELECT id FROM partners)""")
    op.execute("""CREATE TRIGGER document_pdfs_follow_documents AFTER DELETE ON documents BEGIN
        DELETE FROM document_pdfs WHERE document_id = OLD.id; END""")
    op.execute(f"""CREATE TRIGGER partner_notes_set_aside AFTER DELETE ON partners BEGIN
        UPDATE partner_notes SET partner_id = {_ASIDE} WHERE partner_id = OLD.id; END""")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS partner_notes_set_aside")
    op.execute("DROP TRIGGER IF EXISTS document_pdfs_follow_documents")
