#!/usr/bin/env python3
"""Agreement between the two independent annotation passes, scored like the extractor.

    python corpus/tools/agree.py SPLIT [SPLIT ...]        figures: pass_b scored against pass_a
    python corpus/tools/agree.py --diff SPLIT ID          what the passes disagree on (adjudication)

Uses the project's scorer (../shared/eval/score.py, beside the checkout) so that agreement and
extraction scores mean the same thing. Only articles with both passes are counted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]


def scorer():
    path = CORPUS.parents[1] / "shared" / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pairs(splits: list[str]) -> tuple[list[dict], dict[str, dict]]:
    golds, preds = [], {}
    for split in splits:
        for a in sorted((CORPUS / split / "pass_a").glob("*.json")):
            b = CORPUS / split / "pass_b" / a.name
            if b.exists():
                golds.append(json.loads(a.read_text(encoding="utf-8")))
                preds[a.stem] = json.loads(b.read_text(encoding="utf-8"))
    return golds, preds


def diff(mod, split: str, article_id: str) -> None:
    a = json.loads((CORPUS / split / "pass_a" / f"{article_id}.json").read_text(encoding="utf-8"))
    b = json.loads((CORPUS / split / "pass_b" / f"{article_id}.json").read_text(encoding="utf-8"))
    res = mod.Resolver(a)

    def keys(doc, resolve):
        out = {}
        for r in doc["relations"]:
            s = resolve(r["source"]) or f"?{r['source']}"
            t = resolve(r["target"]) or f"?{r['target']}"
            out.setdefault(mod.key_of(r["type"], s, t, r.get("modality")), r)
        return out

    ka, kb = keys(a, lambda n: n), keys(b, res.resolve)
    for k in sorted(ka.keys() - kb.keys()):
        print("only A", k, "|", ka[k]["evidence"][:160])
    for k in sorted(kb.keys() - ka.keys()):
        print("only B", k, "|", kb[k]["evidence"][:160])
    for k in sorted(ka.keys() & kb.keys()):
        ra, rb = ka[k], kb[k]
        for f in ("date", "modality", "attributed_to", "place"):
            if ra.get(f) != rb.get(f):
                print("field ", k, f, "A:", ra.get(f), "B:", rb.get(f))
    ea = {(e["name"], e["type"]) for e in a["entities"]}
    eb = {
        (res.resolve(e["name"], e.get("aliases")) or "?" + e["name"], e["type"])
        for e in b["entities"]
    }
    for e in sorted(ea - eb):
        print("entity only A", e)
    for e in sorted(eb - ea):
        print("entity only B", e)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("splits", nargs="+")
    ap.add_argument("--diff", action="store_true", help="SPLIT ID: list the disagreements")
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    mod = scorer()
    if args.diff:
        diff(mod, args.splits[0], args.splits[1])
        return 0
    golds, preds = pairs(args.splits)
    if not golds:
        print("no article has both passes yet")
        return 1
    out = mod.score(golds, preds, verbose=False)
    n_rel = sum(len(g["relations"]) for g in golds)
    print(f"articles with both passes: {len(golds)}  pass-A relations: {n_rel}")
    print(
        f"relations F1 {out['relations'][2]:.3f} (B against A: P {out['relations'][0]:.3f} R {out['relations'][1]:.3f})"
    )
    print(f"entities F1 {out['entities'][2]:.3f}  roles F1 {out['roles'][2]:.3f}")
    for t, (_p, _r, f, n) in sorted(out["per_type"].items()):
        print(f"  {t:<12} F1 {f:.2f}  (A has {n})")
    if args.report:
        args.report.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
