"""Emulator layer: reading request values the lenient way the real API does (strings or native JSON values).

Requests may carry numbers and booleans as JSON strings or as native values; decimals may use a dot or a comma
(with both present the last one is the decimal separator). Date rules follow `metakocka-api.md` §2.3.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from mkdesk.emulator.model import TZ

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_PLUS2 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\+02:00$")
_ISO_ANY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[+-]\d{2}:?\d{2}|Z|T.*)?$")
_TS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(\+02:00)?$")
_DMY_TS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$")


def text(value: Any) -> str | None:
    """A request value as a stripped string; None and "" both mean "not given"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    result = str(value).strip()
    return result or None


def as_bool(value: Any, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "da")


def as_int(value: Any, default: int | None = None) -> int | None:
    raw = text(value)
    if raw is None:
        return default
    try:
        return int(Decimal(raw.replace(",", ".")))
    except (InvalidOperation, ValueError):
        return default


MAX_NUMBER = Decimal(10) ** 15  # larger values are "in wrong form" (and would overflow 28-digit arithmetic)


def as_decimal(value: Any) -> Decimal | None:
    """Parse "1200.12", "19,99", "1.895,01", "1,895.01" or a native number; None when absent or invalid."""
    result = _as_decimal(value)
    if result is None or not result.is_finite() or abs(result) >= MAX_NUMBER:
        return None
    return result


def _as_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raw = str(value).strip().replace(" ", "")
    if not raw:
        return None
    dot, comma = raw.rfind("."), raw.rfind(",")
    if dot >= 0 and comma >= 0:
        if comma > dot:
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif comma >= 0:
        raw = raw.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", raw):
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None


def as_list(value: Any) -> list[Any]:
    """A list-valued request field: absent → [], a single object → [object]."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [value]


def id_list(value: Any) -> list[str]:
    """Ids sent as a JSON array or as a comma-separated string."""
    result: list[str] = []
    for item in as_list(value):
        if isinstance(item, dict):
            item = item.get("mk_id")
        for part in str(item).split(","):
            if part.strip():
                result.append(part.strip())
    return result


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def strict_date(value: Any) -> date | None:
    """`dd.mm.yyyy` or `YYYY-MM-DD+02:00` (literal offset, all year); anything else → None."""
    raw = text(value)
    if raw is None:
        return None
    if m := _DMY.match(raw):
        return _safe_date(m.group(3), m.group(2), m.group(1))
    if m := _ISO_PLUS2.match(raw):
        return _safe_date(*m.groups())
    return None


def lenient_date(value: Any) -> date | None:
    """Any of the date shapes seen on the wire (used where the real API was not probed)."""
    raw = text(value)
    if raw is None:
        return None
    found = strict_date(raw)
    if found is not None:
        return found
    if m := _ISO_ANY.match(raw):
        return _safe_date(*m.groups()[:3])
    return None


def doc_date(value: Any, strict: bool) -> date | None:
    """`put_document.doc_date`: strict = live-probed rules, otherwise any ISO date with or without offset."""
    return strict_date(value) if strict else lenient_date(value)


def timestamp(value: Any) -> datetime | None:
    """Timestamp filters: `YYYY-MM-DDTHH:MM:SS+02:00` (the +02:00 is read as Ljubljana wall time, like the
    emulator writes it), also without offset, or `dd.mm.yyyy[ HH:MM[:SS]]`. Other offsets → None."""
    raw = text(value)
    if raw is None:
        return None
    parts: tuple[str | None, ...]
    if m := _TS.match(raw):
        y, mo, d, h, mi, s, _ = m.groups()
        parts = (y, mo, d, h, mi, s)
    elif m := _DMY_TS.match(raw):
        d, mo, y, h, mi, s = m.groups()
        parts = (y, mo, d, h, mi, s)
    elif m := _ISO_PLUS2.match(raw):
        parts = (*m.groups(), "0", "0", "0")
    else:
        return None
    y, mo, d, h, mi, s = (int(p) if p else 0 for p in parts)
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=TZ)
    except ValueError:
        return None


def discount(value: Any) -> Decimal | None:
    """Line discount in percent; a chain "10;5" compounds. Invalid ("10%") → None; absent → 0."""
    raw = text(value)
    if raw is None:
        return Decimal(0)
    remaining = Decimal(1)
    for part in raw.split(";"):
        if not re.fullmatch(r"-?\d+(?:[.,]\d+)?", part.strip()):
            return None
        pct = as_decimal(part.strip())
        if pct is None:
            return None
        remaining *= 1 - pct / 100
    return (1 - remaining) * 100
