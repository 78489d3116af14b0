"""Entry layer: the mail figures of `mkdesk bench` — mailbox import rate vs plain sqlite3 inserts of the same bytes.

One generated mbox (deterministic per seed: plain, HTML-with-text and attachment messages, Slovenian text) is
imported through `import_paths` into a fresh cache (parse + sanitize + rows + raw + FTS, batched transactions on the
writer thread) and then again (every message a duplicate); the baseline inserts the same raw messages with plain
`sqlite3.executemany` (sha256 + bytes, one transaction) in the same run. Figures: `mail_import_msgs_per_s`,
`mail_reimport_msgs_per_s`, `mail_raw_sqlite_msgs_per_s`, `mail_import_vs_raw` (import rate / raw rate) and
`mail_parse_msgs_per_s` (parsing alone, to show where the time goes).
"""

from __future__ import annotations

import base64
import hashlib
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

MESSAGES = {"tiny": 500, "small": 2_000, "medium": 5_000, "large": 20_000}
_WORDS = ("ponudba", "naročilo", "račun", "dobava", "zaloga", "kabel", "črpalka", "ventil", "cena", "popust",
          "količina", "skladišče", "plačilo", "rok", "hvala", "lep", "pozdrav", "prosim", "potrditev", "kos")


def _text(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        line.append(rng.choice(_WORDS))
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def message(rng: random.Random, n: int) -> bytes:
    """One synthetic message (CRLF-free, as in an mbox); every third has HTML, every tenth a small attachment."""
    body = _text(rng, rng.randint(40, 400))
    head = (f"From: Kupec {n} <kupec{n % 500}@firma{n % 97}.si>\nTo: prodaja@mkdesk.test\n"
            f"Subject: =?utf-8?q?Naro=C4=8Dilo_{n}?=\nDate: Tue, 24 Nov 2026 {n % 24:02d}:{n % 60:02d}:00 +0100\n"
            f"Message-ID: <bench{n}@firma.si>\nMIME-Version: 1.0\n")
    if n % 3 == 0:
        html = "".join(f"<p>{line}</p>" for line in body.split("\n"))
        return (head + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
                "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n--b\nContent-Type: text/html; "
                'charset=utf-8\n\n<html><body><img src="https://t.example/p.gif">' + html + "</body></html>\n"
                "--b--\n").encode()
    if n % 10 == 1:
        blob = base64.encodebytes(rng.randbytes(3000)).decode()
        return (head + 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain; '
                "charset=utf-8\n\n" + body + '\n--m\nContent-Type: application/pdf; name="ponudba.pdf"\n'
                "Content-Transfer-Encoding: base64\n\n" + blob + "--m--\n").encode()
    return (head + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n").encode()


def write_mbox(path: Path, count: int, seed: int) -> int:
    """Write `count` messages to an mbox file; returns its size in bytes."""
    rng = random.Random(seed)
    with path.open("wb") as fh:
        for n in range(count):
            fh.write(b"From bench@mkdesk Tue Nov 24 10:00:00 2026\n" + message(rng, n) + b"\n")
    return path.stat().st_size


def raw_sqlite_msgs_per_s(path: Path, raws: list[bytes]) -> float:
    """Plain sqlite3: insert (sha256, raw) rows with executemany in one transaction (WAL, like the cache)."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("CREATE TABLE raw_messages (id INTEGER PRIMARY KEY, sha TEXT UNIQUE, raw BLOB NOT NULL)")
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO raw_messages (sha, raw) VALUES (?, ?)",
                         ((hashlib.sha256(raw).hexdigest(), raw) for raw in raws))
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
    return len(raws) / seconds if seconds else 0.0


def measure(scale: str, seed: int, workdir: Path | None = None, count: int | None = None) -> dict[str, Any]:
    """The mail import figures for one bench run (a temporary directory unless `workdir`)."""
    from mkdesk.core.cache.db import Database
    from mkdesk.core.mail.importer import import_paths
    from mkdesk.core.mail.parse import parse_message

    count = count or MESSAGES.get(scale, MESSAGES["medium"])
    with tempfile.TemporaryDirectory(prefix="mkdesk-bench-mail-", dir=workdir) as tmp:
        base = Path(tmp)
        box = base / "bench.mbox"
        size = write_mbox(box, count, seed)
        db = Database.open(base / "mail.sqlite3")
        try:
            started = time.perf_counter()
            first = import_paths(db, [box])
            import_s = time.perf_counter() - started
            started = time.perf_counter()
            again = import_paths(db, [box])
            reimport_s = time.perf_counter() - started
        finally:
            db.close()
        rng = random.Random(seed)
        raws = [message(rng, n) for n in range(count)]
        raw_rate = raw_sqlite_msgs_per_s(base / "raw.sqlite3", raws)
        sample = raws[: min(count, 2000)]
        started = time.perf_counter()
        for raw in sample:
            parse_message(raw)
        parse_s = time.perf_counter() - started
    import_rate = first.imported / import_s if import_s else 0.0
    return {
        "mail_messages": count,
        "mail_mbox_bytes": size,
        "mail_imported": first.imported,
        "mail_import_errors": len(first.errors) + len(again.errors),
        "mail_import_msgs_per_s": round(import_rate, 1),
        "mail_reimport_duplicates": again.duplicates,
        "mail_reimport_msgs_per_s": round(again.duplicates / reimport_s, 1) if reimport_s else None,
        "mail_raw_sqlite_msgs_per_s": round(raw_rate, 1),
        "mail_import_vs_raw": round(import_rate / raw_rate, 4) if raw_rate else None,
        "mail_parse_msgs_per_s": round(len(sample) / parse_s, 1) if parse_s else None,
    }
