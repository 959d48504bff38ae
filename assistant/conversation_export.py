"""A stored conversation as a document: titled by its first question, dated, its citations as footnotes.

The Markdown uses footnote syntax (``[^1]`` in the text, ``[^1]: …`` at the end), numbered through the whole
conversation; ``export.export_markdown`` writes it as .md, or as .docx with Word footnotes. The answers' own
sources lists are left out: the footnotes say the same, once.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from assistant.prompts import TEXT
from assistant.webapp_copy import export_label, interface_language, say

_MARKER = re.compile(r"\[(\d{1,3})\]")
_SOURCES_HEADINGS = {f"**{words['sources_heading']}**" for words in TEXT.values()}
TITLE_CHARS = 80  # a title longer than this is cut at a word and ends in "…"
STEM_CHARS = 60  # the longest file name made from a title (without the suffix)


@dataclass(frozen=True)
class ConversationDocument:
    """An exported conversation: its title and its Markdown."""

    title: str
    markdown: str

    @property
    def file_stem(self) -> str:
        """A file name for it without the suffix, made from the title ("" when the title has no letters)."""
        return file_stem(self.title)


def file_stem(title: str) -> str:
    """A safe file name from ``title``: lower-case ASCII words joined by hyphens, at most ``STEM_CHARS`` long."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text)[:STEM_CHARS].strip("-")


def _title(messages: list[dict[str, Any]]) -> str:
    first = next((" ".join(str(m["content"]).split()) for m in messages if m["role"] == "user"), "")
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _date(timestamp: float, language: str) -> str:
    t = time.localtime(timestamp)
    return f"{t.tm_mday} {export_label('months', language).split()[t.tm_mon - 1]} {t.tm_year}"


def _without_sources(answer: str) -> str:
    """The answer without its closing sources list (a bold heading followed only by "- [n] …" lines)."""
    lines = answer.rstrip().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() in _SOURCES_HEADINGS:
            if all(line.startswith("- [") or not line.strip() for line in lines[i + 1:]):
                return "\n".join(lines[:i]).rstrip()
            break
    return answer.rstrip()


def _footnote(citation: dict[str, Any]) -> str:
    """What a footnote says of a cited passage: its title, section and paragraph, and the sentence relied on."""
    title, section, paragraph = citation.get("title", ""), citation.get("section") or "", citation.get("paragraph", "")
    where = f"{title}, {section} ¶{paragraph}" if section else f"{title} ¶{paragraph}"
    sentence = " ".join(str(citation.get("sentence") or "").split())
    return where + (f": “{sentence}”" if sentence else "")


def conversation_document(messages: list[dict[str, Any]], language: str = "en",
                          when: float | None = None) -> ConversationDocument:
    """The stored turns ``messages`` (``UserRecords.messages``) as a document in the page's ``language``.

    ``when`` dates it (default: now). A stopped answer keeps what had arrived, marked as stopped; its markers
    point at no passage and stay as they are.
    """
    language = interface_language(language)
    title = _title(messages) or export_label("heading", language)
    lines = [f"# {title}", "", f"*{export_label('subtitle', language)} · {_date(when or time.time(), language)}*", ""]
    notes: list[str] = []
    for m in messages:
        if m["role"] == "user":
            lines += [f"**{export_label('user', language)}:** {str(m['content']).strip()}", ""]
            continue
        answer = m.get("answer") or {}
        text = str(m["content"])
        if answer.get("stopped"):
            text = f"{text.strip()}\n\n*{say('stopped', language)}*".strip()
        else:
            by_marker = {int(c["marker"]): c for c in answer.get("citations") or []}
            numbers: dict[int, int] = {}

            def footnote_ref(match: re.Match[str], by_marker: dict[int, Any] = by_marker,
                             numbers: dict[int, int] = numbers) -> str:
                marker = int(match.group(1))
                if marker not in by_marker:
                    return match.group(0)
                if marker not in numbers:
                    notes.append(_footnote(by_marker[marker]))
                    numbers[marker] = len(notes)
                return f"[^{numbers[marker]}]"

            text = _MARKER.sub(footnote_ref, _without_sources(text))
        lines += [f"**{export_label('assistant', language)}:**", "", text, ""]
    lines += [f"[^{n}]: {note}" for n, note in enumerate(notes, 1)]
    return ConversationDocument(title, "\n".join(lines).rstrip() + "\n")
