"""Emulator layer: request parts of documents → model objects (partner references, lines, taxes, mark_paid)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from mkdesk.emulator import wire_in
from mkdesk.emulator.docs import invalid_value
from mkdesk.emulator.envelope import ApiError, Ctx
from mkdesk.emulator.model import TAX_RATES, Address, Contact, DocPartner, Line, Partner, Payment, Product, Store

#: ISO-2 → (English name used on documents, Slovenian name used on partner addresses)
COUNTRIES = {
    "SI": ("Slovenia", "Slovenija"),
    "HR": ("Croatia", "Hrvaška"),
    "AT": ("Austria", "Avstrija"),
    "DE": ("Germany", "Nemčija"),
    "IT": ("Italy", "Italija"),
    "HU": ("Hungary", "Madžarska"),
    "RS": ("Serbia", "Srbija"),
    "BA": ("Bosnia and Herzegovina", "Bosna in Hercegovina"),
    "GB": ("United Kingdom", "Združeno kraljestvo"),
    "XI": ("Northern Ireland", "Severna Irska"),
}
NET_PLACES = Decimal("1e-10")


def country(value: str | None) -> tuple[str, str, str]:
    """(ISO-2, English name, local name) for a country written as ISO-2, English or Slovenian name."""
    raw = (value or "SI").strip()
    for iso, (english, local) in COUNTRIES.items():
        if raw.upper() == iso or raw.lower() in (english.lower(), local.lower()):
            return iso, english, local
    return "", raw, raw


def _norm_tax_id(value: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper()).removeprefix("SI")


def snapshot(partner: Partner, address: Address, contact: Contact | None = None) -> DocPartner:
    contact = contact or next((c for c in partner.contacts if c.mk_address_id == address.mk_id), None)
    _, english, _ = country(address.country_iso2 or address.country)
    return DocPartner(
        mk_id=partner.mk_id,
        mk_address_id=address.mk_id,
        count_code=partner.count_code,
        customer=partner.customer,
        street=address.street,
        post_number=address.post_number,
        place=address.city,
        country=english,
        country_iso2=address.country_iso2,
        business_entity=partner.business_entity,
        taxpayer=partner.taxpayer,
        foreign=partner.foreign,
        tax_id_number=partner.tax_id_number,
        contact_name=contact.name if contact else None,
        contact_email=(contact.email if contact else None) or partner.email,
        contact_phone=(contact.phone or contact.gsm if contact else None) or partner.phone,
    )


def new_partner(ctx: Ctx, data: dict[str, Any]) -> Partner:
    """A new partner from an inline/add_partner structure (main address stored as "Račun")."""
    store = ctx.store
    t = wire_in.text
    iso, _, local = country(t(data.get("country")))
    taken = {p.count_code for p in store.partners.values()}
    while (count_code := f"{store.next_number('partner')}/{store.today.year}") in taken:
        pass
    foreign_default = bool(iso) and iso != "SI"
    partner = Partner(
        mk_id=store.next_id("partner"),
        count_code=count_code,
        customer=t(data.get("customer")) or "",
        business_entity=wire_in.as_bool(data.get("business_entity")),
        taxpayer=wire_in.as_bool(data.get("taxpayer")),
        foreign=wire_in.as_bool(data.get("foreign_county"), foreign_default),
        tax_id_number=t(data.get("tax_id_number")),
        registration_number=t(data.get("registration_number")),
        buyer=wire_in.as_bool(data.get("buyer"), True),
        supplier=wire_in.as_bool(data.get("supplier")),
        last_change=ctx.now(),
    )
    street = " ".join(filter(None, (t(data.get("street")), t(data.get("street_number")))))
    main = Address(
        mk_id=store.next_id("address"),
        address_type="Račun",
        street=street,
        post_number=t(data.get("post_number")) or "",
        city=t(data.get("place")) or t(data.get("city")) or "",
        country=local,
        country_iso2=iso,
        province=t(data.get("province")),
    )
    partner.addresses.append(main)
    extra = data.get("partner_delivery_address")
    if isinstance(extra, dict) and t(extra.get("street")):
        add_address(ctx, partner, extra)
    contact = data.get("partner_contact")
    if isinstance(contact, dict) and any(t(v) for v in contact.values()):
        name = t(contact.get("name")) or t(contact.get("contact"))
        if name is None and wire_in.as_bool(contact.get("useCustomerAsContact")):
            name = partner.customer
        partner.contacts.append(
            Contact(
                mk_id=store.next_id("contact"),
                mk_address_id=main.mk_id,
                name=name or partner.customer,
                email=t(contact.get("email")),
                gsm=t(contact.get("gsm")),
                phone=t(contact.get("phone")),
                fax=t(contact.get("fax")),
            )
        )
        partner.email = partner.email or t(contact.get("email"))
    store.partners[partner.mk_id] = partner
    return partner


def add_address(ctx: Ctx, partner: Partner, data: dict[str, Any]) -> Address:
    t = wire_in.text
    iso, _, local = country(t(data.get("country")))
    address = Address(
        mk_id=ctx.store.next_id("address"),
        address_type=t(data.get("address_type")) or "Dobava",
        street=t(data.get("street")) or "",
        post_number=t(data.get("post_number")) or "",
        city=t(data.get("city")) or t(data.get("place")) or "",
        country=local,
        country_iso2=iso,
        province=t(data.get("province")),
    )
    partner.addresses.append(address)
    return address


def resolve_partner(ctx: Ctx, data: Any) -> DocPartner:
    """A document's partner: a `mk_id`+`mk_address_id` reference, or inline data (→ a new partner)."""
    if not isinstance(data, dict) or not data:
        raise ApiError("2", "Partner data are missing")
    t = wire_in.text
    mk_id, address_id = t(data.get("mk_id")), t(data.get("mk_address_id"))
    customer, street = t(data.get("customer")), t(data.get("street"))
    if mk_id is not None:
        partner = ctx.store.partners.get(mk_id)
        if partner is None:
            raise ApiError("2", "No partner with such properties.")
        if address_id is not None:
            address = next((a for a in partner.addresses if a.mk_id == address_id), None)
            if address is None:
                raise ApiError("2", f"Cannot find address with mk_address_id = {address_id}")
            return snapshot(partner, address)
        if customer and street:
            doc_partner = snapshot(partner, partner.billing_address())
            doc_partner.customer, doc_partner.street = customer, street
            return doc_partner
        raise ApiError("2", "Partner must have mk_address_id or customer and street for address identification")
    if not (customer and street):
        raise ApiError("2", "Partner data are missing")
    if not ctx.switches.inline_partner_always_new and t(data.get("tax_id_number")):
        wanted = _norm_tax_id(t(data.get("tax_id_number")))
        for partner in ctx.store.partners.values():
            if _norm_tax_id(partner.tax_id_number) == wanted:
                return snapshot(partner, partner.billing_address())
    partner = new_partner(ctx, data)
    return snapshot(partner, partner.addresses[0])


# ----- lines -----------------------------------------------------------------------------------------------
def _tax_code(value: Any, item: dict[str, Any]) -> str | None:
    tax = wire_in.text(item.get("tax"))
    if tax is not None:
        if tax.upper() not in TAX_RATES:
            raise ApiError("6", f"Tax '{tax}' doesn't exist.")
        return tax.upper()
    factor = wire_in.as_decimal(item.get("tax_factor"))
    if factor is not None:
        if factor > 1:
            factor = factor / 100
        for code, rate in TAX_RATES.items():
            if rate == factor:
                return code
        raise ApiError("6", f"Tax with tax_factor '{item.get('tax_factor')}' doesn't exist.")
    return value


def _product(store: Store, item: dict[str, Any]) -> Product | None:
    code, count_code = wire_in.text(item.get("code")), wire_in.text(item.get("count_code"))
    if code is not None:
        return store.product_by_code(code)
    if count_code is not None:
        return next((p for p in store.products.values() if p.count_code == count_code), None)
    return None


def _catalogue_price(store: Store, product: Product) -> tuple[Decimal, bool] | None:
    for code, price in product.prices.items():
        plist = store.pricelists.get(code)
        if plist is not None and plist.sales:
            return price, plist.gross
    return None


def build_line(ctx: Ctx, item: Any) -> Line:
    store = ctx.store
    if not isinstance(item, dict):
        raise ApiError("2", "Paramether 'product_list' is in wrong form")
    t = wire_in.text
    code, count_code, name = t(item.get("code")), t(item.get("count_code")), t(item.get("name"))
    amount = wire_in.as_decimal(item.get("amount")) if t(item.get("amount")) else Decimal(1)
    if amount is None:
        raise ApiError("2", "Paramether 'amount' is in wrong form")
    discount = wire_in.discount(item.get("discount"))
    if discount is None:
        raise ApiError("2", "Paramether discount must be valid number or numbers separate by semicolon")
    ident = code or count_code or t(item.get("mk_id"))
    if ident is None:  # a text-only line
        return Line(
            mk_row_id=store.next_id("row"), product_id=None, count_code=None, code=None,
            name=name or t(item.get("doc_desc")) or "", unit=t(item.get("unit")), amount=amount,
            price=wire_in.as_decimal(item.get("price")) or Decimal(0), tax=None,
            doc_desc=t(item.get("doc_desc")),
        )  # fmt: skip
    product = _product(store, item)
    tax = _tax_code(product.tax if product else None, item)
    if product is None:
        unit = t(item.get("unit"))
        if unit is None or code is None:
            raise ApiError(
                ctx.switches.unknown_product_code,
                f"Product with code {ident} not found - unit must be set to add new product",
            )
        if tax is None:
            raise ApiError("6", f"Attribute 'tax' for product with code '{code}' or name '{name or ''}' must be set.")
        taken = {p.count_code for p in store.products.values()}
        while (new_count := f"{store.next_number('product')}") in taken:
            pass
        product = Product(
            mk_id=store.next_id("product"), count_code=count_code or new_count, code=code, name=name or code,
            unit=unit, tax=tax, category="", service=wire_in.as_bool(item.get("service")),
            sales=wire_in.as_bool(item.get("sales"), True),
        )  # fmt: skip
        store.products[product.mk_id] = product
    if tax is None:
        raise ApiError(
            "6", f"Attribute 'tax' for product with code '{product.code}' or name '{product.name}' must be set."
        )
    rate = TAX_RATES[tax]
    gross = wire_in.as_decimal(item.get("price_with_tax"))
    net = wire_in.as_decimal(item.get("price"))
    if t(item.get("price")) and net is None or t(item.get("price_with_tax")) and gross is None:
        raise ApiError("2", "Paramether 'price' is in wrong form")
    entered_gross = net is None and gross is not None
    if net is None and gross is not None:
        net = (gross / (1 + rate)).quantize(NET_PLACES)
    if net is None:
        found = _catalogue_price(store, product)
        if found is None:
            net = Decimal(0)
        else:
            price, entered_gross = found
            net = (price / (1 + rate)).quantize(NET_PLACES) if entered_gross else price
    return Line(
        mk_row_id=store.next_id("row"), product_id=product.mk_id, count_code=product.count_code,
        code=product.code, name=product.name, unit=product.unit, amount=amount, price=net, tax=tax,
        discount=discount, entered_gross=entered_gross, doc_desc=t(item.get("doc_desc")),
    )  # fmt: skip


def build_lines(ctx: Ctx, items: Any) -> list[Line]:
    return [build_line(ctx, item) for item in wire_in.as_list(items)]


# ----- payments --------------------------------------------------------------------------------------------
def payment_type(ctx: Ctx, value: Any) -> str:
    kind = wire_in.text(value) or ctx.store.payment_types[0]
    if kind not in ctx.store.payment_types:
        raise invalid_value("payment_type", kind, ctx.store.payment_types)
    return kind


def mark_paid(ctx: Ctx, items: Any, total: Decimal) -> list[Payment] | None:
    """`mark_paid` replaces the payment list; absent or [] → None (unchanged); [{"amount":"0.00"}] → []."""
    entries = wire_in.as_list(items)
    if not entries:
        return None
    payments: list[Payment] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise ApiError("2", "Paramether 'mark_paid' is in wrong form")
        amount = wire_in.as_decimal(entry.get("amount")) if wire_in.text(entry.get("amount")) else total
        if amount is None:
            raise ApiError("2", "Paramether 'amount' is in wrong form")
        if amount == 0:
            continue
        raw_date = entry.get("date")
        when = wire_in.lenient_date(raw_date) if wire_in.text(raw_date) else ctx.store.today
        if when is None:
            raise ApiError("6", f"Not valid date for date : {raw_date}")
        payments.append(Payment(date=when, amount=amount, payment_type=payment_type(ctx, entry.get("payment_type"))))
    return payments
