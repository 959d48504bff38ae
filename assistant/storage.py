"""Conversations, feedback and session plans in SQLite: one small module, so a server DB can replace it."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, user TEXT, title TEXT,
  created REAL, updated REAL);
CREATE TABLE IF NOT EXISTS messages (conversation_id TEXT, idx INTEGER, role TEXT, content TEXT,
  answer TEXT, created REAL, PRIMARY KEY (conversation_id, idx));
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT,
  message_idx INTEGER, user TEXT, value TEXT, comment TEXT, question TEXT, answer TEXT, created REAL);
CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, user TEXT, situation TEXT, markdown TEXT,
  created REAL);
"""


class Storage:
    """Thread-safe SQLite storage for what users create in the app."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        try:
            with self._db() as db:
                db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            from assistant.manifest import sqlite_error

            raise sqlite_error(path, exc) from None

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def new_conversation(self, user: str = "", title: str = "") -> str:
        """Create a conversation and return its id."""
        cid = uuid.uuid4().hex
        now = time.time()
        with self._lock, self._db() as db:
            db.execute("INSERT INTO conversations VALUES (?,?,?,?,?)", (cid, user, title[:120], now, now))
        return cid

    def add_message(self, conversation_id: str, role: str, content: str, answer: dict[str, Any] | None = None,
                    user: str = "") -> int:
        """Append a turn; creates the conversation when it does not exist yet. Returns its index."""
        now = time.time()
        with self._lock, self._db() as db:
            row = db.execute("SELECT user FROM conversations WHERE id=?", (conversation_id,)).fetchone()
            if row is None:
                db.execute("INSERT INTO conversations VALUES (?,?,?,?,?)",
                           (conversation_id, user, content[:120], now, now))
            elif row[0] != user:
                raise PermissionError("this conversation belongs to another user")
            idx = db.execute("SELECT COALESCE(MAX(idx), -1) + 1 FROM messages WHERE conversation_id=?",
                             (conversation_id,)).fetchone()[0]
            db.execute("INSERT INTO messages VALUES (?,?,?,?,?,?)",
                       (conversation_id, idx, role, content, json.dumps(answer) if answer else None, now))
            db.execute("UPDATE conversations SET updated=? WHERE id=?", (now, conversation_id))
        return int(idx)

    def messages(self, conversation_id: str, user: str = "") -> list[dict[str, Any]]:
        """The turns of a conversation owned by ``user``."""
        with self._db() as db:
            owner = db.execute("SELECT user FROM conversations WHERE id=?", (conversation_id,)).fetchone()
            if owner is None or owner[0] != user:
                return []
            rows = db.execute("SELECT idx, role, content, answer FROM messages WHERE conversation_id=? "
                              "ORDER BY idx", (conversation_id,)).fetchall()
        return [{"idx": i, "role": r, "content": c, "answer": json.loads(a) if a else None} for i, r, c, a in rows]

    def conversations(self, user: str = "", answered_only: bool = False) -> list[dict[str, Any]]:
        """Conversations of ``user``, newest first (with ``answered_only``, those with at least one stored turn)."""
        answered = " AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)" if answered_only else ""
        with self._db() as db:
            rows = db.execute("SELECT c.id, c.title, c.updated FROM conversations c WHERE c.user=?" + answered +
                              " ORDER BY c.updated DESC", (user,)).fetchall()
        return [{"id": i, "title": t, "updated": u} for i, t, u in rows]

    def rename_conversation(self, conversation_id: str, title: str, user: str = "") -> bool:
        """Give a conversation of ``user`` a new title (at most 120 characters); False if it is not theirs."""
        title = " ".join(str(title).split())[:120]
        if not title:
            raise ValueError("A conversation needs a title; type one first.")
        with self._lock, self._db() as db:
            done = db.execute("UPDATE conversations SET title=? WHERE id=? AND user=?",
                              (title, conversation_id, user)).rowcount
        return bool(done)

    def delete_conversation(self, conversation_id: str, user: str = "") -> bool:
        """Delete a conversation of ``user`` with its turns and feedback; False if it is not theirs."""
        with self._lock, self._db() as db:
            if not db.execute("SELECT 1 FROM conversations WHERE id=? AND user=?", (conversation_id, user)).fetchone():
                return False
            db.execute("DELETE FROM messages WHERE conversation_id=?", (conversation_id,))
            db.execute("DELETE FROM feedback WHERE conversation_id=?", (conversation_id,))
            db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))
        return True

    def add_feedback(self, conversation_id: str, message_idx: int, value: str, comment: str = "",
                     question: str = "", answer: str = "", user: str = "") -> None:
        """Store a thumbs up/down (with an optional comment) on an answer."""
        with self._lock, self._db() as db:
            db.execute("INSERT INTO feedback (conversation_id, message_idx, user, value, comment, question, "
                       "answer, created) VALUES (?,?,?,?,?,?,?,?)",
                       (conversation_id, message_idx, user, value, comment[:2000], question, answer, time.time()))

    def feedback(self, value: str | None = None) -> list[dict[str, Any]]:
        """All feedback, optionally only 'up' or 'down'."""
        with self._db() as db:
            rows = db.execute("SELECT conversation_id, message_idx, user, value, comment, question, answer, "
                              "created FROM feedback" + (" WHERE value=?" if value else "") + " ORDER BY id",
                              (value,) if value else ()).fetchall()
        keys = ("conversation_id", "message_idx", "user", "value", "comment", "question", "answer", "created")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def save_plan(self, situation: str, markdown: str, user: str = "") -> str:
        """Store a session plan and return its id."""
        pid = uuid.uuid4().hex
        with self._lock, self._db() as db:
            db.execute("INSERT INTO plans VALUES (?,?,?,?,?)", (pid, user, situation, markdown, time.time()))
        return pid

    def plan(self, plan_id: str, user: str = "") -> dict[str, Any] | None:
        """One session plan of ``user``, or None when there is no such plan of theirs."""
        with self._db() as db:
            row = db.execute("SELECT id, situation, markdown, created FROM plans WHERE id=? AND user=?",
                             (plan_id, user)).fetchone()
        return dict(zip(("id", "situation", "markdown", "created"), row, strict=True)) if row else None

    def plans(self, user: str = "") -> list[dict[str, Any]]:
        """Session plans of ``user``, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT id, situation, markdown, created FROM plans WHERE user=? "
                              "ORDER BY created DESC", (user,)).fetchall()
        return [{"id": i, "situation": s, "markdown": m, "created": c} for i, s, m, c in rows]
