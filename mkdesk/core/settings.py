"""Core layer: the profile's settings — a frozen dataclass persisted as JSON in the data dir (any thread; no Qt).

`load_settings(data_dir)` never raises on a bad file: unknown keys are ignored, invalid values fall back to their
defaults, and an unreadable or corrupt file is kept as `settings.json.bak` while the defaults are used (with a
logged warning). `save_settings` writes atomically (a temporary file in the same directory, then `os.replace`).
Settings never hold secrets: the secret key lives only in the keychain (`core.secrets`).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
PRODUCTION_URL = "https://main.metakocka.si"
TEST_URL = "https://devmainsi.metakocka.si"
ENDPOINTS = MappingProxyType({"production": PRODUCTION_URL, "test": TEST_URL})
ENDPOINT_CHOICES = ("production", "test", "custom")
LANGUAGES = ("system", "en", "sl")
#: minutes between automatic syncs, per entity
DEFAULT_INTERVALS = MappingProxyType(
    {
        "stock": 10,
        "orders": 15,
        "invoices": 15,
        "offers": 15,
        "products": 30,
        "warehouses": 30,
        "partners": 60,
    }
)
MIN_INTERVAL, MAX_INTERVAL = 1, 24 * 60


class SettingsError(ValueError):
    """A setting value is not valid (the message says which and why)."""


def validate_url(url: str) -> str:
    """Return the URL without a trailing slash if it is an http(s) URL with a host; raise `SettingsError` if not."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        raise SettingsError(f"not a valid address: {url!r}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise SettingsError("the API address must start with http:// or https:// and name a host")
    return text.rstrip("/")


@dataclass(frozen=True, slots=True)
class Settings:
    """One profile's settings. Immutable: change with `dataclasses.replace` and save."""

    company_id: str = ""
    endpoint: str = "production"  # one of ENDPOINT_CHOICES
    custom_url: str = ""
    intervals: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_INTERVALS))
    auto_sync: bool = True
    stale_after_minutes: int = 120
    language: str = "system"  # one of LANGUAGES

    def __post_init__(self) -> None:
        if self.endpoint not in ENDPOINT_CHOICES:
            raise SettingsError(f"endpoint must be one of {', '.join(ENDPOINT_CHOICES)}")
        if self.endpoint == "custom":
            object.__setattr__(self, "custom_url", validate_url(self.custom_url))
        if self.language not in LANGUAGES:
            raise SettingsError(f"language must be one of {', '.join(LANGUAGES)}")
        if not isinstance(self.stale_after_minutes, int) or self.stale_after_minutes < 1:
            raise SettingsError("stale-after must be a whole number of minutes, at least 1")
        merged = dict(DEFAULT_INTERVALS)
        for entity, minutes in dict(self.intervals).items():
            if entity not in DEFAULT_INTERVALS:
                continue
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_INTERVAL <= minutes <= MAX_INTERVAL:
                raise SettingsError(f"sync interval of {entity} must be {MIN_INTERVAL}–{MAX_INTERVAL} minutes")
            merged[entity] = minutes
        object.__setattr__(self, "intervals", merged)
        object.__setattr__(self, "company_id", str(self.company_id).strip())

    def __hash__(self) -> int:
        return hash((self.company_id, self.endpoint, self.custom_url, tuple(sorted(self.intervals.items()))))

    @property
    def base_url(self) -> str:
        """The API address to use."""
        return self.custom_url if self.endpoint == "custom" else ENDPOINTS[self.endpoint]

    @property
    def configured(self) -> bool:
        """True once a company id is set (the secret key is looked up in the keychain separately)."""
        return bool(self.company_id)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Build settings from parsed JSON: unknown keys ignored, each invalid value replaced by its default."""
        if not isinstance(data, dict):
            raise SettingsError("settings must be a JSON object")
        known = {f.name for f in fields(cls)}
        result = cls()
        for key, value in data.items():
            if key not in known:
                continue
            try:
                result = replace(result, **{key: value})
            except (SettingsError, TypeError, ValueError) as exc:
                log.warning("settings: ignoring %s (%s)", key, exc)
        return result


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def load_settings(data_dir: Path) -> Settings:
    """Read the profile's settings; defaults when there is no file; a corrupt file is kept as `.bak`."""
    path = settings_path(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("settings: cannot read %s (%s); using defaults", path, exc.strerror or exc)
        return Settings()
    try:
        return Settings.from_json(json.loads(text))
    except (ValueError, SettingsError) as exc:
        backup = path.with_name(path.name + ".bak")
        try:
            os.replace(path, backup)
        except OSError:
            backup = path
        log.warning("settings: %s is not valid (%s); using defaults, the bad file is kept as %s", path, exc, backup)
        return Settings()


def save_settings(data_dir: Path, settings: Settings) -> Path:
    """Write the settings atomically (temporary file + replace); returns the path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = settings_path(data_dir)
    text = json.dumps(settings.to_json(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
