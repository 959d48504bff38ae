"""Retrieval and answer metrics computed with plain code from per-question results."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import Any

from assistant.stats import percentile
from assistant.text import normalise_quotes


def _matches(text: str, gold: Sequence[str]) -> list[bool]:
    t = normalise_quotes(text)
    return [normalise_quotes(g) in t for g in gold]


def ndcg(retrieved_texts: Sequence[str], gold: Sequence[str], k: int = 5) -> float:
    """Standard nDCG@k with binary, non-redundant gains.

    rel_i = 1 when passage i contains at least one gold quote that no earlier passage contains, else 0;
    DCG = sum(rel_i / log2(i + 1)) over ranks i = 1..k; IDCG = the same sum over min(len(gold), k) ranks
    (every gold quote found, one per rank, from the top).
    """
    if not gold:
        return 0.0
    seen = [False] * len(gold)
    dcg = 0.0
    for i, text in enumerate(retrieved_texts[:k], start=1):
        hits = _matches(text, gold)
        if any(h and not s for h, s in zip(hits, seen, strict=True)):
            dcg += 1.0 / math.log2(i + 1)
        seen = [s or h for s, h in zip(seen, hits, strict=True)]
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def retrieval_scores(retrieved_texts: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """hit@1/3/5, recall@5, reciprocal rank and nDCG@5 (see ``ndcg``) for one question."""
    rel = [any(_matches(t, gold)) for t in retrieved_texts]
    first = next((i for i, r in enumerate(rel) if r), None)
    covered = [False] * len(gold)
    for t in retrieved_texts[:5]:
        covered = [c or m for c, m in zip(covered, _matches(t, gold), strict=True)]
    return {
        "hit@1": float(first is not None and first < 1),
        "hit@3": float(first is not None and first < 3),
        "hit@5": float(first is not None and first < 5),
        "recall@5": sum(covered) / len(gold) if gold else 0.0,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg@5": ndcg(retrieved_texts, gold, 5),
    }


RETRIEVAL_KEYS = ("hit@1", "hit@3", "hit@5", "recall@5", "mrr", "ndcg@5")


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    return sum(values) / len(values) if values else None


def bootstrap_ci(values: Sequence[float], n: int = 1000, seed: int = 7) -> list[float] | None:
    """A 95% percentile bootstrap interval of the mean."""
    if not values:
        return None
    rng = random.Random(seed)
    means = [sum(rng.choices(values, k=len(values))) / len(values) for _ in range(n)]
    low, high = percentile(means, 2.5), percentile(means, 97.5)
    assert low is not None and high is not None  # n bootstrap means, never none
    return [round(low, 4), round(high, 4)]


def group_by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by the value of ``key``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(str(r[key]), []).append(r)
    return dict(sorted(out.items()))


def aggregate(rows: list[dict[str, Any]], fn: Callable[[list[dict[str, Any]]], dict[str, Any]],
              ) -> dict[str, Any]:
    """``fn`` over all rows, and per language, kind and (when the set has them) split: tune on dev, report test."""
    out = {
        "overall": fn(rows),
        "by_language": {k: fn(v) for k, v in group_by(rows, "language").items()},
        "by_kind": {k: fn(v) for k, v in group_by(rows, "kind").items()},
    }
    if any(r.get("split") for r in rows):
        out["by_split"] = {k: fn(v) for k, v in group_by([dict(r, split=r.get("split") or "dev") for r in rows],
                                                         "split").items()}
    return out


def retrieval_metrics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean retrieval scores over answerable questions, with counts."""
    scored = [r for r in rows if r.get("answerable") and r.get("retrieval_scores")]
    out: dict[str, Any] = {"n": len(scored)}
    for key in RETRIEVAL_KEYS:
        m = mean([r["retrieval_scores"][key] for r in scored])
        out[key] = None if m is None else round(m, 4)
    return out
