"""Emulator layer: `json/warehouse_list` and `json/warehouse_stock` handlers (pages of at most 1000 rows).

Stock rows are product × warehouse × microlocation, so one product can have several rows (some negative) in
the same warehouse; amounts use a decimal comma; `reserved_amount`/`free_amount` are always returned (the
company uses reservations). Open sales orders raise `reserved_amount` (see `mkdesk.emulator.docs.reserve`).
"""

from __future__ import annotations

from typing import Any

from mkdesk.emulator import wire_in, wire_out
from mkdesk.emulator.envelope import Ctx

PAGE_MAX = 1000


def _page(body: dict[str, Any]) -> tuple[int, int]:
    limit = max(1, min(wire_in.as_int(body.get("limit"), PAGE_MAX) or PAGE_MAX, PAGE_MAX))
    offset = max(wire_in.as_int(body.get("offset"), 0) or 0, 0)
    return limit, offset


def warehouse_list(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    limit, offset = _page(body)
    page = list(ctx.store.warehouses.values())[offset : offset + limit]
    return wire_out.clean(
        {
            "offset": str(offset),
            "limit": str(limit),
            "warehouse_list_count": str(len(page)),
            "warehouse_list": [wire_out.warehouse(w) for w in page],
        }
    )


def warehouse_stock(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    limit, offset = _page(body)
    warehouses = set(wire_in.id_list(body.get("wh_id_list")))
    codes = set(wire_in.id_list(body.get("product_code_list")))
    product_ids = set(wire_in.id_list(body.get("product_mk_id_list")))
    eshop = wire_in.as_bool(body.get("eshop_sync")) if wire_in.text(body.get("eshop_sync")) else None
    if codes:
        product_ids |= {p.mk_id for p in store.products.values() if p.code in codes}
        if not product_ids:
            product_ids = {"-"}  # codes given but none known: nothing matches

    def wanted(row: Any) -> bool:
        if warehouses and row.warehouse_id not in warehouses:
            return False
        if product_ids and row.product_id not in product_ids:
            return False
        product = store.products.get(row.product_id)
        if product is None:
            return False
        return eshop is None or product.eshop_sync == eshop

    hits = [r for r in store.stock if wanted(r)]
    page = hits[offset : offset + limit]
    answer: dict[str, Any] = {}
    for key in ("wh_id_list", "product_code_list", "product_mk_id_list", "eshop_sync"):
        if wire_in.text(body.get(key)) is not None:
            value = body[key]
            answer[key] = ",".join(map(str, value)) if isinstance(value, list) else wire_out.stringify(value)
    answer.update({"offset": str(offset), "limit": str(limit), "stock_list_count": str(len(page))})
    answer["stock_list"] = [wire_out.stock_row(store, r) for r in page]
    return wire_out.clean(answer)
