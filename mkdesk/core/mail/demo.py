"""Core layer: the demo mailbox — ~50 realistic customer emails built from a synced cache's real partners, orders,
invoices, offers and products (runs on a database thread: reads through the connection it is given).

`build_demo_mailbox(conn, now=…, seed=…)` is deterministic: the same cache, `now` and seed give the same bytes. Each
mail is raw RFC 822 (stdlib `email`), sent from a partner's contact person (or an unknown sender: a prospect, a
partner's domain, a newsletter with remote images that must match nobody) and dated over the last three weeks.
`import_demo_mailbox(conn, …)` stores them through `mail.store` into account "Demo" (kind 'demo'), folder INBOX; it
runs on the writer thread (`db.write`) and does nothing when the demo mailbox already holds mail.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text

from mkdesk.core.cache.encode import BILL_TYPES
from mkdesk.core.cache.values import to_day, to_dec
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail import demo_texts as t

LJUBLJANA = ZoneInfo("Europe/Ljubljana")

DEMO_ACCOUNT = "Demo"
DEMO_FOLDER = "INBOX"
OWN_ADDRESS = "prodaja@mkdesk-demo.si"
OPEN_ORDER = ("new_order", "in_progress", "ready_to_ship")
FREE_MAIL = frozenset({"gmail.com", "gmx.net", "t-2.net", "siol.net", "amis.net", "yahoo.com", "hotmail.com",
                       "outlook.com", "icloud.com", "telemach.net", "guest.arnes.si", "email.si", "volja.net"})


@dataclass(frozen=True, slots=True)
class DemoMail:
    """One demo message: its raw bytes, whether it starts read, and what kind of mail it is (for tests and docs)."""

    raw: bytes
    seen: bool
    kind: str


@dataclass(frozen=True, slots=True)
class DemoReport:
    added: int
    skipped: bool  # the demo mailbox already had mail
    changes: ChangeSet = field(default_factory=ChangeSet)


@dataclass(frozen=True, slots=True)
class _Contact:
    partner_id: int
    partner_mk_id: str
    sender: t.Sender


def _lang(country: str | None) -> str:
    return "sl" if not country or country.casefold() in ("slovenija", "slovenia", "si") else "en"


def _contacts(conn: Connection) -> dict[str, list[_Contact]]:
    """Contact persons with an email address, per partner Metakocka id (in cache order)."""
    found: dict[str, list[_Contact]] = {}
    for r in conn.execute(text(
            "SELECT p.id, p.mk_id, p.name, p.country, c.name AS cname, c.email FROM contacts c "
            "JOIN partners p ON p.id = c.partner_id WHERE c.email LIKE '%_@_%' AND c.name IS NOT NULL "
            "ORDER BY p.id, c.position")).mappings():
        sender = t.Sender(r["cname"], r["email"].strip().lower(), r["name"] or r["cname"], _lang(r["country"]))
        found.setdefault(r["mk_id"], []).append(_Contact(r["id"], r["mk_id"], sender))
    return found


def _docs(conn: Connection, where: str, params: dict[str, Any]) -> list[tuple[str, t.Doc]]:
    rows = conn.execute(text(
        f"SELECT partner_mk_id, id, count_code, buyer_order, doc_date, sum_all, due_date FROM documents d "
        f"WHERE count_code IS NOT NULL AND partner_mk_id IS NOT NULL AND {where} "
        f"ORDER BY doc_date DESC, id DESC LIMIT 200"), params).mappings()
    return [(r["partner_mk_id"], t.Doc(r["count_code"], r["buyer_order"] or None, to_day(r["doc_date"]),
                                       to_dec(r["sum_all"]), to_day(r["due_date"]))) for r in rows]


def _items(conn: Connection) -> list[t.Item]:
    rows = conn.execute(text(
        "SELECT code, name FROM products WHERE code IS NOT NULL AND name IS NOT NULL AND NOT coalesce(service, 0) "
        "AND coalesce(sales, 1) AND code LIKE '%-%' ORDER BY id")).all()
    return [t.Item(code, name) for code, name in rows if len(name.split()) >= 2]


def _bought(conn: Connection, invoice_number: str) -> t.Item | None:
    """A product line of the document (one in stock first: the demo asks for more of it)."""
    row = conn.execute(text(
        "SELECT l.code, l.name FROM document_lines l JOIN documents d ON d.id = l.document_id "
        "JOIN products p ON p.mk_id = l.product_mk_id WHERE d.count_code = :n AND NOT coalesce(p.service, 0) "
        "ORDER BY coalesce((SELECT sum(CAST(s.free_amount AS REAL)) FROM stock s WHERE s.product_mk_id = p.mk_id), 0) "
        "> 0 DESC, l.position LIMIT 1"), {"n": invoice_number}).first()  # a sort key only, never shown
    return t.Item(row[0], row[1]) if row and row[0] and row[1] else None


def _taken_domains(conn: Connection) -> set[str]:
    found = set()
    for (email,) in conn.execute(text("SELECT email FROM contacts WHERE email LIKE '%@%' UNION "
                                      "SELECT email FROM partners WHERE email LIKE '%@%'")):
        found.add(email.rsplit("@", 1)[1].strip().lower())
    return found


class _Box:
    """Collects the mailbox: dates spread over three weeks before `now`, never before the document they cite."""

    def __init__(self, now: datetime, rng: random.Random, own: str) -> None:
        self.now = now
        self.rng = rng
        self.own = own
        self.mails: list[tuple[datetime, DemoMail]] = []

    def when(self, not_before: date | None = None, max_days: int = 20) -> datetime:
        """A working-hours time (Ljubljana) on one of the last `max_days` days, not before `not_before`, always
        a little before `now`."""
        days = self.rng.randint(0, max_days)
        if not_before is not None:
            days = min(days, max(0, (self.now.date() - not_before).days))
        local = self.now.astimezone(LJUBLJANA)
        day = local.date() - timedelta(days=days)
        minute = self.rng.randint(7 * 60 + 20, 16 * 60 + 40)
        sent = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=LJUBLJANA)
        if sent > self.now - timedelta(minutes=10):
            sent = local - timedelta(minutes=self.rng.randint(10, 180))
        return sent

    def add(self, kind: str, sender: tuple[str, str], letter: t.Letter, sent: datetime, *,
            attach: tuple[bytes, str, str, str] | None = None, reply_to: str | None = None,
            references: tuple[str, ...] = ()) -> str:
        domain = sender[1].rsplit("@", 1)[-1]
        token = hashlib.sha256(f"{kind}|{sender[1]}|{letter.subject}|{sent.isoformat()}".encode()).hexdigest()[:20]
        message_id = f"<{token}@{domain}>"
        msg = EmailMessage()
        msg["From"] = formataddr(sender)
        msg["To"] = self.own
        msg["Subject"] = letter.subject
        msg["Date"] = format_datetime(sent.astimezone(LJUBLJANA))
        msg["Message-ID"] = message_id
        if reply_to:
            msg["In-Reply-To"] = reply_to
            msg["References"] = " ".join(references or (reply_to,))
        msg.set_content(letter.text)
        if letter.html:
            msg.add_alternative(letter.html, subtype="html")
        if attach is not None:
            data, maintype, subtype, filename = attach
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        for n, part in enumerate(msg.walk()):
            if part.is_multipart():
                part.set_boundary(f"=_mkdesk_{token}_{n}")  # deterministic bytes (the default is random)
        seen = (self.now - sent) > timedelta(days=2) and kind != "newsletter"
        self.mails.append((sent, DemoMail(msg.as_bytes(policy=SMTP), seen, kind)))
        return message_id


def build_demo_mailbox(conn: Connection, *, now: datetime, seed: int = 1,
                       own_address: str = OWN_ADDRESS, own_name: str = "Prodaja") -> tuple[DemoMail, ...]:
    """The demo mailbox from what this cache holds, newest first; `now` must be timezone-aware."""
    if now.tzinfo is None:
        raise ValueError("build_demo_mailbox needs an aware `now` (mail dates carry their offset)")
    rng = random.Random(seed)
    box = _Box(now, rng, own_address)
    contacts = _contacts(conn)
    today = now.date()
    items = _items(conn)
    if not contacts or not items:
        return ()

    def who(mk_id: str) -> t.Sender | None:
        return contacts[mk_id][0].sender if mk_id in contacts else None

    def pick(found: list[tuple[str, t.Doc]], n: int, used: set[str]) -> list[tuple[t.Sender, t.Doc]]:
        chosen = []
        for mk_id, doc in found:
            sender = who(mk_id)
            if sender is not None and mk_id not in used and len(chosen) < n:
                used.add(mk_id)
                chosen.append((sender, doc))
        return chosen

    def send(kind: str, s: t.Sender, letter: t.Letter, sent: datetime, html_too: bool = False, **kw: Any) -> str:
        return box.add(kind, (s.name, s.email), t.html_version(letter) if html_too else letter, sent, **kw)

    used: set[str] = set()
    bills = ", ".join(f"'{b}'" for b in BILL_TYPES)
    orders = _docs(conn, "doc_type = 'sales_order' AND status_desc IN ('new_order', 'in_progress', 'ready_to_ship')",
                   {})
    overdue = _docs(conn, f"doc_type IN ({bills}) AND is_unpaid = 1 AND due_date < :today",
                    {"today": today.isoformat()})
    owing = {mk for mk, _doc in overdue}
    # the newest mail: a customer who owes money asks about an open order and more of a product (a full context)
    for mk_id, doc in orders:
        sender, item = who(mk_id), _bought(conn, doc.number)
        if mk_id in owing and sender is not None and item is not None:
            used.add(mk_id)
            letter = t.order_status(sender, doc, by_reference=bool(doc.buyer_order), variant=1, item=item,
                                    quantity=rng.choice((4, 6, 10)))
            send("order_status", sender, letter, now - timedelta(minutes=12), html_too=True)
            break
    abroad = [(mk, d) for mk, d in _docs(conn, "doc_type = 'sales_order' AND coalesce(status_desc, '') != 'canceled'",
                                         {}) if (who(mk) or t.Sender("", "", "", "sl")).lang == "en"]
    for n, (s, doc) in enumerate(pick(orders, 8, used) + pick(abroad, 3, used)):
        letter = t.order_status(s, doc, by_reference=bool(doc.buyer_order) and n % 2 == 0, variant=n)
        send("order_status", s, letter, box.when(doc.doc_date), html_too=n % 3 == 1)
    for n, (s, doc) in enumerate(pick(overdue, 5, used)):
        send("overdue_reply", s, t.overdue_reply(s, doc, variant=n), box.when(doc.due_date), html_too=n % 2 == 0)
    offers = _docs(conn, "doc_type = 'sales_offer' AND status_desc = 'open'", {})
    for n, (s, doc) in enumerate(pick(offers, 4, used)):
        send("offer_followup", s, t.offer_followup(s, doc, variant=n), box.when(doc.doc_date))
    invoices = _docs(conn, f"doc_type IN ({bills}) AND doc_date >= :since",
                     {"since": (today - timedelta(days=90)).isoformat()})
    complaints = 0
    for s, doc in pick(invoices, 8, used):
        item = _bought(conn, doc.number)
        if item is not None and complaints < 3:
            send("complaint", s, t.complaint(s, doc, item, variant=complaints), box.when(doc.doc_date))
            complaints += 1
    others = [c[0].sender for mk_id, c in contacts.items() if mk_id not in used]
    rng.shuffle(others)
    others.sort(key=lambda s: s.lang == "sl")  # pop() takes from the end: a few English senders come first
    english = [s for s in others if s.lang == "en"][:3]
    others = [s for s in others if s not in english]
    others[-12:-12] = english[:1]
    others[-6:-6] = english[1:2]
    others.extend(english[2:])
    stock = rng.sample(items, min(len(items), 24))
    stock += [stock[n % len(stock)] for n in range(24 - len(stock))]  # a small catalogue repeats itself
    for n in range(6):
        if not others:
            break
        s, group = others.pop(), stock[n * 2:n * 2 + 1 + n % 3]
        send("price_request", s, t.price_request(s, group, with_codes=n % 2 == 1, variant=n), box.when(),
             html_too=n % 3 == 0)
    for n in range(6):
        if not others:
            break
        s, item = others.pop(), stock[12 + n]
        letter = t.stock_request(s, item, rng.choice((2, 3, 5, 10, 20)), with_code=n % 3 == 2, variant=n)
        send("stock_request", s, letter, box.when())
    _threads(box, send, others, contacts, orders, invoices, stock, own_name)
    _unknown(box, send, conn, others, stock, rng)
    _newsletters(box, conn)
    box.mails.sort(key=lambda m: m[0], reverse=True)
    return tuple(mail for _sent, mail in box.mails)


def _threads(box: _Box, send: Callable[..., str], others: list[t.Sender], contacts: dict[str, list[_Contact]],
             orders: list[tuple[str, t.Doc]], invoices: list[tuple[str, t.Doc]], stock: list[t.Item],
             own_name: str) -> None:
    """A three-message conversation, a forwarded mail and two orders with an attachment (CSV and PDF)."""
    thread_order = next(((mk, d) for mk, d in orders[10:] if mk in contacts), None)
    if thread_order is not None:
        s = contacts[thread_order[0]][0].sender
        first = box.when(thread_order[1].doc_date, max_days=6)
        thread: list[str] = []  # the conversation's ids: theirs, then our reply (not in this inbox), …
        for n, letter in enumerate(t.chain(s, thread_order[1], stock[18], own_name)):
            sent = min(box.now - timedelta(minutes=15 + 60 * (2 - n)), first + timedelta(hours=26 * n))
            if thread:
                token = hashlib.sha256(f"{thread[-1]}|ours".encode()).hexdigest()[:16]
                thread.append(f"<{token}@{box.own.rsplit('@', 1)[-1]}>")
            thread.append(send("chain", s, letter, sent, html_too=n == 2, reply_to=thread[-1] if thread else None,
                               references=tuple(thread)))
    pairs = [c for c in contacts.values() if len(c) >= 2 and c[0].sender.lang == "sl"]
    bills_of = dict(reversed(invoices))  # each partner's newest invoice
    for group in pairs:
        invoice = bills_of.get(group[0].partner_mk_id)
        if invoice is not None:
            letter = t.forwarded(group[0].sender, group[1].sender, invoice)
            send("forwarded", group[0].sender, letter, box.when(invoice.doc_date))
            break
    colleagues = [c[0].sender for c in contacts.values() if c[0].sender.lang == "sl"]
    if colleagues:
        customer = colleagues[len(colleagues) // 2]
        sent = box.when(max_days=5)
        letter = t.colleague_forward("Tina Kranjc", customer, stock[16], 20,
                                     format_datetime((sent - timedelta(hours=3)).astimezone(LJUBLJANA)))
        send("rep_forward", t.Sender("Tina Kranjc", f"tina.kranjc@{box.own.rsplit('@', 1)[-1]}", "", "sl"), letter,
             sent)
    quantities = [3, 1, 5]
    for kind, (data_of, mime, name) in (("csv", (t.order_csv, ("text", "csv"), "narocilo.csv")),
                                        ("pdf", (t.order_pdf, ("application", "pdf"), "narocilnica.pdf"))):
        if not others:
            break
        s = others.pop()
        lines = stock[20:23] if kind == "csv" else stock[8:10]
        letter = t.order_with_attachment(s, lines, kind)
        send("attachment", s, letter, box.when(max_days=8),
             attach=(data_of(lines, quantities[:len(lines)]), mime[0], mime[1], name))


def _fresh_domain(taken: set[str], stem: str, tld: str) -> str:
    n = 0
    while True:
        domain = f"{stem}{n or ''}.{tld}"
        if domain not in taken:
            taken.add(domain)
            return domain
        n += 1


def _unknown(box: _Box, send: Callable[..., str], conn: Connection, others: list[t.Sender], stock: list[t.Item],
             rng: random.Random) -> None:
    """Two prospects on company domains nobody in the cache uses, and two new people at known partners' domains."""
    taken = _taken_domains(conn)
    for name, company, stem, tld, local, lang, picked in (
            ("Matej Zupan", "Gradbeništvo Zupan d.o.o.", "gradbenistvo-zupan", "si", "matej.zupan", "sl", stock[4:6]),
            ("Katharina Berger", "Alpenhof Hotels GmbH", "alpenhof-hotels", "at", "einkauf", "en", stock[6:8])):
        domain = _fresh_domain(taken, stem, tld)
        s = t.Sender(name, f"{local}@{domain}", company, lang)
        send("prospect", s, t.prospect(name, company, lang, picked), box.when(max_days=10), html_too=True)
    at_domain = [s for s in others if s.email.rsplit("@", 1)[1] not in FREE_MAIL]
    for n, s in enumerate(at_domain[:2]):
        domain = s.email.rsplit("@", 1)[1]
        newcomer = t.Sender(("Nina Kos", "Peter Horvat")[n], f"{('nabava', 'info')[n]}@{domain}", s.company, s.lang)
        letter = t.price_request(newcomer, [stock[14 + n]], with_codes=False, variant=n + 1)
        send("partner_domain", newcomer, letter, box.when())
    rng.random()  # keep the stream position stable if more kinds are added before this point


def _newsletters(box: _Box, conn: Connection) -> None:
    taken = _taken_domains(conn)
    for brand, stem, titles in (("TehnoSvet", "tehnosvet-novice", ["Jesenska akcija", "Pametni dom", "Darilni boni"]),
                                ("Pisarna Plus", "pisarnaplus-news", ["Vse za pisarno", "Brezplačna dostava"])):
        domain = _fresh_domain(taken, stem, "com")
        letter = t.newsletter(brand, titles, f"img.{domain}")
        box.add("newsletter", (brand, f"novice@{domain}"), letter, box.when(max_days=14))


def import_demo_mailbox(conn: Connection, *, now: datetime, seed: int = 1, own_address: str = OWN_ADDRESS,
                        own_name: str = "Prodaja") -> DemoReport:
    """Store the demo mailbox into account "Demo" / INBOX (writer thread). A mailbox that already has mail is kept
    as it is (a second `mkdesk demo` on the same profile does not add a second, re-dated copy)."""
    from mkdesk.core.mail import store

    existing = conn.execute(text(
        "SELECT count(*) FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
        "JOIN mail_accounts a ON a.id = f.account_id WHERE a.name = :name"), {"name": DEMO_ACCOUNT}).scalar_one()
    if existing:
        return DemoReport(0, True)
    mails = build_demo_mailbox(conn, now=now, seed=seed, own_address=own_address, own_name=own_name)
    account = store.ensure_account(conn, DEMO_ACCOUNT, "demo", own_address=own_address)
    folder = store.ensure_folder(conn, account, DEMO_FOLDER)
    result = store.add_messages(conn, folder, [store.NewMessage(m.raw, seen=m.seen, source="demo") for m in mails])
    return DemoReport(len(result.added_ids), False, result.changes | _link(conn, result.added_ids, now, own_address))


def _link(conn: Connection, message_ids: tuple[int, ...], now: datetime, own_address: str) -> ChangeSet:
    """Save each demo message's automatic links (partner, documents, products), as the context pane would."""
    from mkdesk.core.context.builder import build_context
    from mkdesk.core.context.links import save_auto_links

    own = frozenset({own_address.rsplit("@", 1)[-1].lower()})
    changes = ChangeSet()
    for message_id in message_ids:
        context = build_context(conn, message_id, today=now.date(), own_domains=own)
        changes |= save_auto_links(conn, message_id, context)
    return changes
