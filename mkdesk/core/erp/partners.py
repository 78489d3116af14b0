"""Core layer: typed helpers for Metakocka partner endpoints (asyncio; a mixin of `MetakockaClient`).

`get_partner` searches by one property per call; Metakocka's "no match" error (opr_code 2) becomes an empty
list, and the fuzzy e-mail search is narrowed to exact matches client-side. `add_partner` succeeds without an
`opr_code`. Partners cannot be deleted through the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from mkdesk.core.erp import mapping, wire
from mkdesk.core.erp.drafts import PartnerData
from mkdesk.core.erp.endpoints import CallsApi
from mkdesk.core.erp.errors import MalformedResponse, NotFound
from mkdesk.core.models import ContactPerson, Partner, PartnerWriteResult

PartnerKey = Literal["id", "name", "tax", "email", "phone"]
_FIELDS: dict[str, str] = {
    "id": "partner_id",
    "name": "partner_name",
    "tax": "partner_tax_number",
    "email": "partner_email",
    "phone": "partner_phone_number",
}


def _contact_wire(contact: ContactPerson | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(contact, Mapping):
        return dict(contact)
    return {
        k: v
        for k, v in {
            "mk_id": contact.mk_id,
            "mk_address_id": contact.mk_address_id,
            "name": contact.name,
            "email": contact.email,
            "gsm": contact.gsm,
            "phone": contact.phone,
            "fax": contact.fax,
        }.items()
        if v is not None
    }


class PartnersApi(CallsApi):
    """Partner endpoints. Every method is a coroutine on the client's event loop."""

    async def get_partner(
        self, by: PartnerKey, value: str, *, exact_email: bool = True, show_discounts: bool = False
    ) -> list[Partner]:
        """Partners matching one property (`id`, `name` (fuzzy; "" = all), `tax`, `email`, `phone`).
        No match is an empty list. E-mail matches are made exact (case-insensitive) unless `exact_email=False`."""
        try:
            key = _FIELDS[by]
        except KeyError:
            raise ValueError(f"get_partner cannot search by {by!r}") from None
        body: dict[str, Any] = {key: value}
        if show_discounts:
            body["show_partner_discount"] = True
        try:
            data = await self.call("get_partner", body)
        except NotFound:
            return []
        partners = [mapping.partner(raw) for raw in wire.as_list(data.get("partner_list"), "partner_list")]
        if by == "email" and exact_email:
            wanted = value.strip().casefold()
            partners = [p for p in partners if any(e.strip().casefold() == wanted for e in p.emails)]
        return partners

    async def get_partner_by_id(self, mk_id: str) -> Partner | None:
        found = await self.get_partner("id", mk_id)
        return next((p for p in found if p.mk_id == mk_id), found[0] if found else None)

    async def all_partners(self) -> list[Partner]:
        """Every partner (an empty name search answers all of them; there is no paging)."""
        return await self.get_partner("name", "")

    async def add_partner(self, partner: PartnerData) -> PartnerWriteResult:
        """Create a partner; its main address is stored as the billing ("Račun") address. Never retried."""
        data = await self.call("add_partner", {"partner": partner.to_partner_wire()})
        mk_id = wire.text(data.get("mk_id"), "mk_id")
        if mk_id is None:
            raise MalformedResponse("add_partner answered without mk_id", endpoint="add_partner")
        addresses = wire.as_list(data.get("mk_address_id_list"), "mk_address_id_list")
        return PartnerWriteResult(
            mk_id=mk_id,
            contact_id=wire.text(data.get("mk_contact_id"), "mk_contact_id"),
            address_ids=tuple(
                a for raw in addresses if (a := wire.text(raw.get("mk_id") if isinstance(raw, Mapping) else raw))
            ),
        )

    async def update_partner(
        self,
        mk_id: str | None = None,
        *,
        count_code: str | None = None,
        contacts: Sequence[ContactPerson | Mapping[str, Any]] = (),
        addresses: Sequence[Mapping[str, Any]] = (),
        **fields: Any,
    ) -> Partner | None:
        """Change top-level fields (wire names, e.g. `customer`, `tax_id_number`), add or update contacts and
        addresses (with `mk_id` updated, without added; nothing is deleted). Returns the partner as stored."""
        if (mk_id is None) == (count_code is None):
            raise ValueError("name the partner by exactly one of mk_id or count_code")
        partner: dict[str, Any] = {"mk_id": mk_id} if mk_id is not None else {"count_code": count_code}
        partner.update(fields)
        if contacts:
            partner["partner_contact_list"] = [_contact_wire(c) for c in contacts]
        if addresses:
            partner["partner_delivery_address_list"] = [dict(a) for a in addresses]
        data = await self.call("update_partner", {"partner": partner})
        found = wire.as_list(data.get("partner_list"), "partner_list")
        return mapping.partner(found[0]) if found else None
