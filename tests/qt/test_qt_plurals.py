"""Count strings: Qt's `%n` plural forms, English singular and plural resolved from the "(s)" source texts, and a
translation with its own plural forms left alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from mkdesk.qt.plurals import counted


def tr(text: str, n: int) -> str:
    return counted(QCoreApplication.translate("Pane", text, "", n), n)


def test_english_singular_and_plural(qapp):
    assert tr("%n day(s) late", 1) == "1 day late"
    assert tr("%n day(s) late", 5) == "5 days late"
    assert tr("%n day(s) late", 0) == "0 days late"
    assert tr("%n overdue invoice(s): {amount}", 1).format(amount="10 €") == "1 overdue invoice: 10 €"
    assert tr("%n box(es)", 2) == "2 boxes" and tr("%n box(es)", 1) == "1 box"


def test_locale_digits_with_ln(qapp):
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert tr("%Ln message(s)", 12345) == "12,345 messages"
        assert tr("%Ln message(s)", 1) == "1 message"
    finally:
        QLocale.setDefault(before)


class Slovenian(QTranslator):
    """A catalogue with Slovenian plural forms for one string (as `mkdesk_sl.qm` would have)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if source != "%n day(s) late":
            return None
        form = "dan" if n % 100 == 1 else "dneva" if n % 100 == 2 else "dnevi" if n % 100 in (3, 4) else "dni"
        return f"%n {form} zamude"


def test_a_translation_keeps_its_own_forms(qapp):
    translator = Slovenian()
    QCoreApplication.installTranslator(translator)
    try:
        assert [tr("%n day(s) late", n) for n in (1, 2, 3, 5)] == [
            "1 dan zamude", "2 dneva zamude", "3 dnevi zamude", "5 dni zamude"]
    finally:
        QCoreApplication.removeTranslator(translator)
