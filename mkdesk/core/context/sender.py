"""Core layer: sender → partner — remembered choices, contact and partner emails, company domains (reader, writer).

`match_sender` reads (any reader thread, given `conn`); `choose_sender`/`forget_choice` write (the writer thread).
Confidence: a remembered choice 0.99; a contact person's exact email 0.95 (0.9 when the address belongs to several
partners); the partner's main email 0.9; the sender's company domain 0.7 for one partner, 0.5 when several partners
share it. Domains of free-mail providers and the rep's own domains never match anybody.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection

from mkdesk.core.cache.db import raw_connection
from mkdesk.core.cache.query import chunks, marks, one, rows
from mkdesk.core.changes import ChangeSet
from mkdesk.core.context.models import SenderMatch
from mkdesk.core.context.reasons import why
from mkdesk.core.context.text import domain_of

#: mailbox providers whose domain says nothing about the company (Slovenian ISPs included)
FREE_MAIL_DOMAINS = frozenset("""
gmail.com googlemail.com outlook.com outlook.si hotmail.com hotmail.si hotmail.co.uk live.com live.si msn.com
yahoo.com yahoo.co.uk ymail.com rocketmail.com aol.com icloud.com me.com mac.com gmx.net gmx.com gmx.de gmx.at
web.de t-online.de freenet.de proton.me protonmail.com pm.me tutanota.com tuta.io mail.com email.com zoho.com
yandex.com yandex.ru mail.ru fastmail.com hushmail.com
siol.net siol.com t-2.net t-2.si amis.net telemach.net telemach.si guest.arnes.si volja.net email.si najdi.si
triera.net kabelnet.net s5.net moj.net hi.t-com.hr net.hr inet.hr vip.hr gmail.hr libero.it virgilio.it alice.it
tiscali.it orange.fr free.fr laposte.net wp.pl o2.pl interia.pl onet.pl seznam.cz centrum.cz freemail.hu
citromail.hu abv.bg
""".split())
#: providers with many country domains (hotmail.it, yahoo.de, …)
_FREE_MAIL_NAMES = frozenset({"gmail", "hotmail", "outlook", "live", "yahoo", "gmx", "icloud", "aol", "yandex"})

CONFIDENCE = {"manual": 1.0, "choice": 0.99, "contact_email": 0.95, "contact_email_shared": 0.9,
              "partner_email": 0.9, "online": 0.85, "domain": 0.7, "domain_shared": 0.5, "document": 0.6}
_DOMAIN_LIMIT = 50


def is_free_mail(domain: str | None) -> bool:
    if not domain:
        return False
    domain = domain.lower().strip(".")
    if domain in FREE_MAIL_DOMAINS or any(domain.endswith("." + d) for d in FREE_MAIL_DOMAINS):
        return True
    labels = domain.split(".")
    return len(labels) in (2, 3) and labels[0] in _FREE_MAIL_NAMES


def is_own(domain: str | None, own_domains: frozenset[str]) -> bool:
    if not domain:
        return False
    return any(domain == d or domain.endswith("." + d) for d in own_domains)


def own_domains(conn: Connection) -> frozenset[str]:
    """The rep's own domains: those of the mail accounts' own addresses and user names (IMAP and demo accounts;
    free-mail domains left out), any reader thread."""
    found = set()
    for r in rows(conn, "SELECT own_address, username FROM mail_accounts"):
        for value in (r["own_address"], r["username"]):
            domain = domain_of(value)
            if domain and not is_free_mail(domain):
                found.add(domain)
    return frozenset(found)


def normalize_address(address: str) -> str:
    address = (address or "").strip().strip("<>").strip().lower()
    if address.count("@") != 1 or not address.split("@")[0] or "." not in address.split("@")[1] or " " in address:
        raise ValueError(f"{address!r} is not an email address")
    return address


def _partner(conn: Connection, partner_id: int) -> dict | None:
    return one(conn, "SELECT id, mk_id, name, email FROM partners WHERE id = ?", (partner_id,))


def _by_email(conn: Connection, address: str, to: str = "") -> list[SenderMatch]:
    found = rows(conn, "SELECT c.partner_id, c.name AS contact, p.mk_id, p.name, p.email AS main FROM contacts c "
                       "JOIN partners p ON p.id = c.partner_id WHERE c.email = ? COLLATE NOCASE", (address,))
    by_partner: dict[int, dict] = {}
    for r in found:
        by_partner.setdefault(r["partner_id"], r)
    shared = len(by_partner) > 1
    out = []
    for pid, r in by_partner.items():
        person = r["contact"] and r["contact"].strip() and r["contact"] != r["name"]
        method = "contact_email" if person else "partner_email"
        key = "contact_email_shared" if shared and person else method
        reason = why(method + ("_shared" if shared else "") + to, contact=r["contact"] if person else None,
                     partner=r["name"], others=len(by_partner) - 1)
        out.append(SenderMatch(partner_id=pid, partner_mk_id=r["mk_id"], name=r["name"], method=method,
                               confidence=CONFIDENCE[key] - (0.05 if shared and not person else 0),
                               contact_name=r["contact"] if person else None, address=address, **reason))
    return out


def partners_at_domain(conn: Connection, domain: str, limit: int = _DOMAIN_LIMIT) -> list[tuple[int, str, str | None,
                                                                                                  str]]:
    """(partner id, mk_id, name, a contact email there) for partners with a contact email at exactly `domain`; the
    search index narrows (a phrase of the domain's tokens), the exact domain decides."""
    from mkdesk.core.cache.fts import fts_tokens

    tokens = fts_tokens(domain)
    if not tokens:
        return []
    phrase = '{emails} : "' + " ".join(tokens) + '"'
    ids = [r["rowid"] for r in rows(conn, "SELECT rowid FROM partners_fts WHERE partners_fts MATCH ? LIMIT ?",
                                    (phrase, limit * 4))]
    if not ids:
        return []
    out: dict[int, tuple[int, str, str | None, str]] = {}
    sql = (f"SELECT c.partner_id, c.email, p.mk_id, p.name FROM contacts c JOIN partners p ON p.id = c.partner_id "
           f"WHERE c.partner_id IN ({marks(ids)}) AND c.email IS NOT NULL ORDER BY c.partner_id, c.position")
    for r in rows(conn, sql, ids):
        if domain_of(r["email"]) == domain and r["partner_id"] not in out:
            out[r["partner_id"]] = (r["partner_id"], r["mk_id"], r["name"], r["email"].strip().lower())
    return sorted(out.values(), key=lambda v: ((v[2] or "").casefold(), v[0]))[:limit]


def _by_domain(conn: Connection, address: str, own: frozenset[str], to: str = "") -> list[SenderMatch]:
    domain = domain_of(address)
    if not domain or is_free_mail(domain) or is_own(domain, own):
        return []
    labels = domain.split(".")
    tries = [domain] + ([".".join(labels[1:])] if len(labels) > 2 else [])  # mail.firma.si → firma.si
    for candidate in tries:
        if is_free_mail(candidate) or is_own(candidate, own) or candidate.count(".") < 1:
            continue
        found = partners_at_domain(conn, candidate)
        if not found:
            continue
        shared = len(found) > 1
        out = []
        for pid, mk_id, name, example in found:
            reason = why(("domain_shared" if shared else "domain") + to, domain=candidate, count=len(found),
                         example=example, partner=name)
            out.append(SenderMatch(partner_id=pid, partner_mk_id=mk_id, name=name, method="domain",
                                   confidence=CONFIDENCE["domain_shared" if shared else "domain"], address=address,
                                   **reason))
        return out
    return []


def remembered_choice(conn: Connection, address: str) -> SenderMatch | None:
    r = one(conn, "SELECT s.partner_id, s.chosen_at, p.mk_id, p.name FROM sender_choices s JOIN partners p "
                  "ON p.id = s.partner_id WHERE s.address = ?", (address,))
    if r is None:
        return None
    day = (r["chosen_at"] or "")[:10]
    return SenderMatch(partner_id=r["partner_id"], partner_mk_id=r["mk_id"], name=r["name"], method="choice",
                       confidence=CONFIDENCE["choice"], address=address,
                       **why("choice_on" if day else "choice", partner=r["name"], address=address, day=day))


def match_sender(conn: Connection, address: str | None, *, own_domains: frozenset[str] = frozenset(),
                 excluded: Iterable[int] = (), recipient: bool = False) -> tuple[SenderMatch, ...]:
    """Every partner the sender may be, best first (one per partner, its strongest reason). `excluded` partners
    (the user unlinked them from this message) never come back. No address or a bad one matches nobody.
    `recipient`: the address is the one the rep wrote to (the rep's own mail), and the reasons say so."""
    try:
        address = normalize_address(address or "")
    except ValueError:
        return ()
    skip = set(excluded)
    best: dict[int, SenderMatch] = {}
    choice = remembered_choice(conn, address)
    to = "_to" if recipient else ""
    found = ([choice] if choice else []) + _by_email(conn, address, to)
    if not any(m.method in ("contact_email", "partner_email") for m in found):
        found += _by_domain(conn, address, own_domains, to)
    for match in found:
        if match.partner_id in skip:
            continue
        if match.partner_id not in best or best[match.partner_id].confidence < match.confidence:
            best[match.partner_id] = match
    return rank(best.values())


def rank(matches: Iterable[SenderMatch]) -> tuple[SenderMatch, ...]:
    return tuple(sorted(matches, key=lambda m: (-m.confidence, (m.name or "").casefold(), m.partner_id)))


def best_of(candidates: tuple[SenderMatch, ...]) -> SenderMatch | None:
    """The match to show: the only one, or one clearly stronger than the next; None when the user must pick."""
    if not candidates:
        return None
    if len(candidates) == 1 or candidates[0].confidence > candidates[1].confidence:
        return candidates[0]
    return None


def choose_sender(conn: Connection, address: str, partner_id: int) -> ChangeSet:
    """Remember that mail from `address` is `partner_id`'s, and point the automatic partner links of its stored
    messages there (manual links stay as the user set them). Writer thread."""
    address = normalize_address(address)
    partner = _partner(conn, partner_id)
    if partner is None:
        raise ValueError(f"there is no partner with cache id {partner_id}")
    now = datetime.now(UTC).isoformat()
    raw = raw_connection(conn)
    before = one(conn, "SELECT partner_id FROM sender_choices WHERE address = ?", (address,))
    raw.execute("INSERT INTO sender_choices (address, partner_id, chosen_at) VALUES (?, ?, ?) ON CONFLICT (address) "
                "DO UPDATE SET partner_id = excluded.partner_id, chosen_at = excluded.chosen_at",
                (address, partner_id, now))
    ids = [r["id"] for r in rows(conn, "SELECT id FROM messages WHERE from_addr = ?", (address,))]
    changed = 0
    if ids:
        manual = {r["message_id"] for r in rows(
            conn, f"SELECT DISTINCT message_id FROM email_links WHERE kind = 'partner' AND manual = 1 "
                  f"AND message_id IN ({marks(ids)})", ids)}
        targets = [i for i in ids if i not in manual]
        for chunk in chunks(targets):
            changed += raw.execute(f"DELETE FROM email_links WHERE kind = 'partner' AND manual = 0 AND message_id "
                                   f"IN ({marks(chunk)}) AND record_id != ?", [*chunk, partner_id]).rowcount
            reason = why("choice", partner=partner["name"], address=address)["reason"]
            changed += raw.executemany(
                "INSERT INTO email_links (message_id, kind, record_id, confidence, reason, manual, created_at) "
                "VALUES (?, 'partner', ?, ?, ?, 0, ?) ON CONFLICT (message_id, kind, record_id) DO UPDATE SET "
                "confidence = excluded.confidence, reason = excluded.reason WHERE email_links.manual = 0",
                [(m, partner_id, CONFIDENCE["choice"], reason, now) for m in chunk]).rowcount
    inserted = 1 if before is None else 0
    return ChangeSet.of("mail_links", inserted=inserted, updated=(1 - inserted) + changed)


def forget_choice(conn: Connection, address: str) -> ChangeSet:
    """Forget the remembered partner of `address` (writer thread); automatic matching decides again."""
    address = normalize_address(address)
    gone = raw_connection(conn).execute(
        "DELETE FROM sender_choices WHERE address = ?", (address,)).rowcount
    return ChangeSet.of("mail_links", deleted=gone)
