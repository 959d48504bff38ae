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
    """The outcome of one upload: the name shown to the user, a one-line status, sentences left out."""

    name: str
    status: str
    doc_id: str = ""
    screened: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the document is now in the knowledge base."""
        return bool(self.doc_id)


def safe_name(name: str) -> str:
    """A file name with no directories, no traversal and only ordinary characters."""
    base = Path(str(name).replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "document"
    return base[:120]


def _refuse(name: str, why: str) -> UploadResult:
    return UploadResult(name, f"refused: {why}")


def accept_upload(assistant: Assistant, path: Path, original_name: str | None = None, *,
                  principal: Principal, allowed_root: Path | None = None, progress: Any = None) -> UploadResult:
    """Check, store and ingest one uploaded file for ``principal``.

    ``allowed_root`` is where an upload may come from (the web server's upload folder): any other path,
    or a symbolic link, is refused, so nobody can make the server index its own files.
    """
    name = safe_name(original_name or path.name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _refuse(name, f"unsupported file type '{suffix or '(none)'}'; use {', '.join(SUPPORTED_SUFFIXES)}")
    if path.is_symlink() or (allowed_root is not None and not is_inside(path, allowed_root)):
        return _refuse(name, "only files uploaded through this page can be added")
    if not path.is_file():
        return _refuse(name, "the file is not there any more; upload it again")
    size = path.stat().st_size
    limit = assistant.settings.max_upload_mb * 1024 * 1024
    if size == 0:
        return _refuse(name, "the file is empty (0 bytes)")
    if size > limit:
        return _refuse(name, f"{size / 1_048_576:.1f} MB is over the {assistant.settings.max_upload_mb} MB limit")
    folder = owner_folder(assistant.settings.uploads_dir, principal.upload_owner)
    folder.mkdir(parents=True, exist_ok=True)
    data = path.read_bytes()
    for existing in folder.iterdir():
        if existing.name.endswith("-" + name) and existing.read_bytes() == data:
            return UploadResult(name, "already in the knowledge base (same file); nothing changed",
                                doc_id=_doc_id_of(assistant, existing))
    # A generated name: one person's notes.md never replaces another's (or their own earlier one).
    target = folder / f"{uuid.uuid4().hex[:12]}-{name}"
    shutil.copyfile(path, target)
    report = assistant.index.ingest([target], default_kind="user", progress=progress, trusted=False,
                                    owner=principal.upload_owner)
    if report.errors or not (report.added or report.updated):
        target.unlink(missing_ok=True)  # a failed upload leaves nothing behind and loses nothing stored
        why = str(report.errors[0]).split(": ", 1)[-1] if report.errors else "nothing could be read from it"
        if "same content as" in why:
            return UploadResult(name, "already in the knowledge base (same text); nothing changed")
        return _refuse(name, why)
    doc_id = (report.added or report.updated)[0]
    screened = report.screened.get(doc_id, [])
    status = f"added ({len(assistant.index.document_chunks(doc_id))} passages)"
    if screened:
        status += (f"; {len(screened)} sentence(s) left out because they give instructions to the assistant or "
                   f"advise harming people: " + " | ".join(s[:80] for s in screened[:3]))
    return UploadResult(name, status, doc_id, screened)


def _doc_id_of(assistant: Assistant, path: Path) -> str:
    target = str(path.resolve())
    return next((d.doc_id for d in assistant.index.documents() if d.path == target), "")


def remove_upload(assistant: Assistant, doc_id: str, *, principal: Principal) -> str:
    """Remove an uploaded document (and its file) when ``principal`` owns it or is an admin."""
    docs = {d.doc_id: d for d in assistant.index.documents()}
    doc = docs.get(doc_id)
    if doc is None or not may_see(principal, doc.owner):
        return f"No document with id {doc_id!r}."
    path = Path(doc.path)
    is_upload = is_inside(path, assistant.settings.uploads_dir)
    if not may_remove(principal, doc.owner, is_upload):
        raise PermissionDeniedError(
            "The built-in knowledge base cannot be removed here; only uploaded documents can."
            if not is_upload else "Only the person who uploaded this document, or an admin, can remove it.")
    assistant.index.remove_document(doc_id)
    if is_upload:
        path.unlink(missing_ok=True)
    return f"Removed {doc.title!r}."
