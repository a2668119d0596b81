"""Learning curve: the blind test's relation F1 when the classifier is trained on the first
25, 50, 100 and all training articles (in the fixed order of their ids' hashes).

    python training/curve.py --scorer ../shared/eval/score.py

Each point builds its training data, trains with training/relations.cfg, tunes its thresholds
on corpus/dev/gold and scores the blind split with the project's scorer, printing only figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def ordered_train() -> list[Path]:
    files = sorted((ROOT / "corpus" / "train" / "gold").glob("*.json"))
    return sorted(files, key=lambda p: hashlib.sha256(p.stem.encode()).hexdigest())


def run(*args: str, env: dict | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return done.stdout


def point(n: int, files: list[Path], scorer: str, work: Path) -> dict:
    gold = work / f"train{n}"
    gold.mkdir()
    for f in files[:n]:
        shutil.copy(f, gold / f.name)
    run(PY, "training/build.py", "--out", str(work / f"train{n}.spacy"), str(gold))
    out = work / f"model{n}"
    run(PY, "-m", "spacy", "train", "training/relations.cfg", "--output", str(out),
        "--paths.train", str(work / f"train{n}.spacy"), "--paths.dev", str(work / "dev.spacy"),
        "--paths.labels", str(work / "labels"))  # fmt: skip
    model = out / "model-best"
    run(PY, "training/tune.py", str(model), "corpus/dev/gold")
    env = {**os.environ, "DIPGRAPH_RELATION_MODEL": str(model)}
    cmd = f"{Path(PY).parent / 'dipgraph'} extract"
    text = run(PY, scorer, "--gold", "corpus/blind/gold", "--cmd", cmd, env=env)
    m = re.search(r"relations F1 ([\d.]+) \(P ([\d.]+) R ([\d.]+)\)", text)
    return {"train_articles": n, "f1": float(m[1]), "p": float(m[2]), "r": float(m[3])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    ap.add_argument("--points", default="25,50,100,0", help="0 means every training article")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "curve.json")
    args = ap.parse_args()
    files = ordered_train()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run(PY, "training/build.py", "--out", str(work / "dev.spacy"), "corpus/dev/gold")
        for n in [int(x) or len(files) for x in args.points.split(",")]:
            rows.append(point(min(n, len(files)), files, args.scorer, work))
            print(json.dumps(rows[-1]), flush=True)
    args.out.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
