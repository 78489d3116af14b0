"""Tests for value conversion: exact Decimal text, dates, UTC timestamps back in Ljubljana time, hashes, sort keys."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from mkdesk.core.cache import values as V
from tests.core.cache_data import document, partner


@pytest.mark.parametrize("text", ["1895.01", "-0.0000000001", "0", "-0", "1.2300", "1E+3", "123456789012345.6789"])
def test_decimal_round_trip_is_exact(text: str):
    value = Decimal(text)
    back = V.to_dec(V.dec(value))
    assert back == value and str(back) == str(value) and back.as_tuple() == value.as_tuple()


def test_none_passes_through():
    for to, back in ((V.dec, V.to_dec), (V.day, V.to_day), (V.ts, V.to_ts), (V.flag, V.to_flag)):
        assert to(None) is None and back(None) is None


def test_dates_and_timestamps():
    assert V.to_day(V.day(date(2026, 2, 28))) == date(2026, 2, 28)
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=V.LJUBLJANA)
    stored = V.ts(summer)
    assert stored == "2026-07-01T08:00:00+00:00"
    back = V.to_ts(stored)
    assert back == summer and back.utcoffset() == timedelta(hours=2)
    assert V.ts(datetime(2026, 1, 1, 12, 0)) == "2026-01-01T11:00:00+00:00"  # naive = Ljubljana wall time
    assert V.ts(datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)) == "2026-01-01T12:00:00+00:00"
    assert V.to_flag(V.flag(True)) is True and V.flag(False) == 0


def test_content_hash_is_stable_and_sensitive():
    assert V.content_hash(partner(1)) == V.content_hash(partner(1))
    assert V.content_hash(partner(1)) != V.content_hash(partner(2))
    a = document(1, sum_paid=Decimal("1.0"))
    assert V.content_hash(a) != V.content_hash(document(1, sum_paid=Decimal("1.00")))  # exact text differs
    assert len(V.content_hash(a)) == 32


def test_sort_key_puts_slovenian_letters_after_their_base():
    names = ["Dolenc", "Čeh", "Cvetko", "cankar", "Šuštar", "Sever", "Žagar", "Zupan", ""]
    assert sorted(names, key=V.sort_key) == ["", "cankar", "Cvetko", "Čeh", "Dolenc", "Sever", "Šuštar", "Zupan",
                                             "Žagar"]


def test_json_helpers():
    assert V.json_ids(["a", "č"]) == '["a", "č"]'
    assert V.loads(V.dumps({"b": 1, "a": [1, "x"]})) == {"a": [1, "x"], "b": 1}
    assert V.dumps({"b": 1, "a": 2}) == '{"a":2,"b":1}'
