"""Tests for `mkdesk mail context FILE.eml --data-dir DIR [--json]`: the real CLI in a subprocess over a real cache,
deterministic facts in process (a fixed `today`), manual links of an imported copy, and plain-words failures."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
from datetime import date

import pytest

from mkdesk.cli_mail_context import plain, run_context
from tests.core.context_world import CORPUS, TODAY, world_cache  # noqa: F401


@pytest.fixture
def profile(world_cache, tmp_path):
    path = tmp_path / "profile"
    path.mkdir()
    shutil.copyfile(world_cache, path / "cache.sqlite3")
    return path


def run(profile, *files, as_json=True):
    out = io.StringIO()
    args = argparse.Namespace(action="context", paths=[str(f) for f in files], data_dir=profile, json=as_json)
    code = run_context(args, out, today=TODAY)
    return code, json.loads(out.getvalue()) if as_json else out.getvalue()


def test_subprocess_prints_the_partner_entities_and_facts_as_json(profile):
    done = subprocess.run([sys.executable, "-m", "mkdesk", "mail", "context", str(CORPUS / "01_order_status_sl.eml"),
                           "--data-dir", str(profile), "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["ok"] and payload["partner"]["name"] == "Elektro Novak d.o.o."
    assert payload["partner"]["reason"].startswith("The sender's address is the email of Ana Novak")
    assert payload["message"]["subject"] == "Status naročila PP-2026-90001"
    assert payload["today"] == date.today().isoformat()
    invoice = payload["facts"]["unpaid_invoices"][0]
    assert invoice["open_balance"] == "1020.00" and invoice["due_date"] == "2026-01-20"
    assert invoice["days_overdue"] == (date.today() - date(2026, 1, 20)).days


def test_facts_in_json_money_as_strings_dates_iso(profile):
    code, payload = run(profile, CORPUS / "01_order_status_sl.eml")
    assert code == 0
    assert [d["count_code"] for d in payload["entities"]["documents"]] == ["PP-2026-90001"]
    (product,) = payload["entities"]["products"]
    assert (product["code"], product["quantity"]) == ("PS-WTV8636XS", "2")
    facts = payload["facts"]
    assert facts["card"]["tax_id_number"] == "SI91234567"
    assert [o["count_code"] for o in facts["open_orders"]] == ["PP-2026-90001"]
    assert [o["count_code"] for o in facts["pending_offers"]] == ["PON-2026-90003"]
    assert [(i["count_code"], i["days_overdue"], i["overdue"]) for i in facts["unpaid_invoices"]] == [
        ("1-MK-2026-9001", 41, True), ("1-MK-2026-9002", 0, False)]
    assert facts["balances"] == [{"currency": "EUR", "open_balance": "1520.00", "overdue_balance": "1020.00",
                                  "unpaid_count": 2, "overdue_count": 1, "oldest_days_overdue": 41}]
    assert facts["stock"][0]["enough"] is True and facts["stock"][0]["free"] == "7"
    assert facts["segment"]["code"] == "regular"
    assert {f["block"] for f in facts["freshness"]} >= {"partner", "orders", "stock"}


def test_shared_domain_lists_candidates(profile):
    code, payload = run(profile, CORPUS / "02_shared_domain.eml")
    assert code == 0 and payload["partner"] is None and payload["needs_choice"]
    assert len(payload["candidates"]) == 2 and payload["facts"]["card"] is None


def test_newsletter_is_nobodys(profile):
    code, payload = run(profile, CORPUS / "10_newsletter.eml")
    assert code == 0 and payload["partner"] is None and payload["candidates"] == []
    assert payload["entities"] == {"documents": [], "products": [], "unknown_numbers": []}


def test_human_output(profile):
    code, text = run(profile, CORPUS / "13_buyer_order.eml", as_json=False)
    assert code == 0
    assert "Partner: Elektro Novak d.o.o." in text and "Not in the cache: PP-2026-99999" in text
    assert "Unpaid: 1-MK-2026-9001 1020.00 EUR due 2026-01-20, 41 days overdue" in text


def test_an_imported_copy_brings_its_manual_links(profile):
    from mkdesk.cli_mail import run_import
    from mkdesk.core.cache import Database
    from mkdesk.core.context import link

    eml = CORPUS / "02_shared_domain.eml"
    assert run_import(argparse.Namespace(paths=[str(eml)], data_dir=profile, json=True), io.StringIO()) == 0
    db = Database.open(profile / "cache.sqlite3")
    try:
        message_id = db.read_sync(lambda c: c.exec_driver_sql("SELECT id FROM messages").scalar_one())
        servis = db.read_sync(lambda c: c.exec_driver_sql(
            "SELECT id FROM partners WHERE name = 'Kovač servis d.o.o.'").scalar_one())
        db.write_sync(link, message_id, "partner", servis)
    finally:
        db.close()
    code, payload = run(profile, eml)
    assert payload["message_row"] == message_id and payload["partner"]["method"] == "manual"


@pytest.mark.parametrize("files, error, exit_code", [
    ([], "give exactly one message file", 2),
    (["a.eml", "b.eml"], "give exactly one message file", 2),
    (["missing.eml"], "missing.eml: cannot be read", 1),
    (["."], "is a folder, not a message file", 1),
])
def test_usage_and_file_errors(profile, tmp_path, capsys, monkeypatch, files, error, exit_code):
    monkeypatch.chdir(tmp_path)
    code, payload = run(profile, *files)
    assert code == exit_code and payload["ok"] is False and error in payload["error"]
    assert error in capsys.readouterr().err


def test_no_cache_is_a_clear_error_and_creates_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, payload = run(empty, CORPUS / "01_order_status_sl.eml")
    assert code == 1 and "no cache in" in payload["error"] and "mkdesk sync" in payload["error"]
    assert list(empty.iterdir()) == []


def test_odd_mime_still_answers(profile, tmp_path):
    odd = tmp_path / "odd.eml"
    odd.write_bytes(b"Subject: =?x-unknown?q?=FF?=\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n"
                    b"Content-Type: text/plain; charset=nonsense\n\n\xff\xfe PP-2026-90001\n")
    code, payload = run(profile, odd)
    assert code == 0 and payload["partner"]["method"] == "document"
    assert payload["message"]["parse_error"]


def test_plain_converts_results():
    from decimal import Decimal

    assert plain({"a": (Decimal("1.10"), date(2026, 3, 2)), "b": frozenset({"y", "x"})}) == {
        "a": ["1.10", "2026-03-02"], "b": ["x", "y"]}
