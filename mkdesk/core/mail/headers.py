"""Core layer: header and charset decoding for mail parsing (pure functions, any thread; never raise).

Text is decoded with the chain declared charset → UTF-8 → cp1250 (Slovenian mail without a charset) → latin-1;
headers from their raw values (RFC 2047 words and raw 8-bit bytes alike); addresses with `getaddresses` on the
undecoded value, then the modern header parser, then anything shaped like an address. What was odd is collected
in a `Notes` (it becomes `ParsedMessage.parse_error`).
"""

from __future__ import annotations

import codecs
import email.header
import email.utils
import re
from datetime import UTC, datetime
from email import policy
from email.message import Message

FALLBACK_CHARSETS = ("utf-8", "cp1250", "latin-1")
MAX_HEADER_CHARS = 20_000  # one decoded header value (subject, a display name)
MAX_ADDRESS_CHARS = 1_000_000  # an address header (~50 000 addresses)

WS = re.compile(r"\s+")
MSGID = re.compile(r"<([^<>\s]+)>")
_ADDR = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+", re.UNICODE)


class Notes:
    """Collects what was odd while parsing (de-duplicated, in order)."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, note: str) -> None:
        if note not in self.items:
            self.items.append(note)

    def text(self) -> str | None:
        return "; ".join(self.items) if self.items else None


# ----- charsets ----------------------------------------------------------------------------------------------------
def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip('"').lower()
    if name in ("unknown-8bit", "x-unknown", "unknown", "8bit", "default"):
        return None
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, declared: str | None, notes: Notes | None = None) -> str:
    """Text from bytes: the declared charset, else UTF-8, else cp1250, else latin-1 (which always succeeds)."""
    codec = _codec(declared)
    if declared and codec is None and notes is not None:
        notes.add(f"unknown charset {declared.strip()[:40]!r}")
    tried = [codec] if codec else []
    for candidate in tried + [c for c in FALLBACK_CHARSETS if c != codec]:
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec and candidate != codec and notes is not None:
            notes.add(f"text not valid {declared.strip()[:40]}; read as {candidate}")
        return text
    return data.decode("latin-1", errors="replace")  # unreachable: latin-1 decodes every byte


# ----- headers -----------------------------------------------------------------------------------------------------
def raw_header(msg: Message, name: str) -> str | None:
    """The first raw value of a header (8-bit bytes still surrogate-escaped), or None."""
    try:
        for key, value in msg.raw_items():
            if key.lower() == name:
                return str(value)
    except Exception:  # noqa: BLE001 - a header we cannot even list is treated as missing
        return None
    return None


def unescape(value: str, notes: Notes) -> str:
    """Undo the parser's surrogate escapes of raw 8-bit header bytes, decoding them with the fallbacks."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    notes.add("raw 8-bit bytes in a header")
    data = value.encode("utf-8", "surrogateescape")
    return decode_bytes(data, None, notes)


def decode_header_value(value: str | None, notes: Notes | None = None) -> str:
    """A header's text: RFC 2047 encoded words decoded (with charset fallbacks), folding removed."""
    if not value:
        return ""
    notes = notes if notes is not None else Notes()
    if len(value) > MAX_HEADER_CHARS:  # the stdlib's encoded-word decoding is quadratic (100 000 words: 33 s)
        notes.add(f"header longer than {MAX_HEADER_CHARS} characters cut")
        value = value[:MAX_HEADER_CHARS]
    value = unescape(value, notes)
    try:
        pieces = email.header.decode_header(value)
    except Exception:  # noqa: BLE001 - malformed encoded words: keep the text as it is
        notes.add("malformed encoded words in a header")
        return WS.sub(" ", value).strip()
    out: list[str] = []
    for chunk, charset in pieces:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset, notes))
        else:
            out.append(chunk)
    return WS.sub(" ", "".join(out)).strip()


def addresses(msg: Message, name: str, notes: Notes) -> tuple[tuple[str, str], ...]:
    values = []
    try:
        for key, value in msg.raw_items():
            if key.lower() == name:
                values.append(unescape(str(value), notes))
    except Exception:  # noqa: BLE001
        return ()
    if not values:
        return ()
    if sum(map(len, values)) > MAX_ADDRESS_CHARS:
        notes.add(f"{name.title()} header longer than {MAX_ADDRESS_CHARS} characters cut")
        joined = ",".join(values)[:MAX_ADDRESS_CHARS]
        values = [joined.rsplit(",", 1)[0]]  # the last, cut-off address goes
    found: list[tuple[str, str]] = []
    for raw_name, addr in email.utils.getaddresses(values):
        addr = addr.strip().lower()
        if not _ADDR.fullmatch(addr):  # e.g. "broken ana@x.si" from a mangled header: keep the address in it
            match = _ADDR.search(addr)
            if match is None:
                continue
            addr = match.group(0).strip(".")
            notes.add(f"malformed {name.title()} header")
        found.append((decode_header_value(raw_name, notes).strip('" '), addr))
    if not found and all(v.isascii() for v in values):  # the modern parser reads some odd quoting compat cannot
        found = list(_modern_addresses(name, values) or ())
    if not found:  # both gave up: take anything shaped like an address
        for value in values:
            for match in _ADDR.findall(value):
                found.append(("", match.lower().strip(".")))
        if found or any(v.strip() for v in values):
            notes.add(f"malformed {name.title()} header")
    return tuple(found)


def _modern_addresses(name: str, values: list[str]) -> tuple[tuple[str, str], ...] | None:
    """Addresses through the modern policy's header registry (None when it cannot read them)."""
    try:
        header = policy.default.header_factory(name, ", ".join(values))
        groups = getattr(header, "addresses", None)
        if not groups:
            return None
        out = tuple((a.display_name or "", a.addr_spec.lower()) for a in groups if "@" in a.addr_spec)
    except Exception:  # noqa: BLE001 - the modern parser raises on some malformed headers
        return None
    return out or None


def msgids(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    ids = MSGID.findall(value)
    if ids:
        return tuple(ids)
    bare = value.strip()
    return (bare,) if bare and " " not in bare else ()


def parse_date(value: str | None, notes: Notes, what: str = "Date") -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        notes.add(f"unreadable {what} header {value.strip()[:60]!r}")
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000": the zone is unknown; read as UTC
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        notes.add(f"out-of-range {what} header")
        return None


def sent_at(msg: Message, notes: Notes) -> datetime | None:
    raw = raw_header(msg, "date")
    when = parse_date(unescape(raw, notes) if raw else None, notes)
    if when is not None:
        return when
    if raw is None:
        notes.add("no Date header")
    received = raw_header(msg, "received")
    if received and ";" in received:
        return parse_date(received.rsplit(";", 1)[1], notes, "Received")
    return None
