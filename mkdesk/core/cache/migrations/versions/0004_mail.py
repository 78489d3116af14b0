"""Mail: accounts, folders, messages with their raw source, search, sender choices and email ↔ record links.

A message keeps its raw RFC 822 bytes (`message_raw`, so attachments are saved and bodies re-parsed offline) and the
parsed, display-ready fields on `messages`: addresses lower-cased, `sent_at` UTC ISO, `body_html` already sanitized,
`has_remote` when the original referenced remote content, `allow_remote` the user's per-message choice. IMAP messages
are keyed by folder + UID (the folder keeps UIDVALIDITY/UIDNEXT); imported ones by folder + SHA-256 of the raw bytes.
Passwords are never here: an IMAP account's password lives in the keychain.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
TABLES = [
    """CREATE TABLE mail_accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        host TEXT,
        port INTEGER,
        security TEXT,
        username TEXT,
        own_address TEXT,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE mail_folders (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        uidvalidity INTEGER,
        uidnext INTEGER,
        last_sync TEXT,
        UNIQUE (account_id, name))""",
    """CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        folder_id INTEGER NOT NULL REFERENCES mail_folders (id) ON DELETE CASCADE,
        uid INTEGER,
        raw_sha256 TEXT NOT NULL,
        message_id TEXT,
        in_reply_to TEXT,
        from_addr TEXT,
        from_name TEXT,
        to_json TEXT,
        cc_json TEXT,
        reply_to TEXT,
        subject TEXT,
        sent_at TEXT,
        snippet TEXT,
        body_text TEXT,
        body_html TEXT,
        has_remote BOOLEAN NOT NULL DEFAULT 0,
        allow_remote BOOLEAN NOT NULL DEFAULT 0,
        seen BOOLEAN NOT NULL DEFAULT 0,
        attachments_json TEXT,
        size INTEGER NOT NULL,
        parse_error TEXT,
        source TEXT,
        added_at TEXT NOT NULL,
        UNIQUE (folder_id, uid),
        UNIQUE (folder_id, raw_sha256))""",
    "CREATE INDEX ix_messages_sent ON messages (sent_at, id)",
    "CREATE INDEX ix_messages_from ON messages (from_addr)",
    "CREATE INDEX ix_messages_message_id ON messages (message_id)",
    """CREATE TABLE message_raw (
        message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
        raw BLOB NOT NULL)""",
    """CREATE TABLE sender_choices (
        address TEXT PRIMARY KEY,
        partner_id INTEGER NOT NULL,
        chosen_at TEXT NOT NULL)""",
    """CREATE TABLE email_links (
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        confidence REAL NOT NULL,
        reason TEXT NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        PRIMARY KEY (message_id, kind, record_id)) WITHOUT ROWID""",
    "CREATE INDEX ix_email_links_record ON email_links (kind, record_id)",
]


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
    op.execute(f"CREATE VIRTUAL TABLE messages_fts USING fts5(subject, from_name, from_addr, body_text, "
               f"content = 'messages', content_rowid = 'id', {TOKENIZE})")
    cols = "subject, from_name, from_addr, body_text"
    old = "old.subject, old.from_name, old.from_addr, old.body_text"
    new = "new.subject, new.from_name, new.from_addr, new.body_text"
    op.execute(f"CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
               f"INSERT INTO messages_fts (rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN "
               f"INSERT INTO messages_fts (messages_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER messages_fts_update AFTER UPDATE OF {cols} ON messages BEGIN "
               f"INSERT INTO messages_fts (messages_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO messages_fts (rowid, {cols}) VALUES (new.id, {new}); END")


def downgrade() -> None:
    for trigger in ("messages_fts_update", "messages_fts_delete", "messages_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS messages_fts")
    for name in ("email_links", "sender_choices", "message_raw", "messages", "mail_folders", "mail_accounts"):
        op.execute(f"DROP TABLE IF EXISTS {name}")
