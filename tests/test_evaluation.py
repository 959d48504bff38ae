import json
from pathlib import Path

import pytest

from assistant.errors import QuestionSetError
from assistant.evaluation.gate import check_gate, load_rows
from assistant.evaluation.questions import load_questions
from assistant.evaluation.run import compute_metrics, evaluate

ROOT = Path(__file__).resolve().parent.parent


def test_gate_passes_on_main_and_matches_recomputation(real_assistant, tmp_path):
    out = tmp_path / "run"
    metrics = evaluate(real_assistant, ROOT / "eval" / "questions.jsonl", out)
    rows = load_rows(out)
    assert len(rows) >= 80
    assert compute_metrics(rows) == json.loads((out / "metrics.json").read_text())
    failures = check_gate(metrics, rows, load_rows(ROOT / "eval" / "baseline"))
    assert failures == []
    by_lang = metrics["retrieval"]["by_language"]
    for lang in ("en", "nl"):
        assert by_lang[lang]["hit@5"] >= 0.90 and by_lang[lang]["mrr"] >= 0.75
    assert (out / "config.json").exists()


def test_gate_catches_a_broken_retriever(real_assistant, tmp_path, monkeypatch):
    from assistant.retrieval import Retriever

    original = Retriever.retrieve

    def broken(self, query, k=5, **kw):  # the worst passages instead of the best
        res = original(self, query, 40, **kw)
        res.passages = res.passages[::-1][:k]
        return res

    monkeypatch.setattr(Retriever, "retrieve", broken)
    out = tmp_path / "broken"
    metrics = evaluate(real_assistant, ROOT / "eval" / "questions.jsonl", out, retrieval_only=True)
    failures = check_gate(metrics, load_rows(out), load_rows(ROOT / "eval" / "baseline"))
    assert any("hit@5" in f for f in failures) and any("flipped" in f for f in failures)


@pytest.mark.parametrize("content, message", [
    ('{"id": "a", "question": "q"\n', "line 1"),
    ('{"id": "a", "question": "q", "language": "en", "kind": "concept", "gold": []}\n', "missing required"),
    ('{"id": "a", "question": "q", "language": "de", "kind": "concept", "gold": [], "answerable": false}\n',
     "unknown language 'de'"),
    ('{"id": "a", "question": "q", "language": "en", "kind": "concept", "gold": ["no such quote anywhere"], '
     '"answerable": true}\n', "gold quote found in no indexed document"),
    ("", "the question file is empty"),
])
def test_bad_question_files(tmp_path, content, message):
    f = tmp_path / "q.jsonl"
    f.write_text(content)
    with pytest.raises(QuestionSetError, match=message):
        load_questions(f, ["some indexed text"])


def test_question_file_that_does_not_exist(tmp_path):
    with pytest.raises(QuestionSetError, match="does not exist"):
        load_questions(tmp_path / "nope.jsonl")


def test_own_question_set_is_valid_and_balanced(real_assistant):
    qs = load_questions(ROOT / "eval" / "questions.jsonl", [c.text for c in real_assistant.index.chunks().values()])
    assert len(qs) >= 80
    assert sum(q.kind == "follow_up" for q in qs) >= 10
    assert sum(q.kind in ("out_of_scope", "injection") for q in qs) >= 8
    assert {q.language for q in qs} == {"en", "nl"}
