import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.service import Assistant
from tests.conftest import write_md


def test_incremental_ingest(fake_settings, small_kb):
    a = Assistant(fake_settings)
    first = a.ingest()
    assert len(first.added) == 3 and first.embedded > 0
    n_chunks = len(a.index.chunks())
    assert a.index.store.count() == n_chunks

    again = a.ingest()
    assert again.embedded == 0 and len(again.unchanged) == 3 and not again.added
    assert len(a.index.chunks()) == n_chunks

    # Edit one paragraph: only that document is re-done, only the new paragraph embedded.
    f = small_kb / "control.en.md"
    f.write_text(f.read_text().replace("Agree on check-in moments in advance.",
                                       "Agree on check-in moments together."))
    edited = a.ingest()
    assert edited.updated == [a.index.documents()[0].doc_id] or len(edited.updated) == 1
    assert edited.embedded == 1
    assert len(edited.unchanged) == 2
    assert a.index.store.count() == len(a.index.chunks()) == n_chunks

    # Delete a document: its chunks go.
    (small_kb / "urgency.en.md").unlink()
    removed = a.ingest()
    assert len(removed.removed) == 1
    assert all(c.metadata["doc_id"] != "urgency-en" for c in a.index.chunks().values())
    assert a.index.store.count() == len(a.index.chunks())


def test_unchanged_ingest_is_fast_and_embeds_nothing(real_assistant):
    t0 = time.perf_counter()
    report = real_assistant.ingest()
    assert report.embedded == 0
    assert not report.added and not report.updated
    assert time.perf_counter() - t0 < 10  # generous here; the benchmark reports the real figure


def test_bad_batch_keeps_going_and_loses_nothing(fake_settings, small_kb, tmp_path):
    a = Assistant(fake_settings)
    a.ingest()
    before = set(a.index.chunks())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.xyz").write_text("x")
    (bad / "empty.md").write_bytes(b"")
    (bad / "broken.pdf").write_bytes(b"%PDF garbage")
    (bad / "broken.docx").write_bytes(b"garbage")
    (bad / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    write_md(bad / "good.md", "Good", "A good document about feedback conversations.")
    report = a.ingest([bad, tmp_path / "missing.md"])
    assert len(report.errors) == 6
    messages = "\n".join(str(e) for e in report.errors)
    for needle in ("unsupported file type", "empty", "not a readable PDF", "not a readable DOCX",
                   "not UTF-8", "does not exist"):
        assert needle in messages
    assert report.added == ["good"]
    assert before <= set(a.index.chunks())


def test_same_file_twice_is_skipped(fake_settings, small_kb, tmp_path):
    a = Assistant(fake_settings)
    a.ingest()
    copy = tmp_path / "elsewhere" / "copy.md"
    copy.parent.mkdir()
    copy.write_bytes((small_kb / "urgency.en.md").read_bytes())
    report = a.ingest([copy])
    assert report.errors and "same content" in str(report.errors[0])


def test_duplicates_within_one_batch_are_reported_not_written_twice(fake_settings, small_kb):
    """Documents are written in groups; a copy or a reused id inside one batch is caught before writing."""
    a = Assistant(fake_settings)
    batch = small_kb / "batch"  # inside the knowledge base: front matter (the id) is trusted
    first = write_md(batch / "a.md", "Trust", "Trust grows when you keep your promises.")
    (batch / "b-copy.md").write_bytes(first.read_bytes())
    write_md(batch / "c.md", "Other", "Feedback works best when it is specific.", extra="id: a\n")
    write_md(batch / "d.md", "Delegation", "Hand over one task completely this week.")
    report = a.ingest([batch])
    messages = "\n".join(str(e) for e in report.errors)
    assert "same content as a.md" in messages and "already used by" in messages, messages
    assert sorted(report.added) == ["a", "d"]
    assert a.index.store.count() == len(a.index.chunks()) == 2


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.config import load_settings
    from assistant.embeddings import HashingEmbeddings
    from assistant.index import KnowledgeIndex

    class Slow(HashingEmbeddings):
        def embed_documents(self, texts):
            time.sleep(0.3)
            return super().embed_documents(texts)

    s = load_settings(data_dir=Path(sys.argv[1]))
    ix = KnowledgeIndex(s, embeddings=Slow())
    ix.embedding_model = "hashing-256"
    ix.embeddings.model_name = "hashing-256"
    ix.ingest([Path(sys.argv[2])], progress=lambda n, t, name: print(n, flush=True))
""")


def test_killed_ingest_leaves_a_usable_index(tmp_path, small_kb):
    data = tmp_path / "killdata"
    s = load_settings(data_dir=data, knowledge_dir=small_kb, embeddings="hashing")
    a = Assistant(s)
    a.ingest()
    before = set(a.index.chunks())
    big = tmp_path / "big"
    for i in range(30):
        write_md(big / f"doc{i}.md", f"Doc {i}", f"Paragraph number {i} about trust and delegation.")
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(data), str(big)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    seen = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        seen = int(line.split()[0])
        if seen >= 5:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= 5

    b = Assistant(s)  # a fresh process's view
    assert before <= set(b.index.chunks())
    assert b.search("delegate results").passages
    report = b.ingest([big])
    assert len(report.added) + len(report.unchanged) + len(report.updated) == 30
    assert b.index.store.count() == len(b.index.chunks())
    assert len([c for c in b.index.chunks().values() if c.metadata["doc_id"].startswith("doc")]) == 30


def test_stale_index_is_rebuilt_by_ensure_index(fake_settings, small_kb):
    a = Assistant(fake_settings)
    assert a.ensure_index() is not None
    assert a.ensure_index() is None
    write_md(small_kb / "new.md", "New", "Something new about feedback.")
    report = a.ensure_index()
    assert report is not None and report.added == ["new"]


def test_a_rewritten_seed_file_embeds_only_the_new_texts(tmp_path):
    """``coach dev kb-embeddings`` after a card edit: known passages keep their vectors, new ones are embedded, and a
    seed of another model is not reused."""
    import numpy as np

    from assistant.embeddings import write_seed

    class Counting:
        def __init__(self, base: float) -> None:
            self.seen: list[str] = []
            self.base = base

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.seen += texts
            return [[self.base + len(t), 1.0] for t in texts]

    path = tmp_path / "seed.npz"
    first = Counting(0.0)
    assert write_seed(path, "m", ["a", "bb", "a"], first) == 2
    assert first.seen == ["a", "bb"]
    second = Counting(100.0)
    assert write_seed(path, "m", ["bb", "ccc"], second) == 2
    assert second.seen == ["ccc"]
    with np.load(path) as seed:
        assert [list(v) for v in seed["vectors"]] == [[2.0, 1.0], [103.0, 1.0]]  # "bb" kept, "a" dropped
    other = Counting(200.0)
    write_seed(path, "another-model", ["bb"], other)
    assert other.seen == ["bb"]
