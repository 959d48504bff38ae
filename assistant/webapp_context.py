"""What every handler of the web app works with: the assistant, who is asking, in which language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class WebContext:
    """The assistant behind the page (answers, knowledge, people's conversations and plans) and the sign-in."""

    assistant: Assistant
    authenticator: Any = None

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
