"""Many users at once: simultaneous conversations against ``coach serve`` through gradio_client."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from assistant.stats import percentile

QUESTIONS = [
    ("Half my team keeps working the old way since we moved to the new planning system.",
     "And if they say the old way was better?"),
    ("Ik controleer alles wat mijn team doet.", "Hoe begin ik daar morgen mee?"),
    ("People in my team don't dare to experiment.", "How do I react to the first mistake?"),
    ("Mijn directeur wil overal rapportages van.", "En als hij het er niet mee eens is?"),
    ("I start on Monday as head of a team that has never met me.", "What should I do in my first week?"),
]


def _conversation(url: str, user: int, turns: int) -> dict[str, Any]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    first, follow = QUESTIONS[user % len(QUESTIONS)]
    history: list[dict[str, str]] = []
    out: dict[str, Any] = {"latencies": [], "errors": [], "crossed": 0}
    for n in range(turns):
        question = f"{first} (user {user})" if n == 0 else follow
        t = time.perf_counter()
        try:
            d = client.predict(question, history, api_name="/chat")
        except Exception as exc:  # noqa: BLE001 - every failure is counted, not raised
            out["errors"].append(f"{type(exc).__name__}: {exc}")
            continue
        out["latencies"].append((time.perf_counter() - t) * 1000)
        if "error" in d or not d.get("answer"):
            out["errors"].append(d.get("error", "empty answer"))
            continue
        if d.get("question") != question:
            out["crossed"] += 1  # an answer that belongs to another conversation
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": d["answer"]}]
    return out


def run_load(url: str, users: int, turns: int = 2, timeout_s: float = 300) -> dict[str, Any]:
    """Run ``users`` simultaneous conversations of ``turns`` turns; bounded in count and time."""
    users = max(1, min(users, 100))
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(_conversation, url, u, turns) for u in range(users)]
        done, not_done = wait(futures, timeout=timeout_s)
    elapsed = time.perf_counter() - start
    results = [f.result() for f in done]
    lat = [x for r in results for x in r["latencies"]]
    answers = len(lat)
    p95 = percentile(lat, 95)
    return {
        "users": users, "turns": turns, "expected_answers": users * turns, "answers": answers,
        "errors": sum(len(r["errors"]) for r in results) + len(not_done) * turns,
        "error_samples": [e for r in results for e in r["errors"]][:5],
        "crossed_turns": sum(r["crossed"] for r in results), "lost_turns": users * turns - answers,
        "seconds": round(elapsed, 2), "answers_per_s": round(answers / elapsed, 2) if elapsed else None,
        "p50_ms": round(statistics.median(lat), 1) if lat else None,
        "p95_ms": round(p95, 1) if p95 is not None else None,
    }
