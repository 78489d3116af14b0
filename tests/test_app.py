"""Tests for mkdesk.app: `mkdesk demo` runs a first sync on the in-process emulator and can save a screenshot."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys

from PySide6.QtGui import QImage

from mkdesk.app import cache_facts, open_demo_company


def test_demo_screenshot_after_first_sync(tmp_path):
    shot = tmp_path / "shots" / "demo.png"
    profile = tmp_path / "profile"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdesk", "demo", "--scale", "tiny", "--data-dir", str(profile),
         "--screenshot", str(shot), "--tab", "contacts"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    log = (profile / "mkdesk.log").read_text(encoding="utf-8")
    # the demo really went through the API client: each entity's summary counts its requests (the HTTP lines
    # themselves are logged only at DEBUG)
    assert re.search(r"warehouses.*'requests': [1-9]", log), log[-2000:]
    assert "secret_key" not in log
    with sqlite3.connect(profile / "cache.sqlite3") as con:  # the first sync filled the cache
        assert con.execute("SELECT count(*) FROM partners").fetchone()[0] > 0
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # auto-sync is on after the first sync: every entity has its next run planned
        assert con.execute("SELECT count(*) FROM sync_state WHERE next_due IS NOT NULL").fetchone()[0] == 7


def test_demo_company_syncs_into_the_cache(tmp_path):
    async def scenario():
        company = await open_demo_company("tiny", 5, tmp_path)
        try:
            result = await company.engine.sync()
            facts = dict(await company.db.read(cache_facts))
        finally:
            await company.close()
        return company.name, result, facts

    name, result, facts = asyncio.run(scenario())
    assert name and result.ok
    assert facts["Partners"] > 0 and facts["Products"] > 0
    assert facts["Sales orders"] > 0 and facts["Offers"] > 0 and facts["Invoices"] > 0
    assert facts["Unpaid invoices"] >= facts["Overdue invoices"]
    assert facts["Warehouses"].count(",") >= 1


def test_demo_opens_on_its_mailbox_with_matched_partners(tmp_path):
    shot = tmp_path / "mail.png"
    profile = tmp_path / "profile"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "mkdesk", "demo", "--scale", "tiny", "--data-dir", str(profile),
               "--screenshot", str(shot), "--tab", "mail"]
    for _run in range(2):  # a second demo on the same profile keeps the mailbox it has
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert not QImage(str(shot)).isNull()
        with sqlite3.connect(profile / "cache.sqlite3") as con:
            messages = con.execute("SELECT count(*) FROM messages m JOIN mail_folders f ON f.id = m.folder_id "
                                   "JOIN mail_accounts a ON a.id = f.account_id WHERE a.name = 'Demo' "
                                   "AND a.kind = 'demo' AND f.name = 'INBOX'").fetchone()[0]
            matched = con.execute("SELECT count(DISTINCT message_id) FROM email_links "
                                  "WHERE kind = 'partner'").fetchone()[0]
        assert 25 <= messages <= 60 and matched >= messages * 2 // 3
        if _run == 0:
            first = messages
    assert messages == first
