"""Mail that follows the server more closely: read marks waiting to reach it, and per-account folders and CA file.

- `messages.seen_pending`: a read mark the user set here that the IMAP server has not confirmed yet (1 read,
  0 unread, NULL nothing waiting). Kept in the cache so a mark made offline, or just before closing, still reaches
  the server on the next sync.
- `mail_accounts.folders`: the folders the user chose to sync, a JSON list of names (NULL: INBOX).
- `mail_accounts.ca_file`: the CA bundle this server is verified against instead of the system's (NULL: the system's).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE messages ADD COLUMN seen_pending INTEGER")
    op.execute("CREATE INDEX ix_messages_seen_pending ON messages (seen_pending) WHERE seen_pending IS NOT NULL")
    op.execute("ALTER TABLE mail_accounts ADD COLUMN folders TEXT")
    op.execute("ALTER TABLE mail_accounts ADD COLUMN ca_file TEXT")


def downgrade() -> None:
    op.execute("DROP INDEX ix_messages_seen_pending")
    op.execute("ALTER TABLE messages DROP COLUMN seen_pending")
    op.execute("ALTER TABLE mail_accounts DROP COLUMN folders")
    op.execute("ALTER TABLE mail_accounts DROP COLUMN ca_file")
