"""Documents to sentence-safe chunks: heading, then paragraph, then whole sentences."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from langchain_core.documents import Document

from assistant.loading import LoadedDocument
from assistant.text import split_sentences


@dataclass
class Chunk:
    """A passage to index: its stable id, its text and everything known about where it stands."""

    id: str
    text: str
    metadata: dict[str, Any]

    def search_text(self) -> str:
        """The text that embeddings and BM25 see: title and section give a passage its context."""
        head = " — ".join(x for x in (self.metadata["title"], self.metadata["section"]) if x)
        return f"{head}\n{self.text}"

    def to_document(self) -> Document:
        """This chunk as a LangChain Document."""
        return Document(page_content=self.text, metadata=dict(self.metadata), id=self.id)


def anchor(doc_id: str, section_no: int, paragraph: int) -> str:
    """The stable address of a paragraph: document, section number, paragraph number."""
    return f"{doc_id}:{section_no}.{paragraph}"


def original_anchor(chunk: Chunk) -> str | None:
    """For a translated chunk, the anchor of the original paragraph it renders; otherwise None."""
    m = chunk.metadata
    source = m.get("translation_of")
    if m.get("kind") != "translation" or not source:
        return None
    return anchor(source, m["section_no"], m["paragraph"])


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Group whole sentences of one paragraph into spans of at most ``limit`` characters."""
    if len(text) <= limit:
        return [(0, len(text))]
    spans = split_sentences(text) or [(0, len(text))]
    groups: list[tuple[int, int]] = []
    start, end = spans[0]
    for s, e in spans[1:]:
        if e - start > limit:
            groups.append((start, end))
            start = s
        end = e
    groups.append((start, end))
    return groups


def chunk_document(doc: LoadedDocument, max_chars: int = 1200) -> list[Chunk]:
    """Split a document into chunks that never cut a sentence, each with full metadata."""
    chunks: list[Chunk] = []
    section, section_no, paragraph, offset = "", 0, 0, 0
    extra = {k: (v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False))
             for k, v in doc.meta.items()}
    seen: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind == "heading":
            section, section_no, paragraph = block.text, section_no + 1, 0
            offset += len(block.text) + 2
            continue
        paragraph += 1
        for part, (s, e) in enumerate(_pieces(block.text, max_chars), start=1):
            text = block.text[s:e]
            digest = hashlib.sha256(f"{doc.doc_id}\0{section}\0{text}".encode()).hexdigest()[:16]
            n = seen.get(digest, 0)
            seen[digest] = n + 1
            chunk_id = digest if n == 0 else f"{digest}-{n}"
            metadata: dict[str, Any] = {
                **extra,
                "doc_id": doc.doc_id,
                "title": doc.title,
                "author": doc.author,
                "section": section,
                "section_no": section_no,
                "paragraph": paragraph,
                "part": part,
                "anchor": anchor(doc.doc_id, section_no, paragraph),
                "language": doc.language,
                "kind": doc.kind,
                "source": doc.source,
                "path": doc.path,
                "start": offset + s,
                "end": offset + e,
            }
            chunks.append(Chunk(chunk_id, text, metadata))
        offset += len(block.text) + 2
    return chunks


def body_text(doc: LoadedDocument) -> str:
    """The document body that chunk offsets point into."""
    return "\n\n".join(b.text for b in doc.blocks)
