"""Tests for mkdesk.qt.details.chart: a QtCharts bar series with one bar per month (credit-note months muted, below
zero), locale month names, money tick labels from exact Decimals, the exact amount on hover, the empty state, colours
that follow the palette, and no animations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCharts import QBarSeries, QChart
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette

from mkdesk.qt.details.chart import RevenueChart, axis_ticks, nice_step, tick_text

VALUES = ("100.10", "0", "-20", "300", "0", "0", "1962.82", "0", "5", "0", "0", "40")


def _chart(qtbot) -> RevenueChart:
    chart = RevenueChart()
    qtbot.addWidget(chart)
    chart.resize(420, 150)
    chart.show()
    return chart


def test_one_bar_per_month_with_locale_labels(qtbot):
    chart = _chart(qtbot)
    months = [(date(2025, m, 1), Decimal(v)) for m, v in zip(range(1, 13), VALUES)]
    chart.set_data(months, "EUR")
    assert isinstance(chart.series, QBarSeries) and chart.chart().series() == [chart.series]
    assert chart.bar_values() == [float(v) for v in VALUES]
    assert chart.month_labels() == [QLocale().monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]
    assert chart.axis_labels() == ["0\u00a0€", "1,000\u00a0€", "2,000\u00a0€"]
    assert chart.axis_y.min() < 0 <= chart.axis_y.min() + 30  # a little room for the credit note, not a whole step
    assert chart.bars.selectedBars() == [2]  # the negative month takes the muted colour
    assert chart.chart().animationOptions() == QChart.AnimationOption.NoAnimation
    assert not chart.empty.isVisible() and not chart.grab().isNull()
    chart.set_data(months[:6], "EUR")  # fewer months: replaced, not appended
    assert len(chart.bar_values()) == 6 and chart.bars.selectedBars() == [2]
    assert chart.axis_labels() == ["0\u00a0€", "100\u00a0€", "200\u00a0€", "300\u00a0€"]


def test_hover_shows_the_exact_amount(qtbot):
    chart = _chart(qtbot)
    chart.set_data([(date(2026, 1, 1), Decimal("0")), (date(2026, 2, 1), Decimal("1234.5"))], "EUR")
    chart.bars.hovered.emit(True, 1)
    month = QLocale().standaloneMonthName(2)
    assert chart.hover_text == f"{month} 2026: 1,234.50\u00a0€"
    chart.bars.hovered.emit(False, 1)
    assert chart.hover_text == ""


def test_empty_state(qtbot):
    chart = _chart(qtbot)
    assert chart.empty.isVisible() and not chart.series.isVisible()
    chart.set_data([(date(2026, m, 1), Decimal(0)) for m in range(1, 13)], "EUR")
    assert chart.empty.isVisible() and chart.empty.text() == "No invoiced revenue in this period"
    assert chart.bar_values() == [0.0] * 12 and not chart.grab().isNull()


def test_colours_follow_the_palette(qtbot):
    chart = _chart(qtbot)
    chart.set_data([(date(2026, 1, 1), Decimal(5))], None)
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    chart.setPalette(dark)
    assert chart.bars.color() == QColor("#8ab4f8")
    assert chart.chart().backgroundBrush().color() == QColor("#202124")
    assert chart.axis_x.labelsBrush().color() == QColor("#e8eaed")
    assert chart.axis_labels() == ["2", "4", "6"]  # no currency: plain amounts


def test_ticks_are_round_and_exact():
    assert nice_step(Decimal("1962.82")) == Decimal("1000")
    assert nice_step(Decimal("320")) == Decimal("200")
    assert axis_ticks(Decimal(0), Decimal("1962.82")) == (0, [0, 1000, 2000])
    assert axis_ticks(Decimal(-900), Decimal(1000)) == (-1000, [-1000, -500, 0, 500, 1000])
    assert axis_ticks(Decimal(-500), Decimal(0)) == (-600, [-600, -400, -200, 0])
    assert axis_ticks(Decimal("0.4"), Decimal("0.9")) == (0, [0, Decimal("0.5"), 1])
    assert tick_text(Decimal("2.0E+3"), "EUR") == "2,000\u00a0€" and tick_text(Decimal("0.5"), None) == "0.5"
