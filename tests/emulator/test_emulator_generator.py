"""Tests for mkdesk.emulator.generator: determinism, sizes, integrity, consistency and variety of the demo data."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.generator import SCALE_SIZES, generate, next_count_code, store_digest
from mkdesk.emulator.model import BILL_TYPES, SALES_DOC_TYPES, TZ, Store
from mkdesk.emulator.names import FREE_MAIL_DOMAINS

TODAY = date(2026, 11, 24)


def make(scale: str, seed: int = 1, today: date = TODAY) -> Store:
    return generate(EmulatorConfig(seed=seed, scale=scale, today=today, secret_key="k" * 32))


@pytest.fixture(scope="module")
def tiny() -> Store:
    return make("tiny")


@pytest.fixture(scope="module")
def small() -> Store:
    return make("small")


# ----- determinism ------------------------------------------------------------------------------------------------
def test_same_inputs_give_identical_data(tiny: Store) -> None:
    assert store_digest(make("tiny")) == store_digest(tiny)


def test_identical_across_processes(tiny: Store) -> None:
    """String hashing is randomized per process; the data must not depend on it."""
    code = (
        "from datetime import date\n"
        "from mkdesk.emulator.config import EmulatorConfig\n"
        "from mkdesk.emulator.generator import generate, store_digest\n"
        "print(store_digest(generate(EmulatorConfig(seed=1, scale='tiny', today=date(2026, 11, 24),"
        " secret_key='k' * 32))))\n"
    )
    for hash_seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"})
        assert out.stdout.strip() == store_digest(tiny)


def test_other_seed_or_day_gives_other_data(tiny: Store) -> None:
    other = make("tiny", seed=2)
    assert store_digest(other) != store_digest(tiny)
    assert [p.customer for p in other.partners.values()] != [p.customer for p in tiny.partners.values()]
    assert store_digest(make("tiny", today=TODAY + timedelta(days=1))) != store_digest(tiny)


# ----- sizes ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_counts_per_scale(scale: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(scale)
    size = SCALE_SIZES[scale]
    assert len(store.partners) == size.partners
    assert len(store.products) == size.products
    assert len(store.warehouses) == size.warehouses
    assert sum(len(d) for d in store.documents.values()) == size.documents
    contacts = sum(len(p.contacts) for p in store.partners.values())
    low, high = (1.4, 1.85) if scale == "small" else (1.1, 2.3)  # ~1.6 on average; 30 partners vary more
    assert low <= contacts / size.partners <= high


def test_document_mix(small: Store) -> None:
    total = SCALE_SIZES["small"].documents
    share = {t: len(store_docs) / total for t, store_docs in small.documents.items()}
    assert 0.10 <= share["sales_offer"] <= 0.20
    assert 0.24 <= share["sales_order"] <= 0.36
    assert 0.38 <= share["sales_bill_domestic"] <= 0.52
    for doc_type in ("sales_bill_foreign", "sales_bill_retail", "sales_bill_credit_note", "sales_bill_prepaid"):
        assert 0.003 <= share[doc_type] <= 0.07, doc_type


# ----- referential integrity ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_referential_integrity(scale: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(scale)
    addresses = {a.mk_id: p.mk_id for p in store.partners.values() for a in p.addresses}
    for partner in store.partners.values():
        assert partner.addresses[0].address_type == "Račun"
        for contact in partner.contacts:
            assert addresses[contact.mk_address_id] == partner.mk_id
    all_ids: list[str] = []
    for doc_type, docs in store.documents.items():
        ids = [int(k) for k in docs]
        assert ids == sorted(ids) and len(set(ids)) == len(ids), doc_type
        for mk_id, doc in docs.items():
            assert doc.mk_id == mk_id and doc.doc_type == doc_type
            assert doc.lines is None and doc.payments is None  # only headers are stored
            assert addresses[doc.partner.mk_address_id] == doc.partner.mk_id
            for line in store.lines(doc):
                assert line.product_id is None or line.product_id in store.products
            for link in doc.doc_links:
                target = store.documents[link.doc_type][link.mk_id]
                assert target.count_code == link.count_code
                assert any(back.mk_id == doc.mk_id for back in target.doc_links)
            all_ids.append(mk_id)
    assert len(set(all_ids)) == len(all_ids)
    for row in store.stock:
        assert row.product_id in store.products and row.warehouse_id in store.warehouses
        assert not store.products[row.product_id].service
    row_ids = [line.mk_row_id for doc in store.all_documents() for line in store.lines(doc)]
    assert len(set(row_ids)) == len(row_ids)


def test_count_codes_follow_yearly_series(small: Store) -> None:
    pattern = {"sales_offer": r"PON-(\d{4})-(\d{5})", "sales_order": r"PP-(\d{4})-(\d{5})",
               "sales_bill_domestic": r"1-MK-(\d{4})-(\d{4,})"}
    for doc_type, regex in pattern.items():
        per_year: dict[str, list[int]] = {}
        for doc in small.documents[doc_type].values():
            match = re.fullmatch(regex, doc.count_code)
            assert match and match.group(1) == str(doc.doc_date.year)
            per_year.setdefault(match.group(1), []).append(int(match.group(2)))
        for numbers in per_year.values():
            assert numbers == list(range(1, len(numbers) + 1))
    last = max(small.documents["sales_order"].values(), key=lambda d: int(d.mk_id))
    number = int(last.count_code.rsplit("-", 1)[1])
    assert next_count_code(small, "sales_order", last.doc_date) == f"PP-{last.doc_date.year}-{number + 1:05d}"


# ----- sums, payments, dates ------------------------------------------------------------------------------------------
def test_sums_consistent(small: Store) -> None:
    for doc in small.all_documents():
        sums = small.sums(doc)
        assert sums.all == sums.basic + sum(sums.tax.values(), Decimal(0)) - (doc.discount_value or 0)
        assert any(line.product_id for line in small.lines(doc))
        if doc.doc_type == "sales_bill_credit_note":
            assert sums.all < 0
        else:
            assert sums.all > 0


def test_payments_match_pay_state(small: Store) -> None:
    seen = Counter()
    for doc_type in BILL_TYPES:
        for doc in small.documents[doc_type].values():
            total = small.sums(doc).all
            payments = small.payments(doc)
            paid = sum((p.amount for p in payments), Decimal(0))
            seen[doc.pay_state] += 1
            if doc.pay_state == "paid":
                assert payments and paid == total
            elif doc.pay_state == "partial":
                assert 0 < paid < total
            else:
                assert doc.pay_state == "unpaid" and payments == []
            for p in payments:
                assert doc.doc_date <= p.date < TODAY
            if payments:  # a payment is a change of the document
                assert doc.last_change.date() >= max(p.date for p in payments)
    assert seen["paid"] and seen["partial"] and seen["unpaid"]
    assert any(len(small.payments(d)) > 1 for d in small.documents["sales_bill_domestic"].values())
    for doc_type in ("sales_offer", "sales_order"):
        assert all(small.payments(d) == [] and d.pay_state is None for d in small.documents[doc_type].values())


@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_timestamps_before_today(scale: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(scale)
    limit = datetime.combine(TODAY, time(0), TZ)
    oldest = TODAY - timedelta(days=3 * 366)
    for partner in store.partners.values():
        assert partner.last_change is not None and partner.last_change < limit
    for doc in store.all_documents():
        assert oldest <= doc.doc_date < TODAY
        assert doc.created_ts.date() == doc.doc_date
        assert doc.created_ts <= doc.last_change < limit
        if doc.publish_ts is not None:
            assert doc.created_ts <= doc.publish_ts < limit
        assert doc.shipped_date is None or doc.doc_date <= doc.shipped_date < TODAY


def test_recent_documents_are_denser(small: Store) -> None:
    ages = [(TODAY - d.doc_date).days for d in small.all_documents()]
    last_year = sum(1 for a in ages if a <= 365)
    first_year = sum(1 for a in ages if a > 730)
    assert first_year > 0 and last_year > 1.3 * first_year
    assert max(ages) > 900


# ----- partners and catalogue ---------------------------------------------------------------------------------------
def _si_tax_ok(number: str) -> bool:
    digits = number.removeprefix("SI")
    if not re.fullmatch(r"[1-9]\d{7}", digits):
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True)) % 11
    return remainder >= 2 and 11 - remainder == int(digits[7])


def test_tax_ids_valid_and_unique(small: Store) -> None:
    domestic = [p for p in small.partners.values() if p.tax_id_number and not p.foreign]
    assert len(domestic) > 100
    assert all(_si_tax_ok(p.tax_id_number) for p in domestic)  # type: ignore[arg-type]
    assert all(p.tax_id_number.startswith("SI") == p.taxpayer for p in domestic)  # type: ignore[union-attr]
    ids = [p.tax_id_number for p in small.partners.values() if p.tax_id_number]
    assert len(set(ids)) == len(ids)


def test_barcodes_are_valid_ean13(small: Store) -> None:
    codes = [p.barcode for p in small.products.values() if p.barcode]
    assert len(codes) > 150 and len(set(codes)) == len(codes)
    for code in codes:
        assert code.startswith("383") and len(code) == 13
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code[:12]))
        assert (10 - total % 10) % 10 == int(code[12])
    assert len({p.code for p in small.products.values()}) == len(small.products)


def test_partner_variety(small: Store) -> None:
    partners = list(small.partners.values())
    firms = [p for p in partners if p.business_entity and not p.foreign]
    private = [p for p in partners if not p.business_entity]
    foreign = [p for p in partners if p.foreign]
    assert 0.6 <= (len(firms) + len(foreign)) / len(partners) <= 0.85 and len(private) > 40
    assert {p.addresses[0].country for p in foreign} >= {"Hrvaška"}
    assert any(re.search(r"\b(d\.o\.o\.|d\.d\.)$", p.customer) for p in firms)
    assert any(p.customer.endswith("s.p.") for p in firms)
    assert sum(1 for p in partners if set(p.customer) & set("čšžČŠŽ")) > len(partners) * 0.2
    emails = [c.email for p in partners for c in p.contacts if c.email]
    assert all(e.isascii() and e == e.lower() and e.count("@") == 1 for e in emails)
    assert sum(1 for e in emails if e.split("@")[1] in FREE_MAIL_DOMAINS) > 50
    assert any(c.email is None for p in partners for c in p.contacts)
    # company contacts use the firm's own domain (not free mail), and a few firms share a domain
    own = Counter(c.email.split("@")[1] for p in firms for c in p.contacts
                  if c.email and c.email.split("@")[1] not in FREE_MAIL_DOMAINS)
    assert len(own) > 100
    owners = {}
    for p in firms:
        for c in p.contacts:
            if c.email and c.email.split("@")[1] in own:
                owners.setdefault(c.email.split("@")[1], set()).add(p.mk_id)
    assert any(len(ids) > 1 for ids in owners.values())
    partners_per_email = Counter(e for p in partners for e in {c.email for c in p.contacts if c.email})
    assert any(n > 1 for n in partners_per_email.values())  # one person is a contact of two partners
    assert all(re.fullmatch(r"0\d\d \d{3} \d{3}", c.gsm) for p in partners for c in p.contacts if c.gsm)
    assert any(a.address_type == "Dobava" for p in partners for a in p.addresses)
    assert all(re.fullmatch(r"\d+/20\d\d", p.count_code) for p in partners)


def test_catalogue_variety(small: Store) -> None:
    products = list(small.products.values())
    assert any(p.service and p.code == "DOSTAVA" for p in products)
    assert {p.unit for p in products} >= {"kos", "kpl", "m", "kg", "ura"}
    assert {p.tax for p in products} >= {"EX4", "EX3"}
    assert any(not p.prices for p in products), "some products have no price at all"
    assert any("VP" not in p.prices and p.prices for p in products)
    assert any(p.min_stock for p in products)
    assert all(p.weight is None or -p.weight.as_tuple().exponent <= 3 for p in products)
    assert any(set(p.name) & set("čšž") for p in products)
    assert small.pricelists["1"].sales and not small.pricelists["1"].gross
    assert not small.pricelists["NC"].sales


def test_stock_variety(small: Store) -> None:
    per_pair = Counter((r.product_id, r.warehouse_id) for r in small.stock)
    assert any(n >= 2 for n in per_pair.values())
    assert any(r.amount < 0 for r in small.stock)
    assert any(r.reserved > 0 for r in small.stock)
    assert any(r.microlocation for r in small.stock)
    assert any(r.amount != r.amount.to_integral_value() for r in small.stock)
    stocked = {r.product_id for r in small.stock}
    goods_without = [p for p in small.products.values() if not p.service and p.mk_id not in stocked]
    assert goods_without
    koper = [w for w in small.warehouses.values() if w.mark == "KP"]
    assert koper and koper[0].country is None


def test_reservations_match_open_orders(small: Store) -> None:
    wanted: Counter = Counter()
    marks = {w.mark: w.mk_id for w in small.warehouses.values()}
    for doc in small.documents["sales_order"].values():
        if doc.status_desc in ("shipped", "completed", "canceled"):
            continue
        for line in small.lines(doc):
            if line.product_id and not small.products[line.product_id].service:
                wanted[(marks.get(doc.warehouse or "", small.main_warehouse().mk_id), line.product_id)] += line.amount
    reserved: Counter = Counter()
    for row in small.stock:
        reserved[(row.warehouse_id, row.product_id)] += row.reserved
    assert +reserved == +wanted and wanted


# ----- the facts the context pane shows -----------------------------------------------------------------------------
def test_document_variety(small: Store) -> None:
    docs = small.documents
    overdue = [d for t in BILL_TYPES for d in docs[t].values() if d.pay_state != "paid" and d.due_date < TODAY]
    assert len({d.partner.mk_id for d in overdue}) >= 20
    open_orders = [d for d in docs["sales_order"].values()
                   if d.status_desc in ("new_order", "in_progress", "ready_to_ship")]
    assert len(open_orders) >= 10
    assert any(d.status_desc is None for d in docs["sales_order"].values())
    assert any(d.status_desc == "canceled" for d in docs["sales_order"].values())
    pending = [d for d in docs["sales_offer"].values() if d.status_desc == "open" and d.valid_to >= TODAY]
    expired = [d for d in docs["sales_offer"].values() if d.status_desc == "open" and d.valid_to < TODAY]
    assert len(pending) >= 5 and expired
    web = [d for d in docs["sales_order"].values() if d.buyer_order and d.buyer_order.startswith("WEB-")]
    assert web and len({d.buyer_order for d in web}) == len(web)
    from_offer = [d for d in docs["sales_order"].values() if d.offer_list]
    assert from_offer and all(any(link.doc_type == "sales_offer" and link.count_code == d.offer_list[0]
                                  for link in d.doc_links) for d in from_offer)
    invoiced = [d for d in docs["sales_order"].values() if any(k.doc_type.startswith("sales_bill") for k in d.doc_links)]
    assert len(invoiced) > 100
    assert all(d.partner.foreign for d in docs["sales_bill_foreign"].values())
    assert any(d.last_change > d.created_ts for d in docs["sales_order"].values())
    assert any(d.discount_value for d in small.all_documents())
    assert any(line.product_id is None and line.tax is None for d in small.all_documents() for line in small.lines(d))
    assert all(d.partner.country in ("Slovenia", "Croatia", "Austria", "Italy", "Germany") for d in small.all_documents())


def test_customer_segments(small: Store) -> None:
    orders_per_partner = Counter(d.partner.mk_id for t in SALES_DOC_TYPES for d in small.documents[t].values())
    without = [p for p in small.partners if p not in orders_per_partner]
    assert len(without) >= 10  # some partners never bought
    assert max(orders_per_partner.values()) >= 30  # loyal customers
    assert sum(1 for n in orders_per_partner.values() if n <= 2) >= 30  # one-off buyers
    last_order: dict[str, date] = {}
    for doc in small.documents["sales_order"].values():
        last_order[doc.partner.mk_id] = max(doc.doc_date, last_order.get(doc.partner.mk_id, doc.doc_date))
    assert sum(1 for day in last_order.values() if (TODAY - day).days > 90) >= 30


def test_names_fold_to_ascii() -> None:
    from mkdesk.emulator.gen_partners import ascii_fold

    assert ascii_fold("Žnidaršič Müller Đurić") == "Znidarsic Muller Duric"
    assert unicodedata.is_normalized("NFC", make("tiny").company_name)
