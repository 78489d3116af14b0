"""Emulator warehouses and stock: warehouse_list, warehouse_stock filters, several rows per product×warehouse,
comma amounts, reserved/free, cap 1000."""

from __future__ import annotations

from decimal import Decimal

from mkdesk.emulator.model import StockRow

from .conftest import Api, hand_store, in_process


def test_warehouse_list(api: Api):
    answer = api.js("warehouse_list")
    assert answer["warehouse_list_count"] == "2" and answer["limit"] == "1000"
    main, shop = answer["warehouse_list"]
    assert main["main_warehouse"] == "true" and main["country"] == "Slovenija"
    assert "country" not in shop  # sometimes absent


def test_stock_rows_and_filters(api: Api):
    everything = api.js("warehouse_stock")
    assert everything["stock_list_count"] == "5"
    rows = api.js("warehouse_stock", wh_id_list="1600000301", product_code_list="KAB-USB-C-2M")["stock_list"]
    assert [r["amount"] for r in rows] == ["40", "-2"] and rows[0]["microlocation"] == "A1"
    assert rows[0]["free_amount"] == "40" and rows[0]["reserved_amount"] == "0"
    by_id = api.js("warehouse_stock", product_mk_id_list=["1600550002"])["stock_list"]
    assert by_id[0]["amount"] == "863,75" and by_id[0]["code"] == "KNJIGA-1"
    two_wh = api.js("warehouse_stock", wh_id_list="1600000301,1600000302", product_code_list="KAB-USB-C-2M,MIŠKA")
    assert two_wh["stock_list_count"] == "4"
    assert api.js("warehouse_stock", product_code_list="NOPE").get("stock_list") is None
    assert api.js("warehouse_stock", eshop_sync="false")["stock_list_count"] == "1"


def test_stock_cap_1000():
    store = hand_store()
    store.stock += [StockRow("1600000302", "1600550003", Decimal(i)) for i in range(1200)]
    api = in_process(store)
    first = api.js("warehouse_stock", limit=2000)
    assert first["stock_list_count"] == "1000" and first["limit"] == "1000"
    assert api.js("warehouse_stock", offset=1000)["stock_list_count"] == "205"
