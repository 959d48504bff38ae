"""The conversation: clean → scope → rewrite → retrieve → answer (extractive or LLM) → validate."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.backends.streaming import IncompleteStreamError, stream_text
from assistant.citations import Citation, Citations, sources_list
from assistant.composer import compose_answer
from assistant.composition import Card, ComposeInput
from assistant.context import KnowledgeContext
from assistant.conversation import is_follow_up, normalise_history, standalone_question
from assistant.embeddings import unit_rows
from assistant.errors import InvalidInputError
from assistant.grounding import Grounding, validate
from assistant.language import detect_language, language_name
from assistant.prompts import (
    CHECK_IN,
    CHECK_IN_LOSS,
    GUIDANCE,
    REFERRALS,
    REWRITE_PROMPT,
    SYSTEM_PROMPT,
    TEXT,
    USER_PROMPT,
)
from assistant.retrieval import Passage, RetrievalResult
from assistant.router import Route
from assistant.safety import SafetyVerdict, check_message
from assistant.steps import is_pushback
from assistant.validation import clean_question

log = logging.getLogger(__name__)


@dataclass
class Answer:
    """Everything about one answer: text, language, citations, refusal, backend, passages, figures."""

    text: str
    language: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    refusal_reason: str = ""
    backend: str = "extractive"
    passages: list[Passage] = field(default_factory=list)
    grounding: Grounding = field(default_factory=Grounding)
    timings: dict[str, float] = field(default_factory=dict)
    question: str = ""
    standalone_question: str = ""
    detected_language: str = ""
    notes: list[str] = field(default_factory=list)
    relevance: float = 0.0
    safety: dict[str, Any] = field(default_factory=dict)
    situations: list[dict[str, Any]] = field(default_factory=list)
    question_type: str = ""
    clarify: dict[str, Any] | None = None
    advice: list[dict[str, Any]] = field(default_factory=list)
    context_ids: list[str] = field(default_factory=list)  # passages handed to the answer step before composing

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape used by the CLI, the API and evaluation results."""
        return {
            "answer": self.text, "language": self.language, "refused": self.refused,
            "refusal_reason": self.refusal_reason, "backend": self.backend,
            "citations": [c.as_dict() for c in self.citations],
            "retrieved": [p.as_dict() for p in self.passages],
            "grounding": self.grounding.as_dict(), "latency_ms": round(self.timings.get("total_ms", 0.0), 2),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
            "question": self.question, "standalone_question": self.standalone_question,
            "language_detected": self.detected_language, "notes": self.notes,
            "relevance": round(self.relevance, 4), "safety": self.safety,
            "situations": self.situations, "question_type": self.question_type, "clarify": self.clarify,
            "advice": self.advice, "context_ids": self.context_ids,
        }


@dataclass
class _Turn:
    """Everything the answer step needs about one question, prepared once."""

    q: str
    turns: list[dict[str, str]]
    language: str
    detected: str
    notes: list[str]
    standalone: str
    result: RetrievalResult
    route: Route
    cards: list[Card]
    t0: float
    timings: dict[str, float]
    safety: dict[str, Any]


class Coach:
    """Answers leaders' questions from an index, with an optional LangChain chat model."""

    def __init__(self, assistant: Any, chat_model: Any | None = None, backend_name: str = "extractive") -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.chat_model = chat_model
        self.backend_name = backend_name if chat_model is not None else "extractive"

    @property
    def knowledge(self) -> KnowledgeContext:
        """The router, evidence and cards of the current index."""
        return self.assistant.knowledge

    # -- answering ----------------------------------------------------------------------------
    def _language(self, question: str, forced: str | None = None) -> tuple[str, str, list[str]]:
        detection = detect_language(question)
        notes = []
        language = detection.code
        choice = forced if forced in ("en", "nl") else self.settings.language
        if choice in ("en", "nl"):
            language = choice
        elif not detection.is_supported:
            notes.append(TEXT["en"]["third_language"].format(name=language_name(detection.detected)))
        return language, detection.detected, notes

    def _refusal(self, question: str, language: str, reason: str, text: str, detected: str,
                 t0: float, **extra: Any) -> Answer:
        return Answer(text=text, language=language, refused=True, refusal_reason=reason,
                      backend="extractive", question=question, detected_language=detected,
                      timings={"total_ms": (time.perf_counter() - t0) * 1000}, **extra)

    def rewrite(self, question: str, history: list[dict[str, str]]) -> str:
        """A standalone version of a follow-up: by the LLM when there is one, else deterministic."""
        if not history:
            return question
        if self.chat_model is not None:
            try:
                convo = "\n".join(f"{t['role']}: {t['content'][:400]}" for t in history[-4:])
                out = self.chat_model.invoke(REWRITE_PROMPT.format(history=convo, question=question))
                text = str(getattr(out, "content", "")).strip()
                if 3 <= len(text) <= 600 and check_message(text).answerable:
                    return text
            except Exception as exc:  # noqa: BLE001 - any backend failure falls back to the rule
                log.warning("rewrite failed, using the deterministic rewrite: %s", exc)
        return standalone_question(question, history)

    def _screen(self, q: str, turns: list[dict[str, str]], language: str, detected: str, t0: float
                ) -> tuple[Answer | None, SafetyVerdict]:
        """Crisis first, on every turn (a crisis told earlier still counts on a follow-up), then the rest."""
        verdict = check_message(q, [t["content"] for t in turns if t["role"] == "user"])
        info = _safety_info(verdict)
        if verdict.category == "crisis":
            return self._refusal(q, language, "crisis", REFERRALS[verdict.referral][language], detected, t0,
                                 safety=info), verdict
        if verdict.category in ("medical", "legal"):
            return self._refusal(q, language, verdict.category, REFERRALS[verdict.category][language], detected, t0,
                                 safety=info), verdict
        if verdict.category == "injection":
            return self._refusal(q, language, "injection", TEXT[language]["injection"], detected, t0,
                                 safety=info), verdict
        return None, verdict

    def _prepare(self, question: Any, history: Any, language: str | None = None, viewer: str | None = None,
                 situation: str | None = None) -> tuple[Answer | None, _Turn | None]:
        t0 = time.perf_counter()
        q = clean_question(question, self.settings.max_question_chars)
        turns = normalise_history(history, self.settings.history_turns)
        lang, detected, notes = self._language(q, language)
        refusal, verdict = self._screen(q, turns, lang, detected, t0)
        if refusal is not None:
            return refusal, None
        info = _safety_info(verdict)
        if verdict.check_in:
            notes.insert(0, (CHECK_IN_LOSS if verdict.reason == "bereavement" else CHECK_IN)[lang])
        t1 = time.perf_counter()
        standalone = self.rewrite(q, turns)
        t2 = time.perf_counter()
        result: RetrievalResult = self.assistant.search(standalone, self.settings.k, viewer=viewer)
        t3 = time.perf_counter()
        if result.debug.get("degraded"):
            notes.append(TEXT[lang]["degraded"])
        # Off-topic questions still land near some passage in embedding space. The classifier decides;
        # a follow-up leans on the conversation, and a weak in-scope verdict needs a relevant passage.
        follow_up = bool(turns) and is_follow_up(q)
        off_topic = verdict.category == "off_topic" and not follow_up
        weak = verdict.scores.get("in_scope", 1.0) < 0.5 and result.relevance < self.settings.min_relevance
        if off_topic or weak or not result.passages:
            info["category"] = "off_topic"
            return self._refusal(q, lang, "out_of_scope", TEXT[lang]["no_cover"], detected, t0,
                                 standalone_question=standalone, relevance=result.relevance,
                                 passages=result.passages, safety=info), None
        previous_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")
        router = self.knowledge.router()
        if situation:
            if situation not in router.situations:
                raise InvalidInputError(f"Unknown situation {situation[:60]!r}; choose one of the offered options.")
            route = router.forced(situation, q, follow_up)
        elif follow_up:
            # A follow-up stays in the conversation's situation (routed from what was asked before); its own
            # words choose the steps.
            earlier = router.route(previous_user)
            if earlier.decision != "clarify" and earlier.scores:
                route = router.forced(earlier.top, q, True)
                own = router.route(q)
                if (own.confidence >= 0.45 and own.top != earlier.top and own.question_type == "situational"
                        and len(q.split()) >= 6):
                    # "and what if she gets defensive?" brings in the feedback card beside the conversation's own.
                    route = Route(route.scores, "blend", "follow_up", [earlier.top, own.top])
            else:
                route = router.route(q, previous_user, has_history=True)
        else:
            route = router.route(q)
        t4 = time.perf_counter()
        timings = {"rewrite_ms": (t2 - t1) * 1000, "retrieval_ms": (t3 - t2) * 1000, "route_ms": (t4 - t3) * 1000}
        closest = max(result.passages, key=lambda p: (p.similarity or 0.0, p.lexical), default=None)
        if route.decision == "clarify" and closest is not None and closest.meta.get("kind") == "user":
            # The question is closest to the person's own document: answer from it instead of asking which card
            # fits (the article may still lead the passage list, as the primary source).
            route = Route(route.scores, "none", route.question_type, [])
        if route.decision == "clarify":
            return self._clarify(q, lang, detected, notes, standalone, result, route, t0, timings, info), None
        cards = [c for sid in route.chosen if (c := self.knowledge.card(sid, lang, dict(route.scores)[sid]))]
        return None, _Turn(q, turns, lang, detected, notes, standalone, result, route, cards, t0, timings, info)

    def _clarify(self, q: str, language: str, detected: str, notes: list[str], standalone: str,
                 result: RetrievalResult, route: Route, t0: float, timings: dict[str, float],
                 info: dict[str, Any]) -> Answer:
        """One short question with the options, instead of guessing between close situations."""
        t = TEXT[language]
        labels = [self.knowledge.label(sid, language) for sid in route.chosen]
        options = ", ".join(labels[:-1]) + t["clarify_or"] + labels[-1] if len(labels) > 1 else labels[0]
        question = t["clarify"].format(options=options)
        note = "\n".join(notes)
        text = (note + "\n\n" if note else "") + question
        timings = dict(timings, total_ms=(time.perf_counter() - t0) * 1000)
        return Answer(text=text, language=language, question=q, standalone_question=standalone,
                      detected_language=detected, notes=list(notes), relevance=result.relevance,
                      passages=result.passages, safety=info, timings=timings,
                      situations=route.as_list(), question_type=route.question_type,
                      clarify={"question": question, "options": list(route.chosen), "labels": labels})

    def _compose_input(self, s: _Turn) -> ComposeInput:
        index = self.assistant.index
        previous = "\n".join(t["content"] for t in s.turns if t["role"] == "assistant")
        concept = s.cards[0] if s.cards and s.cards[0].kind == "concept" else None
        follow_up = s.route.question_type == "follow_up"
        return ComposeInput(
            # A follow-up's steps are ranked against it together with what it follows; steps already given
            # are left out, so the answer moves on.
            question=s.q, standalone=s.standalone.split(" (context: ")[0] + " " + _context_of(s.standalone)
            if follow_up else s.q,
            language=s.language, decision=s.route.decision, question_type=s.route.question_type, cards=s.cards,
            ranked=s.result.passages, embed_query=index.embeddings.embed_query,
            embed_texts=lambda texts: np.asarray(index.embeddings.embed_documents(texts), dtype=np.float32),
            evidence=self.knowledge.evidence(),
            article_passages=self.knowledge.explained(concept) if concept else [],
            previous=previous, pushback=s.route.question_type == "follow_up" and is_pushback(s.q),
            questions_from=None if s.cards or not s.route.scores else self.knowledge.card(s.route.top, s.language))

    def _extractive(self, s: _Turn) -> Answer:
        t = time.perf_counter()
        comp = compose_answer(self._compose_input(s), self.knowledge.translations())
        passages = self._context_passages(s, comp.citations)
        body, grounding = validate(comp.body, {c.marker: [c.text, c.translation]
                                               for c in comp.citations}, exempt=framing_prefixes(s.language),
                                   labels=composer_labels(s.language))
        note = "\n".join(s.notes)
        text = (note + "\n\n" if note else "") + body + "\n\n" + comp.sources
        timings = dict(s.timings, compose_ms=(time.perf_counter() - t) * 1000)
        return Answer(text=text, language=s.language, citations=comp.citations, backend="extractive",
                      passages=passages, grounding=grounding, timings=timings, question=s.q,
                      standalone_question=s.standalone, detected_language=s.detected,
                      notes=list(s.notes), relevance=s.result.relevance, safety=s.safety,
                      situations=s.route.as_list(), question_type=s.route.question_type,
                      advice=[a.as_dict() for a in comp.advice], context_ids=self._handed(s))

    def _unit_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length passage vectors (cached), so the grounding check can accept a faithful paraphrase."""
        return unit_rows(self.assistant.index.embeddings.embed_documents(list(texts)))

    def _handed(self, s: _Turn) -> list[str]:
        """Ids of every passage the composer was given before composing.

        That is the retrieved passages, the chosen cards' sections, the evidence pool and the article
        paragraphs a concept note explains.
        """
        ids = [p.id for p in self._context_passages(s, [])]
        ids += [e.chunk.id for e in self.knowledge.evidence().pool]
        concept = s.cards[0] if s.cards and s.cards[0].kind == "concept" else None
        if concept is not None:
            ids += [p.id for p in self.knowledge.explained(concept)]
        if not s.cards and s.route.scores:
            fallback = self.knowledge.card(s.route.top, s.language)
            ids += [p.id for ps in (fallback.roles.values() if fallback else []) for p in ps]
        return list(dict.fromkeys(ids))

    def _context_passages(self, s: _Turn, citations: list[Citation]) -> list[Passage]:
        """Ranked passages first, then the card sections and the passages the answer drew in."""
        out = list(s.result.passages)
        seen = {p.id for p in out}
        extra = [p for c in s.cards for ps in c.roles.values() for p in ps] + [c.passage for c in citations]
        for p in extra:
            if p.id not in seen:
                out.append(p)
                seen.add(p.id)
        return out

    def ask(self, question: Any, history: Any = None, *, language: str | None = None,
            viewer: str | None = None, situation: str | None = None) -> Answer:
        """Answer one question in the context of ``history``; never raises for backend failures.

        ``situation`` answers for a situation the person chose (after a clarifying question).
        """
        answer: Answer | None = None
        for event, value in self.stream(question, history, language=language, viewer=viewer, situation=situation):
            if event == "answer":
                answer = value
        assert answer is not None
        return answer

    def stream(self, question: Any, history: Any = None, *, language: str | None = None,
               viewer: str | None = None, situation: str | None = None) -> Iterator[tuple[str, Any]]:
        """Yield ("token", text) pieces while answering, then ("answer", Answer)."""
        refusal, s = self._prepare(question, history, language, viewer, situation)
        if refusal is not None or s is None:
            assert refusal is not None
            yield "token", refusal.text
            yield "answer", refusal
            return
        if self.chat_model is None:
            answer = self._extractive(s)
            for piece in _pieces(answer.text):
                yield "token", piece
        else:
            answer = yield from self._llm(s)
        answer.timings["total_ms"] = (time.perf_counter() - s.t0) * 1000
        yield "answer", answer

    # -- LLM path -----------------------------------------------------------------------------
    def _llm(self, s: _Turn) -> Generator[tuple[str, Any], None, Answer]:
        from langchain_core.messages import HumanMessage, SystemMessage

        language = s.language
        passages = self._context_passages(s, [])
        guidance = self._guidance(s, passages)
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
        try:
            for piece in stream_text(self.chat_model, messages, self.settings.llm_timeout):
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
            body, grounding = validate(raw, by_marker, embed=self._unit_vectors)
            if grounding.sentences and (grounding.citation_rate < 0.5 or grounding.unsupported_rate > 0.5):
                reason = ("most sentences are not supported by the passages" if language == "en"
                          else "de meeste zinnen worden niet door de passages gedragen")
        if reason:
            fallback = self._extractive(s)
            note = TEXT[language]["fallback"].format(reason=reason)
            fallback.text = note + "\n\n" + fallback.text
            fallback.notes.append(note)
            fallback.backend = f"extractive (fallback from {self.backend_name})"
            yield "reset", fallback.text
            return fallback
        cites = Citations()
        used = sorted({int(n) for n in re.findall(r"\[(\d{1,3})\]", body)})
        renumber = {}
        for n in used:
            renumber[n] = int(cites.mark(passages[n - 1]).strip("[]"))
        body = re.sub(r"\[(\d{1,3})\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", body)
        removed = grounding.invalid_markers_removed
        _, grounding = validate(body, {renumber[n]: by_marker[n] for n in used})
        grounding.invalid_markers_removed = removed
        grounding.markers += removed
        sources = sources_list(cites.items, language)
        timings = dict(s.timings, generate_ms=(time.perf_counter() - t) * 1000)
        answer = Answer(text=body + "\n\n" + sources, language=language, citations=cites.items,
                        backend=self.backend_name, passages=passages, grounding=grounding,
                        timings=timings, question=s.q, standalone_question=s.standalone,
                        detected_language=s.detected, notes=list(s.notes),
                        relevance=s.result.relevance, safety=s.safety, situations=s.route.as_list(),
                        question_type=s.route.question_type, context_ids=[p.id for p in passages])
        yield "reset", answer.text
        return answer


    def _guidance(self, s: _Turn, passages: list[Passage]) -> str:
        """The router's situation and the chosen steps, numbered as in the model's passage list."""
        g = GUIDANCE[s.language]
        if s.route.question_type in ("concept", "meta"):
            return g["concept"]
        if not s.cards or s.route.decision != "confident":
            lines = [g["unsure"]]
        else:
            lines = [g["situation"].format(confidence=s.route.confidence, label=s.cards[0].label)]
        comp = compose_answer(self._compose_input(s), self.knowledge.translations())
        number = {p.id: n for n, p in enumerate(passages, start=1)}
        by_marker = {c.marker: c.passage.id for c in comp.citations}
        steps = [f"- {a.step} [{', '.join(str(number[by_marker[m]]) for m in a.citations if by_marker[m] in number)}]"
                 for a in comp.advice]
        if steps:
            lines += [g["steps"], *steps]
        return "\n".join(lines)


def framing_prefixes(language: str) -> tuple[str, ...]:
    """Openings of framing lines (situation line, third-language note, check-in) that make no claims."""
    t = TEXT[language]
    return tuple(t[k].split("{")[0] for k in ("sounds_like", "may_relate", "no_card", "third_language")) + (
        CHECK_IN[language][:30], CHECK_IN_LOSS[language][:30])


def composer_labels(language: str) -> tuple[str, ...]:
    """Openings the extractive composer writes before a cited sentence; they claim nothing themselves."""
    from assistant.grounding import ATTRIBUTION

    return (TEXT[language]["often"].split("{")[0], ATTRIBUTION)


def _context_of(standalone: str) -> str:
    """The earlier question a deterministic rewrite carries ("… (context: …)"), or ''."""
    return standalone.split(" (context: ", 1)[1].rstrip(")") if " (context: " in standalone else ""


def _safety_info(verdict: SafetyVerdict) -> dict[str, Any]:
    return {"category": verdict.category, "speaker": verdict.speaker, "by": verdict.reason,
            "check_in": verdict.check_in, "threat": verdict.threat, "emergency": verdict.emergency}


def _failure_reason(exc: BaseException, language: str) -> str:
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


def _pieces(text: str, size: int = 40) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]
