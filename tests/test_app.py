"""Tests for mkdesk.app: `mkdesk demo` runs end to end on the in-process emulator and can save a screenshot."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from PySide6.QtGui import QImage

from mkdesk.app import open_demo_company


def test_demo_screenshot_end_to_end(tmp_path):
    shot = tmp_path / "shots" / "demo.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdesk", "demo", "--scale", "tiny", "--data-dir", str(tmp_path / "profile"),
         "--screenshot", str(shot), "--tab", "contacts"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    log = (tmp_path / "profile" / "mkdesk.log").read_text(encoding="utf-8")
    assert "/rest/eshop/v1/json/warehouse_list" in log  # the demo really went through the API client
    assert "secret_key" not in log


def test_open_demo_company_reports_facts_through_the_client():
    facts = asyncio.run(open_demo_company("tiny", seed=5))
    values = dict(facts.facts)
    assert facts.company_name
    assert values["Partners"] > 0
    assert values["Sales orders"] > 0 and values["Offers"] > 0
    assert values["Warehouses"].count(",") >= 1
