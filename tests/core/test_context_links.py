"""Email ↔ record links: automatic ones saved from a context, manual link/unlink that matching never overrides,
and a partner's email history."""

from __future__ import annotations

import pytest

from mkdesk.core.context import build_context
from mkdesk.core.context.links import (
    count_history,
    email_history,
    link,
    links_for_message,
    partner_email_history,
    reset_link,
    save_auto_links,
    unlink,
)
from mkdesk.core.mail.store import NewMessage, add_messages, ensure_account, ensure_folder
from tests.core.context_world import (  # noqa: F401
    OWN,
    TODAY,
    corpus,
    document_id,
    partner_id,
    product_id,
    world_cache,
    world_db,
)


def store(db, *names):
    def write(conn):
        folder = ensure_folder(conn, ensure_account(conn, "Imported", "import"), "corpus")
        return add_messages(conn, folder, [NewMessage(raw=corpus(n)) for n in names]).added_ids
    return db.write_sync(write)


def enrich(db, message_id):
    def write(conn):
        context = build_context(conn, message_id, today=TODAY, own_domains=OWN)
        return context, save_auto_links(conn, message_id, context)
    return db.write_sync(write)


def kinds(db, message_id, **kw):
    return {(lk.kind, lk.record_id, lk.manual) for lk in db.read_sync(lambda c: links_for_message(c, message_id, **kw))}


def test_automatic_links_are_saved_once_with_reasons(world_db):
    (mid,) = store(world_db, "01_order_status_sl.eml")
    context, changes = enrich(world_db, mid)
    novak = partner_id(world_db, "novak")
    assert kinds(world_db, mid) == {("partner", novak, 0), ("document", document_id(world_db, "PP-2026-90001"), 0),
                                    ("product", product_id(world_db, "beko_washer"), 0)}
    assert changes.get("mail_links").inserted == 3
    partner_link = next(lk for lk in world_db.read_sync(links_for_message, mid) if lk.kind == "partner")
    assert partner_link.reason == context.partner.reason and partner_link.confidence == 0.95
    assert not enrich(world_db, mid)[1]  # nothing changed: nothing written


def test_manual_unlink_is_never_undone_by_matching(world_db):
    (mid,) = store(world_db, "01_order_status_sl.eml")
    enrich(world_db, mid)
    novak, washer = partner_id(world_db, "novak"), product_id(world_db, "beko_washer")
    assert world_db.write_sync(unlink, mid, "partner", novak).get("mail_links").updated == 1
    world_db.write_sync(unlink, mid, "product", washer)
    context, _ = enrich(world_db, mid)
    assert context.partner is None and context.entities.products == ()
    assert ("partner", novak, 0) not in kinds(world_db, mid)
    assert ("partner", novak, -1) in kinds(world_db, mid, include_unlinked=True)
    assert world_db.read_sync(email_history, novak) == ()
    world_db.write_sync(reset_link, mid, "partner", novak)
    assert enrich(world_db, mid)[0].partner.partner_id == novak


def test_manual_link_wins_and_replaces_the_automatic_partner(world_db):
    (mid,) = store(world_db, "02_shared_domain.eml")
    enrich(world_db, mid)
    servis = partner_id(world_db, "kovac_servis")
    invoice = document_id(world_db, "1-MK-2026-9011")
    world_db.write_sync(link, mid, "partner", servis)
    world_db.write_sync(link, mid, "document", invoice)
    context, _ = enrich(world_db, mid)
    assert context.partner.method == "manual" and context.partner.partner_id == servis
    assert context.card.name == "Kovač servis d.o.o."
    assert any(d.document_id == invoice and d.confidence == 1.0 for d in context.entities.documents)
    assert {k for k in kinds(world_db, mid) if k[0] != "product"} == {("partner", servis, 1),
                                                                      ("document", invoice, 1)}
    assert not world_db.write_sync(link, mid, "partner", servis).get("mail_links").total  # already linked


def test_email_history_newest_first(world_db):
    ids = store(world_db, "05_forwarded.eml", "01_order_status_sl.eml", "13_buyer_order.eml")
    for mid in ids:
        enrich(world_db, mid)
    novak = partner_id(world_db, "novak")
    history = world_db.read_sync(email_history, novak)
    assert [h.subject for h in history] == ["Dobava", "Fwd: Reklamacija hladilnika", "Status naročila PP-2026-90001"]
    assert history[0].sent_at > history[-1].sent_at and history[0].reason
    assert world_db.read_sync(count_history, novak) == 3
    assert [h.subject for h in world_db.read_sync(lambda c: email_history(c, novak, limit=1, offset=1))] == [
        "Fwd: Reklamacija hladilnika"]
    mk_id = world_db.read_sync(lambda c: c.exec_driver_sql("SELECT mk_id FROM partners WHERE id = ?",
                                                           (novak,)).scalar())
    newest, total = world_db.read_sync(lambda c: partner_email_history(c, mk_id, limit=2))
    assert [h.subject for h in newest] == ["Dobava", "Fwd: Reklamacija hladilnika"] and total == 3
    assert world_db.read_sync(lambda c: partner_email_history(c, "no-such-partner")) == ((), 0)


@pytest.mark.parametrize("args, error", [
    ((999999, "partner", 1), "no message with id 999999"),
    ((None, "customer", 1), "not 'customer'"),
    ((None, "document", 999999), "no document with cache id 999999"),
])
def test_bad_links_are_refused_clearly(world_db, args, error):
    (mid,) = store(world_db, "14_own_domain.eml")
    message_id, kind, record = args
    with pytest.raises((LookupError, ValueError), match=error):
        world_db.write_sync(link, message_id or mid, kind, record)
    assert kinds(world_db, mid, include_unlinked=True) == set()
