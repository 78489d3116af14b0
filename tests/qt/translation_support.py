"""Test support: a catalogue that marks every sentence of context "ErrorTexts" ("SL[…]"), as the Slovenian one will
translate them, so a test sees which texts reach the user through `mkdesk.qt.error_texts`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QTranslator


class MarkedErrorTexts(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return f"SL[{source}]" if context == "ErrorTexts" else None


@contextlib.contextmanager
def error_texts_marked() -> Iterator[None]:
    """The marking catalogue installed for the block (a QApplication must exist)."""
    catalogue = MarkedErrorTexts()
    QCoreApplication.installTranslator(catalogue)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(catalogue)
