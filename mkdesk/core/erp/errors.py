"""Core layer: typed Metakocka errors and their classification from an answer envelope (pure, any thread).

Metakocka answers application errors with HTTP 200 and an `opr_code` in the JSON body, and the code alone does
not identify the cause (`metakocka-api.md` §5), so `classify()` looks at the message text as well. Every error
carries a `user_message` in plain words a sales rep can act on, a `retryable` flag (for *reads*; writes are never
retried automatically), the `opr_code` and the endpoint name. Errors never hold request bodies, httpx objects or
secrets: the client scrubs server text before it gets here and raises transport errors outside `except` blocks so
no `__cause__`/`__context__` chain leads back to a request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BadCredentials",
    "BusinessRule",
    "DuplicateBuyerOrder",
    "DuplicateDoc",
    "InvalidRequest",
    "MalformedResponse",
    "MetakockaError",
    "NotAnApi",
    "NotFound",
    "QuotaExceeded",
    "ServerUnavailable",
    "TransportError",
    "UnknownProduct",
    "WireFormatError",
    "WriteOutcomeUnknown",
    "classify",
    "message_of",
]


class MetakockaError(Exception):
    """Base of every error the Metakocka client raises."""

    default_user_message = "Metakocka refused the request."
    default_retryable = False

    def __init__(
        self,
        detail: str = "",
        *,
        endpoint: str | None = None,
        opr_code: str | None = None,
        user_message: str | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.endpoint = endpoint
        self.opr_code = opr_code
        self.user_message = user_message or self.default_user_message
        self.retryable = self.default_retryable if retryable is None else retryable

    def __str__(self) -> str:
        parts = [self.detail or self.user_message]
        if self.endpoint:
            parts.insert(0, f"{self.endpoint}:")
        if self.opr_code is not None:
            parts.append(f"(opr_code {self.opr_code})")
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r}, endpoint={self.endpoint!r}, opr_code={self.opr_code!r})"


class BadCredentials(MetakockaError):
    default_user_message = "Metakocka rejected the company id or secret key. Check them in Settings."


class InvalidRequest(MetakockaError):
    default_user_message = "Metakocka did not accept the request (a value is missing or not valid)."


class NotFound(MetakockaError):
    default_user_message = "Metakocka has no such record (it may have been deleted)."


class BusinessRule(MetakockaError):
    default_user_message = "Metakocka refused the change because of a business rule."


@dataclass(frozen=True, slots=True)
class DuplicateDoc:
    mk_id: str | None
    count_code: str | None


class DuplicateBuyerOrder(BusinessRule):
    default_user_message = "A document with this buyer order already exists in Metakocka."

    def __init__(self, detail: str = "", *, duplicates: tuple[DuplicateDoc, ...] = (), **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.duplicates = duplicates


class UnknownProduct(MetakockaError):
    default_user_message = "A product on the document is not in the Metakocka catalogue."

    def __init__(self, detail: str = "", *, code: str | None = None, **kw: Any) -> None:
        if code and "user_message" not in kw:
            kw["user_message"] = f"Product {code} is not in the Metakocka catalogue. Check the product code."
        super().__init__(detail, **kw)
        self.code = code


class QuotaExceeded(MetakockaError):
    default_user_message = "Metakocka is limiting requests right now. mkdesk will try again a little later."
    default_retryable = True


class ServerUnavailable(MetakockaError):
    default_user_message = "Metakocka is unavailable (maintenance or a server error). Try again in a few minutes."
    default_retryable = True


class NotAnApi(MetakockaError):
    default_user_message = (
        "The endpoint answered with a web page, not the Metakocka API. Check the API address in Settings."
    )


class TransportError(MetakockaError):
    default_user_message = "Cannot reach Metakocka. Check the network connection."
    default_retryable = True


class WriteOutcomeUnknown(MetakockaError):
    """A write was sent but no answer came back: it may or may not have been applied. Never resend blindly."""

    default_user_message = (
        "The connection broke before Metakocka confirmed the change, so it may or may not have been saved. "
        "Look the record up (e.g. by buyer order) before trying again."
    )

    def __init__(self, detail: str = "", *, lookup: dict[str, str] | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        #: identifying fields of the write (doc_type, mk_id, buyer_order, count_code) to look the record up by
        self.lookup = dict(lookup or {})


class MalformedResponse(MetakockaError):
    default_user_message = "Metakocka sent an answer mkdesk cannot read. Try again; if it persists, report it."


class WireFormatError(MalformedResponse):
    """A single wire value could not be decoded (e.g. a number that is not a number)."""

    def __init__(self, detail: str = "", *, field: str | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.field = field


# ----- classification ------------------------------------------------------------------------------------------

_TAGS = re.compile(r"<[^>]{0,200}>")
_PRODUCT_CODE = re.compile(
    r"(?:Product with code|Cannot find product with code\s*=)\s*'?(?P<code>[^'\s]+)'?(?=\s+not found|\s*$|\s+-)",
    re.IGNORECASE,
)


def message_of(envelope: Mapping[str, Any]) -> str:
    """The most specific error text of an envelope, HTML tags removed."""
    parts: list[str] = []
    for key in ("opr_desc_app", "opr_desc", "error_desc"):
        value = envelope.get(key)
        if isinstance(value, str) and value.strip() and value.strip() not in parts:
            parts.append(value.strip())
    return _TAGS.sub("", " / ".join(parts))[:500]


def _duplicates(envelope: Mapping[str, Any]) -> tuple[DuplicateDoc, ...]:
    raw = envelope.get("duplicate_doc_list")
    items = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    return tuple(
        DuplicateDoc(mk_id=_s(item.get("mk_id")), count_code=_s(item.get("count_code")))
        for item in items
        if isinstance(item, dict)
    )


def _s(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def classify(envelope: Mapping[str, Any], endpoint: str | None = None) -> MetakockaError:
    """Turn an error envelope (opr_code ≠ "0") into a typed error, by code *and* message text (§5)."""
    code = _s(envelope.get("opr_code"))
    app_code = _s(envelope.get("opr_code_app"))
    text = message_of(envelope)
    low = text.lower()
    kw: dict[str, Any] = {"endpoint": endpoint, "opr_code": code}
    detail = text or f"opr_code {code}"

    if code == "3" or ("secret_key" in low and "company_id" in low):
        return BadCredentials(detail, **kw)
    if code == "4" or "is not allowed for company_id" in low:
        return BadCredentials(
            detail,
            user_message="Metakocka does not accept calls from this computer's IP address for this company.",
            **kw,
        )
    if code == "5" or ("quot" in low and "exceed" in low) or "too many requests" in low:
        return QuotaExceeded(detail, **kw)
    if envelope.get("duplicate_doc_list") or app_code == "7" or "buyer order already exist" in low:
        return DuplicateBuyerOrder(detail, duplicates=_duplicates(envelope), **kw)
    if "no partner with such properties" in low:
        return NotFound(detail, user_message="No matching partner in Metakocka.", **kw)
    if "cannot find document" in low:
        return NotFound(detail, user_message="The document no longer exists in Metakocka (it may have been deleted).", **kw)
    if re.search(r"tracking code .* not found", low) or "no complaints found" in low:
        return NotFound(detail, **kw)
    if endpoint and endpoint.startswith("product_") and ("does not exist" in low or "not found" in low):
        return NotFound(detail, user_message="The product no longer exists in Metakocka.", **kw)
    match = _PRODUCT_CODE.search(text)
    if code == "8" or match:
        return UnknownProduct(detail, code=match.group("code").rstrip(".,;") if match else None, **kw)
    if "dinamični šifrant" in low or "has invalid value" in low:
        return InvalidRequest(
            detail,
            user_message=f"Metakocka does not know this value (status, payment type, ...): {text}",
            **kw,
        )
    if "cannot get bequeryparam" in low:
        return InvalidRequest(detail, user_message="Metakocka cannot filter these documents that way.", **kw)
    if code == "6":
        return BusinessRule(detail, user_message=f"Metakocka refused the change: {text}" if text else None, **kw)
    if code in ("1", "2"):
        return InvalidRequest(detail, user_message=f"Metakocka did not accept the request: {text}" if text else None, **kw)
    return MetakockaError(detail, user_message=f"Metakocka refused the request: {text}" if text else None, **kw)
