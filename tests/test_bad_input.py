"""Bad input gets one clear sentence: in the library, the CLI (exit 2) and the API (a JSON error)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import InvalidInputError, InvalidQuestionError
from assistant.validation import clean_question, parse_minutes, validate_history


def _nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("history, says", [
    (42, "not int"),
    ("hello", "not str"),
    ({"role": "user"}, "not dict"),
    (_nested(600), "pair"),
    ([{"role": "robot", "content": "hi"}], "role must be"),
    ([{"role": "user", "content": {"text": 5}}], "must hold text"),
    ([{"role": "user", "content": [[["deep"]]]}], "nested"),
    ([{"role": "user", "content": "x"}] * 201, "limit is 200"),
    ([{"role": "user", "content": "x" * 50_001}], "limit is 50,000"),
])
def test_history_shapes_are_refused_with_a_sentence(history, says):
    with pytest.raises(InvalidInputError, match=says):
        validate_history(history)


def test_histories_as_clients_send_them():
    assert validate_history(None) == []
    assert validate_history([["hi", "hello"]]) == [{"role": "user", "content": "hi"},
                                                   {"role": "assistant", "content": "hello"}]
    blocks = [{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "file", "text": ""}]}]
    assert validate_history(blocks) == [{"role": "user", "content": "a"}]


def test_lone_surrogates_are_dropped_not_fatal():
    assert clean_question("my team \ud800 resists") == "my team resists"
    with pytest.raises(InvalidQuestionError):
        clean_question("\ud800\udfff")


@pytest.mark.parametrize("value", ["abc", 1e400, float("nan"), -5, 1000, None, "60min"])
def test_minutes_must_be_a_sane_number(value):
    with pytest.raises(InvalidInputError, match="minutes"):
        parse_minutes(value)


def test_cli_bad_history_file_is_one_line(tmp_path, fake_settings):
    runner = CliRunner()
    for content in ("{not json", "42", '[{"role": "user", "content": 5}]'):
        f = tmp_path / "h.json"
        f.write_text(content)
        r = runner.invoke(main, ["ask", "How do I delegate?", "--history", str(f)])
        assert r.exit_code == 2, r.output
        assert r.output.startswith("error:") and len(r.output.strip().splitlines()) == 1 and "Traceback" not in r.output


@pytest.mark.parametrize("typed, says", [("   ", "password is empty"), ("abc", "at least 8")])
def test_cli_hash_password_refuses_empty_and_short(typed, says):
    r = CliRunner().invoke(main, ["hash-password"], input=f"{typed}\n{typed}\n")
    assert r.exit_code == 2 and says in r.output, r.output


def test_api_answers_bad_input_with_a_json_error(fake_assistant):
    """The same checks behind the web API: the handlers turn them into {"error": ...}."""
    from assistant.errors import CoachError
    from assistant.sessions import prepare_session

    for history in (42, _nested(600)):
        with pytest.raises(CoachError):
            fake_assistant.ask("How do I delegate?", history)
    for minutes in ("abc", 1e400):
        with pytest.raises(CoachError):
            prepare_session(fake_assistant, "My coachee checks everything", "", minutes)
    assert json.dumps({"error": "x"})


def test_browser_blocks_become_plain_text_in_feedback_and_history():
    """Gradio's browser sends message content as text blocks: feedback and history hold the text, not a repr.

    (The conversation export reads the stored turns, plain text already: ``tests/test_conversation_export.py``.)
    """
    from assistant.rendering import message_text

    chat = [{"role": "user", "content": [{"type": "text", "text": "A senior engineer\nignores my plan"}]},
            {"role": "assistant", "content": 'Try this <a class="cite" href="#cite-1-1">[1]</a>.'},
            {"role": "user", "content": [{"type": "file", "file": {"path": "/etc/passwd"}}]},
            {"role": "assistant", "content": {"text": "Second answer"}}]
    texts = [message_text(m["content"]) for m in chat]
    assert texts == ["A senior engineer\nignores my plan", "Try this [1].", "", "Second answer"]
    assert message_text([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]) == "a b"
    assert message_text([["nested"]]) == "" and message_text(None) == ""


def test_cli_routing_out_that_is_a_file_is_refused_before_the_run(tmp_path):
    taken = tmp_path / "routing.json"
    taken.write_text("{}")
    questions = Path(__file__).resolve().parents[1] / "eval" / "situations.jsonl"
    r = CliRunner().invoke(main, ["eval", "routing", "--questions", str(questions), "--out", str(taken)])
    assert r.exit_code == 2 and "is a file" in r.output, r.output
    assert taken.read_text() == "{}"
