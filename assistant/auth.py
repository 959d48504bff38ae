"""Optional sign-in: users and salted password hashes from configuration."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable

from assistant.errors import ConfigError


def hash_password(password: str, salt: str | None = None) -> str:
    """A ``pbkdf2$salt$hex`` hash for the ``users`` setting."""
    salt = salt or os.urandom(8).hex()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 200_000).hex()
    return f"pbkdf2${salt}${digest}"


def parse_users(spec: str) -> dict[str, str]:
    """``name:pbkdf2$salt$hex,...`` into a mapping of user to hash."""
    users = {}
    for item in filter(None, (x.strip() for x in spec.split(","))):
        name, _, hashed = item.partition(":")
        if not name or hashed.count("$") != 2:
            raise ConfigError(f"COACH_USERS entry {item!r} must look like name:pbkdf2$salt$hex "
                              "(make one with: coach hash-password)")
        users[name] = hashed
    return users


def make_auth(spec: str) -> Callable[[str, str], bool]:
    """A Gradio auth callable that checks a user name and password against the configured hashes."""
    users = parse_users(spec)

    def check(username: str, password: str) -> bool:
        hashed = users.get(username)
        if hashed is None:
            return False
        _, salt, _ = hashed.split("$")
        return hmac.compare_digest(hash_password(password, salt), hashed)

    return check
