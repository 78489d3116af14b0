"""The enrichment result dataclasses: frozen, exact money, the derived flags the context pane relies on."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from mkdesk.core.context import (
    MATCH_METHODS,
    SEGMENTS,
    Entities,
    InvoiceFact,
    MessageContext,
    SenderMatch,
    StockFact,
    WarehouseLevel,
)


def _context(partner=None, candidates=()):
    return MessageContext(message_id=None, sender="a@b.si", forwarded=False, partner=partner, candidates=candidates,
                          card=None, open_orders=(), pending_offers=(), unpaid_invoices=(), balances=(),
                          recent_purchases=(), stock=(), segment=None, entities=Entities(), freshness=(),
                          today=date(2026, 3, 2))


def test_results_are_frozen():
    match = SenderMatch(1, "400", "Firma d.o.o.", "contact_email", 0.98, "The sender is contact person Ana")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.confidence = 0.1  # type: ignore[misc]


def test_a_picker_is_needed_only_for_several_candidates_without_a_best_match():
    a = SenderMatch(1, "400", "A d.o.o.", "domain", 0.5, "Same domain")
    b = SenderMatch(2, "401", "B d.o.o.", "domain", 0.5, "Same domain")
    assert _context(None, (a, b)).needs_choice
    assert not _context(a, (a, b)).needs_choice
    assert not _context(None, (a,)).needs_choice
    assert not _context().needs_choice


def test_invoice_overdue_and_stock_enough():
    inv = InvoiceFact(1, "9", "sales_bill_domestic", "1-MK-2026-0001", date(2026, 1, 1), date(2026, 1, 31),
                      Decimal("100.00"), Decimal("40.00"), Decimal("60.00"), "EUR", 30)
    assert inv.overdue and inv.open_balance == inv.sum_all - inv.sum_paid
    level = WarehouseLevel("1", "glavno", "Glavno skladišče", Decimal("5"), Decimal("2"), Decimal("3"))
    stock = StockFact(1, "7", "PS-1", "Pralni stroj", "kos", (level,), Decimal("3"), Decimal("2"), Decimal("4"))
    assert stock.enough is False
    assert dataclasses.replace(stock, requested=None).enough is None
    assert dataclasses.replace(stock, requested=Decimal("3")).enough is True


def test_vocabularies():
    assert MATCH_METHODS[0] == "manual" and "domain" in MATCH_METHODS
    assert SEGMENTS == ("new", "first_time", "regular", "loyal")
