"""Entry layer: `mkdesk sync`, the headless sync for scripts and tests (S7); runs one asyncio loop in this process.

Secret: `MKDESK_SECRET_KEY`, else the keychain (`SecretRef(profile, "metakocka")`). Progress goes to stderr (a
`rich` progress bar on a terminal, one line per entity otherwise); `--json` prints one summary object on stdout
(per-entity counts, requests, duration, the cache's content digest). Exit codes are distinct per failure so that
scripts can react (see `EXIT_*`); each failure also prints one plain line on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_ERROR = 1  # unexpected failure
EXIT_USAGE = 2  # bad or missing arguments (argparse uses 2 too)
EXIT_BAD_CREDENTIALS = 3
EXIT_UNREACHABLE = 4
EXIT_NOT_API = 5
EXIT_NO_SECRET = 6
EXIT_PARTIAL = 7  # some entities failed, the others are synced
EXIT_UNAVAILABLE = 8  # Metakocka answered "maintenance"/"quota": try later
EXIT_CANCELLED = 130

CACHE_FILE = "cache.sqlite3"
SECRET_ENV = "MKDESK_SECRET_KEY"
SECRET_PURPOSE = "metakocka"
DEFAULT_PROFILE = "default"

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", help="Metakocka API address, e.g. https://main.metakocka.si")
    parser.add_argument("--company-id", help="Metakocka company id")
    parser.add_argument("--entities", help="comma-separated: warehouses,products,stock,partners,orders,invoices,"
                                           "offers (default: all)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    parser.add_argument("--profile", default=DEFAULT_PROFILE, help="keychain profile of the secret key")


def _fail(code: int, message: str, summary: dict[str, Any] | None, as_json: bool, out: TextIO) -> int:
    print(f"mkdesk sync: {message}", file=sys.stderr)
    if as_json:
        payload = dict(summary or {})
        payload.update(ok=False, exit_code=code, error=message)
        print(json.dumps(payload, ensure_ascii=False, sort_keys=True), file=out)
    return code


def _secret(profile: str) -> Any:
    from mkdesk.core.secrets import Keychain, Secret, SecretRef

    value = os.environ.get(SECRET_ENV)
    if value:
        return Secret(value)
    return Keychain().read(SecretRef(profile, SECRET_PURPOSE))  # KeychainError: a locked keychain, said as such


class _Progress:
    """Progress on stderr: a rich bar per entity on a terminal; otherwise a line when an entity starts and one with
    its counts at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}
        if self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(file=stream), transient=False)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, entity: str, done: int, total: int | None) -> None:
        if self.bar is None:
            if entity not in self.tasks:
                self.tasks[entity] = None
                print(f"syncing {entity}…", file=self.stream, flush=True)
            return
        task = self.tasks.get(entity)
        if task is None:
            task = self.tasks[entity] = self.bar.add_task(entity, total=total)
        self.bar.update(task, completed=done, total=total if total is not None else None)

    def finished(self, entity: str, stats: Any) -> None:
        if self.bar is None:
            print(f"{entity}: +{stats.inserted} ~{stats.updated} -{stats.deleted} ={stats.unchanged} "
                  f"({stats.requests} requests, {stats.seconds:.1f} s)"
                  + (f" FAILED: {stats.error}" if stats.error else ""), file=self.stream, flush=True)


def _summary(result: Any, seconds: float, digest: str | None) -> dict[str, Any]:
    return {
        "ok": result.ok if result is not None else False,
        "entities": {name: s.as_dict() for name, s in (result.stats.items() if result is not None else ())},
        "requests": result.requests if result is not None else 0,
        "rows_written": result.rows_written if result is not None else 0,
        "failed": dict(result.failed) if result is not None else {},
        "warnings": list(result.warnings) if result is not None else [],
        "duration_s": round(seconds, 3),
        "digest": digest,
    }


async def _run(args: argparse.Namespace, data_dir: Path, secret: Any, progress: _Progress) -> tuple[Any, str]:
    from mkdesk.core.cache import Database, content_digest
    from mkdesk.core.erp import MetakockaClient
    from mkdesk.core.sync import SyncEngine

    db = await asyncio.to_thread(Database.open, data_dir / CACHE_FILE)
    try:
        async with MetakockaClient(args.endpoint, args.company_id, secret) as client:
            engine = SyncEngine(client, db)

            def on_progress(entity: str, done: int, total: int | None) -> None:
                progress.update(entity, done, total)

            try:
                result = await engine.sync(args.entities, progress=on_progress)
            except Exception as exc:
                partial = getattr(exc, "sync_result", None)
                if partial is not None:
                    for name, stats in partial.stats.items():
                        progress.finished(name, stats)
                exc.digest = await db.read(content_digest)  # type: ignore[attr-defined]
                raise
            for name, stats in result.stats.items():
                progress.finished(name, stats)
            return result, await db.read(content_digest)
    finally:
        await asyncio.to_thread(db.close)


def run_sync(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`mkdesk sync`: returns the process exit code."""
    from mkdesk.core.erp.errors import (
        BadCredentials,
        MetakockaError,
        NotAnApi,
        QuotaExceeded,
        ServerUnavailable,
        TransportError,
    )
    from mkdesk.core.log import setup_logging
    from mkdesk.core.paths import resolve_data_dir
    from mkdesk.core.sync import parse_entities
    from mkdesk.core.sync.engine import tune_interpreter

    out = out or sys.stdout
    as_json = bool(args.json)
    if not args.endpoint or not args.company_id:
        return _fail(EXIT_USAGE, "--endpoint and --company-id are required", None, as_json, out)
    try:
        parse_entities(args.entities)
    except ValueError as exc:
        return _fail(EXIT_USAGE, str(exc), None, as_json, out)
    data_dir = resolve_data_dir(args.data_dir)
    setup_logging(data_dir)
    from mkdesk.core.secrets import KeychainError

    try:
        secret = _secret(getattr(args, "profile", DEFAULT_PROFILE) or DEFAULT_PROFILE)
    except KeychainError as exc:
        return _fail(EXIT_NO_SECRET, f"the keychain could not be read ({exc}; is it locked?): unlock it, or set "
                                     f"{SECRET_ENV}", None, as_json, out)
    if not secret:
        return _fail(EXIT_NO_SECRET, f"no secret key: set {SECRET_ENV} or store it in the keychain "
                                     f"(profile {getattr(args, 'profile', DEFAULT_PROFILE)!r})", None, as_json, out)
    tune_interpreter()
    started = time.monotonic()
    try:
        with _Progress(sys.stderr) as progress:
            result, digest = asyncio.run(_run(args, data_dir, secret, progress))
    except KeyboardInterrupt:
        return _fail(EXIT_CANCELLED, "cancelled", None, as_json, out)
    except MetakockaError as exc:
        summary = _summary(getattr(exc, "sync_result", None), time.monotonic() - started,
                           getattr(exc, "digest", None))
        if isinstance(exc, BadCredentials):
            code = EXIT_BAD_CREDENTIALS
        elif isinstance(exc, NotAnApi):
            code = EXIT_NOT_API
        elif isinstance(exc, TransportError):
            code = EXIT_UNREACHABLE
        elif isinstance(exc, (ServerUnavailable, QuotaExceeded)):
            code = EXIT_UNAVAILABLE
        else:
            code = EXIT_ERROR
        return _fail(code, f"{exc.user_message} ({args.endpoint})", summary, as_json, out)
    except Exception as exc:  # noqa: BLE001 - one clear line, the traceback goes to the log
        log.exception("mkdesk sync failed")
        return _fail(EXIT_ERROR, f"unexpected error: {type(exc).__name__}: {exc}", None, as_json, out)
    summary = _summary(result, time.monotonic() - started, digest)
    if as_json:
        print(json.dumps({**summary, "exit_code": EXIT_OK if result.ok else EXIT_PARTIAL}, ensure_ascii=False,
                         sort_keys=True), file=out)
    if not result.ok:
        failed = ", ".join(f"{k} ({v})" for k, v in result.failed.items())
        print(f"mkdesk sync: some entities failed: {failed}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK
