"""Qt layer: the document detail pane — partner, dates, status, lines, sums per tax, payments, linked documents, PDF.

GUI thread only; the document is read on a database reader thread (`DocumentPane.load`, through the bridge).
The partner and linked documents are links that open them in their tabs. "Open PDF" (`PdfBar`) works once the
window gives the pane its `PdfService` (`set_pdfs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from mkdesk.core.cache import repo_documents
from mkdesk.core.cache.state import load_sync_state
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.pane import DetailPane, esc, facts, link, table
from mkdesk.qt.details.pdf_bar import Opener, PdfBar
from mkdesk.qt.formatting import ago, date_text, decimal_text, money, quantity
from mkdesk.qt.labels import DOC_ENTITY, doc_type_label


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    detail: repo_documents.DocumentDetail
    synced: datetime | None


class DocumentPane(DetailPane):
    """One sales document as Metakocka holds it."""

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(bridge, db, parent)
        self.pdf_bar = PdfBar(bridge, self, opener=opener)
        self.layout_.insertWidget(2, self.pdf_bar)  # under the title and the status line
        self.loaded.connect(lambda key: self.pdf_bar.set_document(key if self.result is not None else None))

    def set_pdfs(self, service: Any) -> None:
        """The window's `mkdesk.core.pdfs.PdfService` (None: no "Open PDF")."""
        self.pdf_bar.set_service(service)

    def clear(self) -> None:
        super().clear()
        if hasattr(self, "pdf_bar"):
            self.pdf_bar.set_document(None)

    def show_key(self, key: Any) -> None:
        if key is not None and key != self.pdf_bar.key:
            self.pdf_bar.button.setEnabled(False)  # until the new document has arrived
        super().show_key(key)

    def placeholder(self) -> str:
        return self.tr("Select a document to see its lines, sums, payments and linked documents.")

    @staticmethod
    def load(conn: Any, key: tuple[str, str]) -> DocumentFacts | None:
        doc_type, mk_id = key
        detail = repo_documents.document_detail(conn, mk_id, doc_type)
        if detail is None:
            return None
        state = load_sync_state(conn, DOC_ENTITY.get(doc_type, "invoices"))
        return DocumentFacts(detail, state.last_success if state else None)

    def render(self, result: DocumentFacts) -> None:
        d = result.detail.document
        cur = d.currency
        self.title.setText(f"{doc_type_label(d.doc_type)} {d.count_code or d.mk_id}")
        self.subtitle.setText(self.tr("Status: {status} · synced {ago}").format(
            status=d.status_code or d.status_desc or "—", ago=ago(result.synced)))
        partner = ""
        if d.partner is not None:
            name = d.partner.name or d.partner.mk_id or ""
            partner = link(f"partner:{d.partner.mk_id}", name) if d.partner.mk_id else esc(name)
        balance = d.open_balance
        overdue = (balance is not None and balance > 0 and d.due_date is not None and d.due_date < date.today()
                   and d.doc_type in repo_documents.BILL_TYPES)
        due = esc(date_text(d.due_date))
        if overdue:
            due = f'<span class="warn">{due} · {esc(self.tr("overdue"))}</span>'
        parts = [facts([
            (self.tr("Partner"), partner),
            (self.tr("Date"), esc(date_text(d.doc_date))),
            (self.tr("Due"), due),
            (self.tr("Valid to"), esc(date_text(d.valid_to))),
            (self.tr("Buyer's order"), esc(d.buyer_order)),
            (self.tr("Title"), esc(d.title)),
            (self.tr("Shipped"), esc(date_text(d.shipped_date))),
            (self.tr("Tracking"), esc(d.tracking_code)),
        ])]
        product_lines = [ln for ln in d.lines]
        if product_lines:
            parts.append(f"<h3>{esc(self.tr('Lines'))}</h3>")
            rows = []
            discounts = any(ln.discount for ln in product_lines)
            for ln in product_lines:
                price = ln.price if ln.price is not None else ln.price_with_tax
                code = link(f"product:{ln.product_mk_id}", ln.code or "") if ln.product_mk_id else esc(ln.code)
                item = esc(ln.name or ln.doc_desc or "") + (f'<br><span class="muted">{code}</span>' if code else "")
                row = [item, esc(quantity(ln.amount, ln.unit)), esc(money(price, None))]
                if discounts:
                    row.append(esc(decimal_text(ln.discount) + " %" if ln.discount else ""))
                rows.append((*row, esc(ln.tax or "")))
            headers = [self.tr("Item"), self.tr("Quantity"), self.tr("Price")]
            if discounts:
                headers.append(self.tr("Discount"))
            parts.append(table([*headers, self.tr("Tax")], rows, right=(1, 2, 3) if discounts else (1, 2), raw=True,
                               wrap=(0,)))
        sums = [(self.tr("Net"), money(d.sum_basic, cur))]
        if d.sum_discount:
            sums.append((self.tr("Discount"), money(d.sum_discount, cur)))
        sums += [(self.tr("Tax {code}").format(code=t.tax), money(t.amount, cur)) for t in d.sum_tax]
        sums.append((self.tr("Total"), money(d.sum_all, cur)))
        if d.doc_type != "sales_offer" and d.doc_type != "sales_order" or d.sum_paid:
            sums.append((self.tr("Paid"), money(d.sum_paid, cur)))
            sums.append((self.tr("Open"), money(balance, cur)))
        parts.append(f"<h3>{esc(self.tr('Sums'))}</h3>")
        parts.append(table(["", ""], [(k, v) for k, v in sums if v], right=(1,)))
        if d.payments:
            parts.append(f"<h3>{esc(self.tr('Payments'))}</h3>")
            parts.append(table([self.tr("Date"), self.tr("Amount"), self.tr("Type"), self.tr("Notes")],
                               [(date_text(p.date), money(p.amount, cur), p.payment_type or p.mode or "",
                                 p.notes or "") for p in d.payments], right=(1,), wrap=(3,)))
        linked = result.detail.linked
        if d.links:
            parts.append(f"<h3>{esc(self.tr('Linked documents'))}</h3>")
            cached = {(r.doc_type, r.mk_id): r for r in linked}
            rows = []
            for ln in d.links:
                r = next((r for (t, m), r in cached.items() if m == ln.mk_id and (ln.doc_type in (None, t))), None)
                if r is not None:
                    rows.append((link(f"doc:{r.doc_type}:{r.mk_id}", r.count_code or r.mk_id),
                                 esc(doc_type_label(r.doc_type)), esc(date_text(r.doc_date)),
                                 esc(r.status_code or ""), esc(money(r.sum_all, r.currency))))
                else:
                    rows.append((esc(ln.count_code or ln.mk_id or ""), esc(doc_type_label(ln.doc_type)), "",
                                 esc(self.tr("not in the cache")), ""))
            parts.append(table([self.tr("Number"), self.tr("Type"), self.tr("Date"), self.tr("Status"),
                                self.tr("Total")], rows, right=(4,), raw=True))
        if d.notes:
            parts.append(f"<h3>{esc(self.tr('Notes'))}</h3><p>{esc(d.notes)}</p>")
        self.set_body(parts)
