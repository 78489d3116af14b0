"""Emulator layer: demo-company partner generation (firms and private buyers, addresses, contact persons)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from faker import Faker

from mkdesk.emulator import names
from mkdesk.emulator.model import TZ, Address, Contact, DocPartner, Partner, Store

_FOLD = str.maketrans({"ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L"})
_FOREIGN_FIRST = {
    "HR": ("Ivan", "Ana", "Marko", "Petra", "Luka", "Ivana", "Josip", "Marija"),
    "AT": ("Thomas", "Anna", "Michael", "Julia", "Stefan", "Sabine", "Andreas", "Claudia"),
    "DE": ("Thomas", "Anna", "Michael", "Julia", "Stefan", "Sabine", "Jürgen", "Katrin"),
    "IT": ("Marco", "Giulia", "Luca", "Francesca", "Andrea", "Chiara", "Matteo", "Sara"),
}
_LANGUAGE = {"SI": "Slovenski", "HR": "Hrvaški", "AT": "Nemški", "DE": "Nemški", "IT": "Italijanski"}


def ascii_fold(text: str) -> str:
    """'Žnidaršič' → 'Znidarsic' (e-mail local parts and domains)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    folded = ascii_fold(text).lower().replace("&", " ").replace("+", " ")
    out = "".join(c if c.isalnum() else "-" for c in folded)
    return "-".join(part for part in out.split("-") if part)


def si_tax_check(first7: str) -> int | None:
    """Slovenian tax number check digit for 7 digits; None when the prefix cannot carry a valid number."""
    remainder = sum(int(d) * w for d, w in zip(first7, range(8, 1, -1), strict=True)) % 11
    if remainder < 2:  # 11 and 10 as a result are not issued (10 is sometimes mapped to 0; avoid both)
        return None
    return 11 - remainder


@dataclass(slots=True)
class Pools:
    male: list[str]
    female: list[str]
    surnames: list[str]
    streets: list[str]


def build_pools(seed: int) -> Pools:
    """Name pools drawn once from Faker (sl_SI, seeded); the generator combines them with its own random stream."""
    fake = Faker("sl_SI")
    fake.seed_instance(seed)
    male = sorted({fake.first_name_male() for _ in range(260)})
    female = sorted({fake.first_name_female() for _ in range(260)})
    surnames = sorted({s[:1].upper() + s[1:] for s in (fake.last_name() for _ in range(500))}
                      | set(names.EXTRA_SURNAMES))
    streets = sorted({fake.street_name() for _ in range(700)})
    return Pools(male, female, surnames, streets)


@dataclass(slots=True)
class PartnerInfo:
    """What the document generator needs to know about a partner (kept beside the store, not in it)."""

    partner: Partner
    snapshot: tuple  # DocPartner positional args (without contact fields)
    contact: tuple[str | None, str | None, str | None]  # name, email, phone of the main contact
    created: date
    due_days: int
    weight: float  # how often the partner buys (0 = never)
    burst: bool  # a recent burst of orders
    bad_payer: bool
    private: bool
    foreign: bool

    def doc_partner(self) -> DocPartner:
        name, email, phone = self.contact
        return DocPartner(*self.snapshot, contact_name=name, contact_email=email, contact_phone=phone)


class PartnerBuilder:
    def __init__(self, store: Store, rng: random.Random, pools: Pools, today: date) -> None:
        self.store, self.rng, self.pools, self.today = store, rng, pools, today
        self.names: set[str] = set()
        self.domains: set[str] = set()
        self.domain_list: list[str] = []
        self.tax_ids: set[str] = set()
        self.outside_contacts: list[Contact] = []  # e.g. an accounting office that serves several firms
        self.town_cum = list(accumulate(t[3] for t in names.TOWNS))
        self.yesterday_end = datetime.combine(today - timedelta(days=1), time(23, 59, 59), TZ)

    # ----- small helpers -------------------------------------------------------------------------------------
    def town(self) -> tuple[str, str, str, int]:
        return self.rng.choices(names.TOWNS, cum_weights=self.town_cum)[0]

    def street(self) -> str:
        number = self.rng.randint(1, 120)
        letter = self.rng.choice("abc") if self.rng.random() < 0.1 else ""
        return f"{self.rng.choice(self.pools.streets)} {number}{letter}"

    def person(self, surname: str | None = None) -> tuple[str, str]:
        first = self.rng.choice(self.pools.female if self.rng.random() < 0.5 else self.pools.male)
        return first, surname or self.rng.choice(self.pools.surnames)

    def gsm(self) -> str:
        r = self.rng
        return f"{r.choice(names.GSM_PREFIXES)} {r.randint(100, 999)} {r.randint(100, 999)}"

    def landline(self, area: str) -> str:
        r = self.rng
        return f"{area} {r.randint(200, 799)} {r.randint(10, 99)} {r.randint(10, 99)}"

    def si_tax_id(self) -> str:
        while True:
            first7 = str(self.rng.randint(1000000, 9999999))
            check = si_tax_check(first7)
            if check is not None and first7 + str(check) not in self.tax_ids:
                self.tax_ids.add(first7 + str(check))
                return first7 + str(check)

    def unique_name(self, make) -> str:
        for _ in range(20):
            name = make()
            if name not in self.names:
                break
        else:
            name = f"{name} {self.rng.randint(2, 99)}"
        self.names.add(name)
        return name

    def domain(self, stem: str, tld: str, town: str) -> str:
        candidate = f"{stem}.{tld}"
        if candidate in self.domains:
            candidate = f"{stem}-{slug(town)}.{tld}"
        suffix = 2
        while candidate in self.domains:
            candidate = f"{stem}{suffix}.{tld}"
            suffix += 1
        self.domains.add(candidate)
        self.domain_list.append(candidate)
        return candidate

    # ----- names -------------------------------------------------------------------------------------------
    def domestic_firm(self) -> tuple[str, str, tuple[str, str] | None]:
        """(name, domain stem, owner of a sole proprietorship or None)"""
        r, p = self.rng, self.pools
        kind = r.random()
        if kind < 0.24:
            surname = r.choice(p.surnames)
            return f"{surname} {r.choice(('d.o.o.', 'd.o.o.', 'd.o.o.', 'd.d.'))}", slug(surname), None
        if kind < 0.44:
            trade, surname = r.choice(names.TRADES), r.choice(p.surnames)
            return f"{trade} {surname} s.p.", slug(f"{trade} {surname}"), self.person(surname)
        if kind < 0.55:
            first, surname = self.person()
            return f"{first} {surname} s.p.", slug(f"{first}-{surname}"), (first, surname)
        if kind < 0.75:
            stem = r.choice(names.FIRM_HEADS) + r.choice(names.FIRM_TAILS)
            return f"{stem} d.o.o.", slug(stem), None
        if kind < 0.81:
            a, b = r.sample(p.surnames, 2)
            return f"{a} in {b} d.o.o.", slug(f"{a}-{b}"), None
        if kind < 0.86:
            surname = r.choice(p.surnames)
            return f"{surname} & sinovi d.o.o.", slug(f"{surname}-sinovi"), None
        town = self.town()[0]
        if kind < 0.93:
            word = r.choice(names.INSTITUTION_WORDS)
            form = r.choice((" d.o.o.", " d.d.", "")) if word in ("Hotel", "Komunala", "Gradis", "Avtohiša",
                                                                    "Pekarna", "Gostišče") else ""
            return f"{word} {town}{form}", slug(f"{word}-{town}"), None
        stem = r.choice(names.FIRM_HEADS) + r.choice(names.FIRM_TAILS)
        return f"{stem} {town} d.o.o.", slug(f"{stem}-{town}"), None

    # ----- partners ------------------------------------------------------------------------------------------
    def build(self, count: int) -> list[PartnerInfo]:
        r = self.rng
        created_days = sorted((r.randint(0, 1095) if r.random() < 0.65 else r.randint(1096, 2600))
                              for _ in range(count))
        infos: list[PartnerInfo] = []
        for index, days_ago in enumerate(reversed(created_days)):  # oldest first: ids ascend with creation
            created = self.today - timedelta(days=max(days_ago, 1))
            roll = r.random()
            if index in (5, 17):  # every company has foreign buyers, however small
                roll = 0.0
            if roll < 0.045:
                info = self.foreign_firm(created)
            elif roll < 0.75:
                info = self.domestic(created)
            else:
                info = self.private(created)
            infos.append(info)
        return infos

    def _new_partner(self, created: date, name: str, business: bool, taxpayer: bool, foreign: bool,
                     tax_id: str | None, registration: str | None) -> Partner:
        store = self.store
        mk_id = store.next_id("partner")
        count_code = f"{store.next_number('partner')}/{created.year}"
        created_ts = datetime.combine(created, time(8, 0), TZ) + timedelta(seconds=self.rng.randint(0, 9 * 3600))
        if self.rng.random() < 0.35:
            span = (self.yesterday_end - created_ts).total_seconds()
            created_ts += timedelta(seconds=int(span * self.rng.random()))
        partner = Partner(mk_id, count_code, name, business, taxpayer, foreign, tax_id, registration,
                          buyer=True, supplier=self.rng.random() < 0.03, last_change=min(created_ts, self.yesterday_end))
        store.partners[mk_id] = partner
        return partner

    def _address(self, address_type: str, street: str, post: str, city: str, iso2: str,
                 due_days: int | None) -> Address:
        country = names.COUNTRIES[iso2][0]
        return Address(self.store.next_id("address"), address_type, street, post, city, country, iso2,
                       payment_due_days=due_days, language=_LANGUAGE[iso2])

    def _contact(self, partner: Partner, address: Address, name: str, email: str | None, gsm: str | None,
                 phone: str | None = None) -> None:
        partner.contacts.append(Contact(self.store.next_id("contact"), address.mk_id, name, email, gsm, phone))

    def _company_contacts(self, partner: Partner, billing: Address, domain: str | None, area: str,
                          owner: tuple[str, str] | None, first_names: tuple[str, ...] | None = None) -> None:
        r = self.rng
        roll = r.random()
        count = 1 if roll < 0.44 else 2 if roll < 0.74 else 3 if roll < 0.9 else r.randint(4, 5)
        if owner is not None:  # a sole proprietor: the owner, sometimes one helper
            count = min(count, 2)
        used: set[str] = set()
        for index in range(count):
            if index == 0 and owner:
                first, last = owner
            elif first_names:
                first, last = r.choice(first_names), r.choice(self.pools.surnames)
            else:
                first, last = self.person()
            email = None
            e_roll = r.random()
            local_first, local_last = slug(first).replace("-", ""), slug(last).replace("-", "")
            if domain is None:
                if e_roll < 0.93:
                    email = f"{local_first}.{local_last}{r.choice(('', '', str(r.randint(1, 99))))}" \
                            f"@{r.choice(names.FREE_MAIL_DOMAINS)}"
            elif e_roll < 0.5:
                email = f"{local_first}.{local_last}@{domain}"
            elif e_roll < 0.68:
                email = f"{local_first}@{domain}"
            elif e_roll < 0.83:
                email = f"{local_first[0]}.{local_last}@{domain}"
            elif e_roll < 0.95:
                email = f"{r.choice(names.ROLE_MAILBOXES)}@{domain}"
            if email in used:
                email = None
            if email:
                used.add(email)
            gsm = self.gsm() if r.random() < 0.8 else None
            phone = self.landline(area) if domain and r.random() < 0.3 else None
            self._contact(partner, billing, f"{first} {last}", email, gsm, phone)

    def domestic(self, created: date) -> PartnerInfo:
        r = self.rng
        holder: list[tuple[str, str, tuple[str, str] | None]] = []

        def make() -> str:
            holder[:] = [self.domestic_firm()]
            return holder[0][0]

        name = self.unique_name(make)
        stem, owner = holder[0][1], holder[0][2]
        sole = owner is not None
        town, post, area, _w = self.town()
        if sole:
            taxpayer = r.random() < 0.6
        else:
            taxpayer = r.random() < 0.93
        tax_id = None
        if r.random() < 0.96:
            tax_id = ("SI" if taxpayer else "") + self.si_tax_id()
        registration = f"{r.randint(1000000, 9999999)}000"
        partner = self._new_partner(created, name, True, taxpayer, False, tax_id, registration)
        due_days = r.choice((8, 15, 15, 30, 30, 30))
        billing = self._address("Račun", self.street(), post, town, "SI", due_days)
        partner.addresses.append(billing)
        if r.random() < 0.15:
            d_town, d_post, _a, _w = self.town()
            partner.addresses.append(self._address("Dobava", self.street(), d_post, d_town, "SI", None))
        if r.random() < 0.05:
            b_town, b_post, _a, _w = self.town()
            partner.addresses.append(self._address("Poslovna enota", self.street(), b_post, b_town, "SI", None))
        domain: str | None
        if sole and r.random() < 0.5:
            domain = None  # a sole proprietor on free mail
        elif self.domain_list and r.random() < 0.015:
            domain = r.choice(self.domain_list)  # a group of firms sharing one domain
        else:
            domain = self.domain(stem, "si" if r.random() < 0.9 else r.choice(("com", "eu")), town)
        self._company_contacts(partner, billing, domain, area, owner)
        if self.outside_contacts and r.random() < 0.03:  # the same person (and e-mail) at two partners
            other = r.choice(self.outside_contacts)
            self._contact(partner, billing, other.name, other.email, other.gsm)
        elif domain and partner.contacts[-1].email and r.random() < 0.05:
            self.outside_contacts.append(partner.contacts[-1])
        if domain:
            partner.email = f"info@{domain}" if r.random() < 0.6 else partner.contacts[0].email
        else:
            partner.email = partner.contacts[0].email
        partner.phone = self.landline(area) if r.random() < 0.6 else partner.contacts[0].gsm
        return self._info(partner, created, due_days, private=False)

    def private(self, created: date) -> PartnerInfo:
        r = self.rng
        holder: list[tuple[str, str]] = []

        def make() -> str:
            holder[:] = [self.person()]
            return f"{holder[0][0]} {holder[0][1]}"

        name = self.unique_name(make)
        town, post, area, _w = self.town()
        partner = self._new_partner(created, name, False, False, False, None, None)
        billing = self._address("Račun", self.street(), post, town, "SI", 8)
        partner.addresses.append(billing)
        first, last = holder[0]
        local = f"{slug(first)}.{slug(last)}".replace("-", "")
        email = f"{local}{r.choice(('', '', str(r.randint(1, 99))))}@{r.choice(names.FREE_MAIL_DOMAINS)}"
        if r.random() < 0.06:
            email = None
        self._contact(partner, billing, name, email, self.gsm() if r.random() < 0.85 else None)
        if r.random() < 0.08:
            spouse_first, _ = self.person()
            self._contact(partner, billing, f"{spouse_first} {last}", None, self.gsm())
        partner.email = email
        partner.phone = partner.contacts[0].gsm
        return self._info(partner, created, 8, private=True)

    def foreign_firm(self, created: date) -> PartnerInfo:
        r = self.rng
        iso2 = r.choice(("HR", "HR", "HR", "AT", "AT", "IT", "DE"))
        spec = names.FOREIGN[iso2]
        holder: list[str] = []

        def make() -> str:
            stem = r.choice(spec["surnames"]) if r.random() < 0.6 else r.choice(names.FIRM_HEADS) + r.choice(
                names.FIRM_TAILS)
            holder[:] = [stem]
            return f"{stem} {r.choice(spec['forms'])}"

        name = self.unique_name(make)
        town, post = r.choice(spec["towns"])
        digits = {"HR": 11, "AT": 8, "IT": 11, "DE": 9}[iso2]
        tax_id = ("ATU" if iso2 == "AT" else iso2) + "".join(str(r.randint(0, 9)) for _ in range(digits))
        partner = self._new_partner(created, name, True, True, True, tax_id, None)
        street = f"{r.choice(spec['streets'])} {r.randint(1, 150)}"
        billing = self._address("Račun", street, post, town, iso2, 30)
        billing.language = _LANGUAGE[iso2]
        partner.addresses.append(billing)
        domain = self.domain(slug(holder[0]), spec["tld"], town)
        self._company_contacts(partner, billing, domain, "", None, _FOREIGN_FIRST[iso2])
        partner.email = f"office@{domain}" if r.random() < 0.5 else partner.contacts[0].email
        return self._info(partner, created, 30, private=False)

    def _info(self, partner: Partner, created: date, due_days: int, private: bool) -> PartnerInfo:
        r = self.rng
        roll = r.random()
        burst = False
        if private:
            weight = 0.0 if roll < 0.15 else 0.6 if roll < 0.85 else 2.0
        elif roll < 0.12:
            weight = 0.0
        elif roll < 0.47:
            weight = 0.8
        elif roll < 0.84:
            weight = 4.0
        elif roll < 0.97:
            weight = 18.0
        else:
            weight, burst = 6.0, True
        billing = partner.billing_address()
        snapshot = (partner.mk_id, billing.mk_id, partner.count_code, partner.customer, billing.street,
                    billing.post_number, billing.city, names.COUNTRIES[billing.country_iso2][1], billing.country_iso2,
                    partner.business_entity, partner.taxpayer, partner.foreign, partner.tax_id_number)
        main = partner.contacts[0] if partner.contacts else None
        contact = (main.name, main.email, main.gsm or main.phone) if main else (None, None, None)
        return PartnerInfo(partner, snapshot, contact, created, due_days, weight, burst,
                           bad_payer=r.random() < 0.08, private=private, foreign=partner.foreign)
