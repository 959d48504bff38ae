"""Earlier conversations and plans in the web app: the lists a person picks from, and what reopening one shows.

Kept apart from the page layout (``webapp.py``) so it can be tested without a browser: the storage seam holds
the turns, this module turns them back into chat messages, citation links and the passage panel.
"""

from __future__ import annotations

import time
from typing import Any

from assistant.rendering import escape_text, passage_html, render_answer, render_stopped
from assistant.user_records import UserRecords
from assistant.webapp_copy import KINDS, say

# The months as the lists show them, in each interface language (not the server's locale).
MONTHS = {"en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
          "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec".split()}


def when(timestamp: float, now: float | None = None, language: str = "en") -> str:
    """A date as people read it: the time for today, the day and month this year, else with the year."""
    now = time.time() if now is None else now
    t, n = time.localtime(timestamp), time.localtime(now)
    if t.tm_year == n.tm_year and t.tm_yday == n.tm_yday:
        return time.strftime("%H:%M", t)
    day = f"{t.tm_mday} {MONTHS.get(language, MONTHS['en'])[t.tm_mon - 1]}"
    return day if t.tm_year == n.tm_year else f"{day} {t.tm_year}"


def choices(records: UserRecords, user: str, now: float | None = None, language: str = "en") -> list[tuple[str, str]]:
    """(label, id) for every conversation of ``user`` with a stored turn, newest first; the label: date and title.

    A conversation whose first answer failed has no turn to show, so it is not listed (a stopped one is kept).
    """
    return [(f"{when(c['updated'], now, language)} · {c['title'] or '…'}", c["id"])
            for c in records.conversations(user, answered_only=True)]


def reopen(records: UserRecords, conversation_id: str, user: str, language: str = "en"
           ) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    """A stored conversation as the chat shows it: its messages, the app state and the passage panel HTML.

    The panel names the kinds of document in the page's ``language``; a stopped answer shows what had arrived,
    marked as stopped in that language.

    Nothing comes back for a conversation that is not ``user``'s (an empty chat and state).
    """
    chat: list[dict[str, Any]] = []
    cited: list[tuple[int, list[dict[str, Any]]]] = []
    for m in records.messages(conversation_id, user):
        if m["role"] == "user":
            chat.append({"role": "user", "content": escape_text(m["content"])})
            continue
        turn = (len(chat) + 1) // 2  # numbered as the live chat numbers its answers
        answer = m.get("answer") or {}
        if answer.get("stopped"):
            chat.append({"role": "assistant", "content": render_stopped(m["content"], say("stopped", language))})
            continue
        chat.append({"role": "assistant", "content": render_answer(answer.get("answer") or m["content"], turn)})
        if answer.get("citations"):
            cited.insert(0, (turn, answer["citations"]))
    if not chat:
        return [], {}, ""
    state = {"cid": conversation_id, "citations": cited}
    return chat, state, passage_panel(cited, language)


def passage_panel(cited: list[tuple[int, list[dict[str, Any]]]], language: str = "en") -> str:
    """The passage panel's HTML for the cited passages of each answer (newest first), kinds named in ``language``."""
    return "\n".join(passage_html(citations, turn, KINDS.get(language)) for turn, citations in cited)


def plan_choices(records: UserRecords, user: str, now: float | None = None, language: str = "en"
                 ) -> list[tuple[str, str]]:
    """(label, id) for every session plan of ``user``, newest first; the label is the date and the situation."""
    out = []
    for p in records.plans(user):
        situation = " ".join(p["situation"].split())
        shown = situation[:80] + ("…" if len(situation) > 80 else "")
        out.append((f"{when(p['created'], now, language)} · {shown}", p["id"]))
    return out


def plan(records: UserRecords, plan_id: str, user: str) -> tuple[str, str] | None:
    """A stored plan of ``user``: (the coachee's situation, the plan's Markdown), or None."""
    found = records.plan(plan_id, user)
    return (found["situation"], found["markdown"]) if found else None
