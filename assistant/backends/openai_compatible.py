"""Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio, a hosted API) via langchain-openai."""

from __future__ import annotations

from typing import Any

from assistant.backends import require
from assistant.config import Settings
from assistant.errors import ConfigError


def make_openai(settings: Settings, model: str) -> Any:
    """A ``ChatOpenAI`` for ``model`` at ``llm_base_url`` (which should end in /v1)."""
    if not model:
        raise ConfigError("The openai backend needs a model: set COACH_MODEL.")
    mod = require("openai", "langchain_openai")
    return mod.ChatOpenAI(
        model=model, base_url=settings.llm_base_url or None, api_key=settings.llm_api_key or "not-needed",
        temperature=0, timeout=settings.llm_timeout, max_retries=0,
    )
