"""Index integrity: one writer at a time, repairs, a store that goes away, limits, damaged state files."""

import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import load_settings
from assistant.embeddings import HashingEmbeddings
from assistant.errors import CorruptStateError
from assistant.service import Assistant
from tests.conftest import write_md

ROOT = Path(__file__).resolve().parent.parent

INGEST_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.config import load_settings
    from assistant.embeddings import HashingEmbeddings
    from assistant.service import Assistant

    class Slow(HashingEmbeddings):
        def embed_documents(self, texts):
            time.sleep(0.05)
            return super().embed_documents(texts)

    s = load_settings(data_dir=Path(sys.argv[1]), knowledge_dir=Path(sys.argv[3]))
    a = Assistant(s, embeddings=Slow())
    a.index.embedding_model = a.index.embeddings.model_name = "hashing-256"
    print(a.ingest([Path(sys.argv[2])]).summary(), flush=True)
""")


def _docs(folder: Path, prefix: str, n: int) -> Path:
    for i in range(n):
        write_md(folder / f"{prefix}{i}.md", f"{prefix} {i}", f"Paragraph {i} of {prefix} about trust and feedback.\n\n"
                 + "\n\n".join(f"Extra paragraph {j} on delegation for {prefix}{i}." for j in range(8)))
    return folder


def test_two_ingests_at_once_lose_nothing(tmp_path, small_kb):
    """Two processes ingest different folders into one data dir: every vector survives, nothing says 'unchanged'."""
    data = tmp_path / "data"
    a, b = _docs(tmp_path / "a", "alpha", 40), _docs(tmp_path / "b", "beta", 40)
    script = tmp_path / "ingest.py"
    script.write_text(INGEST_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(script), str(data), str(folder), str(small_kb)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for folder in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    s = load_settings(data_dir=data, knowledge_dir=small_kb, embeddings="hashing")
    ix = Assistant(s).index
    check = ix.check_vectors(thorough=True)
    assert check.ok, check.describe()
    docs = {d.doc_id for d in ix.documents()}
    assert sum(d.startswith("alpha") for d in docs) == 40 and sum(d.startswith("beta") for d in docs) == 40


def test_lost_vectors_are_reported_and_repaired(fake_settings):
    a = Assistant(fake_settings)
    a.ingest()
    shutil.rmtree(fake_settings.index_dir / "chroma")  # the vector directory is gone
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # as a new process would: no client cached in memory
    b = Assistant(fake_settings)
    health = b.health()
    assert health["status"] == "degraded" and "coach doctor --repair" in health["reason"]
    r = CliRunner().invoke(main, ["stats", "--check-vectors"])
    assert "missing" in r.output
    assert b.ensure_index() is None  # nothing to re-ingest, but the vectors are restored
    assert b.health()["status"] == "ready"
    assert b.search("delegate results").passages


@pytest.mark.slow
def test_a_chroma_server_that_goes_away(tmp_path, small_kb, isolated_data):
    from assistant.devtools.chroma_server import running_chroma
    from assistant.errors import StoreUnavailableError

    with running_chroma(tmp_path / "chroma") as url:
        s = load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url=url, min_relevance=0.0)
        a = Assistant(s)
        a.ingest()
    health = a.health()
    assert health["status"] == "unavailable" and "cannot be reached" in health["reason"]
    with pytest.raises(StoreUnavailableError, match="Start it"):
        a.search("delegate results", mode="dense")
    answer = a.ask("How do I delegate results?")  # words alone still answer, and the answer says so
    assert "semantic search is unavailable" in answer.text and answer.citations
    assert "Errno" not in answer.text


def test_ingest_does_not_block_questions(fake_settings, tmp_path):
    gate, started = threading.Event(), threading.Event()

    class Held(HashingEmbeddings):
        def embed_documents(self, texts):
            if any("rosters" in t for t in texts):  # the upload's passages wait; a chat's own texts do not
                started.set()
                gate.wait(60)
            return super().embed_documents(texts)

    a = Assistant(fake_settings)
    a.ingest()
    a.index.embeddings.inner = Held()
    big = write_md(tmp_path / "long.md", "Long", "\n\n".join(f"Paragraph {i} on rosters." for i in range(150)))
    worker = threading.Thread(target=lambda: a.upload(big))
    worker.start()
    assert started.wait(30)
    answer = a.ask("How do I delegate results?")  # answered while the upload is still embedding
    assert answer.citations and worker.is_alive() and not gate.is_set()
    gate.set()
    worker.join(60)
    assert any(d.title == "Long" for d in a.documents())


def test_huge_extracted_text_is_refused(fake_assistant, tmp_path):
    import docx

    before = set(fake_assistant.index.chunks())
    d = docx.Document()
    for _ in range(300):
        d.add_paragraph("trust " * 800)  # compresses to a few KB, expands to ~1.4 MB of text
    path = tmp_path / "bomb.docx"
    d.save(str(path))
    assert path.stat().st_size < 200_000
    result = fake_assistant.upload(path)
    assert not result.ok and "over the 1,000,000 limit" in result.status
    assert set(fake_assistant.index.chunks()) == before


def test_too_many_passages_are_refused(fake_settings, tmp_path):
    from dataclasses import replace

    a = Assistant(replace(fake_settings, max_document_chunks=20))
    f = write_md(tmp_path / "many.md", "Many", "\n\n".join(f"Paragraph {i} about trust." for i in range(50)))
    result = a.upload(f)
    assert not result.ok and "50 passages, over the limit of 20" in result.status


def test_symlinks_are_not_followed_unless_asked(fake_settings, tmp_path):
    secret = tmp_path / "outside" / "secret.md"
    write_md(secret, "Secret", "The vault combination is kangaroo-42.")
    folder = tmp_path / "notes"
    write_md(folder / "real.md", "Real", "A real note about feedback.")
    (folder / "link.md").symlink_to(secret)
    a = Assistant(fake_settings)
    report = a.ingest([folder])
    assert report.added == ["real"] and any("symbolic link" in str(e) for e in report.errors)
    assert not any("kangaroo" in c.text for c in a.index.chunks().values())
    again = a.ingest([folder], follow_symlinks=True)
    assert any("kangaroo" in c.text for c in a.index.chunks().values()), again.summary()


@pytest.mark.parametrize("name", ["app.sqlite", "index/manifest.sqlite"])
def test_damaged_state_files_name_themselves_and_doctor_repairs(fake_settings, name):
    a = Assistant(fake_settings)
    a.ingest()
    from assistant.storage import SQLiteStorage as Storage

    Storage(fake_settings.app_db_path)
    damaged = fake_settings.data_dir / name
    for side in (damaged.with_name(damaged.name + "-wal"), damaged.with_name(damaged.name + "-shm")):
        side.unlink(missing_ok=True)
    damaged.write_bytes(b"this is not a database" * 100)
    runner = CliRunner()
    command = ["stats"] if "manifest" in name else ["feedback-export", "--out", str(fake_settings.data_dir / "f.jsonl")]
    r = runner.invoke(main, command)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert str(damaged) in r.output and "coach doctor --repair" in r.output
    r = runner.invoke(main, ["doctor"])
    assert r.exit_code == 1 and "FAIL" in r.output
    r = runner.invoke(main, ["doctor", "--repair"])
    assert r.exit_code == 0, r.output
    assert "FIXED" in r.output
    assert runner.invoke(main, command).exit_code == 0


def test_damaged_caches_are_rebuilt_without_a_word_to_the_user(fake_settings):
    a = Assistant(fake_settings)
    a.ingest()
    fake_settings.embedding_cache_path.write_bytes(b"garbage" * 50)
    (fake_settings.index_dir / "bm25" / "ids.json").write_text("{not json")
    b = Assistant(fake_settings)
    assert b.search("delegate results").passages
    assert list(fake_settings.data_dir.glob("embedding_cache.sqlite.damaged-*"))


def test_corrupt_app_database_is_a_clear_error(tmp_path):
    from assistant.storage import SQLiteStorage as Storage

    path = tmp_path / "app.sqlite"
    path.write_bytes(b"nonsense" * 200)
    with pytest.raises(CorruptStateError, match="coach doctor --repair"):
        Storage(path)


def test_healthz_is_503_with_the_reason_when_the_store_is_down(small_kb, isolated_data):
    from fastapi.testclient import TestClient

    from assistant.webapp import create_server

    s = load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url="http://127.0.0.1:9")
    r = TestClient(create_server(Assistant(s))).get("/healthz")
    assert r.status_code == 503
    assert r.json()["status"] == "unavailable" and "http://127.0.0.1:9 cannot be reached" in r.json()["reason"]


def test_healthz_says_starting_until_the_warm_up_has_trained_the_models(small_kb, isolated_data):
    """A proxy sends no one to a process whose first answer would still train the classifier and router."""
    from fastapi.testclient import TestClient

    from assistant.webapp import create_server

    a = Assistant(load_settings(knowledge_dir=small_kb, embeddings="hashing"))
    a.ensure_index()
    client = TestClient(create_server(a))
    a._warm = False  # what start_warm_up sets before its thread runs
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json()["status"] == "starting"
    a.warm_up()
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ready"


def test_serve_warms_up_in_the_background_and_a_failed_warm_up_is_reported(small_kb, isolated_data, monkeypatch):
    import uvicorn

    from assistant import webapp

    a = Assistant(load_settings(knowledge_dir=small_kb, embeddings="hashing"))
    a.ensure_index()
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(a.health()["status"]))
    monkeypatch.setattr(Assistant, "warm_up", lambda self: None)  # a thread that never finishes warming
    webapp.serve(a, "127.0.0.1", 0)
    assert started in (["indexing"], ["starting"])  # serve started indexing and warming up before the server
    for thread in threading.enumerate():  # its (current) index checked, the thread ends with the no-op warm-up
        if thread.name == "warm-up":
            thread.join(60)
    monkeypatch.undo()

    def broken() -> None:
        raise ValueError("bad exemplar label")

    monkeypatch.setattr("assistant.safety.classifier", broken)
    a.warm_up()
    health = a.health()
    assert health["status"] == "degraded" and "bad exemplar label" in health["reason"]


def test_healthz_says_indexing_while_the_first_start_indexes_and_questions_wait_for_the_whole_index(small_kb,
                                                                                                   isolated_data):
    """The server is up at once; /healthz and the page can say the knowledge base is being indexed, and how far."""
    import time

    from fastapi.testclient import TestClient

    from assistant.webapp import create_server

    a = Assistant(load_settings(knowledge_dir=small_kb, embeddings="hashing", min_relevance=0.0))
    client = TestClient(create_server(a))
    reached, go_on = threading.Event(), threading.Event()

    def progress(done: int, total: int, label: str) -> None:
        reached.set()
        assert go_on.wait(20)

    a.start_warm_up(index_first=True, progress=progress)
    assert reached.wait(20)
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json()["status"] == "indexing" and r.json()["total"] == 3, r.json()
    assert a.progress()["status"] == "indexing"
    answers: list = []
    asking = threading.Thread(target=lambda: answers.append(a.ask("Managers who check everything")))
    asking.start()
    time.sleep(0.5)
    assert not answers  # a question waits for the whole index, not the part indexed so far
    go_on.set()
    asking.join(60)
    assert answers and answers[0].citations
    deadline = time.monotonic() + 60
    while a.progress()["status"] != "ready" and time.monotonic() < deadline:
        time.sleep(0.1)
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ready" and r.json()["chunks"] > 0


def test_a_full_ingest_drops_uploads_whose_folder_is_gone(fake_assistant, tmp_path):
    """An upload folder removed by hand (or by a restore) is no ingest group any more; its documents still go."""
    import shutil

    notes = tmp_path / "rota.md"
    notes.write_text("# Rota\n\nWe swap weekend shifts and tell each other in advance.\n")
    added = fake_assistant.upload(notes)
    assert added.ok
    shutil.rmtree(fake_assistant.settings.uploads_dir / "shared")
    report = fake_assistant.ingest()
    assert added.doc_id in report.removed
    assert added.doc_id not in {d.doc_id for d in fake_assistant.documents()}
