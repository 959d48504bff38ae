"""The benchmark's corpus: the real knowledge base grown to a given number of chunks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from assistant.config import Settings


def shipped_vectors_dir(corpus: Path) -> Path:
    """Where grow_corpus keeps the knowledge base's shipped passage vectors, outside the corpus it builds cold."""
    return corpus.parent / f"{corpus.name}-shipped-vectors"


def grow_corpus(settings: Settings, size: int, out_dir: Path, seed: int = 11) -> int:
    """Write ``size`` chunks as Markdown: the real knowledge base plus passages recombined from its sentences.

    Each grown passage keeps one language and has a distinct text. Returns the number of chunks written.
    """
    from assistant.chunking import chunk_document
    from assistant.loading import find_files, load_document
    from assistant.text import sentences

    files, _ = find_files([settings.knowledge_dir])
    docs = [load_document(f) for f in files if f.suffix == ".md"]
    real = [c for d in docs for c in chunk_document(d, settings.chunk_chars)]
    out_dir.mkdir(parents=True, exist_ok=True)
    for d, f in zip(docs, files, strict=False):
        shutil.copyfile(f, out_dir / f"{d.doc_id}.md")
    # The router's example-question vectors ship with the knowledge base; they are not part of the index build
    # being measured (passage vectors are not copied: cold builds embed every passage).
    for seed_file in settings.knowledge_dir.glob(".embeddings-*-query.npz"):
        shutil.copyfile(seed_file, out_dir / seed_file.name)
    # The passage vectors are kept aside, for timing answers as a real install gives them (see _ours).
    aside = shipped_vectors_dir(out_dir)
    aside.mkdir(parents=True, exist_ok=True)
    for seed_file in settings.knowledge_dir.glob(".embeddings-*.npz"):
        if not seed_file.name.endswith("-query.npz"):
            shutil.copyfile(seed_file, aside / seed_file.name)
    pool: dict[str, list[str]] = {"en": [], "nl": []}
    for c in real:
        pool[c.metadata["language"]].extend(s for s in sentences(c.text) if len(s) > 40)
    rng = random.Random(seed)
    remaining = max(0, size - len(real))
    seen: set[str] = set()
    per_file = 50
    n_file = 0
    while remaining > 0:
        lang = "nl" if n_file % 2 else "en"
        paras: list[str] = []
        while len(paras) < min(per_file, remaining):
            text = " ".join(rng.sample(pool[lang], rng.randint(2, 4)))
            if text not in seen:
                seen.add(text)
                paras.append(text)
        body = "\n\n".join(paras)
        (out_dir / f"grown-{n_file:05d}.md").write_text(
            f"---\nid: grown-{n_file:05d}\ntitle: Grown passages {n_file}\nlanguage: {lang}\nkind: user\n"
            f"---\n\n{body}\n", encoding="utf-8")
        remaining -= len(paras)
        n_file += 1
    return size if size >= len(real) else len(real)
