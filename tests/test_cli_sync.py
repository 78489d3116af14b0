"""Tests for `mkdesk sync` (mkdesk.cli_sync): JSON summary and digest, exit codes with one clear line per failure,
and SIGKILL of the process at random points (the cache stays intact and the next run reaches the same digest)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mkdesk.cli import main
from mkdesk.cli_sync import (
    CACHE_FILE,
    EXIT_BAD_CREDENTIALS,
    EXIT_NO_SECRET,
    EXIT_NOT_API,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
)
from mkdesk.core.secrets import Keychain, Secret, SecretRef
from mkdesk.emulator.model import StockRow
from tests.core.sync_support import SECRET, integrity, serve, sync_once

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tiny():
    with serve() as handle:
        yield handle


def _argv(url: str, data_dir: Path, *extra: str) -> list[str]:
    return ["sync", "--data-dir", str(data_dir), "--endpoint", url, "--company-id", "4711", *extra]


def _sync(capsys, url, data_dir, *extra):
    code = main(_argv(url, data_dir, *extra, "--json"))
    out, err = capsys.readouterr()
    return code, json.loads(out.strip().splitlines()[-1]), err


def test_json_summary_counts_and_digest(tiny, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MKDESK_SECRET_KEY", SECRET)
    code, summary, err = _sync(capsys, tiny.url, tmp_path)
    assert code == EXIT_OK and summary["ok"] and summary["exit_code"] == 0
    _, reference = sync_once(tiny, tmp_path / "reference.sqlite3")
    assert summary["digest"] == reference
    partners = summary["entities"]["partners"]
    assert partners["inserted"] == len(tiny.store.partners) and partners["requests"] == 1
    assert set(summary["entities"]) == {"warehouses", "products", "stock", "partners", "orders", "invoices", "offers"}
    assert summary["duration_s"] > 0
    assert "syncing partners" in err and "partners: +" in err
    assert (tmp_path / CACHE_FILE).exists()
    assert SECRET not in err and SECRET not in json.dumps(summary)

    code, again, _ = _sync(capsys, tiny.url, tmp_path, "--entities", "orders,partners")
    assert code == EXIT_OK
    assert set(again["entities"]) == {"orders", "partners"}
    assert again["rows_written"] == 0 and again["digest"] == reference
    assert all(e["unchanged"] >= 0 and e["inserted"] == 0 for e in again["entities"].values())


def test_secret_from_the_keychain(tiny, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MKDESK_SECRET_KEY", raising=False)
    Keychain().set(SecretRef("work", "metakocka"), Secret(SECRET))
    code = main(_argv(tiny.url, tmp_path, "--entities", "warehouses", "--profile", "work"))
    assert code == EXIT_OK, capsys.readouterr().err


def test_a_locked_keychain_is_said_as_such(tiny, tmp_path, capsys, monkeypatch, memory_keyring):
    import keyring.errors

    monkeypatch.delenv("MKDESK_SECRET_KEY", raising=False)

    def locked(*_args):
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    code = main(_argv(tiny.url, tmp_path, "--entities", "warehouses", "--json"))
    out, err = capsys.readouterr()
    assert code == EXIT_NO_SECRET
    line = [x for x in err.splitlines() if x.startswith("mkdesk sync:")]
    assert len(line) == 1 and "keychain could not be read" in line[0] and "locked" in line[0], err
    assert json.loads(out)["exit_code"] == EXIT_NO_SECRET


@pytest.mark.parametrize("case", ["bad_credentials", "not_api", "no_secret", "usage", "bad_entity"])
def test_failures_have_distinct_codes_and_one_line(case, tiny, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MKDESK_SECRET_KEY", SECRET)
    url, argv_extra, expected, words = tiny.url, [], None, ""
    if case == "bad_credentials":
        monkeypatch.setenv("MKDESK_SECRET_KEY", "not-the-key")
        expected, words = EXIT_BAD_CREDENTIALS, "secret key"
    elif case == "not_api":
        url, expected, words = tiny.url + "/shop", EXIT_NOT_API, "web page"
    elif case == "no_secret":
        monkeypatch.delenv("MKDESK_SECRET_KEY")
        expected, words = EXIT_NO_SECRET, "MKDESK_SECRET_KEY"
    elif case == "usage":
        url, expected, words = "", EXIT_USAGE, "--endpoint"
    else:
        argv_extra, expected, words = ["--entities", "orders,emails"], EXIT_USAGE, "emails"
    code = main(_argv(url, tmp_path, *argv_extra, "--json"))
    out, err = capsys.readouterr()
    assert code == expected
    line = [x for x in err.splitlines() if x.startswith("mkdesk sync:")]
    assert len(line) == 1 and words in line[0], err
    summary = json.loads(out)
    assert summary["ok"] is False and summary["exit_code"] == expected


def test_unreachable_endpoint(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MKDESK_SECRET_KEY", SECRET)
    with serve() as gone:
        url = gone.url
    code = main(_argv(url, tmp_path))
    assert code == EXIT_UNREACHABLE
    assert "Cannot reach Metakocka" in capsys.readouterr().err


def test_partial_failure(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MKDESK_SECRET_KEY", SECRET)
    with serve() as handle:
        product = next(iter(handle.store.products.values()))
        warehouse = next(iter(handle.store.warehouses.values()))
        handle.store.stock.append(StockRow(warehouse.mk_id, product.mk_id, amount=None))
        code, summary, err = _sync(capsys, handle.url, tmp_path)
    assert code == EXIT_PARTIAL and summary["exit_code"] == EXIT_PARTIAL
    assert list(summary["failed"]) == ["stock"] and summary["entities"]["stock"]["error"]
    assert summary["entities"]["orders"]["inserted"] > 0
    assert "some entities failed: stock" in err


@pytest.mark.slow
def test_sigkill_at_random_points_then_a_rerun_reaches_the_digest(tmp_path):
    with serve(scale="small") as clean:
        _, reference = sync_once(clean, tmp_path / "reference.sqlite3")
    data_dir = tmp_path / "profile"
    env = {**os.environ, "MKDESK_SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261124)
    with serve(scale="small", latency_ms=60) as slow:  # ≥ 29 requests: ≥ 1.7 s
        argv = [sys.executable, "-m", "mkdesk", *_argv(slow.url, data_dir)]
        for _ in range(3):
            proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    text=True)
            assert proc.stderr is not None
            first = proc.stderr.readline()  # "syncing warehouses…": the cache is open, the sync under way
            assert first.startswith("syncing"), first
            time.sleep(rng.uniform(0.05, 1.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            rest = proc.stderr.read()
            proc.stderr.close()
            assert proc.returncode == -signal.SIGKILL, first + rest
            assert integrity(data_dir / CACHE_FILE) == "ok"
        done = subprocess.run([*argv, "--json"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["digest"] == reference
