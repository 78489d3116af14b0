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


def chunked(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)] or [b""]


def test_chunks_give_the_same_values_as_one_shot(big_body):
    text = big_body.decode()
    got = jsonstream.parse_chunks(chunked(big_body, 65_536))
    assert got == one_shot(text)
    assert got["partners"][7]["balance"] == Decimal("7.07") and isinstance(got["partners"][7]["balance"], Decimal)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=4), json_values, max_size=4) | st.lists(json_values, max_size=4),
       st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=12), st.data())
def test_any_document_cut_into_any_chunks_and_slices_behaves_as_one_shot(doc, chunk, slice_size, data):
    text = json.dumps(doc, default=str, ensure_ascii=data.draw(st.booleans()), indent=data.draw(st.sampled_from(
        [None, 1])))
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    for variant in (text, text[:cut], text + data.draw(st.sampled_from([" ", "x", ",", "]", "}", " 1"]))):
        body = variant.encode()
        assert outcome(lambda t: jsonstream.parse_chunks(chunked(body, chunk), slice_size=slice_size), variant) == \
            outcome(one_shot, variant)


def test_a_value_bigger_than_the_window_chases_goes_the_exact_way(monkeypatch):
    monkeypatch.setattr(jsonstream, "MAX_VALUE", 50)
    doc = {"a": [{"long": "ž" * 500, "n": 1.5}, {"nested": [[["deep"] * 40]]}], "b": "x" * 300}
    body = json.dumps(doc, ensure_ascii=False).encode()
    assert jsonstream.parse_chunks(chunked(body, 7), slice_size=16) == one_shot(body.decode())
    with pytest.raises(json.JSONDecodeError, match="Unterminated string") as info:
        jsonstream.parse_chunks(chunked(body[:-20], 7), slice_size=16)
    with pytest.raises(json.JSONDecodeError) as exact:
        one_shot(body[:-20].decode())
    assert info.value.pos == exact.value.pos


def test_chunks_that_are_not_utf8_or_start_with_a_bom_fail_as_one_shot():
    with pytest.raises(UnicodeDecodeError):
        jsonstream.parse_chunks([b'{"a": "\xc3', b'x"}'])
    with pytest.raises(json.JSONDecodeError, match="BOM"):
        jsonstream.parse_chunks(['\ufeff{"a": 1}'.encode()])


def test_decode_utf8_in_slices_matches_bytes_decode():
    body = ("Čas je za šolo, 😀 " * 5000).encode()
    for size in (1, 2, 3, 7, 1024):
        assert jsonstream.decode_utf8(body, slice_size=size) == body.decode()
    with pytest.raises(UnicodeDecodeError):
        jsonstream.decode_utf8(body[:-2], slice_size=1024)  # the last emoji cut short
    with pytest.raises(UnicodeDecodeError):
        jsonstream.decode_utf8(b"a" * 5000 + b"\xff" + b"a" * 5000, slice_size=1024)


@pytest.mark.parametrize("as_chunks", [False, True], ids=["bytes", "chunks"])
def test_big_bodies_truncated_or_broken_are_typed_errors(big_body, as_chunks):
    def parse(body: bytes):
        return wire.parse_json(chunked(body, 65_536) if as_chunks else body)

    for cut in (len(big_body) // 3, len(big_body) - 1):
        with pytest.raises(MalformedResponse, match="not valid JSON") as info:
            parse(big_body[:cut])
        assert info.value.retryable
    broken = big_body.replace(b'"count": 20000,', b'"count": 20000 ', 1)
    with pytest.raises(MalformedResponse, match=r"not valid JSON \(Expecting ',' delimiter\)"):
        parse(broken)
    with pytest.raises(MalformedResponse, match="not UTF-8"):
        parse(big_body[:-2000] + b"\xc3" + big_body[-2000:])
    with pytest.raises(MalformedResponse, match="invalid constant"):
        parse(big_body.replace(b'"count": 20000,', b'"count": NaN,', 1))
    listed = b"[" + big_body + b"]"
    with pytest.raises(MalformedResponse, match="a JSON list, not an object"):
        parse(listed)
    with pytest.raises(MalformedResponse, match="empty"):
        parse(b" " * (wire.PIECES_FROM + 1))
    assert parse(big_body) == one_shot(big_body.decode())


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
    chunks = longest_pause_of_a_ticker_while(lambda: wire.parse_json(chunked(body, 65_536)))
    # one C call holds the GIL for the whole one-shot parse; the piece paths hand it over every few ms
    assert pieces < whole / 3, (pieces, whole)
    assert chunks < whole / 3, (chunks, whole)
