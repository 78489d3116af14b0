"""Core layer: typed helpers for Metakocka catalogue endpoints (asyncio; a mixin of `MetakockaClient`).

Products (`json/product_list` pages of up to 1000 with no total: stop on a short page; CRUD one product per
call), warehouses and stock (`json/warehouse_stock` rows, summed per product × warehouse by `stock_levels`).
The flag `return_warehause_stock` keeps Metakocka's spelling on the wire only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from mkdesk.core.erp import mapping, wire
from mkdesk.core.erp.drafts import ProductDraft
from mkdesk.core.erp.endpoints import CATALOG_LIMIT, CallsApi
from mkdesk.core.erp.errors import MalformedResponse
from mkdesk.core.models import (
    Product,
    ProductWriteResult,
    SearchPage,
    StockLevel,
    StockRow,
    Warehouse,
    sum_stock,
)


def _page_args(limit: int, offset: int) -> dict[str, Any]:
    if limit < 1 or offset < 0:
        raise ValueError("limit must be positive and offset not negative")
    return {"limit": min(limit, CATALOG_LIMIT), "offset": offset}


def _csv(values: Sequence[str] | None) -> str | None:
    return ",".join(values) if values else None


class CatalogApi(CallsApi):
    """Catalogue endpoints. Every method is a coroutine on the client's event loop."""

    # ----- products ------------------------------------------------------------------------------------------

    async def product_list(
        self,
        *,
        limit: int = CATALOG_LIMIT,
        offset: int = 0,
        code: str | None = None,
        count_code: str | None = None,
        title: str | None = None,
        like: bool = False,
        sales: bool | None = None,
        active: bool | None = None,
        eshop_sync: bool | None = None,
        return_pricelist: bool = False,
        return_stock: bool = False,
        return_free_amount: bool = False,
        show_tax_factor: bool = False,
        extra: Mapping[str, Any] | None = None,
    ) -> SearchPage[Product]:
        """One page of products (`total` is None: Metakocka gives only the count in the page)."""
        body: dict[str, Any] = _page_args(limit, offset)
        body.update(
            code=code,
            count_code=count_code,
            title=title,
            sales=sales,
            active=active,
            eshop_sync=eshop_sync,
        )
        if like:
            body["search_with_like"] = True
        if return_pricelist:
            body["return_pricelist"] = True
        if return_stock:
            body["return_warehause_stock"] = True  # sic
        if return_free_amount:
            body["return_free_amount"] = True
        if show_tax_factor:
            body["show_tax_factor"] = True
        body.update(extra or {})
        data = await self.call("product_list", body)
        items = tuple(mapping.product(r) for r in wire.as_list(data.get("product_list"), "product_list"))
        return SearchPage(total=None, items=items, offset=offset)

    async def iter_products(self, *, page_size: int = CATALOG_LIMIT, **filters: Any) -> AsyncIterator[SearchPage[Product]]:
        """Every product page; stops on a short page (there is no total)."""
        async for page in _pages(self.product_list, page_size, filters):
            yield page

    async def all_products(self, **filters: Any) -> list[Product]:
        return [p async for page in self.iter_products(**filters) for p in page.items]

    async def get_product(self, code: str, **flags: Any) -> Product | None:
        """The product with this exact SKU `code`, or None."""
        page = await self.product_list(code=code, **flags)
        return next((p for p in page.items if p.code == code), None)

    async def product_add(self, draft: ProductDraft) -> ProductWriteResult:
        """Create a product (`code`, `name`, `unit` required). Never retried."""
        if not (draft.code and draft.name and draft.unit):
            raise ValueError("a new product needs code, name and unit")
        return _product_result(await self.call("product_add", draft.to_wire()), "product_add")

    async def product_update(self, draft: ProductDraft, *, mk_id: str | None = None) -> ProductWriteResult | None:
        """Change the set fields of a product chosen by `mk_id` (safest) or the draft's `count_code`."""
        body = draft.to_wire()
        if mk_id is not None:
            body["mk_id"] = mk_id
        elif not draft.count_code:
            raise ValueError("name the product by mk_id or count_code")
        data = await self.call("product_update", body)
        return _product_result(data, "product_update") if data.get("mk_id") else None

    async def product_delete(self, *, mk_id: str | None = None, count_code: str | None = None) -> None:
        """Delete a product (fails when it is used on documents)."""
        if (mk_id is None) == (count_code is None):
            raise ValueError("name the product by exactly one of mk_id or count_code")
        await self.call("product_delete", {"mk_id": mk_id} if mk_id else {"count_code": count_code})

    # ----- warehouses and stock ------------------------------------------------------------------------------

    async def warehouse_list(self) -> list[Warehouse]:
        """All warehouses (paged by 1000 like the other catalogue lists)."""
        out: list[Warehouse] = []
        offset = 0
        while True:
            data = await self.call("warehouse_list", _page_args(CATALOG_LIMIT, offset))
            raw = wire.as_list(data.get("warehouse_list"), "warehouse_list")
            out.extend(mapping.warehouse(r) for r in raw)
            if len(raw) < CATALOG_LIMIT:
                return out
            offset += len(raw)

    async def warehouse_stock(
        self,
        *,
        warehouse_ids: Sequence[str] | None = None,
        product_codes: Sequence[str] | None = None,
        product_mk_ids: Sequence[str] | None = None,
        eshop_sync: bool | None = None,
        limit: int = CATALOG_LIMIT,
        offset: int = 0,
    ) -> SearchPage[StockRow]:
        """One page of raw stock rows (several rows per product × warehouse are normal; see `stock_levels`)."""
        body: dict[str, Any] = _page_args(limit, offset)
        body.update(
            wh_id_list=_csv(warehouse_ids),
            product_code_list=_csv(product_codes),
            product_mk_id_list=_csv(product_mk_ids),
            eshop_sync=eshop_sync,
        )
        data = await self.call("warehouse_stock", body)
        rows = tuple(mapping.stock_row(r) for r in wire.as_list(data.get("stock_list"), "stock_list"))
        return SearchPage(total=None, items=rows, offset=offset)

    async def iter_warehouse_stock(self, *, page_size: int = CATALOG_LIMIT, **filters: Any
                                   ) -> AsyncIterator[SearchPage[StockRow]]:
        """Every stock page; stops on a short page."""
        async for page in _pages(self.warehouse_stock, page_size, filters):
            yield page

    async def stock_levels(self, **filters: Any) -> tuple[StockLevel, ...]:
        """Stock per product × warehouse: every row of every page, summed."""
        rows = [row async for page in self.iter_warehouse_stock(**filters) for row in page.items]
        return sum_stock(rows)


async def _pages(fetch: Any, page_size: int, filters: dict[str, Any]) -> AsyncIterator[SearchPage[Any]]:
    """Catalogue paging: pages of at most 1000 until a short page (these calls give no total)."""
    offset = 0
    size = min(filters.pop("limit", page_size), CATALOG_LIMIT)
    while True:
        page = await fetch(limit=size, offset=offset, **filters)
        if page.items:
            yield page
        if len(page.items) < size:
            return
        offset = page.next_offset


def _product_result(data: Mapping[str, Any], endpoint: str) -> ProductWriteResult:
    mk_id = wire.text(data.get("mk_id"), "mk_id")
    if mk_id is None:
        raise MalformedResponse(f"{endpoint} answered without mk_id", endpoint=endpoint)
    return ProductWriteResult(mk_id=mk_id, count_code=wire.text(data.get("count_code"), "count_code"))
