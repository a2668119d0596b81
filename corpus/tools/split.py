#!/usr/bin/env python3
"""Which split an article id belongs to: fixed by a hash of the id, so nobody chooses it.

    python corpus/tools/split.py ID [ID ...]      -> prints "ID SPLIT" per id

3 in 10 ids go to `blind` (scored only, never read by whoever writes extraction code),
1 in 10 to `dev`, the rest to `train`.
"""

from __future__ import annotations

import hashlib
import sys


def split_of(article_id: str) -> str:
    bucket = (
        int(hashlib.sha1(article_id.encode("utf-8"), usedforsecurity=False).hexdigest(), 16) % 10
    )
    if bucket < 3:
        return "blind"
    return "dev" if bucket == 3 else "train"


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, split_of(arg))
