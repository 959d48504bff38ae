"""What every handler of the web app works with: the assistant, who is asking, in which language."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.access import LOCAL, Principal
from assistant.errors import PermissionDeniedError
from assistant.webapp_copy import LANGUAGE_COOKIE, interface_language, say

if TYPE_CHECKING:
    from assistant.service import Assistant

# A part of the page the server writes again when the page's language changes: (handler, inputs, outputs).
Rewrite = tuple[Callable[..., Any], Any, Any]


def page_language(request: Any) -> str:
    """The interface language of the page behind ``request`` (its cookie); English for an API caller without one."""
    try:
        cookies = getattr(request, "cookies", None) if request is not None else None
        return interface_language((cookies or {}).get(LANGUAGE_COOKIE))
    except (AttributeError, TypeError):  # a request without HTTP details (a direct call, a test)
        return "en"


def principal_for(assistant: Any, request: Any, authenticator: Any = None) -> Principal:
    """The person behind a request: the signed-in user with their role, or the local user without sign-in."""
    if not assistant.settings.users:
        return LOCAL
    name = str(getattr(request, "username", "") or "") if request is not None else ""
    if not name:
        raise PermissionDeniedError(say("sign_in", page_language(request)))
    return Principal(name, authenticator is not None and authenticator.role(name) == "admin")


class AnswersInProgress:
    """The answer streaming into each page (by Gradio session), so that what cancels it can wait for its end.

    Gradio cancels an answer by cancelling its task and then closing its generator; the handler that cancelled it
    (New, Stop, Delete) runs meanwhile, and could write the page's state before a step of the old answer already
    under way writes the old conversation back. Waiting until the generator has closed keeps them in order.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ends: dict[str, threading.Event] = {}

    def begin(self, session: str) -> threading.Event:
        """Note that an answer starts streaming into ``session``; set the event returned when it ends."""
        ended = threading.Event()
        with self._lock:
            self._ends[session] = ended
        return ended

    def end(self, session: str, ended: threading.Event) -> None:
        """Note that the answer ``begin`` returned ``ended`` for has ended (closed, finished or failed)."""
        ended.set()
        with self._lock:
            if self._ends.get(session) is ended:
                del self._ends[session]

    def wait(self, session: str, timeout: float = 10.0) -> bool:
        """Wait until no answer streams into ``session`` (at most ``timeout`` seconds); False if one still does."""
        with self._lock:
            ended = self._ends.get(session)
        return ended is None or ended.wait(timeout)


def session_of(request: Any) -> str:
    """The Gradio session of the page behind ``request`` ("" for an API call or a direct one)."""
    return str(getattr(request, "session_hash", "") or "")


@dataclass(frozen=True)
class WebContext:
    """The assistant behind the page (answers, knowledge, conversations, plans), the sign-in, the answers streaming."""

    assistant: Assistant
    authenticator: Any = None
    answers: AnswersInProgress = field(default_factory=AnswersInProgress)

    def who(self, request: Any) -> Principal:
        """The person behind ``request`` (see ``principal_for``)."""
        return principal_for(self.assistant, request, self.authenticator)

    def language(self, request: Any) -> str:
        """The interface language of the page behind ``request`` (see ``page_language``)."""
        return page_language(request)

    def refuse(self, key: str, request: Any) -> Exception:
        """The error dialog for message ``key``, in the language of the page behind ``request`` (its title too)."""
        import gradio as gr

        language = self.language(request)
        return gr.Error(say(key, language), title=say("error_title", language))
