"""Checks on what users type: questions must be real text of a sane length."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from assistant.errors import InvalidInputError, InvalidQuestionError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_HISTORY_TURNS = 200  # more than any conversation the app keeps; older turns are dropped anyway
MAX_TURN_CHARS = 50_000


def clean_question(text: object, max_chars: int = 4000) -> str:
    """Return the question stripped of control characters, or raise InvalidQuestionError."""
    if not isinstance(text, str):
        raise InvalidQuestionError(
            f"A question must be text, not {type(text).__name__}. Type your question in words.", "not_text"
        )
    # Lone surrogates (from a broken client or a JSON "\\ud800") cannot be encoded: drop them.
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", _SURROGATE.sub("", text)))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise InvalidQuestionError(
            "The question is empty. Describe your situation, for example 'My team resists change'.", "empty"
        )
    if len(text) > max_chars:
        raise InvalidQuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Shorten it to the situation and what you want to know.", "too_long", n=len(text), limit=max_chars
        )
    if not re.search(r"[^\W\d_]", text):
        raise InvalidQuestionError(
            "The question has no words in it. Describe your situation in a sentence.", "no_words"
        )
    return text


def turn_text(content: Any, where: str) -> str:
    """Text of one turn's content: a string, or a list of {type: text, text} blocks as the browser sends."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        value = content.get("text", content.get("value", ""))
        if isinstance(value, str):
            return value
        raise InvalidInputError(f"{where}: a content block must hold text, not {type(value).__name__}")
    if isinstance(content, list):
        parts = []
        for block in content[:50]:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict) and isinstance(block.get("text", ""), str):
                if block.get("type", "text") == "text":
                    parts.append(block.get("text", ""))
                # files and images in a history are ignored: the assistant reads text only
            else:
                raise InvalidInputError(f"{where}: content blocks must be text blocks, not nested "
                                        f"{type(block).__name__}s")
        return " ".join(p for p in parts if p)
    if content is None:
        return ""
    raise InvalidInputError(f"{where}: content must be text, not {type(content).__name__}")


def validate_history(history: Any) -> list[dict[str, str]]:
    """A conversation history as ``[{role, content}]`` with text content, or InvalidInputError saying what is wrong.

    Accepted: a list of {role, content} turns (content a string or a list of text blocks) or of
    [user, assistant] pairs; None or an empty list. Anything else (a number, a string, deep nesting)
    is refused with a sentence, never a traceback.
    """
    if history is None or history == () or history == "":
        return []
    if not isinstance(history, list | tuple):
        raise InvalidInputError(f"The history must be a list of turns like [{{\"role\": \"user\", \"content\": "
                                f"\"...\"}}], not {type(history).__name__}.")
    if len(history) > MAX_HISTORY_TURNS:
        raise InvalidInputError(f"The history has {len(history)} turns; the limit is {MAX_HISTORY_TURNS}.")
    turns: list[dict[str, str]] = []
    for n, item in enumerate(history, start=1):
        where = f"history turn {n}"
        if isinstance(item, dict):
            role = item.get("role")
            if role not in ("user", "assistant", "system"):
                raise InvalidInputError(f"{where}: role must be 'user' or 'assistant', not {str(role)[:20]!r}")
            text = turn_text(item.get("content"), where)
            pairs = [(str(role), text)]
        elif isinstance(item, list | tuple) and len(item) == 2:
            pairs = [("user", turn_text(item[0], where)), ("assistant", turn_text(item[1], where))]
        else:
            raise InvalidInputError(f"{where}: each turn must be {{role, content}} or a [user, assistant] pair")
        for role, text in pairs:
            text = _SURROGATE.sub("", _CONTROL.sub(" ", text))
            if len(text) > MAX_TURN_CHARS:
                raise InvalidInputError(f"{where} has {len(text):,} characters; the limit is {MAX_TURN_CHARS:,}.")
            if role != "system" and text.strip():
                turns.append({"role": role, "content": text.strip()})
    return turns


def parse_minutes(value: Any, low: int = 15, high: int = 180) -> int:
    """A session length in whole minutes between ``low`` and ``high``, or InvalidInputError."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"The session length must be a number of minutes, not {str(value)[:20]!r}.") from None
    if number != number or number in (float("inf"), float("-inf")) or not low <= number <= high:
        raise InvalidInputError(f"The session length must be between {low} and {high} minutes.")
    return int(round(number))
