"""Entry layer: `mkdesk mail …` — `import` (files into the profile's cache) and `context` (a message's ERP context).

`mkdesk mail import PATH… --data-dir DIR [--json]` imports `.eml` files, `.mbox` files and Maildir folders into the
cache of the profile (`cache.sqlite3`), prints the counts per source and in all (and one stderr line per file that
failed) or, with `--json`, one object `{"ok", "imported", "duplicates", "errors": [{"path", "error"}], "sources":
[{"folder", "imported", "duplicates"}]}` on stdout. Exit codes: 0 when every message found is now in the cache
(imported now or before), 1 when nothing could be imported, 2 on usage errors, 130 when interrupted (the batches
stored so far stay; running it again imports the rest).
Runs in the calling thread; the cache writes run on its writer thread.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TextIO

EXIT_OK = 0
EXIT_NOTHING = 1  # no message could be imported
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


def run_context(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`mkdesk mail context FILE.eml` (see `mkdesk/cli_mail_context.py`)."""
    from mkdesk.cli_mail_context import run_context as context

    return context(args, out)


def run_mail(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Dispatch `mkdesk mail ACTION`."""
    if args.action == "import":
        return run_import(args, out)
    return run_context(args, out)
