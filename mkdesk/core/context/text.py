"""Core layer: reading a mail body as a rep does — own text, quoted replies, forwarded originals (pure; any thread).

A reply quotes earlier mail below a header ("On … wrote:", "Dne … je … napisal(a):", "-----Original Message-----",
"Od: … Poslano: …") or in `>` lines; that text may come from other customers, so matching looks at the sender's own
text first. A forward ("---------- Forwarded message ---------", "Posredovano sporočilo", "Begin forwarded message:")
carries the original sender in its "From:"/"Od:" line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email.utils import getaddresses

_FORWARD = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|forwarded e-?mail|posredovano sporočilo|posredovano sporocilo|"
    r"posredovano e-?sporočilo|posredovano e-?pismo|weitergeleitete nachricht)\s*-{2,}|"
    r"begin forwarded message:|začetek posredovanega sporočila:)\s*$",
    re.IGNORECASE | re.MULTILINE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(?:original message|izvirno sporočilo|izvorno sporočilo|"
                       r"ursprüngliche nachricht)\s*-{2,}\s*$", re.IGNORECASE | re.MULTILINE)
#: "On <date>, <who> wrote:" and its Slovenian / German forms (the header may wrap onto a second line)
_WROTE = re.compile(
    r"^(?:>\s*)?(?:on\b|dne\b|v\s|am\b|le\b)[^\n]{0,200}(?:\n[^\n]{0,120})?"
    r"(?:wrote|napisal\(?a?\)?|napisala|je zapisal\(?a?\)?|schrieb|a écrit)\s*:\s*$",
    re.IGNORECASE | re.MULTILINE)
#: an Outlook-style header block inside a reply: "From: …" followed by "Sent:"/"Date:" within a few lines
_OUTLOOK = re.compile(r"^\s*(?:from|od|von)\s*:[^\n]*\n(?:[^\n]*\n){0,2}?\s*(?:sent|date|poslano|datum|gesendet)\s*:",
                      re.IGNORECASE | re.MULTILINE)
_HEADER_LINE = re.compile(r"^\s*\*?(from|od|von|date|datum|sent|poslano|gesendet|subject|zadeva|betreff|to|za|an|"
                          r"cc|kp|reply-to)\*?\s*:\s*(.*)$", re.IGNORECASE)
_FROM_KEYS = ("from", "od", "von")
_SUBJECT_KEYS = ("subject", "zadeva", "betreff")
_ADDR = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class Forwarded:
    """The original message inside a forward: who wrote it and its text (its own quoted parts removed)."""

    from_name: str | None
    from_addr: str | None
    subject: str | None
    text: str


@dataclass(frozen=True, slots=True)
class BodyParts:
    own: str  # what the sender wrote (a forwarder's note and the forwarded original's own text included)
    quoted: str  # quoted replies (possibly other people's words)
    forwarded: Forwarded | None


def fold(text: str) -> str:
    """Lower case without accents ("Kovač" → "kovac"), for accent-insensitive comparisons."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sentence(text: str) -> str:
    """`text` ending in exactly one full stop (names such as "Firma d.o.o." end in one already)."""
    text = text.rstrip()
    return text if text.endswith(".") else text + "."


def domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    domain = address.rsplit("@", 1)[1].strip().strip(">").lower().rstrip(".")
    return domain or None


def split_quoted(text: str) -> tuple[str, str]:
    """(own text, quoted text): everything from the first reply header on, and every `>` line, is quoted."""
    if not text:
        return "", ""
    cut = len(text)
    for pattern in (_WROTE, _ORIGINAL, _OUTLOOK):
        found = pattern.search(text)
        if found is not None:
            cut = min(cut, found.start())
    head, tail = text[:cut], text[cut:]
    own_lines, quoted_lines = [], []
    for line in head.splitlines():
        (quoted_lines if line.lstrip().startswith(">") else own_lines).append(line)
    quoted = "\n".join(quoted_lines) + ("\n" + tail if tail else "")
    return "\n".join(own_lines).strip(), quoted.strip()


def _parse_forward_headers(block: str) -> tuple[str | None, str | None, str | None, str]:
    """From name, from address, subject, and the text after the header lines of a forwarded block."""
    lines = block.splitlines()
    name = addr = subject = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    seen_header = False
    while i < len(lines):
        line = lines[i].lstrip("> ").rstrip()
        match = _HEADER_LINE.match(line)
        if match is None:
            if seen_header and line.strip():
                if lines[i].startswith((" ", "\t")):  # a folded header line
                    i += 1
                    continue
                break
            if seen_header:
                i += 1
                break
            if line.strip():
                break
            i += 1
            continue
        seen_header = True
        key, value = match.group(1).lower(), match.group(2).strip()
        if key in _FROM_KEYS and addr is None:
            value = value.replace("[mailto:", "<").replace("]", ">")
            parsed = getaddresses([value])
            if parsed and "@" in parsed[0][1]:
                name, addr = parsed[0][0].strip() or None, parsed[0][1].strip().lower()
            else:
                found = _ADDR.search(value)
                addr = found.group(0).lower() if found else None
                name = value.split("<")[0].strip().strip('"') or None if found else None
        elif key in _SUBJECT_KEYS and subject is None:
            subject = value or None
        i += 1
    return name, addr, subject, "\n".join(lines[i:])


def split_body(text: str | None) -> BodyParts:
    """The sender's own text, the quoted replies, and the forwarded original when the mail is a forward."""
    text = (text or "").replace("\r\n", "\n")
    forward = _FORWARD.search(text)
    if forward is not None:
        note = text[:forward.start()]
        name, addr, subject, rest = _parse_forward_headers(text[forward.end():])
        note_own, note_quoted = split_quoted(note)
        original_own, original_quoted = split_quoted(rest)
        fwd = Forwarded(from_name=name, from_addr=addr, subject=subject, text=original_own)
        own = "\n\n".join(part for part in (note_own, original_own) if part)
        quoted = "\n\n".join(part for part in (note_quoted, original_quoted) if part)
        return BodyParts(own=own, quoted=quoted, forwarded=fwd)
    own, quoted = split_quoted(text)
    return BodyParts(own=own, quoted=quoted, forwarded=None)


FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|fw|posl|posredovano|wg)\s*:", re.IGNORECASE)


def is_forward_subject(subject: str | None) -> bool:
    return bool(subject and FORWARD_SUBJECT.match(subject))


def split_message(subject: str | None, text: str | None) -> BodyParts:
    """`split_body`, and an Outlook forward ("FW: …" with "-----Original Message-----") read as a forward too."""
    parts = split_body(text)
    if parts.forwarded is None and is_forward_subject(subject):
        body = (text or "").replace("\r\n", "\n")
        marker = _ORIGINAL.search(body) or _OUTLOOK.search(body)
        if marker is not None:
            start = marker.end() if marker.re is _ORIGINAL else marker.start()
            name, addr, fwd_subject, rest = _parse_forward_headers(body[start:])
            note_own, note_quoted = split_quoted(body[:marker.start()])
            original_own, original_quoted = split_quoted(rest)
            own = "\n\n".join(part for part in (note_own, original_own) if part)
            quoted = "\n\n".join(part for part in (note_quoted, original_quoted) if part)
            return BodyParts(own=own, quoted=quoted,
                             forwarded=Forwarded(name, addr, fwd_subject, original_own))
    return parts
