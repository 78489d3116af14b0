"""Emulator products: product_list (filters, cap 1000, page count, object-when-one, pricelist/stock flags,
comma decimals) and product add/update/delete rules."""

from __future__ import annotations

from dataclasses import replace

from mkdesk.emulator.config import Switches

from .conftest import Api, hand_store, in_process


def test_single_match_is_a_bare_object_with_comma_decimals(api: Api):
    answer = api.js("product_list", code="KAB-USB-C-2M", return_pricelist="true", show_tax_factor=True)
    assert answer["code"] == "KAB-USB-C-2M" and answer["return_pricelist"] == "true" and answer["show_tax_factor"] == "true"
    product = answer["product_list"]
    assert isinstance(product, dict) and product["weight"] == "0,06"
    prices = {p["count_code"]: p["price_def"] for p in product["pricelist"]}
    assert prices["1"]["price_with_tax"] == "10" and prices["VP"]["price"] == "8,2" and prices["1"]["tax_factor"] == "0.22"


def test_object_when_one_is_a_switch(store):
    api = in_process(store, switches=Switches(single_object_lists=False))
    assert isinstance(api.js("product_list", code="MIŠKA")["product_list"], list)


def test_pricelist_and_stock_only_on_request(api: Api):
    plain = api.js("product_list", code="KAB-USB-C-2M")["product_list"]
    assert "pricelist" not in plain and "amount" not in plain
    rich = api.js("product_list", code="KAB-USB-C-2M", return_warehause_stock=True, return_free_amount=True)
    product = rich["product_list"]
    assert product["amount"] == "43,5" and product["free_amount"] == "43,5"
    assert {d["warehouse_mark"] for d in product["amount_detail"]} == {"glavno", "MP"}


def test_filters(api: Api):
    def count(**filters):
        return api.js("product_list", **filters)["product_list_count"]

    assert count() == "4"
    assert count(title="miška", search_with_like=True) == "1" and count(title="miška") == "0"
    assert count(eshop_sync="false") == "1" and count(service=True) == "1"
    assert count(count_code="PA-2") == "1" and count(mk_id="1600550003") == "1"
    assert "product_list" not in api.js("product_list", code="nope")


def test_cap_1000_and_page_count_not_total():
    store = hand_store()
    template = next(iter(store.products.values()))
    for i in range(1196):
        product = replace(template, mk_id=store.next_id("product"), code=f"X{i}", count_code=f"X{i}", prices={})
        store.products[product.mk_id] = product
    api = in_process(store)
    first = api.js("product_list", limit="5000")
    assert (first["limit"], first["product_list_count"], len(first["product_list"])) == ("1000", "1000", 1000)
    second = api.js("product_list", offset=1000)
    assert second["product_list_count"] == "200" and second["offset"] == "1000"


def test_product_add_update_delete(api: Api):
    added = api.js("product_add", code="NEW-7", name="Nov izdelek", unit="kos", weight="0,5",
                   pricelist=[{"count_code": "1", "price_def": [{"price_with_tax": "12,20", "tax": "EX4"}]}])
    assert added["opr_code"] == "0" and added["count_code"]
    product = api.js("product_list", code="NEW-7", return_pricelist=True)["product_list"]
    assert product["weight"] == "0,5" and product["pricelist"]["price_def"]["price_with_tax"] == "12,2"
    dup = api.js("product_add", code="NEW-7", name="x", unit="kos")
    assert dup["opr_code"] == "2" and "opr_desc_app" in dup and "opr_desc" not in dup
    wrong_type = api.js("product_add", code="NEW-8", name="x", unit="kos",
                        pricelist=[{"count_code": "VP", "price_def": [{"price_with_tax": "1", "tax": "EX4"}]}])
    assert wrong_type["opr_desc_app"].startswith("Pricelist 'VP' has 'net' price type.")
    no_tax = api.js("product_add", code="NEW-8", name="x", unit="kos",
                    pricelist=[{"count_code": "VP", "price_def": [{"price": "1"}]}])
    assert no_tax["opr_code"] == "2"
    assert api.js("product_add", name="x", unit="kos")["opr_desc_app"] == "Paramether 'code' is required paramether"

    updated = api.js("product_update", mk_id=added["mk_id"], name="Preimenovan", barcode="383", name_desc="")
    assert updated["opr_code"] == "0"
    product = api.js("product_list", code="NEW-7")["product_list"]
    assert product["name"] == "Preimenovan" and product["barcode"] == "383"
    api.js("product_update", count_code=added["count_code"], barcode="$REMOVE_STRING_VALUE$")
    assert "barcode" not in api.js("product_list", code="NEW-7")["product_list"]
    missing = api.js("product_update", count_code="NOPE")
    assert missing["opr_desc_app"] == "Product with count_code 'NOPE' does not exist."

    assert api.js("product_delete", mk_id=added["mk_id"])["opr_code"] == "0"
    assert "product_list" not in api.js("product_list", code="NEW-7")


def test_products_used_on_documents_cannot_be_deleted_or_unflagged(api: Api):
    used = api.store.product_by_code("KAB-USB-C-2M")
    refused = api.js("product_delete", mk_id=used.mk_id)
    assert refused["opr_code"] == "6" and "used on documents" in refused["opr_desc_app"]
    assert api.js("product_update", mk_id=used.mk_id, sales="false")["opr_code"] == "6"
    assert used.mk_id in api.store.products and used.sales
