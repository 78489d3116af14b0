"""Tests for mkdesk.core.erp.endpoints: every endpoint has one path family and a call kind."""

from __future__ import annotations

import pytest

from mkdesk.core.erp.endpoints import CATALOG_LIMIT, ENDPOINTS, SEARCH_LIMIT, Family, Kind, endpoint


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("product_list", "/rest/eshop/v1/json/product_list"),
        ("warehouse_stock", "/rest/eshop/v1/json/warehouse_stock"),
        ("get_document", "/rest/eshop/v1/get_document"),
        ("get_partner", "/rest/eshop/v1/get_partner"),
        ("report", "/rest/eshop/v1/report"),
        ("sync_stock", "/rest/eshop/sync_stock"),
    ],
)
def test_paths(name, path):
    assert endpoint(name).path == path


def test_kinds():
    writes = {n for n, e in ENDPOINTS.items() if e.kind is Kind.WRITE}
    assert {"put_document", "update_document", "delete_document", "change_document_status", "put_transaction",
            "add_partner", "update_partner", "product_add", "product_update", "product_delete"} <= writes
    assert endpoint("search").kind is Kind.SEARCH
    assert endpoint("report").binary and endpoint("add_partner").bare_success
    assert all(e.family is Family.JSON for n, e in ENDPOINTS.items() if n.startswith(("product_", "warehouse_")))


def test_limits_and_unknown_names():
    assert (SEARCH_LIMIT, CATALOG_LIMIT) == (100, 1000)
    with pytest.raises(KeyError):
        endpoint("put_sales_order")  # an invented endpoint (metakocka-api.md §9)
