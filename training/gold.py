"""Gold articles and the scorer's way of matching names and relations, for training and tuning
(the same rules as ../shared/eval/score.py, which `make eval` runs for the reported figures)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

SYMMETRIC = {"MET", "AGREED", "COOPERATES"}


def norm(name: str | None) -> str:
    """The scorer's name normalisation: accents, case, possessive, punctuation, leading "the"."""
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    s = re.sub(r"'s\b", "", s.casefold().replace("’", "'"))
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()
    return re.sub(r"^the ", "", s)


def load_golds(folders: list[Path]) -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for d in folders
        for p in sorted(Path(d).glob("*.json"))
    ]


class GoldNames:
    """Predicted names to the gold canonical names of one article (as the scorer resolves)."""

    def __init__(self, gold: dict):
        table: dict[str, set[str]] = {}
        for ent in gold["entities"]:
            for form in [ent["name"], *ent.get("aliases", [])]:
                table.setdefault(norm(form), set()).add(ent["name"])
        self.table = {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
        self.table.update({norm(e["name"]): e["name"] for e in gold["entities"]})

    def __call__(self, name: str | None) -> str | None:
        return self.table.get(norm(name))


def key(rtype: str, src: str, tgt: str, modality: str | None) -> tuple[str, str, str, bool]:
    if rtype in SYMMETRIC and tgt < src:
        src, tgt = tgt, src
    return (rtype, src, tgt, modality == "negated")


def relation_counts(gold: dict, predicted: list[dict]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) relation keys of one article, as the scorer counts."""
    names = GoldNames(gold)
    want = {key(r["type"], r["source"], r["target"], r.get("modality")) for r in gold["relations"]}
    got = {
        key(
            r["type"],
            names(r["source"]) or "?" + r["source"],
            names(r["target"]) or "?" + r["target"],
            r.get("modality"),
        )
        for r in predicted
    }
    return len(want & got), len(got), len(want)


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
