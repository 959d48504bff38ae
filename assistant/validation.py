"""Checks on what users type: questions must be real text of a sane length."""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InvalidQuestionError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_question(text: object, max_chars: int = 4000) -> str:
    """Return the question stripped of control characters, or raise InvalidQuestionError."""
    if not isinstance(text, str):
        raise InvalidQuestionError(
            f"A question must be text, not {type(text).__name__}. Type your question in words."
        )
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise InvalidQuestionError(
            "The question is empty. Describe your situation, for example 'My team resists change'."
        )
    if len(text) > max_chars:
        raise InvalidQuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Shorten it to the situation and what you want to know."
        )
    if not re.search(r"[^\W\d_]", text):
        raise InvalidQuestionError(
            "The question has no words in it. Describe your situation in a sentence."
        )
    return text
