"""Tests for mkdesk.core.cache.repo_pdfs: a stored PDF comes back byte for byte, is outdated once its document
changes, only real PDFs are stored, a failed store keeps the old copy, and storing says what changed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mkdesk.core.cache import repo_pdfs as R
from mkdesk.core.cache import upsert as U
from mkdesk.core.cache.db import Database
from mkdesk.core.changes import ChangeSet
from tests.core.cache_data import FETCHED, LJ
from tests.core.cache_data import document as invoice

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "cache.sqlite")
    database.write_sync(U.upsert_documents, [invoice(1), invoice(2)], FETCHED)
    yield database
    database.close()


def _lookup(db: Database, doc) -> R.PdfLookup:
    found = db.read_sync(R.lookup_pdf, doc.doc_type, doc.mk_id)
    assert found is not None
    return found


def test_store_and_read_back(db: Database):
    doc = invoice(1)
    found = _lookup(db, doc)
    assert found.cached is None and not found.outdated and found.count_code == doc.count_code
    when = datetime(2026, 11, 24, 9, 30, tzinfo=LJ)
    changes = db.write_sync(R.store_pdf, found.document_id, PDF, found.content_hash, when)
    assert changes == ChangeSet.of("pdfs", inserted=1) and changes.touches("pdfs") and not changes.touches("documents")
    again = _lookup(db, doc)
    assert again.cached == R.CachedPdf(PDF, when, found.content_hash, len(PDF))
    assert not again.outdated
    state = db.read_sync(lambda c: R.lookup_pdf(c, doc.doc_type, doc.mk_id, with_pdf=False))
    assert state.cached == R.CachedPdf(None, when, found.content_hash, len(PDF)) and not state.outdated
    other = _lookup(db, invoice(2))
    assert other.cached is None  # one document's PDF is not another's
    replaced = db.write_sync(R.store_pdf, found.document_id, PDF + b"%", found.content_hash, when + timedelta(hours=1))
    assert replaced == ChangeSet.of("pdfs", updated=1)
    assert _lookup(db, doc).cached.pdf == PDF + b"%"
    assert db.read_sync(R.pdf_bytes_total) == len(PDF) + 1


def test_changed_document_makes_the_copy_outdated(db: Database):
    doc = invoice(1)
    found = _lookup(db, doc)
    db.write_sync(R.store_pdf, found.document_id, PDF, found.content_hash, FETCHED)
    db.write_sync(U.upsert_documents, [invoice(1, title="A new title")], FETCHED + timedelta(hours=2))
    now = _lookup(db, doc)
    assert now.document_id == found.document_id and now.content_hash != found.content_hash
    assert now.outdated and now.cached.pdf == PDF


def test_only_pdfs_are_stored_and_a_refusal_keeps_the_old_copy(db: Database):
    found = _lookup(db, invoice(1))
    db.write_sync(R.store_pdf, found.document_id, PDF, found.content_hash, FETCHED)
    for junk in (b"<!DOCTYPE html><html>maintenance</html>", b"", b" %PDF-1.4"):
        with pytest.raises(ValueError, match="not a PDF"):
            db.write_sync(R.store_pdf, found.document_id, junk, found.content_hash, FETCHED)
    assert _lookup(db, invoice(1)).cached.pdf == PDF
    with pytest.raises(LookupError, match="not in the cache"):
        db.write_sync(R.store_pdf, 999_999, PDF, None, FETCHED)


def test_missing_document_and_forget(db: Database):
    assert db.read_sync(R.lookup_pdf, "sales_bill_domestic", "no-such-id") is None
    found = _lookup(db, invoice(1))
    db.write_sync(R.store_pdf, found.document_id, PDF, found.content_hash, FETCHED)
    assert db.write_sync(R.forget_pdf, found.document_id) == ChangeSet.of("pdfs", deleted=1)
    assert _lookup(db, invoice(1)).cached is None
    assert not db.write_sync(R.forget_pdf, found.document_id)


def test_a_deleted_document_takes_its_pdf_along(db: Database):
    """A new document may get the local id of a deleted one (the upsert numbers after the highest id): it must not
    inherit the deleted document's PDF (migration 0005)."""
    newest = invoice(2)
    found = _lookup(db, newest)
    db.write_sync(R.store_pdf, found.document_id, PDF, found.content_hash, FETCHED)
    db.write_sync(U.delete_ids, "documents", [(newest.doc_type, newest.mk_id)])
    db.write_sync(U.upsert_documents, [invoice(3)], FETCHED)
    reborn = _lookup(db, invoice(3))
    assert reborn.document_id == found.document_id  # the id really was reused
    assert reborn.cached is None and db.read_sync(R.pdf_bytes_total) == 0
