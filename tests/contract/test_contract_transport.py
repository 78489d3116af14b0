"""Contract tests (client ↔ emulator over loopback HTTP): path families, credentials, serialized searches and
secret hygiene."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
import traceback

import httpx
import pytest

from mkdesk.core.erp import BadCredentials, MetakockaError, NotAnApi, TransportError
from mkdesk.core.erp.client import MetakockaClient
from mkdesk.core.secrets import Secret
from tests.contract.conftest import FAST_RETRY, SECRET, serve, use


def _all_text(error: BaseException) -> str:
    parts = ["".join(traceback.format_exception(error))]
    node: BaseException | None = error
    while node is not None:
        parts += [str(node), repr(node), repr(node.args), repr(getattr(node, "__dict__", {}))]
        node = node.__cause__ or node.__context__
    return "\n".join(parts)


def test_every_family_answers_on_its_path(emu):
    async def go(c):
        return (await c.search("sales_order", limit=1), await c.product_list(limit=1), await c.warehouse_list())

    page, products, warehouses = use(emu, go)
    assert page.total and len(page.items) == 1
    assert len(products.items) == 1
    assert warehouses


@pytest.mark.parametrize("suffix", ["/rest/eshop/v1", "/rest", "/api"])
def test_wrong_base_url_is_not_an_api(emu, suffix, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NotAnApi) as caught:
        use(emu, lambda c: c.warehouse_list(), base_url=emu.url + suffix)
    assert "web page" in caught.value.user_message
    assert SECRET not in _all_text(caught.value) and SECRET not in caplog.text


def test_wrong_family_for_a_document_call_is_html_404(emu):
    # the catalogue family with a document endpoint name: the emulator answers the HTML 404 page
    async def go(c):
        return await c._http.post("/rest/eshop/v1/json/get_document", json={"secret_key": "x"})

    response = use(emu, go)
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]


@pytest.mark.parametrize("field", ["secret", "company_id"])
def test_wrong_credentials(emu, field, caplog):
    caplog.set_level(logging.DEBUG)
    kw = {"secret": Secret("wrong-secret-value")} if field == "secret" else {"company_id": "999"}
    with pytest.raises(BadCredentials) as caught:
        use(emu, lambda c: c.search("sales_order"), **kw)
    error = caught.value
    assert error.user_message == "Metakocka rejected the company id or secret key. Check them in Settings."
    assert not error.retryable
    assert SECRET not in _all_text(error) and "wrong-secret-value" not in _all_text(error)
    assert "wrong-secret-value" not in caplog.text and SECRET not in caplog.text


def test_nothing_listening_is_a_transport_error(caplog):
    caplog.set_level(logging.DEBUG)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there

    async def go():
        async with MetakockaClient(f"http://127.0.0.1:{port}", "1", Secret(SECRET), retry=FAST_RETRY) as c:
            await c.warehouse_list()

    with pytest.raises(TransportError) as caught:
        asyncio.run(go())
    assert caught.value.retryable
    assert SECRET not in _all_text(caught.value) and SECRET not in caplog.text


class Timing(httpx.AsyncHTTPTransport):
    """A real HTTP transport that records when each request was on the wire."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[str, float, float]] = []

    async def handle_async_request(self, request):
        begin = time.monotonic()
        response = await super().handle_async_request(request)
        await response.aread()
        self.spans.append((request.url.path.rsplit("/", 1)[-1], begin, time.monotonic()))
        return response


def test_searches_never_overlap_server_side():
    """Concurrent searches from one client reach the server one at a time (each holds the lock 150 ms)."""
    timing = Timing()
    with serve(search_latency_ms=150) as handle:

        async def go(c):
            await asyncio.gather(*(c.search(t, result="ids", limit=1)
                                   for t in ("sales_order", "sales_offer", "sales_bill_domestic")))

        use(handle, go, transport=timing)
    spans = sorted((b, e) for name, b, e in timing.spans if name == "search")
    assert len(spans) == 3
    for (_, end), (begin, _) in zip(spans, spans[1:]):
        assert begin >= end  # the next search left only after the previous answer arrived
    assert all(e - b >= 0.14 for b, e in spans)


def test_reads_run_alongside_a_search(emu):
    """Only searches are serialized: a warehouse list does not wait for a slow search."""
    with serve(search_latency_ms=300) as handle:

        async def go(c):
            search = asyncio.create_task(c.search("sales_order", result="ids", limit=1))
            await asyncio.sleep(0.05)
            begin = time.monotonic()
            await c.warehouse_list()
            quick = time.monotonic() - begin
            await search
            return quick

        assert use(handle, go) < 0.2


def test_every_error_hides_the_secret(emu, caplog):
    caplog.set_level(logging.DEBUG)

    async def go(c):
        errors: list[MetakockaError] = []
        for call in (
            lambda: c.get_document("sales_order", "1"),
            lambda: c.get_document("no_such_type", "1"),
            lambda: c.delete_document("sales_order", "1"),
            lambda: c.change_document_status("sales_order", "nope", mk_id="1"),
            lambda: c.search("sales_offer", filters={"doc_date_from": "01.01.2026"}),
        ):
            try:
                await call()
            except MetakockaError as error:
                errors.append(error)
        return errors

    errors = use(emu, go)
    assert len(errors) == 5
    for error in errors:
        assert SECRET not in _all_text(error)
    assert SECRET not in caplog.text
