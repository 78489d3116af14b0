"""Qt layer: `RevenueChart`, a small monthly bar chart painted with QPainter (GUI thread; no chart library needed).

Bars are geometry, so their heights may be floats; every number a rep reads (axis maximum, tooltips) is formatted
from the exact `Decimal`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mkdesk.qt.formatting import money


class RevenueChart(QWidget):
    """Revenue per month (oldest left); negative months (credit notes) draw below the axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[date, Decimal]] = []
        self.currency: str | None = None
        self.setFixedHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 110)

    def set_data(self, months: list[tuple[date, Decimal]], currency: str | None) -> None:
        """Monthly totals, oldest first (missing months are drawn empty)."""
        self.months = list(months)
        self.currency = currency
        self.update()

    def _bars(self) -> list[tuple[QRectF, date, Decimal]]:
        if not self.months:
            return []
        top_pad, bottom_pad, side = 18.0, 18.0, 6.0
        width = max(1.0, self.width() - 2 * side)
        height = max(1.0, self.height() - top_pad - bottom_pad)
        high = max((v for _, v in self.months), default=Decimal(0))
        low = min((v for _, v in self.months), default=Decimal(0))
        span = float(max(high, Decimal(0)) - min(low, Decimal(0))) or 1.0
        zero_y = top_pad + height * float(max(high, Decimal(0))) / span
        slot = width / len(self.months)
        out = []
        for i, (month, value) in enumerate(self.months):
            h = height * float(value) / span
            x = side + i * slot + slot * 0.15
            rect = QRectF(x, zero_y - max(h, 0.0), slot * 0.7, abs(h))
            out.append((rect, month, value))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self.months or all(v == 0 for _, v in self.months):
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No invoiced revenue in this period"))
            return
        bars = self._bars()
        high = max(v for _, v in self.months)
        painter.setPen(muted)
        painter.drawText(QRectF(6, 0, self.width() - 12, 16), Qt.AlignmentFlag.AlignRight,
                         self.tr("max {amount}").format(amount=money(high, self.currency)))
        locale = QLocale()
        for rect, month, value in bars:
            color = palette.color(QPalette.ColorRole.Highlight)
            if value < 0:
                color = palette.color(QPalette.ColorRole.Mid)
            painter.fillRect(rect, color)
            if month.month in (1, 4, 7, 10) or len(bars) <= 6:
                label = locale.monthName(month.month, QLocale.FormatType.NarrowFormat if len(bars) > 12
                                         else QLocale.FormatType.ShortFormat)
                painter.setPen(muted)
                painter.drawText(QPointF(rect.left(), self.height() - 4), label)
        painter.end()

    def event(self, event) -> bool:  # noqa: ANN001
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            for rect, month, value in self._bars():
                if rect.left() - 2 <= event.pos().x() <= rect.right() + 2:
                    name = f"{QLocale().monthName(month.month)} {month.year}"
                    QToolTip.showText(event.globalPos(), f"{name}: {money(value, self.currency)}", self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)
