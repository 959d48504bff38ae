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


def stage_uploads(archive: Path, uploads_dir: Path) -> Path:
    """Unpack a checked archive into a hidden folder inside ``uploads_dir``; nothing visible changes yet.

    Staging inside the upload directory keeps the later swap on one file system (the directory may be a mount
    point shared by several machines). A failure removes what was unpacked and says so.
    """
    check_archive(archive)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=uploads_dir))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
    except (OSError, tarfile.TarError, EOFError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise CoachError(f"{archive}: could not be unpacked into {uploads_dir} ({exc}); nothing was changed.") from None
    return staging


def swap_in(staging: Path, uploads_dir: Path) -> int:
    """Replace the upload directory's contents with the staged ones; return the number of files now there.

    The directory itself stays (its mode, owner, and a mount or symbolic link pointing at it); its old entries
    are moved aside first and deleted only once the new ones are in place.
    """
    aside = Path(tempfile.mkdtemp(prefix=".before-restore-", dir=uploads_dir))
    hidden = {staging.name, aside.name}
    try:
        for entry in list(uploads_dir.iterdir()):
            if entry.name not in hidden:
                entry.rename(aside / entry.name)
        for entry in list(staging.iterdir()):
            entry.rename(uploads_dir / entry.name)
    except OSError as exc:
        for entry in list(aside.iterdir()):  # put the old files back where they were
            if not (uploads_dir / entry.name).exists():
                entry.rename(uploads_dir / entry.name)
        raise CoachError(f"{uploads_dir}: the restored files could not be moved in ({exc}); the earlier files were "
                         "put back.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(aside, ignore_errors=True)
    return sum(1 for f in uploads_dir.rglob("*") if f.is_file())


def restore_uploads(archive: Path, uploads_dir: Path) -> int:
    """Replace the upload directory's contents with the archive's; return the number of files restored."""
    return swap_in(stage_uploads(archive, uploads_dir), uploads_dir)
