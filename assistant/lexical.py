"""The lexical index: BM25 over Dutch- and English-stemmed tokens, saved beside the vectors."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def _bm25s() -> Any:
    """bm25s, with its logger back under the application's logging level (it sets its own to DEBUG)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


class LexicalIndex:
    """BM25 scores for a fixed list of chunk ids."""

    def __init__(self, model: Any, ids: list[str]) -> None:
        self.model = model
        self.ids = ids
        self._owners: np.ndarray | None = None

    @classmethod
    def build(cls, ids: list[str], tokens: list[list[str]]) -> LexicalIndex:
        """Index one token list per chunk id."""
        model = _bm25s().BM25()
        if ids:
            model.index([t or ["∅"] for t in tokens], show_progress=False)
        return cls(model, ids)

    def save(self, folder: Path, signature: str) -> None:
        """Write to ``folder`` atomically (a new folder swapped in), tagged with ``signature``."""
        if not self.ids:
            return
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.model.save(str(tmp))
        (tmp / "ids.json").write_text(json.dumps({"signature": signature, "ids": self.ids}))
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, signature: str) -> LexicalIndex | None:
        """The saved index when it matches ``signature``; None when missing, stale or damaged."""
        bm25s = _bm25s()
        ids_file = folder / "ids.json"
        if not ids_file.is_file():
            return None
        try:
            saved = json.loads(ids_file.read_text())
            if saved.get("signature") != signature:
                return None
            return cls(bm25s.BM25.load(str(folder)), list(saved["ids"]))
        except Exception as exc:  # noqa: BLE001 - a damaged derived file is rebuilt, never fatal
            log.warning("the lexical index in %s is damaged (%s); rebuilding it", folder, exc)
            return None

    def owner_mask(self, chunks: dict[str, Any], visible: list[str]) -> np.ndarray:
        """True for rows whose chunk belongs to one of the ``visible`` owners."""
        if self._owners is None:
            self._owners = np.asarray([chunks[i].metadata.get("owner", "") if i in chunks else "\0"
                                       for i in self.ids], dtype=object)
        return np.isin(self._owners, visible)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the query tokens."""
        if not self.ids or not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.model.get_scores(tokens), dtype=np.float32)
