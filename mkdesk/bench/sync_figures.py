"""Entry layer: the sync figures of `mkdesk bench` — full sync vs fetch-only, write path vs raw sqlite3, no-op sync.

All figures come from one run against one emulator process, so ratios compare like with like on a noisy machine:
- `fetch_only_s`: the exact requests of the full sync replayed one after another, answers read and dropped;
- `full_sync_s` and `full_sync_vs_fetch` (target ≤ 1.25 at `large`): decode and write overlap the network;
- `write_rows_per_s` (JSON decode + mapping + hashed upsert of recorded document pages) vs `raw_sqlite_rows_per_s`
  (plain `sqlite3.executemany` of the same rows, already decoded) and their ratio; `upsert_only_rows_per_s` is the
  upsert alone on pre-decoded documents, to show where the write path's time goes;
- `noop_sync_s`, `noop_requests`, `noop_rows_written` (target 0) for a second sync with nothing changed;
- `cache_bytes` (database + WAL) and the bench process's peak RSS.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from mkdesk.bench.harness import EmulatorProcess, RecordingTransport, replay

CACHE_FILE = "cache.sqlite3"
#: how many recorded search pages feed the write-path comparison (bounded memory at large scale)
WRITE_SAMPLE_PAGES = 120


async def _sync_figures(emulator: EmulatorProcess, workdir: Path) -> tuple[dict[str, Any], list[bytes]]:
    from mkdesk.core.cache import Database, content_digest
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.secrets import Secret
    from mkdesk.core.sync import SyncEngine

    recorder = RecordingTransport(keep_answers_for=frozenset({"search"}), max_answers=WRITE_SAMPLE_PAGES)
    db = await asyncio.to_thread(Database.open, workdir / CACHE_FILE)
    try:
        async with MetakockaClient(
            emulator.url, emulator.company_id, Secret(emulator.secret_key), transport=recorder
        ) as client:
            engine = SyncEngine(client, db)
            started = time.perf_counter()
            full = await engine.sync()
            full_s = time.perf_counter() - started
            requests = list(recorder.requests)
            started = time.perf_counter()
            received = await replay(emulator.url, requests)
            fetch_s = time.perf_counter() - started
            started = time.perf_counter()
            noop = await engine.sync()
            noop_s = time.perf_counter() - started
        digest = await db.read(content_digest)
    finally:
        await asyncio.to_thread(db.close)
    figures = {
        "full_sync_s": round(full_s, 3),
        "fetch_only_s": round(fetch_s, 3),
        "full_sync_vs_fetch": round(full_s / fetch_s, 3) if fetch_s else None,
        "full_sync_requests": len(requests),
        "full_sync_bytes_received": received,
        "full_sync_rows_written": full.rows_written,
        "full_sync_failed": dict(full.failed),
        "noop_sync_s": round(noop_s, 3),
        "noop_requests": noop.requests,
        "noop_rows_written": noop.rows_written,
        "digest": digest,
    }
    # full-document pages only (the offer scan also records id-only pages)
    answers = [entry.answer for entry in recorder.requests if entry.answer and b'"result_type"' in entry.content]
    return figures, answers


def _decoded_pages(answers: list[bytes]) -> list[list[Any]]:
    from mkdesk.core.erp import mapping, wire

    pages = []
    for body in answers:
        data = json.loads(body)
        pages.append([mapping.sales_document(raw) for raw in wire.as_list(data.get("result"), "result")])
    return pages


def _rows_of(pages: list[list[Any]]) -> tuple[list[tuple], list[tuple], list[tuple]]:
    docs, lines, payments = [], [], []
    for page in pages:
        for doc in page:
            partner = doc.partner
            docs.append((
                doc.mk_id, doc.doc_type, doc.count_code, str(doc.doc_date), partner.mk_id if partner else None,
                partner.name if partner else None, doc.status_desc, doc.buyer_order, str(doc.sum_basic),
                str(doc.sum_all), str(doc.sum_paid), doc.currency, str(doc.due_date), str(doc.created_ts),
            ))
            for index, line in enumerate(doc.lines):
                lines.append((doc.mk_id, index, line.product_mk_id, line.code, line.name, line.unit,
                              str(line.amount), str(line.price), str(line.discount), line.tax))
            for index, pay in enumerate(doc.payments):
                payments.append((doc.mk_id, index, str(pay.date), str(pay.amount), pay.payment_type))
    return docs, lines, payments


def _raw_sqlite_rows_per_s(pages: list[list[Any]], path: Path) -> tuple[float, int]:
    """Plain sqlite3.executemany of the same rows (already decoded), one transaction per page, WAL like the cache."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("CREATE TABLE docs (mk_id TEXT PRIMARY KEY, doc_type, count_code, doc_date, partner_mk_id, "
                "partner_name, status, buyer_order, sum_basic, sum_all, sum_paid, currency, due, created)")
    con.execute("CREATE TABLE lines (doc_mk_id TEXT, pos INT, product_mk_id, code, name, unit, amount, price, "
                "discount, tax, PRIMARY KEY (doc_mk_id, pos))")
    con.execute("CREATE TABLE payments (doc_mk_id TEXT, pos INT, date, amount, type, PRIMARY KEY (doc_mk_id, pos))")
    per_page = [_rows_of([page]) for page in pages]
    total = sum(len(d) + len(ln) + len(p) for d, ln, p in per_page)
    started = time.perf_counter()
    for docs, lines, payments in per_page:
        con.execute("BEGIN")
        con.executemany("INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        con.executemany("INSERT OR REPLACE INTO lines VALUES (?,?,?,?,?,?,?,?,?,?)", lines)
        con.executemany("INSERT OR REPLACE INTO payments VALUES (?,?,?,?,?)", payments)
        con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return (total / seconds if seconds else 0.0), total


def _rows_per_s(path: Path, write: Any, batches: list[Any], rows: int) -> float:
    """Rate of `write(conn, batch)` over a fresh cache file, one writer-thread transaction per batch."""
    from mkdesk.core.cache import Database

    db = Database.open(path)
    try:
        started = time.perf_counter()
        for batch in batches:
            db.write_sync(write, batch)
        seconds = time.perf_counter() - started
    finally:
        db.close()
    return rows / seconds if seconds else 0.0


def _upsert_only_rows_per_s(pages: list[list[Any]], path: Path, rows: int) -> float:
    """The cache's hashed upsert alone, on documents already decoded (where the write path's time goes)."""
    from mkdesk.core.cache import upsert_documents

    return _rows_per_s(path, upsert_documents, pages, rows)


def _write_path_rows_per_s(answers: list[bytes], path: Path, rows: int) -> float:
    """JSON decode + mapping + the cache's hashed upsert, one transaction per page (as the engine writes)."""
    from mkdesk.core.cache import upsert_documents
    from mkdesk.core.erp import mapping, wire

    def store(conn: Any, body: bytes) -> None:
        data = json.loads(body)
        docs = [mapping.sales_document(raw) for raw in wire.as_list(data.get("result"), "result")]
        upsert_documents(conn, docs)

    return _rows_per_s(path, store, answers, rows)


def _cache_bytes(workdir: Path) -> int:
    return sum(p.stat().st_size for p in workdir.glob(CACHE_FILE + "*") if p.is_file())


def measure(scale: str, seed: int, today: date, workdir: Path | None = None) -> dict[str, Any]:
    """Run the sync figures at `scale`; returns a flat dict of numbers (and the cache digest)."""
    from mkdesk.core.sync.engine import tune_interpreter

    tune_interpreter()  # as `mkdesk sync` and the app do
    workdir = workdir or Path(tempfile.mkdtemp(prefix="mkdesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    emulator = EmulatorProcess.start(scale, seed, today)
    emulator_start_s = time.perf_counter() - started
    try:
        figures, answers = asyncio.run(_sync_figures(emulator, workdir))
    finally:
        emulator.stop()
    figures["emulator_start_s"] = round(emulator_start_s, 3)
    figures["cache_bytes"] = _cache_bytes(workdir)
    pages = _decoded_pages(answers)
    raw_rate, rows = _raw_sqlite_rows_per_s(pages, workdir / "raw.sqlite3")
    write_rate = _write_path_rows_per_s(answers, workdir / "write.sqlite3", rows)
    upsert_rate = _upsert_only_rows_per_s(pages, workdir / "upsert.sqlite3", rows)
    figures.update(
        write_sample_rows=rows,
        write_rows_per_s=round(write_rate),
        raw_sqlite_rows_per_s=round(raw_rate),
        write_vs_raw=round(write_rate / raw_rate, 3) if raw_rate else None,
        upsert_only_rows_per_s=round(upsert_rate),
        upsert_only_vs_raw=round(upsert_rate / raw_rate, 3) if raw_rate else None,
    )
    return figures
