"""Tests for decoding: every record comes back from the cache equal to what was upserted (exact Decimals, dates,
timestamps, children in order, snapshots)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from mkdesk.core.cache import decode as D
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.cache.query import one
from mkdesk.core.cache.repo_documents import document_detail
from mkdesk.core.cache.repo_partners import get_partner
from mkdesk.core.cache.repo_products import get_product
from mkdesk.core.models import DocumentPartner, Partner, Product, SalesDocument, StockLevel
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
