"""Files to documents: front matter, headings and paragraphs, read with kept libraries per format."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import LoadError

SUPPORTED_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf", ".docx")
NOT_DOCUMENTS = frozenset({"readme.md", "situations.yaml"})  # files about a knowledge base, not in it
KINDS = ("article", "related", "playbook", "concept", "user", "translation")
# Front-matter keys an untrusted document (an upload, anything outside the built-in knowledge base) may set;
# everything else (kind, id, card, supports, signals, translation_of, ...) shapes advice and is ignored.
UNTRUSTED_KEYS = ("title", "author", "language")


@dataclass
class Block:
    """A heading or a paragraph of a document, in reading order."""

    kind: str  # "heading" | "paragraph"
    text: str


@dataclass
class LoadedDocument:
    """A document as read from disk: metadata plus headings and paragraphs."""

    doc_id: str
    title: str
    path: str
    language: str
    kind: str
    author: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    screened: list[str] = field(default_factory=list)  # sentences left out of an untrusted document

    @property
    def content_hash(self) -> str:
        """A hash of everything that ends up in the index for this document."""
        h = hashlib.sha256()
        h.update(repr(sorted((k, str(v)) for k, v in self.meta.items())).encode())
        for attr in (self.title, self.language, self.kind, self.author, self.source):
            h.update(attr.encode() + b"\0")
        for b in self.blocks:
            h.update(b.kind.encode() + b"\0" + b.text.encode() + b"\0")
        return h.hexdigest()


    @property
    def text_hash(self) -> str:
        """A hash of the text alone, to spot the same file added twice under another name."""
        h = hashlib.sha256()
        for b in self.blocks:
            h.update(b.text.encode() + b"\0")
        return h.hexdigest()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            path,
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as UTF-8 and try again",
        ) from None


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    m = re.match(r"---\s*\n(.*?)\n---\s*\n?", text, re.S)
    if not m:
        raise LoadError(path, "front matter starts with '---' but has no closing '---'")
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise LoadError(path, f"front matter is not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(meta, dict):
        raise LoadError(path, "front matter must be a mapping of keys to values")
    return meta, text[m.end() :]


def _blocks_from_markdown(body: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", "\n".join(para).strip()))
            para.clear()

    for raw in body.splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2).strip()))
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
    flush()
    return [b for b in blocks if b.text]


def _blocks_from_plain_text(body: str) -> list[Block]:
    """Paragraphs are separated by blank lines; a short line without end punctuation is a heading."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body):
        text = " ".join(line.strip() for line in chunk.strip().splitlines())
        if not text:
            continue
        is_heading = len(text) <= 90 and not re.search(r"[.!?:;,]$", text) and "\n" not in chunk.strip()
        blocks.append(Block("heading" if is_heading else "paragraph", text))
    return blocks


def _load_markdown(path: Path) -> tuple[dict[str, Any], list[Block]]:
    meta, body = _split_front_matter(_read_text(path), path)
    return meta, _blocks_from_markdown(body)


def _load_txt(path: Path) -> tuple[dict[str, Any], list[Block]]:
    meta, body = _split_front_matter(_read_text(path), path)
    return meta, _blocks_from_plain_text(body)


def _load_html(path: Path) -> tuple[dict[str, Any], list[Block]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "noscript"]):
        tag.decompose()
    meta: dict[str, Any] = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(strip=True)
    blocks: list[Block] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote"]):
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name.startswith("h"):
            blocks.append(Block("heading", text))
        elif not el.find_parent(["li", "blockquote"]) or el.name in ("li",):
            blocks.append(Block("paragraph", text))
    return meta, blocks


def _load_pdf(path: Path) -> tuple[dict[str, Any], list[Block]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # pypdf raises many internal error types on damaged files
        raise LoadError(path, f"not a readable PDF ({exc.__class__.__name__})") from None
    meta: dict[str, Any] = {}
    if info and info.title:
        meta["title"] = str(info.title)
    if info and info.author:
        meta["author"] = str(info.author)
    text = "\n\n".join(pages)
    # PDF text often has a line break per printed line; re-join lines that do not end a sentence.
    text = re.sub(r"(?<![.!?:\n])\n(?!\n)", " ", text)
    return meta, _blocks_from_plain_text(text)


def _check_docx_expansion(path: Path, max_bytes: int) -> None:
    """Refuse a DOCX whose XML expands far beyond the size limit (a compressed 'zip bomb')."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            expanded = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(path, f"not a readable DOCX ({exc.__class__.__name__}: {exc})") from None
    if expanded > max_bytes:
        raise LoadError(path, f"the DOCX expands to {expanded / 1_048_576:.1f} MB of content, over the "
                              f"{max_bytes / 1_048_576:.0f} MB limit; split it into smaller documents")


def _load_docx(path: Path) -> tuple[dict[str, Any], list[Block]]:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(path, f"not a readable DOCX ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # python-docx surfaces lxml and package errors for damaged files
        raise LoadError(path, f"not a readable DOCX ({exc.__class__.__name__})") from None
    meta: dict[str, Any] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    blocks = []
    for p in document.paragraphs:
        text = " ".join(p.text.split())
        if not text:
            continue
        style = (p.style.name if p.style is not None else "") or ""
        is_heading = style.lower().startswith(("heading", "kop", "title"))
        blocks.append(Block("heading" if is_heading else "paragraph", text))
    return meta, blocks


_LOADERS = {
    ".md": _load_markdown,
    ".txt": _load_txt,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}


def load_document(
    path: Path,
    *,
    root: Path | None = None,
    default_kind: str = "user",
    max_bytes: int = 20 * 1024 * 1024,
    max_chars: int = 2_000_000,
    trusted: bool = True,
) -> LoadedDocument:
    """Read one file into a LoadedDocument, or raise LoadError naming the file and the reason.

    An untrusted document (``trusted=False``) is always of kind ``user``: its front matter may only set
    title, author and language, and sentences that instruct the assistant or advise harm are left out
    (listed in ``screened``). ``max_chars`` limits the extracted text, whatever the file size.
    """
    from assistant.language import detect_language

    if not path.exists():
        raise LoadError(path, "does not exist")
    if not path.is_file():
        raise LoadError(path, "is not a file")
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        raise LoadError(
            path,
            f"unsupported file type '{suffix or '(none)'}'; supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    size = path.stat().st_size
    if size == 0:
        raise LoadError(path, "the file is empty (0 bytes)")
    if size > max_bytes:
        raise LoadError(
            path,
            f"the file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit",
        )
    if suffix == ".docx":
        _check_docx_expansion(path, max_bytes * 5)
    meta, blocks = _LOADERS[suffix](path)
    extracted = sum(len(b.text) for b in blocks)
    if extracted > max_chars:
        raise LoadError(path, f"the file holds {extracted:,} characters of text, over the {max_chars:,} limit; "
                              "split it into smaller documents")
    screened: list[str] = []
    if not trusted:
        from assistant.poison import screen_paragraph

        meta = {k: v for k, v in meta.items() if k in UNTRUSTED_KEYS}
        clean: list[Block] = []
        for b in blocks:
            text, dropped = screen_paragraph(b.text)
            screened += dropped
            if text.strip():
                clean.append(Block(b.kind, text))
        blocks = clean
    if not any(b.kind == "paragraph" for b in blocks):
        raise LoadError(path, "no text found in the file (is it a scanned image or empty?)")
    # A document whose first heading is its title: keep the title, not a section.
    title = str(meta.pop("title", "") or "")
    if blocks and blocks[0].kind == "heading" and (not title or blocks[0].text == title):
        title = title or blocks[0].text
        blocks = blocks[1:]
    relative = path.name
    if root is not None:
        try:
            relative = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            relative = path.name
    title = title or path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    kind = str(meta.pop("kind", default_kind)) if trusted else "user"
    if kind not in KINDS:
        raise LoadError(path, f"unknown kind {kind!r} in front matter; use one of {', '.join(KINDS)}")
    language = str(meta.pop("language", "") or "")
    if language not in ("en", "nl"):
        language = detect_language(" ".join(b.text for b in blocks[:20])).code
    doc_id = str(meta.pop("id", "") or _slug(str(Path(relative).with_suffix(""))))
    return LoadedDocument(
        doc_id=doc_id,
        title=title,
        path=str(path),
        language=language,
        kind=kind,
        author=str(meta.pop("author", "") or ""),
        source=str(meta.pop("source", "") or relative),
        meta=meta,
        blocks=blocks,
        screened=screened,
    )


def find_files(paths: list[Path], follow_symlinks: bool = False) -> tuple[list[Path], list[LoadError]]:
    """Expand files and folders into the files to ingest, and errors for paths that do not exist.

    Symbolic links inside folders are skipped (and reported) unless ``follow_symlinks``: a link in a
    folder of notes must not pull ``/etc/passwd`` into a searchable index.
    """
    files: list[Path] = []
    errors: list[LoadError] = []
    for p in paths:
        if p.is_symlink() and not follow_symlinks:
            errors.append(LoadError(p, "is a symbolic link; skipped (use --follow-symlinks to index its target)"))
        elif p.is_dir():
            for f in sorted(_walk(p, follow_symlinks, errors)):
                if not f.name.startswith(".") and f.name.lower() not in NOT_DOCUMENTS:
                    files.append(f)
        elif p.exists():
            files.append(p)
        else:
            errors.append(LoadError(p, "does not exist"))
    return files, errors


def _walk(folder: Path, follow_symlinks: bool, errors: list[LoadError]) -> list[Path]:
    out: list[Path] = []
    for f in folder.iterdir():
        if f.name.startswith("."):
            continue
        if f.is_symlink() and not follow_symlinks:
            errors.append(LoadError(f, "is a symbolic link; skipped (use --follow-symlinks to index its target)"))
        elif f.is_dir():
            out += _walk(f, follow_symlinks, errors)
        elif f.is_file():
            out.append(f)
    return out
