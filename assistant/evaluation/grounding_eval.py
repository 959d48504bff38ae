"""How well the grounding check tells supported from unsupported sentences, on labelled pairs.

A pairs file is JSONL: ``sentence``, ``passage``, ``language`` and ``supported`` (true/false), optionally
``type``, ``split`` and ``id``. The figures are precision, recall and F1 for the class "unsupported" (what
the check exists to catch), per split and per type, so the check can be measured on pairs it was not tuned on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import QuestionSetError
from assistant.evaluation.questions import jsonl_objects
from assistant.grounding import Embed, Thresholds, check_support

REQUIRED = {"sentence": str, "passage": str, "language": str, "supported": bool}


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """Read and check a pairs file; a bad line raises an error naming it."""
    rows = []
    for _, where, obj in jsonl_objects(path, "pairs file"):
        for key, typ in REQUIRED.items():
            if not isinstance(obj.get(key), typ) or (typ is str and not obj[key].strip()):
                raise QuestionSetError(f"{where}: '{key}' must be a non-empty {typ.__name__}")
        rows.append(obj)
    if not rows:
        raise QuestionSetError(f"{path}: the pairs file is empty")
    return rows


def prf(labels: Sequence[bool], flagged: Sequence[bool]) -> dict[str, Any]:
    """Precision, recall and F1 for "unsupported" (``labels``: truly unsupported; ``flagged``: check says so)."""
    tp = sum(t and f for t, f in zip(labels, flagged, strict=True))
    fp = sum(f and not t for t, f in zip(labels, flagged, strict=True))
    fn = sum(t and not f for t, f in zip(labels, flagged, strict=True))
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"n": len(labels), "unsupported": sum(labels), "flagged": sum(flagged),
            "precision": None if p is None else round(p, 4), "recall": None if r is None else round(r, 4),
            "f1": None if f1 is None else round(f1, 4)}


def score_pairs(rows: list[dict[str, Any]], embed: Embed | None = None,
                progress: Callable[[int, int, str], None] | None = None,
                names: frozenset[str] = frozenset(), thresholds: Thresholds | None = None) -> dict[str, Any]:
    """Run the check on every pair; figures overall, per split and per type, and each row's verdict.

    ``names`` are the knowledge base's authors, as the answer step passes them (``KnowledgeContext.authors``);
    ``thresholds`` the support a claim needs (the default settings' when not given).
    """
    for n, row in enumerate(rows, start=1):
        if progress:
            progress(n, len(rows), str(row.get("id", n)))
        verdict = check_support(row["sentence"], [row["passage"]], embed, names=names,
                                thresholds=thresholds or Thresholds())
        row["flagged"] = not verdict.supported
        row["reason"] = verdict.reason
        row["score"] = round(verdict.score, 4)

    def figures(subset: list[dict[str, Any]]) -> dict[str, Any]:
        return prf([not r["supported"] for r in subset], [r["flagged"] for r in subset])

    out: dict[str, Any] = {"overall": figures(rows)}
    for key in ("split", "type", "language"):
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(str(r.get(key) or "—"), []).append(r)
        out[f"by_{key}"] = {k: figures(v) for k, v in sorted(groups.items())}
    out["rows"] = rows
    return out


BAR = {"precision": 0.90, "recall": 0.85}


def bar_failures(figures: dict[str, Any]) -> list[str]:
    """Which of the bars (precision ≥ 0.90, recall ≥ 0.85 for "unsupported") a set of figures misses."""
    return [f"{k} {figures.get(k)} < {v}" for k, v in BAR.items() if figures.get(k) is None or figures[k] < v]
