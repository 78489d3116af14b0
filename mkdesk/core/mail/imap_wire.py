"""Core layer: IMAP wire formats, pure functions (any thread) — modified UTF-7 folder names, UID sets, quoting, and
the parsing of LIST, SELECT, SEARCH and FETCH answers as aioimaplib hands them over (lines as bytes, literals as
bytearray, the tagged completion text last).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FolderInfo:
    name: str  # decoded (Unicode) name, e.g. "Poslano/Račun"
    wire_name: str  # as the server spells it (modified UTF-7)
    delimiter: str | None
    flags: frozenset[str]

    @property
    def selectable(self) -> bool:
        return "\\noselect" not in {f.lower() for f in self.flags}


@dataclass(frozen=True, slots=True)
class FolderStatus:
    name: str
    uidvalidity: int
    uidnext: int | None
    exists: int


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    uid: int
    flags: frozenset[str]
    raw: bytes

    @property
    def seen(self) -> bool:
        return "\\seen" in {f.lower() for f in self.flags}


# ----- modified UTF-7 (RFC 3501 §5.1.3) ---------------------------------------------------------------------------
def encode_folder_name(name: str) -> str:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            b64 = base64.b64encode("".join(run).encode("utf-16-be")).decode("ascii").rstrip("=")
            out.append("&" + b64.replace("/", ",") + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def decode_folder_name(wire: str) -> str:
    """Decode a modified UTF-7 name; a malformed segment is kept as it was (a name is never lost)."""

    def segment(match: re.Match[str]) -> str:
        body = match.group(1)
        if not body:
            return "&"
        try:
            data = base64.b64decode(body.replace(",", "/") + "=" * (-len(body) % 4))
            return data.decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"&([A-Za-z0-9+,]*)-", segment, wire)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uid_set(uids: Iterable[int]) -> str:
    """`[1, 2, 3, 7, 9, 10]` → `"1:3,7,9:10"`."""
    ordered = sorted(set(uids))
    if not ordered:
        raise ValueError("an empty UID set")
    parts: list[str] = []
    start = prev = ordered[0]
    for uid in ordered[1:] + [None]:  # type: ignore[list-item]
        if uid is not None and uid == prev + 1:
            prev = uid
            continue
        parts.append(str(start) if start == prev else f"{start}:{prev}")
        if uid is not None:
            start = prev = uid
    return ",".join(parts)


# ----- response parsing -----------------------------------------------------------------------------------------
_LIST_RE = re.compile(r'^\((?P<flags>[^)]*)\) (?P<delim>NIL|"(?:[^"\\]|\\.)*") (?P<name>.*)$', re.S)
_FETCH_START = re.compile(rb"^\d+ FETCH \(")
_UID_RE = re.compile(rb"\bUID (\d+)")
_FLAGS_RE = re.compile(rb"\bFLAGS \(([^)]*)\)")
SIZE_RE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_CODE_RE = {name: re.compile(rb"\[" + name.encode() + rb" (\d+)\]") for name in ("UIDVALIDITY", "UIDNEXT")}
_EXISTS_RE = re.compile(rb"^(\d+) EXISTS")


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


def parse_list(lines: Sequence[Any]) -> list[FolderInfo]:
    folders: list[FolderInfo] = []
    pending: str | None = None
    for line in lines[:-1]:  # the last line is the tagged completion text
        if isinstance(line, bytearray):  # a literal name follows a line ending in {n}
            if pending is not None:
                folders.append(_folder(pending, bytes(line).decode("utf-8", "replace")))
                pending = None
            continue
        text = bytes(line).decode("utf-8", "replace")
        if re.search(r"\{\d+\}$", text):
            pending = text
            continue
        match = _LIST_RE.match(text)
        if match:
            folders.append(_folder(text, _unquote(match.group("name").strip())))
    return folders


def _folder(text: str, wire_name: str) -> FolderInfo:
    match = _LIST_RE.match(re.sub(r"\{\d+\}$", "X", text))
    flags = frozenset(match.group("flags").split()) if match else frozenset()
    delim = match.group("delim") if match else "NIL"
    return FolderInfo(decode_folder_name(wire_name), wire_name, None if delim == "NIL" else _unquote(delim), flags)


def parse_select(name: str, lines: Sequence[Any]) -> FolderStatus | None:
    values: dict[str, int] = {}
    exists = 0
    for line in lines:
        if isinstance(line, bytearray):
            continue
        for key, pattern in _CODE_RE.items():
            match = pattern.search(line)
            if match:
                values[key] = int(match.group(1))
        match = _EXISTS_RE.match(line)
        if match:
            exists = int(match.group(1))
    if "UIDVALIDITY" not in values:
        return None  # the caller says what is wrong: a server that does not support UIDs
    return FolderStatus(name, values["UIDVALIDITY"], values.get("UIDNEXT"), exists)


def fetch_records(lines: Sequence[Any]) -> list[tuple[int, bytes, bytes | None]]:
    """(uid, the response's text outside literals, the first literal or None) per FETCH response; responses
    without a UID (unsolicited) are dropped."""
    records: list[list[Any]] = []
    for line in lines[:-1]:
        if not isinstance(line, bytearray) and _FETCH_START.match(line):
            records.append([line])
        elif records:
            records[-1].append(line)
    out = []
    for parts in records:
        text = b" ".join(bytes(p) for p in parts if not isinstance(p, bytearray))
        body = next((bytes(p) for p in parts if isinstance(p, bytearray)), None)
        uid = _UID_RE.search(text)
        if uid is not None:
            out.append((int(uid.group(1)), text, body))
    return out


def flags_of(text: bytes) -> frozenset[str]:
    found = _FLAGS_RE.search(text)
    return frozenset(found.group(1).decode("ascii", "replace").split()) if found else frozenset()


def parse_fetch(lines: Sequence[Any]) -> list[tuple[int, frozenset[str], bytes | None]]:
    """(uid, flags, body or None) per FETCH response."""
    return [(uid, flags_of(text), body) for uid, text, body in fetch_records(lines)]


def parse_search(lines: Sequence[Any]) -> list[int]:
    """The UIDs of a SEARCH answer (aioimaplib gives its lines without "* SEARCH"). Other untagged lines the server
    may send meanwhile ("5 EXISTS", "3 EXPUNGE", "2 FETCH (FLAGS …)") are not UIDs: a line counts only when every
    token on it is a number."""
    uids: list[int] = []
    for line in lines[:-1]:
        if isinstance(line, bytearray):
            continue
        tokens = line.split()
        if tokens and all(tok.isdigit() for tok in tokens):
            uids.extend(int(tok) for tok in tokens)
    return uids
