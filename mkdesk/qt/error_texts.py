"""Qt layer: errors and sync log entries in the user's language — the core's English sentences (`core/erp/errors.py`
`TEMPLATES`, `core/sync/engine.py` `LOG_TEMPLATES`) declared for translation in context "ErrorTexts" and filled with
the error's `params` (pure; GUI thread, where the translators are installed).

`error_text(exc)`: a typed error's sentence by its `code`, else (an IMAP error) its class's sentence, else its
`user_message` (one the core words as a known sentence is translated too), else a generic sentence naming the error
kind. `log_message(entry)`: a `sync_log` entry by `details["code"]`, its entity named as the sync menu names it. The
core keeps its English for the CLI, the logs and the exported diagnostics. A sentence is translated only when the
English rebuilt from the code and params is exactly what the core said, so a caller's own words (and an old log
row without a code) are shown as they are; a translation that names a parameter the sentence lacks falls back to
the English.

IMAP errors (`core/mail/imap_endpoint.py`) are matched by class name only; their English `user_message` (it names
the server) is kept wherever the catalogue has no translation of the class's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mkdesk.qt.sync_menu import entity_label

CONTEXT = "ErrorTexts"
#: the same texts as `mkdesk.core.erp.errors.TEMPLATES` (a test keeps them equal), here for lupdate
TEMPLATES: dict[str, str] = {
    "metakocka_error": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka refused the request."),
    "request_refused": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka refused the request: {text}"),
    "bad_credentials": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka rejected the company id or secret key. Check them in Settings."),
    "ip_not_allowed": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka does not accept calls from this computer's IP address for this company."),
    "invalid_request": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka did not accept the request (a value is missing or not valid)."),
    "request_not_accepted": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka did not accept the request: {text}"),
    "unknown_value": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka does not know this value (status, payment type, ...): {text}"),
    "filter_unsupported": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka cannot filter these documents that way."),
    "not_found": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka has no such record (it may have been deleted)."),
    "partner_not_found": QT_TRANSLATE_NOOP("ErrorTexts", "No matching partner in Metakocka."),
    "document_gone": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The document no longer exists in Metakocka (it may have been deleted)."),
    "product_gone": QT_TRANSLATE_NOOP("ErrorTexts", "The product no longer exists in Metakocka."),
    "business_rule": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka refused the change because of a business rule."),
    "change_refused": QT_TRANSLATE_NOOP("ErrorTexts", "Metakocka refused the change: {text}"),
    "duplicate_buyer_order": QT_TRANSLATE_NOOP(
        "ErrorTexts", "A document with this buyer order already exists in Metakocka."),
    "unknown_product": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Product {code} is not in the Metakocka catalogue. Check the product code."),
    "unknown_product_unnamed": QT_TRANSLATE_NOOP(
        "ErrorTexts", "A product on the document is not in the Metakocka catalogue."),
    "quota_exceeded": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka is limiting requests right now. mkdesk will try again a little later."),
    "server_unavailable": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka is unavailable (maintenance or a server error). Try again in a few minutes."),
    "not_an_api": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The endpoint answered with a web page, not the Metakocka API. Check the API address in "
                      "Settings."),
    "transport_error": QT_TRANSLATE_NOOP("ErrorTexts", "Cannot reach Metakocka. Check the network connection."),
    "write_not_sent": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Cannot reach Metakocka; the change was not sent. Check the network and try again."),
    "write_outcome_unknown": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The connection broke before Metakocka confirmed the change, so it may or may not have been "
                      "saved. Look the record up (e.g. by buyer order) before trying again."),
    "malformed_response": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Metakocka sent an answer mkdesk cannot read. Try again; if it persists, report it."),
}
#: the same texts as `mkdesk.core.sync.engine.LOG_TEMPLATES`
LOG_TEMPLATES: dict[str, str] = {
    "sync_cancelled": QT_TRANSLATE_NOOP("ErrorTexts", "{entity}: sync cancelled"),
    "record_skipped": QT_TRANSLATE_NOOP("ErrorTexts", "{entity}: skipped a record that cannot be read"),
    "entity_failed": QT_TRANSLATE_NOOP("ErrorTexts", "{entity}: {message}"),
    "internal_error": QT_TRANSLATE_NOOP("ErrorTexts", "Internal error while syncing ({kind}: {detail})"),
}
#: IMAP failures by class name (`core/mail/imap_endpoint.py`), most specific first along the class's MRO
IMAP_TEXTS: dict[str, str] = {
    "ImapAuthFailed": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The mail server rejected the user name or password. Check both and try again."),
    "ImapUnreachable": QT_TRANSLATE_NOOP(
        "ErrorTexts", "Cannot reach the mail server. Check the address and the port, and that this computer is "
                      "online."),
    "ImapTlsError": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The secure connection to the mail server failed. Check the security setting and the port; "
                      "mkdesk never connects without checking the server's certificate."),
    "ImapConnectionLost": QT_TRANSLATE_NOOP("ErrorTexts", "The connection to the mail server broke. Try again."),
    "ImapTimeout": QT_TRANSLATE_NOOP("ErrorTexts", "The mail server stopped answering. Try again in a few minutes."),
    "ImapCommandFailed": QT_TRANSLATE_NOOP("ErrorTexts", "The mail server refused a request."),
    "PasswordUnavailable": QT_TRANSLATE_NOOP(
        "ErrorTexts", "The keychain could not be read (is it locked?), so this mail account's password is not "
                      "available. Unlock the keychain and try again."),
    "NoPassword": QT_TRANSLATE_NOOP(
        "ErrorTexts", "No password is stored for this mail account. Open the account settings and enter it."),
    "ImapError": QT_TRANSLATE_NOOP("ErrorTexts", "The mail server reported a problem."),
}
GENERIC = QT_TRANSLATE_NOOP("ErrorTexts", "Something went wrong ({kind}).")
#: log codes of the engine's own entries; any other code of an entry is its failure's error code
_OWN_LOG_CODES = ("sync_cancelled", "record_skipped")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _english(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(_Keep(values))


def _translated(template: str, values: Mapping[str, str]) -> str:
    try:
        return _tr(template).format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation naming a parameter the sentence lacks
        return _english(template, values)


def _strings(params: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in params.items()} if isinstance(params, Mapping) else {}


def coded_text(code: Any, params: Any = None, english: str | None = None) -> str | None:
    """The sentence of an error `code` (or "internal_error") with `params`, translated; None when the code is
    unknown or when `english` (what the core said) is not that sentence."""
    template = TEMPLATES.get(code) if isinstance(code, str) else None
    if template is None and code == "internal_error":
        template = LOG_TEMPLATES["internal_error"]
    if template is None:
        return None
    values = _strings(params)
    if english is not None and _english(template, values) != english:
        return None
    return _translated(template, values)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each error sentence as a pattern, its placeholders as named groups."""
    found = []
    for code, template in TEMPLATES.items():
        parts = re.split(r"\{(\w+)\}", template)
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))
        found.append((re.compile(pattern + r"\Z", re.DOTALL), code))
    return tuple(found)


def _recognised(message: str) -> str | None:
    """A known English sentence carried by an error that has no code (e.g. a PDF error wrapping a Metakocka one)."""
    for pattern, code in _patterns():
        match = pattern.match(message)
        if match:
            return coded_text(code, match.groupdict(), message)
    return None


def _imap_text(exc: BaseException, user_message: str | None) -> str | None:
    for cls in type(exc).__mro__:
        template = IMAP_TEXTS.get(cls.__name__)
        if template is not None:
            translated = _tr(template)
            return user_message if translated == template and user_message else translated
    return None


def known_text(exc: BaseException) -> str | None:
    """What `error_text` says, without the generic sentence: None when the error has no words of its own."""
    message = getattr(exc, "user_message", None)
    message = message if isinstance(message, str) and message else None
    params = getattr(exc, "params", None)
    text = coded_text(getattr(exc, "code", None), params, message) if isinstance(params, Mapping) else None
    if text is None:
        text = _imap_text(exc, message)
    if text is None and message is not None:
        text = _recognised(message) or message
    return text


def generic_text(exc: BaseException) -> str:
    return _english(_tr(GENERIC), {"kind": type(exc).__name__})


def error_text(exc: BaseException) -> str:
    """The sentence a rep reads for `exc`, in the UI language."""
    return known_text(exc) or generic_text(exc)


def failure_text(reason: Mapping[str, Any] | None, fallback: str) -> str:
    """A failed entity's reason (`SyncResult.reasons[entity]`: code, params, user_message), else `fallback`."""
    if not reason:
        return fallback
    english = reason.get("user_message")
    text = coded_text(reason.get("code"), reason.get("params"), english if isinstance(english, str) else None)
    return text or fallback


def log_message(entry: Any) -> str:
    """The text of a `sync_log` entry in the UI language; its stored English `message` when it names no known
    sentence (older entries, other writers) or its sentence no longer reads as stored."""
    stored: str = entry.message
    details = entry.details if isinstance(entry.details, Mapping) else {}
    code = details.get("code")
    entity = details.get("entity") or entry.entity
    if not isinstance(code, str) or not isinstance(entity, str) or not entity:
        return stored
    label = entity_label(entity)
    if code in _OWN_LOG_CODES:
        template = LOG_TEMPLATES[code]
        if _english(template, {"entity": entity}) != stored:
            return stored
        return _translated(template, {"entity": label})
    template = TEMPLATES.get(code) or (LOG_TEMPLATES["internal_error"] if code == "internal_error" else None)
    if template is None:
        return stored
    params = _strings(details.get("params"))
    wrapper = LOG_TEMPLATES["entity_failed"]
    if _english(wrapper, {"entity": entity, "message": _english(template, params)}) != stored:
        return stored
    return _translated(wrapper, {"entity": label, "message": _translated(template, params)})
