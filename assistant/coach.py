"""The conversation: clean → scope → rewrite → retrieve → answer (extractive or LLM) → validate."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from assistant.answer import Answer, PreparedQuestion
from assistant.context import KnowledgeContext
from assistant.conversation import History, content_words, is_follow_up, normalise_history, standalone_question
from assistant.errors import InvalidInputError
from assistant.extractive import extractive_answer
from assistant.feelings import acknowledgement
from assistant.language import detect_language, language_name
from assistant.llm_answer import llm_answer
from assistant.prompts import (
    CHECK_IN,
    CHECK_IN_AFTER,
    CHECK_IN_LOSS,
    CHECK_IN_SOFT,
    HEALTH_SIDE,
    LEGAL_SIDE,
    REFERRALS,
    REWRITE_PROMPT,
    TEXT,
    referral_text,
)
from assistant.retrieval import RetrievalResult
from assistant.router import Route
from assistant.safety import SafetyVerdict, check_message, leadership_part, names_risk
from assistant.safety_emergency import fumes_now, health_call
from assistant.safety_requests import harms_people, practice, without_rehearsal
from assistant.safety_words import legal_side
from assistant.validation import clean_question

log = logging.getLogger(__name__)

REHEARSAL_MIN_WORDS = 3  # content words a rehearsal request must keep besides playing and practising


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
                if 3 <= len(text) <= 600 and check_message(text, names=self.knowledge.surnames()).answerable:
                    return text
            except Exception as exc:  # noqa: BLE001 - any backend failure falls back to the rule
                log.warning("rewrite failed, using the deterministic rewrite: %s", exc)
        return standalone_question(question, history)

    def _screen(self, q: str, turns: list[dict[str, str]], language: str, detected: str, t0: float
                ) -> tuple[Answer | None, SafetyVerdict]:
        """Crisis first, on every turn (a crisis told earlier still counts on a follow-up), then the rest."""
        verdict = check_message(q, [t["content"] for t in turns if t["role"] == "user"], self.knowledge.surnames())
        info = _safety_info(verdict)
        if verdict.category == "crisis":
            text = referral_text(verdict.referral, _crisis_language(verdict, detected, language), verdict.imminent,
                                 fumes_now(q))
            return self._refusal(q, language, "crisis", text, detected, t0, safety=info), verdict
        if verdict.category in ("medical", "legal"):
            key = verdict.referral if verdict.category == "medical" else "legal"
            # (not a request to harm someone asked as "may I": that stays a referral alone)
            part = "" if verdict.urgent or turns or verdict.reason in ("keywords", "harm") else leadership_part(q)
            if part:
                # A leadership question beside the legal or health one: the referral first, then the advice for it
                return None, replace(verdict, category="in_scope", aside=key, part=part)
            return self._refusal(q, language, verdict.category, REFERRALS[key][language], detected, t0,
                                 safety=info), verdict
        if verdict.category == "injection":
            text = TEXT[language]["harm" if verdict.reason == "harm" or harms_people(q) else "injection"]
            return self._refusal(q, language, "injection", text, detected, t0, safety=info), verdict
        return None, verdict

    def _prepare(self, question: str, history: History, language: str | None = None, viewer: str | None = None,
                 situation: str | None = None) -> tuple[Answer | None, PreparedQuestion | None]:
        t0 = time.perf_counter()
        q = clean_question(question, self.settings.max_question_chars)
        turns = normalise_history(history, self.settings.history_turns)
        lang, detected, notes = self._language(q, language)
        refusal, verdict = self._screen(q, turns, lang, detected, t0)
        if refusal is not None:
            if notes and not (verdict.category == "crisis" and _crisis_language(verdict, detected, lang) != lang):
                # Written in a third language: say why the reply is in English, after the first paragraph (which,
                # when the danger may be happening now, is "call 112 now", or the warning signs of a heart attack)
                first, _, rest = refusal.text.partition("\n\n")
                refusal.text = "\n\n".join(x for x in (first, notes[-1], rest) if x)
            return refusal, None
        info = _safety_info(verdict)
        closing: list[str] = []  # said after the answer
        if verdict.aside:
            notes.insert(0, f"{REFERRALS[verdict.aside][lang]}\n\n{TEXT[lang]['aside_bridge']}")
        if verdict.check_in:
            strong = verdict.reason == "nearest" or names_risk(q)  # a crisis score of 0.5 or more, or a word of risk
            kind = CHECK_IN_LOSS if verdict.reason == "bereavement" else CHECK_IN if strong else CHECK_IN_SOFT
            if verdict.faint and not strong:
                closing.append(CHECK_IN_AFTER[lang])  # only a faint score: a caring word after the advice
            else:
                notes.insert(0, kind[lang])
        # Whose judgement a health or legal side of the question is; before the faint caring word, which ends it
        if legal_side(q) and not verdict.aside:
            closing.insert(0, LEGAL_SIDE[lang])  # the law's question, for HR or a lawyer
        if health_call(q) and not verdict.aside:
            closing.insert(0, HEALTH_SIDE[lang])  # the company doctor's judgement, not the leader's
        t1 = time.perf_counter()
        # (a leadership question beside a legal or health one: retrieval and a model see only the leadership part)
        standalone = verdict.part or self.rewrite(q, turns)
        t2 = time.perf_counter()
        result: RetrievalResult = self.assistant.search(standalone, self.settings.k, viewer=viewer)
        t3 = time.perf_counter()
        if result.debug.get("degraded"):
            notes.append(TEXT[lang]["degraded"])
        if practice(q):
            notes.append(TEXT[lang]["rehearsal"])
            closing.insert(0, TEXT[lang]["rehearse_how"])  # after the advice, before a faint check-in
        # Off-topic questions still land near some passage in embedding space. The classifier decides;
        # a follow-up leans on the conversation, and a weak in-scope verdict needs a relevant passage.
        follow_up = bool(turns) and is_follow_up(q)
        off_topic = verdict.category == "off_topic" and not follow_up
        weak = verdict.scores.get("in_scope", 1.0) < 0.5 and result.relevance < self.settings.min_relevance
        if verdict.aside and (weak or not result.passages):
            # Nothing to say about the leadership half: the referral alone, as before
            key = verdict.aside
            info["category"] = "medical" if key.startswith("medical") else "legal"
            return self._refusal(q, lang, info["category"], REFERRALS[key][lang], detected, t0, safety=info), None
        if off_topic or weak or not result.passages:
            info["category"] = "off_topic"
            return self._refusal(q, lang, "out_of_scope", TEXT[lang]["no_cover"], detected, t0,
                                 standalone_question=standalone, relevance=result.relevance,
                                 passages=result.passages, safety=info), None
        previous_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")
        router = self.knowledge.router()
        limits = self.knowledge.route_thresholds()
        if situation:
            if situation not in router.situations:
                raise InvalidInputError(f"Unknown situation {situation[:60]!r}; choose one of the offered options.")
            route = router.forced(situation, q, follow_up)
        elif follow_up:
            # A follow-up stays in the conversation's situation (routed from what was asked before); its own
            # words choose the steps.
            earlier = router.route(previous_user, thresholds=limits)
            if earlier.decision != "clarify" and earlier.scores:
                route = router.forced(earlier.top, q, True)
                own = router.route(q, thresholds=limits)
                if (own.confidence >= limits.follow_up_switch and own.top != earlier.top
                        and own.question_type == "situational"
                        and len(q.split()) >= 6):
                    # "and what if she gets defensive?" brings in the feedback card beside the conversation's own.
                    route = Route(route.scores, "blend", "follow_up", [earlier.top, own.top])
            else:
                route = router.route(q, previous_user, has_history=True, thresholds=limits)
        else:
            asked = verdict.part or q  # (beside a legal or health question: its leadership part)
            topic = without_rehearsal(asked)
            if topic != asked and len(content_words(topic)) < REHEARSAL_MIN_WORDS:
                # "Can you play my employee so I can practise?" says nothing of the conversation: ask which one.
                return self._ask_back(q, lang, detected, _before_a_question(notes, closing, lang), standalone, result,
                                      t0, info,
                                      TEXT[lang]["rehearsal_what"]), None
            route = router.route(topic, thresholds=limits)
        t4 = time.perf_counter()
        timings = {"rewrite_ms": (t2 - t1) * 1000, "retrieval_ms": (t3 - t2) * 1000, "route_ms": (t4 - t3) * 1000}
        closest = max(result.passages, key=lambda p: (p.similarity or 0.0, p.lexical), default=None)
        if route.decision == "clarify" and closest is not None and closest.meta.get("kind") == "user":
            # The question is closest to the person's own document: answer from it instead of asking which card
            # fits (the article may still lead the passage list, as the primary source).
            route = Route(route.scores, "none", route.question_type, [])
        if route.decision == "clarify" and verdict.aside and route.scores:
            # After a referral, the leadership half is answered for its likeliest situation ("this may relate to"),
            # not met with a second question.
            route = Route(route.scores, "blend", route.question_type, [route.top])
        if route.decision == "clarify":
            return self._clarify(q, lang, detected, _before_a_question(notes, closing, lang), standalone, result,
                                 route, t0, timings, info), None
        cards = [c for sid in route.chosen if (c := self.knowledge.card(sid, lang, dict(route.scores)[sid]))]
        return None, PreparedQuestion(q, turns, lang, detected, notes, standalone, result, route, cards, t0, timings,
                                      info, closing)

    def _clarify(self, q: str, language: str, detected: str, notes: list[str], standalone: str,
                 result: RetrievalResult, route: Route, t0: float, timings: dict[str, float],
                 info: dict[str, Any]) -> Answer:
        """One short question with the options, instead of guessing between close situations."""
        t = TEXT[language]
        labels = [self.knowledge.label(sid, language) for sid in route.chosen]
        options = ", ".join(labels[:-1]) + t["clarify_or"] + labels[-1] if len(labels) > 1 else labels[0]
        question = t["clarify"].format(options=options)
        note = "\n".join(notes)
        felt = acknowledgement(q, language)  # "so angry I could scream": heard before the question back
        text = (note + "\n\n" if note else "") + (felt + " " if felt else "") + question
        timings = dict(timings, total_ms=(time.perf_counter() - t0) * 1000)
        return Answer(text=text, language=language, question=q, standalone_question=standalone,
                      detected_language=detected, notes=list(notes), relevance=result.relevance,
                      passages=result.passages, safety=info, timings=timings,
                      situations=route.as_list(), question_type=route.question_type,
                      clarify={"question": question, "options": list(route.chosen), "labels": labels})

    def _ask_back(self, q: str, language: str, detected: str, notes: list[str], standalone: str,
                  result: RetrievalResult, t0: float, info: dict[str, Any], question: str) -> Answer:
        """An answer that is one question back to the person (what they want to prepare), with the notes before it."""
        note = "\n\n".join(notes)
        return Answer(text=(note + "\n\n" if note else "") + question, language=language, question=q,
                      standalone_question=standalone, detected_language=detected, notes=list(notes),
                      relevance=result.relevance, passages=result.passages, safety=info,
                      timings={"total_ms": (time.perf_counter() - t0) * 1000}, question_type="situational")

    def ask(self, question: str, history: History = None, *, language: str | None = None,
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

    def stream(self, question: str, history: History = None, *, language: str | None = None,
               viewer: str | None = None, situation: str | None = None) -> Iterator[tuple[str, Any]]:
        """Yield ("token", text) pieces while answering, then ("answer", Answer)."""
        refusal, s = self._prepare(question, history, language, viewer, situation)
        if refusal is not None or s is None:
            assert refusal is not None
            yield "token", refusal.text
            yield "answer", refusal
            return
        embeddings = self.assistant.index.embeddings
        if self.chat_model is None:
            answer = extractive_answer(s, self.knowledge, embeddings)
            for piece in _pieces(answer.text):
                yield "token", piece
        else:
            answer = yield from llm_answer(s, self.chat_model, self.backend_name, self.settings.llm_timeout,
                                           self.knowledge, embeddings)
        answer.timings["total_ms"] = (time.perf_counter() - s.t0) * 1000
        yield "answer", answer


def _crisis_language(verdict: SafetyVerdict, detected: str, language: str) -> str:
    """The language a crisis referral is written in: the writer's own when the referral has it, else the answer's.

    German and French have the referrals for the writer at risk and for someone else at risk. A danger happening now
    keeps the answer language: its "call 112 now" comes first.
    """
    if not verdict.imminent and detected in REFERRALS.get(verdict.referral, {}):
        return detected
    return language


def _safety_info(verdict: SafetyVerdict) -> dict[str, Any]:
    return {"category": verdict.category, "speaker": verdict.speaker, "by": verdict.reason,
            "check_in": verdict.check_in, "threat": verdict.threat, "urge": verdict.urge,
            "emergency": verdict.emergency,
            "referral": verdict.referral if verdict.category in ("crisis", "medical") else "",
            "faint": verdict.faint, "imminent": verdict.imminent, "aside": verdict.aside}


def _pieces(text: str, size: int = 40) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]


def _before_a_question(notes: list[str], closing: list[str], language: str) -> list[str]:
    """The notes of a reply that is one question back: no advice to put the care after, so it comes first, softly."""
    return [CHECK_IN_SOFT[language], *notes] if CHECK_IN_AFTER[language] in closing else notes
