"""Qt layer: the Mail tab — search, the message list, the reader beneath it and the context pane beside them; import
of .eml/.mbox/Maildir (menu action and drag & drop) and marking read on open (GUI thread; every read and write goes
through the bridge: lists and messages on reader threads, the store and the importer on the writer thread).

`apply_changes(changes)` refreshes the list only for the "mail"/"mail_links" flags (keeping the selected message),
and rebuilds the open message's context when the ERP data behind it changed. Writes made here come back as
`changes_made(ChangeSet)`. `start()` also builds the context's per-database indexes on a reader thread
(`builder.prepare`: product names, numbering shapes), again after a sync changed products or documents, so the first
message does not wait for them; `set_client` gives the context pane the Metakocka client of the moment.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mkdesk.core.mail import repo, store
from mkdesk.qt.mail.context_pane import ContextPane
from mkdesk.qt.mail.importing import MailImporter, droppable_paths
from mkdesk.qt.mail.list_model import MessageListModel, message_table, size_columns
from mkdesk.qt.mail.reader import ReaderPane
from mkdesk.qt.models.paged_table import PageQuery
from mkdesk.qt.plurals import counted
from mkdesk.qt.tabs.browse import SEARCH_DELAY_MS, select_row

MARK_READ_MS = 600  # a message shown this long counts as read (arrowing past does not)
#: after the last change of products or documents, the context's indexes are rebuilt this much later: a sync's
#: changes come entity by entity, and the ~0.5 s rebuild then runs once, when the views have refreshed (run beside
#: their refresh, it took the GIL from the GUI thread's callbacks: a 117 ms stall at the end of the large sync)
PREPARE_AFTER_MS = 2000
ERP_ENTITIES = ("partners", "documents", "products", "stock", "warehouses")


class MailTab(QWidget):
    """Messages, the selected one's text and its Metakocka context."""

    ENTITIES = ("mail", "mail_links")
    open_requested = Signal(str, object)
    changes_made = Signal(object)  # ChangeSet of a write made in this tab
    status_message = Signal(str)
    account_requested = Signal()  # "Add a mail account…": the session opens the account dialog
    accounts_requested = Signal()  # "Mail accounts…": the session opens the accounts list

    def __init__(self, bridge: Any, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self.stale = False
        self._selected_key: Hashable | None = None
        self._sized = False
        self.mark_read_ms = MARK_READ_MS
        self.mail_sync: Any = None  # a `MailSync`: read marks then reach the IMAP servers too
        self.unread: int | None = None  # unread messages in the whole mailbox (the count label)
        self.prepared = False  # the context's indexes of this cache are built (`prepare_context`)
        self.prepare_later = QTimer(self)
        self.prepare_later.setSingleShot(True)
        self.prepare_later.setInterval(PREPARE_AFTER_MS)
        self.prepare_later.timeout.connect(self.prepare_context)
        self.importer = MailImporter(bridge, db, self)  # files, folders and drops: asked, imported, reported
        self.model = MessageListModel(bridge, db, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search mail: sender, subject, text…  (Ctrl+F)"))
        self.import_action = QAction(self.tr("Import mail…"), self)
        self.import_action.setToolTip(self.tr("Import .eml or .mbox files (or drop them, or a Maildir folder, here)"))
        self.import_action.triggered.connect(self.importer.import_files)
        self.read_action = QAction(self.tr("Mark as unread"), self)
        self.read_action.setShortcut(QKeySequence("Ctrl+U"))
        self.read_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.read_action.triggered.connect(self.toggle_read)
        self.import_folder_action = QAction(self.tr("Import a Maildir folder…"), self)
        self.import_folder_action.triggered.connect(self.importer.import_folder)
        self.import_button = QToolButton()
        self.import_button.setDefaultAction(self.import_action)
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.import_button)
        menu.addAction(self.import_action)
        menu.addAction(self.import_folder_action)
        menu.addSeparator()
        self.account_action = QAction(self.tr("Add a mail account (IMAP)…"), self)
        self.account_action.triggered.connect(self.account_requested)
        self.accounts_action = QAction(self.tr("Mail accounts…"), self)
        self.accounts_action.setToolTip(self.tr("Change an account's password, folders or CA file, or remove it"))
        self.accounts_action.triggered.connect(self.accounts_requested)
        self.sync_mail_action = QAction(self.tr("Check for new mail"), self)
        self.sync_mail_action.setShortcut(QKeySequence("F6"))
        self.sync_mail_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.sync_mail_action.setEnabled(False)  # until the session gives the tab its IMAP sync
        self.sync_mail_action.triggered.connect(lambda: self.mail_sync is not None and self.mail_sync.request_sync())
        self.addAction(self.sync_mail_action)
        menu.addAction(self.account_action)
        menu.addAction(self.accounts_action)
        menu.addAction(self.sync_mail_action)
        self.import_button.setMenu(menu)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.table = message_table(self.model)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.reader = ReaderPane(bridge, db)
        self.context = ContextPane(bridge, db)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.stack)
        self.left.addWidget(self.reader)
        self.left.setStretchFactor(0, 2)
        self.left.setStretchFactor(1, 3)
        self.left.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.context)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([720, 460])
        self.splitter.setObjectName("MailSplitter")  # window_state remembers the sizes
        self.left.setObjectName("MailListReaderSplitter")
        self.table.setObjectName("MailTable")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_query)
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._mark_read)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_enter)
        self.model.loaded.connect(self._on_loaded)
        self.model.refreshed.connect(self._on_refreshed)
        self.model.loading_changed.connect(lambda _busy: self._update_count())
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.model.dataChanged.connect(lambda *_: self._update_count())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated_row.connect(self._open_row)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.read_action)
        self.addAction(self.read_action)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.reader.loaded.connect(self._reader_loaded)
        self.reader.changed.connect(self._own_changes)
        self.reader.status.connect(self.status_message)
        self.importer.status.connect(self.status_message)
        self.importer.busy_changed.connect(lambda busy: self.import_action.setEnabled(not busy))
        self.importer.imported.connect(self._imported)
        self.context.changed.connect(self._own_changes)
        self.context.open_requested.connect(self.open_requested)
        self.context.message_requested.connect(self.open_message)
        self.setAcceptDrops(True)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.reader)
        self.setTabOrder(self.reader, self.context)
        self.setFocusProxy(self.table)

    # ----- queries and selection --------------------------------------------------------------------------------

    def start(self) -> None:
        self.prepare_context()
        self.apply_query()

    def prepare_context(self) -> None:
        """Build the context's indexes of this cache ahead of the first message (a reader thread, ~0.5 s large)."""
        from mkdesk.core.context.builder import prepare

        self.prepared = False
        self._bridge.run(self._db.read(prepare), lambda _none: setattr(self, "prepared", True),
                         lambda exc: self.status_message.emit(self.tr("Could not prepare the mail context: {error}")
                                                              .format(error=exc)), name="context-prepare")

    def set_client(self, client: Callable[[], Any] | None) -> None:
        """Where the Metakocka client of the moment comes from (a provider; None from it: not connected)."""
        self.context.set_client(client)

    def apply_query(self) -> None:
        self._debounce.stop()
        self.stale = False
        self.model.set_query(PageQuery(text=self.search.text().strip()))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_enter(self) -> None:
        if self._debounce.isActive():
            self.apply_query()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_key(self) -> Hashable | None:
        index = self.table.currentIndex()
        return self.model.key_at(index.row()) if index.isValid() else None

    def select_message(self, message_id: int) -> bool:
        """Select a loaded message (and show it); False when it is not among the loaded rows."""
        row = self.model.row_of_key(message_id)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def open_item(self, message_id: int, _text: str = "") -> None:
        """`MainWindow.open_item` for mail: the message, as `open_message` shows it."""
        self.open_message(message_id)

    def open_message(self, message_id: int) -> None:
        """Show a message (from the partner's email history): selected when it is in the list, else shown alone."""
        if self.select_message(message_id):
            return
        self._selected_key = message_id
        self.table.selectionModel().clearSelection()
        self._read_timer.stop()
        self.reader.show_key(message_id)
        self.context.show_message(message_id)

    def _load_unread(self) -> None:
        self._bridge.run(self._db.read(repo.unread_count), self._set_unread, lambda _exc: None, name="mail-unread")

    def _set_unread(self, n: int) -> None:
        self.unread = n
        self._update_count()

    def _on_loaded(self) -> None:
        self._load_unread()
        self._size_columns()
        self._update_count()
        row = self.model.row_of_key(self._selected_key) if self._selected_key is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0  # a fresh list starts on its newest message, so the reader is never blank without reason
        if row >= 0:
            self._select_row(row)
        else:
            self.table.selectionModel().clearSelection()
            self.reader.show_key(None)
            self.context.show_message(None)

    def _on_refreshed(self) -> None:
        self._load_unread()
        self._size_columns()
        self._update_count()
        if self._selected_key is None:
            if self.model.rowCount():
                self._select_row(0)
            return
        row = self.model.row_of_key(self._selected_key)
        if row >= 0:
            self._select_row(row, scroll=False)  # same message: the reader and context stay as they are
        else:
            self.reader.reload()  # gone from the cache (or from the search): the reader says so
            self.context.show_message(None)

    def _select_row(self, row: int, scroll: bool = True) -> None:
        select_row(self.table, row, scroll)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.model.key_at(current.row()) if current.isValid() else None
        if key is None:
            return
        self._selected_key = key
        self._update_read_action()
        if key != self.reader.key:
            self._read_timer.stop()
            self.reader.show_key(key)
            self.context.show_message(key)

    def _open_row(self, row: int) -> None:
        key = self.model.key_at(row)
        if key is not None and key != self.reader.key:
            self.reader.show_key(key)
            self.context.show_message(key)
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- read marks -------------------------------------------------------------------------------------------

    def _reader_loaded(self, key: Hashable) -> None:
        data = self.reader.result
        if data is not None and not data.view.row.seen:
            self._read_timer.start(self.mark_read_ms)

    def _mark_read(self) -> None:
        data = self.reader.result
        if data is None or data.view.row.seen or not self.isVisible():  # read means seen on screen
            return
        self.set_seen(data.view.row.id, True)

    def toggle_read(self) -> None:
        """Mark the selected message unread (or read again) — Ctrl+U or the list's context menu."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self._read_timer.stop()  # an unread mark stays until the message is opened again
            self.set_seen(row.id, not row.seen)

    def set_seen(self, message_id: int, seen: bool) -> None:
        """Show the mark at once; store it (and, with a mail sync, push it to the IMAP server)."""
        index = self.model.row_of_key(message_id)
        before = self.model.row_at(index).seen if index >= 0 else None
        self.model.mark_seen([message_id], seen)
        if self.unread is not None and before is not None and before != seen:
            self._set_unread(max(0, self.unread + (-1 if seen else 1)))
        self._update_read_action()
        if self.mail_sync is not None:  # the cache at once, the server after (its `changed` reports it)
            self.mail_sync.mark_seen([message_id], seen)
            return
        self._bridge.run(self._db.write(store.set_seen, [message_id], seen), self.changes_made.emit,
                         lambda exc: self.status_message.emit(
                             self.tr("Could not change the read mark: {error}").format(error=exc)),
                         name="mark-read")

    def _update_read_action(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        self.read_action.setEnabled(row is not None)
        self.read_action.setText(self.tr("Mark as unread") if row is None or row.seen else self.tr("Mark as read"))

    def set_mail_sync(self, mail_sync: Any) -> None:
        """Use the IMAP mail sync (`mkdesk.qt.mail.mail_sync.MailSync`) for read marks, and refresh on what its
        runs change."""
        self.mail_sync = mail_sync
        mail_sync.changed.connect(self.apply_changes)
        self.sync_mail_action.setEnabled(True)
        mail_sync.running_changed.connect(lambda running: self.sync_mail_action.setEnabled(not running))

    # ----- import -----------------------------------------------------------------------------------------------

    def _imported(self, changes: Any) -> None:
        self.apply_changes(changes)
        self.changes_made.emit(changes)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and droppable_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = droppable_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if paths:
            event.acceptProposedAction()
            self.importer.import_paths(paths)
        else:
            event.ignore()

    # ----- changes ----------------------------------------------------------------------------------------------

    def _own_changes(self, changes: Any) -> None:
        if changes:
            self.apply_changes(changes, context=False)
            self.changes_made.emit(changes)

    def apply_changes(self, changes: Any, *, context: bool = True) -> None:
        """Refresh the list for mail changes (now if visible, else when shown); rebuild the open message's context
        when the ERP data behind it changed."""
        if any(changes.touches(e) for e in self.ENTITIES) or changes.touches("partners"):
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True
        if changes.touches("products") or changes.touches("documents"):
            self.prepared = False  # the product names and numbering shapes changed: rebuilt once things settle
            self.prepare_later.start()
        if context and any(changes.touches(e) for e in ERP_ENTITIES):
            self.context.reload()

    def refresh(self) -> None:
        self.stale = False
        self.model.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """A message that leaves the screen before the read delay stays unread (and no timer outlives the tab)."""
        self._read_timer.stop()
        super().hideEvent(event)

    # ----- looks ------------------------------------------------------------------------------------------------

    def _update_count(self) -> None:
        total = self.model.total
        if self.model.loading and not self.model.ever_loaded:
            self.count_label.setText(self.tr("Loading…"))
        else:
            self.count_label.setText(counted(self.tr("%Ln message(s)", "", total), total))
        if self.unread and self.model.ever_loaded:
            self.count_label.setText(self.count_label.text() + " · " + self.tr("%Ln unread", "", self.unread))
        searching = bool(self.model.query.text)
        empty = self.model.ever_loaded and not self.model.loading and total == 0
        self.empty.setText(self.tr("No message matches “{text}”.").format(text=self.search.text().strip())
                           if searching else self.tr("No mail yet. Import .eml, .mbox or Maildir files (drop them "
                                                     "here) or add an IMAP account."))
        self.stack.setCurrentWidget(self.empty if empty else self.table)

    def _size_columns(self) -> None:
        if not self._sized and self.model.rowCount():
            self._sized = True
            size_columns(self.table, self.model)
