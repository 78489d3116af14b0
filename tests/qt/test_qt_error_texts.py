"""Errors and sync log entries in the user's language: the Qt module declares exactly the core's sentences for
lupdate, says them in English exactly as the core does (parameters filled in), has a text for every code, uses a
catalogue's translation of each, and words real sync log entries (an emulator run: a failing endpoint, a skipped
record, a cancelled sync) with the entity named."""

from __future__ import annotations

import asyncio
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from mkdesk.core import pdfs
from mkdesk.core.cache import Database, list_log
from mkdesk.core.cache.state import LogEntry
from mkdesk.core.erp import errors
from mkdesk.core.mail import imap_endpoint
from mkdesk.core.sync import SyncEngine, SyncOptions, engine
from mkdesk.emulator.model import StockRow
from mkdesk.qt import error_texts
from mkdesk.qt.error_texts import error_text, failure_text, generic_text, log_message
from tests.core.sync_support import client_for, serve, sync_once


def _placeholders(template: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", template)


def _error(code: str) -> errors.MetakockaError:
    return errors.MetakockaError("detail", code=code, params={name: f"<{name}>" for name in
                                                              _placeholders(errors.TEMPLATES[code])})



# ----- the declared sentences ------------------------------------------------------------------------------------

def test_the_declared_sentences_are_the_cores():
    assert error_texts.TEMPLATES == errors.TEMPLATES
    assert error_texts.LOG_TEMPLATES == engine.LOG_TEMPLATES
    assert not set(errors.TEMPLATES) & set(engine.LOG_TEMPLATES)  # a log entry's code says which table it is in


def test_every_imap_error_class_has_a_sentence():
    import mkdesk.core.mail.accounts  # noqa: F401 - its NoPassword is an ImapError too, whatever ran before

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = {cls.__name__ for cls in subclasses(imap_endpoint.ImapError)} | {"ImapError"}
    assert names <= set(error_texts.IMAP_TEXTS)


# ----- (a) English: exactly the core's sentences -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("envelope", "endpoint", "expected"),
    [
        ({"opr_code": "4", "opr_desc": "IP address '1.2.3.4' is not allowed for company_id = 4711"}, "search",
         "Metakocka does not accept calls from this computer's IP address for this company."),
        ({"opr_code": "8", "opr_desc": "Product with code KAB-9 not found - unit must be set"}, "put_document",
         "Product KAB-9 is not in the Metakocka catalogue. Check the product code."),
        ({"opr_code": "2", "opr_desc": "Paramether 'payment_type' has invalid value : X"}, "put_transaction",
         "Metakocka does not know this value (status, payment type, ...): Paramether 'payment_type' has invalid "
         "value : X"),
        ({"opr_code": "2", "opr_desc": "No partner with such properties."}, "get_partner",
         "No matching partner in Metakocka."),
        ({"opr_code": "2", "opr_desc": "Cannot find document type sales_order with id = 1"}, "get_document",
         "The document no longer exists in Metakocka (it may have been deleted)."),
        ({"opr_code": "2", "opr_desc": "Product with count_code 'X' does not exist."}, "product_update",
         "The product no longer exists in Metakocka."),
        ({"opr_code": "1", "opr_desc": "Internet error - cannot get beQueryParam for : x"}, "search",
         "Metakocka cannot filter these documents that way."),
        ({"opr_code": "6", "opr_desc": "Profit center 'X' doesn't exist."}, "put_document",
         "Metakocka refused the change: Profit center 'X' doesn't exist."),
        ({"opr_code": "42", "opr_desc": "Something {new}"}, "search", "Metakocka refused the request: Something {new}"),
    ],
)
def test_english_gives_the_cores_sentence_with_its_parameters(qapp, envelope, endpoint, expected):
    error = errors.classify(envelope, endpoint)
    assert error.user_message == expected
    assert error_text(error) == expected


def test_english_keeps_a_callers_own_words_and_the_imap_servers_name(qapp):
    own = errors.BusinessRule("x", user_message="Only this caller says this.")
    assert error_text(own) == "Only this caller says this."
    imap = imap_endpoint.ImapAuthFailed("The mail server rejected the user name or password for ana. Check both.")
    assert error_text(imap) == imap.user_message


def test_an_error_without_words_gets_the_generic_sentence(qapp):
    assert error_text(RuntimeError("boom")) == "Something went wrong (RuntimeError)."
    assert error_text(pdfs.NotAPdf("a web page")) == pdfs.NotAPdf.user_message


# ----- (b) every code has a text -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(errors.TEMPLATES))
def test_every_code_has_its_own_text(qapp, code):
    error = _error(code)
    assert error.code == code
    text = error_text(error)
    assert text == errors.render(code, error.params) == error.user_message
    assert text != generic_text(error)
    for value in error.params.values():
        assert value in text


@pytest.mark.parametrize("code", sorted(errors.TEMPLATES))
def test_a_catalogue_translates_every_code(marked, code):
    error = _error(code)
    assert error_text(error) == f"SL[{error.user_message}]"


def test_a_catalogue_translates_imap_errors_by_class(marked):
    for name, cls in (("ImapTlsError", imap_endpoint.ImapTlsError), ("ImapTimeout", imap_endpoint.ImapTimeout)):
        error = cls("Something about mail.example.com:993.", kind="x")
        assert error_text(error) == f"SL[{error_texts.IMAP_TEXTS[name]}]"


def test_a_known_sentence_without_a_code_is_recognised(marked):
    wrapped = pdfs.PdfError("quota", user_message=errors.QuotaExceeded().user_message)
    assert error_text(wrapped) == f"SL[{errors.TEMPLATES['quota_exceeded']}]"
    refused = pdfs.PdfError("x", user_message="Metakocka refused the request: no report for this type")
    assert error_text(refused) == "SL[Metakocka refused the request: no report for this type]"
    assert error_text(pdfs.PdfError("x", user_message="Not a sentence of ours.")) == "Not a sentence of ours."
    assert error_text(KeyError("k")) == "SL[Something went wrong (KeyError).]"


def test_a_translation_with_a_wrong_placeholder_falls_back_to_english(qapp):
    class Broken(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return "Izdelek {koda} ni v katalogu." if context == "ErrorTexts" else None

    catalogue = Broken()
    QCoreApplication.installTranslator(catalogue)
    try:
        error = errors.UnknownProduct("x", product_code="KAB-9")
        assert error_text(error) == error.user_message
    finally:
        QCoreApplication.removeTranslator(catalogue)


def test_failure_text_of_a_sync_result_reason(marked):
    reason = engine.reason_of(errors.NotFound("x", code="document_gone"))
    assert failure_text(reason, "fallback") == f"SL[{errors.TEMPLATES['document_gone']}]"
    assert failure_text(None, "as stored") == "as stored"
    assert failure_text({"code": "no_such", "params": {}, "user_message": "x"}, "as stored") == "as stored"
    internal = engine.reason_of(ValueError("bad"))
    assert failure_text(internal, "") == "SL[Internal error while syncing (ValueError: bad)]"


# ----- log entries -----------------------------------------------------------------------------------------------

def _entry(message, details, entity="orders"):
    from datetime import UTC, datetime

    return LogEntry(1, datetime.now(UTC), "error", entity, message, details, False)


def test_old_and_foreign_entries_show_their_stored_message(marked):
    assert log_message(_entry("orders: something old", None)) == "orders: something old"
    assert log_message(_entry("orders: x", {"endpoint": "search"})) == "orders: x"
    assert log_message(_entry("orders: x", {"code": "no_such_code", "params": {}})) == "orders: x"
    # the sentence no longer reads as stored (a caller's own words): the stored text
    assert log_message(_entry("orders: Own words.", {"code": "business_rule", "params": {}})) == "orders: Own words."
    assert log_message(_entry("mail: sync cancelled", {"code": "sync_cancelled"}, entity=None)) == (
        "mail: sync cancelled")


@pytest.fixture(scope="module")
def engine_log(tmp_path_factory):
    """The sync log of real engine runs against the emulator: a record that cannot be read (products), an endpoint
    that fails (stock), then an orders sync cancelled midway."""
    path = tmp_path_factory.mktemp("log") / "cache.sqlite3"
    with serve() as handle:
        products = list(handle.store.products.values())
        products[3].weight = Decimal("NaN")
        product, warehouse = products[0], next(iter(handle.store.warehouses.values()))
        handle.store.stock.append(StockRow(warehouse.mk_id, product.mk_id, amount=None))  # the handler crashes
        result, _ = sync_once(handle, path, ["products", "stock"])
        assert list(result.failed) == ["stock"]

        async def cancelled():
            db = Database.open(path)
            cancel = asyncio.Event()

            def progress(entity, done, total):
                if entity == "orders" and done >= 5:
                    cancel.set()

            try:
                async with client_for(handle) as client:
                    sync = SyncEngine(client, db, options=SyncOptions(search_page=5, catalog_page=10))
                    with pytest.raises(asyncio.CancelledError):
                        await sync.sync(["orders"], progress=progress, cancel=cancel)
                return await db.read(list_log)
            finally:
                db.close()

        return asyncio.run(cancelled()), result


def test_engine_entries_read_in_english_as_stored(qapp, engine_log):
    entries, result = engine_log
    by_code = {e.details["code"]: e for e in entries}
    assert log_message(by_code["sync_cancelled"]) == "Sales orders: sync cancelled"
    assert log_message(by_code["record_skipped"]) == "Products: skipped a record that cannot be read"
    (failed,) = [e for e in entries if e.level == "error"]
    code, params = failed.details["code"], failed.details["params"]
    assert code in errors.TEMPLATES and params  # Metakocka's own text is a parameter of the sentence
    assert failed.message == f"stock: {result.failed['stock']}"
    assert log_message(failed) == f"Stock: {errors.render(code, params)}"
    assert all(value in log_message(failed) for value in params.values())


def test_engine_entries_through_a_catalogue(marked, engine_log):
    entries, result = engine_log
    by_code = {e.details["code"]: e for e in entries}
    assert log_message(by_code["sync_cancelled"]) == "SL[{entity}: sync cancelled]".format(entity="Sales orders")
    (failed,) = [e for e in entries if e.level == "error"]
    sentence = errors.render(failed.details["code"], failed.details["params"])
    assert log_message(failed) == f"SL[Stock: SL[{sentence}]]"
    assert failure_text(result.reasons["stock"], "") == f"SL[{sentence}]"
