"""LLM streams against a real local OpenAI-compatible server: cut streams fail, deadlines hold."""

from dataclasses import replace

import pytest

from assistant.coach import Coach
from tests.openai_stub import Script, openai_stub

pytest.importorskip("langchain_openai")


def _coach(assistant, url, timeout=20.0):
    from assistant.backends import make_chat_model

    s = replace(assistant.settings, backend="openai", model="stub", llm_base_url=url, llm_timeout=timeout)
    return Coach(assistant, make_chat_model(s, "openai"), "openai")


def test_complete_stream_is_used(fake_assistant):
    script = Script("Delegate results, not methods [1]. Agree on check-in moments in advance [1].")
    with openai_stub(script) as url:
        a = _coach(fake_assistant, url).ask("How do I let go and delegate results?")
    assert a.backend == "openai", a.text
    assert "Delegate results" in a.text


def test_stream_cut_midway_is_treated_as_failed(fake_assistant):
    script = Script("Delegate results, not methods [1]. Agree on check-in moments in advance [1].", mode="cut")
    with openai_stub(script) as url:
        a = _coach(fake_assistant, url).ask("How do I let go and delegate results?")
    assert a.backend.startswith("extractive (fallback"), a.backend
    assert "cut off before it finished" in a.text
    assert a.citations


def test_deadline_is_kept_while_the_server_is_silent(fake_assistant):
    """The server sends one token and then nothing: the answer comes at the deadline, not when it wakes."""
    script = Script("Delegate results, not methods [1].", mode="stall", stall_s=30)
    events = []
    with openai_stub(script) as url:
        for event, value in _coach(fake_assistant, url, timeout=1.5).stream("How do I let go and delegate results?"):
            events.append(event)
            if event == "answer":
                answer = value
    assert "did not answer in time" in answer.text
    assert answer.backend.startswith("extractive (fallback")
    # The one token that came was streamed, then replaced by the fallback.
    assert events[0] == "token" and "reset" in events


def test_openai_embeddings_send_the_configured_key(tmp_path):
    from assistant.embeddings import make_embeddings

    script = Script()
    with openai_stub(script) as url:
        emb, name = make_embeddings("openai/stub-embed", url, "sk-test-123")
        vec = emb.embed_query("hello")
    assert name == "openai/stub-embed" and len(vec) == 3
    assert script.auth_headers[-1] == "Bearer sk-test-123"
