"""Core layer: the Metakocka API client (transport, wire decoding, typed errors, endpoint helpers).

Use `MetakockaClient` (asyncio, one per profile); write requests are described with the drafts in
`mkdesk.core.erp.drafts`; results are dataclasses from `mkdesk.core.models`; errors are in `errors`.
"""

from mkdesk.core.erp.client import MetakockaClient, RetryPolicy, Timeouts
from mkdesk.core.erp.drafts import (
    ContactDraft,
    DocumentDraft,
    LineDraft,
    PartnerData,
    PartnerRef,
    PriceDraft,
    ProductDraft,
)
from mkdesk.core.erp.errors import (
    BadCredentials,
    BusinessRule,
    DuplicateBuyerOrder,
    InvalidRequest,
    MalformedResponse,
    MetakockaError,
    NotAnApi,
    NotFound,
    QuotaExceeded,
    ServerUnavailable,
    TransportError,
    UnknownProduct,
    WireFormatError,
    WriteOutcomeUnknown,
)

__all__ = [
    "BadCredentials",
    "BusinessRule",
    "ContactDraft",
    "DocumentDraft",
    "DuplicateBuyerOrder",
    "InvalidRequest",
    "LineDraft",
    "MalformedResponse",
    "MetakockaClient",
    "MetakockaError",
    "NotAnApi",
    "NotFound",
    "PartnerData",
    "PartnerRef",
    "PriceDraft",
    "ProductDraft",
    "QuotaExceeded",
    "RetryPolicy",
    "ServerUnavailable",
    "Timeouts",
    "TransportError",
    "UnknownProduct",
    "WireFormatError",
    "WriteOutcomeUnknown",
]
