"""Optional LLM-judged metrics, reported and never gated: faithfulness, relevance, citation recall and precision."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from assistant.grounding import MARKER, _advice_units

FAITHFULNESS_PROMPT = (
    "You are a strict evaluator. Answer only YES or NO.\n"
    "These are all the passages an assistant was given:\n<passages>\n{premise}\n</passages>\n"
    "This is its answer:\n<answer>\n{answer}\n</answer>\n"
    "Does every statement in the answer stay within what the passages say, with nothing that contradicts "
    "them, exaggerates them or adds advice they do not give?"
)
CITATION_PROMPT = (
    "You are a strict evaluator. Answer only YES or NO.\n"
    "Cited passage(s):\n<cited>\n{premise}\n</cited>\n"
    "Sentence that cites them:\n<sentence>\n{claim}\n</sentence>\n"
    "Do the cited passages on their own fully support this sentence?"
)
RELEVANCE_PROMPT = (
    "Rate from 1 to 5 how well the answer addresses the question (5 = fully, 1 = not at all). "
    "Reply with the digit only.\nQuestion: {question}\nAnswer: {answer}"
)
PROMPT_HASH = hashlib.sha256((FAITHFULNESS_PROMPT + CITATION_PROMPT + RELEVANCE_PROMPT).encode()).hexdigest()[:12]


def _ask(model: Any, prompt: str) -> str:
    return str(getattr(model.invoke(prompt), "content", "")).strip()


def _yes(model: Any, prompt: str) -> bool:
    return _ask(model, prompt).upper().startswith("YES")


def judge_row(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    """Judge one answered question with three different questions to the model.

    - faithfulness: does the whole answer stay within *all* the passages it was given (cited or not)?
    - citation recall: share of claim sentences whose *own* citations support them (an uncited claim misses);
    - citation precision: share of single citations that support the sentence they are attached to;
    - answer relevance: 1–5 rating mapped to 0–1.
    """
    if row.get("refused") or not row.get("answer"):
        return {}
    texts = {c["marker"]: c["text"] for c in row.get("citations", [])}
    from assistant.evaluation.answers import answer_body
    from assistant.extractive import framing_prefixes

    given = list(dict.fromkeys([*(p["text"] for p in row.get("retrieved", [])), *texts.values()]))
    faithful = _yes(model, FAITHFULNESS_PROMPT.format(premise="\n\n".join(given)[:8000],
                                                      answer=MARKER.sub("", answer_body(row["answer"]))[:3000]))
    units = _advice_units(row["answer"], framing_prefixes(row["language"]))  # framing lines make no claims
    recall_hits, prec_hits, prec_total = 0, 0, 0
    for sentence, markers in units:
        claim = MARKER.sub("", sentence)[:1000]
        cited = [texts[m] for m in markers if m in texts]
        recall_hits += bool(cited) and _yes(model, CITATION_PROMPT.format(premise="\n\n".join(cited)[:6000],
                                                                          claim=claim))
        for m in markers:
            if m in texts:
                prec_total += 1
                prec_hits += _yes(model, CITATION_PROMPT.format(premise=texts[m][:6000], claim=claim))
    rating = re.search(r"[1-5]", _ask(model, RELEVANCE_PROMPT.format(question=row["question"],
                                                                   answer=row["answer"][:3000])))
    n = len(units)
    return {
        "faithfulness": 1.0 if faithful else 0.0,
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
