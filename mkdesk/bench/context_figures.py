"""Entry layer: the email → context figure of `mkdesk bench` — `build_context` timed on a synced cache.

Messages are written from the cache itself (deterministic per seed): a contact asking about their order and a
product named in Slovenian inflection, a colleague at the same company domain about an invoice, a free-mail stranger
quoting a document number, a reply quoting another customer, an English request with product codes, a newsletter.
Each is parsed once (not timed); the figure is the time of one `db.read(build_context, …)` round trip from the event
loop, as the context pane asks for it (a reader thread; the catalogue index warm; no automatic garbage collection
during the loop, as in the app, whose collections run on the GUI thread). Figures: `context_p50_ms`,
`context_p95_ms` (target ≤ 50 ms on the large cache), `context_max_ms`, `context_cold_ms` (the first message after
opening: builds the product-name index), `context_messages`, `context_matched_share`.
`python -m mkdesk.bench.context_figures CACHE [--count N] [--seed N]` prints them for any cache (a copy is best: the
cache is migrated if needed, never written otherwise).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

KINDS = ("contact", "domain", "freemail", "reply", "english", "newsletter")


def _genitive(name: str) -> str:
    """A rough Slovenian genitive of a product's type words ("Pralni stroj" → "pralnega stroja")."""
    out = []
    for word in name.split()[:2]:
        w = word.lower()
        if w.endswith(("ni", "ki", "ti", "ri", "li")):
            out.append(w[:-1] + "ega")
        elif w.endswith("a"):
            out.append(w[:-1] + "e")
        elif w[-1:].isalpha() and w[-1] not in "aeiou":
            out.append(w + "a")
        else:
            out.append(w)
    return " ".join(out)


def _raw(sender: tuple[str, str], subject: str, body: str, n: int) -> bytes:
    from email.header import Header
    from email.utils import formataddr

    return (f"From: {formataddr(sender, charset='utf-8')}\nTo: prodaja@mkdesk.test\n"
            f"Subject: {Header(subject, 'utf-8').encode()}\n"
            f"Date: Tue, 24 Nov 2026 09:{n % 60:02d}:00 +0100\nMessage-ID: <ctx{n}@bench.test>\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n").encode()


def sample(conn: Any, count: int, seed: int) -> list[bytes]:
    """`count` raw messages about records of this cache (reader thread)."""
    from mkdesk.core.cache.query import rows

    rng = random.Random(seed)
    contacts = rows(conn, "SELECT c.email, c.name, p.mk_id FROM contacts c JOIN partners p ON p.id = c.partner_id "
                          "WHERE c.email IS NOT NULL AND c.partner_id IN (SELECT id FROM partners ORDER BY "
                          "(id * 2654435761 + ?) % 1000003 LIMIT ?)", (seed, count * 2))
    products = rows(conn, "SELECT code, name FROM products WHERE name IS NOT NULL ORDER BY "
                          "(id * 2654435761 + ?) % 1000003 LIMIT ?", (seed, count))
    documents = rows(conn, "SELECT count_code, partner_mk_id FROM documents WHERE count_code IS NOT NULL "
                           "AND id IN (SELECT id FROM documents ORDER BY (id * 2654435761 + ?) % 1000003 LIMIT ?)",
                     (seed, count))
    if not contacts or not products or not documents:
        return []
    out = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        c, p, d = rng.choice(contacts), rng.choice(products), rng.choice(documents)
        other = rng.choice(documents)
        qty = rng.randint(1, 12)
        if kind == "contact":
            raw = _raw((c["name"] or "Kupec", c["email"]), f"Naročilo {d['count_code']}",
                       f"Pozdravljeni,\n\nkdaj bo dobavljeno naročilo {d['count_code']}? Potrebujemo še {qty} kos "
                       f"{_genitive(p['name'])} {' '.join(p['name'].split()[2:4])}.\n\nLep pozdrav", n)
        elif kind == "domain":
            domain = c["email"].split("@")[1]
            raw = _raw(("Računovodstvo", f"racunovodstvo.{n}@{domain}"), f"Račun {d['count_code']}",
                       f"Pozdravljeni, račun {d['count_code']} smo plačali. Prosim potrdite.", n)
        elif kind == "freemail":
            raw = _raw(("Neznanec", f"neznanec{n}@gmail.com"), f"RE: {d['count_code']}",
                       f"Ali je {p['name']} na zalogi? Rabim {qty}x {p['code']}.", n)
        elif kind == "reply":
            raw = _raw(("", c["email"]), "Re: dostava",
                       f"Za nas je v redu.\n\nOn Mon, 23 Nov 2026 at 10:00, Drugi <drugi@firma.si> wrote:\n"
                       f"> naročilo {other['count_code']} in {p['code']} {qty} kos\n> lp", n)
        elif kind == "english":
            raw = _raw(("Buyer", c["email"]), "Request for quotation",
                       f"Hello,\n\nplease quote {qty} pcs of {p['code']} and 2x {rng.choice(products)['code']}.\n"
                       f"Our reference {d['count_code']}.\n\nBest regards", n)
        else:
            raw = _raw(("Novice", "novice@trgovina-novice.si"), "Akcija: do -30 % na bele tehnike",
                       "Pralni stroji, hladilniki in sesalniki vseh znamk v akciji. Koda AKCIJA-2026-30.\n"
                       "Preberite več na naši spletni strani.", n)
        out.append(raw)
    return out


def measure(cache: Path, today: date, seed: int = 1, count: int = 300) -> dict[str, Any]:
    """Time email → context on the cache file at `cache` (see the module)."""
    from mkdesk.core.cache import Database
    from mkdesk.core.context import build_context
    from mkdesk.core.mail.parse import parse_message

    async def run() -> dict[str, Any]:
        db = await asyncio.to_thread(Database.open, cache)
        try:
            raws = await db.read(sample, count, seed)
            messages = [parse_message(raw) for raw in raws]
            if not messages:
                return {"context_messages": 0}
            start = time.perf_counter()
            await db.read(lambda conn: build_context(conn, messages[0], today=today))
            cold = (time.perf_counter() - start) * 1000
            times, matched = [], 0
            was_enabled = gc.isenabled()
            gc.collect()
            gc.disable()  # as in the app, where garbage is collected on the GUI thread only (`qt/gc_guard.py`)
            try:
                for message in messages:
                    start = time.perf_counter()
                    context = await db.read(lambda conn, m=message: build_context(conn, m, today=today))
                    times.append((time.perf_counter() - start) * 1000)
                    matched += context.partner is not None
            finally:
                if was_enabled:
                    gc.enable()
            times.sort()
            return {
                "context_messages": len(times),
                "context_p50_ms": round(statistics.median(times), 2),
                "context_p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
                "context_max_ms": round(times[-1], 2),
                "context_cold_ms": round(cold, 1),
                "context_matched_share": round(matched / len(times), 2),
            }
        finally:
            db.close()

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdesk.bench.context_figures",
                                     description="email → context timings on a cache file (use a copy)")
    parser.add_argument("cache", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 24))
    args = parser.parse_args(argv)
    if not args.cache.is_file():
        parser.error(f"{args.cache} is not a cache file")
    print(json.dumps(measure(args.cache, args.today, args.seed, args.count), indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
