"""Tests for mkdesk.core.erp.client: the behaviour the emulator cannot provoke on demand (exact retry schedule,
write-timeout semantics, secrets in tracebacks), driven through a few `httpx.MockTransport`s."""

from __future__ import annotations

import asyncio
import json
import logging
import traceback

import httpx
import pytest

from mkdesk.core.erp import errors as e
from mkdesk.core.erp.client import MetakockaClient, RetryPolicy, Timeouts
from mkdesk.core.erp.endpoints import ENDPOINTS, Family, Kind
from mkdesk.core.secrets import Secret

SECRET = "s3cr3t-K3Y-do-not-leak"
OK = {"opr_code": "0", "opr_time_ms": "3"}


def run(coro):
    return asyncio.run(coro)


class Recorder:
    """A MockTransport handler that answers from a script and records what was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    def bodies(self):
        return [json.loads(r.content) for r in self.requests]


def make(handler, **kw):
    sleeps: list[float] = []

    async def fake_sleep(seconds):
        sleeps.append(seconds)

    kw.setdefault("sleep", fake_sleep)
    kw.setdefault("rand", lambda: 0.5)
    client = MetakockaClient("https://mk.test", "4711", Secret(SECRET), transport=httpx.MockTransport(handler), **kw)
    client.sleeps = sleeps  # type: ignore[attr-defined]
    return client


def html(status, text="<!DOCTYPE html><html><body>Not found</body></html>"):
    return httpx.Response(status, text=text, headers={"content-type": "text/html; charset=utf-8"})


# ----- requests ----------------------------------------------------------------------------------------------------


def test_credentials_in_body_paths_by_family_and_strings_on_the_wire():
    rec = Recorder(OK)

    async def go():
        async with make(rec) as client:
            await client.call("search", {"doc_type": "sales_order", "limit": 100})
            await client.call("product_list", {"limit": 1000})
            await client.call("get_partner", {"partner_name": ""})

    run(go())
    paths = [r.url.path for r in rec.requests]
    assert paths == ["/rest/eshop/v1/search", "/rest/eshop/v1/json/product_list", "/rest/eshop/v1/get_partner"]
    assert all(r.method == "POST" and r.headers["content-type"].startswith("application/json") for r in rec.requests)
    body = rec.bodies()[0]
    assert body == {"secret_key": SECRET, "company_id": "4711", "doc_type": "sales_order", "limit": "100"}


def test_every_endpoint_has_its_family():
    assert ENDPOINTS["product_list"].path == "/rest/eshop/v1/json/product_list"
    assert ENDPOINTS["put_document"].path == "/rest/eshop/v1/put_document"
    assert ENDPOINTS["sync_stock"].path == "/rest/eshop/sync_stock"
    assert ENDPOINTS["search"].kind is Kind.SEARCH
    assert {e.family for e in ENDPOINTS.values()} == set(Family)


def test_secret_from_a_callable_is_read_per_call():
    rec = Recorder(OK)
    keys = iter(["first-key-1", "second-key-2"])

    async def go():
        async with MetakockaClient("https://mk.test", "1", lambda: Secret(next(keys)),
                                   transport=httpx.MockTransport(rec)) as client:
            await client.call("warehouse_list")
            await client.call("warehouse_list")

    run(go())
    assert [b["secret_key"] for b in rec.bodies()] == ["first-key-1", "second-key-2"]


def test_plain_string_secret_is_refused():
    with pytest.raises(TypeError):
        MetakockaClient("https://mk.test", "1", SECRET)  # type: ignore[arg-type]


# ----- envelopes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "cls"),
    [
        (html(404), e.NotAnApi),
        (httpx.Response(404, json={"x": 1}), e.NotAnApi),
        (httpx.Response(401), e.BadCredentials),
        (httpx.Response(418), e.MalformedResponse),
        (httpx.Response(200, json={"result": []}), e.MalformedResponse),  # no opr_code
        (httpx.Response(200, json=[1, 2]), e.MalformedResponse),
        (httpx.Response(200, json={"opr_code": "3", "opr_desc": "Invalid value for secret_key and company_id"}),
         e.BadCredentials),
    ],
)
def test_answers_that_are_not_retried(response, cls):
    rec = Recorder(response)

    async def go():
        async with make(rec) as client:
            await client.call("search", {"doc_type": "sales_order"})

    with pytest.raises(cls):
        run(go())
    assert len(rec.requests) == 1


def test_add_partner_success_without_opr_code():
    rec = Recorder({"mk_id": "400071680099", "mk_contact_id": "1", "mk_address_id_list": [{"mk_id": "2"}]})

    async def go():
        async with make(rec) as client:
            return await client.call("add_partner", {"partner": {"customer": "X"}})

    assert run(go())["mk_id"] == "400071680099"


def test_report_bytes_and_json_error_envelope():
    pdf = httpx.Response(200, content=b"%PDF-1.4 ...", headers={"content-type": "application/pdf"})
    rec = Recorder(pdf, {"opr_code": "2", "opr_desc": "Cannot find document type x with id = 9"})

    async def go():
        async with make(rec) as client:
            first = await client.report("1")
            with pytest.raises(e.NotFound):
                await client.report("9")
            return first

    assert run(go()).startswith(b"%PDF")


# ----- retries -----------------------------------------------------------------------------------------------------


def test_read_retry_schedule_with_jitter_bounds():
    policy = RetryPolicy(attempts=5, base_delay=0.5, max_delay=3.0)
    for retry, cap in enumerate([0.5, 1.0, 2.0, 3.0, 3.0]):
        assert policy.delay(retry, 0.0) == pytest.approx(cap / 2)
        assert policy.delay(retry, 0.999999) == pytest.approx(cap, rel=1e-5)
    assert policy.delay(0, 0.0, quota=True) == pytest.approx(policy.quota_delay / 2)


def test_reads_retry_through_transient_failures_then_succeed():
    rec = Recorder(
        httpx.ConnectError("refused"),
        httpx.Response(503, text="down"),
        html(200, "<html>Vzdrževanje / maintenance</html>"),
        httpx.Response(200, content=b'{"opr_code":"0","result":['),  # truncated JSON
        {"opr_code": "5", "opr_desc": "Quote exceeds"},
        {"opr_code": "0", "result_all_records": "0", "result": []},
    )
    draws = iter([0.0, 0.25, 0.5, 0.75, 1.0 - 1e-9])

    async def go():
        client = make(rec, retry=RetryPolicy(attempts=6, base_delay=1.0, max_delay=8.0, quota_delay=10.0),
                      rand=lambda: next(draws))
        async with client:
            page = await client.search("sales_order")
        return page, client.sleeps

    page, sleeps = run(go())
    assert page.total == 0 and page.items == ()
    assert len(rec.requests) == 6
    # equal jitter: each wait in [cap/2, cap] with cap = 1, 2, 4, 8 and the quota floor 10
    assert sleeps == pytest.approx([0.5, 1.25, 3.0, 7.0, 10.0])


def test_reads_give_up_after_the_bounded_attempts():
    rec = Recorder(httpx.Response(502))

    async def go():
        client = make(rec, retry=RetryPolicy(attempts=3))
        async with client:
            await client.call("warehouse_list")

    with pytest.raises(e.ServerUnavailable) as caught:
        run(go())
    assert len(rec.requests) == 3
    assert caught.value.retryable


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), httpx.Response(500),
     html(200, "<html>maintenance</html>"), httpx.Response(200, content=b'{"opr_code":"0","mk_id":"4')],
)
def test_write_with_unknown_outcome_is_not_retried(failure):
    rec = Recorder(failure, {"opr_code": "0", "mk_id": "400000010001"})

    async def go():
        async with make(rec) as client:
            await client.call("put_document", {"doc_type": "sales_order", "buyer_order": "WEB-1"})

    with pytest.raises(e.WriteOutcomeUnknown) as caught:
        run(go())
    assert len(rec.requests) == 1
    assert not caught.value.retryable
    assert "buyer order" in caught.value.user_message
    assert caught.value.lookup == {"doc_type": "sales_order", "buyer_order": "WEB-1"}


def test_write_that_never_left_is_a_plain_transport_error():
    rec = Recorder(httpx.ConnectError("refused"))

    async def go():
        async with make(rec) as client:
            await client.call("put_document", {"doc_type": "sales_order"})

    with pytest.raises(e.TransportError) as caught:
        run(go())
    assert not isinstance(caught.value, e.WriteOutcomeUnknown)
    assert len(rec.requests) == 1 and not caught.value.retryable
    assert "not sent" in caught.value.user_message and caught.value.code == "write_not_sent"


def test_write_refused_by_quota_is_reported_not_retried():
    rec = Recorder({"opr_code": "5", "opr_desc": "Quote exceeds"})

    async def go():
        async with make(rec) as client:
            await client.call("update_document", {"doc_type": "sales_order", "mk_id": "1", "notes": "x"})

    with pytest.raises(e.QuotaExceeded):
        run(go())
    assert len(rec.requests) == 1


def test_write_timeout_is_longer_than_read_timeout():
    seen = []

    def handler(request):
        seen.append(request.extensions["timeout"]["read"])
        return httpx.Response(200, json=OK)

    async def go():
        async with make(handler, timeouts=Timeouts(read=7, write=70)) as client:
            await client.call("get_document", {"doc_type": "sales_order", "doc_id": "1"})
            await client.call("update_document", {"doc_type": "sales_order", "mk_id": "1", "notes": "x"})

    run(go())
    assert seen == [7, 70]


# ----- concurrency -------------------------------------------------------------------------------------------------


def test_searches_are_serialized_and_calls_bounded():
    state = {"search": 0, "max_search": 0, "all": 0, "max_all": 0}

    class Slow(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            is_search = request.url.path.endswith("/search")
            state["all"] += 1
            state["max_all"] = max(state["max_all"], state["all"])
            if is_search:
                state["search"] += 1
                state["max_search"] = max(state["max_search"], state["search"])
            await asyncio.sleep(0.02)
            if is_search:
                state["search"] -= 1
            state["all"] -= 1
            return httpx.Response(200, json={"opr_code": "0", "result": []})

    async def go():
        async with MetakockaClient("https://mk.test", "1", Secret(SECRET), transport=Slow(), max_concurrency=2) as c:
            await asyncio.gather(*[c.call("search", {"doc_type": "sales_order"}) for _ in range(4)],
                                 *[c.call("warehouse_list") for _ in range(4)])

    run(go())
    assert state["max_search"] == 1
    assert state["max_all"] == 2


# ----- secrets -----------------------------------------------------------------------------------------------------


def _every_text(error: BaseException) -> str:
    parts = [str(error), repr(error), error.user_message if isinstance(error, e.MetakockaError) else "",
             "".join(traceback.format_exception(error)), repr(error.args)]
    seen = set()
    node: BaseException | None = error
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        parts += [str(node), repr(node), repr(vars(node)) if hasattr(node, "__dict__") else ""]
        node = node.__cause__ or node.__context__
    return "\n".join(parts)


@pytest.mark.parametrize(
    "answer",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("dropped"),
        html(404),
        httpx.Response(200, content=b"{broken"),
        {"opr_code": "3", "opr_desc": f"Invalid value for secret_key {SECRET} and company_id"},
        {"opr_code": "6", "opr_desc_app": f"echo {SECRET}", "secret_key": SECRET},
    ],
)
@pytest.mark.parametrize("name", ["search", "put_document"])
def test_secret_never_in_errors_tracebacks_or_logs(answer, name, caplog):
    caplog.set_level(logging.DEBUG)
    rec = Recorder(answer)

    async def go():
        async with make(rec, retry=RetryPolicy(attempts=2)) as client:
            await client.call(name, {"doc_type": "sales_order"})

    with pytest.raises(e.MetakockaError) as caught:
        run(go())
    assert SECRET not in _every_text(caught.value)
    assert SECRET not in caplog.text
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_client_repr_hides_the_secret():
    client = make(Recorder(OK))
    assert SECRET not in repr(client) and SECRET not in repr(vars(client))
    run(client.aclose())


# ----- reading answers -----------------------------------------------------------------------------------------------


class _Chunks(httpx.AsyncByteStream):
    """A body that is all there at once (as a big answer in the socket's buffer): no chunk ever waits."""

    def __init__(self, chunks, fail_after=None):
        self.chunks = chunks
        self.fail_after = fail_after

    async def __aiter__(self):
        for index, chunk in enumerate(self.chunks):
            if self.fail_after is not None and index == self.fail_after:
                raise httpx.ReadError("connection reset by peer")
            yield chunk


def _big_answer(records: int) -> list[bytes]:
    body = json.dumps({"opr_code": "0", "partner_list": [{"mk_id": str(i), "name": "Čebelica d.o.o."}
                                                         for i in range(records)]}).encode()
    return [body[i : i + 16 * 1024] for i in range(0, len(body), 16 * 1024)]


def _turns_while_reading(chunks, yield_every):
    from mkdesk.core.erp.client import read_body

    async def go():
        turns = 0
        reading = True

        async def other_work():
            nonlocal turns
            while reading:
                turns += 1
                await asyncio.sleep(0)

        ticker = asyncio.create_task(other_work())
        await asyncio.sleep(0)
        before = turns
        body = b"".join(await read_body(httpx.Response(200, stream=_Chunks(chunks)), yield_every=yield_every))
        during = turns - before
        reading = False
        await ticker
        return body, during

    return run(go())


def test_a_big_answer_is_read_with_turns_for_the_event_loop():
    chunks = _big_answer(20_000)
    body, during = _turns_while_reading(chunks, 64 * 1024)
    assert body == b"".join(chunks)
    assert during >= len(body) // (64 * 1024) - 1 >= 10  # the loop ran other work while the body came in
    _, without = _turns_while_reading(chunks, len(body) + 1)
    assert without == 0  # what a plain read does: the whole body without a turn


def test_a_big_answer_through_the_client_parses_as_sent():
    chunks = _big_answer(30_000)
    answer = lambda request: httpx.Response(200, stream=_Chunks(chunks),  # noqa: E731
                                            headers={"content-type": "application/json"})

    async def go():
        async with make(Recorder(answer)) as client:
            return await client.call("get_partner", {"partner_name": ""})

    data = run(go())
    assert len(data["partner_list"]) == 30_000 and data["partner_list"][5]["name"] == "Čebelica d.o.o."


def test_an_answer_cut_while_its_body_is_read_is_retried():
    chunks = _big_answer(2_000)
    rec = Recorder(lambda request: httpx.Response(200, stream=_Chunks(chunks, fail_after=3)),
                   lambda request: httpx.Response(200, stream=_Chunks(chunks)))

    async def go():
        async with make(rec) as client:
            return await client.call("get_partner", {"partner_name": ""}), client.sleeps

    data, sleeps = run(go())
    assert len(data["partner_list"]) == 2_000
    assert len(rec.requests) == 2 and len(sleeps) == 1


def test_an_answer_keeps_its_chunks_and_gives_head_size_and_body():
    from mkdesk.core.erp.client import Answer

    answer = Answer(200, "application/json", [b"<!DOC", b"TYPE html>", b"<p>x</p>"])
    assert answer.size == 23 and answer.head(8) == b"<!DOCTYP" and answer.head() == answer.body()
    assert answer.body() == b"<!DOCTYPE html><p>x</p>"
    assert Answer(200, "", []).body() == b"" and Answer(200, "", []).head() == b""
