"""Thumbs-down answers from the app become candidate questions for a person to review."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.language import detect_language
from assistant.user_records import UserRecords


def export_candidates(records: UserRecords, out: Path) -> int:
    """Write thumbs-down feedback as question-set lines (gold left empty for a reviewer); return the count."""
    comments = {(f["conversation_id"], f["message_idx"]): f["comment"] for f in records.feedback("comment")}
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for f in records.feedback("down"):
            question = (f["question"] or "").strip()
            if not question:
                continue
            n += 1
            note = f["comment"] or comments.get((f["conversation_id"], f["message_idx"]), "")
            fh.write(json.dumps({
                "id": f"feedback-{n:04d}", "question": question, "language": detect_language(question).code,
                "kind": "situational", "gold": [], "answerable": True,
                "notes": f"thumbs down{': ' + note if note else ''} — review: add gold quotes or mark unanswerable",
            }, ensure_ascii=False) + "\n")
    return n
