"""Test data for the cache tests: small, hand-built `mkdesk.core.models` records (no emulator)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from mkdesk.core.models import (
    Address,
    ContactPerson,
    DocLink,
    DocumentLine,
    DocumentPartner,
    Partner,
    PartnerDiscount,
    Payment,
    PriceEntry,
    Product,
    ProductStock,
    SalesDocument,
    StockLevel,
    TaxSum,
    Warehouse,
)

LJ = ZoneInfo("Europe/Ljubljana")
FETCHED = datetime(2026, 11, 24, 8, 0, tzinfo=LJ)


def partner(i: int, name: str | None = None, **changes) -> Partner:
    base = dict(
        mk_id=str(400071680000 + i),
        name=name or f"Partner {i} d.o.o.",
        count_code=f"P{i:05d}",
        business_entity=True,
        taxpayer=True,
        foreign=False,
        tax_id_number=f"SI{10000000 + i}",
        buyer=True,
        supplier=False,
        contacts=(
            ContactPerson(mk_id=str(400093000000 + 2 * i), name=f"Ana Novak {i}", email=f"ana{i}@firma{i}.si",
                          gsm="+386 41 123 456"),
            ContactPerson(mk_id=str(400093000001 + 2 * i), name=f"Marko Kos {i}", email=f"marko{i}@firma{i}.si",
                          phone="01 234 56 78"),
        ),
        addresses=(
            Address(mk_id=str(400082840000 + i), address_type="Račun", street="Dunajska cesta 1", post_number="1000",
                    city="Ljubljana", country="Slovenija", payment_due_days=30),
            Address(mk_id=str(400082850000 + i), address_type="Dobava", street="Tržaška 2", city="Maribor"),
        ),
        discounts=(PartnerDiscount(categories=("Pralni stroji",), discount_percent=Decimal("5.5")),),
    )
    base.update(changes)
    return Partner(**base)


def product(i: int, name: str | None = None, **changes) -> Product:
    base = dict(
        mk_id=str(1600550000 + i),
        code=f"ART-{i:04d}",
        count_code=str(i),
        name=name or f"Izdelek {i}",
        barcode=f"383{i:010d}",
        unit="kos",
        sales=True,
        active=True,
        weight=Decimal("1.250"),
        min_stock=Decimal("5"),
        prices=(
            PriceEntry(pricelist_code="MPC", title="Maloprodajni", sales_purchase="sales", currency="EUR",
                       price=Decimal("10.00"), price_with_tax=Decimal("12.20"), tax="EX4",
                       tax_factor=Decimal("0.22"), valid_from=date(2026, 1, 1)),
            PriceEntry(pricelist_code="VPC", price=Decimal("8.1999"), discount=Decimal("0")),
        ),
        stock=(ProductStock(warehouse_mark="GL", warehouse_name="Glavno", amount=Decimal("3")),),
        stock_amount=Decimal("3"),
        categories=("Bela tehnika", "Pralni stroji"),
    )
    base.update(changes)
    return Product(**base)


def warehouse(i: int, **changes) -> Warehouse:
    base = dict(mk_id=str(1600000300 + i), mark=f"W{i}", name=f"Skladišče {i}", place="Ljubljana", main=i == 1,
                active=True)
    base.update(changes)
    return Warehouse(**base)


def stock(product_i: int, warehouse_i: int, amount: str = "10", reserved: str = "2") -> StockLevel:
    a, r = Decimal(amount), Decimal(reserved)
    return StockLevel(product_mk_id=str(1600550000 + product_i), warehouse_id=str(1600000300 + warehouse_i),
                      code=f"ART-{product_i:04d}", amount=a, reserved_amount=r, free_amount=a - r, rows=2)


def document(i: int, doc_type: str = "sales_bill_domestic", partner_i: int = 1, **changes) -> SalesDocument:
    p = partner(partner_i)
    base = dict(
        mk_id=str(400001000000 + i),
        doc_type=doc_type,
        count_code=f"2026-{i:05d}",
        doc_date=date(2026, 3, 1 + i % 28),
        partner=DocumentPartner(mk_id=p.mk_id, name=p.name, street="Dunajska cesta", street_number="1",
                                post_number="1000", place="Ljubljana", country="Slovenia", country_iso_2="SI",
                                tax_id_number=p.tax_id_number, taxpayer=True,
                                contact=ContactPerson(mk_id=None, name="Ana", email="ana@x.si")),
        buyer_order=f"WEB-{i}",
        title=f"Dokument {i}",
        status_code="Izdelan",
        status_desc="created",
        currency="EUR",
        due_date=date(2026, 4, 1),
        created_ts=datetime(2026, 3, 1, 9, 30, tzinfo=LJ),
        lines=(
            DocumentLine(product_mk_id="1600550001", code="ART-0001", name="Izdelek 1", amount=Decimal("2"),
                         price=Decimal("10.00"), tax="EX4", tax_factor=Decimal("0.22"), mk_row_id=f"r{i}a"),
            DocumentLine(doc_desc="Opomba brez artikla"),
            DocumentLine(product_mk_id="1600550002", code="ART-0002", amount=Decimal("1.5"),
                         price_with_tax=Decimal("1895.01"), discount=Decimal("10"), mk_row_id=f"r{i}b"),
        ),
        sum_basic=Decimal("1575.00"),
        sum_tax=(TaxSum("EX4", Decimal("346.50")),),
        sum_all=Decimal("1921.50"),
        sum_paid=Decimal("500.00"),
        payments=(Payment(date=date(2026, 3, 5), amount=Decimal("500.00"), payment_type="Transakcijski račun"),),
        links=(DocLink(mk_id="400000010001", count_code="PP-1", doc_type="sales_order"),),
        extra=(("Referent", "Janez"),),
    )
    base.update(changes)
    return SalesDocument(**base)
