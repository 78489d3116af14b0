"""Entry layer: the GUI figures of `mkdesk bench` — cold start, table open, search-as-you-type, memory, GUI stalls.

Each figure is taken in a fresh child process (`mkdesk.bench.gui_probe`) running the real app on the GUI thread,
repeated `runs` times; the figures reported are the medians of the runs (2-core machines are noisy):
- `browse` on a profile holding the synced cache: `cold_start_s` (process start → first paint of a table with rows)
  against `bare_qt_start_s` (Python + PySide6 alone to a painted table), `table_open_ms` (a documents tab over every
  document: built, read, painted) against the SQL of its first page, `search_p95_ms` (keystroke → rows in the
  model, the debounce excluded and reported as `search_debounce_ms`), `rss_mb` after every tab was opened and
  scrolled;
- `heartbeat` during a full sync into an empty cache through the profile's Sync now, the emulator in its own
  process (as `sync_figures`), and `demo` during `mkdesk demo` itself (its emulator and first sync).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any

from mkdesk.bench.harness import EmulatorProcess

#: targets of product.md (large cache)
TARGETS = {"search_p95_ms": 30, "heartbeat_max_ms": 50, "demo_heartbeat_max_ms": 50, "cold_start_s": 1.5,
           "rss_mb": 300, "table_open_ms": 200}
#: queries typed per tab (chosen from the cache, so every scale has real hits)
QUERIES_PER_TAB = 3
CHILD_TIMEOUT_S = 3600


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _spread(rows: list[tuple[Any, ...]], count: int) -> list[Any]:
    """`count` rows spread evenly over `rows` (deterministic), first column, empty values skipped."""
    values = [r[0] for r in rows if r[0]]
    if not values:
        return []
    step = max(1, len(values) // count)
    return values[step // 2::step][:count]


def choose_queries(cache: Path, per_tab: int = QUERIES_PER_TAB) -> dict[str, list[str]]:
    """What a rep would type: a partner's name, a surname without accents, a city; a document number, a partner
    on a document, a buyer order; a product name word and a product code."""
    uri = f"file:{cache}?mode=ro"
    with sqlite3.connect(uri, uri=True) as con:
        names = _spread(con.execute("SELECT name FROM partners ORDER BY id").fetchall(), per_tab)
        con_people = con.execute("SELECT name FROM partners WHERE name NOT LIKE '%.%' ORDER BY id").fetchall()
        cities = _spread(con.execute("SELECT DISTINCT city FROM partners ORDER BY city").fetchall(), 1)
        numbers = _spread(con.execute("SELECT count_code FROM documents ORDER BY id").fetchall(), per_tab)
        buyer = _spread(con.execute("SELECT buyer_order FROM documents WHERE buyer_order IS NOT NULL "
                                    "ORDER BY id LIMIT 5000").fetchall(), 1)
        doc_partners = _spread(con.execute("SELECT partner_name FROM documents ORDER BY id DESC LIMIT 5000")
                               .fetchall(), 1)
        products = _spread(con.execute("SELECT name FROM products ORDER BY id").fetchall(), per_tab)
        codes = _spread(con.execute("SELECT code FROM products ORDER BY id").fetchall(), 1)
    plain = str.maketrans("čšžćđČŠŽĆĐ", "cszcdCSZCD")
    contacts = [names[0]] if names else []
    people = _spread([r for r in con_people if r[0] and len(r[0].split()[-1]) >= 4], 1)  # a surname, not "KG"
    contacts += [n.split()[-1].translate(plain).lower() for n in people] + cities
    documents = numbers[:1] + [p.split()[0] for p in doc_partners] + buyer
    goods = [p.split()[0] for p in products[:2]] + codes
    return {"contacts": contacts[:per_tab], "documents": documents[:per_tab], "products": goods[:per_tab]}


def _child(args: list[str], env: dict[str, str] | None = None, timeout: float = CHILD_TIMEOUT_S) -> dict[str, Any]:
    command = [sys.executable, "-m", "mkdesk.bench.gui_probe", *args]
    child_env = {**os.environ, **(env or {})}
    if not child_env.get("DISPLAY") and not child_env.get("WAYLAND_DISPLAY"):
        child_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    done = subprocess.run([*command, "--started-at", repr(started)], capture_output=True, text=True,
                          timeout=timeout, env=child_env)
    if done.returncode != 0:
        raise RuntimeError(f"GUI probe {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, Any]], key: str) -> Any:
    values = [run[key] for run in runs if run.get(key) is not None]
    return round(median(values), 3) if values else None


def browse_figures(cache: Path, workdir: Path, runs: int) -> dict[str, Any]:
    """Medians over `runs` fresh app processes on a profile holding `cache` (copied only if it is elsewhere)."""
    profile = workdir / "gui-profile"
    profile.mkdir(parents=True, exist_ok=True)
    target = profile / "cache.sqlite3"
    if not target.exists():
        try:
            os.link(cache, target)
        except OSError:
            shutil.copyfile(cache, target)
    queries_file = profile / "queries.json"
    queries = choose_queries(target)
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    bare = [_child(["bare"]) for _ in range(runs)]
    browse = []
    for _ in range(runs):
        (profile / "window.ini").unlink(missing_ok=True)  # each run opens as a first start does: on Contacts
        browse.append(_child(["browse", "--data-dir", str(profile), "--queries", str(queries_file)]))
    cold = _median(browse, "first_paint_s")
    bare_s = _median(bare, "first_paint_s")
    figures: dict[str, Any] = {
        "gui_runs": runs,
        "cold_start_s": cold,
        "cold_start_runs_s": [run["first_paint_s"] for run in browse],
        "bare_qt_start_s": bare_s,
        "cold_start_vs_bare_qt": round(cold / bare_s, 2) if cold and bare_s else None,
        "table_open_ms": _median(browse, "table_open_ms"),
        "table_rows": browse[-1]["table_rows"],
        "table_first_page_query_ms": _median(browse, "table_first_page_query_ms"),
        "table_open_vs_query": _median(browse, "table_open_vs_query"),
        "search_p95_ms": _median(browse, "search_p95_ms"),
        "search_p50_ms": _median(browse, "search_p50_ms"),
        "search_keystrokes": browse[-1]["search_keystrokes"],
        "search_debounce_ms": _median(browse, "search_debounce_ms"),
        "search_per_tab_p95_ms": {name: round(median(run["search_per_tab"][name]["p95_ms"] for run in browse), 1)
                                  for name in queries},
        "search_queries": queries,
        "rss_mb": _median(browse, "rss_after_use_mb"),
        "rss_rows_loaded": browse[-1]["rows_loaded"],
    }
    return figures


def heartbeat_figures(scale: str, seed: int, today: date, workdir: Path, demo: bool = True,
                      stalls: bool = False) -> dict[str, Any]:
    """GUI-thread lateness during a full sync through the app (emulator in another process) and during the demo;
    with `stalls`, the longest stalls of the sync with the other threads' stacks (`mkdesk.bench.stall_watch`)."""
    emulator = EmulatorProcess.start(scale, seed, today)
    profile = workdir / "gui-heartbeat"
    shutil.rmtree(profile, ignore_errors=True)
    profile.mkdir(parents=True)
    try:
        sync = _child(["heartbeat", "--data-dir", str(profile), "--url", emulator.url,
                       "--company-id", emulator.company_id, *(["--stalls"] if stalls else [])], env={"MKDESK_SECRET_KEY": emulator.secret_key})
    finally:
        emulator.stop()
        shutil.rmtree(profile, ignore_errors=True)
    figures = {
        "heartbeat_sync_s": sync["sync_s"],
        "heartbeat_sync_ok": sync["sync_ok"],
        "heartbeat_max_ms": sync["during_sync"]["max_ms"],
        "heartbeat_p99_ms": sync["during_sync"]["p99_ms"],
        "heartbeat_ticks": sync["during_sync"]["ticks"],
        "heartbeat_over_50ms": sync["during_sync"]["over_50ms"],
        "heartbeat_after_sync_max_ms": sync["after_sync"]["max_ms"],
        **({"heartbeat_stalls": sync["stalls"]} if "stalls" in sync else {}),
    }
    if not demo:
        return figures
    demo_scale = scale if scale in ("tiny", "small") else "medium"  # `mkdesk demo` defaults to medium
    demo_dir = workdir / "gui-demo"
    shutil.rmtree(demo_dir, ignore_errors=True)
    demo_dir.mkdir(parents=True)
    try:
        demo_run = _child(["demo", "--data-dir", str(demo_dir), "--scale", demo_scale, "--seed", str(seed)])
    finally:
        shutil.rmtree(demo_dir, ignore_errors=True)
    return {
        **figures,
        "demo_scale": demo_scale,
        "demo_exit": demo_run["demo_exit"],
        "demo_heartbeat_max_ms": demo_run["during_sync"]["max_ms"],
        "demo_heartbeat_p99_ms": demo_run["during_sync"]["p99_ms"],
        "demo_open_heartbeat_max_ms": demo_run["during_open"]["max_ms"],
        "demo_after_sync_heartbeat_max_ms": demo_run["after_sync"]["max_ms"],
    }


def scroll_figures(scale: str, seed: int, today: date, workdir: Path) -> dict[str, Any]:
    """A rep scrolling the contacts table during the sync after the first one (what auto-sync runs all day): how long
    each page step (scroll + paint) held the GUI thread (its own run: the steps' paints make the heartbeat late)."""
    emulator = EmulatorProcess.start(scale, seed, today)
    profile = workdir / "gui-scroll"
    shutil.rmtree(profile, ignore_errors=True)
    profile.mkdir(parents=True)
    try:
        sync = _child(["heartbeat", "--data-dir", str(profile), "--url", emulator.url,
                       "--company-id", emulator.company_id, "--scroll"], env={"MKDESK_SECRET_KEY": emulator.secret_key})
    finally:
        emulator.stop()
        shutil.rmtree(profile, ignore_errors=True)
    return {"resync_s": sync["resync_s"], "resync_ok": sync["resync_ok"],
            "scroll_during_sync_steps": sync["scroll"]["steps"], "scroll_during_sync_p95_ms": sync["scroll"]["p95_ms"],
            "scroll_during_sync_max_ms": sync["scroll"]["max_ms"]}


def measure(scale: str, seed: int, today: date, workdir: Path, cache: Path, runs: int) -> dict[str, Any]:
    figures = browse_figures(cache, workdir, runs)
    figures.update(heartbeat_figures(scale, seed, today, workdir))
    figures["gui_targets"] = {key: {"target": target, "met": figures.get(key) is not None and figures[key] <= target}
                              for key, target in TARGETS.items()}
    return figures


def main(argv: list[str] | None = None) -> int:
    """`python -m mkdesk.bench.gui_figures --scale medium --data-dir DIR [--no-demo]`: the heartbeat figures alone
    (no cache needed: the sync fills a fresh profile), one JSON object on stdout."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m mkdesk.bench.gui_figures")
    parser.add_argument("--scale", choices=("tiny", "small", "medium", "large"), default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--data-dir", type=Path, required=True, help="a work directory for the profiles")
    parser.add_argument("--no-demo", action="store_true", help="only the full sync, not `mkdesk demo`")
    parser.add_argument("--stalls", action="store_true",
                        help="also the longest stalls of the sync, with what every thread was doing meanwhile")
    parser.add_argument("--scroll", action="store_true",
                        help="instead: scroll the contacts table during a second sync (scroll_figures)")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    if args.scroll:
        print(json.dumps(scroll_figures(args.scale, args.seed, args.today, args.data_dir)))
        return 0
    figures = heartbeat_figures(args.scale, args.seed, args.today, args.data_dir, demo=not args.no_demo,
                                stalls=args.stalls)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
