"""Tests for `mkdesk mail import`: the real CLI in a subprocess (JSON counts and per-file errors, a real cache
file), human output, re-import = duplicates with exit 0, nothing importable = exit 1, no paths = usage error.
And `mkdesk mail sync` against a real Dovecot: per account and folder counts (new, removed, flags), one plain
stderr line per failed account, exit codes, the password from the keychain only (in a fresh process: a real
gnome-keyring Secret Service on a private D-Bus session)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


# ----- mkdesk mail sync ------------------------------------------------------------------------------------------
SYNC_PASSWORD = "Geslo-za-posto-7"


def mail(n: int) -> bytes:
    return (f"From: Kupec <kupec@stranka.si>\r\nTo: ana@example.com\r\nSubject: Povpraševanje {n}\r\n"
            f"Message-ID: <s{n}@stranka.si>\r\n\r\nProsim za ponudbo {n}.\r\n").encode()


@pytest.fixture
def dovecot():
    from tests.mail_server import MailServer

    server = MailServer()
    for user in ("ana", "bor"):
        server.add_user(user, SYNC_PASSWORD)
    server.start()
    yield server
    server.close()


def add_account(profile: Path, server, user: str, password: str = SYNC_PASSWORD) -> None:
    """An IMAP account as the app saves it: the row in the profile's cache, the password in the keychain."""
    import asyncio

    from mkdesk.core.cache import Database
    from mkdesk.core.mail.accounts import AccountForm, save_account
    from mkdesk.core.secrets import Keychain, Secret

    db = Database.open(profile / "cache.sqlite3")
    try:
        form = AccountForm(host=server.host, port=server.port, security="plain", username=user, name=user.title())
        asyncio.run(save_account(db, Keychain(), form, Secret(password)))
    finally:
        db.close()


def expunge(server, user: str, uids: list[int]) -> None:
    client = server.imap(user)
    try:
        client.select("INBOX")
        client.uid("STORE", ",".join(map(str, uids)), "+FLAGS", "(\\Deleted)")
        client.expunge()
    finally:
        client.logout()


def sync_json(capsys, profile: Path, *extra: str) -> tuple[int, dict, str]:
    code = main(["mail", "sync", "--data-dir", str(profile), "--json", *extra])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_sync_counts_per_account_and_folder_and_a_failed_account_exits_1(tmp_path, capsys, dovecot):
    profile = tmp_path / "p"
    profile.mkdir()
    add_account(profile, dovecot, "ana")
    add_account(profile, dovecot, "bor", password="staro-geslo")  # changed on the server since
    for n in (1, 2, 3):
        dovecot.deliver("ana", mail(n))
    code, payload, err = sync_json(capsys, profile)
    assert code == 1 and payload["ok"] is False and payload["exit_code"] == 1
    assert payload["added"] == 3 and payload["removed"] == 0
    ana, bor = payload["accounts"]
    assert ana == {"account": "Ana", "ok": True, "error": None, "pushed": 0, "folders": [
        {"folder": "INBOX", "added": 3, "duplicates": 0, "removed": 0, "seen_changed": 0, "reset": False,
         "error": None}]}
    assert bor["account"] == "Bor" and bor["ok"] is False and "rejected the user name or password" in bor["error"]
    lines = [x for x in err.splitlines() if x.startswith("mkdesk mail sync:")]
    assert lines == [f"mkdesk mail sync: Bor: {bor['error']}"]
    assert "staro-geslo" not in err + json.dumps(payload) and SYNC_PASSWORD not in err + json.dumps(payload)

    # one account only; mail deleted and read elsewhere since
    expunge(dovecot, "ana", [2])
    dovecot.set_seen("ana", 3, True)
    dovecot.deliver("ana", mail(4))
    code, payload, err = sync_json(capsys, profile, "--account", "ana")  # the name, in any case
    assert code == 0 and payload["ok"] is True and err == ""
    assert [a["account"] for a in payload["accounts"]] == ["Ana"]
    folder = payload["accounts"][0]["folders"][0]
    assert (folder["added"], folder["removed"], folder["seen_changed"]) == (1, 1, 1)
    with sqlite3.connect(profile / "cache.sqlite3") as conn:
        assert sorted(r[0] for r in conn.execute("SELECT subject FROM messages")) == [
            "Povpraševanje 1", "Povpraševanje 3", "Povpraševanje 4"]
    log = (profile / "mkdesk.log").read_text(encoding="utf-8")
    assert "1 new, 1 removed, 0 pushed, ok=True" in log and SYNC_PASSWORD not in log


def test_sync_human_table(tmp_path, capsys, dovecot):
    profile = tmp_path / "p"
    profile.mkdir()
    add_account(profile, dovecot, "ana")
    dovecot.deliver("ana", mail(1))
    assert main(["mail", "sync", "--data-dir", str(profile)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["Account  Folder  New  Removed  Flags",
                                "Ana      INBOX     1        0      0",
                                "Synced 1 of 1 account(s): 1 new, 0 removed, 0 read mark(s) sent."]
    dovecot.stop()
    assert main(["mail", "sync", "--data-dir", str(profile)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == ["Ana      -                            failed",  # it failed before any folder
                                    "Synced 0 of 1 account(s): 0 new, 0 removed, 0 read mark(s) sent."]
    assert err.splitlines() == [f"mkdesk mail sync: Ana: Cannot reach the mail server at {dovecot.host}:"
                                f"{dovecot.port}: the connection was refused. Check the address and the port, and "
                                "that this computer is online."]


@pytest.mark.parametrize("keychain", ["empty", "none", "locked"])
def test_sync_without_a_readable_password_says_why(keychain, tmp_path, capsys, dovecot, memory_keyring, monkeypatch):
    import keyring
    import keyring.backends.fail
    import keyring.errors

    from mkdesk.core.secrets import Keychain, SecretRef

    profile = tmp_path / "p"
    profile.mkdir()
    add_account(profile, dovecot, "ana")
    if keychain == "empty":
        Keychain().delete(SecretRef.mail("ana", dovecot.host, dovecot.port))
        words = "no password is stored in the keychain for this account: enter it in the app's mail account settings"
    elif keychain == "none":
        keyring.set_keyring(keyring.backends.fail.Keyring())  # a fresh process on a machine without a keychain
        words = "no keychain is available here, and mkdesk keeps mail passwords only there"
    else:
        def locked(*_args):
            raise keyring.errors.KeyringLocked("locked")

        monkeypatch.setattr(memory_keyring, "get_password", locked)
        words = "the keychain could not be read (KeyringLocked; is it locked?): unlock it and try again"
    code, payload, err = sync_json(capsys, profile)
    assert code == 1 and payload["accounts"][0]["folders"] == [] and words in payload["accounts"][0]["error"]
    assert err.startswith("mkdesk mail sync: Ana: ") and words in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("case", ["no_cache", "no_accounts", "unknown_account", "paths"])
def test_sync_usage_errors_exit_2(case, tmp_path, capsys, dovecot):
    profile = tmp_path / "p"
    profile.mkdir()
    argv = ["mail", "sync", "--data-dir", str(profile), "--json"]
    if case == "no_accounts":
        from mkdesk.core.cache import Database

        Database.open(profile / "cache.sqlite3").close()
        words = "no IMAP mail account"
    elif case == "unknown_account":
        add_account(profile, dovecot, "ana")
        argv += ["--account", "Nobody"]
        words = "no mail account named 'Nobody' (this profile has: Ana)"
    elif case == "paths":
        argv.insert(2, "x.eml")
        words = "takes no paths"
    else:
        words = "no profile cache in"
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["exit_code"] == 2 and words in json.loads(out)["error"]
    assert err.count("mkdesk mail sync:") == 1 and words in err
    if case == "no_cache":
        assert not (profile / "cache.sqlite3").exists()  # a usage error leaves no file behind


@pytest.mark.keychain
def test_sync_in_a_fresh_process_reads_the_password_from_a_real_keychain(tmp_path, dovecot):
    """The account is saved by one process and synced by `python -m mkdesk mail sync` in another, both against a
    real gnome-keyring on a private D-Bus session: the password travels through the keychain only."""
    import os
    import tempfile
    import textwrap

    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install gnome-keyring and dbus (see README, .ci/run)")
    home = tempfile.mkdtemp(prefix="mkdesk-keyring-")
    profile = tmp_path / "p"
    profile.mkdir()
    dovecot.deliver("ana", mail(1))
    dovecot.deliver("ana", mail(2))
    save = textwrap.dedent(f"""
        import asyncio, keyring
        from mkdesk.core.cache import Database
        from mkdesk.core.mail.accounts import AccountForm, save_account
        from mkdesk.core.secrets import Keychain, Secret
        db = Database.open(__import__("pathlib").Path({str(profile / "cache.sqlite3")!r}))
        form = AccountForm(host={dovecot.host!r}, port={dovecot.port}, security="plain", username="ana", name="Ana")
        saved = asyncio.run(save_account(db, Keychain(), form, Secret({SYNC_PASSWORD!r})))
        db.close()
        assert saved.persistent, keyring.get_keyring()
    """)
    (tmp_path / "save.py").write_text(save, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data", "PYTHONPATH": str(root)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    command = (
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"{sys.executable} {tmp_path / 'save.py'} && "
        f"{sys.executable} -m mkdesk mail sync --data-dir {profile} --json"
    )
    done = subprocess.run(["dbus-run-session", "--", "sh", "-c", command], env=env, cwd=root, capture_output=True,
                          text=True, timeout=120)
    shutil.rmtree(home, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    assert payload["ok"] and payload["added"] == 2 and payload["accounts"][0]["account"] == "Ana"
    assert SYNC_PASSWORD not in done.stdout + done.stderr
    assert SYNC_PASSWORD.encode() not in (profile / "cache.sqlite3").read_bytes()
