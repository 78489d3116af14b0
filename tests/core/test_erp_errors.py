"""Tests for mkdesk.core.erp.errors: classification by opr_code *and* message text, user messages, flags."""

from __future__ import annotations

import pickle

import pytest

from mkdesk.core.erp import errors as e


def env(code, desc=None, **extra):
    data = {"opr_code": code}
    if desc is not None:
        data["opr_desc"] = desc
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("envelope", "endpoint", "cls"),
    [
        (env("3", "Invalid value for secret_key and company_id"), "search", e.BadCredentials),
        (env("2", "Invalid value for secret_key and company_id"), "search", e.BadCredentials),
        (env("4", "IP address '1.2.3.4' is not allowed for company_id = 4711"), "search", e.BadCredentials),
        (env("5", "Quote exceeds"), "search", e.QuotaExceeded),
        (env("2", "No partner with such properties."), "get_partner", e.NotFound),
        (env("2", "Cannot find document type sales_order with id = 123"), "get_document", e.NotFound),
        (env("6", "Tracking code ABC not found"), "search_tracking_code", e.NotFound),
        (env("6", "No complaints found"), "search", e.NotFound),
        (env("8", "Product with code XYZ-1 not found - unit must be set to add new product"), "put_document",
         e.UnknownProduct),
        (env("2", "Product with code XYZ-1 not found - unit must be set to add new product"), "put_document",
         e.UnknownProduct),
        (env("6", "Cannot find product with code = XYZ-1"), "put_document", e.UnknownProduct),
        (env("2", "Product with count_code 'X' does not exist."), "product_update", e.NotFound),
        (env("6", "Attribute 'tax' for product with code 'A' or name 'B' must be set."), "put_document",
         e.BusinessRule),
        (env("6", "Not valid date for doc_date : 2026-01-15+01:00"), "put_document", e.BusinessRule),
        (env("6", "Profit center 'X' doesn't exist."), "put_document", e.BusinessRule),
        (env("1", "Internet error - cannot get beQueryParam for : doc_date_from"), "search", e.InvalidRequest),
        (env("1", "Dinamični šifrant z vrednostjo 'x' tipa 'Prodajna naročila - status' mora biti nastavljen"),
         "change_document_status", e.InvalidRequest),
        (env("2", "Paramether 'payment_type' has invalid value : X. Valid values : a,b"), "put_transaction",
         e.InvalidRequest),
        (env("2", "Paramether mk_id must be set"), "delete_document", e.InvalidRequest),
        (env("1", "Internal server error."), "delete_document", e.InvalidRequest),
        (env("6", opr_code_app="7", opr_desc_app="Documents with some buyer order already exist",
             duplicate_doc_list=[{"count_code": "PP-1", "mk_id": "400000010001"}]), "put_document",
         e.DuplicateBuyerOrder),
        (env("42", "Something new"), "search", e.MetakockaError),
    ],
)
def test_classify(envelope, endpoint, cls):
    error = e.classify(envelope, endpoint)
    assert type(error) is cls
    assert error.endpoint == endpoint
    assert error.opr_code == envelope["opr_code"]
    assert error.user_message and "opr_code" not in error.user_message


def test_duplicate_buyer_order_carries_the_duplicates():
    error = e.classify(env("6", opr_code_app="7", opr_desc_app="Documents with some buyer order already exist",
                           duplicate_doc_list={"count_code": "PP-1", "mk_id": "400000010001"}), "put_document")
    assert isinstance(error, e.DuplicateBuyerOrder) and isinstance(error, e.BusinessRule)
    assert error.duplicates == (e.DuplicateDoc(mk_id="400000010001", count_code="PP-1"),)


def test_unknown_product_names_the_code():
    error = e.classify(env("8", "Product with code KAB-9 not found - unit must be set to add new product"), "put_document")
    assert isinstance(error, e.UnknownProduct)
    assert error.code == "KAB-9"
    assert "KAB-9" in error.user_message


def test_app_description_wins_and_html_is_stripped():
    error = e.classify(env("6", "Application error", opr_desc_app="Profit center <b>'X'</b> doesn't exist."), "put_document")
    assert "<b>" not in str(error)
    assert "Profit center 'X' doesn't exist." in error.user_message


def test_retryable_flags():
    assert e.classify(env("5"), "search").retryable
    assert e.ServerUnavailable("x").retryable
    assert e.TransportError("x").retryable
    assert not e.BadCredentials("x").retryable
    assert not e.WriteOutcomeUnknown("x").retryable
    assert not e.classify(env("6", "nope"), "put_document").retryable


def test_user_messages_are_plain_words():
    assert e.BadCredentials().user_message == (
        "Metakocka rejected the company id or secret key. Check them in Settings."
    )
    for cls in (e.NotAnApi, e.ServerUnavailable, e.TransportError, e.QuotaExceeded, e.WriteOutcomeUnknown,
                e.MalformedResponse):
        message = cls().user_message
        assert message.endswith(".") and len(message) > 20


def test_str_and_repr():
    error = e.NotFound("Cannot find document", endpoint="get_document", opr_code="2")
    assert str(error) == "get_document: Cannot find document (opr_code 2)"
    assert repr(error) == "NotFound('Cannot find document', endpoint='get_document', opr_code='2')"
    assert error.args == ("Cannot find document",)


def test_all_errors_share_the_base():
    for name in e.__all__:
        obj = getattr(e, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, e.MetakockaError)


def test_errors_pickle_without_losing_the_message():
    error = e.BusinessRule("rule", endpoint="put_document", opr_code="6")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is e.BusinessRule
    assert (copy.detail, copy.endpoint, copy.opr_code) == ("rule", "put_document", "6")
