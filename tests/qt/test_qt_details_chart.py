"""Tests for mkdesk.qt.details.chart: bars for each month (negative below the axis), empty state, exact labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mkdesk.qt.details.chart import RevenueChart


def test_bars_and_empty_state(qtbot):
    chart = RevenueChart()
    qtbot.addWidget(chart)
    chart.resize(360, 140)
    assert not chart.grab().isNull()  # empty state paints
    months = [(date(2026, m, 1), Decimal(v)) for m, v in ((1, "100.10"), (2, "0"), (3, "-20"), (4, "300"))]
    chart.set_data(months, "EUR")
    bars = chart._bars()
    assert len(bars) == 4
    tallest = max(bars, key=lambda b: b[0].height())
    assert tallest[2] == Decimal("300")
    negative = next(b for b in bars if b[2] < 0)
    positive = next(b for b in bars if b[2] > 0)
    assert negative[0].top() >= positive[0].bottom() - 0.5  # below the zero line
    assert not chart.grab().isNull()
