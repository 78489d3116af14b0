"""Qt layer: the Products tab — products by code, name or barcode, in-stock and low-stock filters, free/reserved
stock, with stock per warehouse and prices beside the table. GUI thread only; rows arrive through the bridge."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QWidget

from mkdesk.qt.details.product import ProductPane
from mkdesk.qt.formatting import decimal_text
from mkdesk.qt.models.paged_table import RIGHT, Column
from mkdesk.qt.models.sources import ProductFilter, ProductSource
from mkdesk.qt.plurals import counted
from mkdesk.qt.tabs.browse import BrowseTab

LOW_BRUSH = QBrush(QColor("#b3261e"))


def _low(row: Any) -> QBrush | None:
    return LOW_BRUSH if row.is_low else None


class ProductsTab(BrowseTab):
    ENTITIES = ("products", "stock", "warehouses")

    def __init__(self, bridge: Any, db: Any, parent: QWidget | None = None) -> None:
        columns = [
            Column("code", self.tr("Code"), lambda r: r.code or "", sort="code", width=16),
            Column("name", self.tr("Name"), lambda r: r.name or "", sort="name", width=34),
            Column("free", self.tr("Free"), lambda r: ("⚠ " if r.is_low else "") + decimal_text(r.free_amount),
                   RIGHT, width=9),
            Column("reserved", self.tr("Reserved"), lambda r: decimal_text(r.reserved_amount), RIGHT, width=9),
            Column("amount", self.tr("In stock"), lambda r: decimal_text(r.amount), RIGHT, width=9),
            Column("unit", self.tr("Unit"), lambda r: r.unit or "", sort="unit", width=6),
            Column("barcode", self.tr("Barcode"), lambda r: r.barcode or "", sort="barcode", width=15),
        ]
        super().__init__(bridge, db, ProductSource(), columns, ProductPane(bridge, db), parent, row_brush=_low)
        self.in_stock = QCheckBox(self.tr("In stock"))
        self.in_stock.setToolTip(self.tr("Only products with free stock in some warehouse"))
        self.low = QCheckBox(self.tr("Low stock"))
        self.low.setToolTip(self.tr("Only products whose free stock is below their minimum"))
        for box in (self.in_stock, self.low):
            box.toggled.connect(self.apply_query)
            self.filter_bar.addWidget(box)
        self.setTabOrder(self.search, self.in_stock)
        self.setTabOrder(self.in_stock, self.low)
        self.setTabOrder(self.low, self.table)
        self.splitter.setSizes([700, 460])

    def current_filter(self) -> ProductFilter:
        return ProductFilter(in_stock=self.in_stock.isChecked(), low=self.low.isChecked())

    def default_filter(self) -> ProductFilter:
        return ProductFilter()

    def search_placeholder(self) -> str:
        return self.tr("Search products: code, name, barcode…  (Ctrl+F)")

    def noun(self, n: int) -> str:
        return counted(self.tr("%Ln product(s)", "", n), n)

    def empty_text(self, searching: bool) -> str:
        if searching:
            return self.tr("No product matches the search and filters.")
        return self.tr("No products in the cache yet. They appear after the first sync.")
