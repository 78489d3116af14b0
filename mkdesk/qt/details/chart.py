"""Qt layer: `RevenueChart`, the partner's monthly revenue as a QtCharts bar chart (GUI thread only).

One `QBarSeries` over the months given (oldest left), locale month names on the category axis, a value axis whose
tick labels are money in the locale's format (computed from exact `Decimal`s: bar heights are geometry and may be
floats, every number a rep reads is not), the exact amount of a month on hover, colours from the widget's palette
(light or dark, updated when it changes), no animations. Months below zero (credit notes) are drawn in a muted
colour below the axis.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView
from PySide6.QtCore import QEvent, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget

from mkdesk.qt.formatting import decimal_text, money

HEIGHT = 130
TICKS = 3  # value-axis steps above zero


def nice_step(high: Decimal, steps: int = TICKS) -> Decimal:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) so that `steps` of them reach at least `high` (> 0)."""
    raw = high / steps
    exponent = raw.adjusted()
    for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        step = mantissa.scaleb(exponent)
        if step * steps >= high:
            return step
    return Decimal(10).scaleb(exponent)  # pragma: no cover - 10ⁿ⁺¹ always reaches


def axis_ticks(low: Decimal, high: Decimal) -> tuple[Decimal, list[Decimal]]:
    """The value axis for months between `low` and `high`: its minimum and the labelled ticks (round steps from
    zero; a small negative month gets a little room below zero rather than a whole step)."""
    top, bottom = max(high, Decimal(0)), min(low, Decimal(0))
    if top == 0 and bottom == 0:
        return Decimal(0), [Decimal(1)]
    step = nice_step(top if top > 0 else -bottom)
    ups = int((top / step).to_integral_value(rounding=ROUND_CEILING))
    downs = int((-bottom / step).to_integral_value(rounding=ROUND_CEILING))
    ticks = [step * k for k in range(-downs, ups + 1)]
    if top > 0 and downs == 1 and -bottom < step:
        return bottom * Decimal("1.15"), [t for t in ticks if t >= 0]
    return ticks[0], ticks


def tick_text(value: Decimal, currency: str | None) -> str:
    """A round axis amount: the locale's grouping, no decimals unless the step needs them, the currency sign."""
    places = 0 if value == value.to_integral_value() else None
    text = decimal_text(value, places)
    sign = money(Decimal(0), currency).partition("\u00a0")[2] if currency else ""
    return f"{text}\u00a0{sign}" if sign else text


class RevenueChart(QChartView):
    """Revenue per month; `set_data` replaces the months, `bar_values()`/`month_labels()` say what is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(0, 4, 4, 0))
        super().__init__(chart, parent)
        self.months: list[tuple[date, Decimal]] = []
        self.currency: str | None = None
        self.hover_text = ""
        self.bars = QBarSet(self.tr("Revenue"))
        self.series = QBarSeries()
        self.series.setBarWidth(0.7)
        self.series.append(self.bars)
        chart.addSeries(self.series)
        self.axis_x = QBarCategoryAxis()
        self.axis_x.setGridLineVisible(False)
        self.axis_x.setTruncateLabels(False)
        self.axis_y = QCategoryAxis()
        self.axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.bars.hovered.connect(self._hovered)
        self.empty = QLabel(self.tr("No invoiced revenue in this period"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._apply_palette()
        self.set_data([], None)

    # ----- data --------------------------------------------------------------------------------------------------

    def set_data(self, months: list[tuple[date, Decimal]], currency: str | None) -> None:
        """Monthly totals, oldest first (months without revenue as zero)."""
        self.months = list(months)
        self.currency = currency
        self.bars.deselectAllBars()
        if self.bars.count():
            self.bars.remove(0, self.bars.count())
        self.bars.append([float(v) for _, v in self.months])
        for i, (_, value) in enumerate(self.months):
            if value < 0:
                self.bars.selectBar(i)  # "selected" bars take the muted colour: credit notes
        self.axis_x.clear()
        locale = QLocale()
        self.axis_x.append([locale.monthName(m.month, QLocale.FormatType.ShortFormat) for m, _ in self.months])
        values = [v for _, v in self.months]
        minimum, ticks = axis_ticks(min(values, default=Decimal(0)), max(values, default=Decimal(0)))
        for label in list(self.axis_y.categoriesLabels()):
            self.axis_y.remove(label)
        self.axis_y.setStartValue(float(minimum))
        for tick in ticks:
            if tick > minimum:  # a label sits at the end of its band; the axis minimum is where the first begins
                self.axis_y.append(tick_text(tick, currency), float(tick))
        self.axis_y.setRange(float(minimum), float(ticks[-1]))
        empty = not self.months or all(v == 0 for v in values)
        self.empty.setVisible(empty)
        self.series.setVisible(not empty)
        self.axis_x.setVisible(not empty)
        self.axis_y.setVisible(not empty)

    def bar_values(self) -> list[float]:
        return [self.bars.at(i) for i in range(self.bars.count())]

    def month_labels(self) -> list[str]:
        return list(self.axis_x.categories())

    def axis_labels(self) -> list[str]:
        return list(self.axis_y.categoriesLabels())

    # ----- hover -------------------------------------------------------------------------------------------------

    def month_text(self, index: int) -> str:
        month, value = self.months[index]
        return f"{QLocale().standaloneMonthName(month.month)} {month.year}: {money(value, self.currency)}"

    def _hovered(self, status: bool, index: int) -> None:
        if status and 0 <= index < len(self.months):
            self.hover_text = self.month_text(index)
            QToolTip.showText(QCursor.pos(), self.hover_text, self)
        else:
            self.hover_text = ""
            QToolTip.hideText()

    # ----- looks -------------------------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(110)
        chart = self.chart()
        chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
        chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        chart.setPlotAreaBackgroundVisible(False)
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        for axis in (self.axis_x, self.axis_y):
            axis.setLabelsFont(small)
            axis.setLabelsColor(muted)
            axis.setLinePen(QPen(grid))
            axis.setGridLinePen(QPen(grid, 1, Qt.PenStyle.DotLine))
        self.axis_x.setLabelsColor(text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        self.bars.setColor(highlight)
        self.bars.setPen(QPen(Qt.PenStyle.NoPen))
        self.bars.setSelectedColor(palette.color(QPalette.ColorRole.Mid))
        self.empty.setStyleSheet("color: palette(placeholder-text);")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.FontChange):
            self._apply_palette()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self.empty.setGeometry(self.rect())
