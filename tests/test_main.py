"""Tests for mkdesk.__main__: `python -m mkdesk` is the same command line as the `mkdesk` script."""

from __future__ import annotations

import subprocess
import sys


def test_python_m_lists_the_contract_commands():
    done = subprocess.run([sys.executable, "-m", "mkdesk", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for command in ("demo", "emulator", "sync", "bench", "mail"):
        assert command in done.stdout


def test_python_m_passes_the_exit_code_through(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdesk", "mail", "import", "x.eml", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1  # nothing could be imported
    assert "x.eml: no such file or folder" in done.stderr
