"""Emulator wire_in: lenient request values (strings or native), both decimal separators, §2.3 date rules."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from mkdesk.emulator import wire_in
from mkdesk.emulator.model import TZ


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1200.12", "1200.12"), ("19,99", "19.99"), ("1.895,01", "1895.01"), ("1,895.01", "1895.01"), (3, "3"),
     (2.5, "2.5"), ("0,125", "0.125"), ("-2", "-2"), (" 7 ", "7")],
)
def test_decimals_accept_both_separators(raw, expected):
    assert wire_in.as_decimal(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", [None, "", "abc", True, "NaN", "1e999999999"])
def test_decimals_reject_garbage(raw):
    assert wire_in.as_decimal(raw) is None


def test_bools_and_ints_from_strings_or_native():
    assert wire_in.as_bool("true") and wire_in.as_bool(True) and not wire_in.as_bool("false")
    assert wire_in.as_bool(None, default=True)
    assert wire_in.as_int("100") == 100 and wire_in.as_int(100) == 100 and wire_in.as_int("x", 5) == 5


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("25.08.2026", date(2026, 8, 25)), ("15.01.2026", date(2026, 1, 15)), ("2026-08-25+02:00", date(2026, 8, 25)),
     ("2026-01-15+02:00", date(2026, 1, 15))],
)
def test_strict_date_accepts_live_probed_forms(raw, expected):
    assert wire_in.doc_date(raw, strict=True) == expected


@pytest.mark.parametrize(
    "raw", ["2026-08-25", "2026-08-25+00:00", "2026-08-25-04:00", "2026-01-15+01:00", "2026-08-25+0200",
            "2026-08-25T09:52:00+02:00", "31.02.2026", "x"],
)
def test_strict_date_rejects_everything_else(raw):
    assert wire_in.doc_date(raw, strict=True) is None


def test_lenient_date_when_strictness_is_off():
    assert wire_in.doc_date("2026-01-15+01:00", strict=False) == date(2026, 1, 15)
    assert wire_in.doc_date("2026-01-15", strict=False) == date(2026, 1, 15)


def test_timestamps_read_plus_two_as_ljubljana_wall_time():
    assert wire_in.timestamp("2026-03-02T08:00:00+02:00") == datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
    assert wire_in.timestamp("02.03.2026 08:00") == datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
    assert wire_in.timestamp("2026-03-02T08:00:00+01:00") is None


def test_discount_chains_and_rejects_percent_sign():
    assert wire_in.discount("10") == Decimal(10)
    assert wire_in.discount("10;5") == Decimal("14.5")
    assert wire_in.discount(None) == 0
    assert wire_in.discount("10%") is None


def test_lists_and_id_lists():
    assert wire_in.as_list(None) == [] and wire_in.as_list({"a": 1}) == [{"a": 1}]
    assert wire_in.id_list("1,2, 3") == ["1", "2", "3"] and wire_in.id_list(["4", 5]) == ["4", "5"]
