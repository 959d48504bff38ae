"""PostgreSQL storage (psycopg 3) for several app workers sharing one database.

Chosen by ``COACH_DATABASE_URL=postgresql://user[:password]@host:port/dbname``; install with
``pip install 'trust-coach[postgres]'``. The queries are ``Storage``'s own; this module supplies connections,
a row lock that serialises two workers appending to one conversation, an advisory lock so two workers starting
together migrate once, and backups through ``pg_dump``/``pg_restore`` (Debian's ``postgresql-client``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import CoachError, StoreUnavailableError
from assistant.storage import TABLES, Storage, redact

MIGRATION_LOCK = 7_412_095  # pg_advisory_xact_lock key: any fixed number this app alone uses
BACKUP_NAME = "app.pgdump"


class PostgresStorage(Storage):
    """Storage in a PostgreSQL database; one short connection per operation."""

    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__()
        self._psycopg = import_psycopg()
        self.url = url
        self.connect_timeout = connect_timeout
        self.migrate()

    def _connect(self) -> AbstractContextManager[Any]:
        return pg_transaction(self._psycopg, self.url, self.connect_timeout)

    def _run(self, db: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return super()._run(db, sql, without_nul(params))

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
                  *(f"--table={t}" for t in ("schema_version", *TABLES)), url=self.url)
        return target

    def restore(self, backup_file: Path) -> None:
        """``pg_restore --clean`` of this app's tables in one transaction: all or nothing."""
        try:
            listing = _run_tool("pg_restore", "--list", str(backup_file))
        except CoachError as exc:
            raise CoachError(f"{backup_file}: not a readable PostgreSQL backup ({exc}); nothing was changed.") from None
        tables = set(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", listing, flags=re.M))
        ours = {"schema_version", *TABLES}
        if tables != ours:
            raise CoachError(f"{backup_file}: not a backup of this app (tables {sorted(tables)}, expected "
                             f"{sorted(ours)}); nothing was changed.")
        from psycopg.conninfo import conninfo_to_dict

        dbname = str(conninfo_to_dict(self.url).get("dbname") or "")  # a name, no secret: pg_restore needs -d
        _run_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  *(["--dbname", dbname] if dbname else []), str(backup_file), url=self.url)
        self.migrate()


def import_psycopg() -> Any:
    """The psycopg module, or a clear error saying how to install it."""
    try:
        import psycopg
    except ImportError as exc:
        raise CoachError("COACH_DATABASE_URL names PostgreSQL, but psycopg is not installed: "
                         "pip install 'trust-coach[postgres]'") from exc
    return psycopg


@contextmanager
def pg_transaction(psycopg: Any, url: str, connect_timeout: int = 10, **options: Any) -> Iterator[Any]:
    """A connection in one transaction (committed on success, rolled back on an exception, then closed).

    An unreachable server or a broken connection becomes ``StoreUnavailableError``, a malformed URL ``CoachError``;
    neither message shows the password.
    """
    try:
        conn = psycopg.connect(url, connect_timeout=connect_timeout, **options)
    except psycopg.OperationalError as exc:
        raise StoreUnavailableError(f"PostgreSQL at {redact(url)} is not reachable: "
                                    f"{redact(str(exc).strip().splitlines()[0])}") from None
    except psycopg.Error as exc:  # e.g. a malformed URL: never show it whole
        raise CoachError(f"database_url {redact(url)!r} is not usable: "
                         f"{redact(str(exc).strip().splitlines()[0])}") from None
    try:
        with conn:
            yield conn
    except psycopg.OperationalError as exc:
        raise StoreUnavailableError(f"PostgreSQL at {redact(url)} failed: "
                                    f"{redact(str(exc).strip().splitlines()[0])}") from None


def without_nul(params: Sequence[Any]) -> tuple[Any, ...]:
    """Parameters with NUL characters dropped from strings: PostgreSQL's text cannot hold them."""
    return tuple(p.replace("\x00", "") if isinstance(p, str) else p for p in params)


def tool_command(name: str, args: Sequence[str], url: str = "") -> tuple[list[str], dict[str, str]]:
    """The command line and environment for a PostgreSQL client tool.

    The connection goes in libpq's PG* variables, so no password appears in the process list.
    """
    exe = shutil.which(name) or next((str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                                                              key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit()
                                                              else 0, reverse=True)), None)
    if exe is None:
        raise CoachError(f"{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client).")
    env = dict(os.environ)
    if url:
        from psycopg.conninfo import conninfo_to_dict

        keys = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE"}
        for key, value in conninfo_to_dict(url).items():
            if key in keys and value is not None:
                env[keys[key]] = str(value)
    return [exe, *args], env


def _run_tool(name: str, *args: str, url: str = "") -> str:
    """Run a PostgreSQL client tool; a missing tool or a failure becomes a clear error."""
    command, env = tool_command(name, args, url)
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if done.returncode != 0:
        raise CoachError(f"{name} failed: {redact(done.stderr.strip())[:500]}")
    return done.stdout
