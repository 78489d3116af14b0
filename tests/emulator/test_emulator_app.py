"""Emulator app: path families, HTML 404/405, body and auth errors, envelope, latency, serialized searches."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

from mkdesk.emulator.app import ROUTES, create_app
from mkdesk.emulator.config import Switches
from mkdesk.emulator.server import serve_in_thread

from .conftest import JSON, KEY, V1, Api, config, hand_store, in_process

V1_NAMES = [name for family, name in ROUTES if family == V1]
JSON_NAMES = [name for family, name in ROUTES if family == JSON]


def test_routing_table_covers_the_brief():
    assert set(V1_NAMES) >= {"search", "search_query_advance_discovery", "get_document", "put_document",
                             "update_document", "delete_document", "change_document_status",
                             "mark_orders_as_shipped", "put_transaction", "get_partner", "add_partner",
                             "update_partner", "report", "search_tracking_code"}  # fmt: skip
    assert set(JSON_NAMES) == {"product_list", "product_add", "product_update", "product_delete", "warehouse_list",
                               "warehouse_stock", "put_transaction"}  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [JSON + "get_document", JSON + "search", V1 + "product_list", V1 + "warehouse_stock", "/rest/eshop/sync_stock",
     V1 + "nope", "/", "/rest/eshop/v1/json/"],
)
def test_wrong_family_or_unknown_path_is_an_html_404(loop_api: Api, path):
    response = loop_api.raw(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text


def test_every_endpoint_answers_json_on_its_own_family(loop_api: Api):
    for family, name in ROUTES:
        response = loop_api.raw(family + name)
        assert response.status_code == 200, (family, name)
        assert response.headers["content-type"].startswith(("application/json", "application/pdf"))


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_non_post_is_an_html_405(loop_api: Api, method):
    response = loop_api.client.request(method, V1 + "search")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.headers["content-type"].startswith("text/html")


def test_body_errors_answer_a_json_envelope(api: Api):
    bad_json = api.client.post(V1 + "search", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 200 and bad_json.json()["opr_code"] == "2"
    empty = api.client.post(V1 + "search", content=b"", headers={"content-type": "application/json"})
    assert empty.json()["opr_desc"] == "Request body must be a JSON object."
    array = api.client.post(V1 + "search", json=[1, 2])
    assert array.json()["opr_code"] == "2"
    form = api.client.post(V1 + "search", data={"company_id": "4711"})
    assert form.status_code == 200 and form.json()["opr_desc"] == "Content-Type must be application/json."


def test_wrong_credentials_give_http_200_with_the_auth_code(api: Api):
    for body in ({"company_id": "4711", "secret_key": "wrong"}, {"company_id": "1", "secret_key": KEY}, {}):
        response = api.client.post(V1 + "search", json={**body, "doc_type": "sales_order"})
        assert response.status_code == 200
        data = response.json()
        assert data["opr_code"] == "3" and data["opr_desc"] == "Invalid value for secret_key and company_id"


def test_auth_error_code_is_a_switch():
    cfg = config(switches=Switches(auth_error_code="1", auth_error_text="Bad key"))
    with serve_in_thread(cfg, hand_store()) as handle:
        data = httpx.post(handle.url + V1 + "search", json={"company_id": "4711", "secret_key": "x"}).json()
    assert data == {"opr_code": "1", "opr_time_ms": data["opr_time_ms"], "opr_time_no_lock_ms": "0",
                    "opr_desc": "Bad key"} or (data["opr_code"], data["opr_desc"]) == ("1", "Bad key")


def test_success_envelope_has_string_codes_and_timings(api: Api):
    data = api.v1("search", doc_type="sales_order")
    assert list(data)[:3] == ["opr_code", "opr_time_ms", "opr_time_no_lock_ms"]
    assert data["opr_code"] == "0" and data["opr_time_ms"].isdigit()


def test_unknown_doc_type(api: Api):
    for name in ("search", "get_document", "put_document", "update_document"):
        data = api.v1(name, doc_type="sales_bill")
        assert (data["opr_code"], data["opr_desc"]) == ("2", "Unknown document type : sales_bill")


def test_in_process_through_asgi_transport():
    app = create_app(config(), hand_store())

    async def main():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mk") as client:
            ok = await client.post(V1 + "search", json={"company_id": "4711", "secret_key": KEY,
                                                        "doc_type": "sales_order"})  # fmt: skip
            missing = await client.post(V1 + "product_list", json={})
            return ok, missing

    ok, missing = asyncio.run(main())
    assert ok.json()["result_count"] == "4" and missing.status_code == 404
    assert app.state.store.company_id == "4711"


def test_latency_is_added_to_every_answer():
    with serve_in_thread(config(latency_ms=120), hand_store()) as handle:
        started = time.perf_counter()
        httpx.post(handle.url + JSON + "warehouse_list", json={"company_id": "4711", "secret_key": KEY})
        assert time.perf_counter() - started >= 0.12


def _parallel_searches(url: str, n: int) -> float:
    body = {"company_id": "4711", "secret_key": KEY, "doc_type": "sales_order"}
    threads = [threading.Thread(target=lambda: httpx.post(url + V1 + "search", json=body, timeout=10)) for _ in range(n)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def test_searches_are_served_one_at_a_time_over_loopback():
    with serve_in_thread(config(search_latency_ms=150), hand_store()) as handle:
        assert _parallel_searches(handle.url, 4) >= 0.55  # 4 × 150 ms, queued


def test_search_serialization_is_a_switch():
    cfg = config(search_latency_ms=150, switches=Switches(serialize_searches=False))
    with serve_in_thread(cfg, hand_store()) as handle:
        assert _parallel_searches(handle.url, 4) < 0.45


def test_lock_wait_is_reported_in_opr_time_ms_but_not_no_lock():
    with serve_in_thread(config(search_latency_ms=100), hand_store()) as handle:
        body = {"company_id": "4711", "secret_key": KEY, "doc_type": "sales_order"}
        answers: list[dict] = []
        threads = [threading.Thread(target=lambda: answers.append(httpx.post(handle.url + V1 + "search",
                                                                            json=body).json())) for _ in range(3)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    waited = max(answers, key=lambda a: int(a["opr_time_ms"]))
    assert int(waited["opr_time_ms"]) >= 200 and int(waited["opr_time_no_lock_ms"]) < int(waited["opr_time_ms"])


def test_a_handler_bug_answers_internal_server_error_and_is_logged(monkeypatch, caplog):
    from mkdesk.emulator import app as app_module

    def broken(ctx, body):
        raise KeyError("boom")

    monkeypatch.setitem(app_module.ROUTES, (JSON, "warehouse_list"), broken)
    api = in_process(hand_store())
    answer = api.js("warehouse_list")
    assert (answer["opr_code"], answer["opr_desc"]) == ("1", "Internal server error.")
    assert any("warehouse_list" in r.getMessage() for r in caplog.records)
