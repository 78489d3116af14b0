"""Core layer: the words of the demo mailbox — customer emails in Slovenian and English built from cache facts (pure,
any thread).

Each function takes the facts it needs (a sender, a document, products) and returns a `Letter`: subject, plain text
and optionally HTML. `genitive` gives the Slovenian genitive of a product name ("Pralni stroj LG" → "pralnega stroja
LG"), so the demo carries inflected product names the way customers write them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Sender:
    """A customer's contact person: name, address, company (or the person's own name) and language ('sl'/'en')."""

    name: str
    email: str
    company: str
    lang: str


@dataclass(frozen=True, slots=True)
class Doc:
    number: str
    buyer_order: str | None
    doc_date: date | None
    total: Decimal | None
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Letter:
    subject: str
    text: str
    html: str | None = None


def _noun(word: str) -> str:
    low = word.lower()
    for end, repl in (("ec", "ca"), ("ek", "ka"), ("el", "la")):
        if low.endswith(end) and len(low) > 4:
            return word[:-2] + repl
    if low.endswith("a"):
        return word[:-1] + "e"
    if low.endswith("o"):
        return word[:-1] + "a"
    if low.endswith("r"):
        return word + "ja"
    if low[-1:] in "bcčdfghjklmnpsštvzž":
        return word + "a"
    return word


def _adjective(word: str) -> str:
    return word[:-1] + ("ega" if word.endswith("i") else "e")


def genitive(name: str) -> str:
    """The Slovenian genitive of a product name's head ("Kavni avtomat Jura" → "kavnega avtomata Jura", "Mikrovalovna
    pečica" → "mikrovalovne pečice"); brand and model stay as written, acronyms ("HDMI kabel") too. Lower-cases the
    inflected words, as a customer writes them mid-sentence."""
    words = name.split()
    if not words:
        return name
    head = 0
    if words[0].isupper() and len(words) > 1:  # an acronym in front: inflect the noun after it
        head = 1
    out = list(words[:head])
    i = head
    while (i + 1 < len(words) and words[i + 1].islower()
           and words[i].lower().endswith(("ni", "ski", "ški", "ji", "ri", "ti", "na", "ska", "ška", "ja"))):
        out.append(_adjective(words[i].lower()))  # adjectives before the noun agree with it
        i += 1
    return " ".join(out + [_noun(words[i].lower())] + words[i + 1:])


def _d(day: date | None, lang: str) -> str:
    if day is None:
        return ""
    return f"{day.day}. {day.month}. {day.year}" if lang == "sl" else day.isoformat()


def _money(amount: Decimal | None, lang: str) -> str:
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    if lang == "sl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} EUR" if lang == "en" else f"{text} €"


def _sign(s: Sender) -> str:
    closing = "Lep pozdrav" if s.lang == "sl" else "Best regards"
    company = "" if s.company == s.name else f"\n{s.company}"
    return f"\n\n{closing},\n{s.name}{company}\n"


def _hello(lang: str, variant: int = 0) -> str:
    if lang == "sl":
        return ("Pozdravljeni,", "Spoštovani,", "Dober dan,")[variant % 3]
    return ("Hello,", "Dear sales team,", "Hi,")[variant % 3]


def order_status(s: Sender, order: Doc, *, by_reference: bool, variant: int = 0, item: Item | None = None,
                 quantity: int = 0) -> Letter:
    ref = order.buyer_order if by_reference and order.buyer_order else order.number
    if s.lang == "sl":
        subjects = (f"Status naročila {ref}", f"Kdaj bo odpremljeno naročilo {ref}?", f"Vprašanje glede {ref}")
        subject = subjects[variant % 3]
        when = f" z dne {_d(order.doc_date, 'sl')}" if order.doc_date else ""
        body = (f"{_hello('sl', variant)}\n\nzanima nas, v kakšnem stanju je naše naročilo {ref}{when}. "
                "Ali nam lahko sporočite predviden datum dobave? Stranka nas že sprašuje.")
        if item is not None:
            body += (f"\n\nPotrebovali bi še {quantity} kos {item.code} ({genitive(item.name)}) - ali jih imate "
                     "na zalogi, da jih dodate k dobavi?")
    else:
        subject = (f"Order {ref} - status?", f"When will order {ref} ship?", f"Question about {ref}")[variant % 3]
        when = f" placed on {_d(order.doc_date, 'en')}" if order.doc_date else ""
        body = (f"{_hello('en', variant)}\n\ncould you let us know the status of our order {ref}{when}? "
                "We would need an expected delivery date for our planning.")
        if item is not None:
            body += (f"\n\nWe would also need {quantity} pcs of {item.code} ({item.name}) - are they in stock "
                     "so you could add them to the delivery?")
    return Letter(subject, body + _sign(s))


def overdue_reply(s: Sender, invoice: Doc, *, variant: int = 0) -> Letter:
    amount = _money(invoice.total, s.lang)
    if s.lang == "sl":
        subject = f"Re: Opomin - račun {invoice.number}"
        body = ((f"{_hello('sl', variant)}\n\nhvala za opomin. Račun {invoice.number} v znesku {amount} smo "
                 "spregledali, plačilo bo izvedeno do konca tedna. Se opravičujemo za zamudo.")
                if variant % 2 == 0 else
                (f"{_hello('sl', variant)}\n\npo našem vedenju je račun {invoice.number} že plačan. "
                 "Prosim, preverite še enkrat in nam pošljite izpis odprtih postavk."))
    else:
        subject = f"Re: Payment reminder - invoice {invoice.number}"
        body = (f"{_hello('en', variant)}\n\nthank you for the reminder about invoice {invoice.number} "
                f"({amount}). The payment has been scheduled and will reach you within a few days.")
    return Letter(subject, body + _sign(s))


def price_request(s: Sender, items: list[Item], *, with_codes: bool, variant: int = 0) -> Letter:
    if s.lang == "sl":
        names = [f"{genitive(i.name)}" + (f" ({i.code})" if with_codes else "") for i in items]
        subject = ("Povpraševanje - cena", "Prosim za ponudbo", "Cena in dobavni rok")[variant % 3]
        listed = "\n".join(f"- {n}" for n in names)
        body = (f"{_hello('sl', variant)}\n\nprosimo za ponudbo oziroma ceno za naslednje:\n{listed}\n\n"
                "Zanima nas tudi dobavni rok in ali je možen količinski popust.")
    else:
        names = [i.name + (f" ({i.code})" if with_codes else "") for i in items]
        subject = ("Price request", "Request for quotation", "Prices and delivery time")[variant % 3]
        listed = "\n".join(f"- {n}" for n in names)
        body = (f"{_hello('en', variant)}\n\nplease send us your best price for:\n{listed}\n\n"
                "Please include the delivery time.")
    return Letter(subject, body + _sign(s))


def stock_request(s: Sender, item: Item, quantity: int, *, with_code: bool, variant: int = 0) -> Letter:
    code = f" {item.code}" if with_code else ""
    if s.lang == "sl":
        subject = f"Zaloga - {genitive(item.name)}" if variant % 2 else "Ali imate na zalogi?"
        body = (f"{_hello('sl', variant)}\n\nali imate na zalogi {quantity} kos. {genitive(item.name)}{code}? "
                "Če je, bi jih prevzeli še ta teden.")
    else:
        subject = f"Stock of {item.name}" if variant % 2 else "Availability"
        body = (f"{_hello('en', variant)}\n\ndo you have {quantity} pcs of {item.name}{code} in stock? "
                "We could pick them up this week.")
    return Letter(subject, body + _sign(s))


def offer_followup(s: Sender, offer: Doc, *, variant: int = 0) -> Letter:
    if s.lang == "sl":
        subject = f"Re: Ponudba {offer.number}"
        body = (f"{_hello('sl', variant)}\n\nhvala za ponudbo {offer.number}. Ponudbo še preučujemo; ali bi lahko "
                "podaljšali veljavnost za 14 dni? Odločitev pričakujemo naslednji teden.")
    else:
        subject = f"Re: Offer {offer.number}"
        body = (f"{_hello('en', variant)}\n\nthanks for offer {offer.number}. Could you extend its validity by two "
                "weeks? We expect to decide next week.")
    return Letter(subject, body + _sign(s))


def prospect(name: str, company: str, lang: str, items: list[Item]) -> Letter:
    s = Sender(name, "", company, lang)
    if lang == "sl":
        wanted = ", ".join(genitive(i.name) for i in items)
        body = (f"{_hello('sl', 1)}\n\nsmo novo podjetje ({company}) in opremljamo nove prostore. Zanima nas "
                f"sodelovanje in cene {wanted}. Ali nam lahko pošljete cenik in pogoje za podjetja?")
        return Letter("Povpraševanje za sodelovanje", body + _sign(s))
    wanted = ", ".join(i.name for i in items)
    body = (f"{_hello('en', 1)}\n\nwe are {company} and are looking for a supplier for {wanted}. Could you send "
            "your price list and terms for business customers?")
    return Letter("New customer enquiry", body + _sign(s))


def complaint(s: Sender, invoice: Doc, item: Item, *, variant: int = 0) -> Letter:
    if s.lang == "sl":
        subject = f"Reklamacija - {item.name}"
        body = (f"{_hello('sl', variant)}\n\nz računom {invoice.number} smo prejeli {item.name} ({item.code}), ki "
                "ne deluje pravilno - ob vklopu se takoj izklopi. Prosimo za navodila za vračilo ali zamenjavo.")
    else:
        subject = f"Complaint - {item.name}"
        body = (f"{_hello('en', variant)}\n\nthe {item.name} ({item.code}) delivered with invoice {invoice.number} "
                "arrived damaged. Please advise how to return or replace it.")
    return Letter(subject, body + _sign(s))


def chain(s: Sender, order: Doc, item: Item, own_name: str) -> list[Letter]:
    """Three customer messages of one conversation; the later ones quote our reply."""
    if s.lang == "sl":
        subject = f"Dobava {genitive(item.name)}"
        first = (f"{_hello('sl')}\n\nk naročilu {order.number} bi radi dodali še 2 kos. {genitive(item.name)} "
                 f"({item.code}). Je to še mogoče?")
        ours = f"> Seveda, dodali smo ju k naročilu {order.number}.\n> {own_name}"
        second = f"{_hello('sl', 2)}\n\nodlično, hvala. Kdaj lahko pričakujemo dostavo?\n\n{ours}"
        third = (f"{_hello('sl', 2)}\n\nše eno vprašanje: ali lahko dostavo prestavite na petek?\n\n"
                 f"> Dostava je predvidena v sredo.\n> {own_name}")
    else:
        subject = f"Delivery of {item.name}"
        first = (f"{_hello('en')}\n\ncould you add 2 pcs of {item.name} ({item.code}) to order {order.number}?")
        ours = f"> Of course, both were added to order {order.number}.\n> {own_name}"
        second = f"{_hello('en', 2)}\n\ngreat, thank you. When can we expect the delivery?\n\n{ours}"
        third = (f"{_hello('en', 2)}\n\none more thing: could the delivery move to Friday?\n\n"
                 f"> Delivery is planned for Wednesday.\n> {own_name}")
    return [Letter(subject, first + _sign(s)), Letter("Re: " + subject, second + _sign(s)),
            Letter("Re: " + subject, third + _sign(s))]


def forwarded(s: Sender, colleague: Sender, invoice: Doc) -> Letter:
    inner = (f"---------- Posredovano sporočilo ----------\nOd: {colleague.name} <{colleague.email}>\n"
             f"Zadeva: Račun {invoice.number}\n\nProsim, preveri račun {invoice.number} - znesek "
             f"{_money(invoice.total, 'sl')} se ne ujema z našo naročilnico.")
    body = (f"{_hello('sl')}\n\nposredujem vprašanje naše računovodkinje. Nam lahko pošljete kopijo računa "
            f"{invoice.number}?\n\n{inner}")
    return Letter(f"Fwd: Račun {invoice.number}", body + _sign(s))


def colleague_forward(colleague: str, customer: Sender, item: Item, quantity: int, when: str) -> Letter:
    """A colleague at the rep's own company forwards a customer's enquiry (the context follows the original sender)."""
    first = colleague.split()[0]
    inner = (f"---------- Forwarded message ---------\nFrom: {customer.name} <{customer.email}>\nDate: {when}\n"
             f"Subject: Cena za večjo količino\n\n{_hello('sl')}\n\nzanima nas cena za {quantity} kos {item.code} "
             f"({genitive(item.name)}) in kdaj bi jih lahko dobavili." + _sign(customer))
    body = (f"Živjo,\n\nto povpraševanje je prišlo na moj naslov - prosim, pripravi ponudbo.\n\n{first}\n\n{inner}")
    return Letter("Fwd: Cena za večjo količino", body)


def order_with_attachment(s: Sender, items: list[Item], kind: str) -> Letter:
    what = "naročilnico v priponki (CSV)" if kind == "csv" else "naročilnico v priponki (PDF)"
    listed = "\n".join(f"- {i.name} ({i.code})" for i in items)
    body = (f"{_hello('sl', 1)}\n\npošiljam {what}. Na kratko:\n{listed}\n\nProsim za potrditev naročila.")
    return Letter("Naročilo - priponka", body + _sign(s))


def order_csv(items: list[Item], quantities: list[int]) -> bytes:
    lines = ["koda;naziv;kolicina"] + [f"{i.code};{i.name};{q}" for i, q in zip(items, quantities, strict=True)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def order_pdf(items: list[Item], quantities: list[int]) -> bytes:
    """A small valid one-page PDF listing the order lines (ASCII text; Helvetica)."""
    def ascii_(text: str) -> str:
        folded = text.translate(str.maketrans("čćšžđČĆŠŽĐ", "ccszdCCSZD"))
        return folded.encode("ascii", "replace").decode().replace("\\", "/").replace("(", "[").replace(")", "]")

    lines = ["Narocilnica"] + [f"{q} x {ascii_(i.code)} {ascii_(i.name)}" for i, q in zip(items, quantities,
                                                                                            strict=True)]
    stream = "BT /F1 12 Tf 50 780 Td 16 TL " + " ".join(f"({t}) Tj T*" for t in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def newsletter(brand: str, items: list[str], tracker: str) -> Letter:
    """A marketing mail with remote images and a tracking pixel: it must match nobody and load nothing by default."""
    cards = "".join(f'<td><img src="https://{tracker}/img/{n}.jpg" width="160" alt="{html.escape(t)}"><br>'
                    f"<b>{html.escape(t)}</b></td>" for n, t in enumerate(items))
    body_html = (f'<html><body style="background:url(https://{tracker}/bg.png)">'
                 f'<h1>{html.escape(brand)} - novosti meseca</h1><p>Odkrijte jesenske novosti!</p>'
                 f'<table><tr>{cards}</tr></table>'
                 f'<p><a href="https://{tracker}/click?id=42">Oglejte si ponudbo</a></p>'
                 f'<img src="https://{tracker}/open.gif?u=8812" width="1" height="1"></body></html>')
    text = f"{brand} - novosti meseca\n\n" + "\n".join(f"* {t}" for t in items) + f"\n\nhttps://{tracker}/click?id=42"
    return Letter(f"{brand}: novosti meseca", text, body_html)


def html_version(letter: Letter) -> Letter:
    """The same letter with a simple HTML part (paragraphs, quoted lines in a blockquote), as mail clients send it."""
    parts, quote = [], []
    for block in letter.text.split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith(">") for line in lines):
            quote.append("<br>".join(html.escape(line[1:].strip()) for line in lines))
            continue
        parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    quoted = "".join(f'<blockquote style="border-left:2px solid #ccc;padding-left:8px">{q}</blockquote>'
                     for q in quote)
    return Letter(letter.subject, letter.text, f'<html><body style="font-family:Arial">{"".join(parts)}{quoted}'
                                                 "</body></html>")
