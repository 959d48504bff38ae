"""The CI gate: hard floors on an evaluation run, and at most two questions flipping from the baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# hit@5 was 0.90 while the playbook's `supports` equalled this set's gold paragraphs; with cards written
# from their situations (not from the questions) it measures 0.79 on eval/questions.jsonl.
FLOORS = {"citation_validity": 1.0, "language_match": 0.95, "hit@5": 0.75}
MAX_FLIPS = 2


def passed(row: dict[str, Any], retrieval_only: bool = False) -> bool:
    """Whether one question passes.

    Answerable: hit@5 (a missing figure fails) and, in answer runs, not refused and citing a gold passage when
    it has gold. Unanswerable: refused (in retrieval-only runs there is no refusal to judge: they pass).
    Any must_not violation fails.
    """
    if row.get("must_not_hit"):
        return False
    if not row["answerable"]:
        return True if retrieval_only else bool(row.get("refused"))
    scores = row.get("retrieval_scores") or {}
    if scores.get("hit@5") != 1.0:
        return False
    if retrieval_only:
        return True
    return not row.get("refused") and (bool(row.get("cites_gold")) or not row.get("gold"))


def load_rows(run_dir: Path) -> list[dict[str, Any]]:
    """The results.jsonl rows of a run."""
    return [json.loads(line) for line in (run_dir / "results.jsonl").read_text(encoding="utf-8").splitlines() if line]


def check_gate(metrics: dict[str, Any], rows: list[dict[str, Any]],
               baseline_rows: list[dict[str, Any]] | None) -> list[str]:
    """Reasons the run fails the gate (empty when it passes)."""
    failures = []
    answers = metrics.get("answers", {}).get("overall", {})
    retrieval = metrics["retrieval"]["overall"]
    retrieval_only = "answers" not in metrics
    if retrieval.get("hit@5") is None:
        failures.append("hit@5 is missing from the run")
    if not retrieval_only:
        for name in ("citation_validity", "language_match"):
            if answers.get(name) is None:
                failures.append(f"{name} is missing from the run")
    if answers.get("citation_validity") is not None and answers["citation_validity"] < FLOORS["citation_validity"]:
        failures.append(f"citation_validity {answers['citation_validity']} < 1.0")
    if answers.get("must_not_violations"):
        failures.append(f"{answers['must_not_violations']} must_not violations")
    if answers.get("language_match") is not None and answers["language_match"] < FLOORS["language_match"]:
        failures.append(f"language_match {answers['language_match']} < {FLOORS['language_match']}")
    if retrieval.get("hit@5") is not None and retrieval["hit@5"] < FLOORS["hit@5"]:
        failures.append(f"hit@5 {retrieval['hit@5']} < {FLOORS['hit@5']}")
    if baseline_rows is not None:
        before = {r["id"]: passed(r, retrieval_only) for r in baseline_rows}
        flips = [r["id"] for r in rows if before.get(r["id"]) and not passed(r, retrieval_only)]
        if len(flips) > MAX_FLIPS:
            failures.append(f"{len(flips)} questions flipped from pass to fail: {', '.join(flips)}")
    return failures
