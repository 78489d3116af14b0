"""Qt layer: the main window — Contacts, Documents, Products and Mail tabs, quick search, status bar (GUI thread).

It never awaits and never touches the network or the database: `attach(bridge, db)` gives the browse tabs and the
quick search their way to the cache (everything goes through the bridge); `apply_changes(changes)` after a sync
lets each tab refresh only for its own data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

TAB_NAMES = ("contacts", "documents", "products", "mail")


class EmptyState(QWidget):
    """A centred title + explanation shown while a tab has nothing to list yet."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(520)
        self.facts = QFrame()
        self.facts.setFrameShape(QFrame.Shape.StyledPanel)
        self.facts_layout = QFormLayout(self.facts)
        self.facts.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.facts, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_facts(self, facts: list[tuple[str, str | int]]) -> None:
        """Show label/value rows; whole numbers are formatted for the user's locale."""
        while self.facts_layout.rowCount():
            self.facts_layout.removeRow(0)
        locale = QLocale()
        for label, value in facts:
            text = locale.toString(value) if isinstance(value, int) else value
            value_label = QLabel(text)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts_layout.addRow(QLabel(label), value_label)
        self.facts.setVisible(bool(facts))


class MainWindow(QMainWindow):
    """The application window. It never awaits and never touches the network or the database."""

    sync_requested = Signal()
    cancel_requested = Signal()
    settings_requested = Signal()
    sync_log_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("mkdesk")
        self.resize(1200, 760)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setObjectName("MainTabs")  # its selected tab is remembered (window_state)
        self.pages: dict[str, EmptyState] = {
            "contacts": EmptyState(
                self.tr("Contacts"),
                self.tr("Partners and their contact persons appear here after the first sync."),
            ),
            "documents": EmptyState(
                self.tr("Documents"),
                self.tr("Offers, sales orders and invoices appear here after the first sync."),
            ),
            "products": EmptyState(
                self.tr("Products"),
                self.tr("Products with prices and stock per warehouse appear here after the first sync."),
            ),
            "mail": EmptyState(
                self.tr("Mail"),
                self.tr("Your customers' email, with their Metakocka context beside each message."),
            ),
        }
        titles = {
            "contacts": self.tr("Contacts"),
            "documents": self.tr("Documents"),
            "products": self.tr("Products"),
            "mail": self.tr("Mail"),
        }
        for name in TAB_NAMES:
            self.tabs.addTab(self.pages[name], titles[name])
        self.setCentralWidget(self.tabs)
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_action.setToolTip(self.tr("Fetch what changed in Metakocka (F5)"))
        self.sync_action.triggered.connect(self.sync_requested)
        self.cancel_action = QAction(self.tr("Cancel sync"), self)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel_requested)
        from mkdesk.qt.sync_menu import SyncMenu

        self.sync_menu = SyncMenu(self)  # All / one entity / per-entity auto-sync; F5 stays "sync all"
        self.sync_action.setMenu(self.sync_menu)
        self.sync_log_action = QAction(self.tr("Sync log"), self)
        self.sync_log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.sync_log_action.setToolTip(self.tr("What each sync did, errors and diagnostics (Ctrl+L)"))
        self.sync_log_action.setEnabled(False)  # until a cache is open
        self.sync_log_action.triggered.connect(self.sync_log_requested)
        self.quick_action = QAction(self.tr("Quick search"), self)
        self.quick_action.setShortcut(QKeySequence("Ctrl+K"))
        self.quick_action.setToolTip(self.tr("Find a partner, product or document (Ctrl+K)"))
        self.quick_action.setEnabled(False)
        self.quick_action.triggered.connect(self.show_quick_search)
        self.find_action = QAction(self.tr("Find in this tab"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        self.browse: dict[str, Any] = {}
        self.quick_search: Any = None
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.cancel_action)
        toolbar.addAction(self.sync_log_action)
        from PySide6.QtWidgets import QToolButton

        sync_button = toolbar.widgetForAction(self.sync_action)
        if isinstance(sync_button, QToolButton):
            sync_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        toolbar.addAction(self.settings_action)
        toolbar.addSeparator()
        toolbar.addAction(self.quick_action)
        self.addToolBar(toolbar)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        from mkdesk.qt.freshness import FreshnessLabel

        self.freshness = FreshnessLabel(parent=self)
        self.statusBar().addPermanentWidget(self.freshness)

    def attach(self, bridge: Any, db: Any, pdfs: Any = None, client: Any = None) -> None:
        """Replace the placeholder pages with the browse tabs over this cache and start loading them; `pdfs` (a
        `mkdesk.core.pdfs.PdfService`) gives the document pane its "Open PDF", `client` (a provider of the Metakocka
        client of the moment, None from it while not connected) the Mail tab's context its refresh and lookups."""
        from mkdesk.qt.mail.tab import MailTab
        from mkdesk.qt.quick_search import QuickSearch
        from mkdesk.qt.tabs.contacts import ContactsTab
        from mkdesk.qt.tabs.documents import DocumentsTab
        from mkdesk.qt.tabs.products import ProductsTab

        current = self.tabs.currentIndex()
        self.browse = {"contacts": ContactsTab(bridge, db), "documents": DocumentsTab(bridge, db),
                       "products": ProductsTab(bridge, db), "mail": MailTab(bridge, db)}
        for name, tab in self.browse.items():
            index = TAB_NAMES.index(name)
            title = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, title)
            tab.open_requested.connect(self.open_item)
        self.browse["documents"].detail.set_pdfs(pdfs)
        self.browse["mail"].status_message.connect(self.show_status)
        self.browse["mail"].set_client(client)
        # what the Mail tab wrote (a refreshed partner, links): the other tabs refresh for their own flags
        self.browse["mail"].changes_made.connect(lambda changes: self.apply_changes(changes, source="mail"))
        self.tabs.setCurrentIndex(current)
        self.quick_search = QuickSearch(bridge, db, self)
        self.quick_search.open_requested.connect(self.open_item)
        self.quick_action.setEnabled(True)
        for tab in self.browse.values():
            tab.start()

    def apply_changes(self, changes: Any, source: str | None = None) -> None:
        """After a sync or a tab's write: each tab refreshes if its data changed (hidden ones when next shown); the
        `source` tab already did."""
        for name, tab in self.browse.items():
            if name != source:
                tab.apply_changes(changes)

    def open_item(self, kind: str, key: Any, text: str = "") -> None:
        """Show a partner, product, document or mail message in its tab, selected, with its detail."""
        name = {"partner": "contacts", "product": "products", "document": "documents", "mail": "mail"}[kind]
        if name not in self.browse:
            return
        self.select_tab(name)
        self.browse[name].open_item(key, text)

    def show_quick_search(self) -> None:
        if self.quick_search is not None:
            self.quick_search.popup()

    def focus_search(self) -> None:
        tab = self.browse.get(self.current_tab())
        if tab is not None:
            tab.focus_search()

    def select_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    def current_tab(self) -> str:
        return TAB_NAMES[self.tabs.currentIndex()]

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def set_busy(self, busy: bool) -> None:
        """Show an indeterminate progress bar while background work runs."""
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setFormat("")
        self.progress.setVisible(busy)

    def set_sync_running(self, running: bool) -> None:
        self.sync_action.setEnabled(not running)
        self.cancel_action.setEnabled(running)
        if not running:
            self.progress.hide()

    def show_sync_progress(self, entity: str, done: int, total: int | None) -> None:
        """One bar for the entity being synced: done/total, or a busy bar while the total is unknown."""
        names = {
            "warehouses": self.tr("warehouses"),
            "products": self.tr("products"),
            "stock": self.tr("stock"),
            "partners": self.tr("partners"),
            "orders": self.tr("sales orders"),
            "invoices": self.tr("invoices"),
            "offers": self.tr("offers"),
        }
        name = names.get(entity, entity)
        if total:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))
            self.progress.setFormat(self.tr("{entity}: %v / %m").format(entity=name))
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(name)
        self.progress.show()
        self.show_status(self.tr("Syncing {entity}…").format(entity=name))

    def set_company(self, name: str, facts: list[tuple[str, str | int]]) -> None:
        self.setWindowTitle(self.tr("mkdesk — {name}").format(name=name))
        page = self.pages["contacts"]
        page.title.setText(name)
        if facts:
            page.text.setText(self.tr("Your Metakocka data, kept on this computer for offline use."))
        page.set_facts(facts)
