"""Qt layer: the product detail pane — stock per warehouse (amount / reserved / free), prices, low-stock marker.

GUI thread only; the product is read on a database reader thread (`ProductPane.load`, through the bridge).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mkdesk.core.cache import repo_products
from mkdesk.core.cache.state import load_sync_state
from mkdesk.qt.details.pane import DetailPane, esc, facts, table
from mkdesk.qt.formatting import ago, date_text, decimal_text, money, quantity


@dataclass(frozen=True, slots=True)
class ProductFacts:
    detail: repo_products.ProductDetail
    synced: datetime | None


class ProductPane(DetailPane):
    """One product: what is in stock where, and what it costs."""

    def placeholder(self) -> str:
        return self.tr("Select a product to see its stock per warehouse and its prices.")

    @staticmethod
    def load(conn: Any, mk_id: str) -> ProductFacts | None:
        detail = repo_products.product_detail(conn, mk_id)
        if detail is None:
            return None
        state = load_sync_state(conn, "stock")
        return ProductFacts(detail, state.last_success if state else None)

    def render(self, result: ProductFacts) -> None:
        d = result.detail
        p = d.product
        unit = p.unit
        self.title.setText(p.name or p.code or p.mk_id)
        self.subtitle.setText(self.tr("Code {code} · stock synced {ago}").format(code=p.code or "—",
                                                                                ago=ago(result.synced)))
        free = esc(quantity(d.free_amount, unit))
        if d.is_low:
            free = f'<span class="warn">{free} · {esc(self.tr("low stock (minimum {n})").format(n=quantity(p.min_stock, unit)))}</span>'
        parts = [facts([
            (self.tr("Free"), free),
            (self.tr("In stock"), esc(quantity(d.amount, unit))),
            (self.tr("Reserved"), esc(quantity(d.reserved_amount, unit))),
            (self.tr("Barcode"), esc(p.barcode)),
            (self.tr("Categories"), esc(", ".join(p.categories))),
            (self.tr("Description"), esc(p.name_desc)),
            (self.tr("Service"), esc(self.tr("yes")) if p.service else ""),
            (self.tr("Inactive"), esc(self.tr("yes")) if p.active is False else ""),
        ])]
        if d.stock:
            parts.append(f"<h3>{esc(self.tr('Stock per warehouse'))}</h3>")
            rows = [(s.warehouse_name or s.warehouse_mark or s.warehouse_id, decimal_text(s.amount),
                     decimal_text(s.reserved_amount), decimal_text(s.free_amount)) for s in d.stock]
            rows.append((self.tr("Total"), decimal_text(d.amount), decimal_text(d.reserved_amount),
                         decimal_text(d.free_amount)))
            parts.append(table([self.tr("Warehouse"), self.tr("Amount"), self.tr("Reserved"), self.tr("Free")],
                               rows, right=(1, 2, 3)))
        elif not p.service:
            parts.append(f'<p class="muted">{esc(self.tr("No stock of this product in any warehouse."))}</p>')
        prices = [e for e in p.prices if e.is_sales]
        if prices:
            parts.append(f"<h3>{esc(self.tr('Prices'))}</h3>")
            rows = [(e.title or e.pricelist_code or "", money(e.price, e.currency), money(e.price_with_tax, e.currency),
                     (decimal_text(e.discount) + " %") if e.discount else "",
                     " – ".join(x for x in (date_text(e.valid_from), date_text(e.valid_to)) if x))
                    for e in prices]
            parts.append(table([self.tr("Pricelist"), self.tr("Net"), self.tr("With tax"), self.tr("Discount"),
                                self.tr("Valid")], rows, right=(1, 2, 3)))
        self.set_body(parts)
