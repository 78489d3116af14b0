"""Core layer: the Metakocka endpoint table: which path family and call kind each API name has (pure data).

Three path families exist and the wrong one answers an HTML 404 (`metakocka-api.md` §1), so callers name an
endpoint and this table picks the path. The call kind decides timeouts, retries and locking in the client:
reads are retried, searches are serialized per company, writes are never retried automatically, and binary
answers (`report`) come back as bytes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class Family(enum.Enum):
    JSON = "/rest/eshop/v1/json/"  # catalogue: product_*, warehouse_*
    V1 = "/rest/eshop/v1/"  # documents and partners
    ESHOP = "/rest/eshop/"  # no v1: sync_stock, add_attachment, ...


class Kind(enum.Enum):
    READ = "read"
    SEARCH = "search"  # a read that holds the per-company search lock
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    family: Family
    kind: Kind
    binary: bool = False  # success is a binary body (PDF, ...), not JSON
    bare_success: bool = False  # success may come without any opr_code (add_partner)

    @property
    def path(self) -> str:
        return self.family.value + self.name


def _table(*endpoints: Endpoint) -> dict[str, Endpoint]:
    return {e.name: e for e in endpoints}


ENDPOINTS: dict[str, Endpoint] = _table(
    # documents (v1)
    Endpoint("search", Family.V1, Kind.SEARCH),
    Endpoint("search_query_advance_discovery", Family.V1, Kind.READ),
    Endpoint("search_tracking_code", Family.V1, Kind.SEARCH),
    Endpoint("get_document", Family.V1, Kind.READ),
    Endpoint("put_document", Family.V1, Kind.WRITE),
    Endpoint("update_document", Family.V1, Kind.WRITE),
    Endpoint("delete_document", Family.V1, Kind.WRITE),
    Endpoint("change_document_status", Family.V1, Kind.WRITE),
    Endpoint("mark_orders_as_shipped", Family.V1, Kind.WRITE),
    Endpoint("put_transaction", Family.V1, Kind.WRITE),
    Endpoint("report", Family.V1, Kind.READ, binary=True),
    # partners (v1)
    Endpoint("get_partner", Family.V1, Kind.READ),
    Endpoint("add_partner", Family.V1, Kind.WRITE, bare_success=True),
    Endpoint("update_partner", Family.V1, Kind.WRITE),
    # catalogue (v1/json)
    Endpoint("product_list", Family.JSON, Kind.READ),
    Endpoint("product_add", Family.JSON, Kind.WRITE),
    Endpoint("product_update", Family.JSON, Kind.WRITE),
    Endpoint("product_delete", Family.JSON, Kind.WRITE),
    Endpoint("warehouse_list", Family.JSON, Kind.READ),
    Endpoint("warehouse_stock", Family.JSON, Kind.READ),
    # no v1 (listed for completeness; mkdesk does not call them)
    Endpoint("sync_stock", Family.ESHOP, Kind.WRITE),
    Endpoint("add_attachment", Family.ESHOP, Kind.WRITE),
)


def endpoint(name: str) -> Endpoint:
    """The endpoint called `name`; unknown names are a programming error."""
    try:
        return ENDPOINTS[name]
    except KeyError:
        raise KeyError(f"unknown Metakocka endpoint {name!r}") from None


#: search page size cap (§4.1) and catalogue page size cap (§4.10, §4.11)
SEARCH_LIMIT = 100
CATALOG_LIMIT = 1000


class CallsApi:
    """What the endpoint-helper mixins need from the client: `call` (JSON) and `call_binary` (bytes)."""

    async def call(self, name: str, body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        raise NotImplementedError

    async def call_binary(self, name: str, body: Mapping[str, Any] | None = None) -> bytes:
        raise NotImplementedError
