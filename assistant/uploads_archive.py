"""The upload directory in a backup: users' own documents, archived beside conversations and plans.

The index itself is not backed up: it is rebuilt from the knowledge base and these files.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from pathlib import Path

from assistant.errors import CoachError

ARCHIVE_NAME = "uploads.tar.gz"


def archive_uploads(uploads_dir: Path, out_dir: Path) -> tuple[Path, int]:
    """Write every file under ``uploads_dir`` to ``out_dir/uploads.tar.gz``; return it and the number of files."""
    target = out_dir / ARCHIVE_NAME
    count = 0
    with tarfile.open(target, "w:gz") as tar:
        if uploads_dir.is_dir():
            for path in sorted(uploads_dir.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(uploads_dir)), recursive=False)
                    count += 1
    return target, count


def check_archive(archive: Path) -> int:
    """Refuse an archive that is unreadable or holds anything but plain files at relative paths; count its files."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise CoachError(f"{archive}: not a readable upload archive ({exc}); nothing was changed.") from None
    for m in members:
        parts = Path(m.name).parts
        if not (m.isfile() or m.isdir()) or Path(m.name).is_absolute() or ".." in parts:
            raise CoachError(f"{archive}: holds {m.name!r}, which is not a plain file inside the upload directory; "
                             "nothing was changed.")
    return sum(m.isfile() for m in members)


def restore_uploads(archive: Path, uploads_dir: Path) -> int:
    """Replace the upload directory's contents with the archive's; return the number of files restored.

    The archive is unpacked beside the directory first and swapped in only when complete.
    """
    count = check_archive(archive)
    uploads_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".uploads-restore-", dir=uploads_dir.parent))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        old = uploads_dir.with_name(uploads_dir.name + ".before-restore")
        shutil.rmtree(old, ignore_errors=True)
        if uploads_dir.exists():
            uploads_dir.rename(old)
        staging.rename(uploads_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count
