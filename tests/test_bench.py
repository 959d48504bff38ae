"""Benchmark scoring rules that decide how fair the comparison with the baseline is."""

from assistant.bench import _scored_texts
from assistant.chunking import chunk_document
from assistant.loading import load_document
from tests.conftest import KNOWLEDGE


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
