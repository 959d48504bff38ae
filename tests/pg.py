"""A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temp dir, on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin(name: str) -> str | None:
    """The path of a PostgreSQL server tool (Debian keeps them out of PATH), or None."""
    found = shutil.which(name)
    if found and name != "initdb":  # /usr/local/bin/initdb may be a wrapper; prefer the real one below
        return found
    real = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(real[0]) if real else found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start PostgreSQL on 127.0.0.1 with its data in a new temp dir; yield a URL of an empty database."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server tools not found; .ci/run installs Debian's postgresql")
    as_root = os.geteuid() == 0  # initdb refuses to run as root: run the server as the postgres user
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    base = Path(tempfile.mkdtemp(prefix="coach-pg-"))  # directly under /tmp: the postgres user must reach it
    data = base / "pgdata"
    if as_root:
        shutil.chown(base, "postgres")
        base.chmod(0o755)
    port = _free_port()
    user = "postgres" if as_root else os.environ.get("USER", "postgres")
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True)
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(base / "pg.log"), "-w", "-t", "60",
                    "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        subprocess.run([*prefix, pg_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port),
                        "-U", user, "coach"], check=True, capture_output=True)
        yield f"postgresql://{user}@127.0.0.1:{port}/coach"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """Create a new, empty database on the server of ``server_url``; return its URL."""
    import uuid

    import psycopg

    name = "t" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name
