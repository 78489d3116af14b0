"""Entry layer: `mkdesk mail context FILE.eml --data-dir DIR [--json]` — the ERP context of one message, from the cache.

Parses the file, matches the sender, finds the documents and products it mentions and reads the context pane's facts
from the profile's cache (`cache.sqlite3`; offline, nothing is fetched). With `--json`: one object with the matched
partner (with its reason), the candidates, the entities and the facts; money as strings, dates ISO. Own domains are
those of the profile's IMAP accounts. If the same message was imported, its manual links and unlinks apply. Exit
codes: 0 done (also when nobody matched), 1 the file or the cache cannot be read, 2 usage errors.
Runs in the calling thread; the cache is read on a reader thread.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
MAX_FILE = 200 * 1024 * 1024


def plain(value: Any) -> Any:
    """JSON-able form of results: dataclasses → dicts, Decimal → exact string, date/datetime → ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def context_payload(path: str, message: Any, context: Any) -> dict[str, Any]:
    """The JSON object of `mkdesk mail context`."""
    facts = {
        "card": plain(context.card),
        "open_orders": plain(context.open_orders),
        "pending_offers": plain(context.pending_offers),
        "unpaid_invoices": [{**plain(i), "overdue": i.overdue} for i in context.unpaid_invoices],
        "balances": plain(context.balances),
        "recent_purchases": plain(context.recent_purchases),
        "stock": [{**plain(s), "enough": s.enough} for s in context.stock],
        "segment": plain(context.segment),
        "freshness": plain(context.freshness),
    }
    return {
        "ok": True,
        "file": path,
        "message": {"subject": message.subject, "from": message.from_addr, "from_name": message.from_name,
                    "sent_at": plain(message.sent_at), "message_id": message.message_id,
                    "parse_error": message.parse_error},
        "message_row": context.message_id,
        "sender": context.sender,
        "forwarded": context.forwarded,
        "partner": plain(context.partner),
        "needs_choice": context.needs_choice,
        "candidates": plain(context.candidates),
        "entities": plain(context.entities),
        "facts": facts,
        "today": context.today.isoformat(),
    }


def _money(value: Decimal, currency: str | None) -> str:
    return f"{value} {currency or ''}".strip()


def _print_text(context: Any, out: TextIO) -> None:
    p = context.partner
    if p is not None:
        print(f"Partner: {p.name} ({p.method}, {p.confidence:.2f}) — {p.reason}", file=out)
    elif context.candidates:
        print(f"Partner: one of {len(context.candidates)}, pick one:", file=out)
        for c in context.candidates:
            print(f"  {c.name} — {c.reason}", file=out)
    else:
        print(f"Partner: nobody matches {context.sender or 'this message'}", file=out)
    for d in context.entities.documents:
        print(f"Document: {d.count_code} ({d.doc_type}, {d.status or 'no status'}) — {d.reason}", file=out)
    for m in context.entities.products:
        qty = f" × {m.quantity}" if m.quantity is not None else ""
        print(f"Product: {m.code} {m.name}{qty} — {m.reason}", file=out)
    for n in context.entities.unknown_numbers:
        print(f"Not in the cache: {n}", file=out)
    for o in context.open_orders:
        print(f"Open order: {o.count_code} {o.doc_date} {o.status or ''}", file=out)
    for o in context.pending_offers:
        print(f"Pending offer: {o.count_code} {o.doc_date}{' (expired)' if o.expired else ''}", file=out)
    for i in context.unpaid_invoices:
        late = f", {i.days_overdue} days overdue" if i.overdue else ""
        print(f"Unpaid: {i.count_code} {_money(i.open_balance, i.currency)} due {i.due_date}{late}", file=out)
    for b in context.balances:
        print(f"Open balance: {_money(b.open_balance, b.currency)} (overdue {_money(b.overdue_balance, b.currency)})",
              file=out)
    for s in context.stock:
        per = ", ".join(f"{w.mark or w.warehouse_mk_id}: {w.free} free / {w.reserved} reserved" for w in s.warehouses)
        print(f"Stock: {s.code} {s.free} free ({per or 'no stock cached'})", file=out)
    if context.segment is not None:
        print(f"Segment: {context.segment.code} — {context.segment.reason}", file=out)


def _fail(message: str, as_json: bool, out: TextIO, code: int) -> int:
    print(f"mkdesk mail context: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"ok": False, "error": message}, ensure_ascii=False), file=out)
    return code


def run_context(args: argparse.Namespace, out: TextIO | None = None, *, today: date | None = None) -> int:
    """`mkdesk mail context FILE.eml`: returns the process exit code."""
    from mkdesk.core.cache.db import Database
    from mkdesk.core.context import build_context, own_domains
    from mkdesk.core.mail.parse import parse_message
    from mkdesk.core.paths import cache_path, resolve_data_dir

    out = out or sys.stdout
    as_json = bool(getattr(args, "json", False))
    if len(args.paths) != 1:
        return _fail("give exactly one message file (.eml)", as_json, out, EXIT_USAGE)
    path = Path(args.paths[0])
    try:
        if path.stat().st_size > MAX_FILE:
            return _fail(f"{path}: larger than {MAX_FILE // (1024 * 1024)} MB, not a single message", as_json, out,
                         EXIT_FAILED)
        raw = path.read_bytes()
    except IsADirectoryError:
        return _fail(f"{path}: is a folder, not a message file", as_json, out, EXIT_FAILED)
    except OSError as exc:
        return _fail(f"{path}: cannot be read ({exc.strerror or exc})", as_json, out, EXIT_FAILED)
    data_dir = resolve_data_dir(args.data_dir)
    cache = cache_path(data_dir)
    if not cache.exists():
        return _fail(f"there is no cache in {data_dir} (run `mkdesk sync` first)", as_json, out, EXIT_FAILED)
    message = parse_message(raw)
    today = today or date.today()
    db = Database.open(cache)
    try:
        def read(conn: Any) -> Any:
            row = conn.exec_driver_sql("SELECT id FROM messages WHERE raw_sha256 = ? ORDER BY id LIMIT 1",
                                       (hashlib.sha256(raw).hexdigest(),)).first()
            return build_context(conn, row[0] if row else message, today=today, own_domains=own_domains(conn))

        context = db.read_sync(read)
    finally:
        db.close()
    if as_json:
        print(json.dumps(context_payload(str(path), message, context), ensure_ascii=False, sort_keys=True), file=out)
    else:
        _print_text(context, out)
    return EXIT_OK
