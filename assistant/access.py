"""Who is asking, and what they may see and change: owners of uploads and the admin role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SHARED_DIR = "shared"
USERS_DIR = "users"


@dataclass(frozen=True)
class Principal:
    """The person behind a request: a signed-in user, or the single local user when sign-in is off."""

    name: str = ""
    is_admin: bool = True  # without sign-in the one local user manages the shared uploads

    @property
    def upload_owner(self) -> str:
        """Owner recorded for this person's uploads: '' (shared) for admins and the local user."""
        return "" if self.is_admin else self.name

    @property
    def viewer(self) -> str:
        """The owner whose private documents this person may read besides the shared ones."""
        return self.name


LOCAL = Principal()


def owner_folder(uploads_dir: Path, owner: str) -> Path:
    """The folder that holds one owner's uploads ('' = the shared folder); names are hex, never paths."""
    return uploads_dir / SHARED_DIR if not owner else uploads_dir / USERS_DIR / owner.encode().hex()


def owner_of(path: Path, uploads_dir: Path) -> str:
    """The owner of a file in the uploads folder ('' for shared files and anything unrecognised)."""
    try:
        parts = path.resolve().relative_to(uploads_dir.resolve()).parts
    except ValueError:
        return ""
    if len(parts) >= 3 and parts[0] == USERS_DIR:
        try:
            return bytes.fromhex(parts[1]).decode()
        except ValueError:
            return ""
    return ""


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (resolved, links followed) lies inside ``root``: the one containment check."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def may_see(principal: Principal, owner: str) -> bool:
    """Whether a document of ``owner`` is visible to ``principal``."""
    return owner in ("", principal.name)


def may_remove(principal: Principal, owner: str, is_upload: bool) -> bool:
    """Only uploads can be removed: by their owner, or by an admin."""
    return is_upload and (principal.is_admin or (owner != "" and owner == principal.name))
