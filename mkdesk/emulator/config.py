"""Emulator layer: how an emulated company is generated and served (scale, seed, faults, fidelity switches)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from mkdesk.emulator.model import TZ

SCALES = ("tiny", "small", "medium", "large")


@dataclass(frozen=True, slots=True)
class Switches:
    """Behaviours the API research marks as uncertain (`metakocka-api.md` §10); each one can be flipped."""

    #: opr_code answered for a wrong company_id/secret_key (legacy docs: 3)
    auth_error_code: str = "3"
    auth_error_text: str = "Invalid value for secret_key and company_id"
    #: opr_code for an unknown product code on a document line (live: 8; whdocs docs: 2)
    unknown_product_code: str = "8"
    #: sales_offer search rejects doc_date_from/to (opr_code 1)
    offers_reject_doc_date: bool = True
    #: doc types whose search accepts last_change_from/to (the docs: sales_order; complaints too)
    last_change_doc_types: tuple[str, ...] = ("sales_order",)
    #: json/product_list (and product pricelist/localization) return a bare object when the list has one element
    single_object_lists: bool = True
    #: put_document doc_date accepts only dd.mm.yyyy and YYYY-MM-DD+02:00 (live probe); False = any ISO offset
    strict_doc_date: bool = True
    #: put_document with an inline partner (no mk_id) always creates a new partner (live); False = match by tax id
    inline_partner_always_new: bool = True
    #: status writes accept the display label as well as the description value
    status_accepts_labels: bool = True
    #: get_partner honours limit/offset (undocumented); False = always answers everything
    partner_paging: bool = False
    #: searches run one at a time per company (server-side queue)
    serialize_searches: bool = True
    #: duplicate buyer_order on put_document is rejected (optional company setting; opr_code 6 / app 7)
    unique_buyer_order: bool = False
    #: a "dropped connection" fault on a write endpoint applies the write first and then loses the reply
    #: (what makes blind write retries dangerous); off = faults never touch data
    write_reply_lost: bool = False


@dataclass(frozen=True, slots=True)
class EmulatorConfig:
    """Everything that decides the data (seed, scale, today) and how it is served (faults, latency, switches).

    Faults and latency never change the data, only how it is served.
    """

    seed: int = 1
    scale: str = "small"
    today: date = field(default_factory=lambda: datetime.now(TZ).date())
    company_id: str = "4711"
    secret_key: str = field(default_factory=lambda: secrets.token_hex(16))
    faults: float = 0.0  # probability that a request is answered with an injected fault
    fault_seed: int | None = None  # None = unpredictable faults; an int makes the fault sequence repeatable
    latency_ms: int = 0  # added to every answer
    search_latency_ms: int = 0  # extra time a search holds the per-company search lock
    #: injected fault kinds to choose from (empty = all; see `mkdesk.emulator.faults.FAULT_KINDS`)
    fault_kinds: tuple[str, ...] = ()
    fault_delay_ms: int = 250  # base delay of the "slow" fault (the reply takes about twice this)
    switches: Switches = field(default_factory=Switches)

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"unknown scale {self.scale!r}; choose one of {', '.join(SCALES)}")
        if not 0.0 <= self.faults <= 1.0:
            raise ValueError("faults must be a rate between 0 and 1")
        if self.latency_ms < 0 or self.search_latency_ms < 0 or self.fault_delay_ms < 0:
            raise ValueError("latency must not be negative")
