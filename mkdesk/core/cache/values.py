"""Core layer: lossless conversion of domain values to SQLite columns and back, and content hashes (pure; any thread).

Money and quantities are stored as the exact `str()` of their `Decimal` (never float), dates as ISO `YYYY-MM-DD`,
timestamps as ISO text in UTC (so they sort) and read back as aware Europe/Ljubljana datetimes, booleans as 0/1.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

LJUBLJANA = ZoneInfo("Europe/Ljubljana")


def dec(value: Decimal | None) -> str | None:
    """`Decimal` → exact text (`Decimal(text)` gives back the same sign, digits and exponent)."""
    return None if value is None else str(value)


def to_dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def to_day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def ts(value: datetime | None) -> str | None:
    """Aware datetime → ISO text in UTC; a naive one is taken as Ljubljana wall time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=LJUBLJANA)
    return value.astimezone(UTC).isoformat()


def to_ts(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(LJUBLJANA)


def flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def to_flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def content_hash(obj: Any) -> str:
    """A stable hash of a frozen domain record and everything nested in it (its `repr` is exact and ordered)."""
    return hashlib.blake2b(repr(obj).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def json_ids(ids: Iterable[Any]) -> str:
    """A JSON array for `json_each(?)`: one parameter however many ids (no SQLite variable limit)."""
    return json.dumps(list(ids), ensure_ascii=False)


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # built once: dumps() would
# build an encoder per call


def dumps(value: Any) -> str | None:
    """Compact, key-sorted JSON for detail columns (Decimals/dates must already be strings)."""
    return None if value is None else _JSON.encode(value)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def sort_key(text: str | None) -> str:
    """A case-insensitive key that sorts Slovenian letters after their base letter (c < cz < č < d)."""
    if not text:
        return ""
    out = []
    for ch in text.casefold():
        base = unicodedata.normalize("NFD", ch)
        if len(base) > 1 and base[0].isascii():
            out.append(base[0] + "\x7f")
        else:
            out.append(ch)
    return "".join(out)
