"""Optional sign-in: users, roles and salted password hashes from configuration, with a lockout.

``COACH_USERS`` holds ``name:HASH[:role],...`` where HASH comes from ``coach hash-password`` and role is
``admin`` (manages the shared knowledge base) or ``user`` (the default).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass, field

from assistant.errors import ConfigError

ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
LEGACY_ITERATIONS = 200_000  # hashes written as pbkdf2$salt$hex before the iteration count was stored
ROLES = ("user", "admin")
MIN_PASSWORD_CHARS = 8


@dataclass(frozen=True)
class User:
    """A configured user: name, password hash and role."""

    name: str
    password_hash: str
    role: str = "user"

    @property
    def is_admin(self) -> bool:
        """Whether this user manages the shared knowledge base."""
        return self.role == "admin"


def hash_password(password: str, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """A ``pbkdf2_sha256$iterations$salt$hex`` hash for the ``users`` setting; empty passwords are refused."""
    if not isinstance(password, str) or not password.strip():
        raise ConfigError("The password is empty; choose one of at least 8 characters.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise ConfigError(f"The password has {len(password)} characters; use at least {MIN_PASSWORD_CHARS}.")
    salt = salt or os.urandom(16).hex()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def _verify(password: str, hashed: str) -> bool:
    parts = hashed.split("$")
    if len(parts) == 4 and parts[0] == "pbkdf2_sha256" and parts[1].isdigit():
        iterations, salt, expected = int(parts[1]), parts[2], parts[3]
    elif len(parts) == 3 and parts[0] == "pbkdf2":
        iterations, salt, expected = LEGACY_ITERATIONS, parts[1], parts[2]
    else:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return hmac.compare_digest(digest, expected)


def parse_users(spec: str) -> dict[str, User]:
    """``name:HASH[:role],...`` into users by name; malformed entries name themselves in the error."""
    users: dict[str, User] = {}
    for item in filter(None, (x.strip() for x in spec.split(","))):
        name, _, rest = item.partition(":")
        hashed, _, role = rest.partition(":")
        role = role or "user"
        well_formed = (hashed.count("$") == 3 and hashed.startswith("pbkdf2_sha256$")) or (
            hashed.count("$") == 2 and hashed.startswith("pbkdf2$"))
        if not name or not well_formed:
            raise ConfigError(f"COACH_USERS entry {item[:40]!r} must look like name:HASH or name:HASH:admin "
                              "(make HASH with: coach hash-password)")
        if role not in ROLES:
            raise ConfigError(f"COACH_USERS entry for {name!r} has unknown role {role!r}; "
                              f"use one of {', '.join(ROLES)}")
        if name in users:
            raise ConfigError(f"COACH_USERS names {name!r} twice")
        users[name] = User(name, hashed, role)
    return users


@dataclass
class Lockout:
    """Failed sign-ins per user name: after ``limit`` failures, a wait that doubles up to ``max_wait`` seconds."""

    limit: int = 5
    base_wait: float = 30.0
    max_wait: float = 900.0
    clock: object = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def blocked_for(self, name: str) -> float:
        """Seconds before ``name`` may try again (0 when not locked out)."""
        with self._lock:
            count, last = self._failures.get(name, (0, 0.0))
        if count < self.limit:
            return 0.0
        wait = min(self.max_wait, self.base_wait * 2 ** (count - self.limit))
        return max(0.0, last + wait - self._now())

    def failed(self, name: str) -> None:
        """Record a failed attempt."""
        with self._lock:
            count, _ = self._failures.get(name, (0, 0.0))
            self._failures[name] = (count + 1, self._now())

    def succeeded(self, name: str) -> None:
        """Forget earlier failures."""
        with self._lock:
            self._failures.pop(name, None)


class Authenticator:
    """Checks a name and password in constant time whether or not the name exists, with a lockout."""

    def __init__(self, users: dict[str, User], lockout: Lockout | None = None) -> None:
        self.users = users
        self.lockout = lockout or Lockout()
        # Unknown names are checked against this hash, so they cost as much time as known ones.
        self._dummy = hash_password(os.urandom(12).hex())

    def __call__(self, username: str, password: str) -> bool:
        """True when the password matches; False for unknown users, wrong passwords and locked-out names."""
        name = str(username or "")[:200]
        user = self.users.get(name)
        ok = _verify(str(password or ""), user.password_hash if user else self._dummy) and user is not None
        if self.lockout.blocked_for(name) > 0:
            return False
        if ok:
            self.lockout.succeeded(name)
        else:
            self.lockout.failed(name)
        return ok

    def role(self, username: str) -> str:
        """The role of a signed-in user ('user' for unknown names)."""
        user = self.users.get(username)
        return user.role if user else "user"


def make_auth(spec: str) -> Authenticator:
    """A Gradio auth callable for the configured users."""
    return Authenticator(parse_users(spec))
