"""Qt layer: translated names of document types and small shared label helpers (GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mkdesk.core.cache.encode import BILL_TYPES

#: the sync entity whose freshness covers each document type
DOC_ENTITY = {"sales_offer": "offers", "sales_order": "orders", **{t: "invoices" for t in BILL_TYPES},
              "sales_bill_credit_note": "invoices", "sales_bill_prepaid": "invoices"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def doc_type_label(doc_type: str | None) -> str:
    """A document type as the rep says it ("Invoice", "Sales order")."""
    names = {
        "sales_offer": _tr("Offer"),
        "sales_order": _tr("Sales order"),
        "sales_bill_domestic": _tr("Invoice"),
        "sales_bill_foreign": _tr("Invoice (foreign)"),
        "sales_bill_retail": _tr("Invoice (retail)"),
        "sales_bill_credit_note": _tr("Credit note"),
        "sales_bill_prepaid": _tr("Prepaid invoice"),
    }
    return names.get(doc_type or "", doc_type or "")


def doc_type_groups() -> list[tuple[str, tuple[str, ...]]]:
    """The document type filter's choices: label and the types it shows (empty: all)."""
    return [
        (_tr("All documents"), ()),
        (_tr("Offers"), ("sales_offer",)),
        (_tr("Sales orders"), ("sales_order",)),
        (_tr("Invoices"), BILL_TYPES),
        (_tr("Credit notes"), ("sales_bill_credit_note",)),
        (_tr("Prepaid invoices"), ("sales_bill_prepaid",)),
    ]
