"""PostgreSQL storage (psycopg 3) for several app workers sharing one database.

Chosen by ``COACH_DATABASE_URL=postgresql://user[:password]@host:port/dbname``; install with
``pip install 'trust-coach[postgres]'``. The queries are ``Storage``'s own; this module supplies connections,
a row lock that serialises two workers appending to one conversation, an advisory lock so two workers starting
together migrate once, and backups through ``pg_dump``/``pg_restore`` (Debian's ``postgresql-client``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import CoachError, StoreUnavailableError
from assistant.storage import Storage, redact

MIGRATION_LOCK = 7_412_095  # pg_advisory_xact_lock key: any fixed number this app alone uses
BACKUP_NAME = "app.pgdump"


class PostgresStorage(Storage):
    """Storage in a PostgreSQL database; one short connection per operation."""

    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as exc:
            raise CoachError("COACH_DATABASE_URL names PostgreSQL, but psycopg is not installed: "
                             "pip install 'trust-coach[postgres]'") from exc
        self._psycopg = psycopg
        self.url = url
        self.connect_timeout = connect_timeout
        self.migrate()

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        try:
            conn = self._psycopg.connect(self.url, connect_timeout=self.connect_timeout)
        except self._psycopg.OperationalError as exc:
            raise StoreUnavailableError(f"PostgreSQL at {redact(self.url)} is not reachable: "
                                        f"{str(exc).strip().splitlines()[0]}") from None
        with conn:  # commits on success, rolls back on an exception, then closes
            yield conn

    def _lock_conversation(self, db: Any, conversation_id: str) -> None:
        db.execute("SELECT 1 FROM conversations WHERE id=%s FOR UPDATE", (conversation_id,))

    def _serialise_migrations(self, db: Any) -> None:
        db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))

    def describe(self) -> str:
        """The database URL without its password."""
        return redact(self.url)

    def backup(self, out_dir: Path) -> Path:
        """``pg_dump`` in its custom format (a consistent snapshot while the app writes)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / BACKUP_NAME
        _run_tool("pg_dump", "--format=custom", "--no-owner", "--file", str(target),
                  *(f"--table={t}" for t in ("schema_version", "conversations", "messages", "feedback", "plans")),
                  "--dbname", self.url)
        return target

    def restore(self, backup_file: Path) -> None:
        """``pg_restore --clean`` of this app's tables in one transaction: all or nothing."""
        try:
            listing = _run_tool("pg_restore", "--list", str(backup_file))
        except CoachError as exc:
            raise CoachError(f"{backup_file}: not a readable PostgreSQL backup ({exc}); nothing was changed.") from None
        if "TABLE public conversations" not in listing and " conversations " not in listing:
            raise CoachError(f"{backup_file}: not a backup of this app (no conversations table); nothing was changed.")
        _run_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--dbname", self.url, str(backup_file))
        self.migrate()


def _run_tool(name: str, *args: str) -> str:
    """Run a PostgreSQL client tool; a missing tool or a failure becomes a clear error."""
    exe = shutil.which(name) or next((str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                                                              reverse=True)), None)
    if exe is None:
        raise CoachError(f"{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client).")
    done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise CoachError(f"{name} failed: {redact(done.stderr.strip())[:500]}")
    return done.stdout
