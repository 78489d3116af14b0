"""Tests for the mail reader: hostile HTML loads nothing (a loopback HTTP server counts ZERO requests, no script
text, no local file), "Show remote content" fetches images for that message only, links open after confirmation,
plain text fallback, inline cid: images, and attachments saved through the (injected) file dialog."""

from __future__ import annotations

import threading
from email.message import EmailMessage
from email.policy import SMTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from mkdesk.core.mail import store
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.mail.reader import ReaderPane, SafeBrowser

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8"
                    "cfc0f01f00050001ff89993d1d0000000049454e44ae426082")  # a valid 1×1 red pixel


@pytest.fixture
def server():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = PNG if self.path.endswith(".png") else b"body{}"
            self.send_response(200)
            self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def hostile_html(base: str, tag: str, local_png: str) -> str:
    return f"""<html><head>
<link rel="stylesheet" href="{base}/{tag}/link.css">
<style>@import url({base}/{tag}/import.css); body {{ background: url({base}/{tag}/style-bg.png) }}</style>
<meta http-equiv="refresh" content="0; url={base}/{tag}/refresh">
<script>fetch("{base}/{tag}/script"); document.write("SCRIPT RAN");</script>
</head><body background="{base}/{tag}/body-bg.png" onload="fetch('{base}/{tag}/onload')">
<p style="background-image: url('{base}/{tag}/inline-bg.png')">Dear customer, hello.</p>
<img src="{base}/{tag}/pixel.png" width="10" height="10">
<img srcset="{base}/{tag}/srcset.png 2x" src="cid:logo@x">
<iframe src="{base}/{tag}/iframe"></iframe><video poster="{base}/{tag}/poster.png" src="{base}/{tag}/v.mp4"></video>
<audio src="{base}/{tag}/a.mp3"></audio><object data="{base}/{tag}/object"></object><embed src="{base}/{tag}/embed">
<form action="{base}/{tag}/form"><input type="image" src="{base}/{tag}/input.png"></form>
<table background="{base}/{tag}/table.png"><tr><td>cell</td></tr></table>
<svg><image href="{base}/{tag}/svg.png"/></svg>
<img src="file://{local_png}"><img src="local.png">
<a href="{base}/{tag}/link">a link</a> <a href="javascript:alert(1)">js</a>
</body></html>"""


def hostile_raw(base: str, tag: str, local_png: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Spammer <spam@bad.example>"
    msg["To"] = "prodaja@mkdesk-demo.si"
    msg["Subject"] = f"Hostile {tag}"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    msg["Message-ID"] = f"<{tag}@bad.example>"
    msg.set_content("plain part")
    msg.add_alternative(hostile_html(base, tag, local_png), subtype="html")
    msg.get_payload()[1].add_related(PNG, "image", "png", cid="<logo@x>")
    return msg.as_bytes(policy=SMTP)


def add(db, qloop, raws):
    def write(conn):
        folder = store.ensure_folder(conn, store.ensure_account(conn, "Imported", "import"), "tests")
        return store.add_messages(conn, folder, [store.NewMessage(r) for r in raws]).added_ids

    return qloop.run_until_complete(db.write(write))


@pytest.fixture
def reader(qtbot, mail_db, run_until):
    pane = ReaderPane(Bridge(), mail_db)
    qtbot.addWidget(pane)
    pane.resize(800, 700)
    pane.show()
    yield pane
    run_until(lambda: not pane._bridge.busy)


def show(pane, run_until, message_id):
    pane.show_key(message_id)
    run_until(lambda: pane.result is not None and pane.result.view.row.id == message_id)


def settle(qtbot, pane, run_until):
    qtbot.wait(300)  # layout, paint and any (wrong) resource fetch would happen now
    pane.browser.grab()  # paint it once, as a screen would
    run_until(lambda: not pane._bridge.busy)


def test_hostile_html_loads_nothing_and_remote_content_is_per_message(qtbot, reader, mail_db, qloop, run_until,
                                                                      server, tmp_path):
    base, hits = server
    local_png = tmp_path / "local.png"
    local_png.write_bytes(PNG)
    first, second = add(mail_db, qloop, [hostile_raw(base, "one", str(local_png)),
                                         hostile_raw(base, "two", str(local_png))])
    show(reader, run_until, first)
    settle(qtbot, reader, run_until)
    assert hits == []
    shown = reader.browser.toPlainText()
    assert "Dear customer" in shown and "SCRIPT RAN" not in shown and "fetch(" not in shown
    assert "<script" not in reader.result.view.body_html.lower()
    assert reader.remote_bar.isVisible()
    doc = reader.browser.document()
    image = QTextDocument.ResourceType.ImageResource.value
    assert not doc.resource(image, QUrl("cid:logo@x")).isNull()  # the inline image is shown
    for url in (f"file://{local_png}", "local.png"):
        found = doc.resource(image, QUrl(url))
        assert found is None or isinstance(found, QImage) and found.isNull(), url

    qtbot.mouseClick(reader.remote_button, Qt.MouseButton.LeftButton)
    run_until(lambda: reader.result is not None and reader.result.view.allow_remote)
    run_until(lambda: hits and not reader._bridge.busy)
    settle(qtbot, reader, run_until)
    assert hits == ["/one/pixel.png"]  # the <img> of this message, nothing else (no CSS, frame, poster, script)
    for never in ("/one/script", "/one/iframe", "/one/link.css", "/one/import.css", "/one/poster.png",
                  "/one/onload", "/one/refresh", "/one/form", "/one/object", "/one/embed", "/one/v.mp4"):
        assert never not in hits
    assert f"{base}/one/pixel.png" in reader.browser.remote_images
    shown_image = reader.browser.document().resource(image, QUrl(f"{base}/one/pixel.png"))
    assert isinstance(shown_image, QImage) and not shown_image.isNull()  # in the document, not just fetched
    assert not reader.remote_bar.isVisible()
    count = len(hits)

    show(reader, run_until, second)  # the other message stays blocked
    settle(qtbot, reader, run_until)
    assert len(hits) == count and reader.remote_bar.isVisible()


def test_safe_browser_refuses_raw_hostile_html_even_without_the_sanitizer(qtbot, server, tmp_path):
    base, hits = server
    local_png = tmp_path / "local.png"
    local_png.write_bytes(PNG)
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(600, 600)
    browser.show()
    browser.setHtml(hostile_html(base, "raw", str(local_png)))
    qtbot.wait(300)
    browser.grab()
    assert hits == []
    assert any(a.startswith(base) for a in browser.asked)  # it was asked, and refused
    image = QTextDocument.ResourceType.ImageResource.value
    for url in (f"file://{local_png}", "local.png", f"{base}/raw/pixel.png"):
        found = browser.document().resource(image, QUrl(url))
        assert found is None or isinstance(found, QImage) and found.isNull(), url


def test_links_open_only_after_confirmation(reader, mail_db, qloop, run_until):
    opened, asked = [], []
    reader.open_url = opened.append
    reader.confirm_link = lambda _parent, url: asked.append(url.toString()) or len(asked) > 1
    reader.browser.anchorClicked.emit(QUrl("https://example.com/offer"))
    assert asked == ["https://example.com/offer"] and opened == []
    reader.browser.anchorClicked.emit(QUrl("https://example.com/offer"))
    assert [u.toString() for u in opened] == ["https://example.com/offer"]
    for never in ("javascript:alert(1)", "file:///etc/passwd", "cid:logo", "relative.html"):
        reader.browser.anchorClicked.emit(QUrl(never))
    assert len(asked) == 2 and len(opened) == 1


def test_plain_text_fallback_and_attachment_save(qtbot, reader, mail_db, qloop, run_until, tmp_path):
    msg = EmailMessage()
    msg["From"] = "Ana <ana@novak.si>"
    msg["Subject"] = "Naročilo <b>ne</b> HTML"
    msg.set_content("Prva vrstica\n\n<script>alert(1)</script> & druga")
    msg.add_attachment(b"koda;kolicina\r\nX-1;3\r\n", maintype="text", subtype="csv", filename="narocilo.csv")
    (message_id,) = add(mail_db, qloop, [msg.as_bytes(policy=SMTP)])
    show(reader, run_until, message_id)
    assert reader.subject.text() == "Naročilo <b>ne</b> HTML"  # shown as text, not markup
    assert "<script>alert(1)</script> & druga" in reader.browser.toPlainText()
    assert not reader.remote_bar.isVisible()
    assert len(reader.attachment_buttons) == 1 and "narocilo.csv" in reader.attachment_buttons[0].text()
    target = tmp_path / "saved.csv"
    offered = []
    reader.choose_path = lambda _parent, suggested: offered.append(suggested) or str(target)
    statuses = []
    reader.status.connect(statuses.append)
    reader.attachment_buttons[0].click()
    run_until(lambda: target.exists() and statuses)
    assert target.read_bytes() == b"koda;kolicina\r\nX-1;3\r\n"
    assert offered[0].endswith("narocilo.csv") and "saved.csv" in statuses[0]
    reader.choose_path = lambda _parent, _suggested: None  # cancelled: nothing happens
    reader.attachment_buttons[0].click()
    assert len(statuses) == 1


def test_a_missing_message_says_so(reader, run_until):
    reader.show_key(10 ** 9)
    run_until(lambda: reader.key == 10 ** 9 and not reader._bridge.busy)
    assert "no longer" in reader.browser.toPlainText()
    reader.show_key(None)
    assert reader.key is None and "Select a message" in reader.browser.toPlainText()


@pytest.fixture
def ljubljana(monkeypatch):
    """The desktop's time zone is Europe/Ljubljana (as a Slovenian rep's)."""
    import time

    monkeypatch.setenv("TZ", "Europe/Ljubljana")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_date_header_is_local_time_in_the_locales_words(qapp, ljubljana):
    from datetime import UTC, datetime

    from PySide6.QtCore import QLocale

    from mkdesk.qt.mail.reader import date_header

    winter, summer = datetime(2026, 3, 2, 10, 30, tzinfo=UTC), datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    assert date_header(winter, QLocale("sl_SI")) == "ponedeljek, 2. marca 2026 11:30"
    assert date_header(summer, QLocale("sl_SI")) == "sreda, 1. julija 2026 12:30"
    english = date_header(winter, QLocale("en_US"))
    assert english.startswith("Monday, March 2, 2026") and "11:30" in english
    for text in (english, date_header(winter, QLocale("sl_SI"))):
        assert "UTC" not in text and "CET" not in text and "čas" not in text and ":00 " not in text


def test_the_reader_shows_the_date_header(reader, mail_db, qloop, run_until, ljubljana):
    msg = EmailMessage()
    msg["From"] = "Ana <ana@novak.si>"
    msg["Subject"] = "Ura"
    msg["Date"] = "Mon, 02 Mar 2026 10:30:00 +0000"
    msg.set_content("Kdaj?")
    (message_id,) = add(mail_db, qloop, [msg.as_bytes(policy=SMTP)])
    show(reader, run_until, message_id)
    from datetime import UTC, datetime

    from PySide6.QtCore import QLocale

    from mkdesk.qt.mail.reader import date_header

    stamp = date_header(datetime(2026, 3, 2, 10, 30, tzinfo=UTC), QLocale())
    assert stamp in reader.headers.text() and "11:30" in stamp and "UTC" not in reader.headers.text()
