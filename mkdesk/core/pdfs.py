"""Core layer: document PDFs for offline use — the cached copy when there is one, else fetched once through the
client's `report` and kept in the cache (asyncio; database work on the cache's threads, file writes on a worker).

`PdfService(db, client, folder).get(doc_type, mk_id, refresh=False)` returns a `PdfCopy` (bytes, when fetched,
whether it came from the cache, whether the document changed since). `save(copy)` writes it into `folder` (the data
dir's `pdf/`) for a viewer to open; files there are copies of the cache, removed a day later. `client` is a callable
giving the current `MetakockaClient`, or None while the profile has no connection. Failures are `PdfError`s with a
plain-words `user_message`; an answer that is not a PDF is an error and is never cached, and a failed refresh leaves
the cached copy as it was.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdesk.core.cache import repo_pdfs
from mkdesk.core.erp.errors import MetakockaError, NotAnApi, ServerUnavailable, TransportError

__all__ = ["DocumentMissing", "NotAPdf", "NotConnected", "PdfCopy", "PdfError", "PdfService", "PdfUnavailable",
           "is_pdf"]

#: a complete PDF ends with %%EOF (and a line end or two) in its last KiB
_TAIL = 1024
#: files handed to a viewer are only copies of the cache: older ones are removed when a new one is written
KEEP_FILES_SECONDS = 24 * 3600
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


class PdfError(Exception):
    """A PDF could not be shown; `user_message` says why in plain words."""

    user_message = "The PDF could not be opened."

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or user_message or self.user_message)
        if user_message:
            self.user_message = user_message


class NotConnected(PdfError):
    user_message = "Connect to Metakocka to download the PDF (Settings: company id and secret key)."


class PdfUnavailable(PdfError):
    user_message = ("The PDF of this document has not been downloaded yet and Metakocka cannot be reached. "
                    "Open it again when you are online.")


class NotAPdf(PdfError):
    user_message = "Metakocka sent something that is not a PDF, so it was not kept. Try again later."


class DocumentMissing(PdfError):
    user_message = "This document is no longer in the local cache, so its PDF cannot be shown."


def is_pdf(data: bytes) -> bool:
    """A whole PDF: the `%PDF-` header first and the `%%EOF` marker in the last KiB (a cut-off download has none)."""
    return bool(data) and data.startswith(repo_pdfs.PDF_MAGIC) and b"%%EOF" in data[-_TAIL:]


@dataclass(frozen=True, slots=True)
class PdfCopy:
    """A document's PDF as the caller gets it."""

    doc_type: str
    mk_id: str
    count_code: str | None
    pdf: bytes
    fetched_at: datetime
    from_cache: bool
    outdated: bool  # the document changed after this PDF was fetched: offer to fetch it again

    @property
    def file_name(self) -> str:
        stem = _UNSAFE.sub("-", self.count_code or self.mk_id).strip("-.") or self.mk_id
        return f"{stem}.pdf"


class PdfService:
    """Cached document PDFs. Coroutines run on the app's loop; the cache and the file system are reached off it."""

    def __init__(self, db: Any, client: Callable[[], Any | None], folder: Path) -> None:
        self._db = db
        self._client = client
        self.folder = Path(folder)
        self._inflight: dict[tuple[str, str], asyncio.Future[PdfCopy]] = {}

    @property
    def connected(self) -> bool:
        return self._client() is not None

    async def cached(self, doc_type: str, mk_id: str) -> repo_pdfs.PdfLookup | None:
        """What the cache holds for this document (no network; the state only, not the bytes)."""
        return await self._db.read(partial(repo_pdfs.lookup_pdf, with_pdf=False), doc_type, mk_id)

    async def get(self, doc_type: str, mk_id: str, *, refresh: bool = False) -> PdfCopy:
        """The cached PDF, or (with none cached, or `refresh`) a freshly fetched one that is then cached. Two callers
        asking for the same document at once share one download."""
        key = (doc_type, mk_id)
        running = self._inflight.get(key)
        if running is not None:
            return await asyncio.shield(running)
        task = asyncio.ensure_future(self._get(doc_type, mk_id, refresh))
        self._inflight[key] = task
        task.add_done_callback(lambda t: (self._inflight.pop(key, None), t.cancelled() or t.exception()))
        return await asyncio.shield(task)

    async def _get(self, doc_type: str, mk_id: str, refresh: bool) -> PdfCopy:
        found = await self._db.read(repo_pdfs.lookup_pdf, doc_type, mk_id)
        if found is None:
            raise DocumentMissing(f"{doc_type} {mk_id} is not in the cache")
        if found.cached is not None and found.cached.pdf is not None and not refresh:
            return PdfCopy(doc_type, mk_id, found.count_code, found.cached.pdf, found.cached.fetched_at, True,
                           found.outdated)
        client = self._client()
        if client is None:
            raise NotConnected("no Metakocka connection in this profile")
        try:
            data = await client.report(mk_id)
        except (TransportError, ServerUnavailable, NotAnApi) as err:
            if found.cached is None:
                raise PdfUnavailable(str(err)) from None
            raise PdfError(str(err), user_message=err.user_message) from None
        except MetakockaError as err:
            raise PdfError(str(err), user_message=err.user_message) from None
        if not is_pdf(data):
            kind = "a web page" if data[:512].lstrip().lower().startswith((b"<!doctype", b"<html")) else "not a PDF"
            raise NotAPdf(f"the report of {doc_type} {mk_id} is {kind} ({len(data)} bytes)")
        fetched = datetime.now().astimezone()
        await self._db.write(repo_pdfs.store_pdf, found.document_id, data, found.content_hash, fetched)
        return PdfCopy(doc_type, mk_id, found.count_code, data, fetched, False, False)

    async def save(self, copy: PdfCopy) -> Path:
        """Write the PDF into the folder (atomically, off the loop) and return its path."""
        return await asyncio.to_thread(self._write, copy)

    def _write(self, copy: PdfCopy) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / copy.file_name
        self._prune(keep=path)
        try:
            if path.is_file() and path.stat().st_size == len(copy.pdf) and path.read_bytes() == copy.pdf:
                return path  # already there (a viewer may hold it open)
        except OSError:
            pass
        fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".pdf", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(copy.pdf)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    def _prune(self, keep: Path) -> None:
        cutoff = time.time() - KEEP_FILES_SECONDS
        for old in self.folder.glob("*.pdf"):
            try:
                if old != keep and old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:  # a viewer may hold it (Windows): try again next time
                pass

    async def open_file(self, doc_type: str, mk_id: str, *, refresh: bool = False) -> tuple[PdfCopy, Path]:
        """`get` then `save`: the copy and the file to hand to a viewer."""
        copy = await self.get(doc_type, mk_id, refresh=refresh)
        return copy, await self.save(copy)
