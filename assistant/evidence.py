"""Sentences that can back a step of advice: from the article and the related material, never fragments.

A step is paired with a sentence only when the two say the same thing (cosine similarity of their
embeddings above ``Settings.evidence_min_similarity``). Rhetorical questions, headings and sentences that lean on the
previous one ("Het tweede …", "This …") cannot stand alone as evidence and are left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.chunking import Chunk
from assistant.config import Settings
from assistant.embeddings import unit_rows
from assistant.text import sentences, stem_tokens

# Besides embeddings close enough (Settings.evidence_min_similarity), a step and its evidence share at least this
# many content words (stems, generic domain words left out).
SHARED_MIN = 3
# ... and those shared words must be specific: the sum of their inverse document frequencies (over the evidence pool and
# every card's steps, ln(N/df)) at least this. Three words every step uses ("ask", "after", "other"; "vraag", "ander",
# "na") paired a step on a quiet colleague with a sentence on feedback. Chosen on the step-evidence pairs of
# eval/situations.jsonl dev, judged by hand (tools/evidence_pairs.py): at 10.5, 12 of 21 poor or weak distinct pairs go
# and 1 of 25 good ones; on test, 12 of 19 poor or weak go and 1 of 18 good ones (one good pair comes in its place).
SHARED_IDF_MIN = 10.5
_GENERIC = frozenset("""team teams people person employee employees leader leaders manager managers work working trust
    mensen medewerker medewerkers leider leiders leidinggevende leidinggevenden werk vertrouwen organisation
    organisatie one een way manier make maken""".split())
HUB_K = 10  # nearest steps that measure how generic a sentence is
OWN_CARDS = 3  # a sentence backs steps of at most this many situations (those whose steps it is closest to);
# on eval/situations.jsonl dev: 2 -> boilerplate 0.266, steps with evidence 0.10; 3 -> 0.269, 0.12; none -> 0.293, 0.25
_LEANS_BACK = re.compile(
    r"^(dit|deze|dat|die|het eerste|het tweede|hierdoor|daardoor|daarom|bovendien|ook|zo|hier|daar|beide|"
    r"daarna|vervolgens|toen|eerst|dan|zij|ze|hij|"
    r"this|these|that|those|it|they|he|she|both|the first|the second|moreover|also|so|thus|therefore|here|"
    r"there|afterwards|then|next|first|on (the|this) (other )?hand|in (this|that) way|op deze manier|"
    r"for (him|her|them)|voor (hem|haar|hen))\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """A sentence of a built-in passage, with its English rendering when it is from the Dutch article."""

    text: str
    chunk: Chunk
    translation: str = ""


_POINTS_BACK = re.compile(r"^\w+ (dit|this|these|those)\b", re.IGNORECASE)  # "Compare this with …", "Vergelijk dit …"
# ... or refers back anywhere in it: "… dat ik aan deze tweede vorm de voorkeur geef", "the latter", "as said above"
_REFERS_BACK = re.compile(r"\b(deze|this) (eerste|tweede|laatste|first|second|last)\b|\bdeze (twee|beide)\b"
                          r"|\b(the|de) (latter|former|laatstgenoemde|eerstgenoemde)\b|\b(laatstgenoemde|eerstgenoemde"
                          r"|bovengenoemde|hierboven|zoals gezegd|as (said|mentioned) (above|before|earlier))\b",
                          re.IGNORECASE)


def stands_alone(sentence: str) -> bool:
    """Whether a sentence can back a claim on its own: a statement, long enough, not leaning back."""
    s = sentence.strip()
    return (len(s.split()) >= 6 and not s.endswith("?") and not _LEANS_BACK.match(s)
            and not _POINTS_BACK.match(s) and not _REFERS_BACK.search(s) and not s.endswith(":"))


def content_stems(text: str, language: str) -> frozenset[str]:
    """The content words of a sentence as stems, without the words every sentence here shares."""
    return frozenset(stem_tokens(" ".join(w for w in text.split() if w.lower().strip(",.:;!?\"“”'") not in _GENERIC),
                                 language))


def evidence_pool(chunks: dict[str, Chunk], translations: dict[str, str]) -> list[Evidence]:
    """Every sentence of the article and related material that could back a step."""
    pool: list[Evidence] = []
    for c in chunks.values():
        kind = c.metadata.get("kind")
        if kind not in ("article", "related"):
            continue
        sents = sentences(c.text)
        rendering = sentences(translations.get(c.id, "")) if kind == "article" else []
        aligned = len(rendering) == len(sents)
        for i, s in enumerate(sents):
            if stands_alone(s):
                pool.append(Evidence(s, c, rendering[i] if aligned else ""))
    return pool


class EvidenceIndex:
    """The evidence pool with its embeddings, for finding the sentence that best backs a step.

    Some sentences are close to almost every step ("trust matters"): they would be pasted under unrelated
    advice. Each sentence's hubness (its mean similarity to its nearest steps of all cards) is subtracted
    when ranking, as in CSLS for cross-lingual retrieval, so a sentence wins where it is specifically apt.
    """

    def __init__(self, pool: list[Evidence], embed: Callable[[list[str]], np.ndarray],
                 all_steps: Sequence[str] = (), step_cards: Sequence[str] = (),
                 min_similarity: float = Settings.evidence_min_similarity,
                 step_languages: Sequence[str] = ()) -> None:
        self.pool = pool
        self.min_similarity = min_similarity  # step-to-sentence cosine similarity (e5 passage embeddings)
        self._embed = embed
        self._vectors = unit_rows(embed([e.text for e in pool])) if pool else np.zeros((0, 1))
        self._hub = np.zeros(len(pool), dtype=np.float32)
        # The situations each sentence may back: the OWN_CARDS whose steps it is closest to. A sentence close to
        # steps of many situations would otherwise be pasted under unrelated advice.
        self._own: list[frozenset[str]] = [frozenset()] * len(pool)
        if pool and all_steps:
            steps = unit_rows(embed(list(all_steps)))
            sims = self._vectors @ steps.T
            k = min(HUB_K, sims.shape[1])
            self._hub = np.sort(sims, axis=1)[:, -k:].mean(axis=1)
            self._hub -= float(self._hub.mean())
            if len(step_cards) == len(all_steps):
                cards = sorted(set(step_cards))
                col = {c: i for i, c in enumerate(cards)}
                best = np.full((len(pool), len(cards)), -1.0, dtype=np.float32)
                for j, c in enumerate(step_cards):
                    best[:, col[c]] = np.maximum(best[:, col[c]], sims[:, j])
                top = np.argsort(-best, axis=1)[:, :OWN_CARDS]
                self._own = [frozenset(cards[i] for i in row) for row in top]
        self._idf = _idf(pool, all_steps, step_languages)
        with_rendering = [i for i, e in enumerate(pool) if e.translation]
        if with_rendering:
            extra = unit_rows(embed([pool[i].translation for i in with_rendering]))
            # An English step may match the English rendering better than the Dutch original: keep the best.
            self._alt = dict(zip(with_rendering, extra, strict=True))
        else:
            self._alt = {}

    def specificity(self, stems: frozenset[str]) -> float:
        """The summed inverse document frequency of stems a step and a sentence share (rare words weigh more)."""
        unseen = self._idf.get("", 0.0)
        return float(sum(self._idf.get(t, unseen) for t in stems))

    def hubness(self, texts: Sequence[str]) -> np.ndarray:
        """How generic each pool sentence is (0 for texts not in the pool)."""
        index = {e.text: i for i, e in enumerate(self.pool)}
        return np.asarray([self._hub[index[t]] if t in index else 0.0 for t in texts], dtype=np.float32)

    def best(self, step_vectors: np.ndarray, language: str, exclude: set[str],
             prefer: Sequence[str] = (), step_texts: Sequence[str] = (),
             step_cards: Sequence[str] = ()) -> list[tuple[Evidence | None, float]]:
        """For each step, the best unused sentence in ``language`` or of the article that backs it (or None).

        Backing needs both: embeddings close (``min_similarity``) and at least ``SHARED_MIN`` content words in
        common with the sentence (or its English rendering), so topical neighbours are not passed off as
        evidence.
        """
        if not self.pool:
            return [(None, 0.0) for _ in step_vectors]
        sims = step_vectors @ self._vectors.T
        for i, alt in self._alt.items():
            sims[:, i] = np.maximum(sims[:, i], step_vectors @ alt)
        usable = np.array([e.chunk.metadata.get("kind") == "article" or e.chunk.metadata.get("language") == language
                           for e in self.pool])
        preferred = np.array([e.chunk.metadata.get("doc_id") in prefer or e.chunk.id in prefer for e in self.pool])
        out: list[tuple[Evidence | None, float]] = []
        used = set(exclude)
        for n, row in enumerate(sims):
            scored = np.where(usable & (row >= self.min_similarity), row - self._hub + 0.01 * preferred, -np.inf)
            step = content_stems(step_texts[n], language) if n < len(step_texts) else None
            found: tuple[Evidence | None, float] = (None, float(row.max()) if len(row) else 0.0)
            for j in np.argsort(-scored)[:20]:
                if not np.isfinite(scored[j]):
                    break
                e = self.pool[int(j)]
                if e.text in used:
                    continue
                own = self._own[int(j)]
                if own and n < len(step_cards) and step_cards[n] not in own:
                    continue  # apt for other situations' steps more than for this one
                if step is not None:
                    shared = step & (content_stems(e.text, language) | content_stems(e.translation, "en"))
                    if len(shared) < SHARED_MIN or self.specificity(shared) < SHARED_IDF_MIN:
                        continue
                used.add(e.text)
                found = (e, float(row[j]))
                break
            out.append(found)
        return out


def _idf(pool: Sequence[Evidence], steps: Sequence[str], step_languages: Sequence[str]) -> dict[str, float]:
    """ln(N/df) of every content stem over the pool's sentences and the cards' steps; "" holds the unseen stem's."""
    docs = [content_stems(e.text, str(e.chunk.metadata.get("language") or "nl"))
            | (content_stems(e.translation, "en") if e.translation else frozenset()) for e in pool]
    for i, step in enumerate(steps):
        lang = step_languages[i] if i < len(step_languages) else ""
        docs.append(content_stems(step, lang) if lang else content_stems(step, "en") | content_stems(step, "nl"))
    n = max(len(docs), 1)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log(n / c) for t, c in df.items()}
    idf[""] = math.log(n)
    return idf
