"""Core layer: the sender looked up in Metakocka by email (`get_partner`), stored into the cache (event loop; the
cache write runs on the writer thread through `db.write`).

For a sender the cache does not know: Metakocka's e-mail search is fuzzy, the client keeps exact matches only. Found
partners go through the cache's ordinary upsert (content hashes: an unchanged partner is not rewritten), so the
context pane can show them at once and the next sync agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from mkdesk.core.cache.query import marks, rows
from mkdesk.core.cache.upsert import upsert_partners
from mkdesk.core.changes import ChangeSet
from mkdesk.core.context.models import SenderMatch
from mkdesk.core.context.sender import CONFIDENCE, normalize_address
from mkdesk.core.context.reasons import why
from mkdesk.core.models import Partner


@dataclass(frozen=True, slots=True)
class OnlineLookup:
    """What Metakocka knows about an address: the partners (as the API returned them), their matches with cache
    ids (empty when no database was given), and what storing them changed."""

    address: str
    partners: tuple[Partner, ...]
    matches: tuple[SenderMatch, ...]
    changes: ChangeSet


def store_partners(conn: Connection, partners: list[Partner], address: str,
                   fetched_at: datetime | None = None) -> tuple[tuple[SenderMatch, ...], ChangeSet]:
    """Upsert the partners found online and return their matches (writer thread)."""
    counts = upsert_partners(conn, partners, fetched_at)
    mk_ids = [p.mk_id for p in partners]
    found = {r["mk_id"]: r for r in rows(conn, f"SELECT id, mk_id, name FROM partners WHERE mk_id IN "
                                               f"({marks(mk_ids)})", mk_ids)} if mk_ids else {}
    matches = []
    for p in partners:
        r = found.get(p.mk_id)
        if r is None:
            continue
        contact = next((c.name for c in p.contacts if (c.email or "").strip().lower() == address and c.name), None)
        matches.append(SenderMatch(partner_id=r["id"], partner_mk_id=p.mk_id, name=r["name"], method="online",
                                   confidence=CONFIDENCE["online"] - (0.1 if len(partners) > 1 else 0),
                                   contact_name=contact, address=address,
                                   **why("online_contact" if contact else "online", address=address,
                                         contact=contact, partner=r["name"])))
    return tuple(matches), ChangeSet.of("partners", inserted=counts.inserted, updated=counts.updated)


async def lookup_sender_online(client: Any, email: str, *, db: Any = None) -> OnlineLookup:
    """Ask Metakocka for partners with this email (exact matches); with `db` (a `Database`), store them in the
    cache and return their matches. Raises the client's typed errors (offline, bad credentials, …) unchanged."""
    address = normalize_address(email)
    partners = await client.get_partner("email", address)
    if not partners or db is None:
        return OnlineLookup(address, tuple(partners), (), ChangeSet())
    matches, changes = await db.write(store_partners, list(partners), address)
    return OnlineLookup(address, tuple(partners), matches, changes)
