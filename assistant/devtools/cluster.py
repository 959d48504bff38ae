"""Several ``coach serve`` workers on one index behind nginx, on loopback: for the load test and the cluster test.

The workers share what the environment names: ``COACH_CHROMA_URL`` (the vectors), ``COACH_DATABASE_URL`` (what
users write and, with PostgreSQL, the index's manifest, version and writer lock: each worker reloads when another
changes it), ``COACH_UPLOAD_DIR`` (the uploaded files) and otherwise the data directory. One place indexes before
they start (``coach ingest``), as the recipe in docs/scaling.md does.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.ports import free_port, stop_process, wait_until_ready


@dataclass
class Worker:
    """One running ``coach serve``: its port and its process (a test may kill it)."""

    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """The worker's own address (bypassing the proxy)."""
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def running_worker(env: dict[str, str], workdir: Path, timeout: float = 180) -> Iterator[Worker]:
    """Start ``coach serve`` on a free loopback port with ``env``; yield it once ``/healthz`` says ready."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = workdir / "server.log"
    with log_path.open("wb") as log:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
                                env=env, cwd=str(workdir), stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_until_ready(f"http://127.0.0.1:{port}/healthz", timeout, lambda: proc.poll() is None):
                raise RuntimeError(f"coach serve did not become ready: {log_path.read_text()[-2000:]}")
            yield Worker(port, proc)
        finally:
            stop_process(proc)


def index_once(env: dict[str, str]) -> None:
    """Index the knowledge base from one place before the workers start."""
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, capture_output=True,
                          text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"coach ingest failed: {done.stderr[-2000:]}")


@contextmanager
def running_cluster(n: int, env: dict[str, str], workdir: Path, *, own_data_dirs: bool = False
                    ) -> Iterator[tuple[str, list[Worker]]]:
    """``n`` workers with ``env`` and nginx in front of them; yields the proxy's URL and the workers.

    With ``own_data_dirs`` each worker gets a data directory of its own, as workers on separate machines would:
    the environment must then name PostgreSQL (``COACH_DATABASE_URL``), a Chroma server and a shared
    ``COACH_UPLOAD_DIR``.
    """
    from assistant.devtools.proxy import running_proxy

    def env_of(i: int) -> dict[str, str]:
        return {**env, "COACH_DATA_DIR": str(workdir / f"worker{i}" / "data")} if own_data_dirs else env

    with ExitStack() as stack:
        workers = [stack.enter_context(running_worker(env_of(i), workdir / f"worker{i}")) for i in range(n)]
        url = stack.enter_context(running_proxy([w.port for w in workers], workdir / "nginx"))
        yield url, workers


def compare_workers(counts: list[int], rounds: Callable[..., None],
                    progress: Callable[[str], None] = lambda m: None) -> None:
    """Run the load ``rounds`` against clusters of each size in ``counts``, all on one fresh index.

    The index is built once into a Chroma server started on loopback, in a temporary data directory that every
    cluster shares (SQLite storage there, unless ``COACH_DATABASE_URL`` names PostgreSQL), so the sizes differ
    only in the number of workers. ``rounds(url, workers=n)`` runs and reports the load.
    """
    import os
    import tempfile

    from assistant.devtools.chroma_server import running_chroma

    with tempfile.TemporaryDirectory(prefix="coach-loadtest-") as tmp, running_chroma(Path(tmp) / "chroma") as chroma:
        env = {**os.environ, "COACH_DATA_DIR": str(Path(tmp) / "data"), "COACH_CHROMA_URL": chroma,
               "GRADIO_ANALYTICS_ENABLED": "False", "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
        progress("indexing the knowledge base into a Chroma server on loopback")
        index_once(env)
        for n in counts:
            progress(f"starting {n} worker(s) behind nginx")
            with running_cluster(n, env, Path(tmp) / f"cluster{n}") as (url, _):
                rounds(url, workers=n)
