"""Core layer: "Export diagnostics" — a redacted support report (environment, settings, sync state, recent sync log,
the tail of the app log) written as a text or zip file. No Qt; the cache part runs on a database reader thread
(`Database.read(cache_facts)`), file writing on a worker thread (`export_diagnostics` does both).

Everything that leaves this module passes `core.log.redact` (registered secrets and credential-looking fields)
and, on top of it, masks the secrets the caller hands in (e.g. the profile's key from the keychain): a secret that
slipped into a log line or a sync-log detail never reaches the file.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdesk import __version__
from mkdesk.core.cache.state import list_log, load_sync_states
from mkdesk.core.log import LOG_FILE, MASK, redact, tail
from mkdesk.core.secrets import Secret, keychain_facts

REPORT_NAME = "mkdesk-diagnostics.txt"
LOG_NAME = "mkdesk-log-tail.txt"
PACKAGES = ("PySide6-Essentials", "qasync", "httpx", "SQLAlchemy", "keyring", "aioimaplib")


class DiagnosticsError(OSError):
    """The diagnostics file cannot be written (the message names the file and the reason)."""


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def environment_facts(data_dir: Path | None) -> dict[str, Any]:
    """What support asks first: versions, platform, profile directory, keychain backend (never a secret)."""
    return {
        "mkdesk": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "data_dir": str(data_dir) if data_dir is not None else None,
        **keychain_facts(),
        "packages": {name: _package_version(name) for name in PACKAGES},
    }


def cache_facts(conn: Any, log_entries: int = 200) -> dict[str, Any]:
    """The cache's sync bookkeeping: every entity's `sync_state` and the newest sync-log entries (reader thread)."""
    states = []
    for s in load_sync_states(conn):
        states.append({
            "entity": s.entity, "last_run": s.last_run, "last_success": s.last_success,
            "last_full_reconcile": s.last_full_reconcile, "last_error": s.last_error, "paused": s.paused,
            "next_due": s.next_due, "backoff_until": s.backoff_until, "counts": dict(s.counts),
        })
    entries = [{"id": e.id, "ts": e.ts, "level": e.level, "entity": e.entity, "message": e.message,
                "details": e.details, "resolved": e.resolved} for e in list_log(conn, limit=log_entries)]
    return {"sync_state": states, "sync_log": entries}


def _mask(text: str, secrets: Iterable[Secret | str]) -> str:
    values = sorted({s.reveal() if isinstance(s, Secret) else s for s in secrets}, key=len, reverse=True)
    for value in values:
        if value:
            text = text.replace(value, MASK)
    return redact(text)


@dataclass(frozen=True, slots=True)
class Report:
    """A redacted report and the redacted tail of the app log."""

    text: str
    log_tail: str


def build_report(environment: Mapping[str, Any], cache: Mapping[str, Any] | None, log_text: str, *,
                 settings: Mapping[str, Any] | None = None, secrets: Iterable[Secret | str] = (),
                 now: datetime | None = None) -> Report:
    """Assemble the report; every part is redacted (and the given secrets masked) before it is returned."""
    secrets = tuple(secrets)
    body = {
        "created": (now or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "environment": dict(environment),
        "settings": dict(settings) if settings is not None else None,
        "cache": dict(cache) if cache is not None else "the local cache is not open",
    }
    text = "mkdesk diagnostics (secrets are masked as {mask})\n\n".format(mask=MASK)
    text += json.dumps(body, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n"
    return Report(_mask(text, secrets), _mask(log_text, secrets))


def write_report(path: Path, report: Report) -> Path:
    """Write the report atomically: a `.zip` (report + log tail as two files) or one text file (any other name)."""
    path = Path(path)
    target_dir = path.parent if str(path.parent) else Path(".")
    if not target_dir.is_dir():
        raise DiagnosticsError(f"cannot write {path}: the folder {target_dir} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".diagnostics-", suffix=".tmp", dir=target_dir)
    except OSError as exc:
        raise DiagnosticsError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if path.suffix.lower() == ".zip":
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr(REPORT_NAME, report.text)
                    archive.writestr(LOG_NAME, report.log_tail + "\n")
            else:
                text = report.text + "\n--- tail of the app log ---\n" + report.log_tail + "\n"
                handle.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DiagnosticsError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


async def export_diagnostics(path: Path, data_dir: Path | None, db: Any = None, *,
                             settings: Mapping[str, Any] | None = None, secrets: Iterable[Secret | str] = (),
                             log_lines: int = 400) -> Path:
    """Collect (cache on a reader thread, files on a worker thread), redact and write; returns the path written."""
    cache = await db.read(cache_facts) if db is not None else None
    log_path = data_dir / LOG_FILE if data_dir is not None else None

    def collect_and_write() -> Path:
        log_text = tail(log_path, log_lines) if log_path is not None else ""
        report = build_report(environment_facts(data_dir), cache, log_text, settings=settings, secrets=secrets)
        return write_report(path, report)

    return await asyncio.to_thread(collect_and_write)
