"""Core layer: read-only queries over the cached catalogue and stock — pages, counts, search, detail (reader threads).

Every function takes the connection `Database.read` hands it and returns frozen dataclasses. Stock comes from the
summed `stock` table (product × warehouse); "low" means free stock below the product's `min_stock`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.decode import product_from_rows, warehouse_from_row
from mkdesk.core.cache.fts import fts_query, ranked_matches
from mkdesk.core.cache.query import check_page, children, marks, one, rows, scalar
from mkdesk.core.cache.values import to_dec, to_flag, to_ts
from mkdesk.core.models import ZERO, Product, Warehouse

# bm25 weights of products_fts columns: code, name, barcode
_WEIGHTS = "10.0, 4.0, 8.0"
_COLUMNS = ("id", "mk_id", "code", "count_code", "name", "sort_name", "barcode", "unit", "active", "min_stock")
_SELECT = ", ".join(f"p.{c}" for c in _COLUMNS)


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One line of the products table with its stock summed over warehouses (None: no stock cached)."""

    mk_id: str
    code: str | None
    count_code: str | None
    name: str | None
    barcode: str | None
    unit: str | None
    active: bool | None
    min_stock: Decimal | None
    amount: Decimal | None
    reserved_amount: Decimal | None
    free_amount: Decimal | None
    row_id: int
    sort_key: str

    @property
    def is_low(self) -> bool:
        return self.min_stock is not None and (self.free_amount or ZERO) < self.min_stock


@dataclass(frozen=True, slots=True)
class WarehouseStock:
    warehouse_id: str
    warehouse_mark: str | None
    warehouse_name: str | None
    amount: Decimal
    reserved_amount: Decimal
    free_amount: Decimal


@dataclass(frozen=True, slots=True)
class ProductDetail:
    """A product as the API returned it (prices, categories) with cached stock per warehouse and its totals."""

    product: Product
    stock: tuple[WarehouseStock, ...]
    amount: Decimal
    reserved_amount: Decimal
    free_amount: Decimal
    fetched_at: datetime | None

    @property
    def is_low(self) -> bool:
        return self.product.min_stock is not None and self.free_amount < self.product.min_stock


def _stock_of(conn: Connection, mk_ids: list[str]) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Exact per-product sums (Decimal, in Python: SQLite would add floats)."""
    totals: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    if not mk_ids:
        return totals
    for s in rows(conn, f"SELECT product_mk_id, amount, reserved_amount, free_amount FROM stock "
                        f"WHERE product_mk_id IN ({marks(mk_ids)})", mk_ids):
        a, r, f = totals.get(s["product_mk_id"], (ZERO, ZERO, ZERO))
        totals[s["product_mk_id"]] = (a + Decimal(s["amount"]), r + Decimal(s["reserved_amount"]),
                                      f + Decimal(s["free_amount"]))
    return totals


def _rows(conn: Connection, found: list[dict[str, Any]]) -> tuple[ProductRow, ...]:
    stock = _stock_of(conn, [r["mk_id"] for r in found])
    out = []
    for r in found:
        a, res, f = stock.get(r["mk_id"], (None, None, None))
        out.append(ProductRow(mk_id=r["mk_id"], code=r["code"], count_code=r["count_code"], name=r["name"],
                              barcode=r["barcode"], unit=r["unit"], active=to_flag(r["active"]),
                              min_stock=to_dec(r["min_stock"]), amount=a, reserved_amount=res, free_amount=f,
                              row_id=r["id"], sort_key=r["sort_name"]))
    return tuple(out)


#: products whose free stock summed over warehouses is positive (`in_stock=True`), as the table rows show it
_IN_STOCK = ("(SELECT sum(CAST(s.free_amount AS REAL)) FROM stock s WHERE s.product_mk_id = p.mk_id) > 0")


def count_products(conn: Connection, text: str | None = None, *, in_stock: bool = False) -> int:
    if in_stock and (text is None or not text.strip()):
        return scalar(conn, f"SELECT count(*) FROM products p WHERE {_IN_STOCK}")
    if text is None or not text.strip():
        return scalar(conn, "SELECT count(*) FROM products")
    query = fts_query(text)
    return 0 if query is None else scalar(conn, "SELECT count(*) FROM products_fts WHERE products_fts MATCH ?",
                                          (query,))


#: table columns a page can be ordered by (`list_products(order=…)`) → their SQL
SORT_COLUMNS = {"name": "p.sort_name", "code": "p.code", "barcode": "p.barcode", "unit": "p.unit"}


def list_products(conn: Connection, *, limit: int = 100, offset: int = 0, after: ProductRow | None = None,
                  order: str | None = None, descending: bool = False, in_stock: bool = False
                  ) -> tuple[ProductRow, ...]:
    """A page of products by name: `offset` rows in, or the rows right after `after` (keyset). `order` (a key of
    `SORT_COLUMNS`) and `descending` sort by another column instead, `in_stock` keeps products with free stock
    (both with offset paging; ties by row)."""
    check_page(limit, offset)
    if order is not None or descending or in_stock:
        direction = " DESC" if descending else ""
        column = SORT_COLUMNS[order or "name"]
        where = f" WHERE {_IN_STOCK}" if in_stock else ""
        sql = (f"SELECT {_SELECT} FROM products p{where} ORDER BY {column}{direction}, p.id{direction} "
               f"LIMIT ? OFFSET ?")
        return _rows(conn, rows(conn, sql, (limit, offset)))
    if after is not None:
        sql = f"SELECT {_SELECT} FROM products p WHERE (p.sort_name, p.id) > (?, ?) ORDER BY p.sort_name, p.id LIMIT ?"
        return _rows(conn, rows(conn, sql, (after.sort_key, after.row_id, limit)))
    sql = f"SELECT {_SELECT} FROM products p ORDER BY p.sort_name, p.id LIMIT ? OFFSET ?"
    return _rows(conn, rows(conn, sql, (limit, offset)))


def search_products(conn: Connection, text: str, limit: int = 20) -> tuple[ProductRow, ...]:
    """Best matches by code, name or barcode (accent-insensitive prefixes; any text is safe). An exact code or
    barcode comes first."""
    check_page(limit, 0)
    query = fts_query(text)
    if query is None:
        return ()
    exact = text.strip()
    sql = (f"SELECT {_SELECT} FROM {ranked_matches('products_fts', _WEIGHTS)} m JOIN products p ON p.id = m.rid "
           f"ORDER BY (p.code = ? COLLATE NOCASE OR p.barcode = ?) DESC, m.score, p.sort_name LIMIT ?")
    return _rows(conn, rows(conn, sql, (query, exact, exact, limit)))


def products_by_codes(conn: Connection, codes: list[str]) -> tuple[ProductRow, ...]:
    """Products whose code (SKU) is one of `codes`, case-insensitive (for codes found in an email)."""
    if not codes:
        return ()
    sql = f"SELECT {_SELECT} FROM products p WHERE p.code COLLATE NOCASE IN ({marks(codes)}) ORDER BY p.code"
    return _rows(conn, rows(conn, sql, codes))


def low_stock(conn: Connection, limit: int = 100) -> tuple[ProductRow, ...]:
    """Active products whose free stock is below their minimum, by name. SQLite picks candidates with float sums
    (and a margin); the exact Decimal comparison decides."""
    check_page(limit, 0)
    candidates = rows(conn, f"SELECT {_SELECT} FROM products p LEFT JOIN (SELECT product_mk_id, "
                            f"sum(CAST(free_amount AS REAL)) AS free FROM stock GROUP BY product_mk_id) s "
                            f"ON s.product_mk_id = p.mk_id WHERE p.min_stock IS NOT NULL AND coalesce(p.active, 1) = 1 "
                            f"AND coalesce(s.free, 0) < CAST(p.min_stock AS REAL) + 1e-6 ORDER BY p.sort_name, p.id")
    out: list[ProductRow] = []
    for start in range(0, len(candidates), 500):
        out += [r for r in _rows(conn, candidates[start:start + 500]) if r.is_low]
        if len(out) >= limit:
            break
    return tuple(out[:limit])


def get_product(conn: Connection, mk_id: str) -> Product | None:
    found = _load(conn, mk_id)
    return None if found is None else found[0]


def _load(conn: Connection, mk_id: str) -> tuple[Product, dict[str, Any]] | None:
    p = one(conn, "SELECT * FROM products WHERE mk_id = ?", (mk_id,))
    if p is None:
        return None
    categories = [c["name"] for c in children(conn, "product_categories", "product_id", p["id"])]
    return product_from_rows(p, children(conn, "prices", "product_id", p["id"]), categories), p


def product_detail(conn: Connection, mk_id: str) -> ProductDetail | None:
    """The product with its prices and categories, and its stock per warehouse (warehouse order: main first)."""
    found = _load(conn, mk_id)
    if found is None:
        return None
    product, row = found
    per_warehouse = tuple(
        WarehouseStock(warehouse_id=s["warehouse_id"], warehouse_mark=s["mark"], warehouse_name=s["name"],
                       amount=Decimal(s["amount"]), reserved_amount=Decimal(s["reserved_amount"]),
                       free_amount=Decimal(s["free_amount"]))
        for s in rows(conn, "SELECT s.warehouse_id, s.amount, s.reserved_amount, s.free_amount, w.mark, w.name "
                            "FROM stock s LEFT JOIN warehouses w ON w.mk_id = s.warehouse_id "
                            "WHERE s.product_mk_id = ? ORDER BY coalesce(w.main, 0) DESC, w.mark, s.warehouse_id",
                      (mk_id,))
    )
    return ProductDetail(
        product=product, stock=per_warehouse,
        amount=sum((s.amount for s in per_warehouse), ZERO),
        reserved_amount=sum((s.reserved_amount for s in per_warehouse), ZERO),
        free_amount=sum((s.free_amount for s in per_warehouse), ZERO),
        fetched_at=to_ts(row["fetched_at"]),
    )


def list_warehouses(conn: Connection) -> tuple[Warehouse, ...]:
    """Every cached warehouse, main first, then by mark."""
    return tuple(warehouse_from_row(w) for w in rows(
        conn, "SELECT * FROM warehouses ORDER BY coalesce(main, 0) DESC, mark, mk_id"))
