"""A real local HTTP server speaking the OpenAI chat-completions and embeddings protocol, scripted per test.

It streams server-sent events like any OpenAI-compatible server (vLLM, llama.cpp) and can misbehave on
purpose: cut the stream without a finish reason, or stall after the first token.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Script:
    """What the stub answers: the text, how to end, and what it saw."""

    def __init__(self, text: str = "Hello.", mode: str = "normal", stall_s: float = 30.0, delay_s: float = 0.0) -> None:
        self.text = text
        self.delay_s = delay_s
        self.mode = mode  # normal | cut | stall
        self.stall_s = stall_s
        self.auth_headers: list[str] = []
        self.requests: list[dict[str, Any]] = []


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _json(self, obj: Any) -> None:
            body = json.dumps(obj).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            payload = json.loads(self.rfile.read(length) or b"{}")
            script.auth_headers.append(self.headers.get("Authorization", ""))
            script.requests.append(payload)
            if self.path.endswith("/embeddings"):
                inputs = payload.get("input") or []
                inputs = inputs if isinstance(inputs, list) else [inputs]
                self._json({"object": "list", "model": payload.get("model", "x"), "usage": {},
                            "data": [{"object": "embedding", "index": i, "embedding": [0.1 * (i + 1), 0.2, 0.3]}
                                     for i in range(len(inputs))]})
                return
            if not payload.get("stream"):
                self._json({"id": "c", "object": "chat.completion", "model": "stub", "created": 0,
                            "choices": [{"index": 0, "finish_reason": "stop",
                                         "message": {"role": "assistant", "content": script.text}}]})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            words = script.text.split(" ")
            for n, word in enumerate(words):
                piece = word if n == 0 else " " + word
                self._event({"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
                time.sleep(script.delay_s)
                if script.mode == "stall":
                    time.sleep(script.stall_s)
                    return
                if script.mode == "cut" and n >= len(words) // 2:
                    self.close_connection = True
                    return  # the connection closes with no finish reason and no [DONE]
            self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

        def _event(self, obj: dict[str, Any]) -> None:
            obj.update({"id": "c", "object": "chat.completion.chunk", "model": "stub", "created": 0})
            self.wfile.write(f"data: {json.dumps(obj)}\n\n".encode())
            self.wfile.flush()

    return Handler


@contextmanager
def openai_stub(script: Script):
    """Serve ``script`` on a free loopback port; yield the base URL (…/v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
