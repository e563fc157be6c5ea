"""Helpers for the feed tests (no tests here): a tiny HTTP server on 127.0.0.1 whose routes the test
can change while it runs. Each route answers with a status, a content type, a body, optional
ETag/Last-Modified (honouring conditional requests with 304) and an optional, bounded delay."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_DELAY = 5.0  # no handler ever sleeps longer than this


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    httpd: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, route: Route) -> None:
        with self.lock:
            self.routes[path] = route

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path == path)

    def start(self) -> LocalServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    route = server.routes.get(self.path)
                status = 404 if route is None else route.status
                if route is not None and route.delay:
                    time.sleep(min(route.delay, MAX_DELAY))
                if route is not None and status == 200 and (
                    (route.etag and self.headers.get("If-None-Match") == route.etag)
                    or (route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)
                ):
                    status = 304
                with server.lock:
                    server.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, status))
                body = b"" if status == 304 else (route.body if route else b"not found")
                try:
                    self.send_response(status)
                    if route is not None:
                        self.send_header("Content-Type", route.content_type)
                        if route.etag:
                            self.send_header("ETag", route.etag)
                        if route.last_modified:
                            self.send_header("Last-Modified", route.last_modified)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        self.httpd = httpd
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def http_date(ts: float | None = None) -> str:
    return formatdate(ts if ts is not None else time.time(), usegmt=True)


def rss(items: list[tuple[str, str, str]], title: str = "Frontline Wire") -> bytes:
    """An RSS 2.0 document from (guid, link, title) triples."""
    parts = [f"<item><guid>{g}</guid><link>{link}</link><title>{t}</title>"
             "<pubDate>Tue, 03 Sep 2024 08:00:00 GMT</pubDate></item>" for g, link, t in items]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>test</description>"
        + "".join(parts) + "</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str, str]], title: str = "Border Desk") -> bytes:
    parts = [f'<entry><id>{g}</id><link href="{link}"/><title>{t}</title>'
             "<updated>2024-09-03T08:00:00Z</updated></entry>" for g, link, t in items]
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:test:atom</id><updated>2024-09-03T08:00:00Z</updated>"
        + "".join(parts) + "</feed>"
    ).encode()


def story_page(headline: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{headline}</title><meta property='og:title' content='{headline}'>"
        "<meta name='date' content='2024-09-03'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{headline}</h1>{body}</article>"
        "<footer>Copyright test outlet</footer></body></html>"
    ).encode()


TOWNS = ["Velmora", "Ostrank", "Kadrivka", "Sulemy", "Brenivtsi", "Tarnopil", "Zhovk", "Lisna"]


def story(n: int) -> tuple[str, list[str]]:
    """A made-up wire story, different for each n."""
    town = TOWNS[n % len(TOWNS)]
    other = TOWNS[(n + 3) % len(TOWNS)]
    headline = f"Shelling hits {town} as fighting spreads (story {n})"
    paras = [
        f"KYIV, Sept 3 (Wire) - Artillery fire struck the town of {town} overnight, killing {n + 2} civilians "
        f"and wounding at least {n + 5} others, the regional governor said on Tuesday.",
        f"Troops repelled an attack near {other} early on Monday, the defence ministry said in a statement, "
        "adding that the assault had been launched from positions across the river.",
        f"\"The strikes went on for hours,\" said a resident of {town} who gave only her first name. "
        f"Around {100 * (n + 1)} people were evacuated from villages near the front line, officials said.",
    ]
    return headline, paras
