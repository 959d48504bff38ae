"""Start a Chroma server on loopback (for benchmarks and tests of the client/server path)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.ports import free_port, stop_process, wait_until_ready


@contextmanager
def running_chroma(path: Path, timeout: float = 60) -> Iterator[str]:
    """Run ``chroma run`` on a free loopback port for the duration of the block; yield its URL."""
    exe = Path(sys.executable).parent / "chroma"
    command = str(exe) if exe.exists() else (shutil.which("chroma") or "chroma")
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen([command, "run", "--path", str(path / "data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_ready(url + "/api/v2/heartbeat", timeout, lambda: proc.poll() is None):
            raise RuntimeError(f"chroma run did not start: {(path / 'server.log').read_text()[-500:]}")
        yield url
    finally:
        stop_process(proc)
        log.close()
