"""Try router and composer constants on the dev split of eval/situations.jsonl, one line of figures per setting.

Each setting is also run over eval/inscope_dev.jsonl (222 legitimate questions written by someone who saw no project
file, many about situations no card covers): how many are refused, get a crisis check-in, or a clarifying question.

Settings are named as in ``Settings`` (``route_blend=0.7``, ``evidence_min_similarity=0.9``), module constants by
module (``steps.PUSHBACK_BONUS=0.1``); several in one setting are joined by commas. Only the dev split is scored, so
a setting chosen here can be reported on test.

    OMP_NUM_THREADS=1 python tools/routing_tune.py "" route_blend=0.7 "route_blend=0.7,steps.PUSHBACK_BONUS=0.1"

About 25 seconds per setting after the index is loaded.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from assistant.config import load_settings
from assistant.evaluation.questions import load_questions
from assistant.evaluation.routing import score_routing
from assistant.service import Assistant

ROOT = Path(__file__).resolve().parents[1]
SHOWN = ("situation@1", "situation@2", "clarify_rate", "false_refusals", "concept_cited_gold", "boilerplate",
         "steps_with_evidence", "answers_citing_article")


def _apply(setting: str) -> dict[tuple[object, str], object]:
    """Set the named module constants (``module.NAME``); return their old values."""
    old: dict[tuple[object, str], object] = {}
    for part in filter(None, setting.split(",")):
        name, value = part.split("=")
        if "." not in name:
            continue  # a setting: see _configured
        module_name, attr = name.rsplit(".", 1)
        module = importlib.import_module(f"assistant.{module_name}")
        current = getattr(module, attr)
        old[(module, attr)] = current
        parsed = value.lower() in ("1", "true", "yes") if isinstance(current, bool) else type(current)(value)
        setattr(module, attr, parsed)
    return old


def _configured(shipped: Assistant, setting: str) -> Assistant:
    """An assistant over the same index with the named settings (names without a module) changed."""
    changes = dict(part.split("=") for part in filter(None, setting.split(",")) if "." not in part.split("=")[0])
    if not changes:
        return shipped
    a = Assistant(load_settings(**changes))  # the environment's settings (data dir, ...) with these changed
    a.ensure_index()
    return a


def main(settings: list[str]) -> None:
    """Score each setting on dev and print its figures."""
    shipped = Assistant(load_settings())
    shipped.ensure_index()
    ids = set(shipped.knowledge.router().situations)
    qs = [q for q in load_questions(ROOT / "eval" / "situations.jsonl", situation_ids=ids) if q.split == "dev"]
    inscope = [json.loads(line) for line in (ROOT / "eval" / "inscope_dev.jsonl").read_text().splitlines()]
    for setting in settings or [""]:
        old = _apply(setting)
        a = _configured(shipped, setting)
        try:
            figures = score_routing(a, qs)["overall"]
            extra = _inscope(a, inscope)
        finally:
            for (module, attr), value in old.items():
                setattr(module, attr, value)
        print(f"{setting or 'shipped':<50} " + ", ".join(f"{k} {figures[k]}" for k in SHOWN) + " | inscope " +
              ", ".join(f"{k} {v}" for k, v in extra.items()), flush=True)


def _inscope(a: Assistant, questions: list[dict[str, str]]) -> dict[str, float]:
    """Refusals, check-ins and clarifying questions over legitimate questions (shares)."""
    answers = [a.ask(q["question"]) for q in questions]
    n = len(answers)
    return {"refused": round(sum(x.refused for x in answers) / n, 4),
            "check_in": round(sum(bool(x.safety.get("check_in")) for x in answers) / n, 4),
            "clarify": round(sum(x.clarify is not None for x in answers) / n, 4)}


if __name__ == "__main__":
    main(sys.argv[1:])
