"""Translated match reasons: the Qt module declares exactly the core's templates for lupdate, fills them with their
arguments as the core does in English, uses a catalogue's translation and its own words for document kinds."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from mkdesk.core.context import reasons
from mkdesk.core.context.models import Segment
from mkdesk.qt.mail.context_reasons import KIND_WORDS, TEMPLATES, reason_text, segment_text, translate_reason


def test_the_declared_templates_are_the_cores():
    assert TEMPLATES == reasons.TEMPLATES
    assert KIND_WORDS == reasons.KIND_WORDS


def test_untranslated_reasons_read_as_the_core_writes_them(qapp):
    cases = [
        ("contact_email", {"contact": "Maja Kovač", "partner": "Kovač d.o.o.", "address": "maja@kovac.si"}),
        ("doc", {"kind": "order", "doc_type": "sales_order", "number": "PP-2026-00012", "partner": "Kovač d.o.o."}),
        ("buyer_order_other", {"text": "WEB-1", "kind": "invoice", "doc_type": "sales_bill_domestic",
                               "number": "1-MK-2026-0001", "partner": "Novak"}),
        ("picked", {"count": 2, "numbers": "PP-1, PP-2", "partner": "Firma d.o.o."}),
    ]
    for code, args in cases:
        said = reasons.why(code, **args)
        assert translate_reason(said["reason_code"], said["reason_args"], said["reason"]) == said["reason"]


def test_dates_follow_the_locale_and_unknown_codes_fall_back(qapp):
    before = QLocale()
    QLocale.setDefault(QLocale("sl_SI"))
    try:
        said = reasons.why("choice_on", partner="Kovač d.o.o.", address="maja@kovac.si", day="2026-03-02")
        assert translate_reason(said["reason_code"], said["reason_args"]) == (
            "You chose Kovač d.o.o. for maja@kovac.si on 2. 3. 2026.")
    finally:
        QLocale.setDefault(before)
    assert translate_reason("no_such_code", (), "As the core said.") == "As the core said."
    assert translate_reason(None, (), "") == ""


class Catalogue(QTranslator):
    """Two Slovenian texts of context ContextReason (as `mkdesk_sl.qm` will have them)."""

    TEXTS = {"The mail mentions {kind} {number} of {partner}.": "Pošta omenja {kind} {number} partnerja {partner}.",
             "invoice": "račun", "No order in {days} days.": "Brez naročila {days} dni.",
             "{total} purchases, {recent} of them in the last 12 months.":
                 "{total} nakupov, {recent} v zadnjih 12 mesecih."}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.TEXTS.get(source) if context == "ContextReason" else None


def test_a_catalogue_translates_the_sentence_and_the_kind(qapp):
    catalogue = Catalogue()
    QCoreApplication.installTranslator(catalogue)
    try:
        said = reasons.why("doc", kind="invoice", doc_type="sales_bill_retail", number="MP-7", partner="Novak s.p.")
        assert translate_reason(said["reason_code"], said["reason_args"], said["reason"]) == (
            "Pošta omenja račun MP-7 partnerja Novak s.p.")  # the name's full stop does not make two
        segment = Segment(code="regular", purchases=4, purchases_12m=2, first_purchase=date(2024, 1, 5),
                          last_purchase=date(2025, 10, 1), days_since_last=152, dormant=True, reason="…",
                          **{k: v for k, v in reasons.why("seg_regular", total=4, recent=2).items() if k != "reason"})
        assert reason_text(segment) == "4 nakupov, 2 v zadnjih 12 mesecih."
        assert segment_text(segment) == "4 nakupov, 2 v zadnjih 12 mesecih. Brez naročila 152 dni."
    finally:
        QCoreApplication.removeTranslator(catalogue)


def test_the_segment_sentence_reads_as_the_cores(qapp):
    from mkdesk.core.context.facts import segment

    bought = [{"doc_date": "2025-06-01"}, {"doc_date": "2025-07-01"}]
    seg = segment(bought, date(2026, 3, 2))
    assert seg.dormant and segment_text(seg) == seg.reason
