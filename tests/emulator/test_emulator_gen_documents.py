"""Tests for mkdesk.emulator.gen_documents: numbering series, the document builder's chains, ids, links, dates."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from mkdesk.emulator.gen_catalog import build_pricelists, build_products, build_warehouses
from mkdesk.emulator.gen_documents import (
    NUMBERING,
    OPEN_ORDER_STATUSES,
    DocumentBuilder,
    next_count_code,
    series_name,
)
from mkdesk.emulator.gen_lines import make_line_factory, make_payment_factory, payment_plan
from mkdesk.emulator.gen_partners import PartnerBuilder, PartnerInfo, Pools
from mkdesk.emulator.generator import BILL_STATUSES, OFFER_STATUSES, ORDER_STATUSES
from mkdesk.emulator.model import BILL_TYPES, SALES_DOC_TYPES, TZ, Document, Store

TODAY = date(2026, 11, 24)
YESTERDAY = TODAY - timedelta(days=1)
POOLS = Pools(male=["Janez", "Marko", "Luka"], female=["Ana", "Maja", "Špela"],
              surnames=["Novak", "Horvat", "Kovačič", "Žnidaršič", "Zupan", "Krajnc", "Golob", "Vidmar"],
              streets=["Celovška cesta", "Dunajska cesta", "Tržaška cesta"])


def company(partners: int = 120) -> tuple[Store, list[PartnerInfo]]:
    store = Store("4711", "k", TODAY)
    store.order_statuses, store.offer_statuses = dict(ORDER_STATUSES), dict(OFFER_STATUSES)
    store.bill_statuses = dict(BILL_STATUSES)
    build_warehouses(store, 3)
    build_pricelists(store, TODAY)
    catalog = build_products(store, random.Random(1), 80)
    infos = PartnerBuilder(store, random.Random(2), POOLS, TODAY).build(partners)
    store.line_factory = make_line_factory(catalog)
    store.payment_factory = make_payment_factory(YESTERDAY)
    return store, infos


def built(target: int = 900, seed: int = 3) -> tuple[Store, DocumentBuilder]:
    store, infos = company()
    builder = DocumentBuilder(store, random.Random(seed), infos, TODAY, "tehnomarket.si")
    builder.build(target)
    builder.finish()
    return store, builder


@pytest.fixture(scope="module")
def gen() -> tuple[Store, DocumentBuilder]:
    return built()


def docs_of(store: Store) -> list[Document]:
    return list(store.all_documents())


# ----- numbering ------------------------------------------------------------------------------------------------
def test_numbering_covers_every_sales_type() -> None:
    assert set(NUMBERING) == set(SALES_DOC_TYPES)
    assert len({prefix for prefix, _digits in NUMBERING.values()}) == len(NUMBERING)
    assert series_name("sales_order", 2026) == "PP-2026"
    assert series_name("sales_bill_domestic", 2025) == "1-MK-2025"


def test_next_count_code_per_year_series() -> None:
    store = Store("4711", "k", TODAY)
    assert next_count_code(store, "sales_order", date(2026, 1, 5)) == "PP-2026-00001"
    assert next_count_code(store, "sales_order", date(2026, 12, 31)) == "PP-2026-00002"
    assert next_count_code(store, "sales_order", date(2025, 12, 31)) == "PP-2025-00001"  # a year of its own
    assert next_count_code(store, "sales_offer", date(2026, 1, 5)) == "PON-2026-00001"
    assert next_count_code(store, "sales_bill_domestic", date(2026, 1, 5)) == "1-MK-2026-0001"
    assert next_count_code(store, "sales_bill_foreign", date(2026, 1, 5)) == "2-MK-2026-0001"
    assert next_count_code(store, "sales_bill_retail", date(2026, 1, 5)) == "MP-2026-0001"
    assert next_count_code(store, "sales_bill_credit_note", date(2026, 1, 5)) == "DOB-2026-0001"
    assert next_count_code(store, "sales_bill_prepaid", date(2026, 1, 5)) == "AV-2026-0001"
    store.set_number("1-MK-2026", 9999)
    assert next_count_code(store, "sales_bill_domestic", date(2026, 3, 1)) == "1-MK-2026-10000"  # grows past 4


def test_generated_numbers_run_per_year_in_creation_order(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    for doc_type, (prefix, digits) in NUMBERING.items():
        per_year: dict[int, list[tuple[datetime, int]]] = {}
        for doc in store.documents[doc_type].values():
            match = re.fullmatch(rf"{re.escape(prefix)}-(\d{{4}})-(\d{{{digits}}})", doc.count_code)
            assert match, doc.count_code
            assert int(match.group(1)) == doc.doc_date.year
            per_year.setdefault(doc.doc_date.year, []).append((doc.created_ts, int(match.group(2))))
        for entries in per_year.values():
            entries.sort()
            assert [n for _ts, n in entries] == list(range(1, len(entries) + 1))


def test_numbering_continues_after_generation(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    for doc_type in ("sales_order", "sales_bill_domestic", "sales_offer"):
        prefix, digits = NUMBERING[doc_type]
        for year in {d.doc_date.year for d in store.documents[doc_type].values()}:
            used = [int(d.count_code.rsplit("-", 1)[1]) for d in store.documents[doc_type].values()
                    if d.doc_date.year == year]
            assert next_count_code(store, doc_type, date(year, 6, 1)) == f"{prefix}-{year}-{max(used) + 1:0{digits}d}"
    assert next_count_code(store, "sales_order", date(TODAY.year + 1, 1, 2)) == f"PP-{TODAY.year + 1}-00001"


# ----- ids -------------------------------------------------------------------------------------------------------
def test_ids_ascend_with_creation_and_continue_after(gen: tuple[Store, DocumentBuilder]) -> None:
    store, builder = gen
    assert sum(len(d) for d in store.documents.values()) == len(builder.docs) == 900
    for doc_type, docs in store.documents.items():
        if not docs:
            continue
        ordered = sorted(docs.values(), key=lambda d: int(d.mk_id))
        assert [d.created_ts for d in ordered] == sorted(d.created_ts for d in ordered), doc_type
        ids = [int(k) for k in docs]
        gaps = {b - a for a, b in zip(ids, ids[1:], strict=False)}
        assert gaps <= {1, 2}, doc_type
        assert int(store.next_id(doc_type)) == max(ids) + 1


def test_builder_is_deterministic(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    again, _ = built()
    assert [(d.mk_id, d.count_code, d.partner.mk_id, d.seed, d.last_change) for d in docs_of(again)] == \
           [(d.mk_id, d.count_code, d.partner.mk_id, d.seed, d.last_change) for d in docs_of(store)]
    other, _ = built(seed=4)
    assert [d.seed for d in docs_of(other)] != [d.seed for d in docs_of(store)]


@pytest.mark.parametrize("target", [1, 7, 40])
def test_exact_document_count(target: int) -> None:
    store, builder = built(target)
    assert len(docs_of(store)) == target
    ids = {d.mk_id for d in docs_of(store)}
    for doc in docs_of(store):  # links never point at a dropped document
        assert all(link.mk_id in ids for link in doc.doc_links)


# ----- chains and links ---------------------------------------------------------------------------------------------
def test_links_are_symmetric_and_share_the_seed(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    kinds = Counter()
    for doc in docs_of(store):
        for link in doc.doc_links:
            other = store.documents[link.doc_type][link.mk_id]
            assert other.count_code == link.count_code
            assert [k.mk_id for k in other.doc_links].count(doc.mk_id) == 1
            assert other.partner.mk_id == doc.partner.mk_id
            kinds[(doc.doc_type, other.doc_type)] += 1
            if "sales_bill_credit_note" not in (doc.doc_type, other.doc_type):
                assert other.seed == doc.seed  # order, offer and bill of one chain carry the same lines
                assert [x.code for x in store.lines(doc)] == [x.code for x in store.lines(other)]
            else:  # a credit note has lines of its own, 2–40 days after its bill
                bill, note = (doc, other) if other.doc_type == "sales_bill_credit_note" else (other, doc)
                assert note.seed != bill.seed and 2 <= (note.doc_date - bill.doc_date).days <= 40
    assert kinds[("sales_order", "sales_bill_domestic")] > 30
    assert kinds[("sales_order", "sales_offer")] > 5
    assert kinds[("sales_bill_domestic", "sales_bill_credit_note")] >= 1


def test_orders_from_offers(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    from_offer = [d for d in store.documents["sales_order"].values() if d.offer_list]
    assert from_offer
    offers = {o.count_code: o for o in store.documents["sales_offer"].values()}
    for order in from_offer:
        offer = offers[order.offer_list[0]]
        assert offer.status_desc in ("accepted", None)
        assert offer.doc_date < order.doc_date <= offer.doc_date + timedelta(days=12)
        assert offer.last_change >= order.created_ts  # accepted when ordered


def test_invoiced_orders_are_closed(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    for order in store.documents["sales_order"].values():
        bills = [k for k in order.doc_links if k.doc_type in ("sales_bill_domestic", "sales_bill_foreign")]
        if bills:
            assert order.status_desc not in OPEN_ORDER_STATUSES and order.status_desc != "canceled"
            bill = store.documents[bills[0].doc_type][bills[0].mk_id]
            assert order.last_change >= bill.created_ts and bill.doc_date >= order.doc_date
            assert bill.warehouse == order.warehouse
        if order.tracking_code:
            assert order.shipped_date and bills
            pattern = {"Pošta Slovenije": r"PD\d{9}SI", "DPD": r"\d{14}", "GLS": r"\d{11}"}[order.delivery_type or ""]
            assert re.fullmatch(pattern, order.tracking_code)


# ----- headers ------------------------------------------------------------------------------------------------------
def test_dates_and_change_times(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    end = datetime.combine(YESTERDAY, time(23, 59, 59), TZ)
    for doc in docs_of(store):
        assert doc.doc_date <= YESTERDAY and doc.created_ts.date() == doc.doc_date
        assert doc.created_ts <= doc.last_change <= end
        if doc.doc_type != "sales_order":  # only web-shop orders come in around the clock
            assert time(7, 30) <= doc.created_ts.time() <= time(16, 30)


def test_order_status_follows_age(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    for order in store.documents["sales_order"].values():
        age = (YESTERDAY - order.doc_date).days
        if order.status_desc is not None:
            assert order.status_label == ORDER_STATUSES[order.status_desc]
        if age <= 3:
            assert order.status_desc in (*OPEN_ORDER_STATUSES, None)
        elif age > 45:
            assert order.status_desc in ("shipped", "completed", "canceled", None)
        if order.status_desc in ("shipped", "completed"):
            assert order.shipped_date is not None and order.doc_date <= order.shipped_date <= YESTERDAY
        assert order.warehouse in ("glavno", "MB", "KP", None)
        assert order.delivery_type in store.delivery_types


def test_web_orders_numbered_in_id_order(gen: tuple[Store, DocumentBuilder]) -> None:
    store, builder = gen
    web = sorted(builder.web_orders, key=lambda d: int(d.mk_id))
    assert len(web) > 10
    numbers = [int((d.buyer_order or "").removeprefix("WEB-")) for d in web]
    assert numbers == sorted(set(numbers)) and numbers[0] > 88000
    assert all(d.method_of_payment in ("Kartica", "Predračun") for d in web)
    refs = [d.buyer_order for d in store.documents["sales_order"].values() if d.buyer_order]
    assert len(refs) == len(set(refs))
    assert any(re.fullmatch(r"NAR-\d{4}/\d{4}", r or "") for r in refs)


def test_bills(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    states = Counter()
    for doc_type in BILL_TYPES:
        for bill in store.documents[doc_type].values():
            states[bill.pay_state] += 1
            assert bill.publish_ts is not None and bill.created_ts <= bill.publish_ts <= bill.last_change
            assert bill.publish_ts.date() == bill.doc_date
            if doc_type in ("sales_bill_retail", "sales_bill_credit_note"):
                assert bill.due_date == bill.doc_date and bill.pay_state == "paid"
            else:
                assert bill.due_date is not None and (bill.due_date - bill.doc_date).days in (8, 15, 30)
            if doc_type == "sales_bill_prepaid":
                assert bill.pay_state == "paid"
            if bill.status_desc is not None:
                assert bill.status_label == BILL_STATUSES[bill.status_desc]
            if bill.status_desc == "reminder_sent":
                assert bill.pay_state != "paid" and bill.due_date < TODAY
            plan = payment_plan(bill, YESTERDAY)
            if plan:  # the last payment changes the document
                assert bill.last_change.date() >= plan[-1][0]
            total = store.sums(bill).all
            paid = sum(p.amount for p in store.payments(bill))
            if bill.pay_state == "paid":
                assert paid == total
            elif bill.pay_state == "partial":
                assert 0 < abs(paid) < abs(total)
            else:
                assert paid == 0
    assert states["paid"] and states["partial"] and states["unpaid"]


def test_offers(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    offers = list(store.documents["sales_offer"].values())
    assert offers
    for offer in offers:
        assert offer.valid_to is not None and (offer.valid_to - offer.doc_date).days in (15, 30)
        if offer.status_desc is not None:
            assert offer.status_label == OFFER_STATUSES[offer.status_desc]
        assert offer.pay_state is None and store.payments(offer) == []
    assert any(o.title for o in offers)


def test_commercialists_only_on_business_documents(gen: tuple[Store, DocumentBuilder]) -> None:
    store, _ = gen
    with_rep = [d for d in docs_of(store) if d.commercialist_email]
    assert with_rep
    for doc in with_rep:
        assert doc.partner.business_entity and doc.doc_type in ("sales_offer", "sales_order")
        assert re.fullmatch(r"[a-z]+\.[a-z]+@tehnomarket\.si", doc.commercialist_email or "")


def test_document_discounts() -> None:
    store, builder = built(2500, seed=5)
    assert builder.discounted
    for doc in builder.discounted:
        lines_total = store.sums(doc).all + (doc.discount_value or 0)
        if doc.discount_value is not None:
            assert lines_total > 50 and doc.discount_value == max(1, int(lines_total * Decimal("0.03")))
        else:
            assert lines_total <= 50
    assert all(d.discount_value is None for d in docs_of(store) if d not in builder.discounted)


# ----- helpers ------------------------------------------------------------------------------------------------------
def test_helpers() -> None:
    store, infos = company(40)
    builder = DocumentBuilder(store, random.Random(1), infos, TODAY, "x.si")
    info = infos[0]
    for _ in range(300):
        day = builder.start_date(info)
        assert info.created <= day <= YESTERDAY
        ts = builder.stamp(day)
        assert ts.date() == day and time(7, 30) <= ts.time() <= time(16, 30)
        late = builder.later(ts, YESTERDAY + timedelta(days=3))
        assert ts <= late <= datetime.combine(YESTERDAY, time(23, 59, 59), TZ)
        assert builder.later(ts, day - timedelta(days=5)) == ts  # never before the start
    empty = DocumentBuilder(store, random.Random(1), [], TODAY, "x.si")
    assert empty.pick("domestic") is None and empty.pick("foreign") is None
    assert empty.build(0) == []
    assert all(i.foreign for i in builder.pools["foreign"][0]) and all(i.private for i in builder.pools["private"][0])
    assert all(i.weight > 0 for pool in builder.pools.values() for i in pool[0])
