"""Documents that users add: checked, stored under the data directory, ingested as data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from assistant.loading import SUPPORTED_SUFFIXES


def safe_name(name: str) -> str:
    """A file name with no directories, no traversal and only ordinary characters."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "document"
    return base[:120]


def accept_upload(assistant: Any, path: Path, original_name: str | None = None,
                  progress: Any = None) -> tuple[str, str]:
    """Check, store and ingest one uploaded file; return (name, one-line result)."""
    name = safe_name(original_name or path.name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return name, f"refused: unsupported file type '{suffix or '(none)'}'; use {', '.join(SUPPORTED_SUFFIXES)}"
    size = path.stat().st_size if path.exists() else 0
    limit = assistant.settings.max_upload_mb * 1024 * 1024
    if size == 0:
        return name, "refused: the file is empty (0 bytes)"
    if size > limit:
        return name, f"refused: {size / 1_048_576:.1f} MB is over the {assistant.settings.max_upload_mb} MB limit"
    folder = assistant.settings.uploads_dir
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists() and target.read_bytes() == path.read_bytes():
        return name, "already in the knowledge base (same file); nothing changed"
    backup = target.read_bytes() if target.exists() else None
    shutil.copyfile(path, target)
    report = assistant.index.ingest([target], default_kind="user", progress=progress)
    if report.errors:
        # Put back what was there: a failed upload loses nothing already stored.
        if backup is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(backup)
        return name, "refused: " + str(report.errors[0]).split(": ", 1)[-1]
    done = report.added or report.updated
    return name, f"added as {', '.join(done)} ({len(assistant.index.chunks())} chunks in the index)"


def remove_upload(assistant: Any, doc_id: str) -> str:
    """Remove a document from the index (and its uploaded file, if it is one)."""
    docs = {d.doc_id: d for d in assistant.index.documents()}
    if doc_id not in docs:
        return f"No document with id {doc_id!r}."
    path = Path(docs[doc_id].path)
    assistant.index.remove_document(doc_id)
    if assistant.settings.uploads_dir.resolve() in path.resolve().parents:
        path.unlink(missing_ok=True)
    return f"Removed {doc_id}."
