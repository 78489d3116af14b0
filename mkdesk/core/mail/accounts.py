"""Core layer: IMAP accounts — rows in `mail_accounts` (writer thread) and their passwords in the keychain only.

The `*_account` functions taking a `Connection` run inside `db.write`/`db.read`; `save_account`/`remove_account` are
the async front doors that also put the password into (or take it out of) the keychain, off the event loop. No
password ever reaches SQLite, a log line or an error message. Account rows change the ChangeSet entity
`"mail_accounts"`; deleting an account also deletes its folders and messages (`"mail"`, `"mail_links"`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.db import Database, raw_connection
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail.imap_endpoint import DEFAULT_PORTS, SECURITIES, ImapEndpoint
from mkdesk.core.mail.store import ENTITY, LINKS_ENTITY, now_iso
from mkdesk.core.secrets import Keychain, Secret, SecretRef

ACCOUNTS_ENTITY = "mail_accounts"
_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$")
_ADDRESS_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLUMNS = "id, name, host, port, security, username, own_address"


class AccountError(ValueError):
    """A form that cannot be saved; the message says which field and why."""


@dataclass(frozen=True, slots=True)
class AccountForm:
    """What the user types for an IMAP account (no password: that goes to the keychain separately)."""

    host: str
    username: str
    security: str = "tls"
    port: int | None = None  # None → the usual port for the security
    own_address: str = ""
    name: str = ""  # None/empty → "username@host"


@dataclass(frozen=True, slots=True)
class ImapAccount:
    id: int
    name: str
    host: str
    port: int
    security: str
    username: str
    own_address: str | None

    @property
    def secret_ref(self) -> SecretRef:
        return SecretRef.mail(self.username, self.host, self.port)

    def endpoint(self, **options: Any) -> ImapEndpoint:
        """Connection settings; `options` are `cafile`, `ssl_context`, `timeout` (see `ImapEndpoint`)."""
        return ImapEndpoint(self.host, self.port, self.security, self.username, **options)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate(form: AccountForm) -> AccountForm:
    """The form with trimmed values and defaults filled in; raises AccountError naming the bad field."""
    host = form.host.strip()
    username = form.username.strip()
    if not host:
        raise AccountError("Enter the mail server's address (e.g. imap.example.com).")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOST_RE.match(host):
            raise AccountError(f"{host!r} is not a server address: use a name like imap.example.com.") from None
    if not username:
        raise AccountError("Enter the user name for the mail server (often the email address).")
    if form.security not in SECURITIES:
        raise AccountError(f"Choose the connection security: {', '.join(SECURITIES)}.")
    port = DEFAULT_PORTS[form.security] if form.port in (None, 0) else form.port
    if not isinstance(port, int) or not 1 <= port <= 65535:
        raise AccountError("The port must be a number from 1 to 65535.")
    own = form.own_address.strip().lower()
    if own and not _ADDRESS_RE.match(own):
        raise AccountError(f"{own!r} is not an email address.")
    if not own and _ADDRESS_RE.match(username):
        own = username.lower()
    name = form.name.strip() or f"{username}@{host}"
    return AccountForm(host=host, username=username, security=form.security, port=port, own_address=own, name=name)


# ----- rows (writer / reader thread) ---------------------------------------------------------------------------------
def _row(row: Any) -> ImapAccount:
    return ImapAccount(int(row[0]), row[1], row[2], int(row[3]), row[4], row[5], row[6] or None)


def get_account(conn: Connection, account_id: int) -> ImapAccount:
    row = raw_connection(conn).execute(
        f"SELECT {_COLUMNS} FROM mail_accounts WHERE id = ? AND kind = 'imap'", (account_id,)).fetchone()
    if row is None:
        raise LookupError(f"no IMAP account with id {account_id}")
    return _row(row)


def list_accounts(conn: Connection) -> list[ImapAccount]:
    rows = raw_connection(conn).execute(
        f"SELECT {_COLUMNS} FROM mail_accounts WHERE kind = 'imap' ORDER BY name COLLATE NOCASE, id")
    return [_row(r) for r in rows]


def _name_taken(conn: Connection, name: str, account_id: int | None) -> bool:
    row = raw_connection(conn).execute("SELECT id FROM mail_accounts WHERE name = ?", (name,)).fetchone()
    return row is not None and row[0] != account_id


def create_account(conn: Connection, form: AccountForm) -> tuple[ImapAccount, ChangeSet]:
    form = validate(form)
    if _name_taken(conn, form.name, None):
        raise AccountError(f"There is already a mail account named {form.name!r}; choose another name.")
    cur = raw_connection(conn).execute(
        "INSERT INTO mail_accounts (name, kind, host, port, security, username, own_address, created_at) "
        "VALUES (?, 'imap', ?, ?, ?, ?, ?, ?)",
        (form.name, form.host, form.port, form.security, form.username, form.own_address or None, now_iso()),
    )
    return get_account(conn, int(cur.lastrowid)), ChangeSet.of(ACCOUNTS_ENTITY, inserted=1)


def update_account(conn: Connection, account_id: int, form: AccountForm) -> tuple[ImapAccount, ChangeSet]:
    """Change an account's settings. A different server or user name means other mail: the folders are dropped
    (their messages with them) and the next sync starts afresh."""
    form = validate(form)
    old = get_account(conn, account_id)
    if _name_taken(conn, form.name, account_id):
        raise AccountError(f"There is already a mail account named {form.name!r}; choose another name.")
    raw = raw_connection(conn)
    raw.execute(
        "UPDATE mail_accounts SET name = ?, host = ?, port = ?, security = ?, username = ?, own_address = ? "
        "WHERE id = ?",
        (form.name, form.host, form.port, form.security, form.username, form.own_address or None, account_id),
    )
    changes = ChangeSet.of(ACCOUNTS_ENTITY, updated=1)
    if (old.host.lower(), old.username) != (form.host.lower(), form.username):
        changes |= _drop_mail(conn, account_id, "DELETE FROM mail_folders WHERE account_id = ?")
    return get_account(conn, account_id), changes


def _drop_mail(conn: Connection, account_id: int, statement: str) -> ChangeSet:
    raw = raw_connection(conn)
    messages = raw.execute("SELECT count(*) FROM messages WHERE folder_id IN "
                           "(SELECT id FROM mail_folders WHERE account_id = ?)", (account_id,)).fetchone()[0]
    links = raw.execute("SELECT count(*) FROM email_links WHERE message_id IN (SELECT m.id FROM messages m JOIN "
                        "mail_folders f ON f.id = m.folder_id WHERE f.account_id = ?)", (account_id,)).fetchone()[0]
    raw.execute(statement, (account_id,))
    return ChangeSet.of(ENTITY, deleted=messages) | ChangeSet.of(LINKS_ENTITY, deleted=links)


def delete_account(conn: Connection, account_id: int) -> tuple[ImapAccount, ChangeSet]:
    """Delete the account row, its folders and messages (the caller removes the password: `remove_account`)."""
    account = get_account(conn, account_id)
    changes = _drop_mail(conn, account_id, "DELETE FROM mail_accounts WHERE id = ?")
    return account, changes | ChangeSet.of(ACCOUNTS_ENTITY, deleted=1)


# ----- front doors: rows + keychain -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SavedAccount:
    account: ImapAccount
    changes: ChangeSet
    persistent: bool  # False: no OS keychain, the password is kept for this session only


def password(keychain: Keychain, account: ImapAccount) -> Secret | None:
    return keychain.get(account.secret_ref)


async def save_account(
    db: Database, keychain: Keychain, form: AccountForm, new_password: Secret | None, *, account_id: int | None = None
) -> SavedAccount:
    """Create (account_id None) or update an account; the password goes to the keychain. A new account needs a
    password; an update without one keeps the stored one (moved along if the login changed)."""
    if account_id is None and not new_password:
        raise AccountError("Enter the password for the mail server.")
    old = await db.read(get_account, account_id) if account_id is not None else None
    old_secret = await asyncio.to_thread(keychain.get, old.secret_ref) if old is not None else None
    if account_id is None:
        account, changes = await db.write(create_account, form)
    else:
        account, changes = await db.write(update_account, account_id, form)
    secret = new_password or old_secret
    persistent = keychain.persistent
    if secret:
        persistent = await asyncio.to_thread(keychain.set, account.secret_ref, secret)
    if old is not None and old.secret_ref != account.secret_ref:
        await asyncio.to_thread(keychain.delete, old.secret_ref)
    return SavedAccount(account, changes, persistent)


async def remove_account(db: Database, keychain: Keychain, account_id: int) -> ChangeSet:
    """Delete the account, its mail in the cache, and its password from the keychain (unless another account of
    this profile uses the same login)."""
    account, changes = await db.write(delete_account, account_id)
    others = await db.read(list_accounts)
    if not any(other.secret_ref == account.secret_ref for other in others):
        await asyncio.to_thread(keychain.delete, account.secret_ref)
    return changes
