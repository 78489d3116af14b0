"""Core layer: IMAP accounts — rows in `mail_accounts` (writer thread) and their passwords in the keychain only.

The `*_account` functions taking a `Connection` run inside `db.write`/`db.read`; `save_account`/`remove_account` are
the async front doors that also put the password into (or take it out of) the keychain, off the event loop. No
password ever reaches SQLite, a log line or an error message. Account rows change the ChangeSet entity
`"mail_accounts"`; deleting an account also deletes its folders and messages (`"mail"`, `"mail_links"`).

An account also remembers the folders to sync (`folders`, a JSON list of server folder names, decoded from modified
UTF-7; NULL: not chosen, INBOX) and a CA file to trust for its server (`ca_file`, a PEM bundle; NULL: the system's
trust store). `validate` reads the CA file (a blocking file read: call it off the GUI thread, or with
`check_files=False` there).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import re
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.db import Database, raw_connection
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail.imap_endpoint import DEFAULT_PORTS, SECURITIES, ImapEndpoint, ImapError
from mkdesk.core.mail.store import ENTITY, LINKS_ENTITY, now_iso
from mkdesk.core.secrets import Keychain, KeychainError, Secret, SecretRef

log = logging.getLogger(__name__)
ACCOUNTS_ENTITY = "mail_accounts"
DEFAULT_FOLDERS = ("INBOX",)
MAX_CA_BYTES = 10 * 1024 * 1024  # a CA bundle is a few hundred KB at most
MAX_FOLDER_NAME = 1000
_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$")
_ADDRESS_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLUMNS = "id, name, host, port, security, username, own_address, folders, ca_file"


class AccountError(ValueError):
    """A form that cannot be saved; the message says which field and why. `kind` names the cause for a UI that
    words it in its own language ("ca_missing", "ca_folder", "ca_unreadable", "ca_not_pem", "folder_name"; ""
    for the others) and `value` the file or folder name it is about."""

    def __init__(self, message: str, *, kind: str = "", value: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.value = value


@dataclass(frozen=True, slots=True)
class AccountForm:
    """What the user types for an IMAP account (no password: that goes to the keychain separately)."""

    host: str
    username: str
    security: str = "tls"
    port: int | None = None  # None → the usual port for the security
    own_address: str = ""
    name: str = ""  # None/empty → "username@host"
    folders: tuple[str, ...] = ()  # server folder names to sync; empty: not chosen (INBOX)
    ca_file: str | None = None  # a PEM bundle of CA certificates to trust for this server; None: the system's


@dataclass(frozen=True, slots=True)
class ImapAccount:
    id: int
    name: str
    host: str
    port: int
    security: str
    username: str
    own_address: str | None
    folders: tuple[str, ...] = DEFAULT_FOLDERS  # the folders chosen to sync (none chosen: INBOX)
    ca_file: str | None = None  # the CA bundle trusted for this server (None: the system's trust store)

    @property
    def secret_ref(self) -> SecretRef:
        return SecretRef.mail(self.username, self.host, self.port)

    def endpoint(self, **options: Any) -> ImapEndpoint:
        """Connection settings; `options` are `cafile`, `ssl_context`, `timeout` (see `ImapEndpoint`). The saved
        CA file wins over `cafile`/`ssl_context` (those are the defaults for accounts without one); either way the
        certificate is always verified."""
        if self.ca_file:
            options = {**options, "cafile": self.ca_file}
            options.pop("ssl_context", None)
        return ImapEndpoint(self.host, self.port, self.security, self.username, **options)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_folders(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Folder names as the server lists them (decoded Unicode; `imap.select` encodes them to modified UTF-7):
    duplicates dropped in order, any spelling of INBOX written INBOX, none → INBOX. Raises AccountError
    (kind "folder_name") for an empty name or one with control characters, which no server has."""
    out: list[str] = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise AccountError("A folder name is empty; choose the folders from the server's list.",
                               kind="folder_name", value="")
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name) or len(name) > MAX_FOLDER_NAME:
            raise AccountError(f"{name!r} is not a folder name the server can have; choose the folders from the "
                               "server's list.", kind="folder_name", value=name)
        name = "INBOX" if name.upper() == "INBOX" else name
        if name not in out:
            out.append(name)
    return tuple(out) or DEFAULT_FOLDERS


def _ca_path(path: str | None) -> str | None:
    text = (path or "").strip()
    return str(Path(text).expanduser().absolute()) if text else None


def check_ca_file(path: str) -> None:
    """Raise AccountError (naming the file) unless `path` is a readable PEM bundle holding at least one certificate.
    Blocking (reads the file): never on the GUI thread."""
    file = Path(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        raise AccountError(f"The CA file {path} does not exist.", kind="ca_missing", value=path) from None
    except OSError as exc:
        raise AccountError(f"The CA file {path} cannot be read ({exc.strerror or type(exc).__name__}).",
                           kind="ca_unreadable", value=path) from None
    if file.is_dir():
        raise AccountError(f"{path} is a folder, not a CA file.", kind="ca_folder", value=path)
    if not os.access(path, os.R_OK):
        raise AccountError(f"The CA file {path} cannot be read (permission denied).", kind="ca_unreadable",
                           value=path)
    not_pem = AccountError(f"The CA file {path} is not a PEM bundle of certificates (a text file with "
                           "-----BEGIN CERTIFICATE----- blocks).", kind="ca_not_pem", value=path)
    if info.st_size > MAX_CA_BYTES:
        raise not_pem
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cafile=path)
    except ssl.SSLError:
        raise not_pem from None
    except OSError as exc:
        raise AccountError(f"The CA file {path} cannot be read ({exc.strerror or type(exc).__name__}).",
                           kind="ca_unreadable", value=path) from None
    if not context.cert_store_stats().get("x509"):
        raise not_pem


def validate(form: AccountForm, *, check_files: bool = True) -> AccountForm:
    """The form with trimmed values and defaults filled in; raises AccountError naming the bad field. The folders
    stay empty when none were chosen (stored as NULL: INBOX); the CA file becomes an absolute path and, with
    `check_files`, is read to check it is a PEM bundle (blocking: `check_files=False` on the GUI thread)."""
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
    folders = clean_folders(form.folders) if form.folders else ()
    ca_file = _ca_path(form.ca_file)
    if ca_file is not None and check_files:
        check_ca_file(ca_file)
    return AccountForm(host=host, username=username, security=form.security, port=port, own_address=own, name=name,
                       folders=folders, ca_file=ca_file)


def _folders_json(folders: tuple[str, ...]) -> str | None:
    return json.dumps(list(folders), ensure_ascii=False) if folders else None


def _folders_of(text: str | None) -> tuple[str, ...] | None:
    """The stored choice (None: not chosen). A damaged value is logged and read as not chosen, never an error."""
    if text is None:
        return None
    try:
        names = json.loads(text)
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return clean_folders(names)
    except (ValueError, AccountError):
        pass
    log.warning("a mail account's folder list is unreadable; INBOX is synced")
    return None


# ----- rows (writer / reader thread) ---------------------------------------------------------------------------------
def _row(row: Any) -> ImapAccount:
    return ImapAccount(int(row[0]), row[1], row[2], int(row[3]), row[4], row[5], row[6] or None,
                       _folders_of(row[7]) or DEFAULT_FOLDERS, row[8] or None)


def saved_folders(conn: Connection, account_id: int) -> tuple[str, ...] | None:
    """The folders the user chose for the account, or None when none were chosen (the sync then takes INBOX and
    the folders the account already has in the cache)."""
    row = raw_connection(conn).execute("SELECT folders FROM mail_accounts WHERE id = ?", (account_id,)).fetchone()
    return _folders_of(row[0]) if row is not None else None


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
        "INSERT INTO mail_accounts (name, kind, host, port, security, username, own_address, folders, ca_file, "
        "created_at) VALUES (?, 'imap', ?, ?, ?, ?, ?, ?, ?, ?)",
        (form.name, form.host, form.port, form.security, form.username, form.own_address or None,
         _folders_json(form.folders), form.ca_file, now_iso()),
    )
    return get_account(conn, int(cur.lastrowid)), ChangeSet.of(ACCOUNTS_ENTITY, inserted=1)


def update_account(conn: Connection, account_id: int, form: AccountForm) -> tuple[ImapAccount, ChangeSet]:
    """Change an account's settings. A different server or user name means other mail: the folders are dropped
    (their messages with them) and the next sync starts afresh. A folder taken off the chosen list only stops
    syncing: its mail stays in the cache."""
    form = validate(form)
    old = get_account(conn, account_id)
    if _name_taken(conn, form.name, account_id):
        raise AccountError(f"There is already a mail account named {form.name!r}; choose another name.")
    raw = raw_connection(conn)
    raw.execute(
        "UPDATE mail_accounts SET name = ?, host = ?, port = ?, security = ?, username = ?, own_address = ?, "
        "folders = ?, ca_file = ? WHERE id = ?",
        (form.name, form.host, form.port, form.security, form.username, form.own_address or None,
         _folders_json(form.folders), form.ca_file, account_id),
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


class NoPassword(ImapError):
    """The keychain has no password for the account."""


class PasswordUnavailable(NoPassword):
    """The keychain could not be read (locked?): the password may be there, but it is not available now."""


def load_password(keychain: Keychain, account: ImapAccount) -> Secret:
    """The account's password from the keychain: `NoPassword` when none is stored, `PasswordUnavailable` when the
    keychain could not be read (a locked keychain is not a missing password)."""
    try:
        secret = keychain.read(account.secret_ref)
    except KeychainError as exc:
        raise PasswordUnavailable(f"The keychain could not be read ({exc}; is it locked?), so the password of the "
                                  f"mail account {account.name} is not available. Unlock it and try again.") from None
    if not secret:
        raise NoPassword(f"No password is stored for the mail account {account.name}. Open the account settings "
                         "and enter it.")
    return secret


async def save_account(
    db: Database, keychain: Keychain, form: AccountForm, new_password: Secret | None, *, account_id: int | None = None
) -> SavedAccount:
    """Create (account_id None) or update an account; the password goes to the keychain. A new account needs a
    password; an update without one keeps the stored one (moved along if the login changed)."""
    if account_id is None and not new_password:
        raise AccountError("Enter the password for the mail server.")
    form = await asyncio.to_thread(validate, form)  # the CA file is read here, before the keychain is touched
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
