"""Server mode: the same index against a real ``chroma run`` server on loopback."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import load_settings
from assistant.service import Assistant


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    proc = subprocess.Popen([str(exe), "run", "--path", str(tmp_path / "chroma-data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(url + "/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError((tmp_path / "chroma.log").read_text())
    yield url
    proc.terminate()
    proc.wait(10)
    log.close()


def test_ingest_and_search_through_a_chroma_server(chroma_server, small_kb, isolated_data):
    s = load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url=chroma_server, min_relevance=0.0)
    a = Assistant(s)
    first = a.ingest()
    assert len(first.added) == 3
    assert a.index.stats()["index_location"] == chroma_server
    assert a.index._collection.count() == len(a.index.chunks())
    hits = a.search("delegate results check-in moments", 2)
    assert hits.passages[0].meta["title"] == "Control and trust"
    again = Assistant(s).ingest()  # a second process sees the same server-side vectors
    assert again.embedded == 0 and len(again.unchanged) == 3
    answer = a.ask("How do I delegate results?")
    assert answer.citations


def test_bad_chroma_url_is_a_clear_error(small_kb):
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="is not a URL"):
        Assistant(load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url="nonsense"))
