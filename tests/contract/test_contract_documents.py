"""Contract tests (client ↔ emulator over loopback HTTP): search, get/put/replace/update/delete documents,
status, payments, reports and tracking codes."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from mkdesk.core.erp import (
    BusinessRule,
    DocumentDraft,
    InvalidRequest,
    LineDraft,
    NotFound,
    PartnerData,
    PartnerRef,
    UnknownProduct,
)
from mkdesk.core.erp.drafts import ContactDraft
from mkdesk.core.erp.wire import TZ
from mkdesk.core.models import DocumentRef, SalesDocument
from tests.contract.conftest import serve, use

TODAY = date(2026, 3, 2)


async def _partner_ref(c) -> PartnerRef:
    partner = (await c.get_partner("name", ""))[0]
    return PartnerRef(partner.mk_id, partner.billing_address.mk_id)


async def _products(c, n=2):
    page = await c.product_list(limit=50, return_pricelist=True)
    return [p for p in page.items if not p.service][:n]


def _order(ref, products, **kw) -> DocumentDraft:
    lines = [
        LineDraft(code=p.code, amount=Decimal(i + 2), price_with_tax=Decimal("12.20"), tax="EX4")
        for i, p in enumerate(products)
    ]
    return DocumentDraft(doc_type=kw.pop("doc_type", "sales_order"), doc_date=kw.pop("doc_date", TODAY), partner=ref,
                         lines=lines, **kw)


# ----- search ------------------------------------------------------------------------------------------------------


def test_search_full_documents_decode(emu):
    page = use(emu, lambda c: c.search("sales_order"))
    assert page.total == len(emu.store.documents["sales_order"])
    assert all(isinstance(d, SalesDocument) and d.doc_type == "sales_order" for d in page.items)
    for doc in page.items:
        stored = emu.store.documents["sales_order"][doc.mk_id]
        sums = emu.store.sums(stored)
        assert doc.sum_all == sums.all and isinstance(doc.sum_all, Decimal)
        assert doc.doc_date == stored.doc_date
        assert doc.count_code == stored.count_code
        assert doc.status_desc == stored.status_desc
        assert doc.lines and all(line.amount is not None for line in doc.lines)
        assert doc.created_ts is not None and doc.created_ts.tzinfo is not None


def test_search_doc_type_is_set_from_the_request(emu):
    for doc_type, docs in emu.store.documents.items():
        page = use(emu, lambda c: c.search(doc_type, limit=5))
        assert len(page.items) == min(5, len(docs))
        assert all(d.doc_type == doc_type for d in page.items)


def test_paging_at_the_cap_sees_every_id_once():
    with serve(scale="small") as handle:

        async def go(c):
            pages = [p async for p in c.iter_search("sales_order", result="ids", limit=500)]
            return pages

        pages = use(handle, go)
        expected = list(handle.store.documents["sales_order"])
    assert len(expected) > 300
    assert all(len(p.items) <= 100 for p in pages)
    assert [len(p.items) for p in pages[:-1]] == [100] * (len(pages) - 1)
    assert all(p.total == len(expected) for p in pages)
    ids = [ref.mk_id for p in pages for ref in p.items]
    assert ids == expected  # every id once, in mk_id order
    assert all(isinstance(ref, DocumentRef) for p in pages for ref in p.items)


def test_search_filters(emu):
    status = "completed"

    async def go(c):
        by_status = await c.search_all("sales_order", filters={"status_list": [status]}, result="ids")
        by_date = await c.search_all("sales_bill_domestic", filters={"doc_date_from": date(2025, 1, 1),
                                                                     "doc_date_to": date(2025, 12, 31)})
        return by_status, by_date

    by_status, by_date = use(emu, go)
    stored = emu.store.documents["sales_order"].values()
    assert {r.mk_id for r in by_status} == {d.mk_id for d in stored if d.status_desc == status}
    assert by_date and all(date(2025, 1, 1) <= d.doc_date <= date(2025, 12, 31) for d in by_date)
    assert len(by_date) == sum(
        1 for d in emu.store.documents["sales_bill_domestic"].values() if d.doc_date.year == 2025
    )


def test_offers_reject_doc_date_filters(emu):
    with pytest.raises(InvalidRequest) as caught:
        use(emu, lambda c: c.search("sales_offer", filters={"doc_date_from": date(2026, 1, 1)}))
    assert caught.value.opr_code == "1"


def test_discovery_lists_last_change_for_sales_orders(emu):
    async def go(c):
        return (await c.supports_filter("sales_order", "last_change_from"),
                await c.supports_filter("sales_offer", "last_change_from"))

    assert use(emu, go) == (True, False)


def test_last_change_window_shows_a_change_made_through_the_client(fresh):
    async def go(c):
        before = datetime.now(TZ) - timedelta(seconds=2)
        first = await c.search_all("sales_order", result="ids", filters={"last_change_from": before})
        target = next(iter(fresh.store.documents["sales_order"]))
        await c.update_document("sales_order", target, notes="Poklicati kupca.")
        after = await c.search_all("sales_order", result="ids",
                                   filters={"last_change_from": before,
                                            "last_change_to": datetime.now(TZ) + timedelta(seconds=2)})
        old_window = await c.search_all("sales_order", result="ids",
                                        filters={"last_change_from": datetime(2000, 1, 1, tzinfo=TZ),
                                                 "last_change_to": before})
        return target, first, after, old_window

    target, first, after, old_window = use(fresh, go)
    assert target not in {r.mk_id for r in first}
    assert target in {r.mk_id for r in after}
    assert target not in {r.mk_id for r in old_window}


# ----- get ---------------------------------------------------------------------------------------------------------


def test_get_document_by_id_and_buyer_order(emu):
    stored = next(d for d in emu.store.documents["sales_order"].values() if d.buyer_order)

    async def go(c):
        return (await c.get_document("sales_order", stored.mk_id),
                await c.get_document("sales_order", buyer_order=stored.buyer_order))

    by_id, by_buyer = use(emu, go)
    assert by_id == by_buyer
    assert by_id.mk_id == stored.mk_id and by_id.buyer_order == stored.buyer_order
    assert by_id.sum_all == emu.store.sums(stored).all


def test_get_bill_with_payments_and_open_balance(emu):
    bills = emu.store.documents["sales_bill_domestic"].values()
    partial = next(d for d in bills if emu.store.payments(d) and sum(p.amount for p in emu.store.payments(d))
                   < emu.store.sums(d).all)
    unpaid = next(d for d in bills if not emu.store.payments(d))

    async def go(c):
        return await c.get_document("sales_bill_domestic", partial.mk_id), await c.get_document(
            "sales_bill_domestic", unpaid.mk_id)

    doc, open_doc = use(emu, go)
    paid = sum((p.amount for p in emu.store.payments(partial)), Decimal(0))
    assert doc.sum_paid == paid
    assert sum((p.amount for p in doc.payments), Decimal(0)) == paid  # "1.895,01"-style amounts decoded
    assert doc.open_balance == emu.store.sums(partial).all - paid > 0
    assert all(isinstance(p.date, date) for p in doc.payments)
    assert open_doc.sum_paid == 0 and open_doc.open_balance == open_doc.sum_all


def test_missing_document_is_not_found(emu):
    with pytest.raises(NotFound):
        use(emu, lambda c: c.get_document("sales_order", "400000099999"))
    assert use(emu, lambda c: c.find_document("sales_order", "400000099999")) is None


# ----- writes ------------------------------------------------------------------------------------------------------


def test_put_document_then_get_it_back(fresh):
    async def go(c):
        ref = await _partner_ref(c)
        products = await _products(c)
        created = await c.put_document(_order(ref, products, buyer_order="WEB-CT-1", notes="Hvala."))
        return ref, created, await c.get_document("sales_order", created.mk_id)

    ref, created, doc = use(fresh, go)
    stored = fresh.store.documents["sales_order"][created.mk_id]
    assert created.partner_mk_id == ref.mk_id
    assert doc.partner.mk_id == ref.mk_id
    assert doc.buyer_order == "WEB-CT-1" and doc.notes == "Hvala." and doc.doc_date == TODAY
    assert doc.sum_all == fresh.store.sums(stored).all
    assert doc.sum_all == Decimal("12.20") * 5  # 2 + 3 pieces at 12.20 gross
    assert [line.amount for line in doc.lines] == [Decimal(2), Decimal(3)]


def test_count_code_reuse_gives_an_automatic_number(fresh):
    async def go(c):
        ref = await _partner_ref(c)
        products = await _products(c, 1)
        first = await c.put_document(_order(ref, products, count_code="PP-CT-7"))
        second = await c.put_document(_order(ref, products, count_code="PP-CT-7"))
        return first, second

    first, second = use(fresh, go)
    assert first.count_code == "PP-CT-7"
    assert second.mk_id != first.mk_id and second.count_code and second.count_code != "PP-CT-7"


def test_inline_partner_creates_a_partner(fresh):
    before = len(fresh.store.partners)
    partner = PartnerData(name="Novak Test d.o.o.", street="Cesta 1", post_number="1000", place="Ljubljana",
                          country="SI", business_entity=True, taxpayer=True, tax_id_number="SI99999999",
                          contact=ContactDraft(name="Ana", email="ana@novak-test.si"))

    async def go(c):
        products = await _products(c, 1)
        created = await c.put_document(_order(partner, products))
        return created, await c.get_partner("id", created.partner_mk_id)

    created, found = use(fresh, go)
    assert len(fresh.store.partners) == before + 1
    assert found and found[0].name == "Novak Test d.o.o." and found[0].tax_id_number == "SI99999999"


def test_unknown_product_and_missing_tax(fresh):
    async def go(c):
        ref = await _partner_ref(c)
        with pytest.raises(UnknownProduct) as unknown:
            await c.put_document(DocumentDraft("sales_order", TODAY, ref,
                                               [LineDraft(code="NI-TAKEGA-1", amount=Decimal(1), price=Decimal(1),
                                                          tax="EX4")]))
        # a line that would create a catalogue product (it has a unit) but names no tax
        with pytest.raises(BusinessRule) as no_tax:
            await c.put_document(DocumentDraft("sales_order", TODAY, ref,
                                               [LineDraft(code="NOV-1", amount=Decimal(1), price=Decimal(1),
                                                          name="Nov izdelek", unit="kos")]))
        return unknown.value, no_tax.value

    before = len(fresh.store.documents["sales_order"])
    unknown, no_tax = use(fresh, go)
    assert unknown.product_code == "NI-TAKEGA-1" and unknown.opr_code == "8"
    assert (unknown.code, unknown.params) == ("unknown_product", {"code": "NI-TAKEGA-1"})
    assert no_tax.opr_code == "6" and "tax" in no_tax.user_message
    assert len(fresh.store.documents["sales_order"]) == before


def test_replace_versus_partial_update(fresh):
    async def go(c):
        ref = await _partner_ref(c)
        products = await _products(c, 2)
        created = await c.put_document(_order(ref, products, notes="prvi", buyer_order="WEB-CT-9"))
        await c.update_document("sales_order", created.mk_id, notes="drugi")
        partial = await c.get_document("sales_order", created.mk_id)
        await c.replace_document(created.mk_id, _order(ref, products[:1]))
        replaced = await c.get_document("sales_order", created.mk_id)
        return partial, replaced

    partial, replaced = use(fresh, go)
    assert partial.notes == "drugi" and len(partial.lines) == 2 and partial.buyer_order == "WEB-CT-9"
    assert len(replaced.lines) == 1
    assert replaced.notes is None and replaced.buyer_order is None  # omitted fields are cleared by a replacement


def test_delete_then_get_is_not_found(fresh):
    target = next(iter(fresh.store.documents["sales_order"]))

    async def go(c):
        await c.delete_document("sales_order", target)
        return await c.find_document("sales_order", target)

    assert use(fresh, go) is None
    assert target not in fresh.store.documents["sales_order"]


def test_status_change_and_invalid_status(fresh):
    target = next(iter(fresh.store.documents["sales_order"]))

    async def go(c):
        await c.change_document_status("sales_order", "ready_to_ship", mk_id=target)
        doc = await c.get_document("sales_order", target)
        with pytest.raises(InvalidRequest) as bad:
            await c.change_document_status("sales_order", "ni_takega", mk_id=target)
        return doc, bad.value

    doc, bad = use(fresh, go)
    assert doc.status_desc == "ready_to_ship" and doc.status_code == "Pripravljen za odpremo"
    assert "ni_takega" in bad.detail


def test_mark_orders_as_shipped(fresh):
    targets = list(fresh.store.documents["sales_order"])[:2]

    async def go(c):
        await c.mark_orders_as_shipped(mk_ids=targets)
        return [await c.get_document("sales_order", t) for t in targets]

    docs = use(fresh, go)
    assert all(d.status_desc == "shipped" for d in docs)


def test_put_transaction_changes_sum_paid(fresh):
    bill = next(d for d in fresh.store.documents["sales_bill_domestic"].values() if not fresh.store.payments(d))

    async def go(c):
        before = await c.get_document("sales_bill_domestic", bill.mk_id)
        await c.put_transaction("sales_bill_domestic", Decimal("1234.56"), "Transakcijski račun", mk_id=bill.mk_id,
                                paid_on=TODAY)
        return before, await c.get_document("sales_bill_domestic", bill.mk_id)

    before, after = use(fresh, go)
    assert before.sum_paid == 0
    assert after.sum_paid == Decimal("1234.56")
    assert after.open_balance == after.sum_all - Decimal("1234.56")
    assert any(p.amount == Decimal("1234.56") and p.date == TODAY for p in after.payments)


def test_report_is_a_pdf(emu):
    bill = next(iter(emu.store.documents["sales_bill_domestic"]))
    pdf = use(emu, lambda c: c.report(bill))
    assert pdf.startswith(b"%PDF") and len(pdf) > 500


def test_report_of_a_missing_document_is_an_error(emu):
    with pytest.raises(NotFound):
        use(emu, lambda c: c.report("400000099999"))


def test_search_tracking_code(emu):
    known = next(d for d in emu.store.documents["sales_order"].values() if d.tracking_code)

    async def go(c):
        return await c.search_tracking_code("NI-TAKE-KODE"), await c.search_tracking_code(known.tracking_code)

    missing, found = use(emu, go)
    assert missing == ()
    assert known.mk_id in {r.mk_id for r in found}


def test_concurrent_reads_and_writes_share_one_client(fresh):
    async def go(c):
        ref = await _partner_ref(c)
        products = await _products(c, 1)
        results = await asyncio.gather(
            c.search("sales_order", result="ids"),
            c.put_document(_order(ref, products, buyer_order="WEB-CT-PAR")),
            c.warehouse_list(),
            c.get_partner("name", ""),
        )
        return results[1]

    created = use(fresh, go)
    assert fresh.store.documents["sales_order"][created.mk_id].buyer_order == "WEB-CT-PAR"


def test_duplicate_buyer_order_when_the_company_enforces_it():
    from mkdesk.core.erp import DuplicateBuyerOrder
    from mkdesk.emulator.config import Switches

    with serve(switches=Switches(unique_buyer_order=True)) as handle:
        stored = next(d for d in handle.store.documents["sales_order"].values() if d.buyer_order)

        async def go(c):
            ref = await _partner_ref(c)
            products = await _products(c, 1)
            with pytest.raises(DuplicateBuyerOrder) as caught:
                await c.put_document(_order(ref, products, buyer_order=stored.buyer_order))
            return caught.value

        error = use(handle, go)
    assert stored.mk_id in {d.mk_id for d in error.duplicates}
    assert "buyer order" in error.user_message


def test_in_process_asgi_transport_gives_the_same_answers(emu):
    """`mkdesk demo` runs the emulator in-process through httpx.ASGITransport; the client behaves the same."""
    import httpx

    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.emulator.app import create_app

    async def go():
        app = create_app(emu.config)
        async with MetakockaClient("http://emulator", emu.company_id, Secret(emu.secret_key),
                                   transport=httpx.ASGITransport(app=app)) as c:
            page = await c.search("sales_order", limit=5)
            with pytest.raises(NotFound):
                await c.get_document("sales_order", "400000099999")
            return page

    in_process = asyncio.run(go())
    over_http = use(emu, lambda c: c.search("sales_order", limit=5))
    assert in_process == over_http
