"""Choose the classifier's two thresholds on the dev split and write them into the model.

    python training/tune.py MODEL_DIR corpus/dev/gold

`add` is the probability a relation needs when no rule proposed it, `keep` the least a rule's
relation needs to stay. The pair that gives the best relation F1 on dev with a precision of at
least MIN_PRECISION (ties: the higher precision) goes into MODEL_DIR/meta.json, which
`ingest.relmodel` reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.extract import extraction_of  # noqa: E402
from ingest.model import Article  # noqa: E402
from ingest.pipeline import load_nlp  # noqa: E402
from ingest.relmodel import RelationClassifier  # noqa: E402
from training.gold import f1, load_golds, relation_counts  # noqa: E402

ADD = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
KEEP = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3)
MIN_PRECISION = 0.7  # recall is not bought below this precision: a wrong edge costs analysts more


class Memo(RelationClassifier):
    """The classifier with its probabilities remembered, so a grid costs one pass."""

    memo: dict[str, dict[str, float]] = {}

    def scores(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        self.memo.update(zip(todo, super().scores(todo), strict=True))
        return [self.memo[t] for t in texts]


class RulesOnly:
    def decide(self, staged):
        return [s.found for s in staged]


def evaluate(golds, docs, decider) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for gold, doc in zip(golds, docs, strict=True):
        article = Article(id=gold["id"], text=gold["text"], published=gold.get("published"))
        relations = [r.to_dict() for r in extraction_of(article, doc, decider).relations]
        a, b, c = relation_counts(gold, relations)
        tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + c
    return f1(tp, n_pred, n_gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    verbose = args.verbose
    golds = load_golds(args.gold)
    nlp = load_nlp()
    docs = list(nlp.pipe(g["text"] for g in golds))
    import spacy

    clf = Memo(spacy.load(args.model), 0.5, 0.0)
    print("rules alone: P {:.3f} R {:.3f} F1 {:.3f}".format(*evaluate(golds, docs, RulesOnly())))
    tried = []
    for add, keep in product(ADD, KEEP):
        clf.add, clf.keep = add, keep
        p, r, f = evaluate(golds, docs, clf)
        if verbose:
            print(f"  add {add} keep {keep}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        tried.append((p >= MIN_PRECISION, f, p, r, add, keep))
    _, f, p, r, add, keep = max(tried, key=lambda t: (t[0], t[1] if t[0] else t[2], t[2]))
    print(
        f"chosen add {add} keep {keep}: P {p:.3f} R {r:.3f} F1 {f:.3f} on {len(golds)} dev articles"
    )
    meta_path = args.model / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["dipgraph_thresholds"] = {"add": add, "keep": keep}
    meta_path.write_text(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
