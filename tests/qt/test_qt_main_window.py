"""Tests for mkdesk.qt.main_window: the four tabs, status, busy indicator and company facts; browse tabs attached
to a cache, quick search opening items in their tabs, detail links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

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


def _attached(qtbot, cache_db, run_until):
    from mkdesk.qt.bridge import Bridge

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(Bridge(), cache_db)
    run_until(lambda: all(tab.model.ever_loaded for tab in window.browse.values()))
    return window


def test_attach_replaces_the_placeholders_with_the_tabs(qtbot, cache_db, run_until):
    window = _attached(qtbot, cache_db, run_until)
    assert [window.tabs.tabText(i) for i in range(4)] == ["Contacts", "Documents", "Products", "Mail"]
    for name in ("contacts", "documents", "products"):
        assert window.tabs.widget(TAB_NAMES.index(name)) is window.browse[name]
        assert window.browse[name].model.total > 0
    assert window.tabs.widget(3) is window.browse["mail"]  # the Mail tab (empty list: no mail in this cache)
    assert window.quick_action.isEnabled() and window.quick_action.shortcut().toString() == "Ctrl+K"
    run_until(lambda: not window.browse["contacts"]._bridge.busy)


def test_quick_search_opens_the_item_in_its_tab_selected(qtbot, cache_db, run_until):
    from mkdesk.core.cache.repo_products import list_products

    window = _attached(qtbot, cache_db, run_until)
    product = cache_db.read_sync(lambda c: list_products(c, limit=1, offset=120))[0]
    window.quick_action.trigger()
    assert window.quick_search.isVisible()
    shown = []
    window.quick_search.results_shown.connect(shown.append)
    qtbot.keyClicks(window.quick_search.edit, product.code)
    run_until(lambda: shown)
    qtbot.keyClick(window.quick_search.edit, Qt.Key.Key_Return)
    tab = window.browse["products"]
    assert window.current_tab() == "products"
    run_until(lambda: tab.selected_key() == product.mk_id and tab.detail.result is not None)
    assert tab.detail.result.detail.product.mk_id == product.mk_id
    window.focus_search()  # Ctrl+F
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    run_until(lambda: not tab._bridge.busy)


def test_detail_links_open_other_tabs(qtbot, cache_db, run_until):
    window = _attached(qtbot, cache_db, run_until)
    contacts = window.browse["contacts"]
    run_until(lambda: contacts.detail.result is not None)
    doc = contacts.detail.result.detail.documents[0]
    contacts.detail.open_requested.emit("document", (doc.doc_type, doc.mk_id))
    documents = window.browse["documents"]
    assert window.current_tab() == "documents"
    run_until(lambda: documents.detail.key == (doc.doc_type, doc.mk_id) and documents.detail.result is not None)
    run_until(lambda: not documents._bridge.busy)
