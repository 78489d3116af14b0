"""Core layer: the only module that touches the OS keychain (keyring); secrets never reach files, logs or SQLite.

A `Secret` wraps a secret string so that `repr`/`str`/formatting never reveal it; call `reveal()` at the exact
point where the value must go on the wire. `Keychain` stores secrets through `keyring`; when no keychain backend
works it keeps them for this session only (in memory) and says so through `Keychain.persistent` — there is no
plaintext fallback, ever. Any thread: `Keychain` guards its session store with a lock; its keyring calls block
while the OS keychain answers (D-Bus, or a locked keychain's prompt). `read` and `set(..., session_fallback=False)`
tell a keychain that failed (locked, refused, its service gone: `KeychainError`) apart from one that holds nothing;
`get` and plain `set` keep going (None, a session copy) for callers that cannot do anything better.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import keyring
import keyring.errors

SERVICE = "mkdesk"
log = logging.getLogger(__name__)

# Backends that would write secrets in plain text or are not keychains at all.
_REFUSED_BACKENDS = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null", "PlaintextKeyring")


class Secret:
    """A secret value that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a secret is a string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self):  # never pickle a secret into a file by accident
        raise TypeError("secrets cannot be pickled")


@dataclass(frozen=True, slots=True)
class SecretRef:
    """Where a secret lives in the keychain: one per profile and purpose (e.g. "metakocka", "imap:alice@x")."""

    profile: str
    purpose: str

    @property
    def username(self) -> str:
        return f"{self.profile}/{self.purpose}"

    @classmethod
    def mail(cls, username: str, host: str, port: int, profile: str = "default") -> SecretRef:
        """The password of one mail login: "imap:<user>@<host>:<port>" (the login, not the account's display name)."""
        return cls(profile, f"imap:{username}@{host.lower()}:{int(port)}")


class KeychainError(RuntimeError):
    """The OS keychain is there but did not answer (locked, refused, its service gone). The message is the backend
    error's name, never a secret."""


class Keychain:
    """Reads and writes secrets through keyring, with a session-only memory fallback (never plaintext on disk)."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()
        self._persistent: bool | None = None

    @property
    def persistent(self) -> bool:
        """True when secrets survive a restart (a real keychain backend is available)."""
        if self._persistent is None:
            self._persistent = _backend_usable()
        return self._persistent

    def read(self, ref: SecretRef) -> Secret | None:
        """The stored secret, None when none is stored; `KeychainError` when the OS keychain could not be read."""
        with self._lock:
            if ref.username in self._session:
                return Secret(self._session[ref.username])
        if not self.persistent:
            return None
        try:
            value = keyring.get_password(self._service, ref.username)
        except keyring.errors.KeyringError as exc:
            log.warning("keychain read failed for %s: %s", ref.username, type(exc).__name__)
            raise KeychainError(type(exc).__name__) from None
        return Secret(value) if value is not None else None

    def get(self, ref: SecretRef) -> Secret | None:
        """`read`, with a keychain that could not be read taken as holding nothing (logged)."""
        try:
            return self.read(ref)
        except KeychainError:
            return None

    def set(self, ref: SecretRef, secret: Secret, *, session_fallback: bool = True) -> bool:
        """Store the secret. Returns True if it went to the OS keychain, False if kept for this session only (no OS
        keychain, or — with `session_fallback` — one that refused it; without it, a refusal is a `KeychainError` and
        nothing is kept)."""
        if self.persistent:
            try:
                keyring.set_password(self._service, ref.username, secret.reveal())
            except keyring.errors.KeyringError as exc:
                log.warning("keychain write failed for %s: %s", ref.username, type(exc).__name__)
                if not session_fallback:
                    raise KeychainError(type(exc).__name__) from None
            else:
                with self._lock:
                    self._session.pop(ref.username, None)
                return True
        with self._lock:
            self._session[ref.username] = secret.reveal()
        return False

    def delete(self, ref: SecretRef) -> None:
        with self._lock:
            self._session.pop(ref.username, None)
        if self.persistent:
            try:
                keyring.delete_password(self._service, ref.username)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                log.warning("keychain delete failed for %s: %s", ref.username, type(exc).__name__)


def _backend_usable() -> bool:
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        return False
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(refused in name for refused in _REFUSED_BACKENDS):
        return False
    try:
        priority = backend.priority  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a backend that cannot even say its priority is unusable
        return False
    return priority > 0


def keychain_facts() -> dict[str, object]:
    """What support needs to know about the keychain — the backend in use, whether it persists, the known backends —
    and never a secret (diagnostics and `mkdesk diagnose` ask here instead of importing keyring themselves)."""
    from importlib.metadata import entry_points

    try:
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
    except keyring.errors.KeyringError as exc:
        name = f"unavailable ({type(exc).__name__})"
    return {
        "keyring_backend": name,
        "keychain_persistent": _backend_usable(),
        "keyring_backends_known": sorted(ep.name for ep in entry_points(group="keyring.backends")),
    }
