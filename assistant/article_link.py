"""Which sentence of the article an answer links to: the one, among the paragraphs its card rests on, apt here."""

from __future__ import annotations

import numpy as np

from assistant.composition import ComposeInput, passage_for
from assistant.evidence import Evidence
from assistant.playbook import refs
from assistant.retrieval import Passage

# The card's best article sentence is linked when it is apt for this question: either absolutely (e5 query/passage
# similarity less the sentence's hubness of at least ARTICLE_LINK_MIN) or relatively (ARTICLE_LINK_MARGIN standard
# deviations above the median of the question's similarities to all article sentences). The relative rule is for
# English questions, which score ~0.03 lower against the English renderings than Dutch ones against the
# originals: with the absolute rule alone the article was linked under 49% of Dutch test answers and 4% of English.
ARTICLE_LINK_MIN = 0.84
ARTICLE_LINK_MARGIN = 2.0


def article_link(inp: ComposeInput, used: set[str], translations: dict[str, str]
                 ) -> tuple[Evidence, Passage] | None:
    """The sentence of the article paragraphs the card rests on (``supports``) that is closest to the question."""
    if inp.evidence is None:
        return None
    wanted = set()
    for card in inp.cards[:1]:
        for p in card.roles.get("situation", [])[:1]:
            wanted = {(str(r["doc"]), str(r.get("section", "") or ""), int(r.get("paragraph", 1)))
                      for r in refs(p.chunk)}
    def named(e: Evidence) -> bool:
        m = e.chunk.metadata
        return m.get("kind") == "article" and (m["doc_id"], m["section"], m["paragraph"]) in wanted

    candidates = [e for e in inp.evidence.pool if named(e) and e.text not in used]
    if not candidates:
        return None
    sims = article_sims(inp, candidates) - inp.evidence.hubness([e.text for e in candidates])
    if float(sims.max()) < ARTICLE_LINK_MIN:
        median, spread = _article_spread(inp)  # only when the absolute rule fails: English questions
        if (float(sims.max()) - median) / spread < ARTICLE_LINK_MARGIN:
            return None  # nothing in the card's article paragraphs speaks to this question in particular
    best = candidates[int(np.argmax(sims))]
    used.add(best.text)
    return best, passage_for(best.chunk, translations)


def article_sims(inp: ComposeInput, sentences_: list[Evidence]) -> np.ndarray:
    """The question's similarity to article sentences; for an English question, the better of original and rendering."""
    sims = inp.rank([e.text for e in sentences_])
    rendered = [i for i, e in enumerate(sentences_) if e.translation]
    if rendered and inp.language == "en":
        # An English question is closer to the English rendering than to the Dutch original.
        sims[rendered] = np.maximum(sims[rendered], inp.rank([sentences_[i].translation for i in rendered]))
    return sims


def _article_spread(inp: ComposeInput) -> tuple[float, float]:
    """Median and spread of this question's similarity to every article sentence (renderings for English)."""
    assert inp.evidence is not None
    pool = [e for e in inp.evidence.pool if e.chunk.metadata.get("kind") == "article"]
    sims = article_sims(inp, pool) - inp.evidence.hubness([e.text for e in pool])
    return float(np.median(sims)), max(float(np.std(sims)), 1e-6)
