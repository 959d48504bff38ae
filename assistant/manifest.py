"""The ingestion manifest: which documents and chunks are indexed, with named columns (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.chunking import Chunk
from assistant.errors import CoachError, CorruptStateError
from assistant.locking import FileWriterLock, WriterLock
from assistant.storage import with_placeholder

if TYPE_CHECKING:
    from assistant.config import Settings

SCHEMA_VERSION = "2"  # 2: documents.owner, pending table, owner in vector metadata
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, path TEXT UNIQUE, size INTEGER, mtime REAL, content_hash TEXT,
  title TEXT, language TEXT, kind TEXT, n_chunks INTEGER, added_at REAL, updated_at REAL,
  text_hash TEXT, owner TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY, doc_id TEXT, ordinal INTEGER, text TEXT, metadata TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pending (doc_id TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class DocumentRow:
    """One indexed document as the manifest records it."""

    doc_id: str
    path: str
    size: int
    mtime: float
    content_hash: str
    title: str
    language: str
    kind: str
    n_chunks: int
    added_at: float
    updated_at: float
    text_hash: str
    owner: str = ""


_COLUMNS = ", ".join(f.name for f in fields(DocumentRow))


class Manifest:
    """Documents, chunks and small key/value facts of one index, over a DB-API connection.

    ``SQLiteManifest`` (a file in the data directory: the default) and ``manifest_pg.PostgresManifest`` (a schema
    in the database ``COACH_DATABASE_URL`` names, for workers on several machines) supply the connection, the
    placeholder style and the writer lock that goes with where the manifest lives; ``open_manifest`` chooses.
    """

    placeholder = "?"

    def connect(self) -> AbstractContextManager[Any]:
        """A connection in one transaction (committed on success)."""
        raise NotImplementedError

    def writer_lock(self) -> WriterLock:
        """The lock that lets one process at a time write this index."""
        raise NotImplementedError

    def describe(self) -> str:
        """Where the manifest lives (without any password)."""
        raise NotImplementedError

    def integrity(self) -> str:
        """The engine's own check of the stored data: 'ok' or what is wrong."""
        return "ok"

    def _run(self, db: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = db.cursor()
        cur.execute(with_placeholder(sql, self.placeholder), tuple(params))
        return cur

    def _run_many(self, db: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            db.cursor().executemany(with_placeholder(sql, self.placeholder), rows)

    # -- reading ------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        """Every document, ordered by kind and title."""
        with self.connect() as db:
            rows = self._run(db, f"SELECT {_COLUMNS} FROM documents ORDER BY kind, title").fetchall()
        return [DocumentRow(*r) for r in rows]

    def chunks(self) -> list[Chunk]:
        """Every chunk in document order."""
        with self.connect() as db:
            rows = self._run(db, "SELECT id, text, metadata FROM chunks ORDER BY doc_id, ordinal").fetchall()
        return [Chunk(i, t, json.loads(m)) for i, t, m in rows]

    def chunk_ids(self, doc_id: str) -> list[str]:
        """The chunk ids of one document."""
        with self.connect() as db:
            return [r[0] for r in self._run(db, "SELECT id FROM chunks WHERE doc_id=?", (doc_id,)).fetchall()]

    def chunk_count(self) -> int:
        """How many chunks are recorded."""
        with self.connect() as db:
            return int(self._run(db, "SELECT COUNT(*) FROM chunks").fetchone()[0])

    def all_chunk_ids(self) -> set[str]:
        """Every recorded chunk id."""
        with self.connect() as db:
            return {r[0] for r in self._run(db, "SELECT id FROM chunks").fetchall()}

    def meta_get(self, key: str) -> str | None:
        """A stored fact (embedding model, last ingest time, schema version, index version)."""
        with self.connect() as db:
            row = self._run(db, "SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def meta_set(self, key: str, value: str) -> None:
        """Store a fact."""
        with self.connect() as db:
            self._run(db, "INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- writing ------------------------------------------------------------------------------
    def mark_pending(self, doc_ids: Iterable[str]) -> None:
        """Record documents whose vectors are about to be written (so a crash can be cleaned up)."""
        with self.connect() as db:
            self._run_many(db, "INSERT INTO pending (doc_id) VALUES (?) ON CONFLICT (doc_id) DO NOTHING",
                           [(d,) for d in doc_ids])

    def pending(self) -> set[str]:
        """Documents whose vector writes may not have been recorded."""
        with self.connect() as db:
            return {r[0] for r in self._run(db, "SELECT doc_id FROM pending").fetchall()}

    def clear_pending(self) -> None:
        """Forget pending marks (after reconciling)."""
        with self.connect() as db:
            self._run(db, "DELETE FROM pending")

    def write(self, items: list[tuple[DocumentRow, list[Chunk]]]) -> set[str]:
        """Replace documents and their chunks in one transaction; return chunk ids no longer named."""
        stale: set[str] = set()
        with self.connect() as db:
            for row, chunks in items:
                old = {r[0] for r in self._run(db, "SELECT id FROM chunks WHERE doc_id=?", (row.doc_id,)).fetchall()}
                self._run(db, "DELETE FROM chunks WHERE doc_id=?", (row.doc_id,))
                self._run_many(
                    db, "INSERT INTO chunks (id, doc_id, ordinal, text, metadata) VALUES (?, ?, ?, ?, ?)",
                    [(c.id, row.doc_id, n, c.text, json.dumps(c.metadata, ensure_ascii=False))
                     for n, c in enumerate(chunks)])
                self._run(db, "DELETE FROM documents WHERE doc_id=? OR path=?", (row.doc_id, row.path))
                self._run(db, f"INSERT INTO documents ({_COLUMNS}) VALUES ({','.join('?' * len(fields(row)))})",
                          astuple(row))
                self._run(db, "DELETE FROM pending WHERE doc_id=?", (row.doc_id,))
                stale |= old - {c.id for c in chunks}
        return stale

    def remove(self, doc_id: str) -> list[str] | None:
        """Remove a document; return its chunk ids, or None when it was not there."""
        with self.connect() as db:
            ids = [r[0] for r in self._run(db, "SELECT id FROM chunks WHERE doc_id=?", (doc_id,)).fetchall()]
            found = self._run(db, "DELETE FROM documents WHERE doc_id=?", (doc_id,)).rowcount > 0
            self._run(db, "DELETE FROM chunks WHERE doc_id=?", (doc_id,))
        return ids if found else None

    def touch(self, path: str, size: int, mtime: float) -> None:
        """Record a new size and time for a file whose content did not change."""
        with self.connect() as db:
            self._run(db, "UPDATE documents SET size=?, mtime=? WHERE path=?", (size, mtime, path))

    def clear(self) -> None:
        """Forget every document and chunk (the embedding model changed)."""
        with self.connect() as db:
            self._run(db, "DELETE FROM chunks")
            self._run(db, "DELETE FROM documents")


class SQLiteManifest(Manifest):
    """The manifest in one SQLite file of the data directory; a file lock beside it admits one writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as db:
            db.executescript(_SCHEMA)
            columns = {r[1] for r in db.execute("PRAGMA table_info(documents)")}
            if "owner" not in columns:  # written by an older version
                db.execute("ALTER TABLE documents ADD COLUMN owner TEXT NOT NULL DEFAULT ''")

    def connect(self) -> AbstractContextManager[sqlite3.Connection]:
        """A connection in one transaction (committed on success); a damaged file names itself."""
        return sqlite_transaction(self.path)

    def writer_lock(self) -> WriterLock:
        """A file lock next to the manifest: every process on this machine using this data directory."""
        return FileWriterLock(self.path.parent / "write.lock")

    def describe(self) -> str:
        """The manifest file."""
        return str(self.path)

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' or what is wrong."""
        with self.connect() as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def open_manifest(settings: Settings) -> Manifest:
    """The manifest the settings name.

    A schema in PostgreSQL for a ``postgresql://`` ``database_url``, the SQLite file in the data directory for an
    empty one; any other URL is refused, as ``storage.open_storage`` refuses it.
    """
    url = settings.database_url
    if url.startswith(("postgresql://", "postgres://")):
        from assistant.manifest_pg import PostgresManifest

        return PostgresManifest(url, settings.collection)
    if url:
        from assistant.storage import redact

        raise CoachError(f"database_url {redact(url)!r} is not understood: use postgresql://user@host:port/dbname "
                         "or leave it empty for the SQLite files in the data directory.")
    return SQLiteManifest(settings.db_path)


@contextmanager
def sqlite_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """A WAL-mode connection to ``path`` in one transaction (committed on success, closed after).

    A damaged or unwritable file becomes ``sqlite_error``'s message. The manifest and the SQLite storage both
    open their files this way.
    """
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            _wal(db)
            with db:
                yield db
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise sqlite_error(path, exc) from None


def _wal(db: sqlite3.Connection, patience_s: float = 30.0) -> None:
    """Put the file in WAL mode, waiting for another connection that is doing the same.

    Switching a new file takes an exclusive lock that SQLite's busy timeout does not wait for, so several processes
    opening one new file at once retry here.
    """
    deadline = time.monotonic() + patience_s
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def sqlite_error(path: Path, exc: sqlite3.DatabaseError) -> Exception:
    """The user-facing error for a failed SQLite call: damaged file, or a plain access problem."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and not any(
            w in text for w in ("malformed", "not a database", "no such table", "disk image")):
        if "locked" in text:
            return exc  # transient: the caller's retry or timeout handles it
        return CoachError(f"{path}: {text}; check that the data directory is writable (COACH_DATA_DIR).")
    return CorruptStateError(path, text)


def row_dict(row: DocumentRow) -> dict[str, Any]:
    """A document row as a plain dict (for JSON)."""
    return {f.name: getattr(row, f.name) for f in fields(row)}
