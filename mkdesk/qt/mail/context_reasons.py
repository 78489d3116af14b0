"""Qt layer: the context's match reasons in the user's language — `core/context/reasons.py`'s English templates
declared for translation (context "ContextReason") and filled with their named arguments (pure; GUI thread, where the
translators are installed).

`reason_text(result)` takes any result with `reason_code`/`reason_args` (`SenderMatch`, `DocumentMention`,
`ProductMention`, `Segment`); `{kind}` becomes the translated word of the `doc_type` argument, ISO dates
(`{day}`, `{first}`) the locale's short date. A code this module does not know falls back to the English `reason`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mkdesk.qt.formatting import date_text

CONTEXT = "ContextReason"
#: the same texts as `mkdesk.core.context.reasons.TEMPLATES` (a test keeps them equal), here for lupdate
TEMPLATES: dict[str, str] = {
    "manual": QT_TRANSLATE_NOOP("ContextReason", "You linked this message to {partner}."),
    "choice": QT_TRANSLATE_NOOP("ContextReason", "You chose {partner} for {address}."),
    "choice_on": QT_TRANSLATE_NOOP("ContextReason", "You chose {partner} for {address} on {day}."),
    "contact_email": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender's address is the email of {contact}, a contact person of {partner}."),
    "contact_email_shared": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender's address is the email of {contact}, a contact person of {partner} "
                         "(and of {others} other partner(s))."),
    "partner_email": QT_TRANSLATE_NOOP("ContextReason", "The sender's address is the email of {partner} in Metakocka."),
    "partner_email_shared": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender's address is the email of {partner} in Metakocka (and of {others} other "
                         "partner(s))."),
    "contact_email_to": QT_TRANSLATE_NOOP("ContextReason", "You wrote to {contact}, a contact person of {partner}."),
    "contact_email_shared_to": QT_TRANSLATE_NOOP(
        "ContextReason", "You wrote to {contact}, a contact person of {partner} (and of {others} other partner(s))."),
    "partner_email_to": QT_TRANSLATE_NOOP("ContextReason", "You wrote to the email of {partner} in Metakocka."),
    "partner_email_shared_to": QT_TRANSLATE_NOOP(
        "ContextReason", "You wrote to the email of {partner} in Metakocka (and of {others} other partner(s))."),
    "domain_to": QT_TRANSLATE_NOOP(
        "ContextReason", "You wrote to {domain}, the domain of {partner}'s contact {example}."),
    "domain_shared_to": QT_TRANSLATE_NOOP(
        "ContextReason", "You wrote to {domain}, a domain {count} partners share (e.g. {example} at {partner}); pick "
                         "the right one."),
    "online": QT_TRANSLATE_NOOP(
        "ContextReason", "Metakocka knows {address} as the email of {partner} (looked up online)."),
    "online_contact": QT_TRANSLATE_NOOP(
        "ContextReason", "Metakocka knows {address} as the email of {contact} at {partner} (looked up online)."),
    "domain": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender writes from {domain}, the domain of {partner}'s contact {example}."),
    "domain_shared": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender writes from {domain}, a domain {count} partners share (e.g. {example} at "
                         "{partner}); pick the right one."),
    "document": QT_TRANSLATE_NOOP(
        "ContextReason", "The sender is not in Metakocka, but the mail mentions {numbers} of {partner}."),
    "picked": QT_TRANSLATE_NOOP(
        "ContextReason", "{count} partners may be the sender; the mail mentions {numbers} of {partner}, so it is this "
                         "one."),
    "doc": QT_TRANSLATE_NOOP("ContextReason", "The mail mentions {kind} {number} of {partner}."),
    "doc_quoted": QT_TRANSLATE_NOOP("ContextReason", "The quoted text mentions {kind} {number} of {partner}."),
    "doc_other": QT_TRANSLATE_NOOP(
        "ContextReason", "The mail mentions {kind} {number} of {partner}, not a document of the sender's partner."),
    "buyer_order": QT_TRANSLATE_NOOP(
        "ContextReason", "The mail mentions buyer order {text}, {kind} {number} of {partner}."),
    "buyer_order_quoted": QT_TRANSLATE_NOOP(
        "ContextReason", "The quoted text mentions buyer order {text}, {kind} {number} of {partner}."),
    "buyer_order_other": QT_TRANSLATE_NOOP(
        "ContextReason", "The mail mentions buyer order {text}, {kind} {number} of {partner}, not a document of the "
                         "sender's partner."),
    "linked_document": QT_TRANSLATE_NOOP("ContextReason", "You linked {kind} {number} to this message."),
    "linked_product": QT_TRANSLATE_NOOP("ContextReason", "You linked {product} to this message."),
    "product_code": QT_TRANSLATE_NOOP("ContextReason", "The mail mentions product code {code} ({product})."),
    "product_model": QT_TRANSLATE_NOOP("ContextReason", "The mail mentions model {model} of {product}."),
    "name_sure": QT_TRANSLATE_NOOP("ContextReason", "The mail names it: “{text}”."),
    "name_group": QT_TRANSLATE_NOOP("ContextReason", "The mail names “{text}”, one of {count} such products."),
    "name_unique": QT_TRANSLATE_NOOP("ContextReason", "The mail names “{text}”, the only such product."),
    "seg_new": QT_TRANSLATE_NOOP("ContextReason", "No order or invoice in the cache yet."),
    "seg_first_time": QT_TRANSLATE_NOOP("ContextReason", "One purchase so far ({first})."),
    "seg_regular": QT_TRANSLATE_NOOP("ContextReason", "{total} purchases, {recent} of them in the last 12 months."),
    "seg_loyal": QT_TRANSLATE_NOOP("ContextReason", "{recent} purchases in the last 12 months ({total} in all)."),
    "dormant": QT_TRANSLATE_NOOP("ContextReason", "No order in {days} days."),
}
#: `{kind}` per document type (as `reasons.KIND_WORDS`), translated in the same context
KIND_WORDS: dict[str, str] = {
    "sales_order": QT_TRANSLATE_NOOP("ContextReason", "order"),
    "sales_offer": QT_TRANSLATE_NOOP("ContextReason", "offer"),
    "sales_bill_domestic": QT_TRANSLATE_NOOP("ContextReason", "invoice"),
    "sales_bill_foreign": QT_TRANSLATE_NOOP("ContextReason", "invoice"),
    "sales_bill_retail": QT_TRANSLATE_NOOP("ContextReason", "invoice"),
    "sales_bill_credit_note": QT_TRANSLATE_NOOP("ContextReason", "credit note"),
    "sales_bill_prepaid": QT_TRANSLATE_NOOP("ContextReason", "prepayment invoice"),
}
OTHER_KIND = QT_TRANSLATE_NOOP("ContextReason", "document")
DATE_ARGS = ("day", "first")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _value(name: str, value: str) -> str:
    if name in DATE_ARGS:
        try:
            return date_text(date.fromisoformat(value))
        except ValueError:
            return value
    return value


def translate_reason(code: str | None, args: tuple[tuple[str, str], ...] = (), fallback: str = "") -> str:
    """The reason `code` with its named `args` in the user's language; `fallback` when the code is unknown."""
    template = TEMPLATES.get(code or "")
    if template is None:
        return fallback
    values = {name: _value(name, value) for name, value in args}
    if "kind" in values and "doc_type" in values:
        values["kind"] = _tr(KIND_WORDS.get(values["doc_type"], OTHER_KIND))
    try:
        return _tr(template).format_map(values).replace("..", ".")
    except (KeyError, IndexError, ValueError):  # a translation naming an argument the reason lacks
        return fallback or template.format_map(values).replace("..", ".")


def reason_text(result: Any) -> str:
    """The translated reason of a match result (anything with `reason_code`, `reason_args` and `reason`)."""
    return translate_reason(getattr(result, "reason_code", None), tuple(getattr(result, "reason_args", ()) or ()),
                            getattr(result, "reason", "") or "")


def segment_text(segment: Any) -> str:
    """The customer segment's sentence, plus "No order in N days." when it is dormant (as the core's `reason`)."""
    text = translate_reason(segment.reason_code, tuple(segment.reason_args), segment.reason)
    if segment.dormant and segment.days_since_last is not None and segment.reason_code:
        text += " " + translate_reason("dormant", (("days", str(segment.days_since_last)),))
    return text
