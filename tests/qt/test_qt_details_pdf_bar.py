"""Tests for mkdesk.qt.details.pdf_bar: the state line (not downloaded, cached HH:MM, outdated with a refresh offer,
connect first), opening through the injectable opener without blocking, and errors shown in plain words."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from mkdesk.core.cache import Database, upsert
from mkdesk.core.erp import MetakockaClient
from mkdesk.core.erp.client import RetryPolicy
from mkdesk.core.pdfs import PdfService, is_pdf
from mkdesk.core.secrets import Secret
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import serve_in_thread
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.pdf_bar import PdfBar, when_text
from tests.qt.translation_support import error_texts_marked

SYNCED = dict(scale="small", seed=7, today=date(2026, 3, 2))  # the company of the `synced_cache` fixture


@pytest.fixture
def writable_cache(qloop, synced_cache, tmp_path):
    path = tmp_path / "cache.sqlite3"
    shutil.copy(synced_cache, path)
    db = Database.open(path)
    yield db
    db.close()


def _bills(path, n=2):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT doc_type, mk_id FROM documents WHERE doc_type LIKE 'sales_bill_%' "
                           "ORDER BY id LIMIT ?", (n,)).fetchall()


@pytest.fixture
def client_of(qloop):
    made = []

    def make(handle):
        client = MetakockaClient(handle.url, handle.company_id, Secret(handle.secret_key),
                                 retry=RetryPolicy(2, 0.01, 0.02, 0.02))
        made.append(client)
        return client

    yield make
    for client in made:
        qloop.run_until_complete(client.aclose())


def _bar(qtbot, opened):
    """A bar inside a shown window (as in the document pane), whose opener records paths instead of launching."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    bar = PdfBar(Bridge(), window, opener=lambda path: opened.append(path) or True)
    QVBoxLayout(window).addWidget(bar)
    window.show()
    bar.test_window = window  # keep the window alive as long as the bar
    return bar


def test_unconnected_profile_says_connect_first(qtbot, writable_cache, run_until, tmp_path):
    key = tuple(_bills(writable_cache.path, 1)[0])
    opened = []
    bar = _bar(qtbot, opened)
    assert not bar.isVisible()  # no service: no PDFs in this window
    bar.set_service(PdfService(writable_cache, lambda: None, tmp_path / "pdf"))
    bar.set_document(key)
    run_until(lambda: bar.state == "missing")
    assert bar.isVisible() and bar.status.text() == "Connect to Metakocka to download the PDF."
    bar.button.click()
    run_until(lambda: bar.state == "error")
    assert "Connect to Metakocka" in bar.status.text() and opened == []
    run_until(lambda: not bar._bridge.busy)


def test_open_fetches_then_serves_from_cache_offline(qtbot, writable_cache, run_until, client_of, tmp_path):
    first, second = (tuple(k) for k in _bills(writable_cache.path))
    handle = serve_in_thread(EmulatorConfig(**SYNCED))
    client = client_of(handle)
    opened = []
    bar = _bar(qtbot, opened)
    bar.set_service(PdfService(writable_cache, lambda: client, tmp_path / "pdf"))
    bar.set_document(first)
    run_until(lambda: bar.state == "missing")
    assert bar.status.text() == "Not downloaded yet" and bar.button.isEnabled()
    bar.button.click()
    assert bar.state == "busy" and not bar.button.isEnabled()  # the GUI thread did not wait for the download
    assert bar.status.text() == "Downloading the PDF from Metakocka…"
    run_until(lambda: opened)
    assert bar.state == "cached" and bar.status.text().startswith("Cached ") and bar.button.isEnabled()
    path = opened[0]
    assert path.parent == tmp_path / "pdf" and is_pdf(path.read_bytes())
    handle.close()  # offline from here on
    bar.set_document(second)
    run_until(lambda: bar.state == "missing")
    bar.button.click()
    run_until(lambda: bar.state == "error")
    assert "not been downloaded yet" in bar.status.text()
    bar.set_document(first)
    run_until(lambda: bar.state == "cached")
    path.unlink()
    bar.button.click()
    assert bar.status.text() == "Opening the PDF…"
    run_until(lambda: len(opened) == 2)
    assert opened[1] == path and is_pdf(path.read_bytes())  # written again from the cache
    run_until(lambda: not bar._bridge.busy)


def test_changed_document_offers_a_refresh(qtbot, writable_cache, run_until, client_of, tmp_path):
    key = tuple(_bills(writable_cache.path, 1)[0])
    with serve_in_thread(EmulatorConfig(**SYNCED)) as handle:
        client = client_of(handle)
        service = PdfService(writable_cache, lambda: client, tmp_path / "pdf")
        qtbot_loop = asyncio.get_event_loop()
        qtbot_loop.run_until_complete(service.get(*key))
        doc = qtbot_loop.run_until_complete(client.get_document(*key))
        writable_cache.write_sync(upsert.upsert_documents, [replace(doc, title="Changed in Metakocka")])
        opened = []
        bar = _bar(qtbot, opened)
        bar.set_service(service)
        bar.set_document(key)
        run_until(lambda: bar.state == "outdated")
        assert "changed since" in bar.status.text() and bar.refresh_button.isVisible()
        bar.refresh_button.click()
        assert bar.state == "busy" and "Downloading" in bar.status.text()
        run_until(lambda: opened)
        assert bar.state == "cached" and not bar.refresh_button.isVisible()
    run_until(lambda: not bar._bridge.busy)


def test_a_viewer_that_cannot_open_is_reported(qtbot, writable_cache, run_until, tmp_path):
    key = tuple(_bills(writable_cache.path, 1)[0])
    loop = asyncio.get_event_loop()
    with serve_in_thread(EmulatorConfig(**SYNCED)) as handle:
        client = MetakockaClient(handle.url, handle.company_id, Secret(handle.secret_key))
        try:
            bar = PdfBar(Bridge(), opener=lambda path: False)
            qtbot.addWidget(bar)
            bar.set_service(PdfService(writable_cache, lambda: client, tmp_path / "pdf"))
            bar.set_document(key)
            bar.open_pdf()
            run_until(lambda: bar.state == "error")
            assert "No PDF viewer could open" in bar.status.text()
        finally:
            loop.run_until_complete(client.aclose())


def test_when_text_today_and_earlier(qapp):
    now = datetime(2026, 11, 24, 14, 32).astimezone()
    assert when_text(now, today=now.date()).replace("\u202f", " ") in ("14:32", "2:32 PM")
    earlier = when_text(now - timedelta(days=3), today=now.date())
    assert earlier.endswith(when_text(now, today=now.date())) and len(earlier) > len("14:32")


def test_the_pdf_services_errors_are_said_in_the_ui_language(qtbot):
    from mkdesk.core import pdfs
    from mkdesk.core.erp.errors import QuotaExceeded

    bar = PdfBar(Bridge())
    qtbot.addWidget(bar)
    assert "not a PDF" in bar.message_for(pdfs.NotAPdf("the report is a web page"))
    assert "no longer in the local cache" in bar.message_for(pdfs.DocumentMissing("x"))
    assert "cannot be reached" in bar.message_for(pdfs.PdfUnavailable("connect: refused"))
    limited = pdfs.PdfError("quota", user_message=QuotaExceeded().user_message)
    assert bar.message_for(limited) == QuotaExceeded().user_message
    assert bar.message_for(OSError("disk full")) == "Something went wrong (OSError)."


def test_a_metakocka_error_passed_on_by_the_pdf_service_is_translated(qtbot):

    from mkdesk.core import pdfs
    from mkdesk.core.erp.errors import QuotaExceeded

    bar = PdfBar(Bridge())
    qtbot.addWidget(bar)
    with error_texts_marked():
        limited = pdfs.PdfError("quota", user_message=QuotaExceeded().user_message)
        assert bar.message_for(limited) == f"SL[{QuotaExceeded().user_message}]"
        refused = pdfs.PdfError("x", user_message="Metakocka refused the request: no report")
        assert bar.message_for(refused) == "SL[Metakocka refused the request: no report]"
