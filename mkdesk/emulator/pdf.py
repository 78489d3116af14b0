"""Emulator layer: a simple but real PDF print of a document (header, partner, lines, sums) via fpdf2."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF

from mkdesk.emulator import wire_out
from mkdesk.emulator.model import TAX_RATES, Document, Store

TITLES = {
    "sales_offer": "Ponudba",
    "sales_order": "Prodajno naročilo",
    "sales_bill_domestic": "Račun",
    "sales_bill_foreign": "Račun (tujina)",
    "sales_bill_retail": "Maloprodajni račun",
    "sales_bill_credit_note": "Dobropis",
    "sales_bill_prepaid": "Avansni račun",
}
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts", "C:/Windows/Fonts")


def _font(pdf: FPDF) -> tuple[str, bool]:
    """DejaVu Sans when installed (full Unicode: č, š, ž); otherwise Helvetica with transliterated text."""
    for folder in FONT_DIRS:
        regular, bold = Path(folder, "DejaVuSans.ttf"), Path(folder, "DejaVuSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")


def _money(value) -> str:  # type: ignore[no-untyped-def]
    return wire_out.paid_amount(value)


def render(store: Store, doc: Document) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    family, unicode_ok = _font(pdf)
    fix = (lambda s: s) if unicode_ok else _plain

    def cell(w: float, text: str, bold: bool = False, align: str = "L", size: int = 10) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.cell(w, 6, fix(text), align=align)

    pdf.set_title(fix(f"{TITLES.get(doc.doc_type, doc.doc_type)} {doc.count_code}"))
    cell(0, store.company_name, bold=True, size=12)
    pdf.ln(10)
    cell(0, f"{TITLES.get(doc.doc_type, doc.doc_type)} {doc.count_code}", bold=True, size=16)
    pdf.ln(9)
    cell(0, f"Datum: {doc.doc_date.strftime('%d.%m.%Y')}")
    pdf.ln(6)
    if doc.buyer_order:
        cell(0, f"Naročilo kupca: {doc.buyer_order}")
        pdf.ln(6)
    pdf.ln(4)
    p = doc.partner
    for text, bold in ((p.customer, True), (p.street, False), (f"{p.post_number} {p.place}", False),
                       (p.country, False), (f"ID za DDV: {p.tax_id_number}" if p.tax_id_number else "", False)):
        if text.strip():
            cell(0, text, bold=bold)
            pdf.ln(6)
    pdf.ln(4)
    widths = (70, 20, 15, 25, 20, 40)
    for w, head in zip(widths, ("Artikel", "Količina", "EM", "Cena", "DDV", "Znesek"), strict=True):
        cell(w, head, bold=True, align="L" if head == "Artikel" else "R")
    pdf.ln(7)
    for item in store.lines(doc):
        rate = TAX_RATES.get(item.tax or "", 0)
        values = (item.name[:40], wire_out.dec(item.amount) or "", item.unit or "", _money(item.price),
                  f"{wire_out.dec(rate * 100)} %" if item.tax else "", _money(item.net_total()))
        for w, text in zip(widths, values, strict=True):
            cell(w, text, align="L" if w == 70 else "R")
        pdf.ln(6)
    pdf.ln(4)
    sums = store.sums(doc)
    rows = [("Osnova", sums.basic)] + [(f"DDV {code}", amount) for code, amount in sums.tax.items()]
    if doc.discount_value:
        rows.append(("Popust", -doc.discount_value))
    rows.append((f"Skupaj {doc.currency}", sums.all))
    for label, amount in rows:
        cell(150, label, bold=label.startswith("Skupaj"), align="R")
        cell(40, _money(amount), bold=label.startswith("Skupaj"), align="R")
        pdf.ln(6)
    if doc.notes:
        pdf.ln(4)
        pdf.set_font(family, "", 9)
        pdf.multi_cell(0, 5, fix(doc.notes))
    return bytes(pdf.output())
