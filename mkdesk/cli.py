"""Entry layer: the `mkdesk` command line (contract in product.md); imports Qt only for the commands that show windows."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mkdesk import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_UNAVAILABLE = 2

TABS = ("contacts", "documents", "products", "mail")
SCALES = ("tiny", "small", "medium", "large")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {text!r}") from None


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("a fault rate is between 0 and 1 (e.g. 0.1 for 10 %)")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="profile directory (cache, settings, logs); default: the user's data directory",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdesk",
        description="The Metakocka ERP beside your email: customers, orders, invoices and stock, online or offline.",
    )
    parser.add_argument("--version", action="version", version=f"mkdesk {__version__}")
    _add_data_dir(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="the whole app on a built-in demo company (no account, no network)")
    _add_data_dir(demo)
    demo.add_argument("--scale", choices=SCALES, default="medium", help="size of the demo company")
    demo.add_argument("--seed", type=int, default=1, help="demo data seed")
    demo.add_argument("--screenshot", type=Path, metavar="PNG", help="render the window, save a PNG and exit")
    demo.add_argument("--tab", choices=TABS, default="contacts", help="tab to show (with --screenshot)")

    emu = sub.add_parser("emulator", help="serve the Metakocka API emulator on loopback")
    _add_data_dir(emu)
    emu.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    emu.add_argument("--port", type=_non_negative, default=0, help="port (0 = pick a free one)")
    emu.add_argument("--scale", choices=SCALES, default="small")
    emu.add_argument("--seed", type=int, default=1)
    emu.add_argument("--today", type=_iso_date, default=None, help="reference date of the data (default: today)")
    emu.add_argument("--faults", type=_rate, default=0.0, metavar="RATE", help="share of requests given a fault")
    emu.add_argument("--fault-seed", type=int, default=None, help="make the fault sequence repeatable")
    emu.add_argument("--latency-ms", type=_non_negative, default=0, help="delay added to every answer")
    emu.add_argument("--search-latency-ms", type=_non_negative, default=0, help="extra delay of each search")
    emu.add_argument("--fault-kinds", default=None, metavar="K1,K2",
                     help="only these fault kinds (e.g. http_503,drop,truncated,slow,quota)")
    emu.add_argument("--switch", action="append", default=[], metavar="NAME=VALUE",
                     help="flip an uncertain behaviour (see docs/emulator.md), e.g. unknown_product_code=2")
    emu.add_argument("--company-id", default="4711")
    emu.add_argument("--secret-key", default=None, help="fixed secret key (default: a random one, printed)")

    sync = sub.add_parser("sync", help="sync the local cache from Metakocka (headless)")
    _add_data_dir(sync)
    from mkdesk.cli_sync import add_arguments as add_sync_arguments

    add_sync_arguments(sync)

    bench = sub.add_parser("bench", help="measure the performance figures of product.md")
    _add_data_dir(bench)
    bench.add_argument("--scale", choices=SCALES, default="medium")
    bench.add_argument("--seed", type=int, default=1)
    bench.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    bench.add_argument("--gui", action="store_true", help="also measure the desktop figures on the synced cache")
    bench.add_argument("--gui-only", action="store_true",
                       help="only the desktop figures, on the cache already in --data-dir")
    bench.add_argument("--gui-runs", type=int, default=3, help="app processes per desktop figure (medians)")

    diag = sub.add_parser("diagnose", help="print environment facts for support (never secrets)")
    _add_data_dir(diag)

    mail = sub.add_parser("mail", help="import mail, sync the IMAP accounts, show the ERP context of a message")
    _add_data_dir(mail)
    mail.add_argument("action", choices=("import", "sync", "context"))
    mail.add_argument("paths", nargs="*")
    mail.add_argument("--json", action="store_true")
    mail.add_argument("--account", default=None, metavar="NAME", help="sync: only this account (default: all)")
    return parser


def _not_available(name: str, issue: str) -> int:
    print(f"mkdesk {name}: not available yet (it arrives with {issue}).", file=sys.stderr)
    return EXIT_UNAVAILABLE


def parse_switches(pairs: Sequence[str]) -> dict[str, object]:
    """`NAME=VALUE` pairs → keyword arguments of `Switches`, typed after the field's default."""
    import dataclasses

    from mkdesk.emulator.config import Switches

    defaults = {f.name: f.default for f in dataclasses.fields(Switches)}
    chosen: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or name not in defaults:
            known = ", ".join(sorted(defaults))
            raise ValueError(f"unknown switch {pair!r}; use NAME=VALUE with NAME one of: {known}")
        default = defaults[name]
        if isinstance(default, bool):
            if value.lower() not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise ValueError(f"switch {name} wants true or false, not {value!r}")
            chosen[name] = value.lower() in ("true", "1", "yes", "on")
        elif isinstance(default, tuple):
            chosen[name] = tuple(v.strip() for v in value.split(",") if v.strip())
        else:
            chosen[name] = value
    return chosen


def _run_emulator(args: argparse.Namespace) -> int:
    from mkdesk.emulator.config import EmulatorConfig, Switches
    from mkdesk.emulator.server import serve

    try:
        switches = Switches(**parse_switches(args.switch))
    except ValueError as exc:
        print(f"mkdesk emulator: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE

    options = {
        "seed": args.seed,
        "scale": args.scale,
        "company_id": args.company_id,
        "faults": args.faults,
        "fault_seed": args.fault_seed,
        "latency_ms": args.latency_ms,
        "search_latency_ms": args.search_latency_ms,
        "switches": switches,
    }
    if args.fault_kinds:
        from mkdesk.emulator.faults import FAULT_KINDS, OPTIONAL_FAULT_KINDS

        kinds = tuple(k.strip() for k in args.fault_kinds.split(",") if k.strip())
        unknown = [k for k in kinds if k not in FAULT_KINDS + OPTIONAL_FAULT_KINDS]
        if unknown:
            known = ", ".join(FAULT_KINDS + OPTIONAL_FAULT_KINDS)
            print(f"mkdesk emulator: unknown fault kind {', '.join(unknown)}; choose from {known}", file=sys.stderr)
            return EXIT_UNAVAILABLE
        options["fault_kinds"] = kinds
    if args.today is not None:
        options["today"] = args.today
    if args.secret_key:
        options["secret_key"] = args.secret_key
    try:
        config = EmulatorConfig(**options)
    except ValueError as exc:
        print(f"mkdesk emulator: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"mkdesk emulator: warning: binding to {args.host}, not loopback", file=sys.stderr)
    try:
        serve(config, host=args.host, port=args.port)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"mkdesk emulator: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _diagnose(args: argparse.Namespace) -> int:
    import json

    from mkdesk.core.diagnostics import environment_facts
    from mkdesk.core.paths import default_data_dir

    facts = environment_facts(args.data_dir or default_data_dir())  # the same facts as an exported diagnostics file
    print(json.dumps(facts, indent=2, default=str))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "emulator":
        return _run_emulator(args)
    if args.command == "demo":
        from mkdesk.app import run_demo

        return run_demo(
            data_dir=args.data_dir, scale=args.scale, seed=args.seed, screenshot=args.screenshot, tab=args.tab
        )
    if args.command == "diagnose":
        return _diagnose(args)
    if args.command == "sync":
        from mkdesk.cli_sync import run_sync

        return run_sync(args)
    if args.command == "bench":
        from mkdesk.bench.run import run_bench

        return run_bench(args)
    if args.command == "mail":
        from mkdesk.cli_mail import run_mail

        return run_mail(args)
    from mkdesk.app import run_app

    return run_app(data_dir=args.data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
