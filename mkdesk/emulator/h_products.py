"""Emulator layer: `json/product_list`, `json/product_add`, `json/product_update`, `json/product_delete`.

product_list pages hold at most 1000 products (the default too); `product_list_count` is the count in this
page, not a total; `product_list` (and a product's `pricelist`) is a bare object when it has one element
(switch `single_object_lists`); the request flags are echoed as strings. Product errors carry their text in
`opr_desc_app` (with `opr_code_app`), not `opr_desc`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mkdesk.emulator import wire_in, wire_out
from mkdesk.emulator.envelope import ApiError, Ctx
from mkdesk.emulator.model import TAX_RATES, Product, StockRow

PAGE_MAX = 1000
REMOVE = "$REMOVE_STRING_VALUE$"
ECHO_SKIP = ("company_id", "secret_key", "limit", "offset")
BOOL_FILTERS = {"sales": "sales", "purchase": "purchasing", "service": "service", "active": "activated",
                "eshop_sync": "eshop_sync"}  # fmt: skip
FLAGS = ("return_warehause_stock", "return_free_amount", "return_pricelist", "show_tax_factor")


def _text_match(value: str, wanted: str, like: bool) -> bool:
    return wanted.lower() in value.lower() if like else value == wanted


def product_list(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    like = wire_in.as_bool(body.get("search_with_like"))
    text_filters = {k: wire_in.text(body.get(k)) for k in ("mk_id", "count_code", "code", "title", "category")}
    text_filters = {k: v for k, v in text_filters.items() if v is not None}
    bool_filters = {attr: wire_in.as_bool(body[k]) for k, attr in BOOL_FILTERS.items() if wire_in.text(body.get(k))}
    limit = max(1, min(wire_in.as_int(body.get("limit"), PAGE_MAX) or PAGE_MAX, PAGE_MAX))
    offset = max(wire_in.as_int(body.get("offset"), 0) or 0, 0)

    def wanted(p: Product) -> bool:
        for key, value in text_filters.items():
            field = {"title": p.name, "mk_id": p.mk_id, "count_code": p.count_code, "code": p.code,
                     "category": p.category}[key]  # fmt: skip
            if not _text_match(field or "", value, like and key != "mk_id"):
                return False
        return all(getattr(p, attr) == flag for attr, flag in bool_filters.items())

    hits = [p for p in store.products.values() if wanted(p)]
    page = hits[offset : offset + limit]
    flags = {f: wire_in.as_bool(body.get(f)) for f in FLAGS}
    collapse = ctx.switches.single_object_lists
    rows: dict[str, list[StockRow]] = {}
    stock_wanted = flags["return_warehause_stock"] or flags["return_free_amount"]
    if stock_wanted:
        ids = {p.mk_id for p in page}
        for row in store.stock:
            if row.product_id in ids:
                rows.setdefault(row.product_id, []).append(row)
    items = [
        wire_out.product(store, p, flags, rows.get(p.mk_id, []) if stock_wanted else None, collapse)
        for p in page
    ]
    answer = {k: wire_out.stringify(v) for k, v in body.items() if k not in ECHO_SKIP and v is not None}
    answer.update({"limit": str(limit), "offset": str(offset), "product_list_count": str(len(page))})
    if items:
        answer["product_list"] = wire_out.one_or_list(items, ctx.switches.single_object_lists)
    return answer


def _find(ctx: Ctx, body: dict[str, Any]) -> Product:
    mk_id, count_code = wire_in.text(body.get("mk_id")), wire_in.text(body.get("count_code"))
    if mk_id is not None:
        product = ctx.store.products.get(mk_id)
        if product is None:
            raise ApiError("2", f"Product with mk_id '{mk_id}' does not exist.", app=True)
        return product
    if count_code is not None:
        for product in ctx.store.products.values():
            if product.count_code == count_code:
                return product
        raise ApiError("2", f"Product with count_code '{count_code}' does not exist.", app=True)
    raise ApiError("2", "Paramether 'count_code' or 'mk_id' is required paramether", app=True)


def _prices(ctx: Ctx, body: dict[str, Any]) -> tuple[dict[str, Decimal], str | None]:
    """Pricelist prices from product_add/update (net lists take price, gross lists price_with_tax)."""
    prices: dict[str, Decimal] = {}
    tax = None
    for entry in wire_in.as_list(body.get("pricelist")):
        code = wire_in.text(entry.get("count_code")) if isinstance(entry, dict) else None
        plist = ctx.store.pricelists.get(code or "")
        if plist is None:
            raise ApiError("2", f"Pricelist '{code}' doesn't exist.", app=True)
        for price_def in wire_in.as_list(entry.get("price_def")):
            if not isinstance(price_def, dict):
                raise ApiError("2", "Paramether 'price_def' is in wrong form", app=True)
            net, gross = price_def.get("price"), price_def.get("price_with_tax")
            if plist.gross and wire_in.text(net) is not None:
                raise ApiError("2", f"Pricelist '{code}' has 'gross' price type. Use 'price_with_tax' instead of "
                               "'price'.", app=True)  # fmt: skip
            if not plist.gross and wire_in.text(gross) is not None:
                raise ApiError("2", f"Pricelist '{code}' has 'net' price type. Use 'price' instead of "
                               "'price_with_tax'.", app=True)  # fmt: skip
            line_tax = wire_in.text(price_def.get("tax"))
            if line_tax is None or line_tax.upper() not in TAX_RATES:
                raise ApiError("2", f"Attribute 'tax' must be set for pricelist '{code}'.", app=True)
            value = wire_in.as_decimal(gross if plist.gross else net)
            if value is None:
                raise ApiError("2", f"Price for pricelist '{code}' is in wrong form.", app=True)
            prices[plist.code] = value
            tax = tax or line_tax.upper()
    return prices, tax


def _apply(product: Product, body: dict[str, Any]) -> None:
    """Copy sent fields onto a product; empty values never clear, $REMOVE_STRING_VALUE$ does."""
    t = wire_in.text
    for key in ("code", "name", "unit"):
        if t(body.get(key)):
            setattr(product, key, t(body[key]))
    for key in ("name_desc", "barcode"):
        if t(body.get(key)) == REMOVE:
            setattr(product, key, None)
        elif t(body.get(key)):
            setattr(product, key, t(body[key]))
    for key in ("service", "sales", "purchasing", "activated", "eshop_sync"):
        if t(body.get(key)) is not None:
            setattr(product, key, wire_in.as_bool(body[key]))
    for key in ("weight", "min_stock"):
        if t(body.get(key)) is not None and wire_in.as_decimal(body[key]) is not None:
            setattr(product, key, wire_in.as_decimal(body[key]))
    for entry in wire_in.as_list(body.get("categories")):
        category = entry.get("category") if isinstance(entry, dict) else entry
        names = wire_in.as_list(category)
        if names:
            product.category = str(names[-1])
            break


def _used_on_documents(ctx: Ctx, product: Product) -> bool:
    store = ctx.store
    return any(item.product_id == product.mk_id for doc in store.all_documents() for item in store.lines(doc))


def product_add(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    store = ctx.store
    for key in ("code", "name", "unit"):
        if wire_in.text(body.get(key)) is None:
            raise ApiError("2", f"Paramether '{key}' is required paramether", app=True)
    code, count_code = wire_in.text(body["code"]), wire_in.text(body.get("count_code"))
    for existing in store.products.values():
        if existing.code == code or (count_code is not None and existing.count_code == count_code):
            raise ApiError("2", f"Product with count_code '{existing.count_code}' and code '{existing.code}' "
                           "already exists.", app=True)  # fmt: skip
    prices, tax = _prices(ctx, body)
    if count_code is None:
        taken = {p.count_code for p in store.products.values()}
        while (count_code := str(store.next_number("product"))) in taken:
            pass
    product = Product(mk_id=store.next_id("product"), count_code=count_code, code=code or "", name="", unit="",
                      tax=tax or wire_in.text(body.get("tax")) or "EX4", category="")  # fmt: skip
    _apply(product, body)
    product.prices.update(prices)
    store.products[product.mk_id] = product
    return {"mk_id": product.mk_id, "count_code": product.count_code}


def product_update(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    product = _find(ctx, body)
    prices, tax = _prices(ctx, body)
    new_code = wire_in.text(body.get("code"))
    if new_code and new_code != product.code and ctx.store.product_by_code(new_code) is not None:
        raise ApiError("2", f"Product with code '{new_code}' already exists.", app=True)
    if product.sales and wire_in.text(body.get("sales")) and not wire_in.as_bool(body.get("sales")):
        if _used_on_documents(ctx, product):
            raise ApiError("6", "Product is used on sales documents, flag 'sales' can not be removed.", app=True)
    _apply(product, body)
    product.prices.update(prices)
    if tax:
        product.tax = tax
    return {"mk_id": product.mk_id, "count_code": product.count_code}


def product_delete(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    product = _find(ctx, body)
    if _used_on_documents(ctx, product):
        raise ApiError("6", f"Product '{product.count_code}' is used on documents and can not be deleted.", app=True)
    del ctx.store.products[product.mk_id]
    ctx.store.stock[:] = [r for r in ctx.store.stock if r.product_id != product.mk_id]
    return {}
