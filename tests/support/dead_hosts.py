"""Loopback servers that fail the way networks do: one accepts connections and never answers, one
drops every connection at once, one answers 404 for every path (written for refs' tests)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def _listening(handle: str) -> Iterator[str]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            if handle == "drop":
                conn.close()
            else:
                held.append(conn)  # silent: keep it open, say nothing

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        server.close()


@contextmanager
def silent() -> Iterator[str]:
    """A host that accepts connections and never answers."""
    with _listening("silent") as url:
        yield url


@contextmanager
def dropping() -> Iterator[str]:
    """A host that closes every connection as soon as it is made."""
    with _listening("drop") as url:
        yield url


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("content-type", "text/plain")
        self.end_headers()
        self.wfile.write(b"Not Found")

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def not_found() -> Iterator[str]:
    """A web server that answers 404 for every path (a wrong base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
