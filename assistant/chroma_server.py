"""Start a Chroma server on loopback (for benchmarks and tests of the client/server path)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_chroma(path: Path, timeout: float = 60) -> Iterator[str]:
    """Run ``chroma run`` on a free loopback port for the duration of the block; yield its URL."""
    exe = Path(sys.executable).parent / "chroma"
    command = str(exe) if exe.exists() else (shutil.which("chroma") or "chroma")
    path.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen([command, "run", "--path", str(path / "data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                if httpx.get(url + "/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"chroma run did not start: {(path / 'server.log').read_text()[-500:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
