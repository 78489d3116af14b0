"""Core layer: where a profile's files live (data directory resolution; no I/O beyond creating it; any thread)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "mkdesk"
CACHE_FILE = "cache.sqlite3"


def default_data_dir() -> Path:
    """The user's profile directory for the real app (per-OS location from platformdirs)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(given: Path | None, *, demo: bool = False) -> Path:
    """The directory to use: the one given, a fresh temporary one for a demo, or the user's profile."""
    if given is not None:
        path = given.expanduser()
    elif demo:
        path = Path(tempfile.mkdtemp(prefix="mkdesk-demo-"))
    else:
        path = default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_path(data_dir: Path) -> Path:
    """The SQLite cache of a profile."""
    return data_dir / CACHE_FILE
