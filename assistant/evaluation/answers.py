"""Answer-level evaluation: each question through ``Assistant.ask``, and the answer metrics."""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import CoachError
from assistant.evaluation.metrics import bootstrap_ci
from assistant.evaluation.questions import Question, relevant


def answer_body(text: str) -> str:
    """The answer without its sources list: what the answer itself says."""
    return re.split(r"\n\*\*(Sources|Bronnen)\*\*", text)[0]


def key_point_hit(alternatives: list[str], body: str, stems: set[str] | None = None) -> bool:
    """Whether the body covers a key point: every content stem of one alternative occurs in it.

    An alternative made of stop words only ("why") is matched as a whole word, in the body only. ``stems``
    are the body's stems when the caller has them already.
    """
    from assistant.text import query_tokens

    stems = set(query_tokens(body)) if stems is None else stems
    for alt in alternatives:
        alt_stems = query_tokens(alt)
        if alt_stems and all(s in stems for s in alt_stems):
            return True
        if not alt_stems and re.search(rf"\b{re.escape(alt)}\b", body, re.IGNORECASE):
            return True
    return False


def _language_of(text: str) -> str | None:
    """Dutch or English, by identification restricted to those two, for texts of 20+ characters."""
    from assistant.language import detect_language

    body = re.sub(r"“[^”]*”", " ", answer_body(text))  # quotations are in the source's language, not the answer's
    return detect_language(body).code if len(body.strip()) >= 20 else None


def answer_row(assistant: Any, q: Question, history: list[dict[str, str]], backend: str | None) -> dict[str, Any]:
    """Ask the question and return the answer fields of a results.jsonl row."""
    try:
        a = assistant.ask(q.question, history, backend=backend)
    except CoachError as exc:
        return {"answer": "", "error": str(exc), "citations": [], "refused": True, "language_detected": None,
                "grounding": {}, "key_points_hit": [], "must_not_hit": [], "latency_ms": None,
                "answer_retrieved_ids": []}
    d = a.as_dict()
    text = d["answer"]
    body = answer_body(text)
    from assistant.text import query_tokens

    stems = set(query_tokens(body))
    key_points_hit = [key_point_hit(kp, body, stems) for kp in q.key_points]  # a refusal covers none
    must_not_hit = [m.get("reason", m["pattern"]) for m in q.must_not if re.search(m["pattern"], body)]
    return {
        "answer": text,
        "citations": [{k: c[k] for k in ("marker", "id", "text", "title", "section", "source")}
                      for c in d["citations"]],
        "refused": d["refused"], "refusal_reason": d["refusal_reason"],
        "language_detected": _language_of(text), "grounding": d["grounding"],
        "key_points_hit": key_points_hit, "must_not_hit": must_not_hit,
        "latency_ms": d["latency_ms"], "backend": d["backend"],
        "answer_retrieved_ids": [p["id"] for p in d["retrieved"]],
        "context_ids": d["context_ids"],
        "indexed": [c["id"] in assistant.index.chunks() for c in d["citations"]],
        "cites_gold": bool(q.gold) and any(relevant(c["text"], q.gold) for c in d["citations"]),
        "situations": d["situations"], "question_type": d["question_type"], "clarify": d["clarify"],
        "advice": d["advice"],
    }


def citation_valid(citation: dict[str, Any], row: dict[str, Any], n: int) -> bool:
    """Whether a citation is valid.

    Its marker stands in the answer, its id is an indexed chunk, and its passage was among those handed to
    the answer step before composing (not one the answer pulled in afterwards).
    """
    marker = f"[{citation['marker']}]"
    indexed = row.get("indexed", [])
    return (marker in row.get("answer", "") and (n < len(indexed) and bool(indexed[n]))
            and citation["id"] in row.get("context_ids", []))


def answer_metrics(rows: list[dict[str, Any]], with_ci: bool = False) -> dict[str, Any]:
    """Citation validity, gold citation, grounding, key points, violations, refusals and language match."""
    valid = [citation_valid(c, r, n) for r in rows for n, c in enumerate(r.get("citations", []))]
    answerable = [r for r in rows if r["answerable"]]
    refused = [r for r in rows if r.get("refused")]
    unanswerable = [r for r in rows if not r["answerable"]]
    g = [r["grounding"] for r in rows if r.get("grounding") and not r.get("refused")]
    sentences = sum(x.get("sentences", 0) for x in g)
    cited = sum(x.get("sentences_with_citation", 0) for x in g)
    unsupported = sum(x.get("unsupported_sentences", 0) for x in g)
    kp = [h for r in rows for h in r.get("key_points_hit", [])]
    lang_rows = [r for r in rows if r.get("language_detected")]
    gold_hits = [float(bool(r.get("cites_gold"))) for r in answerable if r.get("gold")]
    out: dict[str, Any] = {
        "n": len(rows),
        "citation_validity": round(sum(valid) / len(valid), 4) if valid else None,
        "cited_gold_rate": round(sum(gold_hits) / len(gold_hits), 4) if gold_hits else None,
        "sentences_with_citation": round(cited / sentences, 4) if sentences else None,
        "unsupported_sentence_rate": round(unsupported / cited, 4) if cited else None,
        "key_point_coverage": round(sum(kp) / len(kp), 4) if kp else None,
        "must_not_violations": sum(len(r.get("must_not_hit", [])) for r in rows),
        "refusal_precision": round(sum(not r["answerable"] for r in refused) / len(refused), 4) if refused else None,
        "refusal_recall": round(sum(bool(r.get("refused")) for r in unanswerable) / len(unanswerable), 4)
        if unanswerable else None,
        "answerable_refused": sum(bool(r.get("refused")) for r in answerable),
        "language_match": round(sum(r["language_detected"] == r["language"] for r in lang_rows) / len(lang_rows), 4)
        if lang_rows else None,
    }
    if with_ci:
        out["ci95"] = {
            "cited_gold_rate": bootstrap_ci(gold_hits),
            "language_match": bootstrap_ci([float(r["language_detected"] == r["language"]) for r in lang_rows]),
        }
    return out
