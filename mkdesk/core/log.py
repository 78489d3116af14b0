"""Core layer: application logging with rotation and secret redaction (safe to call from any thread).

Every record passes through `RedactingFilter`, which blanks out (a) any secret value registered with
`redact_value` (the keychain layer and the client register what they hold) and (b) anything that looks like a
credential field (`"secret_key": "…"`, `password=…`, `Authorization: Bearer …`) even if nobody registered it.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path

MASK = "********"
LOG_FILE = "mkdesk.log"

_PATTERNS = (
    re.compile(r'("?(?:secret_key|password|passwd|api_key|apikey|token)"?\s*[:=]\s*"?)([^"\s,}&]+)', re.IGNORECASE),
    re.compile(r"(Authorization:\s*(?:Bearer|Basic)\s+)(\S+)", re.IGNORECASE),
    # An IMAP LOGIN/AUTHENTICATE command line (aioimaplib's DEBUG "Sending : b'…'"): everything after the user name
    # or the mechanism, whatever quoting or bytes escaping did to the password.
    re.compile(r'(\bLOGIN\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s+)(.+?)(?=\\r\\n|[\r\n]|$)'),
    re.compile(r"(\bAUTHENTICATE\s+[\w-]+\s+)(.+?)(?=\\r\\n|[\r\n]|$)"),
)
_registered: set[str] = set()
_lock = threading.Lock()


def redact_value(value: str) -> None:
    """Register a secret so that it is masked wherever it would appear in a log line."""
    if value and len(value) >= 4:
        with _lock:
            _registered.add(value)


def redact(text: str) -> str:
    """Return `text` with registered secrets and credential-looking fields masked."""
    with _lock:
        values = sorted(_registered, key=len, reverse=True)
    for value in values:
        if value in text:
            text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks secrets in the fully formatted message (and exception text) of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(formatted)
            record.exc_info = None
        return True


#: libraries that log every request at INFO; the app's own log lines say what a sync did
CHATTY = ("httpx", "httpcore")


def setup_logging(data_dir: Path | None, level: int = logging.INFO, *, console: bool = False) -> Path | None:
    """Configure the root logger: a rotating file in `data_dir` (1 MB × 5) and optionally stderr; both redacted."""
    root = logging.getLogger()
    root.setLevel(level)
    for chatty in CHATTY:  # one line per HTTP request (3 000 a large sync) unless debugging
        logging.getLogger(chatty).setLevel(level if level <= logging.DEBUG else max(level, logging.WARNING))
    for handler in list(root.handlers):
        if getattr(handler, "_mkdesk", False):
            root.removeHandler(handler)
            handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    path: Path | None = None
    handlers: list[logging.Handler] = []
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / LOG_FILE
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"))
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactingFilter())
        handler._mkdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return path


def tail(path: Path, max_lines: int = 200) -> str:
    """The last lines of a log file, redacted again (for error dialogs and diagnostics)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[-max_lines:]
    except OSError:
        return ""
    return redact("\n".join(lines))
