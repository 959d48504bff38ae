"""The storage seam: one contract for SQLite and PostgreSQL, migrations, concurrent writers, backups."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import load_settings
from assistant.errors import CoachError, StoreUnavailableError
from assistant.storage import SCHEMA_VERSION, SQLiteStorage, Storage, open_storage
from tests.pg import fresh_database

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture(params=ENGINES)
def make_storage(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory: each call opens the same (new, empty) database again, as another worker would."""
    if request.param == "sqlite":
        path = tmp_path / "app.sqlite"
        return lambda: SQLiteStorage(path)
    from assistant.storage_pg import PostgresStorage

    url = fresh_database(request.getfixturevalue("pg_url"))
    return lambda: PostgresStorage(url)


def test_conversations_turns_and_ownership(make_storage) -> None:  # type: ignore[no-untyped-def]
    s: Storage = make_storage()
    cid = s.new_conversation("ann", "First question")
    assert s.add_message(cid, "user", "How do I delegate?", user="ann") == 0
    assert s.add_message(cid, "assistant", "Start small [1].", {"citations": [1]}, user="ann") == 1
    turns = s.messages(cid, "ann")
    assert [t["idx"] for t in turns] == [0, 1] and turns[1]["answer"] == {"citations": [1]}
    assert s.messages(cid, "bob") == []  # another user sees nothing
    with pytest.raises(PermissionError):
        s.add_message(cid, "user", "hijack", user="bob")
    assert s.rename_conversation(cid, "  Delegating   well ", "ann") and not s.rename_conversation(cid, "x", "bob")
    assert s.conversations("ann")[0]["title"] == "Delegating well"
    with pytest.raises(ValueError):
        s.rename_conversation(cid, "   ", "ann")
    s.add_feedback(cid, 1, "down", "too vague", question="How do I delegate?", answer="Start small", user="ann")
    assert [f["comment"] for f in s.feedback("down")] == ["too vague"] and s.feedback("up") == []
    pid = s.save_plan("micromanagement", "# Plan", user="ann")
    assert s.plan(pid, "ann")["markdown"] == "# Plan" and s.plan(pid, "bob") is None
    assert s.counts() == {"conversations": 1, "messages": 2, "feedback": 1, "plans": 1}
    assert not s.delete_conversation(cid, "bob")
    assert s.delete_conversation(cid, "ann")
    assert s.counts() == {"conversations": 0, "messages": 0, "feedback": 0, "plans": 1}


def test_a_turn_to_a_new_conversation_creates_it(make_storage) -> None:  # type: ignore[no-untyped-def]
    s = make_storage()
    s.add_message("abc", "user", "Mijn team vertrouwt me niet", user="")
    assert [c["title"] for c in s.conversations("", answered_only=True)] == ["Mijn team vertrouwt me niet"]


def test_reopening_migrates_once_and_keeps_data(make_storage) -> None:  # type: ignore[no-untyped-def]
    s = make_storage()
    cid = s.new_conversation("ann", "kept")
    again = make_storage()
    assert again.schema_version() == SCHEMA_VERSION and again.migrate() == SCHEMA_VERSION
    assert again.conversations("ann")[0]["id"] == cid


def test_concurrent_writers_to_one_conversation_get_distinct_turns(make_storage) -> None:  # type: ignore[no-untyped-def]
    """Eight workers (each its own Storage, as separate processes have) append to one conversation at once."""
    workers = [make_storage() for _ in range(8)]
    errors: list[BaseException] = []

    def write(s: Storage, n: int) -> None:
        try:
            for i in range(6):
                s.add_message("shared", "user", f"w{n} t{i}", user="ann")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    turns = workers[0].messages("shared", "ann")
    assert [t["idx"] for t in turns] == list(range(48))
    assert sorted(t["content"] for t in turns) == sorted(f"w{n} t{i}" for n in range(8) for i in range(6))


def test_a_newer_schema_is_refused_not_misread(make_storage) -> None:  # type: ignore[no-untyped-def]
    s = make_storage()
    with s._connect() as db:
        s._run(db, "INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(CoachError, match="newer than this version"):
        make_storage()


def test_a_file_from_before_versioning_is_adopted(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    db = sqlite3.connect(path)
    db.executescript("""CREATE TABLE conversations (id TEXT PRIMARY KEY, user TEXT, title TEXT, created REAL,
      updated REAL); CREATE TABLE messages (conversation_id TEXT, idx INTEGER, role TEXT, content TEXT,
      answer TEXT, created REAL, PRIMARY KEY (conversation_id, idx));
      INSERT INTO conversations VALUES ('old', 'ann', 'from 2025', 1.0, 1.0);""")
    db.commit()
    db.close()
    s = SQLiteStorage(path)
    assert s.schema_version() == SCHEMA_VERSION
    assert s.conversations("ann") == [{"id": "old", "title": "from 2025", "updated": 1.0}]
    assert s.add_message("old", "user", "next", user="ann") == 0


def test_open_storage_follows_the_setting(tmp_path: Path) -> None:
    assert isinstance(open_storage(load_settings(data_dir=tmp_path)), SQLiteStorage)
    with pytest.raises(CoachError, match="not understood"):
        open_storage(load_settings(data_dir=tmp_path, database_url="mysql://u:secret@h/db"))
    try:
        open_storage(load_settings(data_dir=tmp_path, database_url="mysql://u:secret@h/db"))
    except CoachError as exc:
        assert "secret" not in str(exc)  # a password never reaches a message


@pytest.mark.slow
def test_an_unreachable_postgres_is_a_clear_error(tmp_path: Path) -> None:
    from assistant.storage_pg import PostgresStorage

    with pytest.raises(StoreUnavailableError, match=r"not reachable") as info:
        PostgresStorage("postgresql://coach:hunter2@127.0.0.1:1/coach", connect_timeout=2)
    assert "hunter2" not in str(info.value)


# -- backup and restore through the CLI ------------------------------------------------------------------


def _configured(engine: str, tmp_path: Path, request: pytest.FixtureRequest,
                monkeypatch: pytest.MonkeyPatch) -> Storage:
    """Point the settings (as the CLI reads them) at a new, empty storage of ``engine``; return it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    kb = tmp_path / "kb"  # restore re-indexes uploaded files: keep the knowledge base and the embedder small
    kb.mkdir()
    (kb / "a.md").write_text("---\ntitle: A\nlanguage: en\nkind: related\n---\n# A\n\nTrust grows slowly.\n")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(kb))
    monkeypatch.setenv("COACH_EMBEDDINGS", "hashing")
    url = fresh_database(request.getfixturevalue("pg_url")) if engine == "postgresql" else ""
    monkeypatch.setenv("COACH_DATABASE_URL", url)
    return open_storage(load_settings())


@pytest.mark.parametrize("engine", ENGINES)
def test_backup_and_restore_round_trip(engine: str, tmp_path: Path, request: pytest.FixtureRequest,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    s = _configured(engine, tmp_path, request, monkeypatch)
    cid = s.new_conversation("ann", "keep me")
    s.add_message(cid, "user", "Hoe herstel ik vertrouwen?", user="ann")
    s.save_plan("repair", "# Plan", user="ann")
    uploads = load_settings().uploads_dir
    kept = uploads / "shared" / "0a1b-notes.md"
    kept.parent.mkdir(parents=True)
    kept.write_text("# Notes\n\nOur squad reviews the rota on Tuesdays.\n")
    runner = CliRunner()
    out = tmp_path / "backup"
    done = runner.invoke(main, ["backup", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "1 conversations, 1 messages, 0 feedback, 1 plans" in done.output and "1 uploaded files" in done.output
    again = runner.invoke(main, ["backup", "--out", str(out)])  # never overwrite a backup
    assert again.exit_code != 0 and "already holds a backup" in again.output

    s.delete_conversation(cid, "ann")
    s.new_conversation("bob", "written after the backup")
    kept.unlink()
    (uploads / "shared" / "later.md").write_text("# Later\n\nwritten after the backup\n")
    from assistant.service import Assistant

    Assistant(load_settings()).ingest()  # indexed before the restore: the restore must take it out again
    done = runner.invoke(main, ["restore", str(out), "--yes"])
    assert done.exit_code == 0, done.output
    restored = open_storage(load_settings())
    assert [m["content"] for m in restored.messages(cid, "ann")] == ["Hoe herstel ik vertrouwen?"]
    assert restored.conversations("bob") == [] and restored.counts()["plans"] == 1
    assert sorted(p.name for p in uploads.rglob("*.md")) == ["0a1b-notes.md"]  # as at the backup, and indexed
    assert "Restored 1 uploaded files" in done.output and "0 errors" in done.output
    indexed = {Path(d.path).name for d in Assistant(load_settings()).index.documents()}
    assert "0a1b-notes.md" in indexed and "later.md" not in indexed
    assert "1 uploads no longer in the backup were removed from the index" in done.output


def test_restoring_uploads_keeps_the_directory_a_mount_or_link_points_at(tmp_path: Path) -> None:
    """The upload directory may be a shared mount or a symbolic link to one: its contents are replaced, not it."""
    from assistant.uploads_archive import archive_uploads, restore_uploads

    source = tmp_path / "source"
    (source / "shared").mkdir(parents=True)
    (source / "shared" / "a.md").write_text("# A\n\nkept\n")
    archive, n = archive_uploads(source, tmp_path)
    real = tmp_path / "mnt" / "uploads"
    (real / "users").mkdir(parents=True)
    (real / "users" / "old.md").write_text("# Old\n")
    real.chmod(0o775)
    link = tmp_path / "uploads-link"
    link.symlink_to(real)
    assert restore_uploads(archive, link) == n == 1
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sorted(str(f.relative_to(real)) for f in real.rglob("*") if f.is_file()) == ["shared/a.md"]
    assert real.stat().st_mode & 0o777 == 0o775 and not [f for f in real.iterdir() if f.name.startswith(".")]


def test_an_archive_that_cannot_be_unpacked_changes_nothing(tmp_path: Path) -> None:
    import io
    import tarfile

    from assistant.uploads_archive import restore_uploads

    archive = tmp_path / "uploads.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:  # "shared" as a file, then a file inside "shared/": passes the check
        for name in ("shared", "shared/x.md"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"hi"))
    uploads = tmp_path / "uploads"
    (uploads / "shared").mkdir(parents=True)
    (uploads / "shared" / "mine.md").write_text("stays")
    with pytest.raises(CoachError, match="could not be unpacked"):
        restore_uploads(archive, uploads)
    assert [f.name for f in uploads.rglob("*") if f.is_file()] == ["mine.md"]
    assert [f.name for f in uploads.iterdir()] == ["shared"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_bad_backup_is_refused_and_nothing_changes(engine: str, tmp_path: Path, request: pytest.FixtureRequest,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    s = _configured(engine, tmp_path, request, monkeypatch)
    cid = s.new_conversation("ann", "precious")
    s.add_message(cid, "user", "stay", user="ann")
    runner = CliRunner()
    out = tmp_path / "backup"
    assert runner.invoke(main, ["backup", "--out", str(out)]).exit_code == 0
    manifest = (out / "backup.json").read_text()

    empty = tmp_path / "empty"
    empty.mkdir()
    done = runner.invoke(main, ["restore", str(empty), "--yes"])
    assert done.exit_code != 0 and "no readable backup.json" in done.output

    (out / "backup.json").write_text(manifest.replace(f'"engine": "{engine}"', '"engine": "oracle"'))
    done = runner.invoke(main, ["restore", str(out), "--yes"])
    assert done.exit_code != 0 and "is a oracle backup" in done.output
    (out / "backup.json").write_text(manifest)

    # an upload archive with a path outside the upload directory, or a link, is refused before anything changes
    import io
    import tarfile

    upload = load_settings().uploads_dir / "shared" / "mine.md"
    upload.parent.mkdir(parents=True)
    upload.write_text("# Mine\n\nstays\n")
    good_archive = (out / "uploads.tar.gz").read_bytes()
    for hostile in ("../escape.md", "link"):
        with tarfile.open(out / "uploads.tar.gz", "w:gz") as tar:
            info = tarfile.TarInfo(hostile)
            if hostile == "link":
                info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
                tar.addfile(info)
            else:
                info.size = 4
                tar.addfile(info, io.BytesIO(b"evil"))
        done = runner.invoke(main, ["restore", str(out), "--yes"])
        assert done.exit_code != 0 and "not a plain file inside the upload directory" in done.output, done.output
        assert upload.read_text() == "# Mine\n\nstays\n" and not (upload.parents[2] / "escape.md").exists()
    (out / "uploads.tar.gz").write_bytes(b"not gzip at all")
    done = runner.invoke(main, ["restore", str(out), "--yes"])
    assert done.exit_code != 0 and "not a readable upload archive" in done.output
    (out / "uploads.tar.gz").write_bytes(good_archive)

    backup_file = out / json.loads(manifest)["file"]
    backup_file.write_bytes(b"\x00garbage, not a database" * 50)
    done = runner.invoke(main, ["restore", str(out), "--yes"])
    assert done.exit_code != 0 and "nothing was changed" in done.output
    assert [m["content"] for m in open_storage(load_settings()).messages(cid, "ann")] == ["stay"]
    assert upload.read_text() == "# Mine\n\nstays\n"


def test_question_and_answer_pairs_never_interleave(make_storage) -> None:  # type: ignore[no-untyped-def]
    workers = [make_storage() for _ in range(6)]

    def write(s: Storage, n: int) -> None:
        for i in range(4):
            s.add_exchange("pairs", f"q{n}.{i}", f"a{n}.{i}", {"n": n}, user="ann")

    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    turns = workers[0].messages("pairs", "ann")
    assert len(turns) == 48
    for question, answer in zip(turns[::2], turns[1::2], strict=True):
        assert question["role"] == "user" and answer["role"] == "assistant"
        assert answer["content"] == "a" + question["content"][1:]
    assert workers[0].owns("pairs", "ann") and not workers[0].owns("pairs", "bob")
    empty = workers[0].new_conversation("ann", "nothing yet")
    assert workers[0].owns(empty, "ann")


def test_processes_opening_a_new_database_together_migrate_once(make_storage) -> None:  # type: ignore[no-untyped-def]
    opened: list[Storage] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(make_storage())
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 6
    with opened[0]._connect() as db:
        assert opened[0]._run(db, "SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_postgres_tools_get_the_password_from_the_environment_not_the_command_line() -> None:
    from assistant.storage_pg import tool_command

    try:
        command, env = tool_command("pg_dump", ["--format=custom"], url="postgresql://coach:s3cret@db.example:5433/app")
    except CoachError:
        pytest.skip("pg_dump is not installed")
    assert not any("s3cret" in part for part in command)
    assert env["PGPASSWORD"] == "s3cret" and env["PGHOST"] == "db.example" and env["PGPORT"] == "5433"
    assert env["PGUSER"] == "coach" and env["PGDATABASE"] == "app"


@pytest.mark.parametrize("url", ["postgresql://u:s3cret@h:notaport/db", "postgresql://u:s3cret@h/db?bogus=1"])
def test_a_malformed_database_url_is_a_clear_error_without_its_password(url: str) -> None:
    from assistant.storage_pg import PostgresStorage

    with pytest.raises(CoachError) as info:
        PostgresStorage(url, connect_timeout=2)
    assert "s3cret" not in str(info.value)


def test_a_damaged_sqlite_backup_is_refused(tmp_path: Path) -> None:
    live = SQLiteStorage(tmp_path / "live.sqlite")
    cid = live.new_conversation("ann", "precious")
    live.add_message(cid, "user", "stay", user="ann")
    donor = SQLiteStorage(tmp_path / "donor.sqlite")
    for n in range(300):  # enough pages that damage lands inside the data, not the header
        donor.add_message(f"c{n}", "user", "x" * 500, user="ann")
    backup = donor.backup(tmp_path / "backup")
    raw = bytearray(backup.read_bytes())
    for at in range(len(raw) // 2, len(raw) // 2 + 4096):
        raw[at] = 0xA5
    backup.write_bytes(bytes(raw))
    with pytest.raises(CoachError, match="nothing was changed"):
        live.restore(backup)
    assert [m["content"] for m in live.messages(cid, "ann")] == ["stay"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_backup_from_a_newer_version_is_refused(engine: str, tmp_path: Path, request: pytest.FixtureRequest,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s = _configured(engine, tmp_path, request, monkeypatch)
    cid = s.new_conversation("ann", "precious")
    s.add_message(cid, "user", "stay", user="ann")
    out = tmp_path / "backup"
    assert CliRunner().invoke(main, ["backup", "--out", str(out)]).exit_code == 0
    meta = (out / "backup.json").read_text()
    (out / "backup.json").write_text(meta.replace(f'"schema_version": {SCHEMA_VERSION}',
                                                  f'"schema_version": {SCHEMA_VERSION + 1}'))
    done = CliRunner().invoke(main, ["restore", str(out), "--yes"])
    assert done.exit_code != 0 and "newer version of the app" in done.output
    assert [m["content"] for m in open_storage(load_settings()).messages(cid, "ann")] == ["stay"]


@pytest.mark.slow
def test_a_postgres_dump_of_another_database_is_refused(pg_url: str, tmp_path: Path) -> None:
    import psycopg

    from assistant.storage_pg import PostgresStorage, _run_tool

    live = PostgresStorage(fresh_database(pg_url))
    cid = live.new_conversation("ann", "precious")
    live.add_message(cid, "user", "stay", user="ann")
    other = fresh_database(pg_url)
    with psycopg.connect(other) as conn:
        conn.execute("CREATE TABLE conversations (id TEXT, secret TEXT)")
        conn.execute("CREATE TABLE payroll (name TEXT, salary INTEGER)")
    foreign = tmp_path / "foreign.pgdump"
    _run_tool("pg_dump", "--format=custom", "--file", str(foreign), url=other)
    with pytest.raises(CoachError, match="not a backup of this app"):
        live.restore(foreign)
    assert [m["content"] for m in live.messages(cid, "ann")] == ["stay"]


def test_the_web_app_does_not_start_on_a_storage_it_cannot_open(fake_settings) -> None:
    """A wrong COACH_DATABASE_URL stops building the page, before anyone has asked a question."""
    from dataclasses import replace

    from assistant.index import KnowledgeIndex
    from assistant.service import Assistant
    from assistant.webapp import build_app

    # The index is fine (its manifest in the data directory); only the storage's URL is wrong.
    broken = Assistant(replace(fake_settings, database_url="mysql://u:secret@h/db"),
                       index=KnowledgeIndex(fake_settings))
    with pytest.raises(CoachError, match="not understood"):
        build_app(broken)
