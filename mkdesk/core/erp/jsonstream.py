"""Core layer: big JSON answers parsed in pieces, so other threads get the GIL between them (pure, any thread).

`json.loads` of a 43 MB answer (the partners: `partner_list` has no paging) holds the GIL for ~370 ms in one C
call, so the GUI thread cannot run meanwhile. `parse_pieces` gives exactly what `json.loads(text,
parse_float=Decimal, parse_constant=refuse)` gives (the same values, the same `JSONDecodeError` messages and
positions, `RecursionError` when nested too deeply) but walks the outer levels (the answer object and its lists)
in Python with the standard library's own `JSONObject`/`JSONArray` steps, and hands each value below them (one
partner, one document) to the C scanner: thousands of short C calls, between which the interpreter lets another
thread run. The UTF-8 decoding is done in `DECODE_SLICE` pieces too.
"""

from __future__ import annotations

import codecs
import json
import json.decoder
import json.scanner
from collections.abc import Callable
from decimal import Decimal
from typing import Any

#: bytes decoded from UTF-8 per step (a few ms at most)
DECODE_SLICE = 1024 * 1024
#: levels walked in Python: the answer object (1) and the lists and objects it holds (2); deeper values are parsed
#: whole by the C scanner, each one a short call
OUTER_LEVELS = 2

_WS = json.decoder.WHITESPACE.match


def refuse_constant(name: str) -> Any:
    """`parse_constant` that refuses NaN, Infinity and -Infinity."""
    raise ValueError(name)


def decode_utf8(body: bytes, *, slice_size: int = DECODE_SLICE) -> str:
    """UTF-8 bytes → text in slices (`UnicodeDecodeError` as `bytes.decode` would raise it, positions aside)."""
    if len(body) <= slice_size:
        return body.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    view = memoryview(body)
    parts = []
    for start in range(0, len(body), slice_size):
        end = start + slice_size
        parts.append(decoder.decode(view[start:end], end >= len(body)))
    return "".join(parts)


def _scanner(depth: int, c_scan: Callable[..., Any], strict: bool, memo: dict[str, str]) -> Callable[..., Any]:
    """scan_once for values at `depth`: containers of the outer levels in Python, everything else in C."""
    if depth > OUTER_LEVELS:
        return c_scan
    inner = _scanner(depth + 1, c_scan, strict, memo)

    def scan(text: str, idx: int) -> tuple[Any, int]:
        first = text[idx : idx + 1]
        if first == "{":
            return json.decoder.JSONObject((text, idx + 1), strict, inner, None, None, memo)
        if first == "[":
            return json.decoder.JSONArray((text, idx + 1), inner)
        return c_scan(text, idx)

    return scan


def parse_pieces(text: str) -> Any:
    """`json.loads(text, parse_float=Decimal, parse_constant=refuse_constant)`, in short GIL holds."""
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=refuse_constant)
    c_scan = json.scanner.make_scanner(decoder)
    scan = _scanner(1, c_scan, decoder.strict, {})
    idx = _WS(text, 0).end()
    try:
        value, end = scan(text, idx)
    except StopIteration as err:
        raise json.JSONDecodeError("Expecting value", text, err.value) from None
    end = _WS(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value
