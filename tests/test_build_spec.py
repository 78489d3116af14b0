"""Tests for build.spec: the PyInstaller one-folder bundle builds, starts, and its emulator answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_bundle_builds_and_starts(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "build.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=380,
        cwd=ROOT,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "mkdesk" / "mkdesk"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("mkdesk ")
    assert (tmp_path / "dist" / "mkdesk" / "_internal" / "resources" / "mkdesk.svg").exists()
    internal = tmp_path / "dist" / "mkdesk" / "_internal"
    # the revenue chart's QtCharts module and its Qt library are collected (mkdesk.qt.details.chart imports it)
    assert list((internal / "PySide6").glob("QtCharts.*")) and list(internal.rglob("libQt6Charts.so*"))
    emulator = subprocess.Popen(
        [str(exe), "emulator", "--scale", "tiny"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        hello = json.loads(emulator.stdout.readline())
        body = {"company_id": hello["company_id"], "secret_key": hello["secret_key"]}
        answer = httpx.post(f"{hello['url']}/rest/eshop/v1/json/product_list", json=body, timeout=60)
        assert answer.json()["opr_code"] == "0"
        # the bundled app migrates a fresh cache (Alembic reads bundled migration files) and syncs into it
        sync = subprocess.run(
            [str(exe), "sync", "--data-dir", str(tmp_path / "profile"), "--endpoint", hello["url"],
             "--company-id", hello["company_id"], "--json"],
            capture_output=True, text=True, timeout=120, env={"MKDESK_SECRET_KEY": hello["secret_key"]},
        )
        assert sync.returncode == 0, sync.stderr[-2000:]
        assert json.loads(sync.stdout)["ok"] is True
    finally:
        emulator.terminate()
        emulator.wait(timeout=30)
    diagnose = subprocess.run([str(exe), "diagnose"], capture_output=True, text=True, timeout=60)
    assert diagnose.returncode == 0, diagnose.stderr
    known = json.loads(diagnose.stdout)["keyring_backends_known"]
    assert "SecretService" in known and "Windows" in known and "macOS" in known
