"""Qt layer: the partner detail pane — contact persons, addresses, open balance, latest documents, email history,
monthly revenue, the rep's own notes.

GUI thread only; the facts are read on a database reader thread (`PartnerPane.load`, through the bridge).
Document numbers are links that open the document in the Documents tab. Notes (`NotesEditor`) are saved on the
writer thread through the bridge; showing another partner saves the previous partner's typing first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from mkdesk.core.cache import repo_partners
from mkdesk.core.cache.state import load_sync_state
from mkdesk.core.context.links import partner_email_history
from mkdesk.core.context.models import HistoryItem
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.details.chart import RevenueChart
from mkdesk.qt.details.notes import NotesEditor
from mkdesk.qt.details.pane import DetailPane, esc, facts, link, table
from mkdesk.qt.formatting import ago, date_text, money
from mkdesk.qt.labels import doc_type_label

MONTHS = 12


#: messages of the partner's email history listed in the pane (the count says how many there are in all)
HISTORY = 8


@dataclass(frozen=True, slots=True)
class PartnerFacts:
    detail: repo_partners.PartnerDetail
    revenue: tuple[repo_partners.MonthlyRevenue, ...]
    synced: datetime | None
    since: date
    emails: tuple[HistoryItem, ...] = ()
    email_count: int = 0


def _months_back(today: date, n: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _ in range(n):
        months.insert(0, date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class PartnerPane(DetailPane):
    """Everything the cache knows about one partner."""

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(bridge, db, parent)
        self.chart_title = QLabel(self.tr("Revenue, last 12 months"))
        heading = self.chart_title.font()
        heading.setBold(True)
        self.chart_title.setFont(heading)
        self.chart = RevenueChart()
        self.layout_.addWidget(self.chart_title)
        self.layout_.addWidget(self.chart)
        self.chart_title.hide()
        self.chart.hide()
        self.notes = NotesEditor(bridge, db, self)
        self.layout_.addWidget(self.notes)
        self.loaded.connect(lambda key: self.notes.show_partner(key if self.result is not None else None))

    def placeholder(self) -> str:
        return self.tr("Select a partner to see contacts, addresses, documents and what they owe.")

    def clear(self) -> None:
        super().clear()
        if hasattr(self, "chart"):
            self.chart.hide()
            self.chart_title.hide()
        if hasattr(self, "notes"):
            self.notes.show_partner(None)

    @staticmethod
    def load(conn: Any, mk_id: str) -> PartnerFacts | None:
        detail = repo_partners.partner_detail(conn, mk_id, documents_limit=30)
        if detail is None:
            return None
        since = _months_back(date.today(), MONTHS)[0]
        state = load_sync_state(conn, "partners")
        emails, count = partner_email_history(conn, mk_id, limit=HISTORY)
        return PartnerFacts(detail, repo_partners.monthly_revenue(conn, mk_id, since),
                            state.last_success if state else None, since, emails, count)

    def render(self, result: PartnerFacts) -> None:
        d = result.detail
        p = d.partner
        self.title.setText(p.name or p.mk_id)
        kind = self.tr("Company") if p.business_entity else self.tr("Person")
        self.subtitle.setText(self.tr("{kind} · no. {number} · synced {ago}").format(
            kind=kind, number=p.count_code or "—", ago=ago(result.synced)))
        currencies = Counter(r.currency for r in d.documents if r.currency)
        currency = currencies.most_common(1)[0][0] if currencies else None
        balance = money(d.open_balance, currency)
        if d.overdue_count:
            balance = (f'<span class="warn">{esc(balance)}</span> ' + esc(self.tr("({n} unpaid, {m} overdue)").format(
                n=d.unpaid_count, m=d.overdue_count)))
        elif d.unpaid_count:
            balance = esc(balance) + " " + esc(self.tr("({n} unpaid)").format(n=d.unpaid_count))
        else:
            balance = esc(balance)
        billing = p.billing_address
        parts = [facts([
            (self.tr("Open balance"), balance),
            (self.tr("Tax number"), esc(p.tax_id_number)),
            (self.tr("Registration no."), esc(p.registration_number)),
            (self.tr("Address"), esc(", ".join(x for x in (billing.street, billing.post_number, billing.city,
                                                              billing.country) if x)) if billing else ""),
            (self.tr("Documents"), esc(self.tr("{n} in the cache").format(n=d.document_count))),
        ])]
        if p.contacts:
            parts.append(f"<h3>{esc(self.tr('Contact persons'))}</h3>")
            parts.append(table([self.tr("Name"), self.tr("Email"), self.tr("Phone")],
                               [(c.name or "", c.email or "", c.gsm or c.phone or "") for c in p.contacts]))
        if p.addresses:
            parts.append(f"<h3>{esc(self.tr('Addresses'))}</h3>")
            parts.append(table([self.tr("Type"), self.tr("Street"), self.tr("City"), self.tr("Country")],
                               [(a.address_type or "", a.street or "",
                                 " ".join(x for x in (a.post_number, a.city) if x), a.country or "")
                                for a in p.addresses], wrap=(1,)))
        if d.documents:
            parts.append(f"<h3>{esc(self.tr('Latest documents'))}</h3>")
            rows = []
            for r in d.documents:
                number = (link(f"doc:{r.doc_type}:{r.mk_id}", r.count_code or r.mk_id)
                          + f'<br><span class="muted">{esc(doc_type_label(r.doc_type))}</span>')
                open_ = money(r.open_balance, r.currency) if r.is_unpaid else ""
                rows.append((number, esc(date_text(r.doc_date)), esc(r.status_code or ""),
                             esc(money(r.sum_all, r.currency)), esc(open_)))
            parts.append(table([self.tr("Number"), self.tr("Date"), self.tr("Status"), self.tr("Total"),
                                self.tr("Open")], rows, right=(3, 4), raw=True, wrap=(2,)))
        if result.emails:
            parts.append(f"<h3>{esc(self.tr('Email history'))}</h3>")
            rows = [(link(f"mail:{m.message_id}", m.subject or self.tr("(no subject)")),
                     esc(m.from_name or m.from_addr or ""), esc(date_text(m.sent_at.date()) if m.sent_at else ""))
                    for m in result.emails]
            parts.append(table([self.tr("Subject"), self.tr("From"), self.tr("Date")], rows, raw=True, wrap=(0,)))
            more = result.email_count - len(result.emails)
            if more > 0:
                parts.append(f'<p class="muted">{esc(self.tr("… and {n} older").format(n=more))}</p>')
        self.set_body(parts)
        by_month = {r.month: r.total for r in result.revenue if r.currency == currency or currency is None}
        months = _months_back(date.today(), MONTHS)
        self.chart.set_data([(m, by_month.get(m, Decimal(0))) for m in months], currency)
        self.chart_title.show()
        self.chart.show()
