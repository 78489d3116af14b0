"""Core layer: offline copies of document PDFs in the cache (`document_pdfs`) — look-ups on reader threads, stores on
the writer thread.

A copy is kept with the document's content hash at the time it was fetched: when the document has changed since (a
sync wrote a new hash), `PdfLookup.outdated` says so and the caller may offer to fetch it again. Storing returns a
`ChangeSet` with the `pdfs` flag; the document itself is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from mkdesk.core.cache.query import one, scalar
from mkdesk.core.cache.values import to_ts, ts
from mkdesk.core.changes import ChangeSet

ENTITY = "pdfs"
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True, slots=True)
class CachedPdf:
    """One stored PDF: its bytes (None when only its state was asked for), when it was fetched, the document's
    content hash at that moment, and its size."""

    pdf: bytes | None
    fetched_at: datetime
    content_hash: str | None
    size: int


@dataclass(frozen=True, slots=True)
class PdfLookup:
    """A cached document (its local id and current content hash) and its stored PDF, if any."""

    document_id: int
    doc_type: str
    mk_id: str
    count_code: str | None
    content_hash: str
    cached: CachedPdf | None

    @property
    def outdated(self) -> bool:
        """The document changed (a sync stored a new version) after its PDF was fetched."""
        return self.cached is not None and self.cached.content_hash != self.content_hash


def lookup_pdf(conn: Connection, doc_type: str, mk_id: str, *, with_pdf: bool = True) -> PdfLookup | None:
    """The document and its stored PDF (reader thread); None when the document is not in the cache. Without
    `with_pdf` only the state is read (the bytes stay on disk: a pane asks for it at every selection)."""
    doc = one(conn, "SELECT id, doc_type, mk_id, count_code, content_hash FROM documents "
                    "WHERE doc_type = ? AND mk_id = ?", (doc_type, mk_id))
    if doc is None:
        return None
    blob = "pdf" if with_pdf else "NULL AS pdf"
    row = one(conn, f"SELECT fetched_at, content_hash, size, {blob} FROM document_pdfs WHERE document_id = ?",
              (doc["id"],))
    cached = None
    if row is not None:
        pdf = None if row["pdf"] is None else bytes(row["pdf"])
        cached = CachedPdf(pdf, to_ts(row["fetched_at"]), row["content_hash"], row["size"])  # type: ignore[arg-type]
    return PdfLookup(doc["id"], doc["doc_type"], doc["mk_id"], doc["count_code"], doc["content_hash"], cached)


def store_pdf(conn: Connection, document_id: int, pdf: bytes, content_hash: str | None,
              fetched_at: datetime) -> ChangeSet:
    """Keep (or replace) the PDF of a cached document (writer thread). Only real PDFs are stored: anything that does
    not start with `%PDF-` raises `ValueError` and leaves the stored copy as it was."""
    if not isinstance(pdf, (bytes, bytearray)) or not bytes(pdf[:len(PDF_MAGIC)]) == PDF_MAGIC:
        raise ValueError("not a PDF document (it does not start with %PDF-); nothing was stored")
    if scalar(conn, "SELECT count(*) FROM documents WHERE id = ?", (document_id,)) == 0:
        raise LookupError(f"document {document_id} is not in the cache; its PDF was not stored")
    existed = scalar(conn, "SELECT count(*) FROM document_pdfs WHERE document_id = ?", (document_id,))
    conn.exec_driver_sql(
        "INSERT INTO document_pdfs (document_id, fetched_at, content_hash, size, pdf) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET fetched_at = excluded.fetched_at, "
        "content_hash = excluded.content_hash, size = excluded.size, pdf = excluded.pdf",
        (document_id, ts(fetched_at), content_hash, len(pdf), bytes(pdf)))
    return ChangeSet.of(ENTITY, updated=1) if existed else ChangeSet.of(ENTITY, inserted=1)


def forget_pdf(conn: Connection, document_id: int) -> ChangeSet:
    """Drop the stored PDF of a document (writer thread)."""
    deleted = conn.exec_driver_sql("DELETE FROM document_pdfs WHERE document_id = ?", (document_id,)).rowcount
    return ChangeSet.of(ENTITY, deleted=max(deleted, 0))


def pdf_bytes_total(conn: Connection) -> int:
    """How many bytes of PDFs the cache holds (reader thread)."""
    return int(scalar(conn, "SELECT coalesce(sum(size), 0) FROM document_pdfs"))
