"""The library API in one object: index, retrieve, ask, upload, remove, keep conversations; the shells call this."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.access import LOCAL, SHARED_DIR, USERS_DIR, Principal, is_inside, may_see, owner_of
from assistant.config import Settings, load_settings
from assistant.conversation import History
from assistant.errors import CoachError, StoreUnavailableError
from assistant.index import DocumentInfo, KnowledgeIndex
from assistant.ingest import IngestReport, Progress
from assistant.retrieval import RetrievalResult, Retriever
from assistant.user_records import UserRecords

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.authors import ArticleInfo, SourceInfo
    from assistant.chunking import Chunk
    from assistant.coach import Coach
    from assistant.context import KnowledgeContext
    from assistant.sessions import SessionPlan
    from assistant.storage import Storage
    from assistant.uploads import UploadResult

log = logging.getLogger(__name__)


class Assistant(UserRecords):
    """The coaching assistant: a knowledge index, a retriever and an answer backend.

    It keeps what people store (conversations, feedback, session plans; see ``UserRecords``) in ``storage``,
    opened from the settings on first use unless one is given.
    """

    def __init__(self, settings: Settings | None = None, *, index: KnowledgeIndex | None = None,
                 embeddings: Any | None = None, chat_model: Any | None = None,
                 storage: Storage | None = None) -> None:
        super().__init__(settings or load_settings(), storage)
        self.index = index or KnowledgeIndex(self.settings, embeddings=embeddings)
        self._retrievers: dict[str, Retriever] = {}
        self._chat_model = chat_model
        self._coaches: dict[str, Coach] = {}
        self._knowledge: KnowledgeContext | None = None
        self._warm = True  # False while start_warm_up runs (see health)
        self._warm_error = ""  # why the warm-up failed, reported by health as degraded
        self._knowledge_lock = threading.Lock()
        self._indexed = threading.Event()  # cleared while start_warm_up indexes the knowledge base first
        self._indexed.set()
        self._index_progress = (0, 0)  # (files done, files in all) of that indexing

    @property
    def knowledge(self) -> KnowledgeContext:
        """The router, evidence pool and cards of the current index (built on first use)."""
        with self._knowledge_lock:  # the warm-up thread and the first request may ask at once
            if self._knowledge is None:
                from assistant.context import KnowledgeContext

                self._knowledge = KnowledgeContext(self.index)
            return self._knowledge

    # -- knowledge ----------------------------------------------------------------------------
    def knowledge_roots(self) -> list[Path]:
        """The folders that make up the knowledge base: the built-in one and user uploads."""
        self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        return [self.settings.knowledge_dir, self.settings.uploads_dir]

    def _upload_groups(self) -> list[tuple[list[Path], str]]:
        """Upload folders by owner: the shared folder, each user's folder, and loose files of older versions."""
        up = self.settings.uploads_dir
        if not up.is_dir():
            return []
        groups: list[tuple[list[Path], str]] = [([up / SHARED_DIR], "")] if (up / SHARED_DIR).is_dir() else []
        users = up / USERS_DIR
        if users.is_dir():
            groups += [([d], owner_of(d / "x", up)) for d in sorted(users.iterdir()) if d.is_dir()]
        loose = [f for f in sorted(up.iterdir()) if f.is_file() and not f.name.startswith(".")]
        if loose:
            groups.append((loose, ""))
        return groups

    def ingest(self, paths: list[Path] | None = None, *, progress: Progress | None = None,
               force: bool = False, follow_symlinks: bool = False) -> IngestReport:
        """Index ``paths`` (default: the knowledge base and uploads) incrementally.

        Only files inside the built-in knowledge base are trusted to shape advice; everything else is
        the user's data (kind ``user``, screened), owned by whoever's upload folder it sits in.
        """
        kb = self.settings.knowledge_dir
        groups: list[tuple[list[Path], bool, str]] = []
        if not paths:
            groups.append(([kb], True, ""))
            groups += [(g, False, owner) for g, owner in self._upload_groups()]
        else:
            by_key: dict[tuple[bool, str], list[Path]] = {}
            for p in paths:
                trusted = is_inside(p, kb)
                owner = "" if trusted else owner_of(p, self.settings.uploads_dir)
                by_key.setdefault((trusted, owner), []).append(p)
            groups = [(g, t, o) for (t, o), g in by_key.items()]
        report = IngestReport()
        for group, trusted, owner in groups:
            report.merge(self.index.ingest(group, default_kind="related" if trusted else "user", progress=progress,
                                           force=force, trusted=trusted, owner=owner,
                                           follow_symlinks=follow_symlinks))
        if not paths:  # an upload folder that is gone entirely (removed by hand, or by a restore) is no group above
            report.removed += self._forget_missing_uploads()
        report.chunks = len(self.index.chunks())
        report.problems = self.playbook_problems()
        for problem in report.problems:
            log.warning("playbook: %s", problem)
        return report

    def stats(self, vectors: bool = True) -> dict[str, Any]:
        """The index's documents, chunks, languages, kinds, location, embedding model and (``vectors``) vector check.

        Reads only; without ``vectors`` the vector store is not even opened (see ``KnowledgeIndex.stats``).
        """
        return self.index.stats(vectors)

    def prepare(self, situation: str, goal: str = "", minutes: float = 60, *, language: str | None = None,
                viewer: str | None = None) -> SessionPlan:
        """A coaching session plan for a coachee's ``situation`` (themes, passages, questions, exercise, agenda).

        Raises ``InvalidInputError`` for an empty, too long or non-text situation or goal, or a session length
        outside 15-180 minutes; a crisis in the situation gives a plan that is the crisis referral alone.
        """
        from assistant.sessions import prepare_session

        return prepare_session(self, situation, goal, minutes, language=language, viewer=viewer)

    def sources(self) -> list[SourceInfo]:
        """The related notes of the knowledge base with the published work each draws on (for the About page)."""
        return self.knowledge.sources()

    def articles(self) -> list[ArticleInfo]:
        """The articles the knowledge base is built on (title, author, language, renderings), as indexed."""
        return self.knowledge.articles()

    def playbook_problems(self) -> list[str]:
        """What the built-in cards and notes lack: promised ids, languages, sections, signals, resolving links."""
        from assistant.playbook import required_ids, validate_knowledge

        return validate_knowledge(self.index.views(), *required_ids(self.settings.knowledge_dir))

    def situations(self) -> list[dict[str, Any]]:
        """Every situation card and concept note by id, with its languages and titles."""
        from assistant.playbook import situations

        return [{"id": s.id, "kind": s.kind, "languages": sorted(s.docs), "title": s.titles.get("en", "")}
                for s in sorted(situations(self.index.views().by_doc).values(), key=lambda s: (s.kind, s.id))]

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build or refresh the index when missing or stale; restore vectors the store has lost."""
        report = None
        if self.index.is_empty() or self.index.is_stale(self.knowledge_roots()):
            report = self.ingest(progress=progress)
        check = self.index.check_vectors()
        if not check.ok:
            log.warning("%s; repairing", check.describe())
            self.index.repair_vectors()
        return report

    def warm_up(self) -> None:
        """Train the safety classifier and build the router and evidence pool now, not on the first question.

        Each takes about 5 s on one core (two minutes for the classifier when its shipped vectors are stale);
        ``health`` says "starting" until this has run, and "degraded" with the reason if it failed.
        """
        from assistant.safety import classifier

        try:
            classifier()
            self.knowledge.router()
            self.knowledge.evidence()
        except Exception as exc:  # noqa: BLE001 - reported by health(); the first question retries
            log.warning("warm-up failed, the first question will build what is missing: %s", exc)
            self._warm_error = f"warm-up failed: {exc}"
        finally:
            self._warm = True

    def start_warm_up(self, *, index_first: bool = False, progress: Progress | None = None,
                      indexed: Callable[[IngestReport | None], None] | None = None) -> None:
        """Warm up in a background thread, so the page is reachable at once (see ``warm_up``).

        With ``index_first`` the thread first indexes the knowledge base when missing or stale (``ensure_index``,
        reporting to ``progress``, then handing its report to ``indexed``); meanwhile ``health`` says "indexing"
        and questions wait for the whole index.
        """
        self._warm = False
        if index_first:
            self._index_progress = (0, 0)
            self._indexed.clear()
        threading.Thread(target=self._index_and_warm_up, args=(index_first, progress, indexed), name="warm-up",
                         daemon=True).start()

    def _index_and_warm_up(self, index_first: bool, progress: Progress | None,
                           indexed: Callable[[IngestReport | None], None] | None) -> None:
        if index_first:
            def track(done: int, total: int, label: str) -> None:
                self._index_progress = (done, total)
                if progress is not None:
                    progress(done, total, label)

            report = None
            try:
                report = self.ensure_index(progress=track)
            except Exception as exc:  # noqa: BLE001 - reported by health(); questions answer from what is there
                log.warning("indexing the knowledge base failed: %s", exc)
                self._warm_error = f"indexing failed: {exc}"
            finally:
                self._indexed.set()
            if indexed is not None:
                indexed(report)
        self.warm_up()

    def progress(self) -> dict[str, Any]:
        """How far the start is, cheaply (for the page): indexing (files done of all), starting, or ready."""
        if not self._indexed.is_set():
            done, total = self._index_progress
            return {"status": "indexing", "done": done, "total": total}
        return {"status": "ready" if self._warm else "starting"}

    def _wait_for_index(self) -> None:
        """Block while the first start indexes the knowledge base: an answer from part of it would mislead."""
        self._indexed.wait()

    def health(self) -> dict[str, Any]:
        """Readiness for /healthz: indexing, starting (warming up), ready, degraded (with the reason) or unavailable."""
        if not self._indexed.is_set():
            return {**self.progress(), "reason": "indexing the knowledge base"}
        if not self._warm:
            return {"status": "starting", "reason": "training the safety classifier and the router"}
        chunks = len(self.index.chunks())
        try:
            check = self.index.check_vectors()
        except StoreUnavailableError as exc:
            return {"status": "unavailable", "reason": str(exc), "chunks": chunks}
        if chunks == 0:
            return {"status": "degraded", "reason": "the index is empty; run `coach ingest`", "chunks": 0}
        if not check.ok:
            return {"status": "degraded", "reason": check.describe(), "chunks": chunks}
        if self._warm_error:
            return {"status": "degraded", "reason": self._warm_error, "chunks": chunks}
        return {"status": "ready", "chunks": chunks}

    def documents(self, principal: Principal | None = None) -> list[DocumentInfo]:
        """Documents visible to ``principal`` (None: all of them, for the operator)."""
        docs = self.index.documents()
        return docs if principal is None else [d for d in docs if may_see(principal, d.owner)]

    def is_upload(self, doc: DocumentInfo) -> bool:
        """Whether a document was uploaded (and so may be removed by its owner or an admin)."""
        return is_inside(Path(doc.path), self.settings.uploads_dir)

    def _forget_missing_uploads(self) -> list[str]:
        """Remove from the index every uploaded document whose file is gone; return their ids."""
        gone = [d.doc_id for d in self.index.documents() if self.is_upload(d) and not Path(d.path).exists()]
        return [doc_id for doc_id in gone if self.index.remove_document(doc_id)]

    def upload(self, path: Path, original_name: str | None = None, *, principal: Principal = LOCAL,
               allowed_root: Path | None = None, progress: Any = None) -> UploadResult:
        """Add a user's document to the knowledge base (see ``uploads.accept_upload``)."""
        from assistant.uploads import accept_upload

        return accept_upload(self, path, original_name, principal=principal, allowed_root=allowed_root,
                             progress=progress)

    def remove(self, doc_id: str, *, principal: Principal = LOCAL) -> str:
        """Remove an uploaded document that ``principal`` may remove; raises PermissionDeniedError otherwise."""
        from assistant.uploads import remove_upload

        return remove_upload(self, doc_id, principal=principal)

    # -- answers ------------------------------------------------------------------------------
    def coach(self, backend: str | None = None) -> Coach:
        """The conversation engine for ``backend`` (default: the configured one), built once."""
        from assistant.backends import make_chat_model
        from assistant.coach import Coach

        name = backend or self.settings.backend
        if name not in self._coaches:
            model = self._chat_model if self._chat_model is not None else make_chat_model(self.settings, name)
            self._coaches[name] = Coach(self, model, name)
        return self._coaches[name]

    def ask(self, question: str, history: History = (), *, language: str | None = None, backend: str | None = None,
            principal: Principal | None = None, situation: str | None = None) -> Answer:
        """Answer a question in a conversation (``situation``: the one chosen after a clarifying question)."""
        self._wait_for_index()
        return self.coach(backend).ask(question, history, language=language,
                                       viewer=None if principal is None else principal.viewer, situation=situation)

    def stream(self, question: str, history: History = (), *, language: str | None = None, backend: str | None = None,
               principal: Principal | None = None, situation: str | None = None) -> Iterator[tuple[str, Any]]:
        """Yield ("token"|"reset", text) while answering, then ("answer", Answer)."""
        self._wait_for_index()
        return self.coach(backend).stream(question, history, language=language,
                                          viewer=None if principal is None else principal.viewer, situation=situation)

    # -- retrieval ----------------------------------------------------------------------------
    def retriever(self, mode: str | None = None) -> Retriever:
        """The retriever for ``mode`` (default: the configured one), built once."""
        mode = mode or self.settings.retriever
        if mode not in self._retrievers:
            self._retrievers[mode] = Retriever(self.index, mode)
        return self._retrievers[mode]

    def search(self, query: str, k: int | None = None, *, mode: str | None = None, viewer: str | None = None,
               **filters: Any) -> RetrievalResult:
        """Ranked passages for ``query`` (only shared documents and ``viewer``'s own, when given)."""
        from assistant.validation import clean_question

        self._wait_for_index()
        return self.retriever(mode).retrieve(
            clean_question(query, self.settings.max_question_chars), k or self.settings.k, viewer=viewer, **filters
        )


def knowledge_chunks(settings: Settings) -> dict[str, Chunk]:
    """Every chunk of the built-in knowledge base by id, read from its files as ingest reads them (no index)."""
    from assistant.chunking import chunk_document
    from assistant.loading import find_files, load_document

    files, _ = find_files([settings.knowledge_dir])
    return {c.id: c for f in files
            for c in chunk_document(load_document(f, default_kind="related", trusted=True), settings.chunk_chars)}


def knowledge_texts(settings: Settings) -> list[str]:
    """The text of every passage of the built-in knowledge base, exactly as ingest embeds it."""
    return [c.search_text() for c in knowledge_chunks(settings).values()]


def knowledge_surnames(settings: Settings) -> frozenset[str]:
    """The built-in knowledge base's authors' surnames as the scope check takes them (``authors.surnames_of``)."""
    from assistant.authors import surnames_of

    return surnames_of(knowledge_chunks(settings).values())


def knowledge_authors(settings: Settings) -> frozenset[str]:
    """The built-in knowledge base's article authors' names, read from its files (no index needed)."""
    from assistant.authors import authors_of

    return authors_of(knowledge_chunks(settings).values())


def signal_texts(settings: Settings, signals_only: bool = False) -> list[tuple[str, str]]:
    """What the router learns from (signals, titles, situation sentences) per card and note, with language.

    ``signals_only`` keeps the leaders' own ways of asking (signals and titles), without the cards' prose.
    """
    from assistant.index import IndexViews
    from assistant.playbook import situations
    from assistant.router import training_texts

    chunks = knowledge_chunks(settings)
    views = IndexViews.build(chunks)
    out: list[tuple[str, str]] = []
    for s in situations(views.by_doc).values():
        for lang, doc in s.docs.items():
            if signals_only:
                out += [(t, lang) for t in s.signals.get(lang, [])] + [(s.titles[lang], lang)]
                continue
            one = type(s)(s.id, s.kind, {lang: s.titles[lang]}, {lang: doc}, {lang: s.signals.get(lang, [])})
            out += [(t, lang) for t in training_texts(one, views.by_doc)]
    return out


def evidence_texts(settings: Settings) -> list[str]:
    """Every sentence and bullet of the built-in knowledge base that answers embed (steps, evidence, notes)."""
    from assistant.evidence import evidence_pool
    from assistant.index import IndexViews
    from assistant.playbook import bullets
    from assistant.text import sentences

    chunks = knowledge_chunks(settings)
    views = IndexViews.build(chunks)
    texts = [t for e in evidence_pool(chunks, views.translations) for t in (e.text, e.translation) if t]
    for c in chunks.values():
        if c.metadata.get("kind") in ("playbook", "concept"):
            texts += bullets(c.text) or sentences(c.text)
    return list(dict.fromkeys(texts))


__all__ = ["Assistant", "CoachError", "evidence_texts", "knowledge_authors", "knowledge_texts", "signal_texts"]
