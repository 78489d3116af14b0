"""Big answers parsed in pieces: the same values and errors as one `json.loads`, and other threads keep running."""

from __future__ import annotations

import gc
import json
import threading
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdesk.core.erp import jsonstream, wire
from mkdesk.core.erp.errors import MalformedResponse


def one_shot(text: str):
    return json.loads(text, parse_float=Decimal, parse_constant=jsonstream.refuse_constant)


def outcome(fn, text):
    try:
        return ("ok", fn(text))
    except json.JSONDecodeError as exc:
        return ("json", exc.msg, exc.pos)
    except ValueError as exc:
        return ("value", str(exc))
    except RecursionError:
        return ("recursion",)


def partners_body(count: int) -> bytes:
    partners = [
        {
            "mk_id": str(i),
            "customer": f"Podjetje {i} d.o.o. — Šoštanj \"q\" \\ {{x}}",
            "balance": float(f"{i}.{i % 100:02d}"),
            "count": i,
            "active": i % 2 == 0,
            "note": None,
            "contacts": [{"name": "Ana Čuk", "email": f"ana{i}@x.si", "tags": [1, 2.5, {"k": []}]}],
        }
        for i in range(count)
    ]
    return json.dumps({"opr_code": "0", "partners": partners, "tail": "ok"}, default=str, ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def big_body() -> bytes:
    body = partners_body(30_000)
    assert len(body) > 5 * wire.PIECES_FROM
    return body


def test_same_values_as_one_shot(big_body):
    text = big_body.decode()
    got = jsonstream.parse_pieces(text)
    assert got == one_shot(text)
    assert got["partners"][7]["balance"] == Decimal("7.07") and isinstance(got["partners"][7]["balance"], Decimal)
    assert type(got["partners"][7]["count"]) is int and got["tail"] == "ok"


def test_wire_takes_the_piece_path_for_big_bodies_with_the_same_result(big_body):
    assert wire.parse_json(big_body) == one_shot(big_body.decode())


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1.10, "b": [1, 2e3, -0.0], "c": {"d": [{}, []]}, "a": 3}',
        ' \n{"x": "\\ud800 lone", "y": "\\ud83d\\ude00"}\t',
        '{"a": 1} x',
        '{"a": 1}{"b": 2}',
        '{"a": NaN}',
        '{"a": -Infinity}',
        '{"a": [1, 2,]}',
        '{"a": 1,}',
        '{"a" 1}',
        '{a: 1}',
        '{"a": [1 2]}',
        '{"a": "x\ty"}',
        '\ufeff{"a": 1}',
        "",
        "   ",
        "[1, [2, [3]]]",
        '"x"',
        "null",
        '{"a": [',
        '{"a": {"b": [1, {"c": tru',
    ],
)
def test_same_outcome_as_one_shot(text):
    assert outcome(jsonstream.parse_pieces, text) == outcome(one_shot, text)


def test_deep_nesting_is_a_recursion_error_as_before():
    text = '{"a": ' + "[" * 5000 + "]" * 5000 + "}"
    assert outcome(jsonstream.parse_pieces, text) == ("recursion",) == outcome(one_shot, text)
    with pytest.raises(MalformedResponse, match="nested too deeply"):
        wire.parse_json(text.encode() + b" " * wire.PIECES_FROM)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.decimals(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=4), json_values, max_size=4), st.data())
def test_any_document_and_any_cut_of_it_behaves_as_one_shot(doc, data):
    text = json.dumps(doc, default=str)
    assert outcome(jsonstream.parse_pieces, text) == outcome(one_shot, text)
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert outcome(jsonstream.parse_pieces, text[:cut]) == outcome(one_shot, text[:cut])


def test_decode_utf8_in_slices_matches_bytes_decode():
    body = ("Čas je za šolo, 😀 " * 5000).encode()
    for size in (1, 2, 3, 7, 1024):
        assert jsonstream.decode_utf8(body, slice_size=size) == body.decode()
    with pytest.raises(UnicodeDecodeError):
        jsonstream.decode_utf8(body[:-2], slice_size=1024)  # the last emoji cut short
    with pytest.raises(UnicodeDecodeError):
        jsonstream.decode_utf8(b"a" * 5000 + b"\xff" + b"a" * 5000, slice_size=1024)


def test_big_bodies_truncated_or_broken_are_typed_errors(big_body):
    for cut in (len(big_body) // 3, len(big_body) - 1):
        with pytest.raises(MalformedResponse, match="not valid JSON") as info:
            wire.parse_json(big_body[:cut])
        assert info.value.retryable
    broken = big_body.replace(b'"count": 20000,', b'"count": 20000 ', 1)
    with pytest.raises(MalformedResponse, match=r"not valid JSON \(Expecting ',' delimiter\)"):
        wire.parse_json(broken)
    with pytest.raises(MalformedResponse, match="not UTF-8"):
        wire.parse_json(big_body[:-2000] + b"\xc3" + big_body[-2000:])
    with pytest.raises(MalformedResponse, match="invalid constant"):
        wire.parse_json(big_body.replace(b'"count": 20000,', b'"count": NaN,', 1))
    listed = b"[" + big_body + b"]"
    with pytest.raises(MalformedResponse, match="a JSON list, not an object"):
        wire.parse_json(listed)
    with pytest.raises(MalformedResponse, match="empty"):
        wire.parse_json(b" " * (wire.PIECES_FROM + 1))


def longest_pause_of_a_ticker_while(work) -> float:
    """The longest gap between a ticker thread's 1 ms ticks while `work()` runs on this thread."""
    gaps: list[float] = []
    running = threading.Event()
    done = threading.Event()

    def tick() -> None:
        last = time.perf_counter()
        running.set()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    gc.collect()
    gc.disable()  # as in the app (qt/gc_guard.py): no collection pass lands inside the measurement
    ticker = threading.Thread(target=tick)
    ticker.start()
    running.wait()
    time.sleep(0.02)
    try:
        result = work()  # kept until the ticker stops: freeing a big tree is one long hold of its own
    finally:
        done.set()
        ticker.join()
        gc.enable()
    del result
    return max(gaps)


def test_another_thread_keeps_running_while_a_big_answer_is_parsed():
    body = partners_body(80_000)  # ~20 MB
    assert len(body) > 18_000_000
    whole = longest_pause_of_a_ticker_while(lambda: one_shot(body.decode()))
    pieces = longest_pause_of_a_ticker_while(lambda: wire.parse_json(body))
    # one C call holds the GIL for the whole one-shot parse; the piece path hands it over every few ms
    assert pieces < whole / 3, (pieces, whole)
