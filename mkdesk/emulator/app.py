"""Emulator layer: the ASGI app (routing table, POST/JSON/auth gate, envelope, latency, search lock, faults).

Paths: `/rest/eshop/v1/<name>` and `/rest/eshop/v1/json/<name>` (see `ROUTES`). A wrong family or an unknown
name answers an HTML 404 page; another method than POST on a known path answers an HTML 405 page (with
`Allow: POST`), as a Java servlet container would. Request-body errors: see `mkdesk.emulator.envelope`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from mkdesk.emulator import h_documents, h_misc, h_partners, h_products, h_search, h_stock, h_update
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.envelope import ApiError, Ctx, authenticate, render
from mkdesk.emulator.faults import FaultInjector
from mkdesk.emulator.model import Store

log = logging.getLogger(__name__)

Handler = Callable[[Ctx, dict[str, Any]], Any]

V1 = "/rest/eshop/v1/"
JSON = "/rest/eshop/v1/json/"

#: (path family, name) → handler
ROUTES: dict[tuple[str, str], Handler] = {
    (V1, "search"): h_search.search,
    (V1, "search_query_advance_discovery"): h_search.discovery,
    (V1, "search_tracking_code"): h_search.search_tracking_code,
    (V1, "get_document"): h_documents.get_document,
    (V1, "put_document"): h_documents.put_document,
    (V1, "delete_document"): h_documents.delete_document,
    (V1, "update_document"): h_update.update_document,
    (V1, "change_document_status"): h_update.change_document_status,
    (V1, "mark_orders_as_shipped"): h_update.mark_orders_as_shipped,
    (V1, "put_transaction"): h_update.put_transaction,
    (JSON, "put_transaction"): h_update.put_transaction,
    (V1, "get_partner"): h_partners.get_partner,
    (V1, "add_partner"): h_partners.add_partner,
    (V1, "update_partner"): h_partners.update_partner,
    (V1, "report"): h_misc.report,
    (JSON, "product_list"): h_products.product_list,
    (JSON, "product_add"): h_products.product_add,
    (JSON, "product_update"): h_products.product_update,
    (JSON, "product_delete"): h_products.product_delete,
    (JSON, "warehouse_list"): h_stock.warehouse_list,
    (JSON, "warehouse_stock"): h_stock.warehouse_stock,
}

#: endpoints that change data (a "write applied but reply lost" fault only hits these)
WRITES = frozenset(
    {
        "put_document",
        "update_document",
        "delete_document",
        "change_document_status",
        "mark_orders_as_shipped",
        "put_transaction",
        "add_partner",
        "update_partner",
        "product_add",
        "product_update",
        "product_delete",
    }
)
#: endpoints served one at a time per company
SEARCHES = frozenset({"search"})

NOT_FOUND_HTML = """<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head>
<body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p>
<p><b>Message</b> {path}</p><p><b>Description</b> The origin server did not find a current representation for
the target resource or is not willing to disclose that one exists.</p><hr class="line" /></body></html>"""

NOT_ALLOWED_HTML = """<!doctype html><html lang="en"><head><title>HTTP Status 405 – Method Not Allowed</title></head>
<body><h1>HTTP Status 405 – Method Not Allowed</h1><hr class="line" /><p><b>Type</b> Status Report</p>
<p><b>Message</b> HTTP method {method} is not supported by this URL</p><hr class="line" /></body></html>"""


def _route(path: str) -> tuple[str, str] | None:
    for family in (JSON, V1):  # JSON first: it is the longer prefix
        if path.startswith(family):
            name = path[len(family) :]
            if (family, name) in ROUTES:
                return family, name
            return None
    return None


class _SearchLock:
    """One asyncio.Lock per event loop (the app may be served by uvicorn and in-process in the same test run)."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def get(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(id(loop))
        if lock is None:
            lock = self._locks[id(loop)] = asyncio.Lock()
        return lock


def _json_reply(payload: dict[str, Any], started: float, lock_wait: float = 0.0) -> Response:
    elapsed = time.perf_counter() - started
    body = render(payload, int(elapsed * 1000), int(max(elapsed - lock_wait, 0) * 1000))
    return Response(body, media_type="application/json")


async def _parse_body(request: Request) -> dict[str, Any]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError("2", "Content-Type must be application/json.")
    raw = await request.body()
    try:
        body = json.loads(raw.decode("utf-8")) if raw.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        body = None
    if not isinstance(body, dict):
        raise ApiError("2", "Request body must be a JSON object.")
    return body


def create_app(config: EmulatorConfig, store: Store | None = None) -> Starlette:
    """The emulator as an ASGI app; `app.state.store` is the live company state."""
    if store is None:
        from mkdesk.emulator import generator

        store = generator.generate(config)
    faults = FaultInjector(config)
    search_lock = _SearchLock()
    ctx = Ctx(store=store, config=config)

    async def run(name: str, handler: Handler, body: dict[str, Any], started: float) -> Response:
        lock_wait = 0.0
        try:
            if name in SEARCHES and config.switches.serialize_searches:
                waited = time.perf_counter()
                async with search_lock.get():
                    lock_wait = time.perf_counter() - waited
                    if config.search_latency_ms:
                        await asyncio.sleep(config.search_latency_ms / 1000)
                    result = handler(ctx, body)
            else:
                if name in SEARCHES and config.search_latency_ms:
                    await asyncio.sleep(config.search_latency_ms / 1000)
                result = handler(ctx, body)
        except ApiError as exc:
            return _json_reply(exc.payload(), started, lock_wait)
        except Exception:  # a handler bug: answer like the real server does, keep the traceback in the log
            log.exception("emulator handler %s failed", name)
            return _json_reply(ApiError("1", "Internal server error.").payload(), started, lock_wait)
        if isinstance(result, Response):
            return result
        return _json_reply(result, started, lock_wait)

    async def dispatch(request: Request) -> Response:
        if config.latency_ms:  # transport latency: not part of the server time reported in opr_time_ms
            await asyncio.sleep(config.latency_ms / 1000)
        started = time.perf_counter()
        path = request.url.path
        found = _route(path)
        if found is None:
            return HTMLResponse(NOT_FOUND_HTML.format(path=path), status_code=404)
        if request.method != "POST":
            return HTMLResponse(
                NOT_ALLOWED_HTML.format(method=request.method), status_code=405, headers={"Allow": "POST"}
            )
        family, name = found
        fault = faults.pick()
        if fault == "slow":
            await faults.slow()
        elif fault == "drop" and config.switches.write_reply_lost and name in WRITES:
            try:
                body = await _parse_body(request)
            except ApiError:
                return faults.response("drop")
            if authenticate(store, config, body) is None:
                await run(name, ROUTES[found], body, started)  # the write happens; its reply is lost
            return faults.response("drop")
        elif fault is not None:
            return faults.response(fault)
        try:
            body = await _parse_body(request)
        except ApiError as exc:
            return _json_reply(exc.payload(), started)
        denied = authenticate(store, config, body)
        if denied is not None:
            return _json_reply(denied.payload(), started)
        return await run(name, ROUTES[found], body, started)

    async def asgi(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        response = await dispatch(Request(scope, receive))
        await response(scope, receive, send)

    app = Starlette(routes=[Mount("/", app=asgi)])
    app.state.store = store
    app.state.config = config
    app.state.faults = faults
    return app
