"""Conversation history: normalising turns and making follow-up questions standalone."""

from __future__ import annotations

import re
from typing import Any

from assistant.text import STOPWORDS, words

_FOLLOW_UP = re.compile(
    r"^(and|but|so|what if|what about|how about|then|also|ok|okay|en|maar|dus|wat als|en als|"
    r"hoe zit het|stel dat|ook|oké)\b|\b(they|them|their|it|that|this|those|these|he|she|him|her|"
    r"ze|zij|hen|hun|het|dat|dit|die|deze|hem|haar|daar|daarmee|hiermee|there|such)\b",
    re.IGNORECASE,
)


def normalise_history(history: Any, max_turns: int = 6) -> list[dict[str, str]]:
    """Turn any history shape (Gradio blocks, tuples, dicts) into ``[{role, content}]``, bounded."""
    turns: list[dict[str, str]] = []
    for item in history or []:
        if isinstance(item, dict):
            role, content = item.get("role"), item.get("content")
        elif isinstance(item, list | tuple) and len(item) == 2:
            # Old pair format: (user, assistant)
            if item[0]:
                turns.append({"role": "user", "content": _text(item[0])})
            if item[1]:
                turns.append({"role": "assistant", "content": _text(item[1])})
            continue
        else:
            continue
        if role in ("user", "assistant") and content:
            text = _text(content)
            if text:
                turns.append({"role": str(role), "content": text})
    return turns[-2 * max_turns :]


def _text(content: Any) -> str:
    """Content as the browser sends it (a list of blocks) or as a client sends it (a string)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, list | tuple):
        return " ".join(_text(c) for c in content).strip()
    return ""


def content_words(text: str) -> list[str]:
    """Words that carry meaning (no stopwords)."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2]


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (short, or starts/points back with a pronoun)."""
    return len(content_words(question)) <= 4 or bool(_FOLLOW_UP.search(question))


def standalone_question(question: str, history: list[dict[str, str]]) -> str:
    """Make a follow-up self-contained by carrying the topic of the earlier user turns."""
    previous = [t["content"] for t in history if t["role"] == "user"]
    if not previous or not is_follow_up(question):
        return question
    topic = previous[-1]
    if len(content_words(topic)) <= 3 and len(previous) > 1:
        topic = f"{previous[-2]} {topic}"
    return f"{question} (context: {topic[:500]})"
