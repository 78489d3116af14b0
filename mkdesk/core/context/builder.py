"""Core layer: `build_context` — one message → partner match, entities and the context pane's facts (reader threads).

Runs inside one `db.read` (a single snapshot of the cache). The sender is the From address, the original sender
of mail the rep forwarded from an own domain, or, for the rep's own mail, its first recipient outside the own
domains (`outgoing`). A manual link of the message wins over any automatic match, a manual
unlink removes that partner from the candidates; with no sender match, documents the sender's own text mentions
point to their partner when they all belong to one. Quoted replies never decide the partner.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Connection

from mkdesk.core.cache.query import marks, one, rows
from mkdesk.core.context import facts
from mkdesk.core.context.entities import extract_entities
from mkdesk.core.context.models import DocumentMention, Entities, MessageContext, ProductMention, SenderMatch
from mkdesk.core.context.sender import CONFIDENCE, best_of, is_own, match_sender, rank
from mkdesk.core.context.reasons import kind_word, why
from mkdesk.core.context.text import domain_of, split_message


#: characters of the sender's own text (and of the quoted text) searched for entities: a question sits at the top,
#: and a 1 MB body (the parser's cap) would take seconds to scan word by word
MAX_SCAN = 20_000
#: characters of the body split into own, quoted and forwarded text
MAX_READ = 200_000


class MessageLike(Protocol):
    """What the builder reads of a message (`mkdesk.core.mail.parse.ParsedMessage` fits)."""

    from_addr: str | None
    from_name: str | None
    subject: str
    body_text: str


@dataclass(frozen=True, slots=True)
class _Message:
    id: int | None
    from_addr: str | None
    from_name: str | None
    subject: str
    body_text: str
    recipients: tuple[str, ...] = ()  # To, then Cc addresses


def _addresses(value: Any) -> list[str]:
    """Addresses of a `to`/`cc` value: (name, addr) pairs of a parsed message, or the stored JSON list."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    out = []
    for item in value or ():
        addr = item.get("addr") if isinstance(item, dict) else item[1] if isinstance(item, (tuple, list)) else None
        if isinstance(addr, str) and "@" in addr:
            out.append(addr.strip().lower())
    return out


def _load(conn: Connection, message: MessageLike | int) -> _Message:
    if isinstance(message, int):
        r = one(conn, "SELECT id, from_addr, from_name, subject, body_text, to_json, cc_json FROM messages "
                      "WHERE id = ?", (message,))
        if r is None:
            raise LookupError(f"there is no message with id {message} in the cache")
        return _Message(r["id"], r["from_addr"], r["from_name"], r["subject"] or "", r["body_text"] or "",
                        tuple(_addresses(r["to_json"]) + _addresses(r["cc_json"])))
    recipients = _addresses(getattr(message, "to", ())) + _addresses(getattr(message, "cc", ()))
    return _Message(None, message.from_addr, message.from_name, message.subject or "", message.body_text or "",
                    tuple(recipients))


def _manual_links(conn: Connection, message_id: int | None) -> list[dict[str, Any]]:
    if message_id is None:
        return []
    return rows(conn, "SELECT kind, record_id, manual FROM email_links WHERE message_id = ? AND manual != 0",
                (message_id,))


def _manual_partner(conn: Connection, partner_id: int, address: str | None) -> SenderMatch | None:
    p = one(conn, "SELECT id, mk_id, name FROM partners WHERE id = ?", (partner_id,))
    if p is None:
        return None
    return SenderMatch(partner_id=p["id"], partner_mk_id=p["mk_id"], name=p["name"], method="manual",
                       confidence=CONFIDENCE["manual"], address=address, **why("manual", partner=p["name"]))


def _manual_entities(conn: Connection, links: list[dict[str, Any]], entities: Entities) -> Entities:
    """Documents and products the user linked by hand join the entities; those unlinked leave them."""
    unlinked = {(link["kind"], link["record_id"]) for link in links if link["manual"] < 0}
    docs = [d for d in entities.documents if ("document", d.document_id) not in unlinked]
    prods = [p for p in entities.products if ("product", p.product_id) not in unlinked]
    have_docs, have_prods = {d.document_id for d in docs}, {p.product_id for p in prods}
    doc_ids = [link["record_id"] for link in links if link["manual"] > 0 and link["kind"] == "document"
               and link["record_id"] not in have_docs]
    prod_ids = [link["record_id"] for link in links if link["manual"] > 0 and link["kind"] == "product"
                and link["record_id"] not in have_prods]
    if doc_ids:
        for d in rows(conn, f"SELECT id, mk_id, doc_type, count_code, buyer_order, partner_mk_id, partner_name, "
                            f"status_code, status_desc, doc_date FROM documents WHERE id IN ({marks(doc_ids)})",
                      doc_ids):
            docs.append(DocumentMention(
                text=d["count_code"] or "", field="count_code", document_id=d["id"], mk_id=d["mk_id"],
                doc_type=d["doc_type"], count_code=d["count_code"], buyer_order=d["buyer_order"],
                partner_mk_id=d["partner_mk_id"], partner_name=d["partner_name"],
                status=d["status_code"] or d["status_desc"], doc_date=date.fromisoformat(d["doc_date"])
                if d["doc_date"] else None, confidence=1.0,
                **why("linked_document", kind=kind_word(d["doc_type"]), doc_type=d["doc_type"],
                      number=d["count_code"])))
    if prod_ids:
        for p in rows(conn, f"SELECT id, mk_id, code, name FROM products WHERE id IN ({marks(prod_ids)})", prod_ids):
            prods.append(ProductMention(text=p["code"] or p["name"] or "", how="code", product_id=p["id"],
                                        mk_id=p["mk_id"], code=p["code"], name=p["name"], quantity=None, unit=None,
                                        confidence=1.0, **why("linked_product", product=p["name"])))
    return Entities(documents=tuple(docs), products=tuple(prods), unknown_numbers=entities.unknown_numbers)


def _by_documents(conn: Connection, mentions: tuple[DocumentMention, ...], address: str | None
                  ) -> SenderMatch | None:
    """The partner of the documents the sender's own text mentions, when they all belong to one partner."""
    own = [d for d in mentions if d.partner_mk_id and not d.quoted]
    partners = {d.partner_mk_id for d in own}
    if len(partners) != 1:
        return None
    p = one(conn, "SELECT id, mk_id, name FROM partners WHERE mk_id = ?", (partners.pop(),))
    if p is None:
        return None
    numbers = ", ".join(dict.fromkeys(d.count_code or d.text for d in own))
    return SenderMatch(partner_id=p["id"], partner_mk_id=p["mk_id"], name=p["name"], method="document",
                       confidence=CONFIDENCE["document"], address=address,
                       **why("document", numbers=numbers, partner=p["name"]))


def _picked_by_documents(candidates: tuple[SenderMatch, ...], mentions: tuple[DocumentMention, ...]
                         ) -> SenderMatch | None:
    """The one candidate whose documents the sender's own text mentions (and no other candidate's), surer for it."""
    own = [d for d in mentions if d.partner_mk_id and not d.quoted]
    ids = {c.partner_mk_id for c in candidates}
    theirs = {d.partner_mk_id for d in own if d.partner_mk_id in ids}
    if len(theirs) != 1:
        return None
    mk_id = theirs.pop()
    best = next(c for c in candidates if c.partner_mk_id == mk_id)
    numbers = ", ".join(dict.fromkeys(d.count_code or d.text for d in own if d.partner_mk_id == mk_id))
    return replace(best, confidence=min(0.9, best.confidence + 0.25),
                   **why("picked", partner=best.name, count=len(candidates), numbers=numbers))


def build_context(conn: Connection, message: MessageLike | int, *, today: date,
                  own_domains: frozenset[str] = frozenset()) -> MessageContext:
    """The context pane of a message (a parsed message, or the id of a stored one): who the sender is, what the
    mail mentions, and what the cache knows about that partner and those products, with each block's freshness."""
    msg = _load(conn, message)
    parts = split_message(msg.subject, msg.body_text[:MAX_READ])
    sender = (msg.from_addr or "").strip().lower() or None
    forwarded = outgoing = False
    if parts.forwarded is not None and parts.forwarded.from_addr and (
            sender is None or is_own(domain_of(sender), own_domains)):
        sender, forwarded = parts.forwarded.from_addr, True
    elif sender is not None and is_own(domain_of(sender), own_domains):  # the rep's own mail: who it went to
        outside = next((a for a in msg.recipients if not is_own(domain_of(a), own_domains)), None)
        if outside is not None:
            sender, outgoing = outside, True
    links = _manual_links(conn, msg.id)
    excluded = {link["record_id"] for link in links if link["kind"] == "partner" and link["manual"] < 0}
    candidates = match_sender(conn, sender, own_domains=own_domains, excluded=excluded, recipient=outgoing)
    manual = next((m for link in links if link["kind"] == "partner" and link["manual"] > 0
                   and (m := _manual_partner(conn, link["record_id"], sender)) is not None), None)
    if manual is not None:
        partner: SenderMatch | None = manual
        candidates = (manual, *[c for c in candidates if c.partner_id != manual.partner_id])
    else:
        partner = best_of(candidates)
    subject = msg.subject
    if forwarded and parts.forwarded and parts.forwarded.subject:
        subject = f"{subject}\n{parts.forwarded.subject}"
    own, quoted = parts.own[:MAX_SCAN], parts.quoted[:MAX_SCAN]
    entities = extract_entities(conn, subject, own, quoted, partner_mk_id=partner.partner_mk_id if partner else None)
    if not candidates:
        found = _by_documents(conn, entities.documents, sender)
        if found is not None and found.partner_id not in excluded:
            partner, candidates = found, (found,)
            if parts.quoted:
                entities = extract_entities(conn, subject, own, quoted, partner_mk_id=found.partner_mk_id)
    elif partner is None:  # several candidates: the documents the sender mentions may tell which one
        picked = _picked_by_documents(candidates, entities.documents)
        if picked is not None:
            partner = picked
            candidates = (picked, *[c for c in candidates if c.partner_id != picked.partner_id])
            entities = extract_entities(conn, subject, own, quoted, partner_mk_id=picked.partner_mk_id)
    entities = _manual_entities(conn, links, entities)
    mentioned = [(p.product_id, p.mk_id, p.code, p.name, None, p.quantity) for p in entities.products]
    units = {r["id"]: r["unit"] for r in rows(conn, f"SELECT id, unit FROM products WHERE id IN "
                                                    f"({marks([m[0] for m in mentioned])})",
                                              [m[0] for m in mentioned])} if mentioned else {}
    stock = facts.stock_of(conn, [(pid, mk, code, name, units.get(pid), qty) for pid, mk, code, name, _u, qty
                                  in mentioned])
    blocks = ["stock"] if mentioned else []
    card = orders = offers = invoices = balances = bought_top = seg = None
    if partner is not None:
        docs = facts.partner_documents(conn, partner.partner_mk_id)
        card = facts.card(conn, partner.partner_id, sender)
        orders = facts.open_orders(docs, today)
        offers = facts.pending_offers(docs, today)
        invoices, balances = facts.unpaid_invoices(docs, today)
        bought = facts.purchases(conn, docs)
        seg = facts.segment(bought, today)
        bought_top = facts.recent_purchases(conn, bought, today)
        blocks = ["partner", "orders", "offers", "invoices", "purchases", *blocks]
    return MessageContext(
        message_id=msg.id, sender=sender, forwarded=forwarded, partner=partner, candidates=rank(candidates)
        if manual is None else candidates, card=card, open_orders=orders or (), pending_offers=offers or (),
        unpaid_invoices=invoices or (), balances=balances or (), recent_purchases=bought_top or (), stock=stock,
        segment=seg, entities=entities, freshness=facts.freshness(conn, blocks), today=today, outgoing=outgoing)


def prepare(conn: Connection) -> None:
    """Build the per-database indexes `build_context` uses (product names, numbering schemes, the Slovenian
    lemmatizer) ahead of the first message — ~0.5 s on the large cache, on a reader thread after the cache opens."""
    from mkdesk.core.context.entities import number_shapes
    from mkdesk.core.context.names import catalogue, lemma

    lemma("stroja")
    catalogue(conn)
    number_shapes(conn)


def requested(entities: Entities) -> dict[int, Decimal]:
    """Quantities the mail asks for, per product id."""
    return {p.product_id: p.quantity for p in entities.products if p.quantity is not None}
