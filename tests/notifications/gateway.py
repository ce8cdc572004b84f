"""A real HTTP server on 127.0.0.1 standing in for a WhatsApp/SMS gateway.

It records every request (path, headers, JSON body) and answers with `status` (200 by default);
a test sets `status = 500` to play a broken gateway.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGateway:
    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                gateway.requests.append({"path": self.path, "headers": dict(self.headers),
                                         "json": json.loads(body or b"{}")})
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if gateway.status < 300 else b'{"error": "down"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
