"""Emulator layer: the deterministic demo-company generator (seed, scale, today → a filled `Store`).

The same (seed, scale, today) always gives the same company, in any process: every random draw comes from one
`random.Random(seed)` (Faker, seeded, only fills the name pools once), nothing reads the clock, and nothing depends
on string hashing or set order. Generated documents store only headers; lines and payments are derived from
`doc.seed` (see `gen_lines`).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, fields
from datetime import timedelta

from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.gen_catalog import (
    apply_reservations,
    build_pricelists,
    build_products,
    build_stock,
    build_warehouses,
)
from mkdesk.emulator.gen_documents import NUMBERING, OPEN_ORDER_STATUSES, DocumentBuilder, next_count_code, series_name
from mkdesk.emulator.gen_lines import make_line_factory, make_payment_factory
from mkdesk.emulator.gen_partners import PartnerBuilder, build_pools
from mkdesk.emulator.model import Store

__all__ = [
    "COMPANY_DOMAIN",
    "NUMBERING",
    "OPEN_ORDER_STATUSES",
    "SCALE_SIZES",
    "ScaleSize",
    "generate",
    "next_count_code",
    "series_name",
    "store_digest",
]

COMPANY_NAME = "Tehnomarket d.o.o."
COMPANY_DOMAIN = "tehnomarket.si"


@dataclass(frozen=True, slots=True)
class ScaleSize:
    partners: int
    products: int
    warehouses: int
    documents: int


SCALE_SIZES: dict[str, ScaleSize] = {
    "tiny": ScaleSize(partners=30, products=40, warehouses=2, documents=150),
    "small": ScaleSize(partners=300, products=250, warehouses=3, documents=2_000),
    "medium": ScaleSize(partners=5_000, products=3_000, warehouses=3, documents=30_000),
    "large": ScaleSize(partners=50_000, products=20_000, warehouses=3, documents=300_000),
}

ORDER_STATUSES = {
    "new_order": "Novo naročilo",
    "in_progress": "V obdelavi",
    "ready_to_ship": "Pripravljen za odpremo",
    "shipped": "Odpremljen",
    "completed": "Zaključen",
    "canceled": "Preklican",
}
OFFER_STATUSES = {"open": "Odprta", "accepted": "Sprejeta", "rejected": "Zavrnjena"}
BILL_STATUSES = {"created": "Izdelan", "sent": "Poslan", "reminder_sent": "Poslan opomin"}
PROFIT_CENTERS = ["Veleprodaja", "Maloprodaja", "Spletna trgovina"]


def generate(config: EmulatorConfig) -> Store:
    """Build the demo company for `config.company_id` (deterministic in seed, scale and today)."""
    size = SCALE_SIZES[config.scale]
    today = config.today
    store = Store(config.company_id, config.secret_key, today)
    store.company_name = COMPANY_NAME
    store.order_statuses = dict(ORDER_STATUSES)
    store.offer_statuses = dict(OFFER_STATUSES)
    store.bill_statuses = dict(BILL_STATUSES)
    store.profit_centers = list(PROFIT_CENTERS)
    # independent streams per part, so that e.g. a catalogue change does not reshuffle every partner
    base = random.Random(config.seed)
    streams = [random.Random(base.getrandbits(64)) for _ in range(4)]

    build_warehouses(store, size.warehouses)
    build_pricelists(store, today)
    catalog = build_products(store, streams[0], size.products)
    build_stock(store, streams[1])

    pools = build_pools(config.seed)
    infos = PartnerBuilder(store, streams[2], pools, today).build(size.partners)

    store.line_factory = make_line_factory(catalog)
    store.payment_factory = make_payment_factory(today - timedelta(days=1))
    builder = DocumentBuilder(store, streams[3], infos, today, COMPANY_DOMAIN)
    builder.build(size.documents)
    builder.finish()
    apply_reservations(store, random.Random(base.getrandbits(64)))  # a fifth stream: the four above stay as they were
    return store


def store_digest(store: Store) -> str:
    """SHA-256 over everything in the store, derived lines and payments included (order-sensitive)."""
    h = hashlib.sha256()

    def feed(obj: object) -> None:
        h.update(repr(obj).encode())
        h.update(b"\x1f")

    def feed_dc(obj: object) -> None:
        feed(tuple(getattr(obj, f.name) for f in fields(obj)))  # type: ignore[arg-type]

    feed((store.company_id, store.company_name, store.today, store.order_statuses, store.offer_statuses,
          store.bill_statuses, store.profit_centers, store.payment_types, store.delivery_types))
    for kind in (store.warehouses, store.pricelists, store.products, store.partners):
        for key, value in kind.items():
            feed(key)
            feed_dc(value)
    for row in store.stock:
        feed_dc(row)
    for doc_type, docs in store.documents.items():
        feed(doc_type)
        for doc in docs.values():
            feed_dc(doc)
            for line in store.lines(doc):
                feed_dc(line)
            for payment in store.payments(doc):
                feed_dc(payment)
    return h.hexdigest()
