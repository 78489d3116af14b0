"""Tests for mkdesk.qt.details.partner: contacts, addresses, open balance = Σ(sum_all − sum_paid) of unpaid bills,
latest documents as links, the monthly revenue chart, freshness."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from PySide6.QtCore import QLocale, QUrl

from mkdesk.core.cache import repo_partners
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.partner import PartnerPane
from mkdesk.qt.formatting import money as _money


def money(*args):
    """As the pane shows it in plain text (a no-break space reads back as a space)."""
    return _money(*args).replace("\xa0", " ")


def test_open_balance_contacts_documents_and_chart(qtbot, cache_db, synced_cache, run_until):
    with sqlite3.connect(synced_cache) as con:
        mk_id, = con.execute("SELECT partner_mk_id FROM documents WHERE is_unpaid = 1 GROUP BY partner_mk_id "
                             "ORDER BY count(*) DESC LIMIT 1").fetchone()
        bills = con.execute("SELECT sum_all, sum_paid, currency FROM documents WHERE partner_mk_id = ? "
                            "AND is_unpaid = 1", (mk_id,)).fetchall()
    expected = sum((Decimal(a) - Decimal(p) for a, p, _c in bills), Decimal(0))
    pane = PartnerPane(Bridge(), cache_db)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_key(mk_id)
    run_until(lambda: pane.result is not None)
    assert pane.result.detail.open_balance == expected
    text = pane.body.toPlainText()
    assert money(expected, bills[0][2]) in text
    partner = cache_db.read_sync(repo_partners.get_partner, mk_id)
    assert pane.title.text() == partner.name
    assert all(c.name in text for c in partner.contacts if c.name)
    assert "synced" in pane.subtitle.text()
    assert pane.result.detail.documents[0].count_code in text
    assert pane.chart.isVisible() and len(pane.chart.months) == 12
    since = pane.result.since
    cached = cache_db.read_sync(repo_partners.monthly_revenue, mk_id, since)
    expected_months = {r.month: r.total for r in cached if r.currency == bills[0][2]}
    assert [m for m, _ in pane.chart.months][0] == since
    assert pane.chart.bar_values() == [float(expected_months.get(m, 0)) for m, _ in pane.chart.months]
    assert pane.chart.month_labels() == [QLocale().monthName(m.month, QLocale.FormatType.ShortFormat)
                                         for m, _ in pane.chart.months]
    assert pane.chart.empty.isVisible() == (not any(expected_months.values()))
    assert not pane.chart.grab().isNull()
    asked = []
    pane.open_requested.connect(lambda kind, key: asked.append((kind, key)))
    doc = pane.result.detail.documents[0]
    pane.body.anchorClicked.emit(QUrl(f"doc:{doc.doc_type}:{doc.mk_id}"))
    assert asked == [("document", (doc.doc_type, doc.mk_id))]


def test_missing_partner_and_clear(qtbot, cache_db, run_until):
    pane = PartnerPane(Bridge(), cache_db)
    qtbot.addWidget(pane)
    loaded = []
    pane.loaded.connect(loaded.append)
    pane.show_key("no-such-partner")
    run_until(lambda: loaded)
    assert "no longer in the cache" in pane.body.toPlainText()
    pane.show_key(None)
    assert pane.key is None and "Select a partner" in pane.body.toPlainText()


def test_notes_follow_the_partner_shown_and_survive_reopening(qtbot, qloop, synced_cache, run_until, tmp_path):
    import shutil

    from mkdesk.core.cache import Database, repo_notes

    path = tmp_path / "cache.sqlite3"
    shutil.copy(synced_cache, path)
    with sqlite3.connect(path) as con:
        a, b = (r[0] for r in con.execute("SELECT mk_id FROM partners ORDER BY id LIMIT 2"))
    db = Database.open(path)
    try:
        pane = PartnerPane(Bridge(), db)
        qtbot.addWidget(pane)
        pane.show()
        pane.show_key(a)
        run_until(lambda: pane.notes.partner == a and pane.notes.state == "shown")
        assert pane.notes.isVisible() and pane.notes.edit.toPlainText() == ""
        qtbot.keyClicks(pane.notes.edit, "Wants a quote every March")
        pane.show_key(b)  # the selection moves on before the pause is over
        run_until(lambda: pane.notes.partner == b and pane.notes.state == "shown")
        assert pane.notes.edit.toPlainText() == ""
        pane.reload()  # a sync reloads the same partner: the editor is left alone
        qtbot.keyClicks(pane.notes.edit, "B")
        run_until(lambda: pane.result is not None and not pane._bridge.busy)
        assert pane.notes.edit.toPlainText() == "B"
        pane.show_key(None)
        assert pane.notes.isHidden()
        run_until(lambda: not pane._bridge.busy)
    finally:
        db.close()
    with Database.open(path) as reopened:
        assert reopened.read_sync(repo_notes.load_note, a).note == "Wants a quote every March"
        assert reopened.read_sync(repo_notes.load_note, b).note == "B"


def test_email_history_lists_the_partners_linked_mail_and_opens_it(qtbot, mail_cache, mail_db, run_until):
    """E6: the partner shows its email history (linked messages, newest first); a click asks for the message."""
    with sqlite3.connect(mail_cache) as con:
        partner_id, mk_id, n = con.execute(
            "SELECT p.id, p.mk_id, count(*) FROM email_links l JOIN partners p ON p.id = l.record_id "
            "WHERE l.kind = 'partner' AND l.manual >= 0 GROUP BY p.id ORDER BY count(*) DESC LIMIT 1").fetchone()
        newest_id, newest_subject = con.execute(
            "SELECT m.id, m.subject FROM email_links l JOIN messages m ON m.id = l.message_id WHERE l.kind = 'partner' "
            "AND l.record_id = ? AND l.manual >= 0 ORDER BY m.sent_at DESC, m.id DESC LIMIT 1", (partner_id,)
        ).fetchone()
    pane = PartnerPane(Bridge(), mail_db)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_key(mk_id)
    run_until(lambda: pane.result is not None)
    assert pane.result.email_count == n and pane.result.emails[0].message_id == newest_id
    text = pane.body.toPlainText()
    assert "Email history" in text and newest_subject in text
    asked = []
    pane.open_requested.connect(lambda kind, key: asked.append((kind, key)))
    pane.body.anchorClicked.emit(QUrl(f"mail:{newest_id}"))
    assert asked == [("mail", newest_id)]
