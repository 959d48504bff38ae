"""Loopback helpers for the servers the assistant starts (llama.cpp, Chroma, the web app in load tests)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ready(url: str, timeout: float, alive: Callable[[], bool] = lambda: True) -> bool:
    """Poll ``url`` until it answers 200, the process dies (``alive`` false) or ``timeout`` passes."""
    deadline = time.time() + timeout
    while time.time() < deadline and alive():
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    return False


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Terminate a server started for a while; kill it if it does not stop within ``timeout`` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:  # open client connections can keep a server waiting
        proc.kill()
        proc.wait(timeout)
