"""Qt layer: the mail reader — headers, the sanitized body in a browser that loads nothing from outside, "Show remote
content" per message, links opened only after confirmation, attachments saved through a file dialog (GUI thread;
the message is read on a reader thread, writes go through the store on the writer thread, all via the bridge).

`SafeBrowser.loadResource` answers `cid:` images from the message itself and refuses every other resource (remote,
`file:`, relative, style sheets) with an empty placeholder, so Qt never falls back to reading a local file; remote
`<img>` images are shown only for a message whose remote content the user allowed, after `mail.remote` fetched them.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QImage, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mkdesk.core.mail import remote, repo, store
from mkdesk.qt.bridge import Bridge, LatestRun
from mkdesk.qt.formatting import long_date_text

MAX_INLINE_BYTES = 10 * 1024 * 1024  # cid: images read with a message
OPENABLE = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class ReaderData:
    view: repo.MessageView
    inline: dict[str, bytes] = field(default_factory=dict)  # content id → bytes of inline images


def load_message(conn: Any, message_id: int) -> ReaderData | None:
    """The message and its inline images (runs on a reader thread)."""
    view = repo.get_message(conn, message_id)
    if view is None:
        return None
    inline, total = {}, 0
    for part in view.attachments:
        if part.content_id and part.content_type.startswith("image/") and total + part.size <= MAX_INLINE_BYTES:
            found = repo.attachment(conn, message_id, part.index)
            if found is not None:
                inline[part.content_id] = found[1]
                total += len(found[1])
    return ReaderData(view, inline)


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that loads `cid:` images of the message and, when allowed, fetched remote images — nothing
    else, ever. `asked` lists every resource the document asked for (what a test or a log can check)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.inline: dict[str, bytes] = {}
        self.allow_remote = False
        self.remote_images: dict[str, QImage] = {}
        self.asked: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 - Qt's name
        self.asked.append(name.toString())
        scheme = name.scheme().lower()
        image = kind == QTextDocument.ResourceType.ImageResource.value
        if scheme == "cid" and image:
            data = self.inline.get(name.path()) or self.inline.get(name.toString()[4:])
            found = QImage.fromData(data) if data else QImage()
            return found if not found.isNull() else QImage()
        if scheme == "data" and image:
            return None  # QTextDocument decodes data: images itself (no I/O)
        if scheme in ("http", "https") and image and self.allow_remote:
            return self.remote_images.get(name.toString(), QImage())
        # refused: a non-null answer, so QTextDocument does not try a local file of that name either
        return QImage() if image else ""

    def show_remote_images(self, images: dict[str, bytes]) -> None:
        """Fetched remote images of the shown message: put them into the document and lay it out again."""
        document = self.document()
        for url, data in images.items():
            picture = QImage.fromData(data)
            if not picture.isNull():
                self.remote_images[url] = picture
                document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url), picture)
        document.markContentsDirty(0, document.characterCount())
        self.viewport().update()


def _size_text(size: int) -> str:
    locale = QLocale()
    return locale.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def date_header(moment: datetime, locale: QLocale | None = None) -> str:
    """When a message was sent, in the system's time zone (`astimezone()`: Europe/Ljubljana on a Slovenian desktop),
    as the locale writes a long date and a short time; no seconds, no zone name ("ponedeljek, 2. marca 2026 11:30").
    """
    local = moment.astimezone() if moment.tzinfo is not None else moment
    loc = locale or QLocale()
    day = long_date_text(local.date(), loc)
    return f"{day} {loc.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)}"


def _people(pairs: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(html.escape(f"{name} <{addr}>" if name else addr) for name, addr in pairs)


def _tr(text: str) -> str:
    return QCoreApplication.translate("mail_reader", text)


def ask_confirm_link(parent: QWidget, url: QUrl) -> bool:
    answer = QMessageBox.question(
        parent, _tr("Open link?"),
        _tr("This link leads outside mkdesk:\n\n{url}\n\nOpen it in your browser?").format(url=url.toString()[:500]))
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _tr("Save attachment"), suggested)
    return path or None


async def save_attachment(db: Any, message_id: int, index: int, path: Path) -> Path:
    """Read one attachment from the cache and write it to `path` (off the GUI thread)."""
    found = await db.read(repo.attachment, message_id, index)
    if found is None:
        raise LookupError("The attachment is no longer in the cache.")
    await asyncio.to_thread(path.write_bytes, found[1])
    return path


class ReaderPane(QWidget):
    """One message: headers, remote-content bar, body, attachments. Emits `changed(ChangeSet)` after its writes."""

    loaded = Signal(object)  # the message id now shown
    changed = Signal(object)  # a ChangeSet of a write made here
    status = Signal(str)  # a short result line for the status bar
    open_requested = Signal(str, object)  # kept for the DetailPane interface (links to records come from context)

    def __init__(self, bridge: Bridge, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._db = db
        self._load = LatestRun(bridge)
        self.key: Hashable | None = None
        self.result: ReaderData | None = None
        self.confirm_link: Callable[[QWidget, QUrl], bool] = ask_confirm_link
        self.choose_path: Callable[[QWidget, str], str | None] = ask_save_path
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.save_dir = Path.home()
        self.subject = QLabel()
        font = QFont(self.subject.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.subject.setFont(font)
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headers = QLabel()
        self.headers.setWordWrap(True)
        self.headers.setTextFormat(Qt.TextFormat.RichText)
        self.headers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remote_bar = QFrame()
        self.remote_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.remote_bar.setStyleSheet("QFrame { background: #fff4ce; border-radius: 4px; }")
        self.remote_note = QLabel(self.tr("Remote images are blocked to protect your privacy."))
        self.remote_button = QPushButton(self.tr("Show remote content"))
        self.remote_button.clicked.connect(self.allow_remote)
        bar = QHBoxLayout(self.remote_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.remote_note, 1)
        bar.addWidget(self.remote_button)
        self.browser = SafeBrowser()
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.anchorClicked.connect(self._anchor)
        self.attachments = QWidget()
        self.attachments_layout = QHBoxLayout(self.attachments)
        self.attachments_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.subject)
        layout.addWidget(self.headers)
        layout.addWidget(self.remote_bar)
        layout.addWidget(self.attachments)
        layout.addWidget(self.browser, 1)
        self.setFocusProxy(self.browser)
        self.clear()

    # ----- loading ----------------------------------------------------------------------------------------------

    def clear(self) -> None:
        self._load.drop()
        self.key = None
        self.result = None
        self.subject.setText("")
        self.headers.setText("")
        self.remote_bar.hide()
        self._set_attachments(())
        self.browser.inline = {}
        self.browser.allow_remote = False
        self.browser.setHtml(f'<p style="color: gray">{html.escape(self.tr("Select a message to read it."))}</p>')

    def show_key(self, key: Hashable | None) -> None:
        if key is None:
            self.clear()
            return
        if key != self.key:
            self.result = None
        self.key = key
        self._load.start(self._db.read(load_message, key), lambda r: self._loaded(key, r), self._failed,
                         name="mail-reader")

    def reload(self) -> None:
        if self.key is not None:
            self.show_key(self.key)

    def _failed(self, exc: BaseException) -> None:
        self.browser.setHtml(f"<p>{html.escape(self.tr('Could not read the message: {error}').format(error=exc))}</p>")

    def _loaded(self, key: Hashable, data: ReaderData | None) -> None:
        self.result = data
        if data is None:
            self.subject.setText("")
            self.headers.setText("")
            self.remote_bar.hide()
            self._set_attachments(())
            self.browser.setHtml(html.escape(self.tr("This message is no longer in the cache.")))
            self.loaded.emit(key)
            return
        self.render(data)
        self.loaded.emit(key)

    def render(self, data: ReaderData) -> None:
        view = data.view
        row = view.row
        self.subject.setText(row.subject or self.tr("(no subject)"))
        sender = html.escape(f"{row.from_name} <{row.from_addr}>" if row.from_name else (row.from_addr or ""))
        lines = [f"<b>{html.escape(self.tr('From'))}:</b> {sender}"]
        if row.partner is not None:
            lines[0] += (f' &nbsp;<span style="background:#e3f1e8; color:#1f6f43; padding:2px 6px">'
                         f"{html.escape(row.partner.name or '')}</span>")
        if view.to:
            lines.append(f"<b>{html.escape(self.tr('To'))}:</b> {_people(view.to)}")
        if view.cc:
            lines.append(f"<b>{html.escape(self.tr('Cc'))}:</b> {_people(view.cc)}")
        if row.sent_at is not None:
            lines.append(f"<b>{html.escape(self.tr('Date'))}:</b> {html.escape(date_header(row.sent_at))}")
        if view.parse_error:
            note = self.tr("Shown as well as possible: {what}").format(what=view.parse_error)
            lines.append(f'<span style="color:#8a6d00">{html.escape(note)}</span>')
        self.headers.setText("<br>".join(lines))
        self.browser.inline = dict(data.inline)
        self.browser.allow_remote = view.allow_remote
        self.browser.remote_images = {}
        self.remote_bar.setVisible(row.has_remote and not view.allow_remote)
        scroll = self.browser.verticalScrollBar().value() if self.browser.property("shown") == row.id else 0
        if view.body_html:
            self.browser.setHtml(view.body_html)
        else:
            text = html.escape(view.body_text or "")
            self.browser.setHtml(f'<div style="white-space: pre-wrap; font-family: sans-serif">{text}</div>')
        self.browser.setProperty("shown", row.id)
        self.browser.verticalScrollBar().setValue(scroll)
        self._set_attachments([a for a in view.attachments if not a.inline])
        if view.allow_remote and view.body_html:
            self._fetch_remote(row.id, view.body_html)

    # ----- remote content ---------------------------------------------------------------------------------------

    def allow_remote(self) -> None:
        """The user allows remote content for this message: stored, re-sanitized with it, then images fetched."""
        if self.result is None:
            return
        message_id = self.result.view.row.id
        self.remote_button.setEnabled(False)

        def done(changes: Any) -> None:
            self.remote_button.setEnabled(True)
            self.changed.emit(changes)
            if self.key == message_id:
                self.reload()

        def failed(exc: BaseException) -> None:
            self.remote_button.setEnabled(True)
            self.status.emit(self.tr("Could not change the message: {error}").format(error=exc))

        self._bridge.run(self._db.write(store.set_allow_remote, message_id, True), done, failed, name="allow-remote")

    def _fetch_remote(self, message_id: int, body_html: str) -> None:
        urls = remote.remote_image_urls(body_html)
        if not urls:
            return

        def arrived(images: dict[str, bytes]) -> None:
            if self.result is not None and self.result.view.row.id == message_id:
                self.browser.show_remote_images(images)

        self._bridge.run(remote.fetch_images(urls), arrived, lambda _exc: None, name="remote-images")

    # ----- links and attachments --------------------------------------------------------------------------------

    def _anchor(self, url: QUrl) -> None:
        if url.scheme().lower() not in OPENABLE:
            return  # cid:, javascript:, file:, relative: nothing to open
        if self.confirm_link(self, url):
            self.open_url(url)

    def _set_attachments(self, parts: Any) -> None:
        while self.attachments_layout.count():
            item = self.attachments_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.attachment_buttons: list[QPushButton] = []
        for part in parts:
            button = QPushButton(self.tr("Save {name} ({size})…").format(name=part.filename,
                                                                          size=_size_text(part.size)))
            button.setToolTip(part.content_type)
            button.clicked.connect(lambda _checked=False, p=part: self.save(p))
            self.attachments_layout.addWidget(button)
            self.attachment_buttons.append(button)
        self.attachments_layout.addStretch(1)
        self.attachments.setVisible(bool(parts))

    def save(self, part: repo.Attachment) -> None:
        """Ask where to save one attachment, then write it in the background."""
        if self.result is None:
            return
        chosen = self.choose_path(self, str(self.save_dir / Path(part.filename).name))
        if not chosen:
            return
        path = Path(chosen)
        self.save_dir = path.parent

        def saved(where: Path) -> None:
            self.status.emit(self.tr("Saved {name}.").format(name=str(where)))

        def failed(exc: BaseException) -> None:
            self.status.emit(self.tr("Could not save {name}: {error}").format(name=str(path), error=exc))

        self._bridge.run(save_attachment(self._db, self.result.view.row.id, part.index, path), saved, failed,
                         name="save-attachment")
