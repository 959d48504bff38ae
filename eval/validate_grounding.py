"""Validate eval/grounding.jsonl: python eval/validate_grounding.py [path]. Exit 1 on any error."""
import collections
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PATH = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "grounding.jsonl"
FIELDS = {"id", "sentence", "passage", "language", "supported", "type", "split"}
SUPPORTED = {"paraphrase", "quote", "colon_framing", "summary", "cross_language"}
UNSUPPORTED = {"quote_wrapping", "colon_framing_bad", "negation", "contradiction", "exaggeration",
               "overlap_unrelated", "wrong_attribution"}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(QUOTES)).strip().casefold()


def body(text: str) -> str:
    return text.split("---", 2)[2] if text.startswith("---") else text


sources = {}  # file -> normalised body
for f in sorted((ROOT / "knowledge").rglob("*.md")):
    sources[f.relative_to(ROOT).as_posix()] = norm(body(f.read_text(encoding="utf-8")))

errors, rows = [], []
for n, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: bad JSON ({e})")
        continue
    if set(r) != FIELDS:
        errors.append(f"line {n}: fields {sorted(set(r) ^ FIELDS)} missing or extra")
        continue
    if r["id"] != f"g{n:03d}":
        errors.append(f"line {n}: id {r['id']} out of order")
    if r["language"] not in ("en", "nl"):
        errors.append(f"{r['id']}: language {r['language']!r}")
    if r["split"] not in ("dev", "test"):
        errors.append(f"{r['id']}: split {r['split']!r}")
    if r["type"] not in SUPPORTED | UNSUPPORTED:
        errors.append(f"{r['id']}: type {r['type']!r}")
    elif r["supported"] is not (r["type"] in SUPPORTED):
        errors.append(f"{r['id']}: supported={r['supported']} does not fit type {r['type']}")
    if not 60 <= len(r["passage"]) <= 900:
        errors.append(f"{r['id']}: passage length {len(r['passage'])}")
    hits = [f for f, t in sources.items() if norm(r["passage"]) in t]
    if not hits:
        errors.append(f"{r['id']}: passage not found verbatim under knowledge/")
    elif not any(f.startswith(("knowledge/article/", "knowledge/related/")) for f in hits):
        errors.append(f"{r['id']}: passage not from an article or related document: {hits}")
    words = len(r["sentence"].split())
    if not 8 <= words <= 45:
        errors.append(f"{r['id']}: sentence has {words} words")
    if not re.search(r"\[\d+\]", r["sentence"]):
        errors.append(f"{r['id']}: no citation marker")
    # every quotation inside a sentence must be verbatim from the passage
    for q in re.findall(r"[“„\"‘]([^”\"’]{4,})[”\"’]", r["sentence"]):
        if norm(q).rstrip(".,") not in norm(r["passage"]):
            errors.append(f"{r['id']}: quotation not verbatim in passage: {q[:60]}")
    r["_plang"] = hits[0].rsplit(".", 2)[-2] if hits else "?"
    rows.append(r)

ids = [r["id"] for r in rows]
sentences = [norm(r["sentence"]) for r in rows]
if len(set(sentences)) != len(sentences):
    errors.append("duplicate sentences")
distinct = {norm(r["passage"]) for r in rows}
if len(rows) < 240:
    errors.append(f"only {len(rows)} lines (need 240)")
if len(distinct) < 60:
    errors.append(f"only {len(distinct)} distinct passages (need 60)")

by_type = collections.Counter(r["type"] for r in rows)
print(f"{len(rows)} lines, {len(distinct)} distinct passages")
print(f"{'type':20} {'n':>4} {'en':>4} {'nl':>4} {'dev':>4} {'test':>4} {'xlang':>5}")
for t in sorted(SUPPORTED) + sorted(UNSUPPORTED):
    rs = [r for r in rows if r["type"] == t]
    c = collections.Counter(x for r in rs for x in (r["language"], r["split"]))
    x = sum(r["language"] != r["_plang"] for r in rs)
    print(f"{t:20} {len(rs):4} {c['en']:4} {c['nl']:4} {c['dev']:4} {c['test']:4} {x:5}")
    if not rs:
        errors.append(f"no lines of type {t}")
    elif abs(c["dev"] - c["test"]) > 2:
        errors.append(f"{t}: split unbalanced ({c['dev']} dev / {c['test']} test)")
lab = collections.Counter((r["supported"], r["language"], r["split"]) for r in rows)
for s in (True, False):
    cells = [f"{lg}/{sp}={lab[(s, lg, sp)]}" for lg in ("en", "nl") for sp in ("dev", "test")]
    print(f"supported={s}: " + ", ".join(cells))
xl = sum(r["language"] != r["_plang"] for r in rows)
print(f"cross-language pairs: {xl}; passages by language: "
      f"{dict(collections.Counter(r['_plang'] for r in rows))}")
share = sum(r["supported"] for r in rows) / len(rows)
if not 0.4 <= share <= 0.6:
    errors.append(f"supported share {share:.2f}")
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)
