"""Tests for mkdesk.cli: the command-line contract of product.md."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mkdesk import __version__
from mkdesk.cli import build_parser, main


def test_version_via_python_m():
    done = subprocess.run([sys.executable, "-m", "mkdesk", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"mkdesk {__version__}"


def test_mail_import_of_nothing_readable_fails_with_the_reason(tmp_path, capsys):
    assert main(["mail", "import", str(tmp_path / "x.eml"), "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "x.eml: no such file or folder" in err and "nothing could be imported" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["emulator", "--faults", "1.5"], "between 0 and 1"),
        (["emulator", "--faults", "lots"], "not a number"),
        (["emulator", "--latency-ms=-3"], "must not be negative"),
        (["emulator", "--today", "24.11.2026"], "YYYY-MM-DD"),
        (["emulator", "--scale", "huge"], "invalid choice"),
        (["demo", "--tab", "inbox"], "invalid choice"),
    ],
)
def test_bad_arguments_get_specific_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_every_command_takes_data_dir(tmp_path):
    parser = build_parser()
    for argv in (["demo"], ["emulator"], ["sync"], ["bench"], ["mail", "import"], ["diagnose"], []):
        args = parser.parse_args([*argv, "--data-dir", str(tmp_path)])
        assert args.data_dir == tmp_path


def test_diagnose_lists_facts_without_secrets(tmp_path, capsys, memory_keyring):
    import json

    memory_keyring.set_password("mkdesk", "default/metakocka", "very-secret-value")
    assert main(["diagnose", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    facts = json.loads(out)
    assert facts["data_dir"] == str(tmp_path)
    assert "SecretService" in facts["keyring_backends_known"]
    assert "very-secret-value" not in out
    from mkdesk.core.diagnostics import environment_facts

    assert facts == environment_facts(tmp_path)  # one road: the facts of an exported diagnostics file


def test_switches_are_typed_after_their_defaults():
    from mkdesk.cli import parse_switches

    chosen = parse_switches(["unknown_product_code=2", "serialize_searches=off",
                             "last_change_doc_types=sales_order,complaint"])
    assert chosen == {"unknown_product_code": "2", "serialize_searches": False,
                      "last_change_doc_types": ("sales_order", "complaint")}
    with pytest.raises(ValueError, match="unknown switch"):
        parse_switches(["no_such_switch=1"])
    with pytest.raises(ValueError, match="true or false"):
        parse_switches(["serialize_searches=maybe"])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["emulator", "--switch", "nonsense"], "unknown switch"),
        (["emulator", "--fault-kinds", "meteor"], "unknown fault kind meteor"),
    ],
)
def test_emulator_rejects_bad_switches_and_fault_kinds(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
