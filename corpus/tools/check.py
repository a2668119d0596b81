#!/usr/bin/env python3
"""Check corpus files: an article file (metadata + text) or an annotated one (pass or gold).

    python corpus/tools/check.py FILE_OR_FOLDER ...

Prints one line per problem, naming the file; exits 1 if any file has a problem.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

META = ("id", "title", "url", "published", "publisher", "license", "genre", "region", "text")
GENRES = {"readout", "statement", "news", "editorial", "transcript"}
ENTITY_TYPES = {"PERSON", "COUNTRY", "ORGANIZATION", "PLACE"}
TYPES = {
    "MET", "VISITED", "HOSTED", "SUPPLIED", "SUPPORTS", "PRAISED", "CRITICIZED",
    "SANCTIONED", "RECOGNIZED", "INVITED", "ACCOMPANIED", "AGREED", "COOPERATES",
    "THREATENED",
}  # fmt: skip
MODALITIES = {"asserted", "reported", "hedged", "planned", "negated"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def problems(doc: dict) -> list[str]:
    out = [f"missing field {k!r}" for k in META if k not in doc]
    if doc.get("genre") not in GENRES:
        out.append(f"genre {doc.get('genre')!r} is not one of {sorted(GENRES)}")
    if doc.get("published") is not None and not DATE.match(str(doc["published"])):
        out.append(f"published {doc['published']!r} is not YYYY-MM-DD or null")
    if not str(doc.get("text", "")).strip():
        out.append("empty text")
    if "entities" in doc:
        out += annotation_problems(doc)
    return out


def annotation_problems(doc: dict) -> list[str]:
    out = []
    names = set()
    for e in doc.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            out.append(f"entity {e.get('name')!r}: type {e.get('type')!r}")
        names.add(e.get("name"))
        if not isinstance(e.get("aliases", []), list):
            out.append(f"entity {e.get('name')!r}: aliases must be a list")
    for r in doc.get("roles", []):
        if r.get("person") not in names:
            out.append(f"role: person {r.get('person')!r} is not an entity")
    text = doc.get("text", "")
    for i, r in enumerate(doc.get("relations", [])):
        where = f"relation {i} ({r.get('type')} {r.get('source')} -> {r.get('target')})"
        if r.get("type") not in TYPES:
            out.append(f"{where}: type {r.get('type')!r}")
        for end in ("source", "target"):
            if r.get(end) not in names:
                out.append(f"{where}: {end} {r.get(end)!r} is not an entity name")
        if r.get("source") == r.get("target"):
            out.append(f"{where}: source and target are the same")
        if r.get("modality") not in MODALITIES:
            out.append(f"{where}: modality {r.get('modality')!r}")
        if r.get("date") is not None and not DATE.match(str(r["date"])):
            out.append(f"{where}: date {r.get('date')!r}")
        if r.get("attributed_to") is not None and r["attributed_to"] not in names:
            out.append(f"{where}: attributed_to {r['attributed_to']!r} is not an entity name")
        if not r.get("evidence") or r["evidence"] not in text:
            out.append(f"{where}: evidence is not a substring of the text")
    return out


def main(args: list[str]) -> int:
    files = [
        p for a in args for p in (sorted(Path(a).glob("*.json")) if Path(a).is_dir() else [Path(a)])
    ]
    bad = 0
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"{path}: unreadable: {e}")
            bad += 1
            continue
        if doc.get("id") != path.stem:
            print(f"{path}: id {doc.get('id')!r} differs from the file name")
            bad += 1
        for p in problems(doc):
            print(f"{path}: {p}")
            bad += 1
    print(f"{len(files)} files, {bad} problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
