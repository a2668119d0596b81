"""Build the relation classifier's training data from gold articles: one example per actor
pair of each sentence, labelled with the gold relations whose evidence is that sentence.

    python training/build.py --out training/data/train.spacy corpus/train/gold eval/heldout

The pairs come from the same extraction code that runs in production (the real spaCy
pipeline, the actor resolver and the rules, through `ingest.pairs`), so the classifier learns
from exactly the text it will read. A pair whose gold relation is stated in another sentence
of the article is left out rather than taught as a negative (the conventions list a fact once,
with its first sentence, while a later sentence may restate it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.actors import find_actors  # noqa: E402
from ingest.assemble import Assembler  # noqa: E402
from ingest.dates import parse_published  # noqa: E402
from ingest.gazetteer import load_gazetteer  # noqa: E402
from ingest.model import RelationType  # noqa: E402
from ingest.pairs import DIRECTIONS, TYPES, Pair, direction_of, sentence_pairs  # noqa: E402
from ingest.pipeline import load_nlp  # noqa: E402
from ingest.roles import find_roles  # noqa: E402
from training.gold import GoldNames, load_golds  # noqa: E402


class Recorder:
    """A decider that keeps the rules' decisions and records every pair it was shown."""

    def __init__(self) -> None:
        self.seen: list[tuple[tuple[int, int], Pair]] = []

    def decide(self, staged):
        for sent, rules, found, voice in staged:
            for pair in sentence_pairs(sent, rules, found, voice):
                self.seen.append(((sent.start_char, sent.end_char), pair))
        return [s.found for s in staged]


def article_examples(gold: dict, doc) -> tuple[list[tuple[str, dict[str, float]]], Counter]:
    gaz = load_gazetteer()
    published = parse_published(gold.get("published"))
    actors = find_actors(doc, gaz)
    roles = find_roles(doc, actors, gaz, published)
    recorder = Recorder()
    Assembler(doc, actors, gaz, published, roles, recorder).relations()
    names = GoldNames(gold)
    text = gold["text"]
    facts = []
    for r in gold["relations"]:
        at = text.find(r["evidence"])
        facts.append(
            (RelationType(r["type"]), r["source"], r["target"], at, at + len(r["evidence"]))
        )
    out, stats = [], Counter()
    covered = set()
    for (lo, hi), pair in recorder.seen:
        a, b = names(pair.a), names(pair.b)
        cats = dict.fromkeys(DIRECTIONS, 0.0)
        elsewhere = False
        for i, (rtype, src, tgt, s, e) in enumerate(facts):
            if {src, tgt} != {a, b} or a == b:
                continue
            if s < hi and lo < e:
                cats[direction_of(rtype, src == a)] = 1.0
                cats[str(rtype)] = 1.0
                covered.add(i)
            else:
                elsewhere = True
        positive = any(cats.values())
        if positive:  # the types are learnt from related pairs; unrelated ones say nothing
            cats = {**dict.fromkeys(TYPES, 0.0), **cats}
        if elsewhere and not positive:
            stats["left out (fact stated elsewhere)"] += 1
            continue
        stats["positive" if positive else "negative"] += 1
        out.append((pair.text, cats))
    if os.environ.get("DIPGRAPH_SHOW_UNREACHED"):  # for error analysis on train/dev only
        for i, (rtype, src, tgt, s, _) in enumerate(facts):
            if i not in covered:
                print("unreached", rtype, src, "->", tgt, "|", text[s : s + 150], file=sys.stderr)
    stats["gold relations"] += len(facts)
    stats["gold relations reachable as a pair"] += len(covered)
    return out, stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+", type=Path, help="folders of gold JSON files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (sorted)")
    args = ap.parse_args()
    golds = load_golds(args.gold)
    if args.limit:
        golds = golds[: args.limit]
    nlp = load_nlp()
    maker = __import__("spacy").blank("en")
    db, total = DocBin(), Counter()
    for gold, doc in zip(golds, nlp.pipe(g["text"] for g in golds), strict=True):
        examples, stats = article_examples(gold, doc)
        total.update(stats)
        for text, cats in examples:
            d = maker.make_doc(text)
            d.cats = cats
            db.add(d)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    labels = args.out.parent / "labels"  # each component's labels, read by relations.cfg
    labels.mkdir(exist_ok=True)
    (labels / "relation.json").write_text(json.dumps(list(DIRECTIONS)))
    (labels / "rtype.json").write_text(json.dumps(list(TYPES)))
    print(
        f"{args.out}: {len(golds)} articles, "
        + ", ".join(f"{k} {v}" for k, v in sorted(total.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
