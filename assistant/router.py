"""The router: which situation card or concept note a question is about, and how sure we are.

Like an intent classifier with a fallback (Rasa's ``FallbackClassifier`` with an ambiguity threshold), it
scores every situation and decides: one confident situation, a blend of two, a clarifying question, or
no card at all. Four signals are mixed, each a probability distribution over situations:

- a logistic regression over multilingual embeddings of the cards' ``signals`` (and titles);
- the same regression averaged over the sentences of a longer question (context sentences such as
  "I coach a plant manager" should not drown the one that names the situation);
- BM25 over each situation's signals, titles and situation paragraph (distinctive words: audit, 360,
  merger, roddel);
- a logistic regression over character n-grams of the same texts (spelling variants, compounds and typos
  that the small embedding model blurs: "controleer", "micromanagement", "teh").
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.authors import asks_about_author, surnames_of
from assistant.chunking import Chunk
from assistant.config import Settings
from assistant.playbook import Situation, sections, situations
from assistant.safety_words import COACHING, about_the_article
from assistant.text import query_tokens, sentences

log = logging.getLogger(__name__)

# Mixture weights, tuned on the dev split of eval/situations.jsonl; they are part of the shipped fit's key.
W_WHOLE = 1.0  # the regression on the whole question
W_SENTENCES = 1.5  # the regression averaged over its sentences
W_LEXICAL = 1.5  # BM25 over each situation's words
W_CHARS = 2.5  # character n-gram regression over situations (dev, pipeline: @1 0.851 -> 0.871, @2 0.915 -> 0.927)
LEXICAL_TEMPERATURE = 0.2
LR_C = 32.0
CHARS_C = 30.0


@dataclass(frozen=True)
class RouteThresholds:
    """When the router says it knows, blends, asks or offers no card (``Settings.route_*``).

    Tuned on eval/situations.jsonl dev; each setting's description says how it was chosen.

    On dev, a top share >= 0.30 was right 95% of the time, 0.20-0.30 84%, 0.15-0.20 72%, below 0.15 about half.
    """

    confident: float = Settings.route_confident  # top situation's share of the mixture to say "sounds like"
    blend: float = Settings.route_blend  # a second situation with this share of the first is blended in
    clarify_max: float = Settings.route_clarify_max  # below this, with close candidates, ask instead of guessing
    clarify_spread: float = Settings.route_clarify_spread  # how close the second (and third) must be to ask
    no_card: float = Settings.route_no_card  # below this nothing is a situation of ours: a general answer
    follow_up_switch: float = Settings.route_follow_up_switch  # a follow-up routed elsewhere this surely: blend it in

    @classmethod
    def of(cls, settings: Settings) -> RouteThresholds:
        """The thresholds a configuration sets."""
        return cls(settings.route_confident, settings.route_blend, settings.route_clarify_max,
                   settings.route_clarify_spread, settings.route_no_card, settings.route_follow_up_switch)


# What is left of a card's share when it presumes an event the question does not name (front matter ``presumes``).
# Not tuned: on every routing set (973 questions) it moved 5 routes, all to the labelled situation.
UNNAMED_EVENT_SHARE = 0.3
VAGUE_WORDS = 2  # a first question with this few content words is clarified unless clearly routed
# A coach who speaks of their coachee (not a leader who coaches the team or asks for an exercise for it)
_COACH_CASE = re.compile(
    r"\b(coachee|coachees|my client|mijn cli[eë]nt|i coach|i'?m coaching (a|an|my client|the (\w+ )?(director|manager|"
    r"ceo|head|lead))|i am coaching (a|an)|as an? (\w+ )?coach|i('m| am| work as) an? (\w+ )?coach|als (\w+[- ]?)?coach"
    r"|ik (ben|werk als) (\w+[- ]?)?coach|ik coach (een|de)|coachsessie|coachgesprek)\b"
    r"|^\W*coaching (a|an|een) ",
    re.IGNORECASE)
COACH_CASE_WORDS = 20  # a coach's question with this many content words describes a coachee's case (not a concept)
# ... and so does a shorter one that says who the coachee is in a clause of their own ("a new manager who doubts
# everything she does", "als coach begeleid ik een afdelingshoofd dat zelf gecontroleerd wordt"): what they go
# through, not a word to explain
_COACHEE_WHO = re.compile(r"\b(manager|director|lead|leader|head|ceo|founder|supervisor|coachee|client|teamleider|"
                          r"leidinggevende|directeur|afdelingshoofd|hoofd|bestuurder|cli[eë]nt)\b,? "
                          r"(who|die|dat)\b"
                          # ... or says what the coachee is or does: "mijn coachee is teamleider bij een IT-bedrijf"
                          r"|\b(coachee|client|cli[eë]nt)\b,? (is|was|leads|runs|heads|manages|works|leidt|werkt)\b",
                          re.IGNORECASE)
COACHEE_WHO_WORDS = 10

QUESTION_TYPES = ("situational", "concept", "coach", "follow_up", "meta")
_COACH = COACHING
_META = re.compile(
    r"\b(who wrote|what is (the|this) article about|main (point|message|idea)|summar\w*|samenvat\w*|samengevat|"
    r"waar gaat (het|dit) artikel over|wie (heeft|schreef)|hoofdboodschap|kernboodschap)\b", re.IGNORECASE)


# "My pitch absolutely killed", "we killed it", "het was een moordpresentatie": a success in words of death, put plainly
# so the router does not hear a loss.
_SUCCESS = re.compile(
    # a performance that "killed" (a thing as subject), or people who "killed it"
    r"\b(?P<what>pitch|presentation|talk|demo|speech|keynote|launch|show|workshop|session)\b(?P<rest>[^.?!]{0,40}?) "
    r"((absolutely|totally|really|just|completely) )?(killed|slayed)( it)?\b"
    r"(?! (him|her|them|me|us|himself|herself|themselves|myself|someone|somebody|my|his|their|the|a|an|our|any|"
    r"every|off)\b)"
    r"|\b(?P<who>we|they|you|i|he|she)( (absolutely|totally|really|just|completely))? "
    r"(killed|slayed|crushed|nailed) it\b"
    r"|\bmoord(?P<noun>presentatie|pitch|optreden|resultaat)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(was|were|been|is|are|am|'m|'s|got|get|gets|be|being|feel|felt|nearly|almost|werd)\b",
                      re.IGNORECASE)


def plain_success(text: str) -> str:
    """``text`` with a success told in words of death ("the pitch killed") put plainly ("went very well").

    Not a death told in the passive ("she was killed", "they were nearly killed").
    """
    def plain(m: re.Match[str]) -> str:
        if m["noun"]:
            return f"heel goede {m['noun']}"
        if m["who"]:
            return f"{m['who']} did very well"
        return m[0] if _PASSIVE.search(m["rest"]) else f"{m['what']}{m['rest']} went very well"

    return _SUCCESS.sub(plain, text)


@dataclass(frozen=True)
class Route:
    """The router's verdict for one question."""

    scores: list[tuple[str, float]]  # every situation and concept, best first, shares summing to 1
    decision: str  # "confident" | "blend" | "clarify" | "none"
    question_type: str  # one of QUESTION_TYPES
    chosen: list[str] = field(default_factory=list)  # ids the answer is built from (0, 1 or 2)

    @property
    def top(self) -> str:
        """The best situation id."""
        return self.scores[0][0] if self.scores else ""

    @property
    def confidence(self) -> float:
        """The best situation's share."""
        return self.scores[0][1] if self.scores else 0.0

    def as_list(self, n: int = 3) -> list[dict[str, Any]]:
        """The best ``n`` situations as JSON rows."""
        return [{"id": sid, "confidence": round(p, 4)} for sid, p in self.scores[:n]]


def _softmax(x: np.ndarray, temperature: float) -> np.ndarray:
    z = (x - x.max()) / temperature
    e = np.exp(z)
    return np.asarray(e / e.sum())


def training_texts(situation: Situation, by_doc: dict[str, list[Chunk]]) -> list[str]:
    """What the router learns a situation from: its signals, titles, and the sentences that describe it."""
    out = [t for lang in situation.signals for t in situation.signals[lang]] + list(situation.titles.values())
    for doc in situation.docs.values():
        roles = sections(by_doc.get(doc, []))
        for role in ("situation", "going_on", "plain"):
            out += [s for c in roles.get(role, [])[:1] for s in sentences(c.text) if len(s.split()) >= 4]
    return out


def question_type(question: str, has_history: bool, top_is_concept: bool, names: Collection[str] = ()) -> str:
    """What kind of question this is: a follow-up, a coach's question, about the article, or a situation.

    ``names``: the surnames of the knowledge base's authors (naming one asks about the article).
    """
    from assistant.conversation import content_words, is_follow_up

    if has_history and is_follow_up(question):
        return "follow_up"
    about = about_the_article(question, names)
    if (about and _META.search(question)) or asks_about_author(question, names):
        return "meta"
    words = len(content_words(question))
    if _COACH_CASE.search(question) and (words >= COACH_CASE_WORDS
                                         or (words >= COACHEE_WHO_WORDS and _COACHEE_WHO.search(question))):
        # A coach describing a coachee's situation, who also asks what from the article to bring in, prepares a
        # session about that situation: "what does Rensen mean by 'a verb'? I want to use it with a coachee" is short.
        return "coach"
    if top_is_concept or about:
        return "concept"
    if _COACH.search(question):
        return "coach"
    return "situational"


class Router:
    """Scores questions against every situation card and concept note of one index snapshot."""

    def __init__(self, by_doc: dict[str, list[Chunk]], embed: Callable[[list[str]], np.ndarray],
                 embed_one: Callable[[str], Sequence[float]], fitted: tuple[Any, Any, Any] | None = None,
                 names: frozenset[str] | None = None) -> None:
        """Train on the cards' and notes' signals, titles and situation sentences.

        ``fitted``: the regression, the n-grams and their regression of an earlier training on the same content
        (see ``shipped_fit``), used instead of training. ``names``: the articles' authors' surnames, when known.
        """
        from sklearn.linear_model import LogisticRegression

        self.situations: dict[str, Situation] = situations(by_doc)
        self.names = names if names is not None else _names(by_doc)  # the articles' authors
        self.ids = sorted(self.situations)
        self._embed_one = embed_one
        texts: list[str] = []
        labels: list[int] = []
        lexical_docs: list[list[str]] = []
        for i, sid in enumerate(self.ids):
            mine = training_texts(self.situations[sid], by_doc)
            texts += mine
            labels += [i] * len(mine)
            lexical_docs.append(query_tokens(" ".join(mine)) or ["∅"])
        self._model = None
        self._chars: Any = None
        if len(self.ids) >= 2:
            from sklearn.feature_extraction.text import TfidfVectorizer

            # Situations only: concept notes share the article's general words ("vertrouwen"), so n-grams would
            # pull short situational questions towards them; how a question splits between situations and
            # concepts is left to the other signals.
            self._is_situation = np.asarray([self.situations[sid].kind != "concept" for sid in self.ids])
            own = [i for i, y in enumerate(labels) if self._is_situation[y]]
            if fitted is not None:
                self._model, self._ngrams, self._chars = fitted
            else:
                self._model = LogisticRegression(C=LR_C, max_iter=5000).fit(embed(texts), np.asarray(labels))
            if fitted is None and len({labels[i] for i in own}) >= 2:  # two situations to tell apart
                self._ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
                self._chars = LogisticRegression(C=CHARS_C, max_iter=5000).fit(
                    self._ngrams.fit_transform([texts[i] for i in own]), np.asarray([labels[i] for i in own]))
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.NOTSET)
        self._bm25 = bm25s.BM25()
        if self.ids:
            self._bm25.index(lexical_docs, show_progress=False)

    def _regression(self, texts: list[str]) -> np.ndarray:
        assert self._model is not None
        vectors = np.asarray([self._embed_one(t) for t in texts], dtype=np.float32)
        return np.asarray(self._model.predict_proba(vectors))

    def scores(self, text: str) -> np.ndarray:
        """The mixture distribution over ``self.ids`` for one (standalone) question."""
        if self._model is None:
            return np.ones(len(self.ids)) / max(1, len(self.ids))
        parts = [s for s in sentences(text) if len(s.split()) >= 4][:8]
        batch = [text] + (parts if len(parts) > 1 else [])
        probs = self._regression(batch)
        whole = probs[0]
        per_sentence = probs[1:].mean(axis=0) if len(batch) > 1 else whole
        tokens = query_tokens(text)
        lexical = np.asarray(self._bm25.get_scores(tokens), dtype=np.float64) if tokens else np.zeros(len(self.ids))
        lex = _softmax(lexical / (lexical.max() + 1e-9), LEXICAL_TEMPERATURE) if lexical.max() > 0 else \
            np.ones(len(self.ids)) / len(self.ids)
        base = W_WHOLE * whole + W_SENTENCES * per_sentence + W_LEXICAL * lex
        base = base / base.sum()
        if self._chars is None:
            return np.asarray(base)
        chars = base.copy()  # concepts keep their share of the other signals; situations split theirs by n-grams
        chars[self._chars.classes_] = self._chars.predict_proba(self._ngrams.transform([text]))[0] * float(
            base[self._is_situation].sum())
        mix = base + W_CHARS / (W_WHOLE + W_SENTENCES + W_LEXICAL) * chars
        return np.asarray(mix / mix.sum())

    def forced(self, sid: str, question: str, has_history: bool = False) -> Route:
        """The route for a situation the person chose themselves (an answer to a clarifying question)."""
        kind_concept = self.situations[sid].kind == "concept"
        qtype = "concept" if kind_concept else question_type(question, has_history, False, self.names)
        others = [(x, 0.0) for x in self.ids if x != sid]
        return Route([(sid, 1.0), *others], "confident", qtype, [sid])

    def route(self, question: str, context: str = "", has_history: bool = False,
              thresholds: RouteThresholds = RouteThresholds()) -> Route:
        """Score ``question`` (with ``context``: the previous user turn, for a follow-up) and decide."""
        t = thresholds
        if not self.ids:
            return Route([], "none", question_type(question, has_history, False, self.names))
        text = plain_success(f"{context}\n{question}".strip() if context else question)
        mix = self.scores(text)
        for i, sid in enumerate(self.ids):
            if not self.situations[sid].names_its_event(text):
                # A card that presumes an event (a death, layoffs, a merger) the question does not name: a divorce
                # is no bereavement, an apology two months ago no round of layoffs.
                mix[i] *= UNNAMED_EVENT_SHARE
        order = np.argsort(-mix)
        ranked = [(self.ids[i], float(mix[i])) for i in order]
        top_is_concept = self.situations[ranked[0][0]].kind == "concept"
        qtype = question_type(question, has_history, top_is_concept and ranked[0][1] >= t.no_card, self.names)
        if qtype in ("concept", "meta"):
            # Questions about the text choose among the concept notes.
            concepts = [(sid, p) for sid, p in ranked if self.situations[sid].kind == "concept"]
            total = sum(p for _, p in concepts) or 1.0
            ranked = [(sid, p / total) for sid, p in concepts] + [r for r in ranked if r not in concepts]
        elif qtype == "coach" and top_is_concept:
            # A coach's case that also asks about the article: the session is about the coachee's situation.
            cases = [(sid, p) for sid, p in ranked if self.situations[sid].kind != "concept"]
            total = sum(p for _, p in cases) or 1.0
            ranked = [(sid, p / total) for sid, p in cases] + [r for r in ranked if r not in cases]
        p1 = ranked[0][1]
        p2 = ranked[1][1] if len(ranked) > 1 else 0.0
        p3 = ranked[2][1] if len(ranked) > 2 else 0.0
        if qtype in ("concept", "meta"):
            return Route(ranked, "confident" if p1 >= t.confident else "blend", qtype, [ranked[0][0]])
        from assistant.conversation import content_words

        if qtype == "situational" and len(set(content_words(question))) <= VAGUE_WORDS and p1 < t.confident * 2:
            # "my team is a mess": too little to go on; ask rather than guess.
            return Route(ranked, "clarify", qtype, [sid for sid, _ in ranked[:3]])
        if p1 >= t.confident:
            return Route(ranked, "confident", qtype, [ranked[0][0]])
        if p1 < t.no_card:
            return Route(ranked, "none", qtype, [])
        if qtype not in ("follow_up", "coach") and p1 < t.clarify_max and p1 - p2 <= t.clarify_spread:
            options = [ranked[0][0], ranked[1][0]] + ([ranked[2][0]] if p1 - p3 <= t.clarify_spread else [])
            return Route(ranked, "clarify", qtype, options)
        if p2 >= t.blend * p1:
            return Route(ranked, "blend", qtype, [ranked[0][0], ranked[1][0]])
        return Route(ranked, "blend", qtype, [ranked[0][0]])


_BUILT: dict[str, Router] = {}
_BUILT_LOCK = threading.Lock()
ROUTERS_KEPT = 4  # routers kept per process (one per knowledge-base content and embedding model)


def shared_router(by_doc: dict[str, list[Chunk]], embed: Callable[[list[str]], np.ndarray],
                  embed_one: Callable[[str], Sequence[float]], model: str) -> Router:
    """The router for these cards and notes, trained once per process for the same content and model.

    Training takes about 10 s on one core; every Assistant over the same knowledge base (a second web worker
    thread, the CLI's and the web app's, each test) shares it, and for the built-in knowledge base the fit shipped
    with the package (``ROUTER_MODEL``) is used instead of training.
    """
    names = _names(by_doc)
    key = router_key(by_doc, model, names)
    with _BUILT_LOCK:
        router = _BUILT.get(key)
        if router is None:
            router = Router(by_doc, embed, embed_one, shipped_fit(key), names)
            if len(_BUILT) >= ROUTERS_KEPT:
                _BUILT.pop(next(iter(_BUILT)))
            _BUILT[key] = router
        return router


ROUTER_MODEL = Path(__file__).parent / "data" / "router_model.pkl"  # shipped: `coach dev router-model`


def _names(by_doc: dict[str, list[Chunk]]) -> frozenset[str]:
    return surnames_of(c for chunks in by_doc.values() for c in chunks)


def router_key(by_doc: dict[str, list[Chunk]], model: str, names: frozenset[str] | None = None) -> str:
    """What a router's training depends on.

    The cards' and notes' ids, text and metadata (not where the files lie), the authors' surnames (``names``, or
    read from ``by_doc``), the embedding model, the regressions' settings and scikit-learn's version.
    """
    import sklearn

    h = hashlib.sha256(f"{model}|{LR_C}|{CHARS_C}|{sklearn.__version__}".encode())
    for doc in sorted(by_doc):
        for c in by_doc[doc]:
            if c.metadata.get("kind") in ("playbook", "concept"):
                h.update(c.id.encode())
                h.update(c.text.encode())
                h.update(json.dumps({k: v for k, v in c.metadata.items() if k != "path"}, sort_keys=True,
                                    default=str).encode())
    h.update(("|" + " ".join(sorted(_names(by_doc) if names is None else names))).encode())
    return h.hexdigest()


def shipped_fit(key: str) -> tuple[Any, Any, Any] | None:
    """The fitted regressions shipped for the built-in knowledge base, when they were trained on content ``key``."""
    import pickle

    meta = ROUTER_MODEL.with_suffix(".json")
    try:
        if not meta.is_file() or json.loads(meta.read_text()).get("key") != key:
            return None
        with ROUTER_MODEL.open("rb") as f:  # written by `coach dev router-model` from this package's knowledge base
            fitted = pickle.load(f)  # noqa: S301
        return (fitted["model"], fitted["ngrams"], fitted["chars"])
    except Exception as exc:  # noqa: BLE001 - anything wrong with the file: train instead, as without it
        log.warning("shipped router not used (%s); training it now", exc)
        return None


def write_router_model(router: Router, key: str) -> Path:
    """Ship ``router``'s fitted regressions for content ``key`` (a developer step when the playbook changes)."""
    import pickle

    ngrams = getattr(router, "_ngrams", None)
    if ngrams is not None and hasattr(ngrams, "stop_words_"):
        del ngrams.stop_words_  # the n-grams min_df left out: kept for introspection only, most of the file's size
    with ROUTER_MODEL.open("wb") as f:
        pickle.dump({"model": router._model, "ngrams": ngrams, "chars": router._chars}, f,
                    protocol=pickle.HIGHEST_PROTOCOL)
    import sklearn

    ROUTER_MODEL.with_suffix(".json").write_text(json.dumps({"key": key, "sklearn": sklearn.__version__}))
    return ROUTER_MODEL

