"""The Ollama backend (langchain-ollama)."""

from __future__ import annotations

from typing import Any

from assistant.backends import require
from assistant.config import Settings
from assistant.errors import ConfigError


def make_ollama(settings: Settings, model: str) -> Any:
    """A ``ChatOllama`` for ``model`` at ``llm_base_url`` (default http://127.0.0.1:11434)."""
    if not model:
        raise ConfigError("The ollama backend needs a model: set COACH_MODEL, e.g. 'llama3.2'.")
    mod = require("ollama", "langchain_ollama")
    return mod.ChatOllama(model=model, base_url=settings.llm_base_url or "http://127.0.0.1:11434",
                          temperature=0, client_kwargs={"timeout": settings.llm_timeout})
