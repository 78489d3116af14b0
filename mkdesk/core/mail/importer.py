"""Core layer: import `.eml` files, `.mbox` files and Maildir folders into the cache (blocking; call it off the GUI
thread, e.g. `await asyncio.to_thread(import_paths, db, paths)`; the rows are written on the cache's writer thread).

Messages are streamed: an mbox is read line by line and stored in batches of `batch_size`, so a mailbox of any size
needs memory for one batch only. Everything lands in the account `Imported` (kind `import`), one folder per source
(the mbox file, the Maildir folder or Maildir++ subfolder, the directory of `.eml` files), named by its absolute path
so a re-import finds it again: re-importing counts duplicates and adds nothing. A file that cannot be read is reported
in `errors` and the rest still imported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from mkdesk.core.cache.db import Database
from mkdesk.core.changes import ChangeSet
from mkdesk.core.mail import store as S

ACCOUNT = "Imported"
BATCH_SIZE = 200
MAX_MESSAGE_BYTES = 100 * 1024 * 1024
MAIL_SUFFIXES = {".eml": "eml", ".mbox": "mbox", ".mbx": "mbox"}
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_STATUS_READ = re.compile(rb"^(?:X-)?Status:[ \t]*[A-Z]*R", re.M | re.I)
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
#: a From_ line in its standard shape ("From sender Tue Nov 24 10:00:00 2026"): a separator even without a blank
#: line before it (some exporters write none); any other "From " line separates only after a blank line
_FROM_LINE = re.compile(rb"^From \S*\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
                        rb"Dec) [ \d]\d \d\d:\d\d(:\d\d)?.*\d{4}\s*$")

Progress = Callable[[int, int, str], None]  # (imported so far, duplicates so far, current source)


@dataclass(frozen=True, slots=True)
class SourceCount:
    """What one source (an mbox, a Maildir folder, a directory of .eml files) gave: its folder name and counts."""

    folder: str
    imported: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Counts over all sources, per-file errors as (path, message), what changed in the cache, counts per source."""

    imported: int
    duplicates: int
    errors: tuple[tuple[str, str], ...]
    changes: ChangeSet = field(default_factory=ChangeSet)
    cancelled: bool = False
    sources: tuple[SourceCount, ...] = ()

    def as_dict(self) -> dict:
        return {"imported": self.imported, "duplicates": self.duplicates,
                "errors": [{"path": p, "error": e} for p, e in self.errors],
                "sources": [{"folder": c.folder, "imported": c.imported, "duplicates": c.duplicates}
                            for c in self.sources]}


@dataclass(frozen=True, slots=True)
class _Source:
    kind: str  # eml | mbox | maildir
    folder: str
    paths: tuple[Path, ...]


class _Errors(list):
    def add(self, path: Path | str, message: str) -> None:
        self.append((str(path), message))


# ----- finding sources ---------------------------------------------------------------------------------------------
def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _sniff(path: Path) -> str | None:
    """'mbox', 'eml' or None from the first bytes of a file without a known suffix."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if head.startswith(b"From "):
        return "mbox"
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    return "eml" if _HEADER_LINE.match(first) else None


def _sources(paths: Iterable[str | os.PathLike], errors: _Errors) -> list[_Source]:
    sources: list[_Source] = []
    emls: dict[str, list[Path]] = {}
    for given in paths:
        path = Path(given).expanduser()
        try:
            path = path.resolve()
            if not path.exists():
                errors.add(given, "no such file or folder")
            elif path.is_dir():
                found = _scan_dir(path, sources, emls, errors)
                if not found:
                    errors.add(path, "no .eml, .mbox or Maildir found in this folder")
            else:
                kind = MAIL_SUFFIXES.get(path.suffix.lower()) or _sniff(path)
                if kind == "mbox":
                    sources.append(_Source("mbox", str(path), (path,)))
                elif kind == "eml":
                    emls.setdefault(str(path.parent), []).append(path)
                else:
                    errors.add(path, "not a mail file (expected .eml, .mbox or a Maildir folder)")
        except OSError as exc:
            errors.add(given, _os_message(exc))
    for folder, files in emls.items():
        sources.append(_Source("eml", folder, tuple(sorted(set(files)))))
    return sources


def _scan_dir(path: Path, sources: list[_Source], emls: dict[str, list[Path]], errors: _Errors,
              seen: set[Path] | None = None) -> int:
    """Add the mail sources inside a directory (recursively; each real directory once, so symlink loops end);
    returns how many were found. An unreadable entry is an error of its own; the rest is still scanned."""
    seen = set() if seen is None else seen
    real = path.resolve()
    if real in seen:
        return 0
    seen.add(real)
    if _is_maildir(path):
        sources.append(_Source("maildir", str(path), (path,)))
        count = 1
        for sub in sorted(path.iterdir()):
            if sub.name.startswith(".") and sub.is_dir() and _is_maildir(sub):  # Maildir++ subfolder
                sources.append(_Source("maildir", f"{path}/{sub.name[1:]}", (sub,)))
                count += 1
        return count
    count = 0
    for sub in sorted(path.iterdir()):
        try:
            kind = MAIL_SUFFIXES.get(sub.suffix.lower())
            if sub.is_dir():
                count += _scan_dir(sub, sources, emls, errors, seen)
            elif kind == "mbox":
                sources.append(_Source("mbox", str(sub), (sub,)))
                count += 1
            elif kind == "eml":
                emls.setdefault(str(path), []).append(sub)
                count += 1
            elif not sub.suffix and sub.is_file() and _sniff(sub) == "mbox":  # Thunderbird keeps "Inbox", no suffix
                sources.append(_Source("mbox", str(sub), (sub,)))
                count += 1
        except OSError as exc:
            errors.add(sub, _os_message(exc))
    return count


def _os_message(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


# ----- reading messages --------------------------------------------------------------------------------------------
def _read_file(path: Path, errors: _Errors) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            errors.add(path, f"message larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB skipped")
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.add(path, _os_message(exc))
        return None
    if not data.strip():
        errors.add(path, "empty file")
        return None
    return data


def _eml_messages(source: _Source, errors: _Errors) -> Iterator[S.NewMessage]:
    for path in source.paths:
        data = _read_file(path, errors)
        if data is not None:
            yield S.NewMessage(data, source=str(path))


def _maildir_messages(source: _Source, errors: _Errors) -> Iterator[S.NewMessage]:
    root = source.paths[0]
    for sub in ("cur", "new"):
        try:
            names = sorted(os.listdir(root / sub))
        except OSError as exc:
            errors.add(root / sub, _os_message(exc))
            continue
        for name in names:
            if name.startswith("."):
                continue
            path = root / sub / name
            flags = name.rsplit(":2,", 1)[1] if ":2," in name else ""
            data = _read_file(path, errors)
            if data is not None:
                yield S.NewMessage(data, seen=sub == "cur" and "S" in flags, source=str(path))


def _mbox_messages(source: _Source, errors: _Errors) -> Iterator[S.NewMessage]:
    """Stream an mbox: a message starts at a `From ` line at the top of the file, after a blank line, or anywhere in
    the standard `From sender asctime` shape (so a body line that begins with "From " does not split a message);
    `>From ` escapes are undone; text before the first separator is reported unless it looks like a message."""
    path = source.paths[0]
    try:
        fh = path.open("rb")
    except OSError as exc:
        errors.add(path, _os_message(exc))
        return
    with fh:
        lines: list[bytes] = []
        size = 0
        number = 0
        previous_blank = True
        too_big = False

        def finish(preamble: bool) -> S.NewMessage | None:
            nonlocal number
            number += 1
            data = b"".join(lines)
            if too_big:
                errors.add(f"{path}#{number}", f"message larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB skipped")
                return None
            if not data.strip():
                return None
            head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
            if preamble and not _HEADER_LINE.match(data.lstrip()):
                errors.add(f"{path}#1", "text before the first 'From ' line is not a message; skipped")
                return None
            return S.NewMessage(data, seen=bool(_STATUS_READ.search(head)), source=f"{path}#{number}")

        started = False
        try:
            for line in fh:
                if line.startswith(b"From ") and (previous_blank or _FROM_LINE.match(line)):
                    if started or lines:
                        item = finish(not started)
                        if item is not None:
                            yield item
                    started = True
                    lines, size, too_big = [], 0, False
                    previous_blank = False
                    continue
                previous_blank = line in (b"\n", b"\r\n")
                if too_big:
                    continue
                size += len(line)
                if size > MAX_MESSAGE_BYTES:
                    too_big, lines = True, []
                    continue
                lines.append(_ESCAPED_FROM.sub(rb"\1", line) if line.startswith(b">") else line)
        except OSError as exc:
            errors.add(path, _os_message(exc))
            return
        if lines or too_big:
            item = finish(not started)
            if item is not None:
                yield item
        if number == 0:
            errors.add(path, "empty file")


def _strip_separator(items: Iterator[S.NewMessage]) -> Iterator[S.NewMessage]:
    """Drop the blank separator line an mbox keeps before each `From ` line from the message bytes."""
    for item in items:
        raw = item.raw
        if raw.endswith(b"\r\n\r\n"):
            raw = raw[:-2]
        elif raw.endswith(b"\n\n"):
            raw = raw[:-1]
        yield S.NewMessage(raw, uid=item.uid, seen=item.seen, source=item.source) if raw is not item.raw else item


READERS = {"eml": _eml_messages, "maildir": _maildir_messages,
           "mbox": lambda source, errors: _strip_separator(_mbox_messages(source, errors))}


# ----- storing -----------------------------------------------------------------------------------------------------
def _batches(items: Iterator[S.NewMessage], size: int) -> Iterator[list[S.NewMessage]]:
    batch: list[S.NewMessage] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _store_batch(conn: Connection, account: str, folder: str, batch: list[S.NewMessage]) -> S.StoreResult:
    folder_id = S.ensure_folder(conn, S.ensure_account(conn, account, "import"), folder)
    return S.add_messages(conn, folder_id, batch)


def import_paths(target: Database | Connection, paths: Iterable[str | os.PathLike], *, account: str = ACCOUNT,
                 batch_size: int = BATCH_SIZE, progress: Progress | None = None,
                 cancel: Callable[[], bool] | None = None) -> ImportReport:
    """Import every message found under `paths`. `target` is an open `Database` (each batch is one transaction on
    its writer thread) or a `Connection` already on the writer thread (everything in the caller's transaction).
    `cancel()` is asked between batches: once true, the import stops and reports what was stored (`cancelled`)."""
    errors = _Errors()
    imported = duplicates = 0
    changes = ChangeSet()
    counts: dict[str, list[int]] = {}

    def report(cancelled: bool = False) -> ImportReport:
        per_source = tuple(SourceCount(folder, added, dups) for folder, (added, dups) in counts.items())
        return ImportReport(imported, duplicates, tuple(errors), changes, cancelled, per_source)

    for source in _sources(paths, errors):
        tally = counts.setdefault(source.folder, [0, 0])
        for batch in _batches(READERS[source.kind](source, errors), batch_size):
            if cancel is not None and cancel():
                return report(cancelled=True)
            if isinstance(target, Database):
                result = target.write_sync(_store_batch, account, source.folder, batch)
            else:
                result = _store_batch(target, account, source.folder, batch)
            imported += len(result.added_ids)
            duplicates += result.duplicates
            tally[0] += len(result.added_ids)
            tally[1] += result.duplicates
            changes = changes | result.changes
            if progress is not None:
                progress(imported, duplicates, source.folder)
    return report()
