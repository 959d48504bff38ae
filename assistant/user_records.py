"""What people keep in the assistant: their conversations, feedback and session plans, through the storage seam.

``Assistant`` takes these methods (it is a ``UserRecords``), so the web app and the CLI reach stored
conversations the way they reach answers: through the assistant's API, never by opening the storage
themselves. Every method but ``feedback`` names the person (``user``, "" without sign-in) and reads or changes only
that person's records; ``feedback`` is the operator's export of everyone's ratings (``coach feedback-export``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.storage import Storage


class UserRecords:
    """Conversations, feedback and plans of the people using the assistant, kept in the configured storage."""

    def __init__(self, settings: Settings, storage: Storage | None = None) -> None:
        self.settings = settings
        self._storage = storage
        self._storage_lock = threading.Lock()

    @property
    def storage(self) -> Storage:
        """The storage seam (``COACH_DATABASE_URL``: SQLite by default, or PostgreSQL), opened on first use."""
        with self._storage_lock:
            if self._storage is None:
                from assistant.storage import open_storage

                self._storage = open_storage(self.settings)
            return self._storage

    # -- conversations -----------------------------------------------------------------------------------
    def conversations(self, user: str = "", *, answered_only: bool = False) -> list[dict[str, Any]]:
        """``user``'s conversations (id, title, updated), newest first; ``answered_only``: those with turns."""
        return self.storage.conversations(user, answered_only=answered_only)

    def owns(self, conversation_id: str, user: str = "") -> bool:
        """Whether ``conversation_id`` is one of ``user``'s conversations."""
        return self.storage.owns(conversation_id, user)

    def messages(self, conversation_id: str, user: str = "") -> list[dict[str, Any]]:
        """The turns (idx, role, content, answer) of one of ``user``'s conversations; [] if it is not theirs."""
        return self.storage.messages(conversation_id, user)

    def new_conversation(self, user: str = "", title: str = "") -> str:
        """Start a conversation for ``user`` (its title from the first question) and return its id."""
        return self.storage.new_conversation(user, title)

    def keep_exchange(self, conversation_id: str, answer: dict[str, Any], user: str = "") -> int:
        """Store a question and its answer (``Answer.as_dict()``) as two turns of ``user``'s conversation.

        Creates the conversation when it does not exist yet; returns the question's index. Raises
        ``PermissionError`` when the conversation belongs to someone else.
        """
        return self.storage.add_exchange(conversation_id, str(answer.get("question", "")),
                                         str(answer.get("answer", "")), answer, user=user)

    def keep_stopped(self, conversation_id: str, question: str, partial: str, user: str = "") -> int:
        """Store a question whose answer was stopped, with what had arrived of it, as two turns of a conversation.

        The answer turn holds the partial text and ``{"stopped": True}``: the conversation stays whole (a follow-up
        reads the question), and whoever reopens it sees the answer was cut short. Returns the question's index.
        """
        return self.storage.add_exchange(conversation_id, question, partial,
                                         {"question": question, "answer": partial, "stopped": True}, user=user)

    def rename_conversation(self, conversation_id: str, title: str, user: str = "") -> bool:
        """Give one of ``user``'s conversations a new title; False if it is not theirs (ValueError if blank)."""
        return self.storage.rename_conversation(conversation_id, title, user)

    def delete_conversation(self, conversation_id: str, user: str = "") -> bool:
        """Delete one of ``user``'s conversations with its turns and feedback; False if it is not theirs."""
        return self.storage.delete_conversation(conversation_id, user)

    # -- feedback ------------------------------------------------------------------------------------------
    def give_feedback(self, conversation_id: str, message_idx: int, value: str, *, comment: str = "",
                      question: str = "", answer: str = "", user: str = "") -> None:
        """Keep a thumbs up/down ("up"/"down") or a "comment" on the answer at ``message_idx``, with its plain text."""
        self.storage.add_feedback(conversation_id, message_idx, value, comment, question, answer, user)

    def feedback(self, value: str | None = None) -> list[dict[str, Any]]:
        """Everyone's feedback in the order given, optionally only "up", "down" or "comment".

        For the operator (``coach feedback-export``), never for a page a user sees.
        """
        return self.storage.feedback(value)

    # -- session plans -------------------------------------------------------------------------------------
    def save_plan(self, situation: str, markdown: str, user: str = "") -> str:
        """Keep a session plan of ``user`` and return its id."""
        return self.storage.save_plan(situation, markdown, user)

    def plans(self, user: str = "") -> list[dict[str, Any]]:
        """``user``'s session plans (id, situation, markdown, created), newest first."""
        return self.storage.plans(user)

    def plan(self, plan_id: str, user: str = "") -> dict[str, Any] | None:
        """One of ``user``'s session plans, or None when there is no such plan of theirs."""
        return self.storage.plan(plan_id, user)
