"""Qt layer: the context pane's body as HTML — its sections rendered from a `MessageContext` (pure rendering on the
GUI thread, where the translations are installed).

Links: `partner:MK_ID`, `doc:TYPE:MK_ID`, `product:MK_ID` open records, `mail:ID` a message of the partner's email
history, `unlink:KIND:ID` says the mail is not about that record, `refresh:partner:MK_ID` fetches the partner from
Metakocka now; `ContextPane` handles them. Reasons are shown translated (`context_reasons`), counts in plural forms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from mkdesk.core.context import MessageContext
from mkdesk.qt.details.pane import STYLE, esc, link, table
from mkdesk.qt.formatting import ago, date_text, money, quantity
from mkdesk.qt.labels import doc_type_label
from mkdesk.qt.mail.context_reasons import segment_text
from mkdesk.qt.plurals import counted

LIST_ROWS = 8  # rows per section before "and N more"


def _doc_link(doc_type: str, mk_id: str, text: str | None) -> str:
    return link(f"doc:{doc_type}:{mk_id}", text or mk_id)


def _ref(buyer_order: str | None) -> str:
    """The customer's own order reference beneath a document number (what they cite in their mail)."""
    return f'<br><span class="muted">{esc(buyer_order)}</span>' if buyer_order else ""


def _product(mk_id: str | None, name: str | None, code: str | None) -> str:
    """A product's name as a link, its code beneath in muted text."""
    title = link(f"product:{mk_id}", name or code or mk_id) if mk_id else esc(name or code or "")
    return title + (f'<br><span class="muted">{esc(code)}</span>' if code and name else "")


class ContextHtml(QObject):
    """Renders the sections; a QObject for its translations (context "ContextHtml")."""

    def page(self, ctx: MessageContext, history: tuple[Any, ...] = (), history_total: int = 0) -> str:
        """The whole body: what the mail is about first (its documents, the stock asked for), then what the customer
        owes and has open, what they bought, their other mail, and how fresh the data is."""
        nothing = ""
        if ctx.partner is None and not ctx.candidates and not ctx.entities.documents and not ctx.stock:
            text = self.tr("Nothing in this mail matches the Metakocka data on this computer: no partner, document "
                           "or product.")
            nothing = f'<p class="muted">{esc(text)}</p>'
        parts = [STYLE, nothing, self._warnings(ctx), self._card(ctx), self._mentions(ctx), self._money(ctx),
                 self._documents(ctx), self._purchases(ctx), self._history(history, history_total),
                 self._freshness(ctx)]
        return "".join(p for p in parts if p)

    def _more(self, n: int) -> str:
        return f'<p class="muted">{esc(self.tr("… and {n} more").format(n=n))}</p>' if n > 0 else ""

    def _warnings(self, ctx: MessageContext) -> str:
        out = []
        seg = ctx.segment
        if seg is not None and seg.dormant:
            since = seg.days_since_last or 0
            out.append(counted(self.tr("No order in 90 days (last one %n day(s) ago).", "", since), since))
        overdue = [b for b in ctx.balances if b.overdue_count]
        for b in overdue:
            out.append(counted(self.tr("%n overdue invoice(s): {amount}", "", b.overdue_count), b.overdue_count)
                       .format(amount=money(b.overdue_balance, b.currency)))
        if ctx.forwarded:
            out.append(self.tr("Forwarded mail: matched on the original sender {address}.").format(
                address=ctx.sender or ""))
        return "".join(f'<p class="warn">⚠ {esc(line)}</p>' for line in out)

    def _card(self, ctx: MessageContext) -> str:
        c = ctx.card
        if c is None:
            return ""
        segments = {"new": self.tr("New customer"), "first_time": self.tr("First-time customer"),
                    "regular": self.tr("Regular customer"), "loyal": self.tr("Loyal customer")}
        not_this = (f' &nbsp;<a href="unlink:partner:{c.partner_id}">{esc(self.tr("Not this partner"))}</a>'
                    if ctx.partner is not None and ctx.partner.method != "manual" else "")
        tip = self.tr("Fetch this partner, its documents and unpaid bills from Metakocka now")
        refresh = (f' &nbsp;<a href="refresh:partner:{esc(c.mk_id)}" title="{esc(tip)}">'
                   f'{esc(self.tr("Refresh from Metakocka"))}</a>')
        lines = [link(f"partner:{c.mk_id}", c.name or c.mk_id)
                 + (f' <span class="muted">{esc(c.count_code)}</span>' if c.count_code else "") + not_this + refresh]
        if ctx.segment is not None:
            lines.append(f"<b>{esc(segments.get(ctx.segment.code, ctx.segment.code))}</b>"
                         f' <span class="muted">· {esc(segment_text(ctx.segment))}</span>')
        person = " · ".join(esc(v) for v in (c.contact_name, c.contact_email, c.phone) if v)
        if person:
            lines.append(person)
        place = ", ".join(v for v in (c.street, " ".join(v for v in (c.post_number, c.city) if v), c.country) if v)
        if place:
            lines.append(esc(place))
        if c.tax_id_number:
            lines.append(esc(self.tr("Tax number {number}").format(number=c.tax_id_number)))
        return "<p>" + "<br>".join(lines) + "</p>"

    def _money(self, ctx: MessageContext) -> str:
        if ctx.partner is None:
            return ""
        if not ctx.unpaid_invoices:
            return f'<h3>{esc(self.tr("Invoices"))}</h3><p class="muted">{esc(self.tr("Nothing unpaid."))}</p>'
        sums = " · ".join(self.tr("open {open}, overdue {overdue}").format(
            open=money(b.open_balance, b.currency), overdue=money(b.overdue_balance, b.currency))
            for b in ctx.balances)
        rows = []
        for inv in ctx.unpaid_invoices[:LIST_ROWS]:
            late = counted(self.tr("%n day(s) late", "", inv.days_overdue), inv.days_overdue)
            aging = (f'<span class="warn">{esc(late)}</span>'
                     if inv.overdue else esc(self.tr("due {date}").format(date=date_text(inv.due_date))))
            rows.append([_doc_link(inv.doc_type, inv.mk_id, inv.count_code), esc(date_text(inv.doc_date)), aging,
                         esc(money(inv.open_balance, inv.currency))])
        return (f'<h3>{esc(self.tr("Unpaid invoices"))}</h3><p>{esc(sums)}</p>'
                + table([self.tr("Invoice"), self.tr("Date"), self.tr("Due"), self.tr("Open")], rows, right=(3,),
                        raw=True) + self._more(len(ctx.unpaid_invoices) - LIST_ROWS))

    def _documents(self, ctx: MessageContext) -> str:
        out = []
        if ctx.partner is not None:
            rows = [[_doc_link(d.doc_type, d.mk_id, d.count_code) + _ref(d.buyer_order), esc(date_text(d.doc_date)),
                     esc(d.status or ""), esc(money(d.sum_all, d.currency))] for d in ctx.open_orders[:LIST_ROWS]]
            out.append(f'<h3>{esc(self.tr("Open orders"))}</h3>')
            none = f'<p class="muted">{esc(self.tr("None."))}</p>'
            out.append(table([self.tr("Order"), self.tr("Date"), self.tr("Status"), self.tr("Total")], rows,
                             right=(3,), raw=True, wrap=(2,)) if rows else none)
            out.append(self._more(len(ctx.open_orders) - LIST_ROWS))
            if ctx.pending_offers:
                rows = []
                for d in ctx.pending_offers[:LIST_ROWS]:
                    valid = date_text(d.valid_to)
                    valid_html = f'<span class="warn">{esc(valid)}</span>' if d.expired else esc(valid)
                    rows.append([_doc_link(d.doc_type, d.mk_id, d.count_code), esc(date_text(d.doc_date)),
                                 valid_html, esc(money(d.sum_all, d.currency))])
                out.append(f'<h3>{esc(self.tr("Pending offers"))}</h3>')
                out.append(table([self.tr("Offer"), self.tr("Date"), self.tr("Valid to"), self.tr("Total")], rows,
                                 right=(3,), raw=True) + self._more(len(ctx.pending_offers) - LIST_ROWS))
        return "".join(out)

    def _mentions(self, ctx: MessageContext) -> str:
        out = []
        docs = ctx.entities.documents
        if docs:
            rows = [[_doc_link(d.doc_type, d.mk_id, d.count_code or d.text) + self._unlink("document", d.document_id)
                     + _ref(d.buyer_order), esc(doc_type_label(d.doc_type)),
                     esc(d.partner_name or ""), esc(d.status or "")] for d in docs[:LIST_ROWS]]
            out.append(f'<h3>{esc(self.tr("Mentioned in the mail"))}</h3>')
            out.append(table([self.tr("Number"), self.tr("Type"), self.tr("Partner"), self.tr("Status")], rows,
                             raw=True, wrap=(1, 2, 3)))
        if ctx.stock:
            rows = []
            for s in ctx.stock[:LIST_ROWS]:
                free = esc(quantity(s.free, s.unit))
                if s.enough is False:
                    free = f'<span class="warn">{free}</span>'
                where = ", ".join(f"{w.mark or w.name or w.warehouse_mk_id}: {quantity(w.free)}"
                                  for w in s.warehouses[:4])
                rows.append([_product(s.mk_id, s.name, s.code) + self._unlink("product", s.product_id),
                             esc(quantity(s.requested, s.unit)) if s.requested is not None else "", free,
                             esc(where)])
            out.append(f'<h3>{esc(self.tr("Stock of the products in the mail"))}</h3>')
            out.append(table([self.tr("Product"), self.tr("Asked"), self.tr("Free"), self.tr("Per warehouse")],
                             rows, right=(1, 2), raw=True, wrap=(0, 3)))
        if ctx.entities.unknown_numbers:
            text = self.tr("Not in the cache: {numbers}").format(numbers=", ".join(ctx.entities.unknown_numbers))
            out.append(f'<p class="muted">{esc(text)}</p>')
        return "".join(out)

    def _purchases(self, ctx: MessageContext) -> str:
        if not ctx.recent_purchases:
            return ""
        rows = [[_product(p.mk_id, p.name, p.code), esc(quantity(p.quantity, p.unit)), esc(date_text(p.last_date))]
                for p in ctx.recent_purchases[:LIST_ROWS]]
        return (f'<h3>{esc(self.tr("Bought in the last 12 months"))}</h3>'
                + table([self.tr("Product"), self.tr("Quantity"), self.tr("Last")], rows, right=(1,), raw=True,
                        wrap=(0,)))

    def _freshness(self, ctx: MessageContext) -> str:
        moments = [f.last_success for f in ctx.freshness]
        if not moments:
            return ""
        if any(m is None for m in moments):
            text = self.tr("Some of this was never synced.")
        else:
            text = self.tr("Metakocka data synced {ago}.").format(ago=ago(min(m for m in moments if m)))
        return f'<p class="muted">{esc(text)}</p>'

    def _history(self, history: tuple[Any, ...], total: int) -> str:
        if not history:
            return ""
        rows = [[esc(date_text(h.sent_at.astimezone().date()) if h.sent_at else ""),
                 link(f"mail:{h.message_id}", h.subject or self.tr("(no subject)"))] for h in history]
        title = self.tr("Email history ({n})").format(n=total)
        return f"<h3>{esc(title)}</h3>" + table(["", ""], rows, raw=True, wrap=(1,))

    def _unlink(self, kind: str, record_id: int) -> str:
        return f' <a href="unlink:{kind}:{record_id}" title="{esc(self.tr("Not about this"))}">✕</a>'
