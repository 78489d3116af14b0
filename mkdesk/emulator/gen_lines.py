"""Emulator layer: derived content of generated documents (lines and payments from the per-document seed).

Generated documents store only their header; `Store.line_factory`/`Store.payment_factory` call the factories
built here, which rebuild the same lines and payments every time from `random.Random(doc.seed)`. Documents that
share a seed (an order and the invoice made from it) therefore carry the same lines.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from mkdesk.emulator import names
from mkdesk.emulator.gen_catalog import Q4, Catalog
from mkdesk.emulator.model import Document, Line, LineFactory, Payment, PaymentFactory, Sums, money

_ROW_BASE = 229_000_000_000  # derived mk_row_ids; writes allocate theirs from Store.next_id("row") (228…)
_DOC_BASE = 400_000_000_000
_ROWS_PER_DOC = 16  # a derived document has at most 8 goods + 2 services + 1 text line
_LINE_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8)
_LINE_WEIGHTS = (14, 15, 16, 15, 13, 11, 9, 7)
_DISCOUNTS = (Decimal(3), Decimal(5), Decimal(5), Decimal(10), Decimal(10), Decimal(15))
_PAY_SALT = 0x5BD1E995


def row_id(doc_mk_id: str, index: int) -> str:
    """mk_row_id of the index-th derived line of a generated document (unique across all documents)."""
    return str(_ROW_BASE + (int(doc_mk_id) - _DOC_BASE) * _ROWS_PER_DOC + index)


def _amount(r: random.Random, unit: str, business: bool, price: Decimal) -> Decimal:
    if unit in ("kg", "m"):
        high = 120 if business else 15
        digits = r.choice((0, 1, 1, 2))
        value = round(r.uniform(1, high), digits)
        return Decimal(int(value)) if digits == 0 else Decimal(str(value))
    if unit == "ura":
        return Decimal(r.randint(1, 8))
    roll = r.random()
    if not business:
        return Decimal(1 if roll < 0.8 else 2)
    if price > 150:
        return Decimal(1 if roll < 0.7 else r.randint(2, 3) if roll < 0.95 else r.randint(4, 10))
    if roll < 0.45:
        return Decimal(1)
    if roll < 0.8:
        return Decimal(r.randint(2, 5))
    if roll < 0.95:
        return Decimal(r.randint(6, 20))
    return Decimal(r.randint(21, 100))


def make_line_factory(catalog: Catalog) -> LineFactory:
    goods = catalog.goods
    count = len(goods)
    delivery = catalog.services.get("DOSTAVA")
    big_delivery = catalog.services.get("DOSTAVA-VELIKI", delivery)
    extra_services = [item for code, item in catalog.services.items() if code not in ("DOSTAVA", "DOSTAVA-VELIKI")]

    def factory(doc: Document) -> list[Line]:
        r = random.Random(doc.seed)
        partner = doc.partner
        business = partner.business_entity
        zero_rated = partner.foreign and partner.taxpayer  # intra-EU supply: 0 % VAT
        credit = doc.doc_type == "sales_bill_credit_note"
        retail = doc.doc_type == "sales_bill_retail"
        wanted = r.choice((1, 1, 2)) if credit else r.choices(_LINE_COUNTS, weights=_LINE_WEIGHTS)[0]
        if not business and not credit:
            wanted = min(wanted, r.choice((1, 2, 3)))
        chosen: list = []
        seen: set[int] = set()
        for _ in range(wanted * 3):
            index = int(count * r.random() ** 2.2)
            if index not in seen:
                seen.add(index)
                chosen.append(goods[index])
                if len(chosen) == wanted:
                    break
        if not credit and delivery is not None and r.random() < 0.18:
            heavy = any(item.code[:2] in ("PS", "SS", "PM", "HL", "ZS") for item in chosen)
            chosen.append(big_delivery if heavy else delivery)
        if not credit and extra_services and r.random() < 0.04:
            chosen.append(r.choice(extra_services))
        lines: list[Line] = []
        for item in chosen:
            price = item.wholesale if business and item.wholesale is not None else item.retail
            amount = _amount(r, item.unit, business, price) if not item.service or item.unit == "ura" else Decimal(1)
            if r.random() < 0.1:
                price = (price * Decimal(str(round(r.uniform(0.9, 1.08), 3)))).quantize(Q4)
            discount = r.choice(_DISCOUNTS) if business and r.random() < 0.12 else Decimal(0)
            doc_desc = f"Serijska št. {r.randint(10**9, 10**10 - 1)}" if r.random() < 0.02 else None
            lines.append(Line(
                mk_row_id=row_id(doc.mk_id, len(lines)), product_id=item.product_id, count_code=item.count_code,
                code=item.code, name=item.name, unit=item.unit, amount=-amount if credit else amount, price=price,
                tax="EX0" if zero_rated else item.tax, discount=discount, entered_gross=retail, doc_desc=doc_desc,
            ))
        if r.random() < 0.03 and not credit:
            lines.append(Line(mk_row_id=row_id(doc.mk_id, len(lines)), product_id=None, count_code=None, code=None,
                              name=r.choice(names.TEXT_LINES), unit=None, amount=Decimal(0), price=Decimal(0),
                              tax=None))
        return lines

    return factory


def payment_plan(doc: Document, last_day: date) -> list[tuple[date, float]]:
    """Dates and shares of the payments of a generated bill (shares sum to 1 for "paid", less for "partial").

    Depends only on the document header, so the generator can date `last_change` without computing sums.
    """
    state = doc.pay_state
    if state not in ("paid", "partial"):
        return []
    r = random.Random(doc.seed ^ _PAY_SALT)
    if doc.doc_type == "sales_bill_retail":
        return [(doc.doc_date, 1.0)]
    start = doc.doc_date
    due = doc.due_date or start
    if doc.doc_type == "sales_bill_prepaid":
        target = start + timedelta(days=r.randint(0, 3))
    elif state == "paid":
        target = due + timedelta(days=r.randint(-12, 20))
    else:
        target = start + timedelta(days=r.randint(3, 60))
    end = min(max(target, start), last_day)
    roll = r.random()
    installments = 1 if roll < 0.86 else 2 if roll < 0.96 else 3
    total = 1.0 if state == "paid" else r.uniform(0.2, 0.8)
    span = (end - start).days
    dates = sorted(start + timedelta(days=r.randint(0, span)) for _ in range(installments - 1)) + [end]
    weights = [r.uniform(0.5, 1.5) for _ in range(installments)]
    scale = total / sum(weights)
    return [(day, w * scale) for day, w in zip(dates, weights, strict=True)]


def make_payment_factory(last_day: date) -> PaymentFactory:
    def factory(doc: Document, sums: Sums) -> list[Payment]:
        plan = payment_plan(doc, last_day)
        if not plan or sums.all == 0:
            return []
        total = sums.all
        if doc.pay_state == "partial":
            share = sum(part for _day, part in plan)
            target = money(total * Decimal(str(round(share, 4))))
            step = Decimal("0.01") if total > 0 else Decimal("-0.01")
            if abs(target) >= abs(total):
                target = total - step
            if target == 0 or (target > 0) != (total > 0):
                target = step
        else:
            target = total
        if abs(target) < 10:
            plan = plan[-1:]
        mode = "return" if doc.doc_type == "sales_bill_credit_note" else "payment"
        if doc.doc_type == "sales_bill_retail":
            kind = "Gotovina" if doc.seed % 3 == 0 else "Kartica"
        else:
            kind = "Transakcijski račun"
        payments: list[Payment] = []
        share_total = sum(part for _day, part in plan)
        paid = Decimal(0)
        for index, (day, part) in enumerate(plan):
            if index == len(plan) - 1:
                amount = target - paid
            else:
                amount = money(target * Decimal(str(round(part / share_total, 6))))
            paid += amount
            payments.append(Payment(date=day, amount=amount, payment_type=kind, mode=mode))
        return payments

    return factory
