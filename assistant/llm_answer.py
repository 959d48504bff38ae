"""The answer by a chat model: the passages numbered, the router's steps as guidance, its stream checked.

A model that fails, answers nothing, or writes mostly unsupported sentences is replaced by the extractive
answer, with a note that says why.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answer import Answer, PreparedQuestion
from assistant.backends.streaming import IncompleteStreamError, stream_text
from assistant.citations import Citations, sources_list
from assistant.embeddings import unit_rows
from assistant.extractive import asked_for, compose, extractive_answer
from assistant.grounding import validate
from assistant.language import language_name
from assistant.prompts import GUIDANCE, SYSTEM_PROMPT, TEXT, USER_PROMPT
from assistant.proxy import for_the_model
from assistant.retrieval import Passage

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.context import KnowledgeContext

log = logging.getLogger(__name__)


def llm_answer(s: PreparedQuestion, chat_model: Any, backend_name: str, timeout: float,
               knowledge: KnowledgeContext, embeddings: Embeddings) -> Generator[tuple[str, Any], None, Answer]:
    """Yield ("token", piece) while the model writes, then ("reset", final text); return the checked answer."""
    from langchain_core.messages import HumanMessage, SystemMessage

    language = s.language
    passages = s.context_passages([])
    guidance = _guidance(s, passages, knowledge, embeddings)
    numbered = "\n\n".join(
        f"[{n}] ({p.meta['title']} — {p.meta['section'] or TEXT[language]['intro']})\n{p.text}"
        + (f"\n(English: {p.translation})" if p.translation and language == "en" else "")
        for n, p in enumerate(passages, start=1)
    )
    messages = [
        SystemMessage(SYSTEM_PROMPT[language].format(language_name=language_name(language, language))),
        HumanMessage(USER_PROMPT[language].format(passages=numbered, guidance=guidance, question=s.standalone)),
    ]
    t = time.perf_counter()
    pieces: list[str] = []
    reason = ""
    if s.notes:
        # A check-in or another note is shown at once, before the model writes (and if the reader stops it).
        yield "token", "\n".join(s.notes) + "\n\n"
    try:
        for piece in stream_text(chat_model, messages, timeout):
            pieces.append(piece)
            yield "token", piece
    except Exception as exc:  # noqa: BLE001 - every backend failure becomes a clear sentence
        reason = _failure_reason(exc, language)
        log.warning("LLM backend failed: %s", exc)
    raw = "".join(pieces).strip()
    if not reason and not raw:
        reason = "empty answer" if language == "en" else "leeg antwoord"
    by_marker = {n: [p.text, p.translation] for n, p in enumerate(passages, start=1)}
    if not reason:
        body, grounding = validate(raw, by_marker, embed=_unit_vectors(embeddings), given=s.standalone,
                                   names=knowledge.authors(), thresholds=knowledge.support_thresholds())
        if grounding.sentences and (grounding.citation_rate < 0.5 or grounding.unsupported_rate > 0.5):
            reason = ("most sentences are not supported by the passages" if language == "en"
                      else "de meeste zinnen worden niet door de passages gedragen")
    if reason:
        fallback = extractive_answer(s, knowledge, embeddings)
        note = TEXT[language]["fallback"].format(reason=reason)
        fallback.text = note + "\n\n" + fallback.text
        fallback.notes.append(note)
        fallback.backend = f"extractive (fallback from {backend_name})"
        yield "reset", fallback.text
        return fallback
    cites = Citations()
    used = sorted({int(n) for n in re.findall(r"\[(\d{1,3})\]", body)})
    renumber = {}
    for n in used:
        renumber[n] = int(cites.mark(passages[n - 1]).strip("[]"))
    body = re.sub(r"\[(\d{1,3})\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", body)
    removed = grounding.invalid_markers_removed
    _, grounding = validate(body, {renumber[n]: by_marker[n] for n in used}, names=knowledge.authors(),
                            thresholds=knowledge.support_thresholds())
    grounding.invalid_markers_removed = removed
    grounding.markers += removed
    sources = sources_list(cites.items, language)
    timings = dict(s.timings, generate_ms=(time.perf_counter() - t) * 1000)
    answer = s.answer(s.framed(body, sources), citations=cites.items, backend=backend_name,
                      passages=passages, grounding=grounding, timings=timings, context_ids=[p.id for p in passages])
    yield "reset", answer.text
    return answer


def _guidance(s: PreparedQuestion, passages: list[Passage], knowledge: KnowledgeContext,
              embeddings: Embeddings) -> str:
    """The router's situation and the chosen steps, numbered as in the model's passage list."""
    g = GUIDANCE[s.language]
    if s.route.question_type in ("concept", "meta"):
        return g["concept"]
    if not s.cards or s.route.decision != "confident":
        lines = [g["unsure"]]
    else:
        lines = [g["situation"].format(confidence=s.route.confidence, label=s.cards[0].label)]
    comp = compose(s, knowledge, embeddings)
    who = asked_for(s)
    if who:
        lines.append(g["for"].format(who=for_the_model(who, s.language)))
    number = {p.id: n for n, p in enumerate(passages, start=1)}
    by_marker = {c.marker: c.passage.id for c in comp.citations}
    steps = [f"- {a.step} [{', '.join(str(number[by_marker[m]]) for m in a.citations if by_marker[m] in number)}]"
             for a in comp.advice]
    if steps:
        lines += [g["steps"], *steps]
    return "\n".join(lines)


def _unit_vectors(embeddings: Embeddings) -> Callable[[Sequence[str]], np.ndarray]:
    """Unit-length passage vectors (cached), so the grounding check can accept a faithful paraphrase."""
    return lambda texts: unit_rows(embeddings.embed_documents(list(texts)))


def _failure_reason(exc: BaseException, language: str) -> str:
    """Why the model gave no answer, in a sentence for the person asking."""
    name = type(exc).__name__
    text = str(exc).lower()
    if isinstance(exc, IncompleteStreamError):
        return ("the model's answer was cut off before it finished" if language == "en"
                else "het antwoord van het model werd afgebroken voordat het klaar was")
    if isinstance(exc, TimeoutError) or "timeout" in name.lower() or "timed out" in text:
        return ("the model server did not answer in time" if language == "en"
                else "de modelserver antwoordde niet op tijd")
    if "connect" in name.lower() or "connection" in text or "refused" in text:
        return "the model server could not be reached" if language == "en" else "de modelserver was niet bereikbaar"
    return (f"the model server returned an error ({name})" if language == "en"
            else f"de modelserver gaf een fout ({name})")
