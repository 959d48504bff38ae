"""What every handler of the web app works with: the assistant, where conversations are kept, and who is asking."""

from dataclasses import dataclass
from typing import Any

from assistant.access import LOCAL, Principal
from assistant.errors import PermissionDeniedError
from assistant.storage import Storage
from assistant.webapp_copy import MESSAGES


def principal_for(assistant: Any, request: Any, authenticator: Any = None) -> Principal:
    """The person behind a request: the signed-in user with their role, or the local user without sign-in."""
    if not assistant.settings.users:
        return LOCAL
    name = str(getattr(request, "username", "") or "") if request is not None else ""
    if not name:
        raise PermissionDeniedError(MESSAGES["sign_in"])
    return Principal(name, authenticator is not None and authenticator.role(name) == "admin")


@dataclass(frozen=True)
class WebContext:
    """The assistant behind the page, the storage of conversations and plans, and the sign-in (if any)."""

    assistant: Any
    storage: Storage
    authenticator: Any = None

    def who(self, request: Any) -> Principal:
        """The person behind ``request`` (see ``principal_for``)."""
        return principal_for(self.assistant, request, self.authenticator)
