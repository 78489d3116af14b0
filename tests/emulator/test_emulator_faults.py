"""Emulator faults: every fault kind is observable in-process and over loopback, faults never change data,
and the optional "write applied but reply lost" mode."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import Switches
from mkdesk.emulator.faults import FAULT_KINDS, OPTIONAL_FAULT_KINDS, FaultInjector
from mkdesk.emulator.server import serve_in_thread

from .conftest import KEY, V1, config, generated_store, hand_store, in_process

CREDS = {"company_id": "4711", "secret_key": KEY}
ORDER = {**CREDS, "doc_type": "sales_order", "doc_date": "02.03.2026",
         "partner": {"mk_id": "400071680001", "mk_address_id": "400082840001"},
         "product_list": [{"code": "MIŠKA", "amount": "1"}]}  # fmt: skip


def check(kind: str, send) -> None:  # noqa: ANN001
    """Assert what a client sees for one fault kind (send() posts a put_document and returns the response)."""
    if kind == "drop":
        with pytest.raises(httpx.TransportError):
            send()
        return
    started = time.perf_counter()
    response = send()
    if kind in ("http_404", "http_500", "http_502", "http_503"):
        assert response.status_code == int(kind[-3:]) and response.headers["content-type"].startswith("text/html")
    elif kind == "html_200":
        assert response.status_code == 200 and "<html" in response.text
    elif kind == "truncated":
        assert response.status_code == 200 and response.headers["content-type"] == "application/json"
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)
    elif kind == "quota":
        assert (response.json()["opr_code"], response.json()["opr_desc"]) == ("5", "Quota exceeded")
    elif kind == "slow":
        assert response.json()["opr_code"] == "0" and time.perf_counter() - started >= 0.1


def orders(store) -> int:  # noqa: ANN001
    return len(store.documents["sales_order"])


@pytest.mark.parametrize("kind", FAULT_KINDS + OPTIONAL_FAULT_KINDS)
def test_each_fault_over_loopback(kind):
    store = hand_store()
    cfg = config(faults=1.0, fault_seed=3, fault_kinds=(kind,), fault_delay_ms=60)
    with serve_in_thread(cfg, store) as handle, httpx.Client(base_url=handle.url, timeout=5) as client:
        check(kind, lambda: client.post(V1 + "put_document", json=ORDER))
        assert orders(handle.store) == 4 + (kind == "slow")  # only "slow" runs the write
        assert handle.app.state.faults.injected == [kind]


@pytest.mark.parametrize("kind", FAULT_KINDS + OPTIONAL_FAULT_KINDS)
def test_each_fault_in_process(kind):
    api = in_process(hand_store(), faults=1.0, fault_seed=3, fault_kinds=(kind,), fault_delay_ms=60)
    check(kind, lambda: api.client.post(V1 + "put_document", json=ORDER))
    assert orders(api.store) == 4 + (kind == "slow")


def test_dropped_connection_through_plain_asgi_transport():
    app = create_app(config(faults=1.0, fault_kinds=("drop",)), hand_store())

    async def main():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mk") as client:
            await client.post(V1 + "search", json={**CREDS, "doc_type": "sales_order"})

    with pytest.raises(httpx.TransportError):
        asyncio.run(main())


def test_random_faults_never_change_data():
    store = generated_store()
    partner = next(iter(store.partners.values()))
    order = {**ORDER, "partner": {"mk_id": partner.mk_id, "mk_address_id": partner.addresses[0].mk_id},
             "product_list": [{"code": next(iter(store.products.values())).code, "amount": "1"}]}  # fmt: skip
    before = len(store.documents["sales_order"])
    cfg = config(faults=0.6, fault_seed=11, fault_delay_ms=5)
    with serve_in_thread(cfg, store) as handle, httpx.Client(base_url=handle.url, timeout=5) as client:
        created = 0
        for _ in range(40):
            try:
                response = client.post(V1 + "put_document", json=order)
                if response.status_code == 200 and response.json().get("opr_code") == "0":
                    created += 1
            except (httpx.TransportError, json.JSONDecodeError):
                pass
        injected = handle.app.state.faults.injected
        assert set(injected) - {"slow"}, injected
        assert orders(handle.store) == before + created  # every order in the store was acknowledged


def test_fault_sequence_is_repeatable_with_a_seed():
    cfg = config(faults=0.5, fault_seed=42)
    a, b = FaultInjector(cfg), FaultInjector(cfg)
    assert [a.pick() for _ in range(50)] == [b.pick() for _ in range(50)]
    assert FaultInjector(config()).pick() is None
    assert "http_404" not in {FaultInjector(config(faults=1.0)).pick() for _ in range(200)}
    with pytest.raises(ValueError):
        FaultInjector(config(fault_kinds=("meteor",)))


def test_write_reply_lost_mode_applies_then_drops():
    cfg = config(faults=1.0, fault_kinds=("drop",), switches=Switches(write_reply_lost=True))
    with serve_in_thread(cfg, hand_store()) as handle, httpx.Client(base_url=handle.url, timeout=5) as client:
        with pytest.raises(httpx.TransportError):
            client.post(V1 + "put_document", json=ORDER)
        assert orders(handle.store) == 5  # the write happened, the reply was lost
        with pytest.raises(httpx.TransportError):
            client.post(V1 + "search", json={**CREDS, "doc_type": "sales_order"})  # reads just drop
