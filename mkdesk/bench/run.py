"""Entry layer: `mkdesk bench` command — runs the figures and prints them (a table, or JSON with --json)."""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
from datetime import date
from pathlib import Path
from typing import Any

from mkdesk import __version__

#: the reference date of the bench data: fixed, so runs on different days measure the same company
BENCH_TODAY = date(2026, 11, 24)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def run_bench(args: argparse.Namespace) -> int:
    import tempfile

    from mkdesk.bench import sync_figures

    workdir: Path = args.data_dir or Path(tempfile.mkdtemp(prefix="mkdesk-bench-"))
    gui_only = getattr(args, "gui_only", False)
    if gui_only and not (workdir / sync_figures.CACHE_FILE).exists():
        print(f"mkdesk bench --gui-only: no cache in {workdir}; run `mkdesk bench --data-dir {workdir}` first "
              "(it syncs one)", file=sys.stderr)
        return 2
    figures: dict[str, Any] = {
        "mkdesk": __version__,
        "python": platform.python_version(),
        "scale": args.scale,
        "seed": args.seed,
    }
    if not gui_only:
        figures.update(sync_figures.measure(args.scale, args.seed, BENCH_TODAY, workdir))
        from mkdesk.bench import mail_import_figures

        figures.update(mail_import_figures.measure(args.scale, args.seed, workdir))
        from mkdesk.bench import context_figures  # email → context on the synced cache

        figures.update(context_figures.measure(workdir / sync_figures.CACHE_FILE, BENCH_TODAY, args.seed))
        figures["peak_rss_mb"] = peak_rss_mb()
    if gui_only or getattr(args, "gui", False):
        from mkdesk.bench import gui_figures  # each figure in fresh app processes (`gui_probe`)

        figures.update(gui_figures.measure(args.scale, args.seed, BENCH_TODAY, workdir,
                                           workdir / sync_figures.CACHE_FILE, getattr(args, "gui_runs", 3)))
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        width = max(len(key) for key in figures)
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
    failed = figures.get("full_sync_failed")
    return 1 if failed else 0
