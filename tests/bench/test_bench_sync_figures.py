"""Tests for mkdesk.bench.sync_figures: the write-path and raw-sqlite3 baselines count the same rows."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal

from mkdesk.bench import sync_figures
from mkdesk.core.models import DocumentLine, DocumentPartner, Payment, SalesDocument


def _page(start: int, count: int) -> list[SalesDocument]:
    return [
        SalesDocument(
            mk_id=str(400000010000 + i),
            doc_type="sales_bill_domestic",
            count_code=f"2026-{i:05d}",
            doc_date=date(2026, 3, 1),
            partner=DocumentPartner(mk_id="400071680001", name="Kovač d.o.o."),
            lines=(
                DocumentLine(code="KAB-1", name="Kabel", amount=Decimal("2"), price=Decimal("8.1967"), tax="EX4"),
                DocumentLine(code="DOST", name="Dostava", amount=Decimal("1"), price=Decimal("4.02"), tax="EX4"),
            ),
            sum_basic=Decimal("20.41"),
            sum_all=Decimal("24.90"),
            sum_paid=Decimal("24.90"),
            payments=(Payment(date=date(2026, 3, 5), amount=Decimal("24.90")),),
        )
        for i in range(start, start + count)
    ]


def test_row_shapes_cover_documents_lines_and_payments():
    docs, lines, payments = sync_figures._rows_of([_page(0, 3)])
    assert (len(docs), len(lines), len(payments)) == (3, 6, 3)
    assert docs[0][0] == "400000010000" and docs[0][5] == "Kovač d.o.o."
    assert lines[0][6] == "2" and payments[0][3] == "24.90"


def test_raw_baseline_inserts_every_row(tmp_path):
    pages = [_page(0, 50), _page(50, 50), _page(0, 10)]  # a repeated document is replaced, as an upsert would
    rate, rows = sync_figures._raw_sqlite_rows_per_s(pages, tmp_path / "raw.sqlite3")
    assert rate > 0 and rows == 110 * 4
    with sqlite3.connect(tmp_path / "raw.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM docs").fetchone()[0] == 100
        assert con.execute("SELECT count(*) FROM lines").fetchone()[0] == 200


def test_write_path_decodes_wire_pages_into_the_cache(tmp_path):
    wire_doc = {
        "mk_id": "400000012345", "doc_type": "sales_order", "opr_code": "0", "count_code": "PP-2026-0117",
        "doc_date": "2026-03-02+02:00", "partner": {"mk_id": "400071680001", "customer": "Kovač d.o.o."},
        "product_list": [{"code": "KAB", "name": "Kabel", "amount": "3", "price": "8,1967", "tax": "EX4"}],
        "sum_basic": "24.59", "sum_tax_ex4": "5.41", "sum_all": "30",
    }
    body = json.dumps({"opr_code": "0", "result_count": "1", "result": [wire_doc]}).encode()
    rate = sync_figures._write_path_rows_per_s([body], tmp_path / "write.sqlite3", rows=2)
    assert rate > 0
    with sqlite3.connect(tmp_path / "write.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM document_lines").fetchone()[0] == 1
    assert len(sync_figures._decoded_pages([body])[0]) == 1
