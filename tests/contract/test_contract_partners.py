"""Contract tests (client ↔ emulator over loopback HTTP): get_partner by every key, add_partner, update_partner."""

from __future__ import annotations

from mkdesk.core.erp import PartnerData
from mkdesk.core.erp.drafts import ContactDraft
from mkdesk.core.models import ContactPerson, Partner
from tests.contract.conftest import use


def test_all_partners_decode(emu):
    partners = use(emu, lambda c: c.all_partners())
    assert {p.mk_id for p in partners} == set(emu.store.partners)
    for partner in partners:
        stored = emu.store.partners[partner.mk_id]
        assert isinstance(partner, Partner)
        assert partner.name == stored.customer and partner.business_entity is stored.business_entity
        assert [a.mk_id for a in partner.addresses] == [a.mk_id for a in stored.addresses]
        assert partner.billing_address is not None
        assert all(isinstance(a.payment_due_days, (int, type(None))) for a in partner.addresses)


def test_get_partner_by_each_key(emu):
    company = next(p for p in emu.store.partners.values() if p.tax_id_number and p.contacts)
    contact = next(c for c in company.contacts if c.email)
    phoned = next(p for p in emu.store.partners.values() for c in p.contacts if c.gsm or c.phone)
    phone = next(c.gsm or c.phone for c in phoned.contacts if c.gsm or c.phone)

    async def go(c):
        return {
            "id": await c.get_partner("id", company.mk_id),
            "name": await c.get_partner("name", company.customer),
            "tax": await c.get_partner("tax", company.tax_id_number),
            "email": await c.get_partner("email", contact.email.upper()),
            "phone": await c.get_partner("phone", phone),
        }

    found = use(emu, go)
    assert [p.mk_id for p in found["id"]] == [company.mk_id]
    assert company.mk_id in {p.mk_id for p in found["name"]}
    assert company.mk_id in {p.mk_id for p in found["tax"]}
    assert company.mk_id in {p.mk_id for p in found["email"]}
    assert all(any(e.lower() == contact.email.lower() for e in p.emails) for p in found["email"])
    assert phoned.mk_id in {p.mk_id for p in found["phone"]}


def test_fuzzy_email_is_narrowed_to_exact_matches(emu):
    contact = next(c for p in emu.store.partners.values() for c in p.contacts if c.email)
    domain = contact.email.split("@", 1)[1]

    async def go(c):
        return await c.get_partner("email", domain, exact_email=False), await c.get_partner("email", domain)

    fuzzy, exact = use(emu, go)
    assert fuzzy  # the server matches part of an address
    assert exact == []  # nobody's address *is* the domain


def test_no_match_is_an_empty_list(emu):
    async def go(c):
        return (await c.get_partner("name", "Ni-takega-partnerja-xyz"), await c.get_partner("id", "400071689999"),
                await c.get_partner_by_id("400071689999"))

    assert use(emu, go) == ([], [], None)


def test_add_partner_then_find_it(fresh):
    draft = PartnerData(name="Kovač Test d.o.o.", street="Tržaška cesta 12", post_number="1000", place="Ljubljana",
                        country="Slovenija", business_entity=True, taxpayer=True, tax_id_number="SI12121212",
                        contact=ContactDraft(name="Maja Kovač", email="maja@kovac-test.si", gsm="041 555 123"))

    async def go(c):
        created = await c.add_partner(draft)
        return created, await c.get_partner("tax", "SI12121212"), await c.get_partner("email", "maja@kovac-test.si")

    created, by_tax, by_email = use(fresh, go)
    assert created.mk_id in fresh.store.partners
    assert created.address_ids and created.contact_id
    assert [p.mk_id for p in by_tax] == [created.mk_id] == [p.mk_id for p in by_email]
    partner = by_tax[0]
    assert partner.name == "Kovač Test d.o.o." and partner.taxpayer is True
    assert partner.billing_address.mk_id == created.address_ids[0] and partner.billing_address.is_billing


def test_update_partner_changes_fields_and_adds_a_contact(fresh):
    target = next(iter(fresh.store.partners.values()))
    address_id = target.addresses[0].mk_id
    contacts_before = len(target.contacts)

    async def go(c):
        returned = await c.update_partner(
            target.mk_id,
            customer="Preimenovan d.o.o.",
            contacts=[ContactPerson(mk_id=None, mk_address_id=address_id, name="Nov Kontakt", email="nov@firma.si")],
        )
        return returned, await c.get_partner_by_id(target.mk_id)

    returned, again = use(fresh, go)
    assert again.name == "Preimenovan d.o.o."
    assert "nov@firma.si" in again.emails
    assert len(again.contacts) == contacts_before + 1  # added, nothing deleted
    if returned is not None:
        assert returned.mk_id == target.mk_id and returned.name == "Preimenovan d.o.o."
