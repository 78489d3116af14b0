"""Tests for `mkdesk mail import`: the real CLI in a subprocess (JSON counts and per-file errors, a real cache
file), human output, re-import = duplicates with exit 0, nothing importable = exit 1, no paths = usage error."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from mkdesk.cli import main

CORPUS = Path(__file__).resolve().parent / "data" / "mail"
MESSAGE = b"From: Ana <ana@kupec.si>\nSubject: Hello\nDate: Tue, 24 Nov 2026 10:00:00 +0100\n\nHi there\n"


def test_import_in_a_subprocess_reports_json_and_fills_the_cache(tmp_path):
    mails = tmp_path / "mails"
    shutil.copytree(CORPUS, mails)
    box = tmp_path / "box.mbox"
    box.write_bytes(b"From a@b Tue Nov 24 10:00:00 2026\n" + MESSAGE + b"\n")
    profile = tmp_path / "profile"
    done = subprocess.run([sys.executable, "-m", "mkdesk", "mail", "import", str(mails), str(box),
                           str(tmp_path / "missing.eml"), "--data-dir", str(profile), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    count = len(list(CORPUS.glob("*.eml")))
    assert payload == {"ok": True, "imported": count + 4, "duplicates": 0,
                       "errors": [{"path": str(tmp_path / "missing.eml"), "error": "no such file or folder"}],
                       "sources": [{"folder": str(mails / "sample.mbox"), "imported": 3, "duplicates": 0},
                                   {"folder": str(box), "imported": 1, "duplicates": 0},
                                   {"folder": str(mails), "imported": count, "duplicates": 0}]}
    with sqlite3.connect(profile / "cache.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == count + 4


def test_human_output_and_reimport(tmp_path, capsys):
    eml = tmp_path / "a.eml"
    eml.write_bytes(MESSAGE)
    assert main(["mail", "import", str(eml), "--data-dir", str(tmp_path / "p")]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{tmp_path}: 1 imported, 0 already there",
                                                    "Imported 1 message(s); 0 already in the cache; 0 error(s)."]
    assert main(["mail", "import", str(eml), "--data-dir", str(tmp_path / "p")]) == 0
    assert "Imported 0 message(s); 1 already in the cache" in capsys.readouterr().out
    log = (tmp_path / "p" / "mkdesk.log").read_text(encoding="utf-8")
    assert "mail import: 1 imported, 0 duplicates, 0 errors from 1 source(s)" in log


def test_nothing_importable_exits_1_with_json(tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02")
    assert main(["mail", "import", str(junk), "--data-dir", str(tmp_path), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and payload["errors"][0]["path"] == str(junk)


def test_no_paths_is_a_usage_error(tmp_path, capsys):
    assert main(["mail", "import", "--data-dir", str(tmp_path)]) == 2
    assert ".eml files, .mbox files or Maildir folders" in capsys.readouterr().err
