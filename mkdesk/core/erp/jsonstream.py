"""Core layer: big JSON answers parsed in pieces, so other threads get the GIL between them (pure, any thread).

`json.loads` of a 43 MB answer (the partners: `partner_list` has no paging) holds the GIL for ~370 ms in one C
call, so the GUI thread cannot run meanwhile. `parse_pieces` gives exactly what `json.loads(text,
parse_float=Decimal, parse_constant=refuse)` gives (the same values, the same `JSONDecodeError` messages and
positions, `RecursionError` when nested too deeply) but walks the outer levels (the answer object and its lists)
in Python with the standard library's own `JSONObject`/`JSONArray` steps, and hands each value below them (one
partner, one document) to the C scanner: thousands of short C calls, between which the interpreter lets another
thread run. The UTF-8 decoding is done in `DECODE_SLICE` pieces too.

`parse_chunks` goes one step further for an answer that arrived in chunks: it never builds the whole text (joining
43 MB of slices into one `str` is itself one ~40 ms hold, more when the memory is fresh). It decodes a slice at a
time and walks the outer levels over a window of text that moves along; a value cut by the window's end is scanned
again once the next slice is there. Anything it does not accept — an error, or a single value bigger than
`MAX_VALUE` characters — goes the exact way instead (`parse_pieces` over the whole text), so results and errors are
still exactly those of `json.loads`.
"""

from __future__ import annotations

import codecs
import json
import json.decoder
import json.scanner
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

#: bytes decoded from UTF-8 per step (a few ms at most)
DECODE_SLICE = 1024 * 1024
#: a value longer than this (characters) that the window has not yet seen whole is left to the exact way
MAX_VALUE = 4 * 1024 * 1024
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


class _NotHere(Exception):
    """What the windowed walk does not accept (an error, or a value too big to chase): the exact way decides."""


def _decoded(chunks: Sequence[bytes], slice_size: int) -> Iterator[str]:
    """UTF-8 text of `chunks`, `slice_size` bytes or so at a time (`UnicodeDecodeError` when it is not UTF-8)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    group: list[bytes] = []
    grouped = 0
    for chunk in chunks:
        view = memoryview(chunk)
        for start in range(0, len(view), slice_size):
            piece = view[start : start + slice_size]
            group.append(bytes(piece) if len(view) > slice_size else chunk)
            grouped += len(piece)
            if grouped >= slice_size:
                yield decoder.decode(b"".join(group))
                group, grouped = [], 0
    yield decoder.decode(b"".join(group), True)


class _Walker:
    """The outer levels over a moving window of text: `text[i:]` is what is not consumed yet."""

    def __init__(self, slices: Iterator[str], c_scan: Callable[..., Any], strict: bool) -> None:
        self._slices = slices
        self._c_scan = c_scan
        self._strict = strict
        self.text = ""
        self.i = 0
        self._done = False

    def _more(self) -> bool:
        """Drop what was consumed and append the next slice; False at the end of the text."""
        if self._done:
            return False
        following = next(self._slices, None)
        if following is None:
            self._done = True
            return False
        self.text = self.text[self.i :] + following
        self.i = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the text), `i` moved onto it."""
        while True:
            self.i = _WS(self.text, self.i).end()
            if self.i < len(self.text):
                return self.text[self.i]
            if not self._more():
                return ""

    def _scan(self, scan: Callable[[str, int], tuple[Any, int]]) -> Any:
        while True:
            try:
                value, end = scan(self.text, self.i)
            except (StopIteration, ValueError):  # JSONDecodeError is a ValueError
                if len(self.text) - self.i > MAX_VALUE or not self._more():
                    raise _NotHere from None
                continue
            if end >= len(self.text) and not self._done:  # a number may go on in the next slice
                if len(self.text) - self.i > MAX_VALUE:
                    raise _NotHere
                if self._more():
                    continue
            self.i = end
            return value

    def _key(self, text: str, idx: int) -> tuple[str, int]:
        return json.decoder.scanstring(text, idx, self._strict)

    def value(self, depth: int) -> Any:
        first = self.peek()
        if depth <= OUTER_LEVELS and first == "{":
            self.i += 1
            return self._object(depth)
        if depth <= OUTER_LEVELS and first == "[":
            self.i += 1
            return self._array(depth)
        if not first:
            raise _NotHere
        return self._scan(self._c_scan)

    def _object(self, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        following = self.peek()
        if following == "}":
            self.i += 1
            return out
        while True:
            if following != '"':
                raise _NotHere
            self.i += 1
            key = self._scan(self._key)
            if self.peek() != ":":
                raise _NotHere
            self.i += 1
            out[key] = self.value(depth + 1)
            following = self.peek()
            self.i += 1
            if following == "}":
                return out
            if following != ",":
                raise _NotHere
            following = self.peek()

    def _array(self, depth: int) -> list[Any]:
        out: list[Any] = []
        if self.peek() == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value(depth + 1))
            following = self.peek()
            self.i += 1
            if following == "]":
                return out
            if following != ",":
                raise _NotHere


def parse_chunks(chunks: Sequence[bytes], *, slice_size: int = DECODE_SLICE) -> Any:
    """`json.loads(b"".join(chunks).decode("utf-8"), parse_float=Decimal, parse_constant=refuse_constant)`,
    without ever holding the whole text, in short GIL holds (`UnicodeDecodeError` when it is not UTF-8)."""
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=refuse_constant)
    walker = _Walker(_decoded(chunks, slice_size), json.scanner.make_scanner(decoder), decoder.strict)
    try:
        if walker.peek() == "\ufeff":
            raise _NotHere
        value = walker.value(1)
        if walker.peek():
            raise _NotHere
        return value
    except (_NotHere, UnicodeDecodeError, RecursionError):
        pass
    del walker
    return parse_pieces(decode_utf8(b"".join(chunks), slice_size=slice_size))
