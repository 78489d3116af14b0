"""Tests for decoding: every record comes back from the cache equal to what was upserted (exact Decimals, dates,
timestamps, children in order, snapshots)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdesk.core.cache import decode as D
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.cache.query import one
from mkdesk.core.cache.encode import DOC_TYPES
from mkdesk.core.cache.repo_documents import document_detail
from mkdesk.core.cache.repo_partners import get_partner
from mkdesk.core.cache.repo_products import get_product
from mkdesk.core.models import (
    Address,
    ContactPerson,
    DocumentLine,
    DocumentPartner,
    Partner,
    PartnerDiscount,
    Payment,
    Product,
    SalesDocument,
    StockLevel,
)
from tests.core.cache_data import FETCHED, LJ, document, partner, product, stock, warehouse


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    yield database
    database.close()


def test_partner_round_trip(db: Database):
    for p in (partner(1), Partner(mk_id="2"), replace(partner(3), discounts=(), foreign=None, taxpayer=False)):
        db.write_sync(U.upsert_partners, [p], FETCHED)
        assert db.read_sync(get_partner, p.mk_id) == p
    assert db.read_sync(get_partner, "missing") is None


def test_product_round_trip(db: Database):
    tiny = Product(mk_id="9", prices=(replace(product(1).prices[1], price=Decimal("-0.0000000001")),))
    for p in (product(1), tiny):
        db.write_sync(U.upsert_products, [p], FETCHED)
        back = db.read_sync(get_product, p.mk_id)
        assert back == p
        assert [str(e.price) for e in back.prices] == [str(e.price) for e in p.prices]


def test_document_round_trip_is_exact(db: Database):
    full = document(1, sum_all=Decimal("1895.01"), discount_value=Decimal("-0.0000000001"),
                    receiver=DocumentPartner(name="Prejemnik", place="Celje", business_entity=False),
                    last_change_ts=datetime(2026, 7, 1, 23, 59, 59, tzinfo=LJ), offer_codes=("P-1", "P-2"),
                    notes="Vrstica 1\nVrstica 2 – “narekovaji”")
    bare = SalesDocument(mk_id="5", doc_type="sales_offer")
    db.write_sync(U.upsert_documents, [full, bare], FETCHED)
    back = db.read_sync(document_detail, full.mk_id, full.doc_type).document
    assert back == full
    assert repr(back.sum_all) == "Decimal('1895.01')" and repr(back.discount_value) == "Decimal('-1E-10')"
    assert back.last_change_ts.tzinfo is not None and back.last_change_ts.utcoffset().seconds == 7200
    assert db.read_sync(document_detail, "5").document == bare


def test_warehouse_and_stock_rows(db: Database):
    db.write_sync(U.upsert_warehouses, [warehouse(1)], FETCHED)
    db.write_sync(U.upsert_stock_levels, [stock(1, 1, amount="1895.01", reserved="0.0000000001")], FETCHED)
    w = db.read_sync(lambda c: D.warehouse_from_row(one(c, "SELECT * FROM warehouses")))
    s = db.read_sync(lambda c: D.stock_from_row(one(c, "SELECT * FROM stock")))
    assert w == warehouse(1)
    assert s == stock(1, 1, amount="1895.01", reserved="0.0000000001")
    assert isinstance(s, StockLevel) and str(s.free_amount) == "1895.0099999999"


_TEXT = st.text(max_size=12) | st.none()
_DEC = st.decimals(allow_nan=False, allow_infinity=False) | st.none()


@st.composite
def _partners(draw):
    contacts = tuple(ContactPerson(mk_id=draw(_TEXT), name=draw(_TEXT), email=draw(_TEXT), gsm=draw(_TEXT))
                     for _ in range(draw(st.integers(0, 3))))
    discounts = tuple(PartnerDiscount(tuple(draw(st.lists(st.text(max_size=5), max_size=2))), draw(_DEC),
                                      draw(st.booleans() | st.none())) for _ in range(draw(st.integers(0, 2))))
    return Partner(mk_id=draw(st.text(min_size=1, max_size=8)), name=draw(_TEXT), taxpayer=draw(st.booleans() | st.none()),
                   tax_id_number=draw(_TEXT), contacts=contacts, discounts=discounts,
                   addresses=tuple(Address(mk_id=draw(_TEXT), city=draw(_TEXT), payment_due_days=draw(st.integers(-5, 99) | st.none()))
                                   for _ in range(draw(st.integers(0, 2)))))


@st.composite
def _documents(draw):
    lines = tuple(DocumentLine(code=draw(_TEXT), amount=draw(_DEC), price=draw(_DEC), discount=draw(_DEC))
                  for _ in range(draw(st.integers(0, 4))))
    return SalesDocument(mk_id=draw(st.text(min_size=1, max_size=8)), doc_type=draw(st.sampled_from(DOC_TYPES)),
                         count_code=draw(_TEXT), doc_date=draw(st.dates() | st.none()), title=draw(_TEXT),
                         last_change_ts=draw(st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2999, 1, 1),
                                                          timezones=st.just(LJ), allow_imaginary=False) | st.none()),
                         lines=lines, sum_all=draw(_DEC), sum_paid=draw(st.decimals(allow_nan=False, allow_infinity=False)),
                         extra=tuple((draw(st.text(max_size=4)), draw(st.text(max_size=4))) for _ in range(draw(st.integers(0, 2)))),
                         payments=tuple(Payment(draw(st.dates() | st.none()), draw(st.decimals(allow_nan=False, allow_infinity=False)))
                                        for _ in range(draw(st.integers(0, 2)))))


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory):
    database = Database.open(tmp_path_factory.mktemp("fuzz") / "cache.sqlite")
    yield database
    database.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(p=_partners(), d=_documents())
def test_generated_records_round_trip_exactly(fuzz_db: Database, p: Partner, d: SalesDocument):
    fuzz_db.write_sync(U.upsert_partners, [p], FETCHED)
    fuzz_db.write_sync(U.upsert_documents, [d], FETCHED)
    assert fuzz_db.read_sync(get_partner, p.mk_id) == p
    back = fuzz_db.read_sync(document_detail, d.mk_id, d.doc_type).document
    assert back == d
    assert [str(x.amount) for x in back.lines] == [str(x.amount) for x in d.lines]
    assert fuzz_db.write_sync(U.upsert_documents, [d], FETCHED) == U.RowCounts(unchanged=1)
