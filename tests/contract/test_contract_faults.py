"""Contract tests (client ↔ emulator over loopback HTTP) under injected faults: reads recover through retries
and return exactly the fault-free data; writes are never resent."""

from __future__ import annotations

import logging
from collections import Counter
from decimal import Decimal

import httpx
import pytest

from mkdesk.core.erp import (
    DocumentDraft,
    LineDraft,
    MetakockaError,
    PartnerRef,
    WriteOutcomeUnknown,
)
from mkdesk.emulator.config import Switches
from tests.contract.conftest import CONFIG, SECRET, serve, use


class Counting(httpx.AsyncHTTPTransport):
    """A real HTTP transport that counts requests per endpoint."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()

    async def handle_async_request(self, request):
        self.calls[request.url.path.rsplit("/", 1)[-1]] += 1
        return await super().handle_async_request(request)


async def _snapshot(c):
    return {
        "orders": await c.search_all("sales_order", limit=10),
        "bills": await c.search_all("sales_bill_domestic", result="ids", limit=10),
        "products": await c.all_products(return_pricelist=True, return_stock=True, page_size=10),
        "partners": await c.all_partners(),
        "warehouses": await c.warehouse_list(),
        "stock": await c.stock_levels(page_size=10),
        "one": await c.get_document("sales_order", "400000010001"),
    }


def test_reads_through_faults_equal_fault_free_reads(caplog):
    caplog.set_level(logging.DEBUG)
    clean_calls, faulty_calls = Counting(), Counting()
    with serve() as clean:
        expected = use(clean, _snapshot, transport=clean_calls)
    with serve(faults=0.3, fault_seed=11, fault_delay_ms=5) as faulty:
        got = use(faulty, _snapshot, transport=faulty_calls)
    assert got == expected
    assert sum(clean_calls.calls.values()) > 20  # many pages
    assert sum(faulty_calls.calls.values()) > sum(clean_calls.calls.values()) + 3  # faults happened and were retried
    assert "retrying" in caplog.text
    assert SECRET not in caplog.text


def _draft(ref: PartnerRef, code: str, buyer_order: str) -> DocumentDraft:
    return DocumentDraft("sales_order", CONFIG.today, ref,
                         [LineDraft(code=code, amount=Decimal(1), price=Decimal("10"), tax="EX4")],
                         buyer_order=buyer_order)


def _ref_and_code(store):
    partner = next(iter(store.partners.values()))
    product = next(p for p in store.products.values() if not p.service)
    return PartnerRef(partner.mk_id, partner.addresses[0].mk_id), product.code


@pytest.mark.parametrize("kind", ["drop", "http_500", "http_503", "html_200", "truncated"])
def test_a_write_hit_by_a_fault_raises_and_is_not_resent(kind):
    counting = Counting()
    switches = Switches(write_reply_lost=True)
    with serve(faults=1.0, fault_seed=1, fault_kinds=(kind,), switches=switches) as handle:
        ref, code = _ref_and_code(handle.store)
        before = len(handle.store.documents["sales_order"])
        with pytest.raises(WriteOutcomeUnknown) as caught:
            use(handle, lambda c: c.put_document(_draft(ref, code, "WEB-FAULT-1")), transport=counting)
        created = [d for d in handle.store.documents["sales_order"].values() if d.buyer_order == "WEB-FAULT-1"]
    assert counting.calls["put_document"] == 1
    assert len(handle.store.documents["sales_order"]) - before == len(created) <= 1
    if kind == "drop":
        assert len(created) == 1  # the write happened and only the reply was lost: exactly why it is not resent
    assert "buyer order" in caught.value.user_message


def test_quota_on_a_write_is_reported_not_resent():
    counting = Counting()
    with serve(faults=1.0, fault_seed=1, fault_kinds=("quota",)) as handle:
        ref, code = _ref_and_code(handle.store)
        with pytest.raises(MetakockaError) as caught:
            use(handle, lambda c: c.put_document(_draft(ref, code, "WEB-Q")), transport=counting)
    assert counting.calls["put_document"] == 1
    assert caught.value.opr_code == "5" and not caught.value.retryable


def test_many_writes_under_faults_never_duplicate():
    counting = Counting()
    with serve(faults=0.3, fault_seed=5, fault_delay_ms=5, switches=Switches(write_reply_lost=True)) as handle:
        ref, code = _ref_and_code(handle.store)

        async def go(c):
            outcomes = []
            for i in range(30):
                try:
                    await c.put_document(_draft(ref, code, f"WEB-MANY-{i}"))
                    outcomes.append("ok")
                except MetakockaError as error:
                    outcomes.append(type(error).__name__)
            return outcomes

        outcomes = use(handle, go, transport=counting)
        per_order = Counter(d.buyer_order for d in handle.store.documents["sales_order"].values()
                            if d.buyer_order and d.buyer_order.startswith("WEB-MANY-"))
    assert counting.calls["put_document"] == 30  # one request per write, whatever happened
    assert set(outcomes) - {"ok"}  # some writes were hit
    assert all(n == 1 for n in per_order.values())  # never a duplicate
    assert outcomes.count("ok") <= len(per_order)


def test_recovering_from_a_lost_write_reply_by_looking_it_up():
    """The reply of a put_document is lost after the write happened; the caller looks it up by buyer order (as
    WriteOutcomeUnknown says) and finds exactly one document instead of creating a second one."""
    from mkdesk.emulator.server import serve_in_thread

    with serve(faults=1.0, fault_seed=3, fault_kinds=("drop",), switches=Switches(write_reply_lost=True)) as faulty:
        ref, code = _ref_and_code(faulty.store)
        with pytest.raises(WriteOutcomeUnknown) as caught:
            use(faulty, lambda c: c.put_document(_draft(ref, code, "WEB-LOST-1")))
        lookup = caught.value.lookup
        # the same company (store) served without faults, as after a reconnect
        with serve_in_thread(CONFIG, store=faulty.store) as healthy:
            found = use(healthy, lambda c: c.find_document(lookup["doc_type"], buyer_order=lookup["buyer_order"]))
            matches = use(healthy, lambda c: c.search_all("sales_order", result="ids",
                                                          filters={"customer_order": "WEB-LOST-1"}))
    assert lookup == {"doc_type": "sales_order", "buyer_order": "WEB-LOST-1"}
    assert found is not None and found.buyer_order == "WEB-LOST-1"
    assert [m.mk_id for m in matches] == [found.mk_id]
