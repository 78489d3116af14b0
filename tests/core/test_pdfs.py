"""Tests for mkdesk.core.pdfs: the first request fetches the PDF from the emulator over loopback and caches it, later
ones are served from the cache with the emulator stopped; a changed document marks its copy outdated; offline or
unconnected without a copy gives a specific message; answers that are not PDFs (a web page, other bytes, a cut-off
file) are errors and never cached; one download is shared by simultaneous requests; the file lands in `pdf/`."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_pdfs, upsert
from mkdesk.core.cache.db import Database
from mkdesk.core.erp import MetakockaClient
from mkdesk.core.erp.client import RetryPolicy
from mkdesk.core.pdfs import (
    DocumentMissing,
    NotAPdf,
    NotConnected,
    PdfCopy,
    PdfError,
    PdfService,
    PdfUnavailable,
    is_pdf,
)
from mkdesk.core.secrets import Secret
from mkdesk.emulator.config import EmulatorConfig
from mkdesk.emulator.server import serve_in_thread

CONFIG = dict(scale="tiny", seed=11, today=date(2026, 3, 2), secret_key="pdf-test-key")


@pytest.fixture(scope="module")
def emulator():
    with serve_in_thread(EmulatorConfig(**CONFIG)) as handle:
        yield handle


def _client(url: str, company_id: str = "1") -> MetakockaClient:
    """The real client, with quick retries (the policy itself is tested with the client)."""
    return MetakockaClient(url, company_id, Secret(CONFIG["secret_key"]), retry=RetryPolicy(2, 0.01, 0.02, 0.02))


@pytest.fixture
def cached_doc(tmp_path: Path, emulator):
    """A cache file holding one invoice, read from the emulator through the real client."""
    doc = next(d for d in emulator.store.all_documents() if d.doc_type.startswith("sales_bill"))

    async def fetch():
        client = _client(emulator.url, emulator.company_id)
        try:
            return await client.get_document(doc.doc_type, doc.mk_id)
        finally:
            await client.aclose()

    sales_doc = asyncio.run(fetch())
    db = Database.open(tmp_path / "cache.sqlite3")
    db.write_sync(upsert.upsert_documents, [sales_doc])
    yield db, sales_doc
    db.close()


class _Answer(BaseHTTPRequestHandler):
    """A loopback server that answers every POST with the same bytes (a misconfigured proxy or a broken server)."""

    body = b""
    content_type = "application/octet-stream"
    hits = 0

    def do_POST(self):  # noqa: N802
        type(self).hits += 1
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def answering():
    servers = []

    def start(body: bytes, content_type: str = "application/octet-stream") -> tuple[str, type[_Answer]]:
        handler = type("Handler", (_Answer,), {"body": body, "content_type": content_type, "hits": 0})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_first_open_fetches_then_the_cache_serves_it_offline(cached_doc, emulator, tmp_path):
    db, doc = cached_doc
    stopped = serve_in_thread(EmulatorConfig(**CONFIG))  # a second server we can stop in the middle

    async def scenario():
        client = _client(stopped.url, stopped.company_id)
        service = PdfService(db, lambda: client, tmp_path / "pdf")
        try:
            first = await service.get(doc.doc_type, doc.mk_id)
            assert not first.from_cache and not first.outdated and is_pdf(first.pdf)
            stopped.close()
            second = await service.get(doc.doc_type, doc.mk_id)
            assert second.from_cache and second.pdf == first.pdf and second.fetched_at == first.fetched_at
            with pytest.raises(PdfError) as refused:  # refresh while offline: a clear error, the copy stays
                await service.get(doc.doc_type, doc.mk_id, refresh=True)
            assert "network" in refused.value.user_message
            unconnected = PdfService(db, lambda: None, tmp_path / "pdf")
            third = await unconnected.get(doc.doc_type, doc.mk_id)
            assert third.from_cache and third.pdf == first.pdf
            return first
        finally:
            await client.aclose()

    first = asyncio.run(scenario())
    lookup = db.read_sync(repo_pdfs.lookup_pdf, doc.doc_type, doc.mk_id)
    assert lookup.cached.pdf == first.pdf and not lookup.outdated


def test_changed_document_is_outdated_and_refresh_fetches_again(cached_doc, emulator, tmp_path):
    db, doc = cached_doc

    async def scenario():
        client = _client(emulator.url, emulator.company_id)
        service = PdfService(db, lambda: client, tmp_path / "pdf")
        try:
            await service.get(doc.doc_type, doc.mk_id)
            db.write_sync(upsert.upsert_documents, [_changed(doc)])
            stale = await service.get(doc.doc_type, doc.mk_id)
            assert stale.from_cache and stale.outdated
            fresh = await service.get(doc.doc_type, doc.mk_id, refresh=True)
            assert not fresh.from_cache and not fresh.outdated and fresh.fetched_at >= stale.fetched_at
            again = await service.get(doc.doc_type, doc.mk_id)
            assert again.from_cache and not again.outdated
        finally:
            await client.aclose()

    asyncio.run(scenario())


def _changed(doc):
    from dataclasses import replace

    return replace(doc, title=(doc.title or "") + " (changed)")


def test_offline_or_unconnected_without_a_copy(cached_doc, tmp_path):
    db, doc = cached_doc

    async def scenario():
        client = _client("http://127.0.0.1:9")  # nothing listens on the discard port
        try:
            offline = PdfService(db, lambda: client, tmp_path / "pdf")
            with pytest.raises(PdfUnavailable) as err:
                await offline.get(doc.doc_type, doc.mk_id)
            assert "not been downloaded yet" in err.value.user_message
        finally:
            await client.aclose()
        with pytest.raises(NotConnected) as err:
            await PdfService(db, lambda: None, tmp_path / "pdf").get(doc.doc_type, doc.mk_id)
        assert "Connect to Metakocka" in err.value.user_message
        with pytest.raises(DocumentMissing):
            await PdfService(db, lambda: None, tmp_path / "pdf").get(doc.doc_type, "no-such-document")

    asyncio.run(scenario())
    assert db.read_sync(repo_pdfs.lookup_pdf, doc.doc_type, doc.mk_id).cached is None


@pytest.mark.parametrize("body, content_type", [
    (b"GIF89a\x01\x00\x01\x00 not a pdf", "application/octet-stream"),
    (b"%PDF-1.4\n1 0 obj <<>> endobj\nstream\nhalf of a file", "application/pdf"),  # cut off: no %%EOF
])
def test_answers_that_are_not_pdfs_are_not_cached(cached_doc, answering, tmp_path, body, content_type):
    db, doc = cached_doc
    url, _handler = answering(body, content_type)

    async def scenario():
        client = _client(url)
        try:
            with pytest.raises(NotAPdf) as err:
                await PdfService(db, lambda: client, tmp_path / "pdf").get(doc.doc_type, doc.mk_id)
            assert "not a PDF" in err.value.user_message
        finally:
            await client.aclose()

    asyncio.run(scenario())
    assert db.read_sync(repo_pdfs.lookup_pdf, doc.doc_type, doc.mk_id).cached is None


def test_a_maintenance_page_is_not_cached(cached_doc, tmp_path):
    db, doc = cached_doc
    with serve_in_thread(EmulatorConfig(**CONFIG, faults=1.0, fault_kinds=("html_200",))) as broken:
        async def scenario():
            client = _client(broken.url, broken.company_id)
            try:
                with pytest.raises(PdfUnavailable):
                    await PdfService(db, lambda: client, tmp_path / "pdf").get(doc.doc_type, doc.mk_id)
            finally:
                await client.aclose()

        asyncio.run(scenario())
        assert broken.app.state.faults.injected  # the page really was served
    assert db.read_sync(repo_pdfs.lookup_pdf, doc.doc_type, doc.mk_id).cached is None


def test_simultaneous_requests_share_one_download(cached_doc, answering, tmp_path):
    db, doc = cached_doc
    pdf = b"%PDF-1.7\n% shared\n%%EOF\n"
    url, handler = answering(pdf, "application/pdf")

    async def scenario():
        client = _client(url)
        try:
            service = PdfService(db, lambda: client, tmp_path / "pdf")
            return await asyncio.gather(*(service.get(doc.doc_type, doc.mk_id) for _ in range(3)))
        finally:
            await client.aclose()

    copies = asyncio.run(scenario())
    assert [c.pdf for c in copies] == [pdf] * 3
    assert handler.hits == 1


def test_save_writes_the_file_under_a_safe_name(tmp_path):
    from datetime import datetime

    copy = PdfCopy("sales_bill_domestic", "4001", "1-MK/2026:17", b"%PDF-1.4\n%%EOF\n",
                   datetime.now().astimezone() - timedelta(minutes=1), True, False)
    service = PdfService(None, lambda: None, tmp_path / "pdf")
    path = asyncio.run(service.save(copy))
    assert path.parent == tmp_path / "pdf" and path.name == "1-MK-2026-17.pdf"
    assert path.read_bytes() == copy.pdf
    assert asyncio.run(service.save(copy)) == path and [p.name for p in path.parent.iterdir()] == [path.name]
    assert is_pdf(copy.pdf) and not is_pdf(b"") and not is_pdf(b"<html>%PDF-1.4 %%EOF")


def test_files_older_than_a_day_are_removed_when_a_new_one_is_written(tmp_path):
    import os
    import time
    from datetime import datetime

    folder = tmp_path / "pdf"
    folder.mkdir()
    old, recent, other = folder / "old.pdf", folder / "recent.pdf", folder / "notes.txt"
    for f in (old, recent, other):
        f.write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    copy = PdfCopy("sales_order", "7", "PP-1", b"%PDF-1.4\n%%EOF\n", datetime.now().astimezone(), True, False)
    path = asyncio.run(PdfService(None, lambda: None, folder).save(copy))
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, "recent.pdf", "notes.txt"])
