"""Tests for mkdesk.bench.mail_import_figures: the generated mailbox is deterministic and parses cleanly, the raw
sqlite3 baseline stores every message, and one small run reports consistent figures."""

from __future__ import annotations

import random
import sqlite3

import pytest

from mkdesk.bench import mail_import_figures as M
from mkdesk.core.mail.parse import parse_message


def test_generated_messages_are_deterministic_and_clean():
    first = [M.message(random.Random(3), n) for n in range(30)]
    again = [M.message(random.Random(3), n) for n in range(30)]
    assert first == again
    parsed = [parse_message(raw) for raw in first]
    assert all(p.parse_error is None and p.subject.startswith("Naročilo") for p in parsed)
    assert sum(p.body_html is not None for p in parsed) == 10
    assert sum(bool(p.attachments) for p in parsed) == 2  # n = 1, 11 (21 is an HTML one)


def test_raw_baseline_inserts_every_message(tmp_path):
    raws = [M.message(random.Random(1), n) for n in range(50)]
    assert M.raw_sqlite_msgs_per_s(tmp_path / "raw.sqlite3", raws) > 0
    with sqlite3.connect(tmp_path / "raw.sqlite3") as conn:
        assert conn.execute("SELECT count(*), sum(length(raw)) FROM raw_messages").fetchone() == (
            50, sum(map(len, raws)))


def test_a_small_run_reports_consistent_figures(tmp_path):
    figures = M.measure("tiny", 1, tmp_path, count=120)
    assert figures["mail_messages"] == figures["mail_imported"] == figures["mail_reimport_duplicates"] == 120
    assert figures["mail_import_errors"] == 0
    for key in ("mail_import_msgs_per_s", "mail_reimport_msgs_per_s", "mail_raw_sqlite_msgs_per_s",
                "mail_parse_msgs_per_s", "mail_mbox_bytes"):
        assert figures[key] > 0, key
    assert figures["mail_import_vs_raw"] == pytest.approx(
        figures["mail_import_msgs_per_s"] / figures["mail_raw_sqlite_msgs_per_s"], rel=0.01, abs=1e-4)
    assert list(tmp_path.iterdir()) == []  # the temporary mailbox and caches are gone
