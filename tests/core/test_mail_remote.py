"""Tests for remote images: only <img> sources are listed, and they are fetched from a real loopback HTTP server with
limits (images only, size cap, failures skipped)."""

from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mkdesk.core.mail.remote import fetch_images, remote_image_urls

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8"
                    "cfc0f01f00050001ff89993d1d0000000049454e44ae426082")  # a valid 1×1 red pixel


@pytest.fixture
def server():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            if self.headers.get("Cookie"):
                hits.append(f"cookie sent: {self.headers['Cookie']}")
            if self.path.startswith(("/track", "/loop")) or self.path == "/to-file":
                self.send_response(302)
                if self.path.startswith("/track"):  # a tracker: sets a cookie, then redirects to an image
                    self.send_header("Set-Cookie", "uid=tracked-42; Path=/")
                    self.send_header("Location", "/img/after-redirect.png")
                elif self.path == "/to-file":
                    self.send_header("Location", "file:///etc/passwd")
                else:
                    self.send_header("Location", f"/loop{len(self.path)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.startswith("/img"):
                body, kind = PNG, "image/png"
            elif self.path == "/big.png":
                body, kind = b"\0" * 4096, "image/png"
            elif self.path == "/page":
                body, kind = b"<html></html>", "text/html"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
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


def test_only_img_sources_are_listed():
    html = ('<p style="background:url(http://x/bg.png)"><img src="https://a/1.png"><img src="cid:logo">'
            '<img src="https://a/1.png"><img src=" http://b/2.gif "><a href="http://c/">c</a>'
            '<img src="data:image/png;base64,AAAA"><video poster="http://d/p.png"></video></p>')
    assert remote_image_urls(html) == ("https://a/1.png", "http://b/2.gif")
    assert remote_image_urls(None) == () and remote_image_urls("") == ()
    assert len(remote_image_urls("".join(f'<img src="http://x/{n}">' for n in range(100)))) == 40


def test_images_arrive_and_everything_else_is_skipped(server):
    base, hits = server
    urls = [f"{base}/img/1.png", f"{base}/img/2.png", f"{base}/page", f"{base}/missing", f"{base}/big.png",
            "file:///etc/passwd", "ftp://x/y"]
    found = asyncio.run(fetch_images(urls, max_bytes=1024))
    assert found == {f"{base}/img/1.png": PNG, f"{base}/img/2.png": PNG}
    assert sorted(hits) == sorted(["/img/1.png", "/img/2.png", "/page", "/missing", "/big.png"])


def test_an_unreachable_host_is_skipped_quickly():
    assert asyncio.run(fetch_images(["http://127.0.0.1:9/x.png"], timeout=2)) == {}
    assert asyncio.run(fetch_images([])) == {}


def test_redirects_are_bounded_never_leave_http_and_carry_no_cookies(server):
    base, hits = server
    urls = [f"{base}/track", f"{base}/img/next.png", f"{base}/loop", f"{base}/to-file"]
    found = asyncio.run(fetch_images(urls))
    assert found == {f"{base}/track": PNG, f"{base}/img/next.png": PNG}  # the redirect's image, under the asked URL
    assert "/img/after-redirect.png" in hits
    assert len([h for h in hits if h.startswith("/loop")]) == 4  # the first answer and at most 3 redirects
    assert not [h for h in hits if h.startswith("cookie sent")], hits  # the tracker's cookie went nowhere
