"""The library API in one object: index, retrieve, ask, prepare; CLI and web app call only this."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.config import Settings, load_settings
from assistant.index import IngestReport, KnowledgeIndex, Progress
from assistant.retrieval import RetrievalResult, Retriever

log = logging.getLogger(__name__)


class Assistant:
    """The coaching assistant: a knowledge index, a retriever and an answer backend."""

    def __init__(self, settings: Settings | None = None, *, index: KnowledgeIndex | None = None,
                 embeddings: Any | None = None, chat_model: Any | None = None) -> None:
        self.settings = settings or load_settings()
        self.index = index or KnowledgeIndex(self.settings, embeddings=embeddings)
        self._retrievers: dict[str, Retriever] = {}
        self._chat_model = chat_model

    # -- knowledge ----------------------------------------------------------------------------
    def knowledge_roots(self) -> list[Path]:
        """The folders that make up the knowledge base: the built-in one and user uploads."""
        self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        return [self.settings.knowledge_dir, self.settings.uploads_dir]

    def ingest(self, paths: list[Path] | None = None, *, progress: Progress | None = None,
               force: bool = False) -> IngestReport:
        """Index ``paths`` (default: the knowledge base and uploads) incrementally."""
        if not paths:
            paths = [self.settings.knowledge_dir] + ([self.settings.uploads_dir]
                                                     if self.settings.uploads_dir.is_dir() else [])
        # Files inside the built-in knowledge base default to 'related'; anything else is the user's.
        by_kind: dict[str, list[Path]] = {}
        for p in paths:
            by_kind.setdefault("related" if _inside(p, self.settings.knowledge_dir) else "user", []).append(p)
        report = IngestReport()
        for kind, group in by_kind.items():
            report.merge(self.index.ingest(group, default_kind=kind, progress=progress, force=force))
        report.chunks = len(self.index.chunks())
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build or refresh the index when it is missing or older than the knowledge base."""
        if self.index.is_empty() or self.index.is_stale(self.knowledge_roots()):
            return self.ingest(progress=progress)
        return None

    # -- answers ------------------------------------------------------------------------------
    def coach(self, backend: str | None = None) -> Any:
        """The conversation engine for ``backend`` (default: the configured one), built once."""
        from assistant.backends import make_chat_model
        from assistant.coach import Coach

        name = backend or self.settings.backend
        cache = self.__dict__.setdefault("_coaches", {})
        if name not in cache:
            model = self._chat_model if self._chat_model is not None else make_chat_model(self.settings, name)
            cache[name] = Coach(self, model, name)
        return cache[name]

    def ask(self, question: Any, history: Any = None, *, backend: str | None = None) -> Any:
        """Answer a question with a conversation history; returns an ``Answer``."""
        return self.coach(backend).ask(question, history)

    def stream(self, question: Any, history: Any = None, *, backend: str | None = None) -> Any:
        """Yield ("token"|"reset", text) while answering, then ("answer", Answer)."""
        return self.coach(backend).stream(question, history)

    # -- retrieval ----------------------------------------------------------------------------
    def retriever(self, mode: str | None = None) -> Retriever:
        """The retriever for ``mode`` (default: the configured one), built once."""
        mode = mode or self.settings.retriever
        if mode not in self._retrievers:
            self._retrievers[mode] = Retriever(self.index, mode)
        return self._retrievers[mode]

    def search(self, query: str, k: int | None = None, *, mode: str | None = None,
               **filters: Any) -> RetrievalResult:
        """Ranked passages for ``query``."""
        from assistant.validation import clean_question

        return self.retriever(mode).retrieve(
            clean_question(query, self.settings.max_question_chars), k or self.settings.k, **filters
        )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


