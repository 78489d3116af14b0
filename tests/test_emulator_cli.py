"""Tests for `mkdesk emulator`: it serves on loopback and announces itself on the first stdout line."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdesk", "emulator", "--scale", "tiny", "--seed", "3", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_emulator_announces_and_serves_the_api(tmp_path):
    process = _start("--data-dir", str(tmp_path), "--today", "2026-03-02", "--company-id", "555")
    try:
        first = json.loads(process.stdout.readline())
        assert set(first) >= {"url", "company_id", "secret_key"}
        assert first["url"].startswith("http://127.0.0.1:")
        assert first["company_id"] == "555"
        body = {"company_id": "555", "secret_key": first["secret_key"]}
        answer = httpx.post(f"{first['url']}/rest/eshop/v1/json/warehouse_list", json=body, timeout=30)
        assert answer.status_code == 200
        payload = answer.json()
        assert payload["opr_code"] == "0"
        assert payload["warehouse_list"]
        wrong = httpx.post(
            f"{first['url']}/rest/eshop/v1/json/warehouse_list", json={**body, "secret_key": "nope"}, timeout=30
        )
        assert wrong.status_code == 200 and wrong.json()["opr_code"] != "0"
        family = httpx.post(f"{first['url']}/rest/eshop/v1/warehouse_list", json=body, timeout=30)
        assert family.status_code == 404 and family.headers["content-type"].startswith("text/html")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_emulator_switch_changes_behaviour(tmp_path):
    process = _start("--switch", "unknown_product_code=2", "--switch", "offers_reject_doc_date=false")
    try:
        first = json.loads(process.stdout.readline())
        body = {"company_id": first["company_id"], "secret_key": first["secret_key"]}
        offers = httpx.post(f"{first['url']}/rest/eshop/v1/search", timeout=30, json={
            **body, "doc_type": "sales_offer", "query_advance": [{"type": "doc_date_from", "value": "01.01.2026"}]})
        assert offers.json()["opr_code"] == "0"
        partner = httpx.post(f"{first['url']}/rest/eshop/v1/get_partner", json={**body, "partner_name": ""},
                             timeout=30).json()["partner_list"][0]
        address = partner["partner_delivery_address_list"]
        address = address[0] if isinstance(address, list) else address
        order = httpx.post(f"{first['url']}/rest/eshop/v1/put_document", timeout=30, json={
            **body, "doc_type": "sales_order", "doc_date": "02.03.2026",
            "partner": {"mk_id": partner["mk_id"], "mk_address_id": address["mk_id"]},
            "product_list": [{"code": "NO-SUCH-CODE", "amount": "1", "price": "1", "tax": "EX4"}]})
        assert order.json()["opr_code"] == "2"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_emulator_reports_a_busy_port():
    first = _start()
    try:
        url = json.loads(first.stdout.readline())["url"]
        port = url.rsplit(":", 1)[1]
        second = _start("--port", port)
        _out, err = second.communicate(timeout=60)
        assert second.returncode != 0
        assert port in err
    finally:
        first.terminate()
        first.wait(timeout=30)
