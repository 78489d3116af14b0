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


def test_only_the_secrets_module_imports_keyring():
    """One road to the keychain: `mkdesk/core/secrets.py`; everybody else asks it (`Keychain`, `keychain_facts`)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    users = set()
    for path in (root / "mkdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "keyring" or n.startswith("keyring.") for n in names):
                users.add(path.relative_to(root).as_posix())
    assert users == {"mkdesk/core/secrets.py"}


def test_qt_reaches_database_and_network_only_through_core_and_the_bridge():
    """Widgets never block on SQLite or the network: no `read_sync`/`write_sync`, no sqlite3, no HTTP or IMAP client
    of their own in `mkdesk/qt` (the settings dialog names `httpx` only for the type of its injectable transport)."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    blocking = re.compile(r"\.(read_sync|write_sync)\(|httpx\.(AsyncClient|Client|get|post|request)\(")
    wrong = []
    for path in sorted((root / "mkdesk" / "qt").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module.split(".")[0]]
            else:
                continue
            for module in modules:
                if module in ("sqlite3", "aioimaplib", "keyring", "sqlalchemy"):
                    wrong.append(f"{name} imports {module}")
                if module == "httpx" and name != "mkdesk/qt/settings_dialog.py":
                    wrong.append(f"{name} imports httpx")
        wrong += [f"{name}: {m.group(0)}" for m in blocking.finditer(source)]
    assert not wrong, wrong


def test_core_and_mail_code_never_turn_values_into_float():
    """Money is Decimal: nothing in the core, the Mail tab or the mail commands converts a value to float (the
    revenue chart's QtCharts axis in `qt/details/chart.py` is the one place that must)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "mkdesk"
    places = [*(root / "core").rglob("*.py"), *(root / "qt" / "mail").rglob("*.py"), *root.glob("cli_mail*.py")]
    to_float = re.compile(r"\bfloat\((?!\"-?inf\"\))")
    found = [f"{p.relative_to(root)}:{n}" for p in places
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if to_float.search(line)]
    assert not found, found
