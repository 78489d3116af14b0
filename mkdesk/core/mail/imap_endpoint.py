"""Core layer: where and how to reach an IMAP server (`ImapEndpoint`) and the typed IMAP failures (values; any thread).

`mkdesk.core.mail.imap` re-exports all of them beside the client that uses them; they live apart so that the
account rows (`accounts.py`) and the UI can build endpoints and word failures without the client's machinery.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass

SECURITIES = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}


# ----- errors ----------------------------------------------------------------------------------------------------
class ImapError(Exception):
    """Base of every IMAP failure; `user_message` is a sentence a sales rep can act on, `kind` a stable word for
    the cause within the class (for a UI that words it in its own language): e.g. "certificate", "refused"."""

    def __init__(self, user_message: str, *, kind: str = "") -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.kind = kind


class ImapAuthFailed(ImapError):
    """The server rejected the user name or password."""


class ImapUnreachable(ImapError):
    """No connection: refused, unknown host, no answer, wrong port."""


class ImapTlsError(ImapError):
    """The secure connection failed (untrusted certificate, wrong name, no STARTTLS, not a TLS port)."""


class ImapConnectionLost(ImapError):
    """The connection broke after it was made (server stopped, network gone)."""


class ImapTimeout(ImapError):
    """The server stopped answering."""


class ImapCommandFailed(ImapError):
    """The server answered NO/BAD to a command (e.g. a folder that does not exist)."""


# ----- values ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImapEndpoint:
    """Where and how to connect. `cafile`/`ssl_context` trust a private CA or a self-signed server explicitly;
    without them the system's trust store decides (verification is never turned off)."""

    host: str
    port: int
    security: str
    username: str
    cafile: str | None = None
    ssl_context: ssl.SSLContext | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.security not in SECURITIES:
            raise ValueError(f"security must be one of {', '.join(SECURITIES)}, not {self.security!r}")

    def tls_context(self) -> ssl.SSLContext:
        if self.ssl_context is not None:
            return self.ssl_context
        return ssl.create_default_context(cafile=self.cafile)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"
