"""Tests for the import direction: mkdesk.core never loads Qt; the emulator stands alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _loaded_after_importing(package: str) -> set[str]:
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        import {package} as root
        for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
            importlib.import_module(info.name)
        print("\\n".join(sorted(sys.modules)))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_core_loads_no_qt():
    modules = _loaded_after_importing("mkdesk.core")
    forbidden = {m for m in modules if m.split(".")[0] in ("PySide6", "qasync", "shiboken6")}
    forbidden |= {m for m in modules if m.startswith(("mkdesk.qt", "mkdesk.app", "mkdesk.emulator"))}
    assert not forbidden, f"mkdesk.core pulled in {sorted(forbidden)}"


def test_emulator_stands_alone():
    modules = _loaded_after_importing("mkdesk.emulator")
    leaked = {m for m in modules if m.startswith(("mkdesk.core", "mkdesk.qt", "mkdesk.app", "PySide6", "qasync"))}
    assert not leaked, f"mkdesk.emulator pulled in {sorted(leaked)}"
