"""From ``coach serve`` on an empty data directory to the first answer: what a new user waits (``coach bench``).

The server is started as a user starts it (a new process, the knowledge base indexed on first start from the
shipped vectors), the first question is asked over the web app's API as soon as ``/healthz`` answers at all (the
question waits for the index and the warm-up), and the times are taken from the launch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from assistant.ports import free_port, stop_process

QUESTION = "My team resists the new planning system"


def time_first_start(data_dir: Path, question: str = QUESTION, timeout: float = 300) -> dict[str, Any]:
    """Start ``coach serve`` with an empty ``data_dir`` and time the page's reachability and the first answer.

    Returns seconds from the launch: ``reachable_s`` (``/healthz`` answers), ``ready_s`` (it says ready, measured
    after the answer) and ``first_answer_s`` (the answer to ``question`` over the ``chat`` API, asked as soon as the
    server was reachable), with ``answered`` false when no answer came within ``timeout``.
    """
    from gradio_client import Client

    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {"question": question}
    with (data_dir.parent / f"{data_dir.name}-server.log").open("wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            while time.perf_counter() - t0 < timeout and proc.poll() is None:
                try:
                    httpx.get(f"{url}/healthz", timeout=2)  # any status: the server is there
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            out["reachable_s"] = round(time.perf_counter() - t0, 2)
            answer = Client(f"{url}/", verbose=False).predict(question, api_name="/chat")
            out["first_answer_s"] = round(time.perf_counter() - t0, 2)
            out["answered"] = isinstance(answer, dict) and bool(answer.get("answer"))
            status = httpx.get(f"{url}/healthz", timeout=5).json().get("status")
            out["status_after"] = status
        finally:
            stop_process(proc)
    return out
