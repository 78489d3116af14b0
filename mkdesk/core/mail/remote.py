"""Core layer: remote images of one message, fetched only after the user allowed remote content for it (async, on
the event loop; pure helpers on any thread).

`remote_image_urls(html)` lists the `http(s)` sources of `<img>` elements (nothing else: no CSS, no frames, no
links); `fetch_images(urls)` downloads them with one short-lived `httpx.AsyncClient`: bounded count, size and time,
images only, no cookies, failures skipped (a broken image is not an error worth a dialog). Nothing here runs unless
the reader's "Show remote content" was clicked for that message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from http.cookiejar import CookieJar, DefaultCookiePolicy
from html.parser import HTMLParser

import httpx

log = logging.getLogger(__name__)
MAX_IMAGES = 40
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 10.0
CONCURRENCY = 4


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        src = (dict(attrs).get("src") or "").strip()
        if src.lower().startswith(("http://", "https://")) and src not in self.urls:
            self.urls.append(src)


def remote_image_urls(html: str | None, limit: int = MAX_IMAGES) -> tuple[str, ...]:
    """The distinct remote `<img src>` URLs of a (sanitized) HTML body, in document order, at most `limit`."""
    if not html:
        return ()
    parser = _Images()
    parser.feed(html)
    parser.close()
    return tuple(parser.urls[:limit])


async def _one(client: httpx.AsyncClient, url: str, max_bytes: int) -> bytes | None:
    try:
        async with client.stream("GET", url) as response:
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code != 200 or not kind.startswith("image/"):
                return None
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > max_bytes:
                    return None
            return bytes(data)
    except (httpx.HTTPError, ValueError) as exc:
        log.info("remote image not loaded: %s", type(exc).__name__)
        return None


async def fetch_images(urls: Iterable[str], *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                       transport: httpx.AsyncBaseTransport | None = None) -> dict[str, bytes]:
    """Download these images (http/https only, at most `MAX_IMAGES`); {url: bytes} of the ones that arrived."""
    wanted = [u for u in dict.fromkeys(urls) if u.lower().startswith(("http://", "https://"))][:MAX_IMAGES]
    if not wanted:
        return {}
    gate = asyncio.Semaphore(CONCURRENCY)
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # a tracker's Set-Cookie is dropped
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, max_redirects=3, transport=transport,
                                 cookies=no_cookies, headers={"User-Agent": "mkdesk", "Accept": "image/*"}) as client:
        async def get(url: str) -> tuple[str, bytes | None]:
            async with gate:
                return url, await _one(client, url, max_bytes)

        found = await asyncio.gather(*(get(u) for u in wanted))
    return {url: data for url, data in found if data is not None}
