"""Turning answer text into safe HTML/Markdown for the page: every piece of text escaped, links built by us."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

_MARKER = re.compile(r"\[(\d{1,3})\]")
# Markdown that would make a link or fetch an image from text we did not write: [x](url), ![x](url), [x]: url
_MD_LINK_OPEN = re.compile(r"\]\s*\(")
_MD_REF_DEF = re.compile(r"^(\s*)\[([^\]\n]*)\]:", re.MULTILINE)


def escape_text(text: str) -> str:
    """Text shown as Markdown with no HTML and no links of its own: tags become visible text."""
    out = html.escape(str(text), quote=False)
    out = _MD_LINK_OPEN.sub(lambda m: "]\\(", out)
    out = out.replace("![", "!\\[")
    return _MD_REF_DEF.sub(lambda m: f"{m.group(1)}\\[{m.group(2)}\\]:", out)


def link_markers(escaped: str, turn: int) -> str:
    """Make every [n] of already escaped text a link to the passage panel entry of this turn."""
    return _MARKER.sub(lambda m: f'<a class="cite" href="#cite-{turn}-{m.group(1)}">[{m.group(1)}]</a>', escaped)


def render_answer(text: str, turn: int) -> str:
    """An answer for the chat: escaped, with citation links the app builds itself."""
    return link_markers(escape_text(text), turn)


def render_stopped(text: str, marker: str) -> str:
    """A stopped answer for the chat: what had arrived, escaped and without citation links, then ``marker``."""
    return f"{escape_text(text)}\n\n*{escape_text(marker)}*" if text.strip() else f"*{escape_text(marker)}*"


def passage_html(citations: list[dict[str, Any]], turn: int, kind_names: Mapping[str, str] | None = None) -> str:
    """The side panel entries for one answer's citations, the supporting sentence highlighted.

    ``kind_names`` names the kinds of document in the page's language (the kind itself where it has no name).
    """
    parts = []
    for c in citations:
        body = html.escape(c["text"])
        if c.get("sentence"):
            s = html.escape(c["sentence"])
            body = body.replace(s, f"<mark>{s}</mark>", 1)
        trans = f"<p><em>{html.escape(c['translation'])}</em></p>" if c.get("translation") else ""
        section = html.escape(c["section"] or "—")
        marker = int(c["marker"])
        kind = html.escape((kind_names or {}).get(c["kind"], c["kind"]))
        parts.append(
            f'<details class="passage" id="cite-{int(turn)}-{marker}" tabindex="-1">'
            f'<summary><b>[{marker}]</b> {html.escape(c["title"])}</summary>'
            f'<div class="meta">{section} · ¶{html.escape(str(c["paragraph"]))} · {kind} · '
            f'{html.escape(c["language"])}</div><p>{body}</p>{trans}</details>')
    return "\n".join(parts)


def message_text(content: Any) -> str:
    """The plain text of one chat message, whatever shape it arrives in.

    The browser sends a message's content as a list of ``{"type": "text", "text": ...}`` blocks, the API as a
    string; anything that is not text (files, components) counts as no text. Citation links become [n] again.
    """
    from assistant.errors import InvalidInputError
    from assistant.validation import turn_text

    try:
        return strip_links(turn_text(content, "message"))
    except InvalidInputError:
        return ""


def strip_links(rendered: str) -> str:
    """Rendered chat text back to plain Markdown (for exports): citation links become [n] again."""
    text = re.sub(r'<a class="cite" href="#[^"]+">(\[\d+\])</a>', r"\1", rendered)
    return html.unescape(text.replace("]\\(", "](").replace("!\\[", "!["))
