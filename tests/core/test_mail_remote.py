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
