"""Core layer: typed Metakocka errors and their classification from an answer envelope (pure, any thread).

Metakocka answers application errors with HTTP 200 and an `opr_code` in the JSON body, and the code alone does
not identify the cause (`metakocka-api.md` §5), so `classify()` looks at the message text as well. Every error
carries a `user_message` in plain words a sales rep can act on, a `retryable` flag (for *reads*; writes are never
retried automatically), the `opr_code` and the endpoint name. It also carries a stable machine `code` (a key of
`TEMPLATES`) and the `params` that fill that template's `{name}` placeholders: `user_message` is exactly
`TEMPLATES[code]` filled with `params`, so a UI can say the same sentence in its own language (the Qt layer's
`error_texts.py`), while the CLI and the logs keep the English. Errors never hold request bodies, httpx objects or
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
    "TEMPLATES",
    "classify",
    "message_of",
    "render",
]


#: the English sentence of each error `code`; `{name}` placeholders are filled from the error's `params`. The Qt layer
#: (`mkdesk/qt/error_texts.py`) declares the same texts for translation; a test keeps the two equal.
TEMPLATES: dict[str, str] = {
    "metakocka_error": "Metakocka refused the request.",
    "request_refused": "Metakocka refused the request: {text}",
    "bad_credentials": "Metakocka rejected the company id or secret key. Check them in Settings.",
    "ip_not_allowed": "Metakocka does not accept calls from this computer's IP address for this company.",
    "invalid_request": "Metakocka did not accept the request (a value is missing or not valid).",
    "request_not_accepted": "Metakocka did not accept the request: {text}",
    "unknown_value": "Metakocka does not know this value (status, payment type, ...): {text}",
    "filter_unsupported": "Metakocka cannot filter these documents that way.",
    "not_found": "Metakocka has no such record (it may have been deleted).",
    "partner_not_found": "No matching partner in Metakocka.",
    "document_gone": "The document no longer exists in Metakocka (it may have been deleted).",
    "product_gone": "The product no longer exists in Metakocka.",
    "business_rule": "Metakocka refused the change because of a business rule.",
    "change_refused": "Metakocka refused the change: {text}",
    "duplicate_buyer_order": "A document with this buyer order already exists in Metakocka.",
    "unknown_product": "Product {code} is not in the Metakocka catalogue. Check the product code.",
    "unknown_product_unnamed": "A product on the document is not in the Metakocka catalogue.",
    "quota_exceeded": "Metakocka is limiting requests right now. mkdesk will try again a little later.",
    "server_unavailable": "Metakocka is unavailable (maintenance or a server error). Try again in a few minutes.",
    "not_an_api": "The endpoint answered with a web page, not the Metakocka API. Check the API address in Settings.",
    "transport_error": "Cannot reach Metakocka. Check the network connection.",
    "write_not_sent": "Cannot reach Metakocka; the change was not sent. Check the network and try again.",
    "write_outcome_unknown": (
        "The connection broke before Metakocka confirmed the change, so it may or may not have been saved. "
        "Look the record up (e.g. by buyer order) before trying again."
    ),
    "malformed_response": "Metakocka sent an answer mkdesk cannot read. Try again; if it persists, report it.",
}
#: a caller's own `user_message` that is one of the fixed sentences gets that sentence's code
_CODE_OF_TEXT = {text: code for code, text in TEMPLATES.items() if "{" not in text}


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: Mapping[str, str] | None = None) -> str:
    """The English sentence of `code` filled with `params` (a missing parameter stays as its placeholder)."""
    return TEMPLATES[code].format_map(_Keep(params or {}))


class MetakockaError(Exception):
    """Base of every error the Metakocka client raises. `code`/`params` name its sentence (see `TEMPLATES`)."""

    default_code = "metakocka_error"
    default_user_message = TEMPLATES[default_code]
    default_retryable = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default_user_message = TEMPLATES[cls.default_code]

    def __init__(
        self,
        detail: str = "",
        *,
        endpoint: str | None = None,
        opr_code: str | None = None,
        user_message: str | None = None,
        retryable: bool | None = None,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.endpoint = endpoint
        self.opr_code = opr_code
        self.params: dict[str, str] = {str(k): str(v) for k, v in (params or {}).items()}
        if code is None or code not in TEMPLATES:
            code = _CODE_OF_TEXT.get(user_message or "", self.default_code)
        self.code = code
        self.user_message = user_message or render(code, self.params)
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
    default_code = "bad_credentials"


class InvalidRequest(MetakockaError):
    default_code = "invalid_request"


class NotFound(MetakockaError):
    default_code = "not_found"


class BusinessRule(MetakockaError):
    default_code = "business_rule"


@dataclass(frozen=True, slots=True)
class DuplicateDoc:
    mk_id: str | None
    count_code: str | None


class DuplicateBuyerOrder(BusinessRule):
    default_code = "duplicate_buyer_order"

    def __init__(self, detail: str = "", *, duplicates: tuple[DuplicateDoc, ...] = (), **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.duplicates = duplicates


class UnknownProduct(MetakockaError):
    """`product_code`: the code Metakocka named, when it named one (then `code` is "unknown_product")."""

    default_code = "unknown_product_unnamed"

    def __init__(self, detail: str = "", *, product_code: str | None = None, **kw: Any) -> None:
        if product_code and "user_message" not in kw and "code" not in kw:
            kw.update(code="unknown_product", params={"code": product_code})
        super().__init__(detail, **kw)
        self.product_code = product_code


class QuotaExceeded(MetakockaError):
    default_code = "quota_exceeded"
    default_retryable = True


class ServerUnavailable(MetakockaError):
    default_code = "server_unavailable"
    default_retryable = True


class NotAnApi(MetakockaError):
    default_code = "not_an_api"


class TransportError(MetakockaError):
    default_code = "transport_error"
    default_retryable = True


class WriteOutcomeUnknown(MetakockaError):
    """A write was sent but no answer came back: it may or may not have been applied. Never resend blindly."""

    default_code = "write_outcome_unknown"

    def __init__(self, detail: str = "", *, lookup: dict[str, str] | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        #: identifying fields of the write (doc_type, mk_id, buyer_order, count_code) to look the record up by
        self.lookup = dict(lookup or {})


class MalformedResponse(MetakockaError):
    default_code = "malformed_response"


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
        return BadCredentials(detail, code="ip_not_allowed", **kw)
    if code == "5" or ("quot" in low and "exceed" in low) or "too many requests" in low:
        return QuotaExceeded(detail, **kw)
    if envelope.get("duplicate_doc_list") or app_code == "7" or "buyer order already exist" in low:
        return DuplicateBuyerOrder(detail, duplicates=_duplicates(envelope), **kw)
    if "no partner with such properties" in low:
        return NotFound(detail, code="partner_not_found", **kw)
    if "cannot find document" in low:
        return NotFound(detail, code="document_gone", **kw)
    if re.search(r"tracking code .* not found", low) or "no complaints found" in low:
        return NotFound(detail, **kw)
    if endpoint and endpoint.startswith("product_") and ("does not exist" in low or "not found" in low):
        return NotFound(detail, code="product_gone", **kw)
    match = _PRODUCT_CODE.search(text)
    if code == "8" or match:
        return UnknownProduct(detail, product_code=match.group("code").rstrip(".,;") if match else None, **kw)
    if "dinamični šifrant" in low or "has invalid value" in low:
        return InvalidRequest(detail, code="unknown_value", params={"text": text}, **kw)
    if "cannot get bequeryparam" in low:
        return InvalidRequest(detail, code="filter_unsupported", **kw)
    if code == "6":
        return BusinessRule(detail, **_with_text("change_refused", text), **kw)
    if code in ("1", "2"):
        return InvalidRequest(detail, **_with_text("request_not_accepted", text), **kw)
    return MetakockaError(detail, **_with_text("request_refused", text), **kw)


def _with_text(code: str, text: str) -> dict[str, Any]:
    """The sentence quoting Metakocka's own text, or (without a text) the class's default sentence."""
    return {"code": code, "params": {"text": text}} if text else {}
