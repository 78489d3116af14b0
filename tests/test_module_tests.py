"""Tests for the house rule "a test file named after each module": every module under `mkdesk/` has its test file
(`core/erp/wire.py` ↔ `tests/core/test_erp_wire.py`, `qt/mail/reader.py` ↔ `tests/qt/test_qt_mail_reader.py`) and a
module docstring whose first line names its layer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mkdesk"
TESTS = ROOT / "tests"

# The justified exceptions, each with the test that covers it instead.
EXCEPTIONS = {
    # `python -m mkdesk`: "test___main__.py" would read badly; tests/test_main.py runs it as a process.
    "__main__.py": "test_main.py",
}
# Alembic revisions are data for `migrate.py`; tests/core/test_cache_migrate.py upgrades through every one of them.
MIGRATIONS = PACKAGE / "core" / "cache" / "migrations"
# Where each top-level package's tests live and how their names start.
PREFIXES = {
    "core": ("core", ""), "qt": ("qt", "qt_"), "emulator": ("emulator", "emulator_"), "bench": ("bench", "bench_"),
}
LAYERS = {"core": "Core layer:", "qt": "Qt layer:", "emulator": "Emulator layer:", "bench": "Entry layer:"}


def expected_test(module: Path) -> Path:
    """The test file named after a module, by the naming the suite uses."""
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    if len(parts) == 1:
        return TESTS / EXCEPTIONS.get(module.name, f"test_{parts[0]}.py")
    folder, prefix = PREFIXES[parts[0]]
    return TESTS / folder / f"test_{prefix}{'_'.join(parts[1:])}.py"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if MIGRATIONS not in p.parents and p.name != "__init__.py")


def _defines_code(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return [node.name for node in tree.body if isinstance(node, kinds)]


def test_naming_follows_the_suite():
    assert expected_test(PACKAGE / "core" / "erp" / "wire.py") == TESTS / "core" / "test_erp_wire.py"
    assert expected_test(PACKAGE / "qt" / "mail" / "reader.py") == TESTS / "qt" / "test_qt_mail_reader.py"
    assert expected_test(PACKAGE / "emulator" / "h_stock.py") == TESTS / "emulator" / "test_emulator_h_stock.py"
    assert expected_test(PACKAGE / "bench" / "gui_probe.py") == TESTS / "bench" / "test_bench_gui_probe.py"
    assert expected_test(PACKAGE / "cli_mail.py") == TESTS / "test_cli_mail.py"
    assert expected_test(PACKAGE / "__main__.py") == TESTS / "test_main.py"


def test_every_module_has_a_test_file_named_after_it():
    modules = _modules()
    assert len(modules) > 100, "the walk found too few modules to mean anything"
    missing = [f"{m.relative_to(ROOT)} ↔ {expected_test(m).relative_to(ROOT)}" for m in modules
               if not expected_test(m).is_file()]
    assert not missing, "modules without a test file named after them:\n" + "\n".join(missing)


def test_every_test_file_has_tests():
    empty = []
    for module in _modules():
        test = expected_test(module)
        if test.is_file() and "def test_" not in test.read_text(encoding="utf-8"):
            empty.append(str(test.relative_to(ROOT)))
    assert not empty, f"test files that test nothing: {empty}"


def test_package_inits_hold_no_code_of_their_own():
    """`__init__.py` files are exempt from the rule only because they just re-export; code belongs in a module."""
    holding = {str(p.relative_to(ROOT)): _defines_code(p) for p in PACKAGE.rglob("__init__.py")
               if MIGRATIONS not in p.parents and _defines_code(p)}
    assert not holding, f"package __init__ files that define code (move it to a module with its test): {holding}"


def test_every_module_docstring_names_its_layer():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if MIGRATIONS in path.parents:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        first = doc.splitlines()[0] if doc else ""
        parts = path.relative_to(PACKAGE).parts
        layer = LAYERS.get(parts[0]) if len(parts) > 1 else None
        if layer is None:  # top-level modules: the package root, the composition root, the entry points
            ok = first.startswith(("Entry layer:", "App layer:")) or path == PACKAGE / "__init__.py"
        else:
            ok = first.startswith(layer)
        if not ok:
            wrong.append(f"{path.relative_to(ROOT)}: {first[:80]!r}")
    assert not wrong, "module docstrings whose first line does not name the layer:\n" + "\n".join(wrong)


def test_every_migration_has_a_docstring():
    bare = [p.name for p in sorted((MIGRATIONS / "versions").glob("*.py"))
            if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not bare, f"migrations without a docstring saying what they change: {bare}"


def test_every_core_and_qt_module_docstring_states_its_threads():
    """Which thread or loop a module runs on (or that it is pure) is part of its contract, in its docstring."""
    said = re.compile(r"thread|event loop|asyncio|\basync\b|\bpure\b", re.IGNORECASE)
    silent = []
    for path in sorted([*(PACKAGE / "core").rglob("*.py"), *(PACKAGE / "qt").rglob("*.py")]):
        if MIGRATIONS in path.parents or path.name == "__init__.py":
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if not said.search(doc):
            silent.append(str(path.relative_to(ROOT)))
    assert not silent, f"module docstrings that do not say on which thread the module runs: {silent}"
