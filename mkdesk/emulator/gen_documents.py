"""Emulator layer: demo-company sales documents (headers only; lines and payments are derived from doc.seed)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from mkdesk.emulator import names
from mkdesk.emulator.gen_lines import payment_plan
from mkdesk.emulator.gen_partners import PartnerInfo
from mkdesk.emulator.model import TZ, DocLink, Document, Store

#: doc_type → (numbering prefix, digits); the series of a year is named "<prefix>-<year>"
NUMBERING: dict[str, tuple[str, int]] = {
    "sales_offer": ("PON", 5),
    "sales_order": ("PP", 5),
    "sales_bill_domestic": ("1-MK", 4),
    "sales_bill_foreign": ("2-MK", 4),
    "sales_bill_retail": ("MP", 4),
    "sales_bill_credit_note": ("DOB", 4),
    "sales_bill_prepaid": ("AV", 4),
}


def series_name(doc_type: str, year: int) -> str:
    return f"{NUMBERING[doc_type][0]}-{year}"


def next_count_code(store: Store, doc_type: str, doc_date: date) -> str:
    """The next document number of a type in the per-year series (continues the generated numbering)."""
    prefix, digits = NUMBERING[doc_type]
    number = store.next_number(f"{prefix}-{doc_date.year}")
    return f"{prefix}-{doc_date.year}-{number:0{digits}d}"


# chain kinds and their weights (tuned so the document mix is ~15 % offers, 30 % orders, 45 % domestic bills,
# 4 % foreign, 3 % retail, 2 % credit notes, 1 % prepaid)
_CHAINS = ("offer", "offer_order_bill", "order_bill", "bill", "order", "retail", "foreign")
_CHAIN_CUM = list(accumulate((8, 8, 18, 24, 6, 3, 4.5)))
_ORDER_STATUS_BY_AGE = (  # (max age in days, statuses, weights)
    (3, ("new_order", "in_progress", "ready_to_ship"), (5, 3, 2)),
    (14, ("new_order", "in_progress", "ready_to_ship", "shipped", "completed", "canceled"), (1, 3, 3, 4, 1, 0.3)),
    (45, ("in_progress", "ready_to_ship", "shipped", "completed", "canceled"), (0.3, 0.3, 3, 5, 0.4)),
    (10**6, ("shipped", "completed", "canceled"), (1, 9, 0.35)),
)
OPEN_ORDER_STATUSES = ("new_order", "in_progress", "ready_to_ship")
_WAREHOUSE_WEIGHTS = (70, 20, 10)
_DELIVERY_WEIGHTS = (40, 25, 15, 20)
_NOTES = ("Dostava na naslov podružnice.", "Kupec želi predhodni klic pred dostavo.", "Plačilo po predračunu.",
          "Blago pripraviti do petka.", "Prosimo za račun v PDF obliki.")
_OFFER_TITLES = ("Ponudba za opremo pisarne", "Ponudba – bela tehnika", "Ponudba za elektro material",
                 "Ponudba za orodje", "Ponudba za prenovo kuhinje")


class DocumentBuilder:
    def __init__(self, store: Store, rng: random.Random, infos: list[PartnerInfo], today: date,
                 company_domain: str) -> None:
        self.store, self.rng, self.today = store, rng, today
        self.yesterday = today - timedelta(days=1)
        self.yesterday_end = datetime.combine(self.yesterday, time(23, 59, 59), TZ)
        self.company_domain = company_domain
        self.docs: list[Document] = []
        self.pairs: list[tuple[Document, Document]] = []
        self.web_orders: list[Document] = []
        self.discounted: list[Document] = []
        self.marks = [w.mark for w in store.warehouses.values()]
        self.mark_cum = list(accumulate(_WAREHOUSE_WEIGHTS[: len(self.marks)]))
        self.delivery_cum = list(accumulate(_DELIVERY_WEIGHTS))
        self.buyer_orders: set[str] = set()
        self.pools = {}
        for key, keep in (("domestic", lambda i: not i.foreign), ("private", lambda i: i.private),
                          ("foreign", lambda i: i.foreign)):
            members = [i for i in infos if i.weight > 0 and keep(i)]
            self.pools[key] = (members, list(accumulate(i.weight for i in members)))

    # ----- helpers --------------------------------------------------------------------------------------------
    def pick(self, pool: str) -> PartnerInfo | None:
        members, cum = self.pools[pool]
        if not members:
            return None
        return self.rng.choices(members, cum_weights=cum)[0]

    def start_date(self, info: PartnerInfo, recent_bias: float = 0.08) -> date:
        r = self.rng
        span = max(0, min(1095, (self.yesterday - info.created).days))
        if (info.burst and r.random() < 0.7) or r.random() < recent_bias:
            days_ago = r.randint(0, min(20, span))
        else:
            days_ago = int(span * r.random() ** 1.3)
        day = self.yesterday - timedelta(days=days_ago)
        if day.weekday() >= 5 and r.random() < 0.85:
            day -= timedelta(days=day.weekday() - 4)
        return max(day, info.created)

    def stamp(self, day: date, webshop: bool = False) -> datetime:
        seconds = self.rng.randint(0, 86399) if webshop else self.rng.randint(7 * 3600 + 1800, 16 * 3600 + 1800)
        return datetime.combine(day, time(0), TZ) + timedelta(seconds=seconds)

    def later(self, ts: datetime, day: date | None = None, hours: int = 8) -> datetime:
        """A change time: on `day` (or a few hours after ts), never before ts nor after yesterday's end."""
        if day is not None:
            value = datetime.combine(day, time(9), TZ) + timedelta(seconds=self.rng.randint(0, hours * 3600))
        else:
            value = ts + timedelta(seconds=self.rng.randint(600, hours * 3600))
        return min(max(value, ts), self.yesterday_end)

    def new_doc(self, doc_type: str, info: PartnerInfo, day: date, seed: int, webshop: bool = False) -> Document:
        created = self.stamp(day, webshop)
        doc = Document(mk_id="", doc_type=doc_type, count_code="", doc_date=day, partner=info.doc_partner(),
                       created_ts=created, last_change=created, seed=seed)
        self.docs.append(doc)
        return doc

    def link(self, a: Document, b: Document) -> None:
        self.pairs.append((a, b))

    # ----- document kinds -------------------------------------------------------------------------------------
    def offer(self, info: PartnerInfo, day: date, seed: int, accepted: bool) -> Document:
        r = self.rng
        doc = self.new_doc("sales_offer", info, day, seed)
        doc.valid_to = day + timedelta(days=r.choice((15, 30, 30)))
        if accepted:
            status = "accepted"
        elif doc.valid_to >= self.today:
            status = r.choices(("open", "accepted", "rejected"), (8, 1, 1))[0]
        else:
            status = r.choices(("open", "accepted", "rejected"), (5, 1, 5))[0]
        if r.random() >= 0.03:
            doc.status_desc, doc.status_label = status, self.store.offer_statuses[status]
            if status != "open":
                doc.last_change = self.later(doc.created_ts, day + timedelta(days=r.randint(1, 10)))
        if r.random() < 0.4:
            doc.title = r.choice(_OFFER_TITLES)
        if r.random() < 0.02:
            self.discounted.append(doc)
        self._commercialist(doc, info)
        return doc

    def order(self, info: PartnerInfo, day: date, seed: int) -> Document:
        r = self.rng
        webshop = r.random() < (0.7 if info.private else 0.15)
        doc = self.new_doc("sales_order", info, day, seed, webshop)
        age = (self.yesterday - day).days
        status: str | None = None
        for max_age, statuses, weights in _ORDER_STATUS_BY_AGE:
            if age <= max_age:
                status = r.choices(statuses, weights)[0]
                break
        if r.random() < 0.05:
            status = None  # the company did not set a status on this one
        if status is not None:
            doc.status_desc, doc.status_label = status, self.store.order_statuses[status]
        doc.warehouse = r.choices(self.marks, cum_weights=self.mark_cum)[0] if r.random() < 0.97 else None
        doc.delivery_type = r.choices(self.store.delivery_types, cum_weights=self.delivery_cum)[0]
        doc.method_of_payment = r.choice(("Kartica", "Predračun")) if webshop else "Transakcijski račun"
        if webshop:
            self.web_orders.append(doc)
        elif r.random() < 0.15:
            while True:
                ref = f"NAR-{day.year}/{r.randint(1, 9999):04d}"
                if ref not in self.buyer_orders:
                    break
            self.buyer_orders.add(ref)
            doc.buyer_order = ref
        if r.random() < 0.3:
            doc.delivery_deadline = day + timedelta(days=r.randint(3, 14))
        if r.random() < 0.1:
            doc.notes = r.choice(_NOTES)
        if status in ("shipped", "completed"):
            doc.shipped_date = min(day + timedelta(days=r.randint(0, 4)), self.yesterday)
            doc.last_change = self.later(doc.created_ts, doc.shipped_date)
        elif status in ("in_progress", "ready_to_ship", "canceled"):
            doc.last_change = self.later(doc.created_ts, day + timedelta(days=r.randint(0, 3)))
        if r.random() < 0.02:
            self.discounted.append(doc)
        self._commercialist(doc, info)
        return doc

    def _commercialist(self, doc: Document, info: PartnerInfo) -> None:
        if not info.private and self.rng.random() < 0.6:
            doc.commercialist_email = f"{self.rng.choice(names.COMMERCIALISTS)}@{self.company_domain}"

    def bill(self, doc_type: str, info: PartnerInfo, day: date, seed: int, order: Document | None = None,
             state: str | None = None) -> Document:
        r = self.rng
        doc = self.new_doc(doc_type, info, day, seed)
        retail = doc_type == "sales_bill_retail"
        settled_at_once = retail or doc_type == "sales_bill_credit_note"
        doc.due_date = day if settled_at_once else day + timedelta(days=info.due_days)
        doc.publish_ts = doc.created_ts  # most bills are issued when saved, some a little later
        if r.random() < 0.35:
            doc.publish_ts = min(doc.created_ts + timedelta(seconds=r.randint(60, 7200)),
                                 datetime.combine(day, time(23, 59, 59), TZ))
        doc.method_of_payment = r.choice(("Gotovina", "Kartica")) if retail else "Transakcijski račun"
        doc.warehouse = order.warehouse if order is not None else self.marks[0]
        if state is None:
            overdue = (self.today - doc.due_date).days
            if overdue > 60:
                weights = (70, 10, 20) if info.bad_payer else (95, 2, 3)
            elif overdue > 0:
                weights = (40, 15, 45) if info.bad_payer else (70, 8, 22)
            else:
                weights = (12, 5, 83) if info.bad_payer else (30, 6, 64)
            state = r.choices(("paid", "partial", "unpaid"), weights)[0]
        doc.pay_state = state
        status: str | None = "created"
        if state != "paid" and doc.due_date < self.today and r.random() < 0.4:
            status = "reminder_sent"
        elif r.random() < 0.25:
            status = "sent"
        if r.random() < 0.1:
            status = None
        if status is not None:
            doc.status_desc, doc.status_label = status, self.store.bill_statuses[status]
        doc.last_change = doc.publish_ts
        plan = payment_plan(doc, self.yesterday)
        if plan:
            doc.last_change = self.later(doc.publish_ts, plan[-1][0])
        elif status == "reminder_sent":
            doc.last_change = self.later(doc.publish_ts, doc.due_date + timedelta(days=r.randint(5, 20)))
        return doc

    # ----- chains ---------------------------------------------------------------------------------------------
    def build(self, target: int) -> list[Document]:
        r = self.rng
        while len(self.docs) < target:
            kind = r.choices(_CHAINS, cum_weights=_CHAIN_CUM)[0]
            if kind == "retail":
                info = self.pick("private")
            elif kind == "foreign":
                info = self.pick("foreign")
            else:
                info = self.pick("domestic")
            if info is None:
                continue
            seed = r.getrandbits(62)
            if kind == "offer":
                self.offer(info, self.start_date(info, 0.3), seed, accepted=False)
            elif kind == "order":
                self.order(info, self.start_date(info, 0.4), seed)
            elif kind == "retail":
                self.bill("sales_bill_retail", info, self.start_date(info), seed, state="paid")
            elif kind == "bill":
                self.with_credit_note(info, self.bill("sales_bill_domestic", info, self.start_date(info), seed))
            elif kind == "foreign":
                self.order_chain(info, seed, "sales_bill_foreign", with_order=r.random() < 0.5)
            elif kind == "order_bill":
                self.order_chain(info, seed, "sales_bill_domestic", with_order=True)
            else:
                self.order_chain(info, seed, "sales_bill_domestic", with_order=True, with_offer=True)
        while len(self.docs) > target:
            dropped = self.docs.pop()
            self.pairs = [(a, b) for a, b in self.pairs if a is not dropped and b is not dropped]
            self.web_orders = [d for d in self.web_orders if d is not dropped]
            self.discounted = [d for d in self.discounted if d is not dropped]
        return self.docs

    def order_chain(self, info: PartnerInfo, seed: int, bill_type: str, with_order: bool,
                    with_offer: bool = False) -> None:
        r = self.rng
        day = self.start_date(info)
        offer = None
        if with_offer:
            offer = self.offer(info, day, seed, accepted=True)
            day = day + timedelta(days=r.randint(1, 12))
            if day > self.yesterday:
                return
        order = None
        if with_order:
            order = self.order(info, day, seed)
            if offer is not None:
                order.offer_list.append(offer)  # replaced by the count_code once numbers are assigned
                self.link(order, offer)
                offer.last_change = max(offer.created_ts, order.created_ts)  # accepted when ordered
            if order.status_desc in OPEN_ORDER_STATUSES or order.status_desc == "canceled":
                return
            if bill_type == "sales_bill_domestic" and r.random() < 0.045:
                prepaid = self.bill("sales_bill_prepaid", info, day, seed, order, state="paid")
                self.link(order, prepaid)
            day = order.shipped_date or day + timedelta(days=r.randint(0, 5))
            if day > self.yesterday:
                return
        bill = self.bill(bill_type, info, day, seed, order)
        if order is not None:
            self.link(order, bill)
            order.last_change = max(order.last_change, bill.created_ts)  # invoicing changes the order
            if order.shipped_date and order.delivery_type in ("GLS", "DPD", "Pošta Slovenije") and r.random() < 0.7:
                order.tracking_code = self._tracking(order.delivery_type)
        if bill_type == "sales_bill_domestic":
            self.with_credit_note(info, bill)

    def with_credit_note(self, info: PartnerInfo, bill: Document) -> None:
        r = self.rng
        if r.random() >= 0.055:
            return
        day = bill.doc_date + timedelta(days=r.randint(2, 40))
        if day > self.yesterday:
            return
        note = self.bill("sales_bill_credit_note", info, day, r.getrandbits(62), state="paid")
        self.link(bill, note)

    def _tracking(self, delivery_type: str) -> str:
        r = self.rng
        if delivery_type == "Pošta Slovenije":
            return f"PD{r.randint(10**8, 10**9 - 1)}SI"
        if delivery_type == "DPD":
            return str(r.randint(10**13, 10**14 - 1))
        return str(r.randint(10**10, 10**11 - 1))

    # ----- ids, numbers, links --------------------------------------------------------------------------------
    def finish(self) -> None:
        """Assign ids and numbers in creation order, then links, webshop numbers and document discounts."""
        store, r = self.store, self.rng
        order = sorted(range(len(self.docs)), key=lambda i: (self.docs[i].created_ts, i))
        last_ids: dict[str, int] = {}
        for i in order:
            doc = self.docs[i]
            kind = doc.doc_type
            value = last_ids.get(kind) or int(store.next_id(kind))
            value += r.choice((1, 1, 1, 1, 2)) if kind in last_ids else 0  # gaps: ids are company-wide
            last_ids[kind] = value
            store.reserve_id(kind, value)
            doc.mk_id = str(value)
            doc.count_code = next_count_code(store, kind, doc.doc_date)
            store.documents[kind][doc.mk_id] = doc
        for a, b in self.pairs:
            a.doc_links.append(DocLink(b.mk_id, b.count_code, b.doc_type))
            b.doc_links.append(DocLink(a.mk_id, a.count_code, a.doc_type))
        for doc in self.docs:
            if doc.offer_list:
                doc.offer_list = [o.count_code for o in doc.offer_list]  # type: ignore[attr-defined]
        number = 88000
        for doc in sorted(self.web_orders, key=lambda d: int(d.mk_id)):
            number += r.randint(1, 4)
            doc.buyer_order = f"WEB-{number}"
        for doc in self.discounted:
            total = store.sums(doc).all
            if total > 50:
                doc.discount_value = Decimal(max(1, int(total * Decimal("0.03"))))
