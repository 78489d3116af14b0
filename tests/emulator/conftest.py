"""Emulator test fixtures: a small hand-built company, in-process and loopback clients that post raw JSON."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from mkdesk.emulator.app import create_app
from mkdesk.emulator.config import EmulatorConfig, Switches
from mkdesk.emulator.model import (
    TZ,
    Address,
    Contact,
    DocPartner,
    Document,
    Line,
    Partner,
    Payment,
    Pricelist,
    Product,
    StockRow,
    Store,
    Warehouse,
)

TODAY = date(2026, 3, 2)
KEY = "s3cret-key"
V1 = "/rest/eshop/v1/"
JSON = "/rest/eshop/v1/json/"


def hand_store() -> Store:
    """A tiny company with exactly known content (two warehouses, four products, three partners, 12 docs)."""
    s = Store("4711", KEY, TODAY)
    for mk_id, mark, main, country in (("1600000301", "glavno", True, "Slovenija"), ("1600000302", "MP", False, None)):
        s.warehouses[mk_id] = Warehouse(mk_id, mark, f"Skladišče {mark}", "Tržaška 1", "1000", "Ljubljana", country, main)
        s.reserve_id("warehouse", int(mk_id))
    s.pricelists["1"] = Pricelist("1", "MPC 2026", sales=True, gross=True)
    s.pricelists["VP"] = Pricelist("VP", "VPC 2026", sales=True, gross=False)
    products = [
        ("1600550001", "PA-1", "KAB-USB-C-2M", "USB-C kabel 2 m", "EX4", Decimal("10"), Decimal("0.06")),
        ("1600550002", "PA-2", "KNJIGA-1", "Knjiga", "EX5", Decimal("21"), Decimal("0.4")),
        ("1600550003", "PA-3", "MIŠKA", "Brezžična miška", "EX4", Decimal("24.4"), None),
        ("1600550004", "PA-4", "DOSTAVA", "Dostava", "EX4", Decimal("4.9"), None),
    ]
    for mk_id, count_code, code, name, tax, gross, weight in products:
        p = Product(mk_id, count_code, code, name, "kos", tax, "Splošno", weight=weight)
        p.prices = {"1": gross, "VP": (gross / Decimal("1.22")).quantize(Decimal("0.01"))}
        p.service = code == "DOSTAVA"
        p.eshop_sync = code != "KNJIGA-1"
        s.products[mk_id] = p
        s.reserve_id("product", int(mk_id))
    s.stock += [
        StockRow("1600000301", "1600550001", Decimal("40"), microlocation="A1"),
        StockRow("1600000301", "1600550001", Decimal("-2")),
        StockRow("1600000302", "1600550001", Decimal("5.5")),
        StockRow("1600000301", "1600550002", Decimal("863.75")),
        StockRow("1600000301", "1600550003", Decimal("3")),
    ]
    s.order_statuses = {"new_order": "Novo naročilo", "ready_to_ship": "Pripravljen za odpremo",
                        "shipped": "Odpremljen", "canceled": "Preklican"}  # fmt: skip
    s.offer_statuses = {"open": "Odprta"}
    s.bill_statuses = {"created": "Izdelan"}
    s.profit_centers = ["PC1"]
    partners = [
        ("400071680001", "812/2026", "Kovač d.o.o.", True, "SI12345678", "maja@kovac.si", "041 555 123"),
        ("400071680002", "813/2026", "Janez Novak", False, None, "janez.novak@gmail.com", "031 222 333"),
        ("400071680003", "814/2026", "Kovačija Horvat s.p.", True, "SI87654321", None, None),
    ]
    for i, (mk_id, code, name, business, tax, email, gsm) in enumerate(partners):
        address = Address(str(400082840001 + i), "Račun", f"Ulica {i + 1}", "1000", "Ljubljana", "Slovenija",
                          payment_due_days=15)  # fmt: skip
        partner = Partner(mk_id, code, name, business, business, False, tax, None, True, False, [address])
        if email or gsm:
            partner.contacts.append(Contact(str(400093000001 + i), address.mk_id, name, email, gsm))
        s.partners[mk_id] = partner
        s.reserve_id("partner", int(mk_id))
        s.reserve_id("address", int(address.mk_id))
        s.reserve_id("contact", 400093000001 + i)
    s.set_number("partner", 814)
    stamp = datetime(2026, 2, 20, 10, 0, tzinfo=TZ)
    specs = [  # (doc_type, day, partner index, status, buyer_order, paid)
        ("sales_order", 1, 0, "new_order", "WEB-1", None),
        ("sales_order", 5, 1, "ready_to_ship", "WEB-2", None),
        ("sales_order", 10, 2, "shipped", "WEB-3", None),
        ("sales_order", 20, 0, "new_order", None, None),
        ("sales_offer", 3, 0, "open", None, None),
        ("sales_offer", 15, 1, "open", None, None),
        ("sales_bill_domestic", 2, 0, "created", None, "full"),
        ("sales_bill_domestic", 8, 1, None, None, "partial"),
        ("sales_bill_domestic", 25, 2, "created", None, None),
        ("sales_bill_foreign", 12, 0, None, None, None),
        ("sales_bill_retail", 14, 1, None, None, "full"),
        ("sales_bill_credit_note", 16, 2, None, None, None),
    ]
    for n, (doc_type, day, pi, status, buyer_order, paid) in enumerate(specs):
        partner = list(s.partners.values())[pi]
        address = partner.addresses[0]
        dp = DocPartner(partner.mk_id, address.mk_id, partner.count_code, partner.customer, address.street,
                        address.post_number, address.city, "Slovenia", "SI", partner.business_entity,
                        partner.taxpayer, False, partner.tax_id_number)  # fmt: skip
        product = list(s.products.values())[n % 3]
        line = Line(s.next_id("row"), product.mk_id, product.count_code, product.code, product.name, "kos",
                    Decimal(n % 3 + 1), Decimal("8.1967"), product.tax)  # fmt: skip
        labels = {**s.order_statuses, **s.offer_statuses, **s.bill_statuses}
        doc = Document(s.next_id(doc_type), doc_type, f"{doc_type[:5].upper()}-{n + 1}", date(2026, 1 if day > 28 else 2, day),
                       dp, stamp, stamp.replace(day=day), status_label=labels.get(status or ""), status_desc=status,
                       buyer_order=buyer_order, warehouse="glavno" if doc_type != "sales_offer" else None,
                       lines=[line], payments=[])  # fmt: skip
        if doc_type == "sales_order" and n == 2:
            doc.tracking_code = "TRACK-123"
        total = s.sums(doc).all
        if paid == "full":
            doc.payments = [Payment(date(2026, 2, day + 1), total)]
        elif paid == "partial":
            doc.payments = [Payment(date(2026, 2, day + 1), Decimal("1"))]
        s.documents[doc_type][doc.mk_id] = doc
    return s


def config(**overrides: Any) -> EmulatorConfig:
    switches = overrides.pop("switches", Switches())
    return EmulatorConfig(scale="tiny", today=TODAY, seed=7, secret_key=KEY, company_id="4711",
                          switches=switches, **overrides)  # fmt: skip


class Api:
    """Posts raw JSON to the emulator (credentials added) and returns the parsed body."""

    def __init__(self, client: httpx.Client | httpx.AsyncClient, store: Store) -> None:
        self.client = client
        self.store = store

    def body(self, extra: dict[str, Any]) -> dict[str, Any]:
        return {"company_id": self.store.company_id, "secret_key": self.store.secret_key, **extra}

    def raw(self, path: str, /, **extra: Any) -> httpx.Response:
        assert isinstance(self.client, httpx.Client)
        return self.client.post(path, json=self.body(extra))

    def v1(self, name: str, /, **extra: Any) -> dict[str, Any]:
        response = self.raw(V1 + name, **extra)
        assert response.status_code == 200, response.text
        return response.json()

    def js(self, name: str, /, **extra: Any) -> dict[str, Any]:
        response = self.raw(JSON + name, **extra)
        assert response.status_code == 200, response.text
        return response.json()


def generated_store() -> Store:
    """The generator's tiny company (what the emulator serves when no store is given)."""
    from mkdesk.emulator.generator import generate

    return generate(config())


@pytest.fixture
def store() -> Store:
    """The hand-built company: for tests that need exactly known content."""
    return hand_store()


@pytest.fixture
def gen_store() -> Store:
    return generated_store()


@pytest.fixture
def gen_api(gen_store: Store) -> Iterator[Api]:
    """The emulator in-process over the generated tiny company."""
    client = in_process(gen_store)
    yield client
    client.client.close()


@pytest.fixture
def app_factory():  # type: ignore[no-untyped-def]
    return lambda store=None, **kw: create_app(config(**kw), store or hand_store())


class InProcess(httpx.BaseTransport):
    """A synchronous httpx transport that runs the ASGI app in-process on a private event loop."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.loop = asyncio.new_event_loop()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def go() -> httpx.Response:
            inner = httpx.Request(request.method, request.url, headers=request.headers, content=request.read())
            response = await self.inner.handle_async_request(inner)
            body = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=body)

        return self.loop.run_until_complete(go())

    def close(self) -> None:
        self.loop.close()


def in_process(store: Store, **kw: Any) -> Api:
    app = create_app(config(**kw), store)
    return Api(httpx.Client(transport=InProcess(app), base_url="http://emulator"), app.state.store)


@pytest.fixture
def api(store: Store) -> Iterator[Api]:
    """The emulator in-process (fast) over a hand-built store."""
    client = in_process(store)
    yield client
    client.client.close()


@pytest.fixture
def loop_api(gen_store: Store) -> Iterator[Api]:
    """The emulator on a real loopback port (uvicorn in a thread), serving the generated tiny company."""
    from mkdesk.emulator.server import serve_in_thread

    with serve_in_thread(config(), gen_store) as handle, httpx.Client(base_url=handle.url, timeout=10) as client:
        yield Api(client, handle.store)


def make_api(handle: Any) -> tuple[httpx.Client, Api]:
    client = httpx.Client(base_url=handle.url, timeout=10)
    return client, Api(client, handle.store)
