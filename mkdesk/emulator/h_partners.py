"""Emulator layer: `get_partner`, `add_partner` and `update_partner` handlers.

get_partner takes one search field per call; no match is an error (opr_code 2 "No partner with such
properties."). add_partner answers *without* opr_code on success. update_partner adds contacts/addresses sent
without `mk_id`, updates those with one, never deletes, and answers the partner in `partner_list` format.
"""

from __future__ import annotations

import re
from typing import Any

from mkdesk.emulator import docinput, wire_in, wire_out
from mkdesk.emulator.envelope import ApiError, Bare, Ctx
from mkdesk.emulator.model import Contact, Partner

NO_MATCH = "No partner with such properties."
SEARCH_FIELDS = ("partner_id", "partner_name", "partner_tax_number", "partner_email", "partner_phone_number")


def _digits(value: str | None) -> str:
    digits = re.sub(r"\D", "", value or "")
    return digits[-8:] if len(digits) >= 8 else digits


def _tax(value: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper()).removeprefix("SI")


def _matcher(field: str, value: str) -> Any:
    low = value.lower()
    if field == "partner_id":
        return lambda p: p.mk_id == value
    if field == "partner_name":
        return lambda p: low in p.customer.lower()
    if field == "partner_tax_number":
        wanted = _tax(value)
        return lambda p: bool(wanted) and _tax(p.tax_id_number) == wanted
    if field == "partner_email":
        return lambda p: any(low in (e or "").lower() for e in [p.email, *(c.email for c in p.contacts)])
    wanted = _digits(value)
    phones = lambda p: [p.phone, *(c.gsm for c in p.contacts), *(c.phone for c in p.contacts)]  # noqa: E731
    return lambda p: bool(wanted) and any(_digits(x) == wanted for x in phones(p) if x)


def get_partner(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    field = next((f for f in SEARCH_FIELDS if f in body and body[f] is not None), None)
    if field is None:
        raise ApiError("2", "Paramether partner_id, partner_name, partner_tax_number, partner_email or "
                       "partner_phone_number must be set")  # fmt: skip
    value = wire_in.text(body[field]) or ""
    if value == "" and field != "partner_name":
        raise ApiError("2", NO_MATCH)
    match = _matcher(field, value)
    hits = [p for p in ctx.store.partners.values() if value == "" or match(p)]
    if ctx.switches.partner_paging:
        offset = max(wire_in.as_int(body.get("offset"), 0) or 0, 0)
        limit = wire_in.as_int(body.get("limit"))
        hits = hits[offset : offset + limit if limit else None]
    if not hits:
        raise ApiError("2", NO_MATCH)
    return {"partner_list_count": str(len(hits)), "partner_list": [wire_out.partner(p) for p in hits]}


def add_partner(ctx: Ctx, body: dict[str, Any]) -> Bare:
    data = body.get("partner")
    if not isinstance(data, dict):
        raise ApiError("2", "Partner data are missing")
    for name in ("customer", "street", "post_number", "place", "country"):
        if wire_in.text(data.get(name)) is None:
            raise ApiError("2", f"Paramether '{name}' is required paramether")
    partner = docinput.new_partner(ctx, data)
    answer = Bare(
        mk_id=partner.mk_id,
        mk_contact_id=partner.contacts[0].mk_id if partner.contacts else None,
        mk_address_id_list=[{"mk_id": a.mk_id, "street": a.street} for a in partner.addresses],
    )
    return Bare(wire_out.clean(answer))


def _find(ctx: Ctx, data: dict[str, Any]) -> Partner:
    mk_id, count_code = wire_in.text(data.get("mk_id")), wire_in.text(data.get("count_code"))
    if mk_id is not None:
        partner = ctx.store.partners.get(mk_id)
    elif count_code is not None:
        partner = next((p for p in ctx.store.partners.values() if p.count_code == count_code), None)
    else:
        raise ApiError("2", "Paramether mk_id or count_code must be set")
    if partner is None:
        raise ApiError("2", NO_MATCH)
    return partner


CONTACT_FIELDS = ("name", "email", "gsm", "phone", "fax")
ADDRESS_FIELDS = {"address_type": "address_type", "street": "street", "post_number": "post_number",
                  "city": "city", "place": "city", "province": "province"}  # fmt: skip


def update_partner(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    data = body.get("partner")
    if not isinstance(data, dict):
        raise ApiError("2", "Partner data are missing")
    partner = _find(ctx, data)
    t = wire_in.text
    contacts = [c for c in wire_in.as_list(data.get("partner_contact_list")) if isinstance(c, dict)]
    addresses = [a for a in wire_in.as_list(data.get("partner_delivery_address_list")) if isinstance(a, dict)]
    address_ids = {a.mk_id for a in partner.addresses}
    # validate everything first
    for item in addresses:
        if t(item.get("mk_id")) and t(item.get("mk_id")) not in address_ids:
            raise ApiError("2", f"Cannot find address with mk_id = {item.get('mk_id')}")
        if not t(item.get("mk_id")) and not t(item.get("street")):
            raise ApiError("2", "Paramether 'street' is required paramether")
    contact_ids = {c.mk_id for c in partner.contacts}
    for item in contacts:
        if t(item.get("mk_id")):
            if t(item.get("mk_id")) not in contact_ids:
                raise ApiError("2", f"Cannot find contact with mk_id = {item.get('mk_id')}")
        elif t(item.get("mk_address_id")) not in address_ids:
            raise ApiError("2", "Paramether mk_address_id must be set")
    # apply: empty values never clear anything
    if t(data.get("customer")):
        partner.customer = t(data.get("customer"))  # type: ignore[assignment]
    for attr, key in (("business_entity", "business_entity"), ("taxpayer", "taxpayer"), ("foreign", "foreign_county"),
                      ("buyer", "buyer"), ("supplier", "supplier")):  # fmt: skip
        if t(data.get(key)) is not None:
            setattr(partner, attr, wire_in.as_bool(data.get(key)))
    for key in ("tax_id_number", "registration_number"):
        if t(data.get(key)):
            setattr(partner, key, t(data.get(key)))
    for item in addresses:
        if not t(item.get("mk_id")):
            docinput.add_address(ctx, partner, item)
            continue
        address = next(a for a in partner.addresses if a.mk_id == t(item.get("mk_id")))
        for key, attr in ADDRESS_FIELDS.items():
            if t(item.get(key)):
                setattr(address, attr, t(item.get(key)))
        if t(item.get("country")):
            address.country_iso2, _, address.country = docinput.country(t(item.get("country")))
    for item in contacts:
        if t(item.get("mk_id")):
            contact = next(c for c in partner.contacts if c.mk_id == t(item.get("mk_id")))
        else:
            contact = Contact(mk_id=ctx.store.next_id("contact"), mk_address_id=t(item.get("mk_address_id")) or "",
                              name=t(item.get("name")) or partner.customer)  # fmt: skip
            partner.contacts.append(contact)
        for key in CONTACT_FIELDS:
            if t(item.get(key)):
                setattr(contact, key, t(item.get(key)))
        if t(item.get("mk_address_id")) in address_ids:
            contact.mk_address_id = t(item.get("mk_address_id"))  # type: ignore[assignment]
    partner.last_change = ctx.now()
    return {"partner_list_count": "1", "partner_list": [wire_out.partner(partner)]}
