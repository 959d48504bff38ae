"""The index manifest in PostgreSQL, for app workers on several machines that share no data directory.

Chosen with the storage by ``COACH_DATABASE_URL=postgresql://…``. Each index (one Chroma collection) gets its own
schema in that database, so the manifest's tables never meet the storage's and two collections never meet each
other. The writer lock is a PostgreSQL advisory lock held on its own connection: one writer at a time across every
machine, released by the server if the writing process dies.
"""

from __future__ import annotations

import hashlib
import logging
import re
from contextlib import AbstractContextManager
from typing import Any

from assistant.errors import StoreUnavailableError
from assistant.locking import WriterLock
from assistant.manifest import Manifest
from assistant.storage import redact
from assistant.storage_pg import import_psycopg, pg_transaction, without_nul

log = logging.getLogger(__name__)

# The twin of manifest._SCHEMA (SQLite) in PostgreSQL's types: a parallel definition, kept side by side on purpose.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, path TEXT UNIQUE, size BIGINT, mtime DOUBLE PRECISION, content_hash TEXT,
  title TEXT, language TEXT, kind TEXT, n_chunks INTEGER, added_at DOUBLE PRECISION, updated_at DOUBLE PRECISION,
  text_hash TEXT, owner TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY, doc_id TEXT, ordinal INTEGER, text TEXT, metadata TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pending (doc_id TEXT PRIMARY KEY);
"""


def schema_name(collection: str) -> str:
    """The PostgreSQL schema of one collection's manifest: readable, unique, within the 63-byte limit."""
    readable = re.sub(r"[^a-z0-9_]", "_", collection.lower())[:32]
    return f"coach_index_{readable}_{hashlib.sha256(collection.encode()).hexdigest()[:8]}"


def lock_key(schema: str) -> int:
    """The advisory lock number of one schema (a signed 64-bit integer, as PostgreSQL takes it)."""
    return int.from_bytes(hashlib.sha256(f"writer:{schema}".encode()).digest()[:8], "big", signed=True)


class PostgresManifest(Manifest):
    """Documents, chunks and facts of one index in its own schema of a PostgreSQL database."""

    placeholder = "%s"

    def __init__(self, url: str, collection: str, connect_timeout: int = 10) -> None:
        self._psycopg = import_psycopg()
        self.url = url
        self.schema = schema_name(collection)
        self.connect_timeout = connect_timeout
        with pg_transaction(self._psycopg, url, connect_timeout) as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.schema) ^ 1,))  # workers start together
            db.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            db.execute(f'SET LOCAL search_path TO "{self.schema}"')
            db.execute(_SCHEMA)

    def connect(self) -> AbstractContextManager[Any]:
        """A connection to the database with this index's schema first on its search path."""
        return pg_transaction(self._psycopg, self.url, self.connect_timeout,
                              options=f"-c search_path={self.schema}")

    def _run(self, db: Any, sql: str, params: Any = ()) -> Any:
        return super()._run(db, sql, without_nul(params))

    def _run_many(self, db: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        super()._run_many(db, sql, [without_nul(r) for r in rows])

    def writer_lock(self) -> WriterLock:
        """An advisory lock in the same database: one writer across every machine."""
        return AdvisoryWriterLock(self._psycopg, self.url, lock_key(self.schema), self.connect_timeout)

    def describe(self) -> str:
        """The database URL (without its password) and the schema."""
        return f"{redact(self.url)} (schema {self.schema})"


class AdvisoryWriterLock(WriterLock):
    """A session-level ``pg_advisory_lock`` held on a connection of its own for as long as the lock is held."""

    def __init__(self, psycopg: Any, url: str, key: int, connect_timeout: int = 10) -> None:
        super().__init__()
        self._psycopg = psycopg
        self.url = url
        self.key = key
        self.connect_timeout = connect_timeout
        self._conn: Any = None

    def describe(self) -> str:
        """The database and lock number."""
        return f"advisory lock {self.key} in {redact(self.url)}"

    def _open(self) -> Any:
        try:
            return self._psycopg.connect(self.url, connect_timeout=self.connect_timeout, autocommit=True)
        except self._psycopg.Error as exc:
            raise StoreUnavailableError(f"PostgreSQL at {redact(self.url)} is not reachable for the index's writer "
                                        f"lock: {redact(str(exc).strip().splitlines()[0])}") from None

    def _locked(self, wait: bool) -> bool:
        conn = self._open()
        try:
            if wait:
                conn.execute("SELECT pg_advisory_lock(%s)", (self.key,))
                taken = True
            else:
                taken = bool(conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0])
        except self._psycopg.Error as exc:
            conn.close()
            raise StoreUnavailableError(f"PostgreSQL at {redact(self.url)} failed while taking the index's writer "
                                        f"lock: {redact(str(exc).strip().splitlines()[0])}") from None
        if taken:
            self._conn = conn
        else:
            conn.close()
        return taken

    def _try_acquire(self) -> bool:
        return self._locked(wait=False)

    def _acquire(self) -> None:
        self._locked(wait=True)

    def _release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        except self._psycopg.Error as exc:  # the session is gone, and its lock with it
            log.warning("the index's writer lock was lost before it was released: %s", exc)
        finally:
            conn.close()  # closing alone releases it too: the lock belongs to the session
