"""`refs ingest URL`: a web page fetched with requests from a local server and read like an HTML file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from refs.ingest import fetch
from refs.store.ledger import Ledger
from tests.support.paths import FIXTURES

PAGE = (FIXTURES / "articles" / "works_cited.html").read_bytes()


class _Site(BaseHTTPRequestHandler):
    """A local web site written for this test: a page, a moved page, errors and a picture."""

    def do_GET(self) -> None:
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/latin": (200, "text/plain; charset=iso-8859-1", "Caf\xe9 notes\n".encode("latin-1")),
            "/picture": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/huge": (200, "text/html", b"<p>small body, big claim</p>"),
        }
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("content-type", kind)
        length = str(50 * 1024 * 1024) if self.path == "/huge" else str(len(body))
        self.send_header("content-length", length)
        self.end_headers()
        if self.path != "/huge":
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_is_ingested_like_an_html_file_and_keeps_its_url(site: str, tmp_path: Path) -> None:
    library = tmp_path / "l.sqlite"
    result = CliRunner().invoke(cli, ["--library", str(library), "ingest", f"{site}/moved"], obj={})
    assert result.exit_code == 0, result.output
    by_file = CliRunner().invoke(cli, ["--library", str(tmp_path / "f.sqlite"), "ingest",
                                       str(FIXTURES / "articles" / "works_cited.html")], obj={})
    assert result.stdout.split("  ")[1] == by_file.stdout.split("  ")[1]  # the same sources and DOIs
    with Ledger(library) as ledger:
        path, fmt = ledger.conn.execute("SELECT path, format FROM articles").fetchone()
    assert path == f"{site}/article" and fmt == "html"  # the URL after the redirect
    again = CliRunner().invoke(cli, ["--library", str(library), "ingest", f"{site}/article"], obj={})
    assert again.stdout.startswith("unchanged")


def test_the_declared_charset_is_used(site: str) -> None:
    assert fetch.fetch(f"{site}/latin").text == "Café notes"


@pytest.mark.parametrize(("path", "message"), [
    ("/nothing", "HTTP 404"), ("/picture", "not a web page or text (image/png)"), ("/loop", "redirects"),
    ("/huge", "larger than 10 MB"),
])
def test_pages_that_cannot_be_articles_are_one_line_exit_2(site: str, tmp_path: Path, path: str,
                                                           message: str) -> None:
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "ingest", f"{site}{path}"], obj={})
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_no_answer_is_a_failure_not_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "ingest", "http://127.0.0.1:9/x"],
                                obj={})
    assert result.exit_code == 1 and "no answer" in result.stderr
