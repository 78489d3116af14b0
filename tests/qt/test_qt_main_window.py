"""Tests for mkdesk.qt.main_window: the four tabs, status, busy indicator and company facts."""

from __future__ import annotations

from mkdesk.qt.main_window import TAB_NAMES, MainWindow


def test_tabs_and_selection(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Contacts",
        "Documents",
        "Products",
        "Mail",
    ]
    for name in TAB_NAMES:
        window.select_tab(name)
        assert window.current_tab() == name


def test_status_busy_and_facts(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_status("Preparing")
    assert window.status_label.text() == "Preparing"
    window.set_busy(True)
    assert window.progress.isVisible() and window.progress.maximum() == 0
    window.set_busy(False)
    assert not window.progress.isVisible()
    window.set_company("Tehnomarket d.o.o.", [("Partners", 5000), ("Warehouses", "glavno")])
    assert "Tehnomarket d.o.o." in window.windowTitle()
    page = window.pages["contacts"]
    assert page.facts.isVisible()
    assert page.facts_layout.rowCount() == 2
    window.set_company("X", [])
    assert not page.facts.isVisible()


def test_numbers_follow_the_locale(qtbot):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QLabel

    QLocale.setDefault(QLocale(QLocale.Language.Slovenian, QLocale.Country.Slovenia))
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.set_company("Tehnomarket d.o.o.", [("Partners", 50000)])
        texts = [label.text() for label in window.pages["contacts"].facts.findChildren(QLabel)]
        assert any(text.replace("\xa0", " ").replace(".", " ") == "50 000" for text in texts), texts
        assert window.pages["contacts"].title.text() == "Tehnomarket d.o.o."
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
