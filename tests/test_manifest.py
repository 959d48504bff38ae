"""The index manifest behind ``COACH_DATABASE_URL``: one contract for SQLite and PostgreSQL, one writer at a time.

With PostgreSQL, two app workers that share no data directory (other machines) share the manifest, its version and
its writer lock through the database; each collection keeps its own schema.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assistant.chunking import Chunk
from assistant.config import load_settings
from assistant.manifest import DocumentRow, Manifest, SQLiteManifest, open_manifest
from tests.pg import fresh_database

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture(params=ENGINES)
def make_manifest(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory: each call opens the same (new, empty) manifest again, as another process would."""
    if request.param == "sqlite":
        return lambda collection="coach_passages": SQLiteManifest(tmp_path / collection / "manifest.sqlite")
    from assistant.manifest_pg import PostgresManifest

    url = fresh_database(request.getfixturevalue("pg_url"))
    return lambda collection="coach_passages": PostgresManifest(url, collection)


def _doc(doc_id: str, path: str, n: int, owner: str = "") -> tuple[DocumentRow, list[Chunk]]:
    row = DocumentRow(doc_id, path, 100 + n, 1.5, "h" + doc_id, f"Title {doc_id}", "nl", "user", n, 10.0, 11.0,
                      "t" + doc_id, owner)
    return row, [Chunk(f"{doc_id}:{i}", f"Tekst {i} van {doc_id} — ‘vertrouwen’", {"doc_id": doc_id, "i": i})
                 for i in range(n)]


def test_documents_chunks_and_facts_round_trip(make_manifest) -> None:  # type: ignore[no-untyped-def]
    m: Manifest = make_manifest()
    assert m.documents() == [] and m.chunk_count() == 0 and m.meta_get("version") is None
    assert m.write([_doc("a", "/k/a.md", 3), _doc("b", "/k/b.md", 2, owner="ann")]) == set()
    other = make_manifest()  # another process opening the same manifest sees the same rows
    assert [(d.doc_id, d.owner, d.n_chunks, d.mtime) for d in other.documents()] == \
        [("a", "", 3, 1.5), ("b", "ann", 2, 1.5)]
    assert [c.id for c in other.chunks()] == ["a:0", "a:1", "a:2", "b:0", "b:1"]
    assert other.chunks()[0].text == "Tekst 0 van a — ‘vertrouwen’" and other.chunks()[4].metadata == \
        {"doc_id": "b", "i": 1}
    assert other.chunk_ids("b") == ["b:0", "b:1"] and other.all_chunk_ids() == {"a:0", "a:1", "a:2", "b:0", "b:1"}

    # replacing a document returns the chunk ids it no longer names; a moved path replaces the old row
    assert m.write([_doc("a", "/k/a2.md", 1)]) == {"a:1", "a:2"}
    assert {d.path for d in other.documents()} == {"/k/a2.md", "/k/b.md"}
    m.touch("/k/a2.md", 999, 7.0)
    assert next(d for d in other.documents() if d.doc_id == "a").size == 999

    m.meta_set("version", "1")
    m.meta_set("version", "2")  # overwrites
    assert other.meta_get("version") == "2"
    m.mark_pending(["x", "x", "y"])  # idempotent
    m.mark_pending(["x"])
    assert other.pending() == {"x", "y"}
    m.write([_doc("x", "/k/x.md", 1)])  # writing a document clears its pending mark
    assert other.pending() == {"y"}
    m.clear_pending()
    assert other.pending() == set()

    assert m.remove("b") == ["b:0", "b:1"] and m.remove("b") is None
    assert m.integrity() == "ok"
    m.clear()
    assert other.documents() == [] and other.chunk_count() == 0 and other.meta_get("version") == "2"


def test_a_failed_write_leaves_the_manifest_as_it_was(make_manifest) -> None:  # type: ignore[no-untyped-def]
    m: Manifest = make_manifest()
    m.write([_doc("a", "/k/a.md", 2)])
    good = _doc("c", "/k/c.md", 1)
    clash = (_doc("d", "/k/d.md", 1)[0], [Chunk("a:0", "same id as a chunk of a", {})])  # primary key clash
    with pytest.raises(Exception):  # noqa: B017 - whichever engine error; what matters is what is left
        m.write([good, clash])
    assert [d.doc_id for d in m.documents()] == ["a"] and m.chunk_ids("a") == ["a:0", "a:1"]


def test_collections_do_not_see_each_other(make_manifest) -> None:  # type: ignore[no-untyped-def]
    first, second = make_manifest("coach_passages"), make_manifest("other.collection-2")
    first.write([_doc("a", "/k/a.md", 1)])
    first.meta_set("version", "9")
    assert second.documents() == [] and second.meta_get("version") is None


def test_one_writer_at_a_time_across_processes(make_manifest) -> None:  # type: ignore[no-untyped-def]
    """Two lock objects stand for two processes (each has its own file handle or database session)."""
    lock_a, lock_b = make_manifest().writer_lock(), make_manifest().writer_lock()
    order: list[str] = []
    with lock_a.hold():
        with lock_a.hold():  # re-entrant within a thread
            pass
        def second_process() -> None:
            with lock_b.hold():
                order.append("b")

        waiter = threading.Thread(target=second_process)
        waiter.start()
        time.sleep(0.5)
        order.append("a done")
        assert waiter.is_alive()  # still waiting for A
    waiter.join(10)
    assert order == ["a done", "b"]


def test_open_manifest_follows_the_database_url(tmp_path: Path) -> None:
    from assistant.errors import CoachError

    plain = open_manifest(load_settings(data_dir=tmp_path / "d"))
    assert isinstance(plain, SQLiteManifest) and plain.describe().endswith("manifest.sqlite")
    with pytest.raises(CoachError, match="not understood"):  # never a silent fallback to a local file
        open_manifest(load_settings(data_dir=tmp_path / "d", database_url="postgresql+psycopg://u:pw@db/coach"))


def test_the_writer_lock_is_released_when_the_block_fails(make_manifest) -> None:  # type: ignore[no-untyped-def]
    lock_a, lock_b = make_manifest().writer_lock(), make_manifest().writer_lock()
    with pytest.raises(RuntimeError, match="ingest failed"), lock_a.hold():
        raise RuntimeError("ingest failed")
    assert lock_b._try_acquire()  # another process can write now
    lock_b._release()


@pytest.mark.slow
def test_a_writer_lock_whose_session_died_is_released_without_an_error(pg_url: str) -> None:
    import psycopg

    from assistant.manifest_pg import PostgresManifest

    url = fresh_database(pg_url)
    lock = PostgresManifest(url, "coach_passages").writer_lock()
    with lock.hold():
        with psycopg.connect(url, autocommit=True) as admin:  # the server ends the lock's session (a failover)
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'")
    other = PostgresManifest(url, "coach_passages").writer_lock()
    assert other._try_acquire()
    other._release()


@pytest.mark.slow
def test_postgres_manifest_names_its_database_without_the_password(pg_url: str) -> None:
    from assistant.manifest_pg import PostgresManifest, schema_name

    user, rest = fresh_database(pg_url).removeprefix("postgresql://").split("@", 1)
    url = f"postgresql://{user}:s3cret@{rest}"  # the test server trusts loopback, so any password connects
    m = open_manifest(load_settings(database_url=url, collection="coach_passages"))
    assert isinstance(m, PostgresManifest) and m.schema == schema_name("coach_passages")
    assert "s3cret" not in m.describe() and "s3cret" not in m.writer_lock().describe()
    assert len(schema_name("x" * 512)) <= 63 and schema_name("a.b") != schema_name("a_b")


@pytest.mark.slow
def test_doctor_checks_the_database_instead_of_local_files(pg_url: str, tmp_path: Path) -> None:
    from assistant.doctor import _database_finding
    from assistant.ports import free_port

    ok = _database_finding(load_settings(data_dir=tmp_path, database_url=fresh_database(pg_url)))
    assert ok.ok and "index manifest in" in ok.detail and "(ok)" in ok.detail
    down = _database_finding(load_settings(data_dir=tmp_path,
                                           database_url=f"postgresql://u:pw@127.0.0.1:{free_port()}/x"))
    assert not down.ok and "not reachable" in down.detail and "pw" not in down.detail
