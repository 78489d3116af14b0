"""Test world of the enrichment tests: the small emulated company synced into a real cache, plus a few hand-made
customers, products and documents the mail corpus (`tests/data/mail_corpus/`) talks about.

The synced company gives volume and realistic look-alikes (dozens of "Pralni stroj …", partners on free-mail
addresses); the hand-made records give known answers: two partners sharing a domain, a person on gmail, a dormant
customer, a prospect, a loyal one.
"""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mkdesk.core.models import (
    Address,
    ContactPerson,
    DocLink,
    DocumentLine,
    DocumentPartner,
    Partner,
    Product,
    SalesDocument,
    StockLevel,
)

TODAY = date(2026, 3, 2)
OWN = frozenset({"mojafirma.si"})
CORPUS = Path(__file__).resolve().parent.parent / "data" / "mail_corpus"
LJ = ZoneInfo("Europe/Ljubljana")
FETCHED = datetime(2026, 3, 2, 8, 0, tzinfo=LJ)
D = Decimal


def _partner(n: int, name: str, contacts: list[tuple[str, str]], *, person: bool = False, tax: str | None = None,
             street: str = "Celovška cesta 150", post: str = "1000", city: str = "Ljubljana") -> Partner:
    return Partner(
        mk_id=f"99000000{n:02d}", name=name, count_code=f"W{n}/2026", business_entity=not person, taxpayer=not person,
        foreign=False, tax_id_number=tax, buyer=True, supplier=False,
        contacts=tuple(ContactPerson(mk_id=f"99500000{n:02d}{i}", name=c_name, email=email)
                       for i, (c_name, email) in enumerate(contacts)),
        addresses=(Address(mk_id=f"99600000{n:02d}", address_type="Račun", street=street, post_number=post,
                           city=city, country="Slovenija", payment_due_days=15),))


PARTNERS = {
    "novak": _partner(1, "Elektro Novak d.o.o.", [("Ana Novak", "ana.novak@elektro-novak.si"),
                                                  ("Bojan Zupan", "bojan@elektro-novak.si")], tax="SI91234567"),
    "kovac_trgovina": _partner(2, "Kovač trgovina d.o.o.", [("Peter Kovač", "peter.kovac@skupina-kovac.si")],
                               tax="SI92345678", city="Celje", post="3000", street="Mariborska cesta 7"),
    "kovac_servis": _partner(3, "Kovač servis d.o.o.", [("Mojca Kovač", "mojca.kovac@skupina-kovac.si")],
                             tax="SI93456789", city="Celje", post="3000", street="Mariborska cesta 9"),
    "horvat": _partner(4, "Janez Horvat", [("", "janez.horvat77@gmail.com")], person=True, city="Kranj",
                       post="4000", street="Savska cesta 3"),
    "medved": _partner(5, "Gradnje Medved d.o.o.", [("", "info@gradnje-medved.si")], tax="SI94567890",
                       city="Novo mesto", post="8000", street="Seidlova cesta 20"),
    "lipa": _partner(6, "Vrtnarstvo Lipa s.p.", [("Tina Lipa", "lipa@vrtnarstvo-lipa.si")], city="Ptuj", post="2250",
                     street="Ormoška cesta 12"),
    "optika": _partner(7, "Nova Optika d.o.o.", [("", "info@nova-optika.si")], tax="SI95678901", city="Koper",
                       post="6000", street="Pristaniška ulica 4"),
    # one bookkeeper (on free mail) keeps the books of two small companies
    "lah_a": _partner(8, "Gostilna Lah d.o.o.", [("Petra Lah", "petra.lah@t-2.net")], tax="SI96789012", city="Bled",
                      post="4260", street="Ljubljanska cesta 8"),
    "lah_b": _partner(9, "Lah turizem d.o.o.", [("Petra Lah", "Petra.Lah@t-2.net")], tax="SI97890123", city="Bled",
                      post="4260", street="Ljubljanska cesta 8"),
}


def _product(n: int, code: str, name: str) -> Product:
    return Product(mk_id=f"99100000{n:02d}", code=code, count_code=str(9000 + n), name=name, unit="kos", sales=True,
                   active=True)


PRODUCTS = {
    "beko_washer": _product(1, "PS-WTV8636XS", "Pralni stroj Beko WTV8636XS"),
    "beko_dryer": _product(2, "SS-DS8433RX", "Sušilni stroj Beko DS8433RX"),
    "beko_fridge": _product(3, "HL-RCNA406", "Hladilnik z zamrzovalnikom Beko RCNA406"),
    "dyson": _product(4, "SE-DYSONV15", "Sesalnik Dyson V15 Detect"),
    "heat_pump": _product(5, "TC-ALTH8", "Toplotna črpalka Daikin Altherma 8 kW"),
}
WAREHOUSES = ("1600000301", "1600000302", "1600000303")  # glavno, MB, KP of the synced company
STOCK = {"beko_washer": ("6", "2"), "beko_dryer": ("0", "0"), "beko_fridge": ("3", "1"), "dyson": ("12", "0"),
         "heat_pump": ("1", "1")}


def _line(product: str, amount: str, price: str = "100.00") -> DocumentLine:
    p = PRODUCTS[product]
    return DocumentLine(product_mk_id=p.mk_id, code=p.code, name=p.name, amount=D(amount), price=D(price),
                        unit="kos")


def _doc(n: int, doc_type: str, number: str, partner: str, day: date, status: tuple[str, str] | None, total: str,
         paid: str = "0", *, lines: tuple[DocumentLine, ...] = (), buyer_order: str | None = None,
         due: date | None = None, valid_to: date | None = None, links: tuple[DocLink, ...] = ()) -> SalesDocument:
    p = PARTNERS[partner]
    return SalesDocument(
        mk_id=f"99200000{n:02d}", doc_type=doc_type, count_code=number, doc_date=day,
        partner=DocumentPartner(mk_id=p.mk_id, name=p.name, tax_id_number=p.tax_id_number, place="Ljubljana",
                                country="Slovenia"),
        buyer_order=buyer_order, status_code=status[0] if status else None, status_desc=status[1] if status else None,
        currency="EUR", due_date=due, valid_to=valid_to, lines=lines, sum_all=D(total), sum_paid=D(paid), links=links)


def _days(n: int) -> date:
    return TODAY - timedelta(days=n)


IN_PROGRESS, COMPLETED, OPEN, ACCEPTED, CREATED = (("V obdelavi", "in_progress"), ("Zaključen", "completed"),
                                                    ("Odprta", "open"), ("Sprejeta", "accepted"),
                                                    ("Izdelan", "created"))
DOCUMENTS = [
    _doc(1, "sales_order", "PP-2026-90001", "novak", date(2026, 2, 20), IN_PROGRESS, "2440.00",
         lines=(_line("beko_washer", "4", "610.00"),), buyer_order="NAR-EN-4471"),
    _doc(2, "sales_order", "PP-2025-90002", "novak", date(2025, 10, 10), COMPLETED, "1830.00",
         lines=(_line("beko_fridge", "2", "915.00"),)),
    _doc(3, "sales_offer", "PON-2026-90003", "novak", date(2026, 2, 27), OPEN, "3599.00",
         lines=(_line("heat_pump", "1", "3599.00"),), valid_to=date(2026, 3, 15)),
    _doc(4, "sales_offer", "PON-2025-90004", "novak", date(2025, 9, 30), ACCEPTED, "1830.00"),
    _doc(5, "sales_bill_domestic", "1-MK-2026-9001", "novak", date(2026, 1, 5), CREATED, "1220.00", "200.00",
         lines=(_line("dyson", "2", "610.00"),), due=date(2026, 1, 20)),
    _doc(6, "sales_bill_domestic", "1-MK-2026-9002", "novak", date(2026, 2, 25), CREATED, "500.00",
         lines=(_line("beko_dryer", "1", "500.00"),), due=date(2026, 3, 27)),
    _doc(7, "sales_bill_domestic", "1-MK-2025-9003", "novak", date(2025, 10, 12), CREATED, "1830.00", "1830.00",
         lines=(_line("beko_fridge", "2", "915.00"),), due=date(2025, 10, 27),
         links=(DocLink(mk_id="9920000002", count_code="PP-2025-90002", doc_type="sales_order"),)),
    _doc(10, "sales_order", "PP-2026-90010", "kovac_trgovina", date(2026, 2, 24), IN_PROGRESS, "610.00",
         lines=(_line("beko_washer", "1", "610.00"),)),
    _doc(11, "sales_bill_domestic", "1-MK-2026-9011", "kovac_servis", date(2026, 1, 30), CREATED, "250.00",
         due=date(2026, 2, 14)),
    _doc(12, "sales_order", "PP-2026-90012", "horvat", date(2026, 2, 1), COMPLETED, "610.00",
         lines=(_line("beko_washer", "1", "610.00"),)),
    _doc(20, "sales_order", "PP-2025-90020", "lipa", _days(200), COMPLETED, "120.00",
         lines=(_line("dyson", "1", "120.00"),)),
    _doc(21, "sales_order", "PP-2024-90021", "lipa", _days(420), COMPLETED, "240.00",
         lines=(_line("dyson", "2", "120.00"),)),
    *[_doc(30 + i, "sales_order", f"PP-2025-9003{i}", "medved", _days(20 + 45 * i), COMPLETED, "500.00",
           lines=(_line("beko_dryer", str(i + 1), "500.00"),), buyer_order=f"NAR-GM-2025/{i + 10}")
      for i in range(7)],
]


def add_world(path: Path) -> None:
    """Upsert the hand-made records into the cache file at `path` (through the cache's own upsert path)."""
    from mkdesk.core.cache import Database
    from mkdesk.core.cache.upsert import upsert_documents, upsert_partners, upsert_products, upsert_stock_levels

    levels = []
    for key, (amount, reserved) in STOCK.items():
        p = PRODUCTS[key]
        for i, warehouse in enumerate(WAREHOUSES):
            a = D(amount) if i == 0 else D(i)
            r = D(reserved) if i == 0 else D(0)
            levels.append(StockLevel(product_mk_id=p.mk_id, warehouse_id=warehouse, code=p.code, amount=a,
                                     reserved_amount=r, free_amount=a - r, rows=1))
    db = Database.open(path)
    try:
        def write(conn):
            upsert_partners(conn, PARTNERS.values(), FETCHED)
            upsert_products(conn, PRODUCTS.values(), FETCHED)
            upsert_stock_levels(conn, levels, FETCHED)
            upsert_documents(conn, DOCUMENTS, FETCHED)
        db.write_sync(write)
    finally:
        db.close()


def make_world(path: Path) -> Path:
    """A synced small company (emulator in process) plus the hand-made world, in a new cache file at `path`."""
    import httpx

    from mkdesk.core.cache import Database
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine
    from mkdesk.emulator.app import create_app
    from mkdesk.emulator.config import EmulatorConfig

    config = EmulatorConfig(scale="small", seed=7, today=TODAY)

    async def scenario() -> None:
        client = MetakockaClient("http://emulator.invalid", config.company_id, Secret(config.secret_key),
                                 transport=httpx.ASGITransport(app=create_app(config)))
        db = Database.open(path)
        try:
            result = await SyncEngine(client, db).sync()
            assert result.ok
        finally:
            await client.aclose()
            db.close()

    asyncio.run(scenario())
    add_world(path)
    return path


_BUILT: dict[Path, Path] = {}


@pytest.fixture(scope="session")
def world_cache(tmp_path_factory) -> Path:
    """Built once a session (each test module importing this fixture gets its own definition, hence the memo)."""
    base = tmp_path_factory.getbasetemp()
    if base not in _BUILT:
        _BUILT[base] = make_world(tmp_path_factory.mktemp("context-world") / "cache.sqlite3")
    return _BUILT[base]


@pytest.fixture
def world_db(world_cache, tmp_path):
    """A private copy of the world cache, opened (tests may write to it)."""
    from mkdesk.core.cache import Database

    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(world_cache, path)
    db = Database.open(path)
    yield db
    db.close()


def partner_id(db, key: str) -> int:
    return db.read_sync(lambda conn: conn.exec_driver_sql("SELECT id FROM partners WHERE mk_id = ?",
                                                          (PARTNERS[key].mk_id,)).scalar_one())


def product_id(db, key: str) -> int:
    return db.read_sync(lambda conn: conn.exec_driver_sql("SELECT id FROM products WHERE mk_id = ?",
                                                          (PRODUCTS[key].mk_id,)).scalar_one())


def document_id(db, number: str) -> int:
    return db.read_sync(lambda conn: conn.exec_driver_sql("SELECT id FROM documents WHERE count_code = ?",
                                                          (number,)).scalar_one())


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()
