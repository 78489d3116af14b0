"""Emulator layer: the JSON envelope, API errors, authentication and the context every handler gets.

Success: `{"opr_code": "0", "opr_time_ms": "..", "opr_time_no_lock_ms": "..", ...payload}` over HTTP 200.
Errors: the same envelope with `opr_code` ≠ "0" and `opr_desc` (product calls put the text in `opr_desc_app`
with `opr_code_app` instead, see §7 item 18a), still over HTTP 200.

Request-level errors (choices documented here, since the real answers were never recorded):
- body that is not JSON, not a JSON object, or empty → opr_code 2 "Request body must be a JSON object."
- Content-Type other than application/json → opr_code 2 "Content-Type must be application/json."
- missing or wrong company_id/secret_key → opr_code `switches.auth_error_code` with `switches.auth_error_text`.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mkdesk.emulator.config import EmulatorConfig, Switches
from mkdesk.emulator.model import Store


class ApiError(Exception):
    """An application error answered as an opr_code envelope over HTTP 200."""

    def __init__(self, code: str, desc: str, *, app: bool = False, **extra: Any) -> None:
        super().__init__(desc)
        self.code = code
        self.desc = desc
        self.app = app  # put the text in opr_desc_app/opr_code_app (product calls)
        self.extra = extra

    def payload(self) -> dict[str, Any]:
        if self.app:
            data: dict[str, Any] = {"opr_code": self.code, "opr_code_app": self.code, "opr_desc_app": self.desc}
        else:
            data = {"opr_code": self.code, "opr_desc": self.desc}
        data.update(self.extra)
        return data


class Bare(dict):  # type: ignore[type-arg]
    """A success payload answered without opr_code/opr_time (add_partner does this on the real API)."""


@dataclass(slots=True)
class Ctx:
    store: Store
    config: EmulatorConfig

    @property
    def switches(self) -> Switches:
        return self.config.switches

    def now(self) -> datetime:
        return self.store.now()


def authenticate(store: Store, config: EmulatorConfig, body: dict[str, Any]) -> ApiError | None:
    company = str(body.get("company_id", "")).strip()
    key = str(body.get("secret_key", "")).strip()
    ok = hmac.compare_digest(company, str(store.company_id)) and hmac.compare_digest(key, str(store.secret_key))
    if ok:
        return None
    return ApiError(config.switches.auth_error_code, config.switches.auth_error_text)


def unknown_doc_type(doc_type: Any) -> ApiError:
    return ApiError("2", f"Unknown document type : {'' if doc_type is None else doc_type}")


def render(payload: dict[str, Any], elapsed_ms: int, no_lock_ms: int) -> bytes:
    """Serialise a handler payload (or error payload) into the envelope bytes."""
    if isinstance(payload, Bare):
        data: dict[str, Any] = dict(payload)
    else:
        data = {"opr_code": "0"}
        data.update(payload)
        rest = {k: v for k, v in data.items() if k not in ("opr_code",)}
        data = {"opr_code": data["opr_code"], "opr_time_ms": str(elapsed_ms), "opr_time_no_lock_ms": str(no_lock_ms)}
        data.update(rest)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


#: real document types the emulator knows of but holds no data for (searches find nothing, gets fail)
OTHER_DOC_TYPES = (
    "purchase_order",
    "purchase_bill_domestic",
    "purchase_bill_foreign",
    "purchase_bill_prepaid",
    "purchase_bill_credit_note",
    "warehouse_delivery_note",
    "warehouse_packing_list",
    "warehouse_receiving_note",
    "warehouse_acceptance_note",
    "transfer_order",
    "workorder",
)


def doc_type_of(body: dict[str, Any], allowed: tuple[str, ...] | None = None) -> str:
    """The request's doc_type, validated: unknown → opr_code 2 "Unknown document type : X"."""
    from mkdesk.emulator.model import SALES_DOC_TYPES

    value = body.get("doc_type")
    doc_type = str(value).strip() if value is not None else ""
    if doc_type not in SALES_DOC_TYPES and doc_type not in OTHER_DOC_TYPES:
        raise unknown_doc_type(value)
    if allowed is not None and doc_type not in allowed:
        raise ApiError("2", f"Document type {doc_type} is not supported by this call.")
    return doc_type
