"""The vector store seam: a small protocol and its Chroma implementation (embedded or server).

Filters are plain dicts, ``{"kind": "article"}`` (equals) or ``{"owner": ["", "ann"]}`` (one of); each
store translates them into its own syntax, so nothing else in the package knows Chroma's ``where``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlparse

import numpy as np

from assistant.errors import ConfigError, StoreUnavailableError

log = logging.getLogger(__name__)
Filter = dict[str, str | list[str]]
T = TypeVar("T")


class VectorStore(Protocol):
    """What the index needs from a vector store."""

    location: str

    def upsert(self, ids: list[str], vectors: Sequence[Sequence[float]], metadatas: list[dict[str, str]]) -> None:
        """Insert or replace vectors with their filterable metadata."""

    def delete(self, ids: list[str]) -> None:
        """Delete vectors by id (unknown ids are ignored)."""

    def query(self, vector: Sequence[float], k: int, where: Filter | None = None) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the ``k`` nearest vectors that pass ``where``."""

    def count(self) -> int:
        """How many vectors are stored."""

    def ids(self) -> set[str]:
        """Every stored id."""

    def reset(self) -> None:
        """Delete everything (the embedding model changed)."""

    def doc_ids(self, ids: list[str]) -> dict[str, str]:
        """The ``doc_id`` metadata of stored vectors (for cleaning up after a crash)."""


def chroma_client(url: str, path: Path) -> Any:
    """A Chroma client: an HTTP client for ``url`` when given, else an embedded store at ``path``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url)
        if not parsed.hostname or parsed.scheme not in ("http", "https"):
            raise ConfigError(f"COACH_CHROMA_URL {url!r} is not a URL like http://127.0.0.1:8000")
        return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or 8000, ssl=parsed.scheme == "https",
                                   settings=settings)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class ChromaVectorStore:
    """A Chroma collection with cosine distance, reached embedded or over HTTP."""

    def __init__(self, url: str, path: Path, collection: str) -> None:
        if url:
            parsed = urlparse(url)
            if not parsed.hostname or parsed.scheme not in ("http", "https"):
                raise ConfigError(f"COACH_CHROMA_URL {url!r} is not a URL like http://127.0.0.1:8000")
        self.url = url
        self.location = url or str(path)
        self.name = collection
        self._path = path
        self._client: Any = None
        self._collection: Any = None

    def _unavailable(self, exc: BaseException) -> StoreUnavailableError:
        if self.url:
            return StoreUnavailableError(
                f"The Chroma server at {self.url} cannot be reached ({type(exc).__name__}). Start it "
                "(chroma run --path DIR --port PORT) or unset COACH_CHROMA_URL to use the embedded store.")
        return StoreUnavailableError(
            f"The vector store in {self._path} cannot be read ({type(exc).__name__}: {str(exc)[:120]}). "
            "Run `coach doctor --repair` to rebuild it from the manifest.")

    def _call(self, fn: Callable[[Any], T]) -> T:
        try:
            if self._collection is None:
                self._client = chroma_client(self.url, self._path)
                self._collection = self._client.get_or_create_collection(
                    self.name, embedding_function=None, metadata={"hnsw:space": "cosine"})
            return fn(self._collection)
        except ConfigError:
            raise
        except Exception as exc:  # noqa: BLE001 - Chroma raises many types for one cause: unreachable
            log.warning("vector store call failed: %r", exc)
            self._collection = None  # reconnect on the next call
            raise self._unavailable(exc) from exc

    @staticmethod
    def _where(where: Filter | None) -> dict[str, Any] | None:
        if not where:
            return None
        clauses = [{k: {"$in": v} if isinstance(v, list) else v} for k, v in where.items()]
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def upsert(self, ids: list[str], vectors: Sequence[Sequence[float]], metadatas: list[dict[str, str]]) -> None:
        """Insert or replace vectors, 1000 per call."""
        for i in range(0, len(ids), 1000):
            part = slice(i, i + 1000)
            self._call(lambda c, part=part: c.upsert(  # type: ignore[misc]
                ids=ids[part], embeddings=[np.asarray(v, dtype=np.float32) for v in vectors[part]],
                metadatas=metadatas[part]))

    def delete(self, ids: list[str]) -> None:
        """Delete vectors by id."""
        for i in range(0, len(ids), 1000):
            part = ids[i : i + 1000]
            self._call(lambda c, part=part: c.delete(ids=part))  # type: ignore[misc]

    def query(self, vector: Sequence[float], k: int, where: Filter | None = None) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the nearest vectors."""
        res = self._call(lambda c: c.query(query_embeddings=[list(vector)], n_results=k,
                                           where=self._where(where), include=["distances"]))
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def count(self) -> int:
        """How many vectors are stored."""
        return int(self._call(lambda c: c.count()))

    def ids(self) -> set[str]:
        """Every stored id."""
        return set(self._call(lambda c: c.get(include=[]))["ids"])

    def doc_ids(self, ids: list[str]) -> dict[str, str]:
        """The ``doc_id`` metadata of stored vectors."""
        out: dict[str, str] = {}
        for i in range(0, len(ids), 1000):
            part = ids[i : i + 1000]
            res = self._call(lambda c, part=part: c.get(ids=part, include=["metadatas"]))  # type: ignore[misc]
            out.update({k: str((m or {}).get("doc_id", "")) for k, m in zip(res["ids"], res["metadatas"], strict=True)})
        return out

    def reset(self) -> None:
        """Drop and recreate the collection."""
        def drop(_: Any) -> None:
            self._client.delete_collection(self.name)

        self._call(drop)
        self._collection = None


def make_vector_store(url: str, path: Path, collection: str) -> VectorStore:
    """The configured vector store (Chroma today; the one place to add another)."""
    return ChromaVectorStore(url, path, collection)
