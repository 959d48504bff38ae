import pytest

from assistant.errors import InvalidQuestionError, UnknownNameError
from assistant.langchain_retriever import CoachRetriever
from assistant.retrieval import Retriever


def test_hybrid_finds_lexical_and_filters(fake_assistant):
    res = fake_assistant.search("delegate results check-in moments", 3)
    assert res.passages[0].meta["title"] == "Control and trust"
    nl = fake_assistant.search("experimenteren veilig", 3, language="nl")
    assert nl.passages and all(p.meta["language"] == "nl" for p in nl.passages)
    only = fake_assistant.search("trust", 5, kind="playbook")
    assert only.passages == []


def test_modes_and_unknown_mode(fake_assistant):
    for mode in ("dense", "bm25", "hybrid"):
        assert fake_assistant.search("urgency panic", 2, mode=mode).passages
    with pytest.raises(UnknownNameError, match="hybrid, dense, bm25"):
        Retriever(fake_assistant.index, "magic")


def test_langchain_retriever_interface(fake_assistant):
    r = CoachRetriever(retriever=fake_assistant.retriever(), k=2)
    docs = r.invoke("urgency")
    assert docs and "score" in docs[0].metadata


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", 42, "x" * 20_000])
def test_bad_queries(fake_assistant, bad):
    with pytest.raises(InvalidQuestionError):
        fake_assistant.search(bad)


def test_cross_lingual_with_the_real_model(real_assistant):
    en = real_assistant.search("Why is trust a verb rather than a noun?", 5, kind="article")
    assert "werkwoord" in en.passages[0].text
    assert en.passages[0].translation  # the English rendering travels with the Dutch original
    nl = real_assistant.search("Wat is psychologische veiligheid?", 5, language="en", kind="related")
    assert nl.passages and "psychological safety" in nl.passages[0].text.lower()


def test_relevance_separates_on_and_off_topic(real_assistant):
    on = real_assistant.search("My team resists the change I want to make")
    off = real_assistant.search("What is the best pizza place in Amsterdam?")
    assert on.relevance >= 0.5 > off.relevance
