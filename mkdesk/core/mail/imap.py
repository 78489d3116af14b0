"""Core layer: a thin async IMAP client over aioimaplib — TLS/STARTTLS/plain, login, folders, UIDs, fetch, \\Seen.

Runs on the caller's asyncio loop (the app's qasync loop or a script's); one `ImapClient` is one connection and is
used by one task at a time. Every failure is an `ImapError` with a plain-words `user_message`; none of them, and no
log line, carries the password (aioimaplib's own command logging is held at WARNING because it can print LOGIN).
A connection lost mid-command fails that command at once (`ImapConnectionLost`) instead of waiting for a timeout.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Iterable
from typing import Any

import aioimaplib

from mkdesk.core.log import redact_value
from mkdesk.core.mail.imap_endpoint import (  # noqa: F401 - re-exported beside the client
    DEFAULT_PORTS,
    SECURITIES,
    ImapAuthFailed,
    ImapCommandFailed,
    ImapConnectionLost,
    ImapEndpoint,
    ImapError,
    ImapTimeout,
    ImapTlsError,
    ImapUnreachable,
)
from mkdesk.core.mail.imap_wire import (
    SIZE_RE,
    FetchedMessage,
    FolderInfo,
    FolderStatus,
    encode_folder_name,
    fetch_records,
    flags_of,
    parse_fetch,
    parse_list,
    parse_search,
    parse_select,
    quote,
    uid_set,
)
from mkdesk.core.secrets import Secret

log = logging.getLogger(__name__)
# aioimaplib logs every command at DEBUG; its password scrubbing misses passwords that quoting changes.
logging.getLogger("aioimaplib").setLevel(max(logging.WARNING, logging.getLogger("aioimaplib").level))

FETCH_PARTS = "(UID FLAGS BODY.PEEK[])"  # PEEK: fetching a message must not mark it read
FLAGS_WINDOW = 200  # UIDs per FLAGS fetch (see `ImapClient.flags`)
FETCH_WINDOW = 100  # UIDs per body fetch


# ----- the client -----------------------------------------------------------------------------------------------
class ImapClient:
    """One IMAP connection. `async with ImapClient(endpoint, password) as imap:` connects and logs in."""

    def __init__(self, endpoint: ImapEndpoint, password: Secret) -> None:
        if not isinstance(password, Secret):
            raise TypeError("the password is a Secret")
        self.endpoint = endpoint
        self._password = password
        self._imap: aioimaplib.IMAP4 | None = None
        self._lost = asyncio.Event()
        self._broken: ImapError | None = None
        self.selected: FolderStatus | None = None

    async def __aenter__(self) -> ImapClient:
        try:
            await self.connect()
        except BaseException:
            await self.close()  # a refused login or TLS failure must not leave the socket open
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ----- connecting -----------------------------------------------------------------------------------------
    async def connect(self) -> None:
        ep = self.endpoint
        redact_value(self._password.reveal())
        context = ep.tls_context() if ep.security == "tls" else None
        failure: ImapError | None = None  # raised outside the except blocks: no chain back to the socket
        try:
            self._imap = aioimaplib.IMAP4(
                ep.host, ep.port, timeout=ep.timeout, conn_lost_cb=self._connection_lost, ssl_context=context
            )
            await self._imap.wait_hello_from_server()
        except ssl.SSLCertVerificationError as exc:
            failure = self._cert_error(exc)
        except ssl.SSLError:
            failure = ImapTlsError(
                f"The server at {ep.where} did not start a secure (TLS) connection. Check the port and the "
                "security setting (TLS is usually port 993, STARTTLS port 143).", kind="not_tls"
            )
        except asyncio.TimeoutError:
            failure = ImapUnreachable(
                f"The mail server at {ep.where} did not answer within {ep.timeout:g} seconds. Check the address, "
                "the port and the security setting.", kind="no_answer"
            )
        except OSError as exc:
            failure = ImapUnreachable(
                f"Cannot reach the mail server at {ep.where}: {_os_reason(exc)}. Check the address and the port, "
                "and that this computer is online.", kind=_os_kind(exc)
            )
        except aioimaplib.AioImapException:
            failure = ImapUnreachable(f"The server at {ep.where} does not speak IMAP.", kind="not_imap")
        if failure is not None:
            raise failure
        if ep.security == "starttls":
            await self._starttls()
        await self._login()

    def _cert_error(self, exc: ssl.SSLCertVerificationError) -> ImapTlsError:
        reason = exc.verify_message or "certificate verify failed"
        return ImapTlsError(
            f"The mail server's certificate at {self.endpoint.where} is not trusted ({reason}). If the server uses "
            "its own certificate, trust it explicitly; mkdesk never connects without checking it.",
            kind="certificate",
        )

    async def _starttls(self) -> None:
        assert self._imap is not None
        proto = self._imap.protocol
        if "STARTTLS" not in proto.capabilities:
            raise ImapTlsError(
                f"The mail server at {self.endpoint.where} does not offer STARTTLS. Choose TLS (port 993) or ask "
                "the provider for the right settings.", kind="no_starttls"
            )
        command = aioimaplib.Command("STARTTLS", proto.new_tag(), loop=proto.loop)
        response = await self._call(proto.execute(command), "STARTTLS")
        if response.result != "OK":
            raise ImapTlsError(f"The mail server at {self.endpoint.where} refused STARTTLS.", kind="no_starttls")
        loop = asyncio.get_running_loop()
        try:
            transport = await asyncio.wait_for(
                loop.start_tls(proto.transport, proto, self.endpoint.tls_context(),
                               server_hostname=self.endpoint.host),
                self.endpoint.timeout,
            )
        except ssl.SSLCertVerificationError as exc:
            failure: ImapError | None = self._cert_error(exc)
        except (ssl.SSLError, OSError, asyncio.TimeoutError, ConnectionError):
            failure = ImapTlsError(f"The secure connection to {self.endpoint.where} could not be set up.",
                                   kind="tls_setup")
        else:
            failure = None
        if failure is not None:
            raise failure
        proto.transport = transport
        await self._call(proto.capability(), "CAPABILITY")  # capabilities before TLS are not to be trusted

    async def _login(self) -> None:
        assert self._imap is not None
        if "LOGINDISABLED" in self._imap.protocol.capabilities:
            raise ImapTlsError(
                "The mail server accepts the password only over a secure connection: choose TLS or STARTTLS.",
                kind="secure_only",
            )
        response = await self._call(
            self._imap.login(self.endpoint.username, self._password.reveal()), "LOGIN"
        )
        if response.result != "OK":
            lines = [bytes(x) for x in response.lines if not isinstance(x, bytearray)]
            text = b" ".join(lines).decode("utf-8", "replace")
            if "PRIVACYREQUIRED" in text.upper():
                raise ImapTlsError(
                    "The mail server accepts the password only over a secure connection: choose TLS or STARTTLS.",
                    kind="secure_only",
                )
            if "UNAVAILABLE" in text.upper():
                raise ImapUnreachable("The mail server is temporarily unavailable. Try again in a few minutes.",
                                      kind="unavailable")
            raise ImapAuthFailed(
                f"The mail server rejected the user name or password for {self.endpoint.username}. "
                "Check both and try again."
            )

    def _connection_lost(self, exc: Exception | None) -> None:
        self._lost.set()

    # ----- running commands -----------------------------------------------------------------------------------
    async def _call(self, coro: Any, what: str, *, streaming: bool = False) -> Any:
        """Await one aioimaplib call; a lost connection or a silent server fails it with a typed error. A
        `streaming` call (a body FETCH) may take as long as data keeps arriving: aioimaplib's own timer fails it
        only after `timeout` seconds without any data."""
        if self._broken is not None:
            coro.close()
            raise self._broken
        if self._lost.is_set():
            coro.close()
            raise self._fail(ImapConnectionLost(self._lost_message()))
        task = asyncio.ensure_future(coro)
        lost = asyncio.ensure_future(self._lost.wait())
        try:
            done, _ = await asyncio.wait({task, lost}, timeout=None if streaming else self.endpoint.timeout + 5,
                                         return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            task.cancel()
            raise
        finally:
            lost.cancel()
        if task not in done:
            task.cancel()
            if self._lost.is_set():
                raise self._fail(ImapConnectionLost(self._lost_message()))
            raise self._fail(ImapTimeout(self._timeout_message(what)))
        exc = task.exception()  # looked at outside an except block: the typed error has no chain back to it
        if exc is None:
            return task.result()
        lost_now = self._lost.is_set()
        if isinstance(exc, asyncio.TimeoutError | aioimaplib.CommandTimeout):
            error: ImapError = ImapConnectionLost(self._lost_message()) if lost_now else ImapTimeout(
                self._timeout_message(what))
        elif isinstance(exc, aioimaplib.AioImapException | OSError):
            error = ImapConnectionLost(self._lost_message()) if lost_now else ImapCommandFailed(
                f"The mail server did not understand {what}.")
        else:
            raise exc  # a programming error surfaces as it is
        del exc
        raise self._fail(error)

    def _fail(self, error: ImapError) -> ImapError:
        self._broken = error
        return error

    def _lost_message(self) -> str:
        return f"The connection to the mail server at {self.endpoint.where} was lost. Mail that arrived is kept."

    def _timeout_message(self, what: str) -> str:
        return f"The mail server at {self.endpoint.where} stopped answering ({what}, {self.endpoint.timeout:g} s)."

    @staticmethod
    def _check(response: Any, what: str) -> Any:
        if response.result != "OK":
            tail = response.lines[-1] if response.lines else b""
            text = bytes(tail).decode("utf-8", "replace").strip() if not isinstance(tail, str) else tail
            raise ImapCommandFailed(f"The mail server refused {what}: {text or response.result}")
        return response

    @property
    def capabilities(self) -> frozenset[str]:
        return frozenset(self._imap.protocol.capabilities) if self._imap else frozenset()

    # ----- commands ---------------------------------------------------------------------------------------------
    async def list_folders(self) -> list[FolderInfo]:
        assert self._imap is not None
        response = self._check(await self._call(self._imap.list('""', '"*"'), "LIST"), "the folder list")
        return parse_list(response.lines)

    async def select(self, folder: str, *, readonly: bool = False) -> FolderStatus:
        """SELECT (or EXAMINE) a folder by its Unicode name."""
        assert self._imap is not None
        wire = quote(encode_folder_name(folder))
        if readonly:
            response = await self._call(self._imap.examine(wire), "EXAMINE")
        else:
            response = await self._call(self._imap.select(wire), "SELECT")
        self._check(response, f"to open the folder {folder}")
        status = parse_select(folder, response.lines)
        if status is None:
            raise ImapCommandFailed(f"The mail server did not give the folder {folder} a UIDVALIDITY, so its "
                                    "messages cannot be synced reliably.")
        self.selected = status
        return status

    async def uids_from(self, first_uid: int) -> list[int]:
        """UIDs ≥ `first_uid` in the selected folder, ascending."""
        assert self._imap is not None
        response = self._check(
            await self._call(self._imap.uid_search("UID", f"{max(1, first_uid)}:*", charset=None), "UID SEARCH"),
            "the message search",
        )
        return sorted(uid for uid in parse_search(response.lines) if uid >= first_uid)

    async def fetch(self, uids: Iterable[int]) -> list[FetchedMessage]:
        """Raw messages with their flags (BODY.PEEK: nothing is marked read). UIDs that vanished are absent."""
        assert self._imap is not None
        ordered = sorted(set(uids))
        got: dict[int, FetchedMessage] = {}
        for start in range(0, len(ordered), FETCH_WINDOW):
            window = ordered[start:start + FETCH_WINDOW]
            response = self._check(
                await self._call(self._imap.uid("fetch", uid_set(window), FETCH_PARTS), "UID FETCH", streaming=True),
                "the messages",
            )
            wanted = set(window)
            got.update((uid, FetchedMessage(uid, flags, body)) for uid, flags, body in parse_fetch(response.lines)
                       if body is not None and uid in wanted)
        return [got[uid] for uid in sorted(got)]

    async def flags(self, uids: Iterable[int]) -> dict[int, frozenset[str]]:
        """UID → flags for the given UIDs (those gone from the server are absent)."""
        return {uid: flags for uid, (flags, _) in (await self._small_items(uids, "FLAGS", "the message flags")).items()}

    async def sizes(self, uids: Iterable[int]) -> dict[int, int]:
        """UID → size in bytes (RFC822.SIZE) for the given UIDs (those gone from the server are absent)."""
        found = await self._small_items(uids, "RFC822.SIZE", "the message sizes")
        return {uid: size for uid, (_, size) in found.items() if size is not None}

    async def _small_items(self, uids: Iterable[int], item: str, what: str) -> dict[int, tuple[frozenset[str], Any]]:
        """One small FETCH item per UID, asked in windows of `FLAGS_WINDOW` UIDs: aioimaplib parses a response
        recursively, line by line, and a few thousand lines in one read exceed Python's recursion limit."""
        assert self._imap is not None
        ordered = sorted(set(uids))
        out: dict[int, tuple[frozenset[str], Any]] = {}
        for start in range(0, len(ordered), FLAGS_WINDOW):
            window = ordered[start:start + FLAGS_WINDOW]
            response = self._check(
                await self._call(self._imap.uid("fetch", uid_set(window), f"(UID {item})"), f"UID FETCH {item}"),
                what,
            )
            wanted = set(window)
            for uid, text, _ in fetch_records(response.lines):
                if uid in wanted:
                    size = SIZE_RE.search(text)
                    out[uid] = (flags_of(text), int(size.group(1)) if size else None)
        return out

    async def set_seen(self, uids: Iterable[int], seen: bool) -> None:
        assert self._imap is not None
        uids = list(uids)
        if not uids:
            return
        op = "+FLAGS.SILENT" if seen else "-FLAGS.SILENT"
        self._check(await self._call(self._imap.uid("store", uid_set(uids), op, "(\\Seen)"), "UID STORE"),
                    "to mark messages read")

    async def close(self) -> None:
        """LOGOUT if the connection still works; always drops the socket. Never raises."""
        imap, self._imap = self._imap, None
        if imap is None:
            return
        try:
            if self._broken is None and not self._lost.is_set() and imap.get_state() in ("AUTH", "SELECTED",
                                                                                          "NONAUTH"):
                await asyncio.wait_for(imap.logout(), 5)
        except Exception:  # noqa: BLE001 - closing must not fail the caller; the socket is dropped below
            log.debug("IMAP logout failed", exc_info=False)
        finally:
            transport = getattr(imap.protocol, "transport", None)
            if transport is not None:
                transport.close()


def _os_kind(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if exc.__class__.__name__ == "gaierror":
        return "unknown_host"
    return "network"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if exc.__class__.__name__ == "gaierror":
        return "the host name is unknown"
    return exc.strerror or type(exc).__name__


async def probe(endpoint: ImapEndpoint, password: Secret) -> list[FolderInfo]:
    """Connect, log in and list the folders (the account dialog's "Test connection")."""
    async with ImapClient(endpoint, password) as imap:
        return await imap.list_folders()
