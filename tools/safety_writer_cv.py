"""Leave-one-writer-out check of the safety classifier: how it does on wording it has never seen.

Each independently written example bank (``safety_exemplars_5``, ``_7`` to ``_11``: writers who saw no
project file) is left out of training in turn and classified by a model trained on everything else, keywords and
thresholds included. The figures approximate a new user's wording without touching any evaluation set, so
thresholds can be chosen here and reported on the evaluation sets. Ordinary leadership questions (the dev split of
eval/situations.jsonl and eval/inscope_dev.jsonl) show what a setting costs: refusals and check-ins.

    python tools/safety_writer_cv.py                                # the shipped settings
    python tools/safety_writer_cv.py CHECK_IN_P=0.15 "CRISIS_P=0.6,CHECK_IN_P=0.15"   # one line per setting

Takes about two minutes (four models trained, about 2,000 messages classified) plus a few seconds per setting.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

import assistant.safety as S
import assistant.safety_bank as B

HELD_OUT = ("safety_exemplars_5.jsonl", "safety_exemplars_7.jsonl", "safety_exemplars_8.jsonl",
            "safety_exemplars_9.jsonl", "safety_exemplars_10.jsonl", "safety_exemplars_11.jsonl",
            "safety_exemplars_12.jsonl", "safety_exemplars_18.jsonl")
ROOT = Path(__file__).resolve().parents[1]


def _bank() -> tuple[list[dict[str, str]], np.ndarray, np.ndarray]:
    rows: list[dict[str, str]] = []
    source: list[str] = []
    for path in B.exemplar_files():
        part = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += [{**r, "bank": path.name} for r in part]  # as ``load_exemplars``: the bank sets an example's weight
        source += [path.name] * len(part)
    return rows, B.exemplar_vectors([r["text"] for r in rows]), np.asarray(source)


def _names() -> frozenset[str]:
    """The built-in knowledge base's authors' surnames, as the assistant passes them to the scope check."""
    from assistant.config import load_settings
    from assistant.service import knowledge_surnames

    return knowledge_surnames(load_settings())


def _train(rows: list[dict[str, str]], vectors: np.ndarray, keep: np.ndarray) -> S.SafetyClassifier:
    """The shipped classifier's recipe, on the rows in ``keep``; scores are memoised for the sweeps."""
    known = {r["text"]: vectors[i] for i, r in enumerate(rows)}
    clf = S.SafetyClassifier(embed=lambda t: known[t] if t in known else B.embed_query(t),
                             rows=[rows[i] for i in np.where(keep)[0]], embedded=vectors[keep])
    memo: dict[str, dict[str, float]] = {}
    scores = clf.scores
    clf.scores = lambda text: memo[text] if text in memo else memo.setdefault(text, scores(text))  # type: ignore
    return clf


def figures(models: dict[str, S.SafetyClassifier], rows: list[dict[str, str]], source: np.ndarray,
            full: S.SafetyClassifier, ordinary: list[str]) -> dict[str, float]:
    """Held-out rates over all left-out banks, and what ordinary questions get."""
    tally: dict[str, list[int]] = {}

    def count(name: str, hit: bool) -> None:
        for key in (name, f"{name}[{bank.removeprefix('safety_exemplars_').removesuffix('.jsonl')}]"):
            t = tally.setdefault(key, [0, 0])
            t[0] += hit
            t[1] += 1

    names = _names()
    for bank, clf in models.items():
        for i in np.where(source == bank)[0]:
            label = rows[i]["label"]
            v = clf.classify(rows[i]["text"], names)
            if label.startswith("crisis"):
                count("crisis_lines", v.category == "crisis" or v.check_in)
                count("crisis_referral", v.category == "crisis")
                if v.category == "crisis":  # the referral is written for who is at risk: the writer or another
                    count("crisis_speaker", v.speaker == label.removeprefix("crisis_"))
            elif label == "in_scope":
                count("in_scope_refused", v.category != "in_scope")
                count("in_scope_check_in", v.category == "in_scope" and v.check_in)
            elif label in ("injection", "off_topic"):
                count(f"{label}_refused", v.category in ("injection", "off_topic"))
            elif label in ("medical", "legal"):
                count(f"{label}_referred", v.category == label)
    out = {k: round(a / b, 4) for k, (a, b) in tally.items()}
    verdicts = [full.classify(q, names) for q in ordinary]
    out["ordinary_refused"] = sum(v.category != "in_scope" for v in verdicts)
    out["ordinary_check_in"] = sum(v.check_in for v in verdicts)
    out["ordinary_n"] = len(verdicts)
    return dict(sorted(out.items()))


def main(settings: list[str]) -> None:
    """Print the held-out figures for the shipped settings, then for each ``NAME=VALUE[,NAME=VALUE]`` given."""
    rows, vectors, source = _bank()
    models = {bank: _train(rows, vectors, source != bank) for bank in HELD_OUT}
    full = _train(rows, vectors, np.ones(len(rows), dtype=bool))
    ordinary = [q["question"] for q in map(json.loads, (ROOT / "eval" / "situations.jsonl").read_text().splitlines())
                if q["split"] == "dev"]
    ordinary += [q["question"] for q in map(json.loads, (ROOT / "eval" / "inscope_dev.jsonl").read_text().splitlines())]
    print("shipped", figures(models, rows, source, full, ordinary), flush=True)
    for spec in settings:
        changes = dict(kv.split("=") for kv in spec.split(","))
        before = {k: getattr(S, k) for k in changes}
        for k, v in changes.items():
            setattr(S, k, float(v))
        print(spec, figures(models, rows, source, full, ordinary), flush=True)
        for k, v in before.items():
            setattr(S, k, v)


if __name__ == "__main__":
    main(sys.argv[1:])
