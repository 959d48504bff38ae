"""Errors a user can cause, each with a message that says what was wrong and what to do."""

from __future__ import annotations


class CoachError(Exception):
    """Base class for every error the assistant reports to a user."""


class ConfigError(CoachError):
    """A setting is missing, unknown or has an invalid value."""


class LoadError(CoachError):
    """A file could not be read as a document."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InvalidQuestionError(CoachError):
    """A question is empty, too long or otherwise unusable.

    ``code`` and ``args`` name the problem for an interface that words it in its own language.
    """

    def __init__(self, message: str, code: str = "", **args: object) -> None:
        super().__init__(message)
        self.code = code
        self.args_for_message = {k: str(v) for k, v in args.items()}


class BackendError(CoachError):
    """An LLM backend could not be reached or gave no usable output."""


class UnknownNameError(CoachError):
    """A factory was asked for a name it does not know."""

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        super().__init__(f"Unknown {kind} {name!r}; choose one of: {', '.join(valid)}.")


class QuestionSetError(CoachError):
    """A question set file is malformed; the message names the line."""


class AuthError(CoachError):
    """Sign-in failed or is required."""


class InvalidInputError(CoachError):
    """A value other than the question (history, minutes, a file, a setting on a form) is unusable."""


class PermissionDeniedError(CoachError):
    """The signed-in user may not do this (for example remove a document they do not own)."""


class StoreUnavailableError(CoachError):
    """The vector store (embedded directory or Chroma server) cannot be reached or read."""


class CorruptStateError(CoachError):
    """A state file in the data directory is damaged; the message names the file and the repair command."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"{path} is damaged ({detail}). Run `coach doctor --repair` to repair the data "
                         "directory (it keeps what can be kept and says what it rebuilt).")
        self.path = path
