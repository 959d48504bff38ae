"""The CI gate: hard floors on an evaluation run, and at most two questions flipping from the baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# hit@5 was 0.90 while the playbook's `supports` equalled this set's gold paragraphs; with cards written
# from their situations (not from the questions) it measures 0.79 on eval/questions.jsonl.
FLOORS = {"citation_validity": 1.0, "language_match": 0.95, "hit@5": 0.75}
MAX_FLIPS = 2


def failure_reasons(row: dict[str, Any], retrieval_only: bool = False) -> list[str]:
    """Why one question fails, one plain sentence per reason (empty when it passes).

    Answerable: hit@5 when it has gold (a missing figure fails) and, in answer runs, not refused, citing a gold
    passage when it has gold and routed to one of its expected situations when it names any. Unanswerable:
    refused (in retrieval-only runs there is no refusal to judge: they pass). Any must_not violation fails.
    """
    reasons = [f"must_not violated: {hit}" for hit in row.get("must_not_hit") or []]
    if not row["answerable"]:
        if not retrieval_only and not row.get("refused"):
            reasons.append("answered, but this question should be refused")
        return reasons
    scores = row.get("retrieval_scores")
    gold = row.get("gold") or []
    if gold and (not scores or scores.get("hit@5") is None):
        reasons.append("no hit@5 figure for a question with gold")
    elif gold and scores and scores["hit@5"] != 1.0:
        reasons.append("hit@5 = 0: no retrieved passage holds a gold quote (expected one of: "
                       + "; ".join(f"“{g[:80]}”" for g in gold[:3]) + ")")
    if retrieval_only:
        return reasons
    if row.get("refused"):
        why = row.get("refusal_reason") or row.get("error") or "no reason"
        reasons.append(f"refused an answerable question ({why})")
    elif gold and not row.get("cites_gold"):
        cited = "; ".join(f"{c.get('title', '')} — {c.get('section', '')}" for c in row.get("citations", [])[:4])
        reasons.append(f"cites no gold passage (cited: {cited or 'nothing'})")
    expected = row.get("expected_situations") or []
    if expected and not row.get("refused") and not set(expected) & set(row.get("situations") or []):
        reasons.append(f"routed to {', '.join(row.get('situations') or []) or 'no situation'}; "
                       f"expected {' or '.join(expected)}")
    return reasons


def passed(row: dict[str, Any], retrieval_only: bool = False) -> bool:
    """Whether one question passes: ``failure_reasons`` finds none."""
    return not failure_reasons(row, retrieval_only)


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
