"""Does the answer fit the situation? Router accuracy, clarifying questions, repetition and alignment.

Scored on a question set whose rows name acceptable ``situations`` (eval/situations.jsonl), per split and
language, beside a baseline that takes the top retrieved card (what the product did before the router).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.embeddings import unit_rows
from assistant.evaluation.questions import Question, relevant
from assistant.text import sentences

SITUATIONAL = ("situational", "coach", "follow_up")
_MARKER = re.compile(r"\s*\[\d{1,3}\]")


def _fixed_sentences() -> set[str]:
    """The assistant's own fixed sentences (disclaimers, generic prompts): honest, but not content."""
    from assistant.prompts import CHECK_IN, TEXT

    texts = [v for lang in TEXT.values() for v in lang.values() if "{" not in v] + list(CHECK_IN.values())
    return {" ".join(s.split()) for t in texts for s in sentences(t.strip("*"))}


def _note_prefixes() -> tuple[str, ...]:
    """Openings of the assistant's fixed notes that name a language ("I answer in English or Dutch; …")."""
    from assistant.prompts import TEXT

    return tuple(lang["third_language"].split("{")[0] for lang in TEXT.values())


def content_sentences(answer_text: str) -> list[str]:
    """The sentences of an answer that carry content drawn from the material.

    Headings, the sources list, markers, sentences under five words and the assistant's fixed sentences
    (a disclaimer, the generic reflective question) are left out.
    """
    body = re.split(r"\n\*\*(Sources|Bronnen)\*\*", answer_text)[0]
    fixed = _fixed_sentences()
    out = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("**") or line.startswith("*") and line.endswith("*"):
            continue
        line = re.sub(r"^(\d+\.|-|>)\s*", "", line)
        for s in sentences(_MARKER.sub("", line)):
            s = " ".join(s.split())
            if len(s.split()) >= 5 and s not in fixed and not s.startswith(_note_prefixes()):
                out.append(s)
    return out


def boilerplate(rows: list[dict[str, Any]], unrelated_only: bool) -> float | None:
    """Share of content sentences of one answer that appear word for word in another answer of the run.

    With ``unrelated_only`` the other answer must be to a question about a different situation: steps
    of the same card recurring for questions about the same situation are expected; the same sentence
    pasted under unrelated questions is boilerplate.
    """
    answered = [r for r in rows if r.get("content")]
    where: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(answered):
        for s in set(r["content"]):
            where[s].add(i)
    total = repeated = 0
    for i, r in enumerate(answered):
        for s in r["content"]:
            total += 1
            others = where[s] - {i}
            if unrelated_only:
                others = {j for j in others if not set(answered[j]["gold"]) & set(r["gold"])}
            repeated += bool(others)
    return round(repeated / total, 4) if total else None


def _rate(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The routing figures of a set of rows."""
    sit = [r for r in rows if r["kind"] in SITUATIONAL]
    concept = [r for r in rows if r["kind"] == "concept"]
    routed = [r for r in rows if r["kind"] in SITUATIONAL + ("concept",)]
    sims = [a["similarity"] for r in rows for a in r.get("alignment", [])]
    return {
        "n": len(rows),
        "situation@1": _rate([r["top1"] for r in routed]),
        "situation@2": _rate([r["top2"] for r in routed]),
        "baseline_top_card@1": _rate([r["baseline_top1"] for r in routed]),
        "clarify_rate": _rate([r["clarify"] for r in sit]),
        "false_refusals": sum(r["refused"] for r in rows),
        # Answers that open with a safety check-in (113/112): right after a loss, noise before ordinary advice.
        "check_ins": sum(r.get("check_in", False) for r in rows),
        "concept_cited_gold": _rate([r["cited_gold"] for r in concept if r["gold_quotes"]]),
        "boilerplate": boilerplate(rows, unrelated_only=True),
        "boilerplate_any": boilerplate(rows, unrelated_only=False),
        "steps_with_evidence": round(sum(len(r.get("alignment", [])) for r in rows) /
                                     max(1, sum(r.get("steps", 0) for r in rows)), 4),
        "answers_citing_article": _rate([r["cites_article"] for r in rows if r.get("content")]),
        "evidence_similarity_mean": round(float(np.mean(sims)), 4) if sims else None,
        "evidence_below_threshold": _rate([a["below"] for r in rows for a in r.get("alignment", [])]),
    }


def score_routing(assistant: Any, questions: list[Question], progress: Callable[[int, int, str], None] | None = None
                  ) -> dict[str, Any]:
    """Ask every question through the whole pipeline and score routing, repetition and alignment."""
    rows: list[dict[str, Any]] = []
    embed = assistant.index.embeddings
    for n, q in enumerate(questions, start=1):
        a = assistant.ask(q.question, q.history)
        predicted = [s["id"] for s in a.situations]
        shown = list(a.cards) or (list(a.clarify["options"]) if a.clarify else [])
        result = assistant.search(a.standalone_question or q.question, assistant.settings.k)
        top_card = next((p.meta.get("card") or p.meta.get("concept") for p in result.passages
                         if p.meta.get("kind") in ("playbook", "concept")), None)
        alignment: list[dict[str, Any]] = []
        pairs = [(x["step"], x["evidence"]["text"]) for x in a.advice if x.get("evidence")]
        if pairs:
            vectors = unit_rows(embed.embed_documents([t for pair in pairs for t in pair]))
            floor = assistant.settings.evidence_min_similarity
            alignment = [{"similarity": (sim := float(vectors[2 * i] @ vectors[2 * i + 1])), "paired": True,
                          "below": sim < floor} for i in range(len(pairs))]
        alignment += [{"similarity": None, "paired": False} for x in a.advice if not x.get("evidence")]
        rows.append({
            "id": q.id, "split": q.split, "language": q.language, "kind": q.kind, "gold": q.situations,
            "predicted": predicted, "question_type": a.question_type,
            # A hit is a situation the person was shown: a card the answer is built from, or the first option
            # of a clarifying question. A right guess the answer then did not use ("I have no card…") is a miss.
            "top1": bool(shown[:1]) and shown[0] in q.situations,
            "top2": bool(shown) and bool(set(predicted[:2]) & set(q.situations)),
            "baseline_top1": top_card in q.situations,
            "clarify": a.clarify is not None, "refused": a.refused, "check_in": bool(a.safety.get("check_in")),
            "cited_gold": any(relevant(c.passage.text, q.gold) for c in a.citations) if q.gold else False,
            "gold_quotes": bool(q.gold),
            "content": content_sentences(a.text) if not a.refused and a.clarify is None else [],
            "alignment": [x for x in alignment if x["similarity"] is not None],
            "steps": len(a.advice),
            "cites_article": any(c.passage.meta.get("kind") == "article" for c in a.citations),
        })
        if progress:
            progress(n, len(questions), q.id)
    out: dict[str, Any] = {"overall": summarize(rows), "by_split": {}, "by_language": {}}
    for split in sorted({r["split"] for r in rows}):
        out["by_split"][split] = summarize([r for r in rows if r["split"] == split])
    for lang in sorted({r["language"] for r in rows}):
        out["by_language"][lang] = summarize([r for r in rows if r["language"] == lang])
    out["rows"] = rows
    return out


BARS = {"situation@1": 0.80, "situation@2": 0.90, "concept_cited_gold": 0.90}
MAXIMA = {"boilerplate": 0.25, "clarify_rate": 0.2, "false_refusals": 0}


def routing_bar_failures(figures: dict[str, Any]) -> list[str]:
    """The bars a set of figures misses, as sentences."""
    out = [f"{k} {figures[k]} < {v}" for k, v in BARS.items() if figures.get(k) is not None and figures[k] < v]
    out += [f"{k} {figures[k]} > {v}" for k, v in MAXIMA.items() if figures.get(k) is not None and figures[k] > v]
    return out
