"""Emulator PDF print: a real PDF (text extractable), Unicode font when installed, Helvetica fallback."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from mkdesk.emulator import pdf

from .conftest import hand_store


@pytest.mark.parametrize("doc_type", ["sales_offer", "sales_order", "sales_bill_domestic", "sales_bill_credit_note"])
def test_every_doc_type_renders(doc_type):
    store = hand_store()
    data = pdf.render(store, next(iter(store.documents[doc_type].values())))
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_pdf_text_has_header_partner_lines_and_sums(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    store = hand_store()
    doc = next(iter(store.documents["sales_order"].values()))
    doc.notes = "Dostava do petka."
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf.render(store, doc))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Prodajno naročilo", doc.count_code, "Kovač d.o.o.", "USB-C kabel 2 m", "Skupaj EUR",
                     "Dostava do petka."):  # fmt: skip
        assert expected in text


def test_fallback_without_unicode_font(monkeypatch):
    monkeypatch.setattr(pdf, "FONT_DIRS", ())
    store = hand_store()
    assert pdf.render(store, next(iter(store.documents["sales_order"].values()))).startswith(b"%PDF")
