"""Benchmark scoring rules that decide how fair the comparison with the baseline is."""

import json
from pathlib import Path

import pytest

from assistant.chunking import chunk_document
from assistant.devtools.bench import (
    BASELINES,
    SIDES,
    K,
    _baseline,
    _ours,
    _scored_texts,
    bench_queries,
    compare,
    embedded_texts,
    queries_digest,
    scored_questions,
)
from assistant.evaluation.questions import load_questions
from assistant.loading import load_document
from tests.conftest import KNOWLEDGE, write_md

pytestmark = pytest.mark.slow  # benchmarks

FOLLOW_UP = "And what then?"
TOPIC = "My team resists the change I am introducing"


def test_baseline_is_credited_when_it_finds_the_translation_of_a_gold_paragraph():
    nl = chunk_document(load_document(KNOWLEDGE / "article" / "rensen-vertrouwen.nl.md"))
    en = chunk_document(load_document(KNOWLEDGE / "article" / "rensen-vertrouwen.en.md"))
    scored = _scored_texts(nl + en)
    translated = [c for c in en if c.metadata["kind"] == "translation"]
    assert translated
    for c in translated:
        original = next(o for o in nl if o.metadata["section_no"] == c.metadata["section_no"]
                        and o.metadata["paragraph"] == c.metadata["paragraph"])
        assert c.text in scored[c.id] and original.text in scored[c.id]
    # Originals are scored on their own text only.
    assert all(scored[o.id] == o.text for o in nl)


def test_like_for_like_baseline_embeds_what_ours_embeds_and_the_bare_one_the_text():
    chunks = chunk_document(load_document(KNOWLEDGE / "article" / "rensen-vertrouwen.en.md"))
    assert embedded_texts(chunks, "baseline") == [c.search_text() for c in chunks]
    assert embedded_texts(chunks, "baseline_bare") == [c.text for c in chunks]
    assert embedded_texts(chunks, "baseline") != embedded_texts(chunks, "baseline_bare")
    assert SIDES["baseline"]["embedded_text"] == SIDES["ours"]["embedded_text"]


def test_the_build_ratio_compares_only_sides_that_did_the_same_work():
    side = {"chunks_per_s": 20.0, "hybrid": {"p95_ms": 2.0}, "dense": {"p95_ms": 2.0},
            "extractive_answer": {"p95_ms": 3.0}, "disk_bytes": 10, "peak_rss_mb": 100.0,
            "quality": {"hit@5": 0.8, "mrr": 0.6}}
    ours = {**side, "embedded": 1000}
    assert compare(ours, {**side, "embedded": 1000, "chunks_per_s": 25.0})["build_chunks_per_s"] == 0.8
    reused = compare(ours, {**side, "embedded": 0, "quality": {"hit@5": 0.75, "mrr": 0.5}})
    assert reused["build_chunks_per_s"] is None
    assert reused["hit@5_points"] == 5.0 and reused["mrr_points"] == 10.0


@pytest.fixture
def bench_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Twelve English paragraphs and a question file with a plain question and a follow-up."""
    corpus = tmp_path / "corpus"
    topics = ["change", "trust", "feedback", "control", "urgency", "meetings"]
    for topic in topics:
        body = (f"## About {topic}\n\nA team that meets {topic} early keeps its people on board and talks openly "
                f"about {topic}.\n\nManagers who name {topic} plainly get fewer surprises later in the year.")
        write_md(corpus / f"{topic}.en.md", f"Notes on {topic}", body, kind="user")
    rows = [
        {"id": "q1", "question": "How do I handle resistance to change in my team?", "language": "en",
         "kind": "concept", "gold": ["keeps its people on board and talks openly about change"], "answerable": True},
        {"id": "q2", "question": FOLLOW_UP, "language": "en", "kind": "follow_up",
         "gold": ["Managers who name change plainly"], "answerable": True,
         "history": [{"role": "user", "content": TOPIC}, {"role": "assistant", "content": "Involve them."}]},
        {"id": "q3", "question": "What is the capital of France?", "language": "en", "kind": "out_of_scope",
         "gold": [], "answerable": False},
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return corpus, questions


def test_scored_questions_give_a_follow_up_its_conversation_topic(bench_corpus):
    _, questions = bench_corpus
    items = scored_questions(load_questions(questions), history_turns=6)
    assert [i.id for i in items] == ["q1", "q2"]  # unanswerable questions are not scored
    assert items[0].query == "How do I handle resistance to change in my team?"
    assert items[1].query.startswith(FOLLOW_UP) and TOPIC in items[1].query  # not the raw follow-up


def test_every_side_is_given_the_same_rewritten_queries_and_k(bench_corpus, isolated_data):
    from assistant.config import load_settings

    corpus, questions = bench_corpus
    qs = load_questions(questions)
    settings = load_settings(knowledge_dir=corpus, embeddings="hashing", min_relevance=0.0)
    queries = bench_queries(qs, settings.history_turns)
    items = scored_questions(qs, settings.history_turns)
    expected = queries_digest([i.query for i in items])
    assert expected != queries_digest([q.question for q in qs if q.answerable])  # the rewrite is visible

    sides = {"ours": _ours(settings, corpus, queries, items)}
    for side in BASELINES:
        sides[side] = _baseline(load_settings(data_dir=isolated_data / side, embeddings="hashing",
                                              collection=f"{side}_test"), corpus, queries, items, side=side)
    for name, result in sides.items():
        quality = result["quality"]
        assert (quality["k"], quality["most_returned"], quality["n"]) == (K, K, 2), name
        assert quality["queries_sha256"] == expected, name
        assert result["latency_queries_sha256"] == queries_digest(queries), name
        assert (result["k"], result["query"]) == (SIDES["ours"]["k"], SIDES["ours"]["query"]), name
    ablations = sides["ours"]["quality_ablations"]
    assert set(ablations) == {"dense", "bm25", "no_links"}
    assert all((q["queries_sha256"], q["k"]) == (expected, K) for q in ablations.values())
    # Cold, without a shared cache, each side embeds every passage itself.
    assert sides["baseline_bare"]["embedded"] == sides["baseline"]["embedded"] == 12
