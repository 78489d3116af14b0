"""Core layer: the plain-words reasons of matches — English templates with named arguments (pure; any thread).

Every `SenderMatch`, `DocumentMention`, `ProductMention` and `Segment` carries its reason three ways: `reason` (the
English sentence), `reason_code` (a key of `TEMPLATES`) and `reason_args` (the named values). The Qt layer shows a
translated sentence with `QCoreApplication.translate("ContextReason", TEMPLATES[code]).format(**dict(args))`; for
`{kind}` it may use its own label of the `doc_type` argument.
"""

from __future__ import annotations

from typing import Any

TEMPLATES: dict[str, str] = {
    "manual": "You linked this message to {partner}.",
    "choice": "You chose {partner} for {address}.",
    "choice_on": "You chose {partner} for {address} on {day}.",
    "contact_email": "The sender's address is the email of {contact}, a contact person of {partner}.",
    "contact_email_shared": "The sender's address is the email of {contact}, a contact person of {partner} "
                            "(and of {others} other partner(s)).",
    "partner_email": "The sender's address is the email of {partner} in Metakocka.",
    "partner_email_shared": "The sender's address is the email of {partner} in Metakocka (and of {others} other "
                            "partner(s)).",
    "contact_email_to": "You wrote to {contact}, a contact person of {partner}.",
    "contact_email_shared_to": "You wrote to {contact}, a contact person of {partner} (and of {others} other "
                               "partner(s)).",
    "partner_email_to": "You wrote to the email of {partner} in Metakocka.",
    "partner_email_shared_to": "You wrote to the email of {partner} in Metakocka (and of {others} other partner(s)).",
    "domain_to": "You wrote to {domain}, the domain of {partner}'s contact {example}.",
    "domain_shared_to": "You wrote to {domain}, a domain {count} partners share (e.g. {example} at {partner}); pick "
                        "the right one.",
    "online": "Metakocka knows {address} as the email of {partner} (looked up online).",
    "online_contact": "Metakocka knows {address} as the email of {contact} at {partner} (looked up online).",
    "domain": "The sender writes from {domain}, the domain of {partner}'s contact {example}.",
    "domain_shared": "The sender writes from {domain}, a domain {count} partners share (e.g. {example} at "
                     "{partner}); pick the right one.",
    "document": "The sender is not in Metakocka, but the mail mentions {numbers} of {partner}.",
    "picked": "{count} partners may be the sender; the mail mentions {numbers} of {partner}, so it is this one.",
    "doc": "The mail mentions {kind} {number} of {partner}.",
    "doc_quoted": "The quoted text mentions {kind} {number} of {partner}.",
    "doc_other": "The mail mentions {kind} {number} of {partner}, not a document of the sender's partner.",
    "buyer_order": "The mail mentions buyer order {text}, {kind} {number} of {partner}.",
    "buyer_order_quoted": "The quoted text mentions buyer order {text}, {kind} {number} of {partner}.",
    "buyer_order_other": "The mail mentions buyer order {text}, {kind} {number} of {partner}, not a document of the "
                         "sender's partner.",
    "linked_document": "You linked {kind} {number} to this message.",
    "linked_product": "You linked {product} to this message.",
    "product_code": "The mail mentions product code {code} ({product}).",
    "product_model": "The mail mentions model {model} of {product}.",
    "name_sure": "The mail names it: “{text}”.",
    "name_group": "The mail names “{text}”, one of {count} such products.",
    "name_unique": "The mail names “{text}”, the only such product.",
    "seg_new": "No order or invoice in the cache yet.",
    "seg_first_time": "One purchase so far ({first}).",
    "seg_regular": "{total} purchases, {recent} of them in the last 12 months.",
    "seg_loyal": "{recent} purchases in the last 12 months ({total} in all).",
    "dormant": "No order in {days} days.",
}
#: the `{kind}` of a document type in English (the UI may use its own translated labels of `doc_type`)
KIND_WORDS = {"sales_order": "order", "sales_offer": "offer", "sales_bill_domestic": "invoice",
              "sales_bill_foreign": "invoice", "sales_bill_retail": "invoice", "sales_bill_credit_note": "credit note",
              "sales_bill_prepaid": "prepayment invoice"}


def kind_word(doc_type: str) -> str:
    return KIND_WORDS.get(doc_type, "document")


def render(code: str, args: tuple[tuple[str, str], ...]) -> str:
    """The English sentence; a name ending in a full stop ("Firma d.o.o.") does not make two."""
    return TEMPLATES[code].format(**dict(args)).replace("..", ".")


def why(template: str, /, **args: Any) -> dict[str, Any]:
    """Keyword arguments `reason`, `reason_code`, `reason_args` for a result dataclass."""
    if template not in TEMPLATES:
        raise KeyError(f"no reason template {template!r}")
    values = tuple((k, "" if v is None else str(v)) for k, v in sorted(args.items()))
    return {"reason": render(template, values), "reason_code": template, "reason_args": values}
