"""Emulator server: serve() prints one JSON line and serves loopback; serve_in_thread() over a generated store
starts and stops fast; the generated company answers every endpoint."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

import httpx

from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import serve_in_thread

from .conftest import JSON, V1

GEN = EmulatorConfig(scale="tiny", today=date(2026, 3, 2), seed=7)


def test_serve_prints_one_json_line_then_serves():
    code = ("from datetime import date; from mkdesk.emulator.config import EmulatorConfig; "
            "from mkdesk.emulator.server import serve; "
            "serve(EmulatorConfig(scale='tiny', today=date(2026, 3, 2), seed=7, secret_key='k'))")  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        info = json.loads(line)
        assert set(info) == {"url", "company_id", "secret_key"} and info["secret_key"] == "k"
        assert info["url"].startswith("http://127.0.0.1:")
        answer = httpx.post(info["url"] + JSON + "warehouse_list",
                            json={"company_id": info["company_id"], "secret_key": "k"}).json()  # fmt: skip
        assert answer["opr_code"] == "0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_in_thread_generates_and_stops_fast():
    with serve_in_thread(GEN) as handle:
        assert handle.url.startswith("http://127.0.0.1:") and handle.config is GEN
        assert handle.store.documents["sales_order"]
        url = handle.url
        started = time.perf_counter()
    assert time.perf_counter() - started < 1.0
    try:
        httpx.post(url + V1 + "search", json={}, timeout=1)
        raise AssertionError("server still answering after close")
    except httpx.TransportError:
        pass


def test_generated_company_answers_every_read_endpoint():
    with serve_in_thread(GEN) as handle, httpx.Client(base_url=handle.url, timeout=10) as client:
        creds = handle.credentials()

        def post(path, **body):
            answer = client.post(path, json={**creds, **body})
            assert answer.status_code == 200
            return answer

        for doc_type in handle.store.documents:
            page = post(V1 + "search", doc_type=doc_type, result_type="doc", limit=100, show_payment_detail=True).json()
            assert page["opr_code"] == "0", page
            for doc in page.get("result", [])[:3]:
                full = post(V1 + "get_document", doc_type=doc_type, doc_id=doc["mk_id"]).json()
                assert full["count_code"] == doc["count_code"]
        assert post(JSON + "product_list", return_pricelist=True, return_warehause_stock=True).json()["opr_code"] == "0"
        assert post(JSON + "warehouse_stock").json()["stock_list_count"] != "0"
        assert post(V1 + "get_partner", partner_name="").json()["partner_list_count"] == str(len(handle.store.partners))
        order = next(iter(handle.store.documents["sales_order"].values()))
        pdf = post(V1 + "report", mk_id=order.mk_id, report_id="38")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        partner = next(iter(handle.store.partners.values()))
        created = post(V1 + "put_document", doc_type="sales_order", doc_date="02.03.2026",
                       partner={"mk_id": partner.mk_id, "mk_address_id": partner.addresses[0].mk_id},
                       product_list=[{"code": next(iter(handle.store.products.values())).code, "amount": "1"}]).json()
        assert created["opr_code"] == "0", created
        assert post(V1 + "delete_document", doc_type="sales_order", mk_id=created["mk_id"]).json()["opr_code"] == "0"
