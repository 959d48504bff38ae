"""The question-set format (JSONL): loading and validation with errors that name the line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import QuestionSetError
from assistant.text import normalise_quotes

log = logging.getLogger(__name__)

KINDS = ("situational", "concept", "reflective", "coach", "follow_up", "out_of_scope", "injection", "crisis",
         "medical", "legal", "meta")
REQUIRED = ("id", "question", "language", "kind", "gold", "answerable")
OPTIONAL = ("history", "key_points", "must_not", "notes", "situations", "expect", "split",
            "framing")  # framing: who asks and how (proxy, coach, from-below, ...); for readers, not read here
LANGUAGES = ("en", "nl", "de", "fr")  # de/fr are answered in English, with a note saying so
EXPECT = ("answer", "refuse", "referral")
SPLITS = ("dev", "test")


@dataclass
class Question:
    """One evaluation question."""

    id: str
    question: str
    language: str
    kind: str
    gold: list[str]
    answerable: bool
    history: list[dict[str, str]] = field(default_factory=list)
    key_points: list[list[str]] = field(default_factory=list)
    must_not: list[dict[str, str]] = field(default_factory=list)
    line: int = 0
    situations: list[str] = field(default_factory=list)  # acceptable situation/concept ids: any one counts
    expect: str = "answer"
    split: str = ""


def jsonl_objects(path: Path, what: str = "file") -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Each non-blank line of a JSONL file as (line number, "path, line n", object).

    A missing file, invalid JSON or a line that is not an object raises QuestionSetError naming the line.
    """
    if not path.is_file():
        raise QuestionSetError(f"{path}: the {what} does not exist")
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path}, line {n}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise QuestionSetError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        _check(isinstance(obj, dict), where, "each line must be a JSON object")
        yield n, where, obj


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise QuestionSetError(f"{where}: {msg}")


def load_questions(path: Path, corpus_texts: list[str] | None = None,
                   situation_ids: set[str] | None = None) -> list[Question]:
    """Read and validate a question set (errors name the line).

    Gold quotes must occur in ``corpus_texts`` and situation ids must be among ``situation_ids`` when
    those are given.
    """
    questions: list[Question] = []
    seen: set[str] = set()
    normalised = [normalise_quotes(t) for t in corpus_texts] if corpus_texts is not None else None
    for n, where, obj in jsonl_objects(path, "question file"):
        missing = [k for k in REQUIRED if k not in obj]
        _check(not missing, where, f"missing required field(s) {', '.join(missing)}")
        where = f"{where} (question {obj['id']!r})"
        unknown = sorted(set(obj) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            log.warning("%s: unknown field(s) %s are ignored", where, ", ".join(unknown))
        _check(isinstance(obj["id"], str) and obj["id"] != "", where, "'id' must be a non-empty string")
        _check(obj["id"] not in seen, where, "duplicate id")
        seen.add(obj["id"])
        _check(isinstance(obj["question"], str) and obj["question"].strip() != "", where,
               "'question' must be non-empty text")
        _check(obj["language"] in LANGUAGES, where,
               f"unknown language {obj['language']!r}; use one of {', '.join(LANGUAGES)}")
        _check(obj["kind"] in KINDS, where, f"unknown kind {obj['kind']!r}; use one of {', '.join(KINDS)}")
        _check(isinstance(obj["gold"], list) and all(isinstance(g, str) for g in obj["gold"]), where,
               "'gold' must be a list of quotes")
        _check(isinstance(obj["answerable"], bool), where, "'answerable' must be true or false")
        history = obj.get("history") or []
        _check(isinstance(history, list) and all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant")
            and isinstance(t.get("content"), str) for t in history), where,
            "'history' must be a list of {role: user|assistant, content}")
        key_points = obj.get("key_points") or []
        _check(isinstance(key_points, list) and all(
            isinstance(k, list) and k and all(isinstance(x, str) for x in k) for k in key_points),
            where, "'key_points' must be a list of lists of alternative phrasings")
        must_not = obj.get("must_not") or []
        _check(isinstance(must_not, list) and all(
            isinstance(m, dict) and isinstance(m.get("pattern"), str) for m in must_not),
            where, "'must_not' must be a list of {pattern, reason}")
        situations = obj.get("situations") or []
        _check(isinstance(situations, list) and all(isinstance(x, str) for x in situations), where,
               "'situations' must be a list of situation ids")
        if situation_ids is not None:
            unknown_ids = [x for x in situations if x not in situation_ids]
            _check(not unknown_ids, where, f"unknown situation id(s) {', '.join(unknown_ids)}; "
                                           f"known: {', '.join(sorted(situation_ids))}")
        _check(obj.get("expect", "answer") in EXPECT, where, f"'expect' must be one of {', '.join(EXPECT)}")
        _check(obj.get("split", "dev") in SPLITS, where, f"'split' must be one of {', '.join(SPLITS)}")
        if normalised is not None:
            for quote in obj["gold"]:
                q = normalise_quotes(quote)
                _check(any(q in t for t in normalised), where,
                       f"gold quote found in no indexed document: {quote[:80]!r}")
        questions.append(Question(obj["id"], obj["question"], obj["language"], obj["kind"],
                                  obj["gold"], obj["answerable"], history, key_points, must_not, n,
                                  situations, obj.get("expect", "answer"), obj.get("split", "")))
    _check(bool(questions), str(path), "the question file is empty")
    return questions


def relevant(passage_text: str, gold: list[str]) -> bool:
    """Whether a passage contains any gold quote (casefolded, whitespace and quotes unified)."""
    text = normalise_quotes(passage_text)
    return any(normalise_quotes(g) in text for g in gold)


def to_dict(q: Question) -> dict[str, Any]:
    """The question back in its JSONL form."""
    out: dict[str, Any] = {k: getattr(q, k) for k in REQUIRED}
    for k in ("history", "key_points", "must_not", "situations", "split"):
        if getattr(q, k):
            out[k] = getattr(q, k)
    return out
