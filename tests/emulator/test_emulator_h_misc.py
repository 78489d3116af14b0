"""Emulator report: a real PDF of a document (opens in a PDF reader), JSON error envelopes otherwise."""

from __future__ import annotations

import shutil
import subprocess

from .conftest import V1, Api


def test_report_returns_pdf_bytes(api: Api, tmp_path):
    bill = next(iter(api.store.documents["sales_bill_domestic"].values()))
    response = api.raw(V1 + "report", mk_id=bill.mk_id, report_id="38",
                       params=[{"type": "REPORT_TYPE", "value": "PDF"}])  # fmt: skip
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"%%EOF" in response.content[-16:]
    if shutil.which("pdftotext"):
        path = tmp_path / "bill.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert bill.count_code in text and "Kovač d.o.o." in text and "Skupaj EUR" in text


def test_report_errors_are_json(api: Api):
    assert api.v1("report", report_id="38")["opr_desc"] == "Paramether mk_id must be set"
    assert api.v1("report", mk_id="1", report_id="38")["opr_code"] == "2"
    doc = next(iter(api.store.documents["sales_order"]))
    assert api.v1("report", mk_id=doc)["opr_code"] == "2"
    xls = api.v1("report", mk_id=doc, report_id="38", params=[{"type": "REPORT_TYPE", "value": "XLS"}])
    assert xls["opr_code"] == "2"
