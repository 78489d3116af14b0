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
    assert error.product_code == "KAB-9"
    assert (error.code, error.params) == ("unknown_product", {"code": "KAB-9"})
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


# ----- machine codes and parameters: the sentence a UI can say in its own language ----------------------------------

IP = "Metakocka does not accept calls from this computer's IP address for this company."


@pytest.mark.parametrize(
    ("envelope", "endpoint", "cls", "code", "params", "message"),
    [
        (env("3", "Invalid value for secret_key and company_id"), "search", e.BadCredentials, "bad_credentials", {},
         "Metakocka rejected the company id or secret key. Check them in Settings."),
        (env("4", "IP address '1.2.3.4' is not allowed for company_id = 4711"), "search", e.BadCredentials,
         "ip_not_allowed", {}, IP),
        (env("2", "IP address '1.2.3.4' is not allowed for company_id = 4711"), "search", e.BadCredentials,
         "ip_not_allowed", {}, IP),
        (env("5", "Quote exceeds"), "search", e.QuotaExceeded, "quota_exceeded", {},
         "Metakocka is limiting requests right now. mkdesk will try again a little later."),
        (env("6", opr_code_app="7", opr_desc_app="Documents with some buyer order already exist"), "put_document",
         e.DuplicateBuyerOrder, "duplicate_buyer_order", {},
         "A document with this buyer order already exists in Metakocka."),
        (env("2", "No partner with such properties."), "get_partner", e.NotFound, "partner_not_found", {},
         "No matching partner in Metakocka."),
        (env("2", "Cannot find document type sales_order with id = 123"), "get_document", e.NotFound,
         "document_gone", {}, "The document no longer exists in Metakocka (it may have been deleted)."),
        (env("6", "Tracking code ABC not found"), "search_tracking_code", e.NotFound, "not_found", {},
         "Metakocka has no such record (it may have been deleted)."),
        (env("2", "Product with count_code 'X' does not exist."), "product_update", e.NotFound, "product_gone", {},
         "The product no longer exists in Metakocka."),
        (env("6", "Cannot find product with code = XYZ-1"), "put_document", e.UnknownProduct, "unknown_product",
         {"code": "XYZ-1"}, "Product XYZ-1 is not in the Metakocka catalogue. Check the product code."),
        (env("8"), "put_document", e.UnknownProduct, "unknown_product_unnamed", {},
         "A product on the document is not in the Metakocka catalogue."),
        (env("2", "Paramether 'payment_type' has invalid value : X. Valid values : a,b"), "put_transaction",
         e.InvalidRequest, "unknown_value",
         {"text": "Paramether 'payment_type' has invalid value : X. Valid values : a,b"},
         "Metakocka does not know this value (status, payment type, ...): Paramether 'payment_type' has invalid "
         "value : X. Valid values : a,b"),
        (env("1", "Internet error - cannot get beQueryParam for : doc_date_from"), "search", e.InvalidRequest,
         "filter_unsupported", {}, "Metakocka cannot filter these documents that way."),
        (env("6", "Profit center 'X' doesn't exist."), "put_document", e.BusinessRule, "change_refused",
         {"text": "Profit center 'X' doesn't exist."},
         "Metakocka refused the change: Profit center 'X' doesn't exist."),
        (env("6"), "put_document", e.BusinessRule, "business_rule", {},
         "Metakocka refused the change because of a business rule."),
        (env("2", "Paramether mk_id must be set"), "delete_document", e.InvalidRequest, "request_not_accepted",
         {"text": "Paramether mk_id must be set"},
         "Metakocka did not accept the request: Paramether mk_id must be set"),
        (env("1"), "delete_document", e.InvalidRequest, "invalid_request", {},
         "Metakocka did not accept the request (a value is missing or not valid)."),
        (env("42", "Something <i>new</i>"), "search", e.MetakockaError, "request_refused", {"text": "Something new"},
         "Metakocka refused the request: Something new"),
        (env("42"), "search", e.MetakockaError, "metakocka_error", {}, "Metakocka refused the request."),
    ],
)
def test_classify_gives_a_code_and_the_params_of_its_sentence(envelope, endpoint, cls, code, params, message):
    error = e.classify(envelope, endpoint)
    assert type(error) is cls
    assert (error.code, error.params) == (code, params)
    assert error.user_message == message  # the English sentence is exactly what it always was
    assert e.render(error.code, error.params) == message


@pytest.mark.parametrize(
    ("cls", "code"),
    [(e.MetakockaError, "metakocka_error"), (e.BadCredentials, "bad_credentials"),
     (e.InvalidRequest, "invalid_request"), (e.NotFound, "not_found"), (e.BusinessRule, "business_rule"),
     (e.DuplicateBuyerOrder, "duplicate_buyer_order"), (e.UnknownProduct, "unknown_product_unnamed"),
     (e.QuotaExceeded, "quota_exceeded"), (e.ServerUnavailable, "server_unavailable"), (e.NotAnApi, "not_an_api"),
     (e.TransportError, "transport_error"), (e.WriteOutcomeUnknown, "write_outcome_unknown"),
     (e.MalformedResponse, "malformed_response"), (e.WireFormatError, "malformed_response")],
)
def test_each_class_has_a_default_code_and_its_sentence(cls, code):
    error = cls("detail")
    assert (error.code, error.params) == (code, {})
    assert error.user_message == cls.default_user_message == e.TEMPLATES[code]


def test_every_error_class_is_listed_with_its_code():
    classes = {obj for name in e.__all__ if isinstance(obj := getattr(e, name), type) and issubclass(obj, Exception)}
    assert {cls.default_code for cls in classes} <= set(e.TEMPLATES)
    assert len(classes) == 14  # the list above names them all


def test_default_sentences_are_unchanged():
    assert e.WriteOutcomeUnknown().user_message == (
        "The connection broke before Metakocka confirmed the change, so it may or may not have been saved. "
        "Look the record up (e.g. by buyer order) before trying again.")
    assert e.NotAnApi().user_message == (
        "The endpoint answered with a web page, not the Metakocka API. Check the API address in Settings.")
    assert e.TransportError().user_message == "Cannot reach Metakocka. Check the network connection."
    assert e.ServerUnavailable().user_message == (
        "Metakocka is unavailable (maintenance or a server error). Try again in a few minutes.")
    assert e.MalformedResponse().user_message == (
        "Metakocka sent an answer mkdesk cannot read. Try again; if it persists, report it.")


def test_a_callers_own_sentence_keeps_its_words_and_gets_a_code_when_it_is_a_known_one():
    not_sent = e.TransportError("connect", user_message=e.TEMPLATES["write_not_sent"], retryable=False)
    assert (not_sent.code, not_sent.user_message) == ("write_not_sent", e.TEMPLATES["write_not_sent"])
    own = e.BusinessRule("x", user_message="A sentence nobody declared.")
    assert (own.code, own.user_message) == ("business_rule", "A sentence nobody declared.")
    unknown_code = e.NotFound("x", code="no_such_code")
    assert (unknown_code.code, unknown_code.user_message) == ("not_found", e.NotFound.default_user_message)


def test_a_connect_failure_of_a_write_says_it_was_not_sent():
    from mkdesk.core.erp.client import _write_failure
    from mkdesk.core.erp.endpoints import endpoint

    refused = e.TransportError("ConnectError: refused", endpoint="put_document")
    refused.transport_kind = "connect"
    error = _write_failure(refused, endpoint("put_document"), {"buyer_order": "WEB-1"})
    assert (type(error), error.code, error.params) == (e.TransportError, "write_not_sent", {})
    assert error.user_message == "Cannot reach Metakocka; the change was not sent. Check the network and try again."


def test_params_are_strings_and_a_missing_one_stays_a_placeholder():
    error = e.UnknownProduct("x", code="unknown_product", params={"code": 42})
    assert error.params == {"code": "42"} and "Product 42 is" in error.user_message
    assert e.render("change_refused") == "Metakocka refused the change: {text}"


def test_codes_and_params_survive_pickling():
    error = e.classify(env("6", "Cannot find product with code = XYZ-1"), "put_document")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.params, copy.product_code, copy.user_message) == (
        error.code, error.params, error.product_code, error.user_message)
