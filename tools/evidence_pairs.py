"""Write every step and the sentence that backs it, for one split of eval/situations.jsonl, to judge them by hand.

The pairs are what ``assistant.evidence`` chose (embeddings close, specific words shared). Compare two versions by
running this with each and diffing the files; ``SHARED_IDF_MIN`` was chosen so on the dev split.

    OMP_NUM_THREADS=1 python tools/evidence_pairs.py dev /tmp/pairs_dev.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(split: str = "dev", out: str = "evidence_pairs.json") -> None:
    """Answer every question of ``split`` and write its (question id, step, evidence, similarity) rows to ``out``."""
    from assistant.service import Assistant

    assistant = Assistant()
    rows = [json.loads(line) for line in Path("eval/situations.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pairs = []
    for row in (r for r in rows if r.get("split") == split):
        for item in assistant.ask(row["question"], row.get("history") or []).advice:
            if item.get("evidence"):
                pairs.append({"id": row["id"], "step": item["step"], "evidence": item["evidence"]["text"],
                              "similarity": item["evidence"]["similarity"]})
    Path(out).write_text(json.dumps(pairs, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(pairs)} step-evidence pairs, {len({(p['step'], p['evidence']) for p in pairs})} distinct -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
