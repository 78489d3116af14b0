"""Tests for the context pane over the demo mailbox in a really synced cache: a customer's card, why it matched,
open orders, unpaid invoices with aging, links that open records, unknown senders, and the partner picker whose
choice is remembered."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import text

from mkdesk.core.mail import store
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.context_pane import ContextPane
from tests.qt.translation_support import error_texts_marked

TODAY = date(2026, 3, 2)


@pytest.fixture
def pane(qtbot, mail_db, run_until):
    widget = ContextPane(Bridge(), mail_db)
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.resize(520, 800)
    widget.show()
    yield widget
    run_until(lambda: not widget._bridge.busy)


def query(db, qloop, sql, **params):
    return qloop.run_until_complete(db.read(lambda conn: conn.execute(text(sql), params).all()))


def message_where(db, qloop, condition, **params):
    return query(db, qloop, f"SELECT id, from_addr, subject FROM messages WHERE {condition} ORDER BY id", **params)


def shown(pane, run_until, message_id):
    pane.show_message(message_id)
    run_until(lambda: pane.result is not None and pane.result.message_id == message_id)
    run_until(lambda: not pane._bridge.busy)
    return pane.body.toPlainText()


def test_a_customer_asking_about_an_order(pane, mail_db, qloop, run_until):
    mid, sender, subject = message_where(mail_db, qloop, "id = (SELECT id FROM messages ORDER BY sent_at DESC "
                                                         "LIMIT 1)")[0]  # the demo's newest: an order question
    (partner,) = query(mail_db, qloop, "SELECT p.name FROM contacts c JOIN partners p ON p.id = c.partner_id "
                                       "WHERE lower(c.email) = :a", a=sender)
    qloop.run_until_complete(mail_db.write(lambda conn: conn.execute(
        text("DELETE FROM email_links WHERE message_id = :m"), {"m": mid})))  # the pane saves them again
    changed = []
    pane.changed.connect(changed.append)
    body = shown(pane, run_until, mid)
    assert pane.title.text() == partner[0]
    assert "sure" in pane.why.text()
    cited = subject.split()[-1].rstrip("?")
    assert "Open orders" in body and cited in body
    assert "Mentioned in the mail" in body and "Stock of the products in the mail" in body
    assert "Unpaid invoices" in body and "days late" in body
    asked = [s for s in pane.result.stock if s.requested is not None]
    assert asked and asked[0].free > 0  # the demo asks for more of a product in stock, with a quantity
    assert "synced" in body
    links = query(mail_db, qloop, "SELECT kind FROM email_links WHERE message_id = :m AND manual = 0", m=mid)
    assert ("partner",) in links and ("document",) in links
    assert changed and changed[0].touches("mail_links")
    opened = []
    pane.open_requested.connect(lambda kind, key: opened.append((kind, key)))
    pane.body.anchorClicked.emit(QUrl("doc:sales_order:400000010758"))
    pane.body.anchorClicked.emit(QUrl("partner:400071680003"))
    assert opened == [("document", ("sales_order", "400000010758")), ("partner", "400071680003")]
    assert not pane.picker_row.isVisible()


def test_an_overdue_reply_shows_unpaid_invoices_with_aging(pane, mail_db, qloop, run_until):
    mid, _sender, subject = message_where(mail_db, qloop, "subject LIKE 'Re: Opomin%'")[0]
    body = shown(pane, run_until, mid)
    number = subject.rsplit(" ", 1)[1]
    assert "Unpaid invoices" in body and number in body and "days late" in body
    assert "overdue invoice" in body  # the warning line with the overdue sum
    assert "€" in body


def test_a_colleagues_forward_is_matched_on_the_original_sender(pane, mail_db, qloop, run_until):
    mid, sender, _subject = message_where(mail_db, qloop, "subject LIKE 'Fwd: Cena%'")[0]
    assert sender.endswith("@mkdesk-demo.si")  # the rep's own company
    body = shown(pane, run_until, mid)
    ctx = pane.result
    assert ctx.forwarded and ctx.partner is not None and ctx.sender != sender
    assert pane.title.text() == ctx.partner.name and "original sender" in body
    assert [s.requested for s in ctx.stock] == [20]


def test_unknown_senders_get_no_card(pane, mail_db, qloop, run_until):
    for condition in ("from_addr LIKE '%gradbenistvo-zupan%'", "from_addr LIKE 'novice@%'"):
        mid = message_where(mail_db, qloop, condition)[0][0]
        body = shown(pane, run_until, mid)
        assert pane.title.text() == "Unknown sender", condition
        assert "Open orders" not in body and "Unpaid invoices" not in body


def test_several_partners_fit_the_picker_remembers_the_choice(pane, mail_db, qloop, run_until):
    msg = EmailMessage()
    msg["From"] = "Nov Kupec <kupec@cretnik-petric.si>"
    msg["To"] = "prodaja@mkdesk-demo.si"
    msg["Subject"] = "Vprašanje"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    msg.set_content("Pozdravljeni, zanima me cena.")

    def add(conn):
        folder = store.ensure_folder(conn, store.ensure_account(conn, "Imported", "import"), "t")
        return store.add_messages(conn, folder, [store.NewMessage(msg.as_bytes(policy=SMTP))]).added_ids[0]

    mid = qloop.run_until_complete(mail_db.write(add))
    shown(pane, run_until, mid)
    assert pane.picker_row.isVisible() and pane.picker.count() >= 2
    assert pane.title.text() == "Which partner is this?"
    assert pane.why.text().startswith(f"{pane.picker.count()} partners fit kupec@cretnik-petric.si")
    pane.picker.setCurrentIndex(1)
    chosen = pane.picker.currentData()
    changed = []
    pane.changed.connect(changed.append)
    pane.choose_button.click()
    run_until(lambda: changed and pane.result is not None and pane.result.partner is not None)
    run_until(lambda: not pane._bridge.busy)
    assert pane.result.partner.partner_id == chosen and pane.result.partner.method == "choice"
    assert query(mail_db, qloop, "SELECT partner_id FROM sender_choices WHERE address = 'kupec@cretnik-petric.si'"
                 ) == [(chosen,)]
    assert changed[0].touches("mail_links")


def test_clear_and_a_missing_message(pane, run_until):
    pane.show_message(None)
    assert pane.key is None and "context appears here" in pane.body.toPlainText()
    pane.show_message(10 ** 9)
    run_until(lambda: not pane._bridge.busy)
    assert "Could not build the context" in pane.body.toPlainText()


def test_email_history_and_unlinking(pane, mail_db, qloop, run_until):
    # a partner with several demo mails: the thread of three messages
    thread = message_where(mail_db, qloop, "subject LIKE 'Re: Dobava%' OR subject LIKE 'Re: Delivery%'")
    mid = thread[-1][0]
    body = shown(pane, run_until, mid)
    assert "Email history (" in body and len(pane.history) >= 1
    assert all(h.message_id != mid for h in pane.history)
    requested = []
    pane.message_requested.connect(requested.append)
    pane.body.anchorClicked.emit(QUrl(f"mail:{pane.history[0].message_id}"))
    assert requested == [pane.history[0].message_id]
    product = pane.result.stock[0].product_id if pane.result.stock else None
    partner = pane.result.partner.partner_id
    changed = []
    pane.changed.connect(changed.append)
    if product is not None:
        pane.body.anchorClicked.emit(QUrl(f"unlink:product:{product}"))
        run_until(lambda: changed and not pane._bridge.busy)
        assert all(s.product_id != product for s in pane.result.stock)
    pane.body.anchorClicked.emit(QUrl(f"unlink:partner:{partner}"))
    run_until(lambda: pane.result is not None and (pane.result.partner is None
                                                   or pane.result.partner.partner_id != partner))
    run_until(lambda: not pane._bridge.busy)
    assert query(mail_db, qloop, "SELECT manual FROM email_links WHERE message_id = :m AND kind = 'partner' "
                                 "AND record_id = :p", m=mid, p=partner) == [(-1,)]
    pane.body.anchorClicked.emit(QUrl("unlink:bogus:1"))  # ignored
    pane.body.anchorClicked.emit(QUrl("mail:x"))
    assert len(requested) == 1


# ----- asking Metakocka: the real client against the emulator on loopback (the same company as the synced cache) ----


@pytest.fixture
def emulator():
    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.server import serve_in_thread

    handle = serve_in_thread(EmulatorConfig(scale="small", seed=7, today=TODAY))
    yield handle
    handle.close()


@pytest.fixture
def client_of(qloop):
    """Metakocka clients made on the test's loop (closed at the end)."""
    from mkdesk.core.erp import MetakockaClient, RetryPolicy
    from mkdesk.core.secrets import Secret

    made = []

    def make(url, company_id, secret):
        client = MetakockaClient(url, company_id, Secret(secret), retry=RetryPolicy(attempts=1, base_delay=0.001))
        made.append(client)
        return client

    yield make
    for client in made:
        qloop.run_until_complete(client.aclose())


def newest_customer_mail(db, qloop):
    """The demo's newest message (a customer's order question) and its partner's Metakocka id."""
    mid, sender, _subject = message_where(db, qloop, "id = (SELECT id FROM messages ORDER BY sent_at DESC LIMIT 1)")[0]
    (mk_id,) = query(db, qloop, "SELECT p.mk_id FROM contacts c JOIN partners p ON p.id = c.partner_id "
                                "WHERE lower(c.email) = :a", a=sender)[0]
    return mid, mk_id


def test_refresh_from_metakocka_shows_the_partner_as_it_is_now(pane, mail_db, qloop, run_until, emulator,
                                                              client_of):
    mid, mk_id = newest_customer_mail(mail_db, qloop)
    shown(pane, run_until, mid)
    assert 'href="refresh:partner:' in pane.body.toHtml() or "Refresh from Metakocka" in pane.body.toPlainText()
    emulator.store.partners[mk_id].customer = "Preimenovano podjetje d.o.o."  # renamed in Metakocka after the sync
    pane.set_client(lambda: client_of(emulator.url, emulator.company_id, emulator.secret_key))
    changed = []
    pane.changed.connect(changed.append)
    pane.body.anchorClicked.emit(QUrl(f"refresh:partner:{mk_id}"))
    assert "Refreshing" in pane.note.text()
    run_until(lambda: pane.title.text() == "Preimenovano podjetje d.o.o.")
    run_until(lambda: not pane._bridge.busy)
    assert any(c.touches("partners") for c in changed)  # the window's apply_changes refreshes the views from it
    assert "Refreshed from Metakocka" in pane.note.text()
    assert query(mail_db, qloop, "SELECT name FROM partners WHERE mk_id = :m", m=mk_id) == [
        ("Preimenovano podjetje d.o.o.",)]


def test_refresh_without_a_connection_or_offline_says_so_in_plain_words(pane, mail_db, qloop, run_until,
                                                                       client_of):
    mid, mk_id = newest_customer_mail(mail_db, qloop)
    shown(pane, run_until, mid)
    pane.body.anchorClicked.emit(QUrl(f"refresh:partner:{mk_id}"))  # no client in this profile yet
    assert pane.note.text().startswith("Connect to Metakocka first")
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on: Metakocka unreachable
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pane.set_client(lambda: client_of(f"http://127.0.0.1:{port}", "1", "secret-0123456789"))
    pane.body.anchorClicked.emit(QUrl(f"refresh:partner:{mk_id}"))
    run_until(lambda: pane.note.text().startswith("Could not refresh from Metakocka"))
    from mkdesk.core.erp.errors import TransportError

    assert pane.note.text().endswith(TransportError.default_user_message)  # the client's plain words
    assert "Traceback" not in pane.note.text() and "secret-0123456789" not in pane.note.text()
    assert pane.result is not None and pane.result.partner is not None  # the cached context stays

    with error_texts_marked():
        pane.say("")
        pane.body.anchorClicked.emit(QUrl(f"refresh:partner:{mk_id}"))
        run_until(lambda: pane.note.text().startswith("Could not refresh from Metakocka"))
        assert pane.note.text().endswith(f"SL[{TransportError.default_user_message}]")  # in the UI language


def test_a_sender_only_metakocka_knows_is_looked_up_once_and_matched(pane, mail_db, qloop, run_until, emulator,
                                                                     client_of):
    from mkdesk.emulator.model import Address, Contact, Partner

    store_ = emulator.store  # a new customer entered in Metakocka after the last sync
    address = Address(store_.next_id("address"), "Račun", "Nova ulica 5", "2000", "Maribor", "Slovenija")
    partner = Partner(store_.next_id("partner"), "999/2026", "Novo Podjetje d.o.o.", True, True, False, "SI99999999",
                      None, True, False, [address])
    partner.contacts.append(Contact(store_.next_id("contact"), address.mk_id, "Vesna Nova", "vesna@novo-podjetje.si"))
    store_.partners[partner.mk_id] = partner
    msg = EmailMessage()
    msg["From"] = "Vesna Nova <Vesna@novo-podjetje.si>"
    msg["To"] = "prodaja@mkdesk-demo.si"
    msg["Subject"] = "Povpraševanje"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    msg.set_content("Pozdravljeni, prosim za ponudbo.")

    def add(conn):
        folder = store.ensure_folder(conn, store.ensure_account(conn, "Imported", "import"), "t")
        return store.add_messages(conn, folder, [store.NewMessage(msg.as_bytes(policy=SMTP))]).added_ids[0]

    mid = qloop.run_until_complete(mail_db.write(add))
    clients = []

    def provider():
        clients.append(client_of(emulator.url, emulator.company_id, emulator.secret_key))
        return clients[-1]

    pane.set_client(provider)
    changed = []
    pane.changed.connect(changed.append)
    pane.show_message(mid)
    run_until(lambda: pane.note.text() == "Looking up the sender in Metakocka…")
    run_until(lambda: pane.title.text() == "Novo Podjetje d.o.o.")
    run_until(lambda: not pane._bridge.busy)
    assert pane.result.partner.partner_mk_id == partner.mk_id and "Vesna Nova" in pane.why.text()
    assert any(c.touches("partners") for c in changed)
    for _ in range(3):  # shown again and again: Metakocka was asked once
        shown(pane, run_until, mid)
    assert len(clients) == 1 and pane.looked_up == {"vesna@novo-podjetje.si"}


def test_an_unknown_sender_metakocka_does_not_know_either(pane, mail_db, qloop, run_until, emulator, client_of):
    mid = message_where(mail_db, qloop, "from_addr LIKE 'novice@%'")[0][0]
    pane.set_client(lambda: client_of(emulator.url, emulator.company_id, emulator.secret_key))
    shown(pane, run_until, mid)
    run_until(lambda: "either" in pane.note.text())
    assert pane.title.text() == "Unknown sender"
