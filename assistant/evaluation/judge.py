"""Optional LLM-judged metrics, reported and never gated: faithfulness, relevance, citation recall and precision."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from assistant.grounding import MARKER, _advice_units

JUDGE_PROMPT = (
    "You are a strict evaluator. Answer only YES or NO.\n"
    "Premise (passages):\n<premise>\n{premise}\n</premise>\n"
    "Claim:\n<claim>\n{claim}\n</claim>\n"
    "Is the claim fully supported by the premise?"
)
RELEVANCE_PROMPT = (
    "Rate from 1 to 5 how well the answer addresses the question (5 = fully, 1 = not at all). "
    "Reply with the digit only.\nQuestion: {question}\nAnswer: {answer}"
)
PROMPT_HASH = hashlib.sha256((JUDGE_PROMPT + RELEVANCE_PROMPT).encode()).hexdigest()[:12]


def _yes(model: Any, premise: str, claim: str) -> bool:
    out = model.invoke(JUDGE_PROMPT.format(premise=premise[:6000], claim=claim[:1000]))
    return str(getattr(out, "content", out)).strip().upper().startswith("YES")


def judge_row(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    """Judge one answered question: faithfulness, relevance, citation recall and precision."""
    if row.get("refused") or not row.get("answer"):
        return {}
    texts = {c["marker"]: c["text"] for c in row.get("citations", [])}
    from assistant.coach import framing_prefixes

    units = _advice_units(row["answer"], framing_prefixes(row["language"]))  # framing lines make no claims
    supported, recall_hits, prec_hits, prec_total = 0, 0, 0, 0
    for sentence, markers in units:
        claim = MARKER.sub("", sentence)
        cited = [texts[m] for m in markers if m in texts]
        entailed = bool(cited) and _yes(model, "\n\n".join(cited), claim)
        supported += entailed
        recall_hits += entailed
        for m in markers:  # precision: does each citation on its own (or as needed) support the claim?
            if m in texts:
                prec_total += 1
                prec_hits += _yes(model, texts[m], claim)
    rating = re.search(r"[1-5]", str(getattr(model.invoke(RELEVANCE_PROMPT.format(
        question=row["question"], answer=row["answer"][:3000])), "content", "")))
    n = len(units)
    return {
        "faithfulness": round(supported / n, 4) if n else None,
        "citation_recall": round(recall_hits / n, 4) if n else None,
        "citation_precision": round(prec_hits / prec_total, 4) if prec_total else None,
        "answer_relevance": (int(rating.group(0)) - 1) / 4 if rating else None,
    }


def judged_metrics(model: Any, rows: list[dict[str, Any]], model_name: str, temperature: float = 0.0) -> dict[str, Any]:
    """Judge every row in place (``row['judged']``) and return the averages with the judge's identity."""
    for row in rows:
        row["judged"] = judge_row(model, row)
    out: dict[str, Any] = {"judge_model": model_name, "prompt_hash": PROMPT_HASH, "temperature": temperature}
    for key in ("faithfulness", "answer_relevance", "citation_recall", "citation_precision"):
        vals = [r["judged"][key] for r in rows if r.get("judged") and r["judged"].get(key) is not None]
        out[key] = round(sum(vals) / len(vals), 4) if vals else None
    return out
