"""A GGUF file served in-process by ``xllamacpp``'s OpenAI-compatible server, used through ChatOpenAI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.backends import require
from assistant.backends.openai_compatible import make_openai
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.ports import free_port

_SERVERS: dict[str, tuple[Any, str]] = {}


def start_local_server(model_path: str, port: int | None = None, n_ctx: int = 4096) -> tuple[Any, str]:
    """Start (once per model file) an in-process llama.cpp server; return it and its /v1 base URL."""
    if model_path in _SERVERS:
        return _SERVERS[model_path]
    if not Path(model_path).is_file():
        raise ConfigError(f"COACH_LOCAL_MODEL_PATH {model_path!r} is not a GGUF file")
    xll = require("local", "xllamacpp")
    params = xll.CommonParams()
    params.model.path = model_path
    params.n_ctx = n_ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.port = port or free_port()
    params.hostnames = ["127.0.0.1"]
    server = xll.Server(params)
    url = f"http://127.0.0.1:{params.port}/v1"
    _SERVERS[model_path] = (server, url)
    return server, url


def make_local(settings: Settings, model: str) -> Any:
    """A chat model backed by a local GGUF file."""
    from dataclasses import replace

    path = settings.local_model_path or model
    if not path:
        raise ConfigError("The local backend needs a GGUF file: set COACH_LOCAL_MODEL_PATH.")
    _, url = start_local_server(path)
    return make_openai(replace(settings, llm_base_url=url), Path(path).stem)
