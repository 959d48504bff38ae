"""Conversation history: normalising turns and making follow-up questions standalone."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from assistant.text import STOPWORDS, words


class Turn(TypedDict):
    """One turn of a conversation as the library API takes it."""

    role: str  # "user" or "assistant"
    content: str


# What ``Assistant.ask`` accepts as history: turns ({role, content}, the content text or a list of text blocks as
# Gradio sends it) or [question, answer] pairs. It comes from outside, so ``validation.validate_history`` checks it.
History = Sequence[Turn] | Sequence[Mapping[str, Any]] | Sequence[Sequence[str]] | None

_CONNECTIVE = re.compile(
    r"^(and|but|so|what if|what about|how about|then|also|ok|okay|en|maar|dus|wat als|en als|"
    r"hoe zit het|stel dat|ook|oké)\b", re.IGNORECASE)
# A reaction to the previous answer opens the next turn ("sounds good, but when do I start?", "klinkt goed, maar …",
# "fine, but one of them …", "I did exactly that and he said no"), however long the rest is.
_REACTION = re.compile(
    r"^(?!.{0,120}\b(iets anders|ander onderwerp|andere vraag|ander punt|another thing|something else|"
    r"a different (question|issue|topic|matter)|another (question|issue|topic|matter)|new (question|issue|topic)|"
    r"separately|los daarvan|nieuwe vraag)\b)"
    r"(((honestly|frankly|seriously|really|well|hmm|nah|meh|to be honest|eerlijk gezegd|eerlijk|serieus|nou|tja),? )?"
    r"((that|dat|this|dit|it|het) )?((all|allemaal) )?"
    r"(sounds|klinkt) ((dat|dit|het) )?"
    r"(like|als|a bit|wel erg|too|te) (soft|naive|naïef|wishful|woolly|fluffy|hr|theory|theorie|wollig|zacht)\b"
    r"|((that|dat|this|dit|it|het) )?((all|allemaal) )?(sounds|klinkt)( \w+){0,2} (good|nice|great|fine|logical|"
    r"reasonable|helpful|sensible|logisch|goed|mooi|prima|leuk|aardig|interessant|redelijk|nuttig|zinnig)\b"
    r"|(fine|right|sure|alright|all right|got it|understood|makes sense|that makes sense|clear|i see|i get (it|that)|"
    r"helder|prima|duidelijk|goed|snap ik|dat snap ik|begrijpelijk|oké|ok|okay)\s*[,.!:;]?\s*(but|maar|though|"
    r"alleen)\b"
    r"|((ok|okay|oké|so) )?(so )?(i|ik|we) (did|tried|have tried|'ve tried|followed) (exactly |just )?(that|this|it|"
    r"what you (said|suggested)|your advice)\b|((ok|oké|dus) )?(ik heb|we hebben|wij hebben) (dat|het|dit|je advies)"
    r"( \w+)? (gedaan|geprobeerd|gevolgd)\b"
    # a report back on the talk the advice was about: "asked her. she said no", "heb hem gesproken, hij wil niet"
    # (and told in a few words: "I asked them about next year's planning …" opens a subject of its own)
    r"|((ok|okay|oké|so|dus) )?(i )?(asked|talked to|spoke to|spoke with|raised it with|confronted) (him|her|them)\b"
    r"(?=[^.?!,;:]{0,20}[.?!,;:]|\s+(and|but) (he|she|they)\b)"
    r"|((ok|oké|dus) )?(ik )?(heb )?(hem|haar|ze|het) (gevraagd|gesproken|aangesproken|voorgelegd)\b"
    r"(?=[^.?!,;:]{0,20}[.?!,;:]|\s+(en|maar) (hij|zij|ze)\b))", re.IGNORECASE)
# A thank-you opens the next step of the same conversation when the rest points back ("thanks, could you write out
# how I start that talk with them?"), unless it opens another question.
_THANKS = re.compile(
    r"^(thanks|thank you|bedankt|dankjewel|dank je)( (so|very) much| wel)?[.!,]"
    r"(?!.{0,40}\b(another|a different|a new|een andere|nog een|een nieuwe) \w+)",
    re.IGNORECASE)
# Words that point back at something said earlier. Dutch "het", "die", "dat" are also articles and determiners,
# so they count only in a short question (FOLLOW_UP_MAX_WORDS).
_FOLLOW_UP = re.compile(
    r"\b(they|them|their|it|that|this|those|these|he|she|him|her|"
    r"ze|zij|hen|hun|het|dat|dit|die|deze|hem|haar|daar|daarmee|hiermee|there|such)\b",
    re.IGNORECASE,
)


def normalise_history(history: Any, max_turns: int = 6) -> list[dict[str, str]]:
    """Any accepted history shape (Gradio blocks, pairs, dicts) as ``[{role, content}]``, the last turns kept.

    Raises InvalidInputError for shapes that are not a history (see ``validation.validate_history``).
    """
    from assistant.validation import validate_history

    return validate_history(history)[-2 * max_turns :]


def content_words(text: str) -> list[str]:
    """Words that carry meaning (no stopwords)."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2]


THANKS_MAX_WORDS = 16  # ... and a longer one after a thank-you, when it points back (a new story is longer)
FOLLOW_UP_MAX_WORDS = 8  # a question with more content words than this stands on its own, pronouns or not


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns: short, opening with a connective, or a short one that points back.

    Pointing words alone do not make a long question a follow-up: it carries its own subject ("Mijn team verzet
    zich al maanden tegen het nieuwe planningssysteem …").
    """
    n = len(content_words(question))
    if n <= 4 or _CONNECTIVE.search(question) or _REACTION.search(question) \
            or (n <= THANKS_MAX_WORDS and _THANKS.search(question) and _FOLLOW_UP.search(question)):
        return True
    return n <= FOLLOW_UP_MAX_WORDS and bool(_FOLLOW_UP.search(question))


def standalone_question(question: str, history: list[dict[str, str]]) -> str:
    """Make a follow-up self-contained by carrying the topic of the earlier user turns."""
    previous = [t["content"] for t in history if t["role"] == "user"]
    if not previous or not is_follow_up(question):
        return question
    topic = previous[-1]
    if len(content_words(topic)) <= 3 and len(previous) > 1:
        topic = f"{previous[-2]} {topic}"
    return f"{question} (context: {topic[:500]})"
