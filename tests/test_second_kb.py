"""A second knowledge base, on another topic and by another author, works with no code change.

``tests/data/second_kb`` holds one English essay (Jane Doe, on feedback), one situation card and one concept note,
with its own ``situations.yaml``. Indexed with the hashing embedder (the router embeds its signals with the bundled
model, as for the real knowledge base), it routes a situational question to its card, explains its concept from its
own article, and never mentions the main knowledge base's article or author.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SECOND_KB = Path(__file__).parent / "data" / "second_kb"


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from assistant.config import load_settings
    from assistant.service import Assistant

    root = tmp_path_factory.mktemp("second")
    kb = root / "kb"
    shutil.copytree(SECOND_KB, kb)
    a = Assistant(load_settings(knowledge_dir=kb, data_dir=root / "data", embeddings="hashing", min_relevance=0.0))
    report = a.ingest()
    assert report.errors == [] and len(report.added) == 3
    return a


def test_a_situation_routes_to_the_second_knowledge_bases_card(second) -> None:  # type: ignore[no-untyped-def]
    answer = second.ask("Nobody in my team comments on pull requests, everything just gets approved. What now?")
    d = answer.as_dict()
    assert not answer.refused and d["question_type"] == "situational"
    assert d["situations"][0]["id"] == "silent-reviews"
    assert "Give every pull request one named reviewer" in answer.text or "Thank people out loud" in answer.text
    assert "Rensen" not in answer.text and "vertrouwen" not in answer.text.lower()


def test_a_concept_question_is_explained_from_the_second_article(second) -> None:  # type: ignore[no-untyped-def]
    answer = second.ask("What does the essay say about the feedback loop?")
    d = answer.as_dict()
    assert not answer.refused and d["question_type"] == "concept"
    assert d["situations"][0]["id"] == "feedback-loop"
    assert "A feedback loop runs both ways" in answer.text  # quoted from the article itself
    assert "Feedback that travels both ways" in answer.text  # the article is named among the sources
    assert "Rensen" not in answer.text


def test_the_second_knowledge_base_is_what_the_assistant_lists(second) -> None:  # type: ignore[no-untyped-def]
    docs = {d.doc_id: d for d in second.index.documents()}
    assert set(docs) == {"doe-feedback", "card-silent-reviews-en", "concept-feedback-loop-en"}
    assert docs["doe-feedback"].kind == "article"


def test_the_about_page_names_the_second_article_and_its_author(second) -> None:  # type: ignore[no-untyped-def]
    from assistant.webapp_about import about_markdown

    assert [(a.author, a.title, a.language) for a in second.articles()] == [
        ("Jane Doe", "Feedback that travels both ways", "en")]
    for language in ("en", "nl"):
        page = about_markdown(second, language)
        assert "Jane Doe, *Feedback that travels both ways*" in page
        assert "Rensen" not in page and "Vertrouwen" not in page


def test_naming_the_second_articles_author_asks_about_the_article(second) -> None:  # type: ignore[no-untyped-def]
    """The scope check and the router learn the author's name from the knowledge base: "Doe" is the essay here."""
    from assistant.router import question_type
    from assistant.safety import check_message

    assert second.knowledge.surnames() == frozenset({"doe"})
    for question in ("Who is Doe?", "What did Doe write?"):
        assert check_message(question).category == "off_topic"  # without the name: a stranger
        assert check_message(question, names=second.knowledge.surnames()).category == "in_scope"
        answer = second.ask(question)
        assert not answer.refused and answer.as_dict()["question_type"] in ("concept", "meta")
    assert question_type("What does Doe say?", False, False) == "situational"
    assert question_type("What does Doe say?", False, False, second.knowledge.surnames()) == "concept"
