"""The grounding check on whole claims, and its measurement on labelled pairs."""

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.evaluation.grounding_eval import load_pairs, prf, score_pairs
from assistant.grounding import check_support, validate

PASSAGE = ("Vertrouwen is een tastbaar bezit. Leiders die hun medewerkers vertrouwen, geven hen de ruimte om hun "
           "werk op hun eigen manier uit te voeren.")
EN = ("Trust is a tangible asset. Leaders who trust their employees give them room to do their work in their "
      "own way.")


@pytest.mark.parametrize("sentence", [
    # the examples: a harmful claim riding on a faithful quote, or standing before a colon
    "Fire your whole team tomorrow, because as the article says “Trust is a tangible asset” [1].",
    "Stop trusting anyone and fire the whole team: trust is a tangible asset [1].",
    # negation, and an absolute the passage does not use
    "Leaders who trust their employees do not give them room to do their work in their own way [1].",
    "Leaders who trust their employees always give them complete room to do everything their own way [1].",
    # a quotation that is not in the passage
    "As the article puts it: “Trust must be earned before any room is given” [1].",
    # a number or a name the passage does not hold
    "In a 2012 study, leaders who trust their employees gave them room to do their work in their own way [1].",
    "Leaders who trust their employees give them room, Edmondson found, to do their work in their own way [1].",
    "Volgens Kotter geven leiders die hun medewerkers vertrouwen hen de ruimte om hun werk te doen [1].",
])
def test_unsupported_claims_are_caught(sentence):
    verdict = check_support(sentence, [PASSAGE, EN])
    assert not verdict.supported and verdict.reason


@pytest.mark.parametrize("sentence", [
    "As the article puts it: “Trust is a tangible asset” [1].",
    "Leaders who trust their employees give them room to do the work in their own way [1].",
    "Zoals Rensen schrijft: “Vertrouwen is een tastbaar bezit.” [1]",
    # the article's own author need not be named in the passage
    "Rensen notes that leaders who trust their employees give them room to do their work in their own way [1].",
])
def test_faithful_sentences_pass(sentence):
    # the knowledge base's authors, as the answer step passes them (KnowledgeContext.authors)
    assert check_support(sentence, [PASSAGE, EN], names=frozenset({"rensen"})).supported


def test_the_authors_names_come_from_the_knowledge_base_not_the_checker():
    sentence = "As Doe notes, leaders who trust their employees give them room to do their work in their own way [1]."
    assert not check_support(sentence, [EN]).supported  # an unknown name
    assert check_support(sentence, [EN], names=frozenset({"doe"})).supported  # another knowledge base's author


@pytest.mark.parametrize(("sentence", "passage"), [
    ("Google's Project Aristotle in 2015 named psychological safety the first factor [1].",
     "In 2015 Google's Project Aristotle found that psychological safety was the first factor of effective teams."),
    ("Volgens Googles Project Aristotle uit 2015 was psychologische veiligheid de eerste factor [1].",
     "Project Aristotle van Google (2015) vond dat psychologische veiligheid de eerste factor was."),
])
def test_names_and_numbers_the_passage_holds_pass(sentence, passage):
    assert check_support(sentence, [passage]).supported, check_support(sentence, [passage]).reason


@pytest.mark.parametrize("sentence", [
    "Google's Project Aristotle in 2012 named psychological safety the first factor [1].",
    "In 2015 Microsoft's Project Aristotle named psychological safety the first factor [1].",
])
def test_a_changed_year_or_company_is_caught(sentence):
    passage = "In 2015 Google's Project Aristotle found that psychological safety was the first factor of teams."
    assert not check_support(sentence, [passage]).supported


@pytest.mark.parametrize(("sentence", "given"), [
    # the person's own numbers and names, days and languages, the author's first name: no claim about the source
    ("With your team of 12, leaders who trust their employees give them room to do their work [1].",
     "I lead a team of 12 people"),
    ("Talk to Pieter: leaders who trust their employees give them room to do their work in their own way [1].",
     "Pieter keeps missing deadlines"),
    ("On Monday, give your employees room to do their work in their own way, as leaders who trust do [1].", ""),
    ("Zoals René Rensen schrijft, geven leiders die hun medewerkers vertrouwen hen de ruimte [1].", ""),
])
def test_what_the_person_wrote_and_ordinary_capitals_are_not_claims(sentence, given):
    assert check_support(sentence, [PASSAGE, EN], given=given, names=frozenset({"rené", "rensen"})).supported


def test_the_composers_translation_label_claims_nothing():
    from assistant.extractive import composer_labels

    text = "In English: “Trust is a tangible asset.” [1]"
    _, g = validate(text, {1: [PASSAGE, EN]}, labels=composer_labels("en"))
    assert g.sentences_with_citation == 1 and g.unsupported_sentences == 0




def test_validate_counts_the_harmful_sentence_as_unsupported():
    text = ("Give people room to do their work in their own way [1].\n"
            "Fire your whole team tomorrow, because as the article says “Trust is a tangible asset” [1].")
    _, g = validate(text, {1: [PASSAGE, EN]})
    assert g.sentences_with_citation == 2 and g.unsupported_sentences == 1
    assert g.unsupported[0].startswith("Fire your whole team")


def test_precision_recall_by_hand_and_a_checker_that_flags_nothing_scores_zero_recall():
    # truly unsupported: T T F F; flagged: T F T F -> tp 1, fp 1, fn 1
    assert prf([True, True, False, False], [True, False, True, False]) == {
        "n": 4, "unsupported": 2, "flagged": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert prf([True, False], [False, False])["recall"] == 0.0


def test_the_shipped_pairs_measure_the_checker_and_can_fail(monkeypatch):
    from pathlib import Path

    rows = load_pairs(Path(__file__).resolve().parent.parent / "eval" / "grounding.jsonl")
    assert len(rows) >= 150 and {r["language"] for r in rows} == {"en", "nl"}
    assert {r["split"] for r in rows} == {"dev", "test"}
    real = score_pairs([dict(r) for r in rows])["overall"]
    assert real["recall"] > 0.5 and real["precision"] > 0.6  # stems only; measured 0.56 / 0.68 (see eval/README)
    import assistant.evaluation.grounding_eval as ge
    from assistant.grounding import Support

    monkeypatch.setattr(ge, "check_support", lambda *a, **k: Support(1.0))  # a checker that passes everything
    blind = score_pairs([dict(r) for r in rows])["overall"]
    assert blind["recall"] == 0.0 and blind["precision"] is None


def test_eval_grounding_command(tmp_path, isolated_data):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r) for r in [
        {"sentence": "Fire your whole team, because as the article says “Trust is a tangible asset” [1].",
         "passage": EN, "language": "en", "supported": False, "split": "test"},
        {"sentence": "Leaders who trust their employees give them room to do their work their own way [1].",
         "passage": EN, "language": "en", "supported": True, "split": "test"},
    ]) + "\n")
    r = CliRunner().invoke(main, ["eval", "grounding", "--pairs", str(pairs), "--json", "--no-embeddings"])
    assert r.exit_code == 0, r.output
    figures = json.loads(r.output[r.output.index("{"):])
    assert figures["overall"]["precision"] == 1.0 and figures["overall"]["recall"] == 1.0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence": "x", "passage": "y", "language": "en", "supported": "yes"}\n')
    r = CliRunner().invoke(main, ["eval", "grounding", "--pairs", str(bad)])
    assert r.exit_code == 2 and "bad.jsonl, line 1: 'supported' must be a non-empty bool" in r.output
    for path, message in ((tmp_path / "missing.jsonl", "the pairs file does not exist"),
                          (tmp_path / "empty.jsonl", "the pairs file is empty"),
                          (tmp_path / "array.jsonl", "line 1: each line must be a JSON object"),
                          (tmp_path / "broken.jsonl", "line 1: not valid JSON")):
        if path.name != "missing.jsonl":
            path.write_text({"empty.jsonl": "\n", "array.jsonl": "[1, 2]\n", "broken.jsonl": "{nope\n"}[path.name])
        r = CliRunner().invoke(main, ["eval", "grounding", "--pairs", str(path)])
        assert r.exit_code == 2 and message in r.output, r.output
