"""LLM backends: one small module each, chosen by name in ``make_chat_model``."""

from __future__ import annotations

from typing import Any

from assistant.config import Settings
from assistant.errors import ConfigError, UnknownNameError

BACKENDS = ["extractive", "ollama", "openai", "local"]


def make_chat_model(settings: Settings, name: str | None = None) -> Any | None:
    """The LangChain chat model for a backend name; ``None`` for the extractive default."""
    name = name or settings.backend
    provider, _, model = name.partition("/")
    model = model or settings.model
    if provider == "extractive":
        return None
    if provider == "ollama":
        from assistant.backends.ollama import make_ollama

        return make_ollama(settings, model)
    if provider == "openai":
        from assistant.backends.openai_compatible import make_openai

        return make_openai(settings, model)
    if provider == "local":
        from assistant.backends.local import make_local

        return make_local(settings, model)
    raise UnknownNameError("backend", name, BACKENDS)


def require(extra: str, module: str) -> Any:
    """Import an optional dependency, or say which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"The {extra!r} backend needs the optional package {module!r}: pip install -e '.[{extra}]'"
        ) from exc
