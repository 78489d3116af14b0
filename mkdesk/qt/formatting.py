"""Qt layer: locale-aware text for money, quantities, dates and ages (pure functions; call on the GUI thread).

`Decimal` values are formatted from their exact digits (grouped and with the locale's decimal point), never through
float, so what the cache holds is what the rep reads.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from mkdesk.qt.plurals import counted

_SYMBOLS = {"EUR": "€"}


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("formatting", text, disambiguation, n)


def decimal_text(value: Decimal | None, places: int | None = None, locale: QLocale | None = None) -> str:
    """`Decimal` → locale text: `places` fixed decimals (half up), or as few as the value needs."""
    if value is None:
        return ""
    loc = locale or QLocale()
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    text = format(value, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = loc.groupSeparator().join(groups) + (loc.decimalPoint() + fraction if fraction else "")
    if negative and any(ch not in "0" for ch in text.lstrip("-").replace(".", "")):
        out = loc.negativeSign() + out
    return out


def money(value: Decimal | None, currency: str | None = None, locale: QLocale | None = None) -> str:
    """Two decimals and the currency (`1.234,50 €` in Slovenian, `1,234.50 €` in English)."""
    if value is None:
        return ""
    text = decimal_text(value, 2, locale)
    if not currency:
        return text
    return f"{text}\u00a0{_SYMBOLS.get(currency.upper(), currency)}"


def quantity(value: Decimal | None, unit: str | None = None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    text = decimal_text(value, None, locale)
    return f"{text}\u00a0{unit}" if unit else text


def date_text(value: date | None, locale: QLocale | None = None) -> str:
    """A date in the locale's short format."""
    if value is None:
        return ""
    loc = locale or QLocale()
    if loc.language() == QLocale.Language.C:  # no locale configured: ISO dates rather than Qt's "d M yyyy"
        return value.isoformat()
    return loc.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


#: Slovenian months after a day number are in the genitive ("2. marca 2026"); Qt's catalogue (CLDR) gives the
#: nominative ("2. marec 2026") in every long date
_SL_GENITIVE = ("januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta", "septembra",
                "oktobra", "novembra", "decembra")


def long_date_text(value: date, locale: QLocale | None = None) -> str:
    """A date in the locale's long format ("Monday, March 2, 2026"; "ponedeljek, 2. marca 2026")."""
    loc = locale or QLocale()
    text = loc.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)
    if loc.language() == QLocale.Language.Slovenian:
        nominative = loc.monthName(value.month, QLocale.FormatType.LongFormat)
        text = text.replace(f". {nominative}", f". {_SL_GENITIVE[value.month - 1]}", 1)
    return text


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """How long ago, for freshness lines: "just now", "5 min ago", "3 h ago", "1 day ago", "2 days ago" (days in
    the language's plural forms)."""
    if moment is None:
        return _tr("never")
    now = now or datetime.now(moment.tzinfo)
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return _tr("just now")
    if seconds < 3600:
        return _tr("{n} min ago").format(n=seconds // 60)
    if seconds < 86400:
        return _tr("{n} h ago").format(n=seconds // 3600)
    days = seconds // 86400
    return counted(_tr("%n day(s) ago", "", days), days)
