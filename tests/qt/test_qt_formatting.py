"""Tests for mkdesk.qt.formatting: Decimal money and quantities from their exact digits, per locale; dates; ages."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from PySide6.QtCore import QLocale

from mkdesk.qt.formatting import ago, date_text, decimal_text, long_date_text, money, quantity
from mkdesk.qt.i18n import install_translations, remove_translations

SL = QLocale(QLocale.Language.Slovenian, QLocale.Country.Slovenia)
EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def test_money_is_exact_and_grouped(qapp):
    assert money(Decimal("1234567.005"), "EUR", EN) == "1,234,567.01\u00a0€"
    assert money(Decimal("1234567.005"), "EUR", SL).replace("\u00a0", " ") == "1.234.567,01 €"
    # 0.1 + 0.2 would show float noise through float; Decimal text never does
    assert money(Decimal("0.1") + Decimal("0.2"), None, EN) == "0.30"
    assert money(Decimal("-12.5"), "USD", EN) == "-12.50\u00a0USD"
    assert money(Decimal("12345678901234567890.12"), None, EN) == "12,345,678,901,234,567,890.12"
    assert money(None) == "" and money(Decimal("-0.001"), None, EN) == "0.00"


def test_quantities_dates_and_ages(qapp):
    assert quantity(Decimal("10.500"), "kos", EN) == "10.5\u00a0kos"
    assert quantity(Decimal("1E+3"), None, EN) == "1,000"
    assert quantity(Decimal("0E-3"), None, EN) == "0"
    assert decimal_text(Decimal("2.25"), None, SL) == "2,25"
    assert date_text(date(2026, 3, 2), EN) == EN.toString(EN.toDate("2026-03-02", "yyyy-MM-dd"),
                                                          QLocale.FormatType.ShortFormat)
    assert date_text(None) == ""
    now = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)
    assert ago(now - timedelta(seconds=5), now) == "just now"
    assert ago(now - timedelta(minutes=7), now) == "7 min ago"
    assert ago(now - timedelta(hours=5), now) == "5 h ago"
    assert ago(now - timedelta(days=3), now) == "3 days ago"
    assert ago(None) == "never"


def test_ago_in_days_has_plural_forms(qapp):
    now = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)
    assert ago(now - timedelta(days=1, hours=5), now) == "1 day ago"
    assert ago(now - timedelta(days=2), now) == "2 days ago"
    assert ago(now - timedelta(days=21), now) == "21 days ago"


def test_ago_in_slovenian_uses_the_four_forms(qapp):
    now = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)
    assert install_translations("sl") == "sl"
    try:
        assert [ago(now - timedelta(days=n), now) for n in (1, 2, 3, 4, 5, 101, 102)] == [
            "pred 1 dnevom", "pred 2 dnevoma", "pred 3 dnevi", "pred 4 dnevi", "pred 5 dnevi", "pred 101 dnevom",
            "pred 102 dnevoma"]
        assert ago(now - timedelta(seconds=30), now) == "pravkar"
        assert ago(now - timedelta(minutes=7), now) == "pred 7 min"
        assert ago(None) == "nikoli"
    finally:
        remove_translations()


def test_long_dates_put_slovenian_months_in_the_genitive(qapp):
    sl = SL
    expected = ["januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta", "septembra",
                "oktobra", "novembra", "decembra"]
    for month, genitive in enumerate(expected, start=1):
        text = long_date_text(date(2026, month, 2), sl)
        assert f"2. {genitive} 2026" in text, text
    assert long_date_text(date(2026, 11, 24), sl) == "torek, 24. novembra 2026"
    english = long_date_text(date(2026, 11, 24), EN)
    assert "November" in english and "24" in english
