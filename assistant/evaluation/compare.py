"""Compare two evaluation runs: metric deltas, paired tests over question ids, flipped questions."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

from assistant.evaluation.gate import load_rows, passed


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for b (pass→fail) and c (fail→pass) discordant pairs."""
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    p = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * p)


def paired_permutation(a: list[float], b: list[float], n: int = 5000, seed: int = 7) -> float:
    """Two-sided sign-flip permutation p-value for the mean paired difference."""
    diffs = [y - x for x, y in zip(a, b, strict=True)]
    if not diffs or all(d == 0 for d in diffs):
        return 1.0
    observed = abs(sum(diffs))
    rng = random.Random(seed)
    hits = sum(abs(sum(d if rng.random() < 0.5 else -d for d in diffs)) >= observed - 1e-12 for _ in range(n))
    return (hits + 1) / (n + 1)


def compare_runs(run_a: Path, run_b: Path) -> dict[str, Any]:
    """Deltas of overall metrics, paired tests and the questions that flipped from A to B."""
    ma = json.loads((run_a / "metrics.json").read_text())
    mb = json.loads((run_b / "metrics.json").read_text())
    ra = {r["id"]: r for r in load_rows(run_a)}
    rb = {r["id"]: r for r in load_rows(run_b)}
    common = sorted(set(ra) & set(rb))
    deltas = []
    for section in ("retrieval", "answers"):
        if section in ma and section in mb:
            for key, va in ma[section]["overall"].items():
                vb = mb[section]["overall"].get(key)
                if isinstance(va, int | float) and isinstance(vb, int | float) and key != "n":
                    deltas.append({"metric": f"{section}.{key}", "a": va, "b": vb, "delta": round(vb - va, 4)})

    def score(r: dict[str, Any], key: str) -> float:
        return float((r.get("retrieval_scores") or {}).get(key, 0.0))

    scored = [i for i in common if ra[i].get("retrieval_scores") and rb[i].get("retrieval_scores")]
    b = sum(passed(ra[i]) and not passed(rb[i]) for i in common)
    c = sum(not passed(ra[i]) and passed(rb[i]) for i in common)
    tests = {
        "passed_mcnemar_p": round(mcnemar_exact(b, c), 4), "pass_to_fail": b, "fail_to_pass": c,
        "mrr_permutation_p": round(paired_permutation([score(ra[i], "mrr") for i in scored],
                                                      [score(rb[i], "mrr") for i in scored]), 4),
    }
    flips = {
        "hit_to_miss": [i for i in scored if score(ra[i], "hit@5") == 1 and score(rb[i], "hit@5") == 0],
        "miss_to_hit": [i for i in scored if score(ra[i], "hit@5") == 0 and score(rb[i], "hit@5") == 1],
        "new_violations": [i for i in common if rb[i].get("must_not_hit") and not ra[i].get("must_not_hit")],
        "new_refusals": [i for i in common if rb[i].get("refused") and not ra[i].get("refused")],
        "pass_to_fail": [i for i in common if passed(ra[i]) and not passed(rb[i])],
    }
    return {"a": str(run_a), "b": str(run_b), "questions": len(common), "deltas": deltas, "tests": tests,
            "flips": flips}


def format_comparison(c: dict[str, Any]) -> str:
    """The comparison as a Markdown table plus lists."""
    lines = [f"# {c['a']} → {c['b']} ({c['questions']} paired questions)", "",
             "| metric | A | B | Δ |", "|---|---|---|---|"]
    lines += [f"| {d['metric']} | {d['a']:.4g} | {d['b']:.4g} | {d['delta']:+.4g} |" for d in c["deltas"]]
    t = c["tests"]
    lines += ["", f"Pass→fail {t['pass_to_fail']}, fail→pass {t['fail_to_pass']} "
              f"(exact McNemar p = {t['passed_mcnemar_p']}); MRR paired permutation p = {t['mrr_permutation_p']}.", ""]
    for k, ids in c["flips"].items():
        lines.append(f"- {k.replace('_', ' ')}: {', '.join(ids) if ids else 'none'}")
    return "\n".join(lines)
