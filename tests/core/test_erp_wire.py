"""Tests for mkdesk.core.erp.wire: decoding and encoding Metakocka wire values (property tests included)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdesk.core.erp import wire
from mkdesk.core.erp.errors import MalformedResponse, WireFormatError

TZ = wire.TZ

# ----- numbers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("24.8", "24.8"),
        ("171,31", "171.31"),
        ("1.895,01", "1895.01"),
        ("4.0000000000", "4"),
        ("1,234.56", "1234.56"),
        ("863,75", "863.75"),
        ("-2", "-2"),
        ("0,125", "0.125"),
        ("1.234.567", "1234567"),
        ("12.345.678,9", "12345678.9"),
        (" 7,3 ", "7.3"),
        ("+5", "5"),
        (12, "12"),
        (Decimal("3.50"), "3.5"),
    ],
)
def test_decimal_formats(raw, expected):
    value = wire.decimal(raw)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


def test_decimal_keeps_scale():
    assert str(wire.decimal("4.0000000000")) == "4.0000000000"


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_decimal_absent_is_none(raw):
    assert wire.decimal(raw) is None


@pytest.mark.parametrize(
    "raw",
    ["abc", "1.2.3", "12.", "12,", ".5", ",5", "1,2.3", "1.23,4.5", "1e5", "NaN", "Infinity", "1 234", "--1",
     "1.2345,6", "12,34,56", "١٢", "0x10", True, [], {}, "1..2", "1,,2"],
)
def test_decimal_garbage_is_typed_error(raw):
    with pytest.raises(WireFormatError):
        wire.decimal(raw, "price")


def test_decimal_error_names_field():
    with pytest.raises(WireFormatError) as caught:
        wire.decimal("x1", "sum_all")
    assert caught.value.field == "sum_all"
    assert "sum_all" in str(caught.value)


decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None, min_value=-10**12, max_value=10**12)


def _plain(d: Decimal) -> str:
    return format(d, "f")


def _grouped(int_part: str, sep: str) -> str:
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    return sep.join(groups)


def _split(d: Decimal) -> tuple[str, str, str]:
    text = _plain(d)
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    int_part, _, frac = text.partition(".")
    return sign, int_part, frac


@given(decimals)
def test_dot_decimal_round_trips(d):
    assert wire.decimal(_plain(d)) == d


@given(decimals)
def test_comma_decimal_round_trips(d):
    assert wire.decimal(_plain(d).replace(".", ",")) == d


@given(
    st.integers(min_value=1000, max_value=10**15),
    st.text(alphabet="0123456789", min_size=1, max_size=8),
    st.sampled_from(["", "-"]),
    st.sampled_from([(".", ","), (",", ".")]),
)
def test_thousands_grouping_round_trips(int_value, frac, sign, seps):
    thousands, dec = seps  # both separators present: the last one is the decimal one ("1.895,01", "1,234.56")
    text = sign + _grouped(str(int_value), thousands) + dec + frac
    assert wire.decimal(text) == Decimal(f"{sign}{int_value}.{frac}")


@given(st.integers(min_value=10**6, max_value=10**15), st.sampled_from([".", ","]))
def test_thousands_only_round_trips(int_value, sep):
    # two or more separators of one kind are thousands separators
    assert wire.decimal(_grouped(str(int_value), sep)) == int_value


@given(decimals)
def test_encode_decimal_round_trips(d):
    encoded = wire.encode_decimal(d)
    assert "E" not in encoded and "," not in encoded
    assert wire.decimal(encoded) == d


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes_and_never_guesses(s):
    try:
        value = wire.decimal(s)
    except WireFormatError:
        return
    if value is None:
        assert s.strip() == ""
        return
    # anything accepted is made only of digits, one sign and separators, and keeps every digit in order
    stripped = s.strip()
    digits = "".join(ch for ch in stripped if ch.isdigit())
    assert set(stripped) <= set("0123456789.,+-")
    assert digits.lstrip("0") == "".join(ch for ch in _plain(abs(value)) if ch.isdigit()).lstrip("0") or value == 0


@given(decimals, st.integers(min_value=1, max_value=10))
def test_truncated_numbers_are_errors_or_prefix_values(d, cut):
    text = _plain(d)
    truncated = text[:-cut] if cut < len(text) else ""
    try:
        value = wire.decimal(truncated)
    except WireFormatError:
        return
    # a truncated number that still parses is exactly what the shorter text says, never some other number
    if value is not None:
        assert value == Decimal(truncated)


def _outcome(fn, value):
    try:
        result = fn(value, None)
    except WireFormatError:
        return "error"
    return (result, str(result))


@given(st.text(alphabet="0123456789.,+- ", max_size=12) | st.from_regex(r"-?\d{1,6}(\.\d{1,5})?", fullmatch=True))
def test_number_fast_path_reads_what_the_general_decoder_reads(s):
    assert _outcome(wire.decimal, s) == _outcome(wire._decimal, s)
    assert _outcome(wire.decimal, s) == _outcome(wire.decimal, s)  # a remembered value is the same value


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)) | st.none(), st.text(max_size=4))
def test_date_fast_path_reads_what_the_general_decoder_reads(d, tail):
    for raw in ([d.isoformat() + "+02:00", d.isoformat() + tail, f"{d.day}.{d.month}.{d.year}{tail}"] if d else [tail]):
        assert _outcome(wire.wire_date, raw) == _outcome(wire._wire_date, raw)
        assert _outcome(wire.wire_date, raw) == _outcome(wire.wire_date, raw)


def test_timestamp_fast_path_leaves_impossible_times_to_the_general_decoder():
    with pytest.raises(WireFormatError):
        wire.timestamp("2026-03-02T25:00:00+02:00")
    assert wire.timestamp("2026-03-02T08:14:09+02:00") == wire.timestamp("2026-03-02 08:14:09")


# ----- integers and booleans ---------------------------------------------------------------------------------------


def test_integer():
    assert wire.integer("12") == 12
    assert wire.integer(7) == 7
    assert wire.integer("3.0") == 3
    assert wire.integer(None) is None
    with pytest.raises(WireFormatError):
        wire.integer("1.5")
    with pytest.raises(WireFormatError):
        wire.integer("many")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("false", False), ("TRUE", True), (True, True),
                                               (False, False), ("1", True), ("0", False), (None, None), ("", None)])
def test_boolean(raw, expected):
    assert wire.boolean(raw) is expected


@pytest.mark.parametrize("raw", ["yes please", "2", 3, [], "tru"])
def test_boolean_garbage(raw):
    with pytest.raises(WireFormatError):
        wire.boolean(raw)


def test_text():
    assert wire.text("a") == "a"
    assert wire.text("") is None
    assert wire.text(None) is None
    assert wire.text(5) == "5"
    with pytest.raises(WireFormatError):
        wire.text({"a": 1})


# ----- lists -------------------------------------------------------------------------------------------------------


@given(st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=4))
def test_as_list_wraps_single_object(d):
    assert wire.as_list(d) == [d]


@given(st.lists(st.dictionaries(st.text(max_size=3), st.integers(), max_size=3), max_size=5))
def test_as_list_keeps_lists(items):
    result = wire.as_list(items)
    assert result == items
    assert wire.as_list(result) == items  # idempotent


def test_as_list_absent():
    assert wire.as_list(None) == []
    assert wire.as_list("") == []
    with pytest.raises(WireFormatError):
        wire.as_list("x")
    with pytest.raises(WireFormatError):
        wire.as_list(5)


# ----- dates and timestamps ----------------------------------------------------------------------------------------


def test_wire_date_forms():
    assert wire.wire_date("2026-03-02+02:00") == date(2026, 3, 2)
    assert wire.wire_date("2018-12-27+02:00") == date(2018, 12, 27)  # the offset is a literal, ignored
    assert wire.wire_date("2026-03-02") == date(2026, 3, 2)
    assert wire.wire_date("02.03.2026") == date(2026, 3, 2)
    assert wire.wire_date("2.3.2026") == date(2026, 3, 2)
    assert wire.wire_date(None) is None
    assert wire.wire_date("") is None


@pytest.mark.parametrize("raw", ["2026-02-30+02:00", "32.01.2026", "2026/03/02", "yesterday", "2026-3-2", 20260302,
                                 "02.03.26"])
def test_wire_date_garbage(raw):
    with pytest.raises(WireFormatError):
        wire.wire_date(raw)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip_in_every_form(d):
    assert wire.wire_date(wire.encode_doc_date(d)) == d
    assert wire.wire_date(wire.encode_iso_date(d)) == d
    assert wire.wire_date(d.isoformat() + "+02:00") == d
    assert wire.wire_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d


def test_encode_doc_date_uses_ljubljana_calendar():
    # 23:30 UTC on 1 March is already 2 March in Ljubljana
    late = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)
    assert wire.encode_doc_date(late) == "02.03.2026"
    assert wire.encode_doc_date(date(2026, 1, 5)) == "05.01.2026"
    assert wire.encode_iso_date(date(2026, 1, 5)) == "2026-01-05+02:00"


def test_timestamp_plus_two_is_ljubljana_wall_time():
    # +02:00 is a literal on Metakocka (§2.3): in winter it still means the Ljubljana clock time
    ts = wire.timestamp("2026-03-02T08:14:09+02:00")
    assert ts is not None and ts.tzinfo is not None
    assert (ts.hour, ts.minute, ts.second) == (8, 14, 9)
    assert ts.utcoffset() == timedelta(hours=1)  # 2 March is winter time
    summer = wire.timestamp("2026-07-02T08:14:09+02:00")
    assert summer == datetime(2026, 7, 2, 6, 14, 9, tzinfo=timezone.utc)  # summer: both readings agree
    assert wire.timestamp("2026-03-02T08:14:09+0200") == ts


def test_timestamp_other_offsets_are_honoured():
    assert wire.timestamp("2026-03-02T08:14:09+01:00") == datetime(2026, 3, 2, 7, 14, 9, tzinfo=timezone.utc)
    assert wire.timestamp("2026-03-02T08:14:09Z") == datetime(2026, 3, 2, 8, 14, 9, tzinfo=timezone.utc)
    assert wire.timestamp("2026-03-02T08:14:09Z").tzinfo is TZ
    naive = wire.timestamp("2026-07-02 08:14:09")
    assert naive.tzinfo is TZ and naive.hour == 8
    assert wire.timestamp(None) is None


def test_encode_timestamp_writes_ljubljana_wall_time():
    assert wire.encode_timestamp(datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)) == "2026-03-02T08:00:00+02:00"
    assert wire.encode_timestamp(datetime(2026, 7, 2, 6, 0, tzinfo=timezone.utc)) == "2026-07-02T08:00:00+02:00"


@pytest.mark.parametrize("raw", ["2026-03-02", "08:14", "2026-03-02T25:00:00+02:00", "soon", 5])
def test_timestamp_garbage(raw):
    with pytest.raises(WireFormatError):
        wire.timestamp(raw)


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)))
def test_timestamp_encoding_round_trips(dt):
    dt = dt.replace(microsecond=0)
    encoded = wire.encode_timestamp(dt)
    assert encoded.endswith("+02:00") and "T" in encoded and len(encoded) == 25
    back = wire.timestamp(encoded)
    local = dt.astimezone(TZ)
    assert back.replace(tzinfo=None) == local.replace(tzinfo=None)  # same Ljubljana clock time
    if not local.fold and local.replace(fold=1).utcoffset() == local.utcoffset():
        assert back == dt  # the same instant, except in the repeated autumn hour


# ----- JSON bodies -------------------------------------------------------------------------------------------------


def test_parse_json_uses_decimal():
    data = wire.parse_json(b'{"a": 1.10, "b": 2, "c": "x"}')
    assert data["a"] == Decimal("1.10") and isinstance(data["a"], Decimal)
    assert data["b"] == 2


@pytest.mark.parametrize("body", [b"", b"   ", b'{"opr_code": "0", "result": [', b"<html>", b"[1, 2]", b'"x"',
                                  b"\xff\xfe", b'{"a": NaN}', b"null"])
def test_parse_json_malformed(body):
    with pytest.raises(MalformedResponse):
        wire.parse_json(body)


@given(st.dictionaries(st.text(max_size=6), st.text(max_size=6), min_size=1, max_size=5), st.data())
def test_truncated_json_is_always_a_typed_error(d, data):
    body = json.dumps(d).encode()
    cut = data.draw(st.integers(min_value=1, max_value=len(body) - 1))
    with pytest.raises(MalformedResponse):
        wire.parse_json(body[:cut])


# ----- encoding requests -------------------------------------------------------------------------------------------


def test_encode_body_strings_on_the_wire():
    body = wire.encode({
        "limit": 100,
        "flag": True,
        "off": False,
        "price": Decimal("1E+3"),
        "doc_date": date(2026, 3, 2),
        "from": datetime(2026, 3, 2, 8, 0, tzinfo=TZ),
        "skip": None,
        "nested": [{"amount": Decimal("2.50"), "none": None}],
    })
    assert body == {
        "limit": "100",
        "flag": "true",
        "off": "false",
        "price": "1000",
        "doc_date": "02.03.2026",
        "from": "2026-03-02T08:00:00+02:00",
        "nested": [{"amount": "2.50"}],
    }


def test_encode_rejects_floats_and_objects():
    with pytest.raises(TypeError):
        wire.encode({"x": 1.5})
    with pytest.raises(TypeError):
        wire.encode({"x": object()})
