"""Past one machine, on loopback: PostgreSQL, a Chroma server, two app workers and nginx in front of them.

One place indexes; both workers serve the same index with no shared data directory, as on separate machines
(vectors in the Chroma server; the manifest, its version and the writer lock in PostgreSQL, each worker noticing
within a second that another changed the index; uploaded files in a shared upload directory) and store what users
write in the same PostgreSQL. Through the proxy, many conversations at once are answered and stored exactly once;
an upload through one worker is found through the other; when one worker is killed, new conversations go to the
other.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import KNOWLEDGE
from tests.pg import postgres_server

pytestmark = pytest.mark.slow

QUESTIONS = [
    "Half my team keeps working the old way since we moved to the new planning system.",
    "Ik controleer alles wat mijn team doet.",
    "People in my team don't dare to experiment.",
    "Mijn directeur wil overal rapportages van.",
    "I start on Monday as head of a team that has never met me.",
]


def converse(url: str, user: int, turns: int = 2) -> dict[str, Any]:
    """One client's conversation through ``url``: what it asked, what came back, and any errors."""
    from gradio_client import Client

    out: dict[str, Any] = {"asked": [], "answered": [], "errors": [], "crossed": 0}
    try:
        client = Client(url, verbose=False, httpx_kwargs={"timeout": 30})
    except Exception as exc:  # noqa: BLE001 - counted
        out["errors"].append(f"connect: {exc}")
        return out
    cid = None
    for n in range(turns):
        question = f"{QUESTIONS[user % len(QUESTIONS)]} (user {user})" if n == 0 else \
            f"And how do I start with that tomorrow? (user {user}, turn {n})"
        out["asked"].append(question)
        try:
            # the server keeps the history; a reply that never comes is an error, not a hang
            job = client.submit(question, [], api_name="/chat") if cid is None else \
                client.submit(cid, question, api_name="/continue")
            d = job.result(timeout=120)
        except Exception as exc:  # noqa: BLE001 - counted
            out["errors"].append(f"{type(exc).__name__}: {exc}")
            continue
        if "error" in d or not d.get("answer"):
            out["errors"].append(str(d.get("error", "empty answer")))
            continue
        out["crossed"] += d.get("question") != question or (cid is not None and d["conversation_id"] != cid)
        cid = d["conversation_id"]
        out["answered"].append((question, cid))
    return out


def stored_turns(db_url: str) -> dict[str, list[tuple[int, str]]]:
    """Every stored user turn, by its text: (its index in the conversation, the conversation's id)."""
    import psycopg

    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT content, idx, conversation_id FROM messages WHERE role='user'").fetchall()
    out: dict[str, list[tuple[int, str]]] = {}
    for content, idx, cid in rows:
        out.setdefault(content, []).append((idx, cid))
    return out


def stored_once_in_order(result: dict[str, Any], stored: dict[str, list[tuple[int, str]]]) -> bool:
    """Each turn the client saw answered is stored exactly once, in its conversation, in the order asked."""
    return all(stored.get(q) == [(2 * n, cid)] for n, (q, cid) in enumerate(result["answered"]))


def upstreams(access_log: Path) -> dict[str, int]:
    """Requests per worker address, from the proxy's access log."""
    counts: dict[str, int] = {}
    for line in access_log.read_text().splitlines():
        addr = line.split()[1]
        counts[addr] = counts.get(addr, 0) + 1
    return counts


def test_two_workers_share_one_index_and_one_database_behind_nginx(tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    from assistant.devtools.chroma_server import running_chroma
    from assistant.devtools.cluster import index_once, running_cluster

    with postgres_server() as db_url, running_chroma(tmp_path / "chroma") as chroma_url:
        # as on separate machines: each worker has its own data directory; they share only the database (storage,
        # index manifest, version, writer lock), the Chroma server and the upload directory
        env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "deploy-data"), "COACH_DATABASE_URL": db_url,
               "COACH_CHROMA_URL": chroma_url, "COACH_KNOWLEDGE_DIR": str(KNOWLEDGE),
               "COACH_UPLOAD_DIR": str(tmp_path / "shared-uploads"),
               "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
        index_once(env)  # one place indexes (a deploy step); the workers find the index ready
        with running_cluster(2, env, tmp_path / "cluster", own_data_dirs=True) as (proxy, (worker_a, worker_b)):
            port_a, port_b, proc_a = worker_a.port, worker_b.port, worker_a.process
            # an upload through worker A is found through worker B within 2 seconds
            note = tmp_path / "upload" / "rota.md"
            note.parent.mkdir()
            note.write_text("# Rota notes\n\nOur zebracorn squad reviews the weekend rota every Tuesday.\n")
            a, b = (Client(f"http://127.0.0.1:{port}", verbose=False) for port in (port_a, port_b))
            rows = a.predict([handle_file(str(note))], api_name="/upload")[0]["data"]
            assert rows[0][1].startswith("added"), rows
            assert list((tmp_path / "shared-uploads").rglob("*-rota.md")), "the upload is not in the shared directory"
            uploaded = time.monotonic()  # the bar: visible to searches in every other worker within 2 s
            while "zebracorn" not in str(b.predict("zebracorn squad weekend rota", api_name="/search")["data"]):
                assert time.monotonic() - uploaded < 2.0, "worker B did not see worker A's upload within 2 s"
                time.sleep(0.1)
            # ... and its removal through worker A too (the manifest, read straight from PostgreSQL, names it)
            from assistant.config import load_settings
            from assistant.manifest import open_manifest

            manifest = open_manifest(load_settings(database_url=db_url))
            doc_id = next(d.doc_id for d in manifest.documents() if d.path.endswith("-rota.md"))
            assert "Removed" in a.predict(doc_id, api_name="/remove")[0]
            removed = time.monotonic()
            while "zebracorn" in str(b.predict("zebracorn squad weekend rota", api_name="/search")["data"]):
                assert time.monotonic() - removed < 2.0, "worker B still found the removed upload after 2 s"
                time.sleep(0.1)

            # 50 conversations at once through the proxy: every turn answered, none crossed, stored once
            with ThreadPoolExecutor(max_workers=50) as pool:
                results = list(pool.map(lambda u: converse(proxy, u), range(50)))
            errors = [e for r in results for e in r["errors"]]
            assert errors == [], errors[:3]
            assert sum(r["crossed"] for r in results) == 0
            stored = stored_turns(db_url)
            assert sum(len(r["answered"]) for r in results) == 100
            assert all(stored_once_in_order(r, stored) for r in results)
            served = upstreams(tmp_path / "cluster" / "nginx" / "access.log")
            assert {f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"} <= set(served), served

            # kill worker A while conversations run; those that start afterwards all go to B
            with ThreadPoolExecutor(max_workers=20) as pool:
                during = [pool.submit(converse, proxy, 100 + u) for u in range(20)]
                time.sleep(1.0)
                proc_a.send_signal(signal.SIGKILL)
                proc_a.wait(10)
                during_results = [f.result() for f in during]
            after = [converse(proxy, 200 + u) for u in range(10)]
            assert all(not r["errors"] and len(r["answered"]) == 2 for r in after), \
                [r["errors"] for r in after if r["errors"]][:3]
            stored = stored_turns(db_url)
            # every turn a client saw answered is stored, once (a turn cut off by the kill may be missing)
            assert all(stored_once_in_order(r, stored) for r in after)
            assert all(stored.get(q) and [c for _, c in stored[q]] == [cid] for r in during_results
                       for q, cid in r["answered"])
            # nothing that must be shared was written to a worker's own disk
            local = [p.name for p in (tmp_path / "cluster").rglob("*.sqlite") if p.name != "embedding_cache.sqlite"]
            assert local == [], local
