"""Qt layer: the context pane beside a message — who wrote (partner card, why this match, a picker when several
partners fit), what they owe, their open orders and pending offers, recent purchases, stock of the products the mail
names, the customer segment and a "no order in 90 days" warning, and how fresh the data is (GUI thread).

The context is built by `mkdesk.core.context.build_context` on a reader thread through the bridge; a newer message
drops an older result (generation counter). Choosing a partner goes through `choose_sender` on the writer thread
and emits `changed(ChangeSet)`. Every number is a link that opens the record in its tab (`open_requested`); the
body's HTML comes from `context_html.ContextHtml`, the reasons are translated by `context_reasons`.

Metakocka itself is asked through the client of the moment (`client`, a provider like the PDFs': None until the
profile can connect), on the event loop through the bridge: "Refresh from Metakocka" on the partner card
(`refresh_partner`; then the context is rebuilt and `changed` carries what it stored), and, for a sender the cache
does not know, one `lookup_sender_online` per address per session (the context is rebuilt when it found a partner).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from mkdesk.core.context import MessageContext
from mkdesk.qt.bridge import Bridge, LatestRun
from mkdesk.qt.details.pane import esc
from mkdesk.qt.error_texts import error_text
from mkdesk.qt.mail.context_html import ContextHtml
from mkdesk.qt.mail.context_reasons import reason_text
from mkdesk.qt.plurals import counted

HISTORY_ROWS = 6  # earlier mails of the partner shown
SURE = "#1f6f43"  # the "why" line of a strong match (exact address, a choice)
UNSURE = "#8a6d00"  # a domain match, or several candidates


@dataclass(frozen=True, slots=True)
class ContextResult:
    context: MessageContext
    saved_links: Any  # the ChangeSet of refreshing the message's automatic links
    history: tuple[Any, ...] = ()  # the partner's other messages (`HistoryItem`), newest first
    history_total: int = 0  # all the partner's linked messages, this one included


def load_context(conn: Any, message_id: int, today: date) -> MessageContext:
    """The context of a stored message (reader thread)."""
    from mkdesk.core.context.builder import build_context
    from mkdesk.core.context.sender import own_domains

    return build_context(conn, message_id, today=today, own_domains=own_domains(conn) | _demo_domains(conn))


def _demo_domains(conn: Any) -> frozenset[str]:
    """The demo mailbox's own domain (a colleague's forward there is read for its original sender)."""
    found = conn.exec_driver_sql("SELECT own_address FROM mail_accounts WHERE kind = 'demo'").scalars().all()
    return frozenset(a.rsplit("@", 1)[1].lower() for a in found if a and "@" in a)


async def context_and_links(db: Any, message_id: int, today: date) -> ContextResult:
    """Build the context on a reader thread, then keep the message's automatic links in step (writer thread)."""
    from mkdesk.core.context.links import save_auto_links

    context = await db.read(load_context, message_id, today)
    try:
        changes = await db.write(save_auto_links, message_id, context)
    except LookupError:  # the message went away meanwhile
        changes = None
    if context.partner is None:
        return ContextResult(context, changes)
    history, total = await db.read(_history, context.partner.partner_id)
    return ContextResult(context, changes, tuple(h for h in history if h.message_id != message_id)[:HISTORY_ROWS],
                         total)


def _history(conn: Any, partner_id: int) -> tuple[tuple[Any, ...], int]:
    from mkdesk.core.context.links import count_history, email_history

    return email_history(conn, partner_id, limit=HISTORY_ROWS + 1), count_history(conn, partner_id)


class ContextPane(QWidget):
    """What the cache knows about the sender of the shown message."""

    open_requested = Signal(str, object)  # "partner" | "document" | "product", key
    changed = Signal(object)  # a ChangeSet of a write made here
    loaded = Signal(object)  # the message id whose context is shown
    message_requested = Signal(int)  # a message of the partner's email history was clicked

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None, *,
                 client: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self.client: Callable[[], Any] = client or (lambda: None)  # the Metakocka client of the moment, or None
        self.looked_up: set[str] = set()  # addresses asked of Metakocka this session (each once)
        self._load = LatestRun(bridge)
        self.key: Hashable | None = None
        self.result: MessageContext | None = None
        self.today: date | None = None  # None: the real date (tests pin it)
        self.history: tuple[Any, ...] = ()
        self.history_total = 0
        self.html = ContextHtml(self)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.note = QLabel()  # what is being asked of Metakocka, or what it answered
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        self.picker_row = QWidget()
        self.picker = QComboBox()
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(16)
        self.choose_button = QPushButton(self.tr("This is the partner"))
        self.choose_button.clicked.connect(self.choose)
        picker_layout = QHBoxLayout(self.picker_row)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.addWidget(QLabel(self.tr("Sender is:")))
        picker_layout.addWidget(self.picker, 1)
        picker_layout.addWidget(self.choose_button)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setFrameShape(QTextBrowser.Shape.NoFrame)
        # the tables are 100 % wide and wrap their text columns: a 1 px rounding must not bring a scroll bar
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.anchorClicked.connect(self._anchor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addWidget(self.note)
        layout.addWidget(self.picker_row)
        layout.addWidget(self.body, 1)
        self.clear()

    # ----- loading ----------------------------------------------------------------------------------------------

    def clear(self) -> None:
        self._load.drop()
        self.key = None
        self.result = None
        self.title.setText(self.tr("Context"))
        self.why.setText("")
        self.picker_row.hide()
        hint = self.tr("The sender’s Metakocka context appears here.")
        self.body.setHtml(f'<p style="color: gray">{esc(hint)}</p>')

    def show_message(self, message_id: Hashable | None) -> None:
        if message_id is None:
            self.clear()
            return
        if message_id != self.key:
            self.result = None
            self.say("")
        self.key = message_id
        today = self.today or date.today()
        self._load.start(context_and_links(self._db, int(message_id), today),
                         lambda r: self._loaded(message_id, r), self._failed, name="mail-context")

    def reload(self) -> None:
        if self.key is not None:
            self.show_message(self.key)

    def _failed(self, exc: BaseException) -> None:
        text = self.tr("Could not build the context: {error}").format(error=error_text(exc))
        self.body.setHtml(f'<p class="warn">{esc(text)}</p>')
        self.loaded.emit(self.key)

    def _loaded(self, key: Hashable, result: ContextResult) -> None:
        self.result = result.context
        self.history, self.history_total = result.history, result.history_total
        self.render(result.context)
        self.loaded.emit(key)
        if result.saved_links:
            self.changed.emit(result.saved_links)
        self.look_up_sender(result.context)

    # ----- the partner choice -----------------------------------------------------------------------------------

    def choose(self) -> None:
        """Remember the picked partner for this sender's address (writer thread), then show its context."""
        ctx = self.result
        partner_id = self.picker.currentData()
        if ctx is None or ctx.sender is None or partner_id is None:
            return
        from mkdesk.core.context.sender import choose_sender

        self.choose_button.setEnabled(False)

        def done(changes: Any) -> None:
            self.choose_button.setEnabled(True)
            self.changed.emit(changes)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.choose_button.setEnabled(True)
            self.why.setText(self.tr("Could not save the choice: {error}").format(error=exc))

        self._bridge.run(self._db.write(choose_sender, ctx.sender, int(partner_id)), done, failed,
                         name="choose-sender")

    def _fill_picker(self, ctx: MessageContext) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for c in ctx.candidates:
            self.picker.addItem(f"{c.name or c.partner_mk_id} · {reason_text(c)}", c.partner_id)
        if ctx.partner is not None:
            self.picker.setCurrentIndex(max(0, self.picker.findData(ctx.partner.partner_id)))
        self.picker.blockSignals(False)
        self.picker_row.setVisible(len(ctx.candidates) > 1)
        self.choose_button.setText(self.tr("Choose") if ctx.needs_choice else self.tr("Change"))

    # ----- rendering --------------------------------------------------------------------------------------------

    def render(self, ctx: MessageContext) -> None:
        self._fill_picker(ctx)
        partner = ctx.partner
        if partner is not None:
            self.title.setText(partner.name or partner.partner_mk_id)
            self.why.setText(self.tr("Why: {reason} ({sure} % sure)").format(
                reason=reason_text(partner), sure=round(partner.confidence * 100)))
            self.why.setStyleSheet(f"color: {SURE if partner.confidence >= 0.8 else UNSURE}")
        elif ctx.needs_choice:
            self.title.setText(self.tr("Which partner is this?"))
            n = len(ctx.candidates)
            self.why.setText(counted(self.tr("%n partner(s) fit {address}: choose one, mkdesk remembers it.", "", n),
                                     n).format(address=ctx.sender or ""))
            self.why.setStyleSheet(f"color: {UNSURE}")
        else:
            self.title.setText(self.tr("Unknown sender"))
            self.why.setText(self.tr("{address} is not a contact of any partner in the cache.").format(
                address=ctx.sender or self.tr("The sender")))
            self.why.setStyleSheet("")
        self.body.setHtml(self.html.page(ctx, self.history, self.history_total))

    def unlink(self, kind: str, record_id: int) -> None:
        """The user says the message is not about this record (writer thread); remembered for this message."""
        if self.key is None:
            return
        from mkdesk.core.context.links import unlink

        def done(changes: Any) -> None:
            self.changed.emit(changes)
            self.reload()

        self._bridge.run(self._db.write(unlink, int(self.key), kind, record_id), done,
                         lambda exc: self.why.setText(self.tr("Could not unlink: {error}").format(error=exc)),
                         name="unlink")

    def _anchor(self, url: QUrl) -> None:
        target = url.toString()
        kind, _, rest = target.partition(":")
        if kind == "mail" and rest.isdigit():
            self.message_requested.emit(int(rest))
        elif kind == "unlink":
            what, _, record = rest.partition(":")
            if what in ("partner", "document", "product") and record.isdigit():
                self.unlink(what, int(record))
        elif kind == "refresh":
            what, _, mk_id = rest.partition(":")
            if what == "partner" and mk_id:
                self.refresh_partner(mk_id)
        elif kind == "doc":
            doc_type, _, mk_id = rest.partition(":")
            self.open_requested.emit("document", (doc_type, mk_id))
        elif kind in ("partner", "product"):
            self.open_requested.emit(kind, rest)


    # ----- asking Metakocka -------------------------------------------------------------------------------------

    def set_client(self, client: Callable[[], Any] | None) -> None:
        """Where the Metakocka client of the moment comes from (None from it: not connected)."""
        self.client = client or (lambda: None)

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def refresh_partner(self, mk_id: str) -> None:
        """Fetch the partner, its recent documents and unpaid bills from Metakocka now, then rebuild the context."""
        client = self.client()
        if client is None:
            self.say(self.tr("Connect to Metakocka first (Settings: company id and secret key)."))
            return
        from mkdesk.core.context.refresh import refresh_partner

        shown = self.result.partner.name if self.result is not None and self.result.partner is not None else mk_id
        self.say(self.tr("Refreshing {name} from Metakocka…").format(name=shown))

        def done(found: Any) -> None:
            if found.partner is None:
                self.say(self.tr("Metakocka no longer has this partner; the next sync removes it here."))
            else:
                self.say(counted(self.tr("Refreshed from Metakocka: %n document(s) checked.", "", found.documents),
                                 found.documents))
            if found.changes:
                self.changed.emit(found.changes)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.say(self.tr("Could not refresh from Metakocka: {error}").format(error=_plain(exc)))

        self._bridge.run(refresh_partner(client, self._db, mk_id, today=self.today), done, failed,
                         name="refresh-partner")

    def look_up_sender(self, ctx: MessageContext) -> None:
        """A sender the cache does not know is asked of Metakocka once per address and session (when connected);
        a partner found is stored by the lookup and the context rebuilt."""
        address = ctx.sender
        if not address or address in self.looked_up or not _unknown(ctx):
            return
        client = self.client()
        if client is None:
            return
        from mkdesk.core.context.online import lookup_sender_online

        self.looked_up.add(address)
        self.say(self.tr("Looking up the sender in Metakocka…"))

        def showing() -> bool:
            return self.result is not None and self.result.sender == address

        def done(lookup: Any) -> None:
            if lookup.changes:
                self.changed.emit(lookup.changes)
            if not showing():
                return
            if lookup.matches:
                self.say(self.tr("Found in Metakocka."))
                self.reload()
            else:
                self.say(self.tr("Metakocka has no partner with {address} either.").format(address=address))

        def failed(exc: BaseException) -> None:
            if showing():
                self.say(self.tr("Could not look the sender up in Metakocka: {error}").format(error=_plain(exc)))

        self._bridge.run(lookup_sender_online(client, address, db=self._db), done, failed, name="sender-lookup")


def _unknown(ctx: MessageContext) -> bool:
    """No partner has the sender's address (or its domain) in the cache: nothing, or only the documents it cites."""
    return all(c.method == "document" for c in ctx.candidates)


def _plain(exc: BaseException) -> str:
    """The client's plain words (offline, bad credentials, …) in the UI language (`error_texts`)."""
    return error_text(exc)
