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


def test_open_pdf_fetches_once_then_works_offline_and_refuses_a_web_page(qtbot, qloop, synced_cache, run_until,
                                                                          tmp_path):
    """The pane's Open PDF against the emulator on loopback: the first open downloads the PDF, the second is served
    from the cache with the emulator stopped; a maintenance page instead of a PDF is an error and is not cached."""
    import shutil
    from datetime import date

    from mkdesk.core.cache import Database, repo_pdfs
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.erp.client import RetryPolicy
    from mkdesk.core.pdfs import PdfService, is_pdf
    from mkdesk.core.secrets import Secret
    from mkdesk.emulator.config import EmulatorConfig
    from mkdesk.emulator.server import serve_in_thread

    path = tmp_path / "cache.sqlite3"
    shutil.copy(synced_cache, path)
    with sqlite3.connect(path) as con:
        keys = con.execute("SELECT doc_type, mk_id FROM documents WHERE doc_type LIKE 'sales_bill_%' ORDER BY id "
                           "LIMIT 2").fetchall()
    first, second = (tuple(k) for k in keys)
    company = dict(scale="small", seed=7, today=date(2026, 3, 2))  # the company the cache was synced from
    db = Database.open(path)
    clients = {}

    def shows(key):
        return pane.result is not None and pane.result.detail.document.mk_id == key[1]

    opened = []
    pane = DocumentPane(Bridge(), db, opener=lambda p: opened.append(p) or True)
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    pane.set_pdfs(PdfService(db, lambda: clients.get("now"), tmp_path / "pdf"))
    try:
        with serve_in_thread(EmulatorConfig(**company)) as emulator:
            clients["now"] = MetakockaClient(emulator.url, emulator.company_id, Secret(emulator.secret_key),
                                             retry=RetryPolicy(2, 0.01, 0.02, 0.02))
            pane.show_key(first)
            run_until(lambda: pane.result is not None and pane.pdf_bar.state == "missing")
            assert pane.pdf_bar.isVisible() and pane.pdf_bar.button.text() == "Open PDF"
            pane.pdf_bar.button.click()
            run_until(lambda: opened)
        fetched = opened[0].read_bytes()
        assert is_pdf(fetched) and pane.pdf_bar.state == "cached"
        pane.show_key(second)
        run_until(lambda: shows(second) and pane.pdf_bar.state == "missing")
        pane.show_key(first)
        run_until(lambda: shows(first) and pane.pdf_bar.state == "cached")
        pane.pdf_bar.button.click()  # the emulator is stopped: the cache answers
        run_until(lambda: len(opened) == 2)
        assert opened[1].read_bytes() == fetched
        run_until(lambda: not pane._bridge.busy)
        qloop.run_until_complete(clients["now"].aclose())
        with serve_in_thread(EmulatorConfig(**company, faults=1.0, fault_kinds=("html_200",))) as broken:
            clients["now"] = MetakockaClient(broken.url, broken.company_id, Secret(broken.secret_key),
                                             retry=RetryPolicy(2, 0.01, 0.02, 0.02))
            pane.show_key(second)
            run_until(lambda: shows(second) and pane.pdf_bar.state == "missing")
            pane.pdf_bar.button.click()
            run_until(lambda: pane.pdf_bar.state == "error")
            assert "Metakocka cannot be reached" in pane.pdf_bar.status.text() and len(opened) == 2
        assert db.read_sync(repo_pdfs.lookup_pdf, *second).cached is None
        assert db.read_sync(repo_pdfs.lookup_pdf, *first).cached.pdf == fetched
    finally:
        run_until(lambda: not pane._bridge.busy)
        if "now" in clients:
            qloop.run_until_complete(clients["now"].aclose())
        db.close()
