"""Documents that users add: checked, copied under a generated name in their own folder, ingested as data."""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.access import Principal, is_inside, may_remove, may_see, owner_folder
from assistant.errors import PermissionDeniedError
from assistant.loading import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from assistant.service import Assistant


@dataclass
class UploadResult:
    """The outcome of one upload: the name shown to the user, a one-line status, sentences left out.

    ``code`` and ``args`` name the outcome for an interface that words it in its own language
    (``TEXT[code].format(**args)`` is the English ``status``).
    """

    name: str
    status: str
    doc_id: str = ""
    screened: list[str] = field(default_factory=list)
    code: str = ""
    args: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the document is now in the knowledge base."""
        return bool(self.doc_id)


# Every outcome of an upload or a removal, in English (the CLI's and the API's words); the web app has them in each
# interface language under the same codes (``webapp_copy.MESSAGES``, keys ``upload_<code>`` and ``remove_<code>``).
TEXT = {
    "unsupported": "refused: unsupported file type '{suffix}'; use {supported}",
    "not_uploaded_here": "refused: only files uploaded through this page can be added",
    "gone": "refused: the file is not there any more; upload it again",
    "empty": "refused: the file is empty (0 bytes)",
    "too_large": "refused: {size} MB is over the {limit} MB limit",
    "same_file": "already in the knowledge base (same file); nothing changed",
    "same_text": "already in the knowledge base (same text); nothing changed",
    "unreadable": "refused: {why}",
    "added": "added ({passages} passages)",
    "screened": "; {n} sentence(s) left out because they give instructions to the assistant or advise harming "
                "people: {sentences}",
    "removed": "Removed {title!r}.",
    "no_document": "No document with id {doc_id!r}.",
    "builtin": "The built-in knowledge base cannot be removed here; only uploaded documents can.",
    "not_owner": "Only the person who uploaded this document, or an admin, can remove it.",
}


def _result(name: str, code: str, doc_id: str = "", **args: Any) -> UploadResult:
    return UploadResult(name, TEXT[code].format(**args), doc_id, code=code, args={k: str(v) for k, v in args.items()})


class Outcome(str):
    """A removal's English message that also carries its ``code`` and ``args`` (see ``TEXT``)."""

    code: str
    args: dict[str, str]

    def __new__(cls, code: str, **args: Any) -> Outcome:
        """The English message of ``code`` filled with ``args``, keeping both for other languages."""
        text = super().__new__(cls, TEXT[code].format(**args))
        text.code, text.args = code, {k: str(v) for k, v in args.items()}
        return text


class RemovalDenied(PermissionDeniedError):
    """A removal this person may not make; ``code`` names why (``TEXT``)."""

    def __init__(self, code: str) -> None:
        super().__init__(TEXT[code])
        self.code = code


def safe_name(name: str) -> str:
    """A file name with no directories, no traversal and only ordinary characters."""
    base = Path(str(name).replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "document"
    return base[:120]




def accept_upload(assistant: Assistant, path: Path, original_name: str | None = None, *,
                  principal: Principal, allowed_root: Path | None = None, progress: Any = None) -> UploadResult:
    """Check, store and ingest one uploaded file for ``principal``.

    ``allowed_root`` is where an upload may come from (the web server's upload folder): any other path,
    or a symbolic link, is refused, so nobody can make the server index its own files.
    """
    name = safe_name(original_name or path.name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _result(name, "unsupported", suffix=suffix or "(none)", supported=", ".join(SUPPORTED_SUFFIXES))
    if path.is_symlink() or (allowed_root is not None and not is_inside(path, allowed_root)):
        return _result(name, "not_uploaded_here")
    if not path.is_file():
        return _result(name, "gone")
    size = path.stat().st_size
    limit = assistant.settings.max_upload_mb * 1024 * 1024
    if size == 0:
        return _result(name, "empty")
    if size > limit:
        return _result(name, "too_large", size=f"{size / 1_048_576:.1f}", limit=assistant.settings.max_upload_mb)
    folder = owner_folder(assistant.settings.uploads_dir, principal.upload_owner)
    folder.mkdir(parents=True, exist_ok=True)
    data = path.read_bytes()
    for existing in folder.iterdir():
        if existing.name.endswith("-" + name) and existing.read_bytes() == data:
            return _result(name, "same_file", _doc_id_of(assistant, existing))
    # A generated name: one person's notes.md never replaces another's (or their own earlier one).
    target = folder / f"{uuid.uuid4().hex[:12]}-{name}"
    shutil.copyfile(path, target)
    report = assistant.index.ingest([target], default_kind="user", progress=progress, trusted=False,
                                    owner=principal.upload_owner)
    if report.errors or not (report.added or report.updated):
        target.unlink(missing_ok=True)  # a failed upload leaves nothing behind and loses nothing stored
        why = str(report.errors[0]).split(": ", 1)[-1] if report.errors else "nothing could be read from it"
        if "same content as" in why:
            return _result(name, "same_text")
        return _result(name, "unreadable", why=why)
    doc_id = (report.added or report.updated)[0]
    screened = report.screened.get(doc_id, [])
    result = _result(name, "added", doc_id, passages=len(assistant.index.document_chunks(doc_id)))
    if screened:
        left_out = {"n": str(len(screened)), "sentences": " | ".join(s[:80] for s in screened[:3])}
        result.status += TEXT["screened"].format(**left_out)
        result.args.update(left_out)
    result.screened = screened
    return result


def _doc_id_of(assistant: Assistant, path: Path) -> str:
    target = str(path.resolve())
    return next((d.doc_id for d in assistant.index.documents() if d.path == target), "")


def remove_upload(assistant: Assistant, doc_id: str, *, principal: Principal) -> str:
    """Remove an uploaded document (and its file) when ``principal`` owns it or is an admin."""
    docs = {d.doc_id: d for d in assistant.index.documents()}
    doc = docs.get(doc_id)
    if doc is None or not may_see(principal, doc.owner):
        return Outcome("no_document", doc_id=doc_id)
    path = Path(doc.path)
    is_upload = is_inside(path, assistant.settings.uploads_dir)
    if not may_remove(principal, doc.owner, is_upload):
        raise RemovalDenied("builtin" if not is_upload else "not_owner")
    assistant.index.remove_document(doc_id)
    if is_upload:
        path.unlink(missing_ok=True)
    return Outcome("removed", title=doc.title)
