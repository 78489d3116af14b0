"""Core layer: the one place that decodes and encodes Metakocka wire values (pure functions, any thread).

Metakocka sends almost everything as strings: dot *and* comma decimals (`"24.8"`, `"171,31"`, `"1.895,01"`),
`YYYY-MM-DD+02:00` dates, `dd.mm.yyyy` dates, `YYYY-MM-DDTHH:MM:SS+02:00` timestamps, `"true"`/`"false"`, and a
list with one element as a bare object (`metakocka-api.md` §2). Decoders return `None` for absent/empty values
and raise `WireFormatError` (a `MalformedResponse`) for garbage; they never guess and never use floats.
Encoders produce what requests should carry: strings, dot decimals, `dd.mm.yyyy` document dates taken from the
Europe/Ljubljana calendar, and `+02:00` timestamps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from mkdesk.core.erp import jsonstream
from mkdesk.core.erp.errors import MalformedResponse, WireFormatError

TZ = ZoneInfo("Europe/Ljubljana")

_NUMBER = re.compile(r"^([+-]?)(\d[\d.,]*)$", re.ASCII)
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T +\-Z])", re.ASCII)
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", re.ASCII)
_TS = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?$", re.ASCII)

# Fast paths for the forms Metakocka sends almost always (sync decodes ~100 values per document; these cut the
# decoding of a medium company's recorded pages from 2.1 s to 1.7 s). Each accepts only text that the general
# decoder would read to the very same value, and leaves everything else to it.
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)  # "24.8", "-3": exactly what Decimal() reads the same
_LITERAL_TS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+02:00", re.ASCII)  # Ljubljana wall time
#: wire text → value for plain numbers and dates: quantities, common prices and document dates repeat on every
#: page, and a dict hit costs a tenth of a parse. `Decimal` and `date` are immutable, so sharing them is safe;
#: the memo is emptied when it reaches `_MEMO_MAX` entries (bounded memory on any company).
_NUMBERS: dict[str, Decimal] = {}
_DATES: dict[str, date] = {}
_MEMO_MAX = 20_000


def _bad(kind: str, value: Any, field: str | None) -> WireFormatError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    where = f" in {field}" if field else ""
    return WireFormatError(f"not a valid {kind}{where}: {shown}", field=field)


def _absent(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _remember(memo: dict[str, Any], key: str, value: Any) -> Any:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = value
    return value


# ----- numbers ---------------------------------------------------------------------------------------------------


def _grouped(digits: str, sep: str) -> bool:
    return bool(_GROUPED.match(digits.replace(sep, "X")))


def decimal(value: Any, field: str | None = None) -> Decimal | None:
    """A wire number → `Decimal` (None when absent). Both separators; the last of `.`/`,` is the decimal one."""
    if value is None:
        return None
    if value.__class__ is str:
        found = _NUMBERS.get(value)
        if found is not None:
            return found
        if _PLAIN_NUMBER.fullmatch(value):
            return _remember(_NUMBERS, value, Decimal(value))
    return _decimal(value, field)


def _decimal(value: Any, field: str | None) -> Decimal | None:
    """`decimal` for every form but the plain dot-decimal one."""
    if _absent(value):
        return None
    if isinstance(value, bool):
        raise _bad("number", value, field)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _bad("number", value, field)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # only if a caller hands us a parsed float; JSON is parsed with Decimal
        if value != value or value in (float("inf"), float("-inf")):
            raise _bad("number", value, field)
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise _bad("number", value, field)
    match = _NUMBER.match(value.strip())
    if not match:
        raise _bad("number", value, field)
    sign, body = match.groups()
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        dec_sep = "." if last_dot > last_comma else ","
        thousands = "," if dec_sep == "." else "."
        int_part, _, frac = body.rpartition(dec_sep)
        if thousands not in int_part or not _grouped(int_part, thousands):
            raise _bad("number", value, field)
        int_part = int_part.replace(thousands, "")
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        if body.count(sep) == 1:
            int_part, _, frac = body.partition(sep)
        elif _grouped(body, sep):  # "1.234.567": thousands separators only
            int_part, frac = body.replace(sep, ""), ""
        else:
            raise _bad("number", value, field)
    else:
        int_part, frac = body, ""
    if not int_part.isdigit() or (frac and not frac.isdigit()) or body.endswith((".", ",")):
        raise _bad("number", value, field)
    try:
        return Decimal(f"{sign}{int_part}.{frac}" if frac else f"{sign}{int_part}")
    except InvalidOperation:  # pragma: no cover - the regexes admit only digits
        raise _bad("number", value, field) from None


def integer(value: Any, field: str | None = None) -> int | None:
    """A wire integer (`"12"`, 12) → int (None when absent); `"1.5"` is an error, `"3.0"` is 3."""
    if _absent(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = decimal(value, field)
    assert number is not None
    if number != number.to_integral_value():
        raise _bad("whole number", value, field)
    return int(number)


def boolean(value: Any, field: str | None = None) -> bool | None:
    """`"true"`/`"false"` (any case), native booleans, `"1"`/`"0"` → bool; None when absent."""
    if _absent(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
    raise _bad("boolean", value, field)


def text(value: Any, field: str | None = None) -> str | None:
    """A wire string (None when absent or empty); numbers sent natively become their string form."""
    if value is None:
        return None
    if isinstance(value, str):
        return None if not value or value.isspace() else value  # blank ⇔ strip() leaves nothing
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    raise _bad("text", value, field)


# ----- dates -----------------------------------------------------------------------------------------------------


def wire_date(value: Any, field: str | None = None) -> date | None:
    """`YYYY-MM-DD+02:00` (first 10 chars; the offset is ignored), `YYYY-MM-DD`, `dd.mm.yyyy` → `date`."""
    if value is None:
        return None
    if value.__class__ is str:
        found = _DATES.get(value)
        if found is not None:
            return found
        parsed = _wire_date(value, field)
        return None if parsed is None else _remember(_DATES, value, parsed)
    return _wire_date(value, field)


def _wire_date(value: Any, field: str | None) -> date | None:
    if _absent(value):
        return None
    if isinstance(value, datetime):
        return value.astimezone(TZ).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise _bad("date", value, field)
    raw = value.strip()
    try:
        if (m := _ISO_DATE.match(raw)) is not None:
            return date(int(m[1]), int(m[2]), int(m[3]))
        if (m := _DOTTED_DATE.match(raw)) is not None:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        pass
    raise _bad("date", value, field)


def timestamp(value: Any, field: str | None = None) -> datetime | None:
    """`YYYY-MM-DDTHH:MM:SS+02:00` → aware `datetime` in Europe/Ljubljana.

    Metakocka writes `+02:00` all year (§2.3: "effectively a literal"), so a `+02:00` timestamp is read as
    Ljubljana wall-clock time (in summer that is the same instant either way; in winter the literal reading is
    the one that keeps the clock time the user saw). Any other offset is honoured; no offset = wall time."""
    if value is None:
        return None
    if value.__class__ is str and _LITERAL_TS.fullmatch(value):
        try:
            return datetime.fromisoformat(value[:19]).replace(tzinfo=TZ)
        except ValueError:  # e.g. hour 25: the general path below raises the typed error
            pass
    if _absent(value):
        return None
    if isinstance(value, datetime):
        return value.astimezone(TZ) if value.tzinfo else value.replace(tzinfo=TZ)
    if not isinstance(value, str):
        raise _bad("timestamp", value, field)
    raw = value.strip()
    m = _TS.match(raw)
    if m is None:
        raise _bad("timestamp", value, field)
    offset = m[3]
    if offset and offset != "Z" and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    if offset == "+02:00":
        offset = None  # the literal offset: Ljubljana wall time
    try:
        parsed = datetime.fromisoformat(f"{m[1]}T{m[2]}{'+00:00' if offset == 'Z' else offset or ''}")
    except ValueError:
        raise _bad("timestamp", value, field) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=TZ)
    return parsed.astimezone(TZ)


# ----- shapes ----------------------------------------------------------------------------------------------------


def as_list(value: Any, field: str | None = None) -> list[Any]:
    """A list-typed field: absent → [], a bare object (one element, §2.4) → [object], a list → the list."""
    if _absent(value):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    raise _bad("list", value, field)


def obj(value: Any, field: str | None = None) -> dict[str, Any] | None:
    """An object-typed field (None when absent); anything but an object is an error."""
    if _absent(value):
        return None
    if isinstance(value, dict):
        return value
    raise _bad("object", value, field)


#: bodies from this size on are decoded and parsed in pieces (`jsonstream`), so other threads run meanwhile
PIECES_FROM = 1024 * 1024


def parse_json(body: bytes | str | Sequence[bytes]) -> dict[str, Any]:
    """A response body (or its chunks) → dict; numbers become `Decimal`/int, never floats. Truncated or invalid →
    MalformedResponse.

    Bodies of `PIECES_FROM` characters or more are decoded and parsed in short steps that let other threads run
    (`jsonstream`), with exactly the same results and errors; given as chunks, the whole text is never built."""
    if not isinstance(body, bytes | str):
        chunks = list(body)
        size = sum(len(chunk) for chunk in chunks)
        if size < PIECES_FROM:
            return parse_json(b"".join(chunks))
        if all(not chunk or chunk.isspace() for chunk in chunks):
            raise MalformedResponse("the answer is empty", retryable=True)
        return _checked(lambda: jsonstream.parse_chunks(chunks))
    big = len(body) >= PIECES_FROM
    if isinstance(body, bytes):
        try:
            body = jsonstream.decode_utf8(body) if big else body.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedResponse("the answer is not UTF-8 text", retryable=True) from None
    if not body or body.isspace():
        raise MalformedResponse("the answer is empty", retryable=True)
    text = body
    if big:
        return _checked(lambda: jsonstream.parse_pieces(text))
    return _checked(lambda: json.loads(text, parse_float=Decimal, parse_constant=_reject_constant))


def _checked(parse: Callable[[], Any]) -> dict[str, Any]:
    """`parse()`'s answer as an object, its failures as `MalformedResponse`."""
    try:
        data = parse()
    except UnicodeDecodeError:
        raise MalformedResponse("the answer is not UTF-8 text", retryable=True) from None
    except (json.JSONDecodeError, ValueError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "invalid constant"
        raise MalformedResponse(f"the answer is not valid JSON ({reason})", retryable=True) from None
    except RecursionError:
        raise MalformedResponse("the answer is nested too deeply", retryable=False) from None
    if not isinstance(data, dict):
        raise MalformedResponse(f"the answer is a JSON {type(data).__name__}, not an object", retryable=False)
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


# ----- encoders --------------------------------------------------------------------------------------------------


def encode_decimal(value: Decimal | int | str) -> str:
    """A number for a request: a dot-decimal string without exponent (`Decimal("1E+3")` → `"1000"`)."""
    if isinstance(value, str):
        parsed = decimal(value)
        if parsed is None:
            raise ValueError("empty number")
        value = parsed
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"not a number: {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("not a finite number")
    return format(number, "f")


def encode_doc_date(value: date | datetime) -> str:
    """A document date for a request: `dd.mm.yyyy` of the Europe/Ljubljana calendar date."""
    if isinstance(value, datetime):
        value = value.astimezone(TZ).date() if value.tzinfo else value.date()
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def encode_iso_date(value: date | datetime) -> str:
    """A date in the read form `YYYY-MM-DD+02:00` (the Ljubljana calendar date with the literal offset)."""
    if isinstance(value, datetime):
        value = value.astimezone(TZ).date() if value.tzinfo else value.date()
    return f"{value.isoformat()}+02:00"


def encode_timestamp(value: datetime) -> str:
    """A timestamp filter (`last_change_from/to`): Ljubljana wall-clock time with the literal `+02:00` (§2.3)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=TZ)
    return value.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S+02:00")


def encode_bool(value: bool) -> str:
    return "true" if value else "false"


def encode(value: Any) -> Any:
    """A request body value → JSON with strings on the wire: Decimal/int → dot string, bool → "true"/"false",
    date → dd.mm.yyyy, datetime → +02:00 timestamp; None values are dropped from objects."""
    if isinstance(value, bool):
        return encode_bool(value)
    if isinstance(value, (Decimal, int)):
        return encode_decimal(value)
    if isinstance(value, datetime):
        return encode_timestamp(value)
    if isinstance(value, date):
        return encode_doc_date(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value if v is not None]
    raise TypeError(f"cannot send a {type(value).__name__} to Metakocka")
