"""Emulator layer: `search`, `search_query_advance_discovery` and `search_tracking_code` handlers.

Search pages hold at most 100 records (a larger `limit` is capped), are sorted by mk_id (`order_direction`),
return id stubs `{mk_id, opr_code, count_code}` (+`status_code` with `show_status_code`) or full documents
with `result_type: "doc"`, and omit `result` when nothing matches. Filters are AND-combined; a filter the doc
type does not support answers opr_code 1 "Internet error - cannot get beQueryParam for : X". Date filters take
`dd.mm.yyyy` or `YYYY-MM-DD+02:00` only; anything else answers opr_code 2 "Cannot find value X for condition Y".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from mkdesk.emulator import wire_in, wire_out
from mkdesk.emulator.docs import resolve_status
from mkdesk.emulator.envelope import ApiError, Ctx, doc_type_of
from mkdesk.emulator.model import BILL_TYPES, SALES_DOC_TYPES, Document, Store

SEARCH_MAX = 100
DOC_FLAGS = ("show_payment_detail", "show_last_payment_date", "show_tax_factor", "show_product_detail")

#: filter type → (Slovenian UI label, value description)
FILTER_INFO: dict[str, tuple[str, str]] = {
    "doc_date_from": ("Datum od", "dd.mm.yyyy ali yyyy-mm-dd+02:00"),
    "doc_date_to": ("Datum do", "dd.mm.yyyy ali yyyy-mm-dd+02:00"),
    "partner_mk_id": ("Partner (id)", "mk_id partnerja"),
    "partner_code": ("Šifra partnerja", "count_code partnerja"),
    "partner_query": ("Partner", "del naziva partnerja"),
    "partner_tax_num": ("Davčna številka partnerja", "davčna številka"),
    "payment_status": ("Plačano", "true = plačano, false = ni v celoti plačano"),
    "status_id_list": ("Statusi (id)", "-2 = brez statusa"),
    "status_list": ("Statusi", "seznam opisov statusov, ločen z vejico"),
    "partner_country": ("Država partnerja", "ISO koda države"),
    "delivery_type": ("Način dostave", "vrednost šifranta"),
    "customer_order": ("Naročilo kupca", "številka naročila kupca"),
    "profit_center": ("Profitni center", "oznaka profitnega centra"),
    "last_change_from": ("Zadnja sprememba od", "yyyy-mm-ddThh:mm:ss+02:00"),
    "last_change_to": ("Zadnja sprememba do", "yyyy-mm-ddThh:mm:ss+02:00"),
}
_COMMON = ("doc_date_from", "doc_date_to", "partner_mk_id", "partner_code", "partner_query", "partner_tax_num")
_ORDER = ("status_list", "partner_country", "delivery_type", "customer_order", "profit_center")
_BILL = ("payment_status", "status_id_list")


def filters_for(ctx: Ctx, doc_type: str) -> tuple[str, ...]:
    """The query_advance types this doc type accepts (what discovery reports and search enforces)."""
    names: list[str] = list(_COMMON)
    if doc_type == "sales_offer" and ctx.switches.offers_reject_doc_date:
        names = [n for n in names if not n.startswith("doc_date")]
    if doc_type == "sales_order":
        names += _ORDER
    if doc_type in BILL_TYPES:
        names += _BILL
    if doc_type in ctx.switches.last_change_doc_types:
        names += ["last_change_from", "last_change_to"]
    return tuple(names)


def _norm_tax(value: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper()).removeprefix("SI")


def _date_filter(kind: str, value: Any) -> date:
    found = wire_in.strict_date(value)
    if found is None:
        raise ApiError("2", f"Cannot find value {value} for condition {kind}")
    return found


def _ts_filter(kind: str, value: Any) -> datetime:
    found = wire_in.timestamp(value)
    if found is None:
        raise ApiError("2", f"Cannot find value {value} for condition {kind}")
    return found


def _predicate(ctx: Ctx, doc_type: str, kind: str, value: Any) -> Callable[[Document], bool]:
    store = ctx.store
    raw = wire_in.text(value) or ""
    if kind == "doc_date_from":
        d = _date_filter(kind, value)
        return lambda doc: doc.doc_date >= d
    if kind == "doc_date_to":
        d = _date_filter(kind, value)
        return lambda doc: doc.doc_date <= d
    if kind == "last_change_from":
        t = _ts_filter(kind, value)
        return lambda doc: doc.last_change >= t
    if kind == "last_change_to":
        t = _ts_filter(kind, value)
        return lambda doc: doc.last_change <= t
    if kind == "partner_mk_id":
        return lambda doc: doc.partner.mk_id == raw
    if kind == "partner_code":
        return lambda doc: doc.partner.count_code == raw
    if kind == "partner_query":
        return lambda doc: raw.lower() in doc.partner.customer.lower()
    if kind == "partner_tax_num":
        wanted = _norm_tax(raw)
        return lambda doc: bool(wanted) and _norm_tax(doc.partner.tax_id_number) == wanted
    if kind == "payment_status":
        want_paid = wire_in.as_bool(value)
        return lambda doc: _fully_paid(store, doc) == want_paid
    if kind in ("status_list", "status_id_list"):
        wanted = [p.strip() for p in raw.split(",") if p.strip()]
        descs = set()
        for item in wanted:
            found = resolve_status(store, doc_type, item, ctx.switches.status_accepts_labels)
            descs.add(found[0] if found else item)
        return lambda doc: (doc.status_desc or "-2") in descs
    if kind == "partner_country":
        return lambda doc: raw.upper() in (doc.partner.country_iso2.upper(), doc.partner.country.upper())
    if kind == "delivery_type":
        return lambda doc: doc.delivery_type == raw
    if kind == "customer_order":
        return lambda doc: doc.buyer_order == raw
    if kind == "profit_center":
        return lambda doc: doc.profit_center == raw
    raise ApiError("1", f"Internet error - cannot get beQueryParam for : {kind}")


def _fully_paid(store: Store, doc: Document) -> bool:
    if doc.payments is None and doc.lines is None and doc.pay_state is not None:
        return doc.pay_state == "paid"  # untouched generated document: its derived payments follow the hint
    total = store.sums(doc).all
    paid = wire_out.paid_sum(store.payments(doc))
    return paid >= total if total >= 0 else paid <= total


def _matches_query(doc: Document, query: str) -> bool:
    q = query.lower()
    return any(q in (v or "").lower() for v in (doc.partner.customer, doc.count_code, doc.buyer_order, doc.title))


def search(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    doc_type = doc_type_of(body)
    allowed = filters_for(ctx, doc_type)
    predicates = []
    for item in wire_in.as_list(body.get("query_advance")):
        if not isinstance(item, dict):
            raise ApiError("2", "Paramether 'query_advance' is in wrong form")
        kind = str(item.get("type", "")).strip()
        if kind not in allowed:
            raise ApiError("1", f"Internet error - cannot get beQueryParam for : {kind}")
        predicates.append(_predicate(ctx, doc_type, kind, item.get("value")))
    query = wire_in.text(body.get("query"))
    limit = wire_in.as_int(body.get("limit"), SEARCH_MAX) or SEARCH_MAX
    limit = max(1, min(limit, SEARCH_MAX))
    offset = max(wire_in.as_int(body.get("offset"), 0) or 0, 0)
    descending = str(body.get("order_direction", "asc")).strip().lower() == "desc"

    docs = ctx.store.documents.get(doc_type, {}) if doc_type in SALES_DOC_TYPES else {}
    hits = [
        doc
        for doc in docs.values()
        if (query is None or _matches_query(doc, query)) and all(p(doc) for p in predicates)
    ]
    hits.sort(key=lambda d: int(d.mk_id), reverse=descending)
    page = hits[offset : offset + limit]
    if str(body.get("result_type", "")).strip() == "doc":
        flags = {f: wire_in.as_bool(body.get(f)) for f in DOC_FLAGS}
        result = [wire_out.document(ctx.store, doc, flags) for doc in page]
    else:
        show = wire_in.as_bool(body.get("show_status_code"))
        result = [wire_out.doc_stub(doc, show) for doc in page]
    return wire_out.clean(
        {
            "result_all_records": str(len(hits)),
            "result_count": str(len(page)),
            "offset": str(offset),
            "limit": str(limit),
            "result": result,
        }
    )


def discovery(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    requested = body.get("doc_type")
    types = (doc_type_of(body),) if wire_in.text(requested) else SALES_DOC_TYPES
    answer: dict[str, Any] = {}
    for doc_type in types:
        answer[doc_type] = [
            {"type": name, "label": FILTER_INFO[name][0], "value_desc": FILTER_INFO[name][1]}
            for name in filters_for(ctx, doc_type)
        ]
    return answer


def search_tracking_code(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    code = wire_in.text(body.get("tracking_code"))
    if code is None:
        raise ApiError("2", "Paramether 'tracking_code' is required paramether")
    hits = [d for d in ctx.store.documents["sales_order"].values() if d.tracking_code == code]
    if not hits:
        raise ApiError("6", f"Tracking code {code} not found")
    return {
        "tracking_code": code,
        "result": [
            wire_out.clean(
                {
                    "mk_id": d.mk_id,
                    "doc_type": d.doc_type,
                    "count_code": d.count_code,
                    "buyer_order": d.buyer_order,
                    "status_code": d.status_label,
                    "status_desc": d.status_desc,
                }
            )
            for d in hits
        ],
    }
