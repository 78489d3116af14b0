"""Entry layer: `mkdesk mail …` — `import` (files into the profile's cache), `sync` (the profile's IMAP accounts into
it) and `context` (a message's ERP context).

`mkdesk mail import PATH… --data-dir DIR [--json]` imports `.eml` files, `.mbox` files and Maildir folders into the
cache of the profile (`cache.sqlite3`), prints the counts per source and in all (and one stderr line per file that
failed) or, with `--json`, one object `{"ok", "imported", "duplicates", "errors": [{"path", "error"}], "sources":
[{"folder", "imported", "duplicates"}]}` on stdout. Exit codes: 0 when every message found is now in the cache
(imported now or before), 1 when nothing could be imported, 2 on usage errors, 130 when interrupted (the batches
stored so far stay; running it again imports the rest).

`mkdesk mail sync --data-dir DIR [--account NAME] [--json]` syncs every IMAP account of the profile (or the one
named): read marks waiting in the cache are pushed, new mail fetched, mail deleted on the server removed, flags
pulled. The password comes from the keychain only (`SecretRef.mail`, as the app stored it), never from arguments or
the environment. Prints one line per account and folder (new, removed, flags changed) or, with `--json`, one object
`{"ok", "exit_code", "added", "removed", "accounts": [{"account", "ok", "error", "pushed", "folders": [{"folder",
"added", "duplicates", "removed", "seen_changed", "reset", "error"}]}]}`; each failed account or folder gets one
stderr line in plain words. Exit codes: 0 when every account synced, 1 when any failed (what arrived is kept), 2 on
usage errors (no such account, no IMAP account in the profile), 130 when interrupted.
Runs in the calling thread (an asyncio loop for IMAP); the cache writes run on its writer thread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any, TextIO

EXIT_OK = 0
EXIT_NOTHING = 1  # no message could be imported
EXIT_FAILED = 1  # mail sync: an account (or one of its folders) could not be synced
EXIT_USAGE = 2
EXIT_CANCELLED = 130


def _print_json(payload: dict, out: TextIO) -> None:
    print(json.dumps(payload, ensure_ascii=False, sort_keys=True), file=out)


def run_import(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`mkdesk mail import`: returns the process exit code."""
    from mkdesk.core.cache.db import Database
    from mkdesk.core.log import setup_logging
    from mkdesk.core.mail.importer import import_paths
    from mkdesk.core.paths import cache_path, resolve_data_dir

    out = out or sys.stdout
    as_json = bool(getattr(args, "json", False))
    if not args.paths:
        message = "give one or more .eml files, .mbox files or Maildir folders to import"
        print(f"mkdesk mail import: {message}", file=sys.stderr)
        if as_json:
            _print_json({"ok": False, "imported": 0, "duplicates": 0, "errors": [], "sources": [], "error": message},
                        out)
        return EXIT_USAGE
    data_dir = resolve_data_dir(args.data_dir)
    setup_logging(data_dir)

    def progress(imported: int, duplicates: int, source: str) -> None:
        if not as_json and sys.stderr.isatty():
            print(f"\r{imported} imported, {duplicates} already there ({source})", end="", file=sys.stderr,
                  flush=True)

    db = Database.open(cache_path(data_dir))
    try:
        report = import_paths(db, args.paths, progress=progress)
    except KeyboardInterrupt:  # the batch being written commits or rolls back whole; earlier batches stay
        print("\nmkdesk mail import: cancelled (run it again to import the rest)", file=sys.stderr)
        return EXIT_CANCELLED
    finally:
        db.close()
    if not as_json and sys.stderr.isatty():
        print(file=sys.stderr)
    ok = report.imported + report.duplicates > 0
    logging.getLogger(__name__).info("mail import: %d imported, %d duplicates, %d errors from %d source(s)",
                                     report.imported, report.duplicates, len(report.errors), len(report.sources))
    if as_json:
        _print_json({"ok": ok, **report.as_dict()}, out)
    else:
        for count in report.sources:
            print(f"{count.folder}: {count.imported} imported, {count.duplicates} already there", file=out)
        print(f"Imported {report.imported} message(s); {report.duplicates} already in the cache; "
              f"{len(report.errors)} error(s).", file=out)
        for path, error in report.errors:
            print(f"mkdesk mail import: {path}: {error}", file=sys.stderr)
    if not ok:
        if not as_json:
            print("mkdesk mail import: nothing could be imported", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _sync_usage(message: str, as_json: bool, out: TextIO) -> int:
    print(f"mkdesk mail sync: {message}", file=sys.stderr)
    if as_json:
        _print_json({"ok": False, "exit_code": EXIT_USAGE, "error": message, "added": 0, "removed": 0,
                     "accounts": []}, out)
    return EXIT_USAGE


def _account_report(name: str, result: Any = None, error: str | None = None) -> dict:
    """One account's part of the JSON answer (`result`: a `MailSyncResult`; `error`: why it did not start)."""
    folders = [{"folder": f.folder, "added": f.added, "duplicates": f.duplicates, "removed": f.removed,
                "seen_changed": f.seen_changed, "reset": f.reset, "error": f.error}
               for f in (result.folders if result is not None else ())]
    if error is None and result is not None and result.error is not None:
        error = result.error.user_message
    ok = error is None and all(f["error"] is None for f in folders)
    return {"account": name, "ok": ok, "error": error, "pushed": result.pushed if result is not None else 0,
            "folders": folders}


async def _sync_accounts(db: Any, accounts: list, progress: Any) -> list[dict]:
    from mkdesk.core.mail.imap_sync import sync_account
    from mkdesk.core.secrets import Keychain, KeychainError

    keychain = Keychain()
    reports = []
    for account in accounts:
        try:
            secret = await asyncio.to_thread(keychain.read, account.secret_ref)
        except KeychainError as exc:
            reports.append(_account_report(account.name, error=f"the keychain could not be read ({exc}; is it "
                                                                "locked?): unlock it and try again"))
            continue
        if not secret:
            reports.append(_account_report(account.name, error=(
                "no password is stored in the keychain for this account: enter it in the app's mail account settings"
                if keychain.persistent else "no keychain is available here, and mkdesk keeps mail passwords only "
                "there: set one up (e.g. GNOME Keyring or KWallet), then enter the password in the app again")))
            continue
        result = await sync_account(db, account, secret, progress=progress)
        logging.getLogger(__name__).info("mail sync of account %s: %d new, %d removed, %d pushed, ok=%s",
                                         account.id, result.added, result.removed, result.pushed, result.ok)
        reports.append(_account_report(account.name, result))
    return reports


def _print_table(reports: list[dict], out: TextIO) -> None:
    rows = [("Account", "Folder", "New", "Removed", "Flags", "")]
    for report in reports:
        if not report["folders"]:
            rows.append((report["account"], "-", "", "", "", "failed"))
        for f in report["folders"]:
            rows.append((report["account"], f["folder"], str(f["added"]), str(f["removed"]), str(f["seen_changed"]),
                         "failed" if f["error"] else ("refetched" if f["reset"] else "")))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i < 2 else row[i].rjust(widths[i]) for i in range(5)]
        print("  ".join(cells + [row[5]]).rstrip(), file=out)


def run_sync(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`mkdesk mail sync`: returns the process exit code."""
    from mkdesk.core.cache.db import Database
    from mkdesk.core.log import setup_logging
    from mkdesk.core.mail.accounts import list_accounts
    from mkdesk.core.paths import cache_path, resolve_data_dir

    out = out or sys.stdout
    as_json = bool(getattr(args, "json", False))
    if getattr(args, "paths", None):
        return _sync_usage(f"mkdesk mail sync takes no paths (got {' '.join(args.paths)})", as_json, out)
    data_dir = resolve_data_dir(args.data_dir)
    if not cache_path(data_dir).exists():
        return _sync_usage(f"no mail account: there is no profile cache in {data_dir} (add an account in the app "
                           "first, or give the right --data-dir)", as_json, out)
    setup_logging(data_dir)

    def progress(p: Any) -> None:
        if not as_json and sys.stderr.isatty():
            print(f"\r{p.account}/{p.folder}: {p.done} of {p.total} new", end="", file=sys.stderr, flush=True)

    db = Database.open(cache_path(data_dir))
    try:
        accounts = db.read_sync(list_accounts)
        wanted = getattr(args, "account", None)
        if not accounts:
            return _sync_usage("this profile has no IMAP mail account: add one in the app (Mail tab, Accounts)",
                               as_json, out)
        if wanted is not None:
            chosen = [a for a in accounts if a.name == wanted] or [a for a in accounts
                                                                     if a.name.casefold() == wanted.casefold()]
            if not chosen:
                names = ", ".join(a.name for a in accounts)
                return _sync_usage(f"no mail account named {wanted!r} (this profile has: {names})", as_json, out)
            accounts = chosen[:1]
        try:
            reports = asyncio.run(_sync_accounts(db, accounts, progress))
        except KeyboardInterrupt:  # each committed batch stays; the next run resumes from there
            print("\nmkdesk mail sync: cancelled (what arrived is kept; run it again for the rest)", file=sys.stderr)
            return EXIT_CANCELLED
    finally:
        db.close()
    if not as_json and sys.stderr.isatty():
        print(file=sys.stderr)
    failed = [r for r in reports if not r["ok"]]
    code = EXIT_FAILED if failed else EXIT_OK
    added = sum(f["added"] for r in reports for f in r["folders"])
    removed = sum(f["removed"] for r in reports for f in r["folders"])
    if as_json:
        _print_json({"ok": not failed, "exit_code": code, "added": added, "removed": removed, "accounts": reports},
                    out)
    else:
        _print_table(reports, out)
        pushed = sum(r["pushed"] for r in reports)
        print(f"Synced {len(reports) - len(failed)} of {len(reports)} account(s): {added} new, {removed} removed, "
              f"{pushed} read mark(s) sent.", file=out)
    for report in failed:
        if report["error"]:
            print(f"mkdesk mail sync: {report['account']}: {report['error']}", file=sys.stderr)
        for f in report["folders"]:
            if f["error"] and f["error"] != report["error"]:
                print(f"mkdesk mail sync: {report['account']}/{f['folder']}: {f['error']}", file=sys.stderr)
    return code


def run_context(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`mkdesk mail context FILE.eml` (see `mkdesk/cli_mail_context.py`)."""
    from mkdesk.cli_mail_context import run_context as context

    return context(args, out)


def run_mail(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Dispatch `mkdesk mail ACTION`."""
    if args.action == "import":
        return run_import(args, out)
    if args.action == "sync":
        return run_sync(args, out)
    return run_context(args, out)
