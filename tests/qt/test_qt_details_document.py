"""Tests for mkdesk.qt.details.document: lines, sums per tax, payments, status, linked documents that open."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QUrl

from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.document import DocumentPane
from mkdesk.qt.formatting import money as _money


def money(*args):
    """As the pane shows it in plain text (a no-break space reads back as a space)."""
    return _money(*args).replace("\xa0", " ")


def test_invoice_with_payments_and_links(qtbot, cache_db, synced_cache, run_until):
    with sqlite3.connect(synced_cache) as con:
        doc_type, mk_id = con.execute(
            "SELECT d.doc_type, d.mk_id FROM documents d WHERE d.doc_type LIKE 'sales_bill_%' AND EXISTS "
            "(SELECT 1 FROM payments p WHERE p.document_id = d.id) AND EXISTS "
            "(SELECT 1 FROM doc_links l WHERE l.document_id = d.id) LIMIT 1").fetchone()
    pane = DocumentPane(Bridge(), cache_db)
    qtbot.addWidget(pane)
    pane.show_key((doc_type, mk_id))
    run_until(lambda: pane.result is not None)
    doc = pane.result.detail.document
    text = pane.body.toPlainText()
    assert doc.count_code in pane.title.text()
    assert (doc.status_code or "") in pane.subtitle.text()
    for tax in doc.sum_tax:
        assert f"Tax {tax.tax}" in text and money(tax.amount, doc.currency) in text
    assert money(doc.sum_all, doc.currency) in text and money(doc.open_balance, doc.currency) in text
    for payment in doc.payments:
        assert money(payment.amount, doc.currency) in text
    named = [line.name for line in doc.lines if line.name]
    assert named and all(name in text.replace("\n", " ") or name.split()[0] in text for name in named)
    linked = pane.result.detail.linked
    assert linked, "the linked order is in the cache"
    asked = []
    pane.open_requested.connect(lambda kind, key: asked.append((kind, key)))
    pane.body.anchorClicked.emit(QUrl(f"doc:{linked[0].doc_type}:{linked[0].mk_id}"))
    pane.body.anchorClicked.emit(QUrl(f"partner:{doc.partner.mk_id}"))
    assert asked == [("document", (linked[0].doc_type, linked[0].mk_id)), ("partner", doc.partner.mk_id)]
