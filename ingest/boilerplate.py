"""Remove newsletter prompts, subscription, share and cookie lines from article text.

Web pages and copy-pasted articles carry calls to action that the NLP would read as
news ("It's FREE!" tagged as an organization). Whole lines that are such prompts are
dropped; prompt sentences embedded in a news line are cut out. Every other character is
kept as it was, so text that has no boilerplate comes back unchanged.
"""

from __future__ import annotations

import re

# A line longer than this is body text even if it mentions a newsletter in passing.
MAX_PROMPT_LINE = 320

_PROMPT_PATTERNS = (
    r"\bdon'?t miss (out|a thing|any)\b",
    r"\bnever miss (a|an|another)\b",
    r"\bit'?s (free|100% free)\s*!",
    r"\b(stay|keep) (in touch|informed|up to date|updated)\b.{0,200}\b(inbox|newsletter|email|e-mail)\b",
    r"\b(straight|directly|delivered|conveniently) (to|in|into) your (e-?mail )?inbox\b",
    r"\bin your (e-?mail )?inbox\b",
    r"\b(sign|signing) up (now |today )?(for|to) (our|the|a|free)\b",
    r"\bsubscribe (now|today|here|for|to (our|the))\b",
    r"^\s*subscribe\b",
    r"\b(our|free|daily|weekly) (e-?mail )?newsletters?\b",
    r"\balready a (subscriber|member)\b",
    r"\b(enter|type) your (e-?mail|email address)\b",
    r"\b(share|post) (this|on) (article|story|page|facebook|twitter|x|linkedin|whatsapp|email)\b",
    r"^\s*share( this)?( article| story)?\s*:?\s*$",
    r"^\s*(share on|tweet|email|print|copy link)\b.{0,40}$",
    r"\bfollow us on\b",
    r"\b(this|our) (web)?site uses cookies\b",
    r"\b(accept|manage|reject) (all )?cookies\b",
    r"\bcookie (policy|settings|preferences|consent)\b",
    r"\bclick here\b",
    r"\b(enable|turn on|activate) javascript\b",
    r"\byour browser (does not|doesn't) support\b",
    r"^\s*(advertisement|sponsored content|related( articles| stories)?)\s*:?\s*$",
    r"^\s*(read more|recommended|most read|trending)\s*:?\s*$",
    r"^\s*(read more|see also|related)\s*:",
    r"^\s*(copyright|\(c\)|©)\b.{0,200}\brights? reserved\b",
    r"\ball rights reserved\b",
)
_PROMPT = re.compile("|".join(f"(?:{p})" for p in _PROMPT_PATTERNS), re.IGNORECASE)
# Every pattern above contains one of these literally; checking them first is ~50x faster
# than the regex, and almost every news line has none of them.
_TRIGGERS = (
    "miss", "free", "inbox", "newsletter", "mail", "sign up", "signing up", "subscri",
    "already a", "share", "post this", "post on", "tweet", "print", "copy link", "follow us",
    "cookie", "click here", "advert", "sponsored", "related", "read more", "see also",
    "recommended", "most read", "trending", "rights reserved", "javascript", "browser",
)  # fmt: skip
_SENTENCE = re.compile(r"[^.!?]*[.!?]+[\"'’”)]*\s*|[^.!?]+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def is_prompt(line: str) -> bool:
    """True when a whole line reads as a call to action rather than news."""
    return len(line) <= MAX_PROMPT_LINE and _has_prompt(line)


def _has_prompt(text: str) -> bool:
    """True when a prompt pattern occurs anywhere in the text."""
    folded = text.casefold().translate(_APOSTROPHES)
    return any(t in folded for t in _TRIGGERS) and bool(_PROMPT.search(folded))


def _strip_sentences(line: str) -> str:
    """Cut prompt sentences out of a long line, keeping the news sentences around them."""
    kept = [s for s in _SENTENCE.findall(line) if not is_prompt(s)]
    return "".join(kept).rstrip() if len(kept) < len(_SENTENCE.findall(line)) else line


def _clean_line(line: str) -> str | None:
    """The line without prompts, or None when nothing of it is left."""
    body = line.rstrip("\r\n")
    if not body.strip():
        return line
    if is_prompt(body):
        return None
    if not _has_prompt(body):
        return line
    cleaned = _strip_sentences(body)
    if not cleaned.strip():
        return None
    return cleaned + line[len(body) :]


def _squeeze_blank_runs(lines: list[str]) -> list[str]:
    """Drop blank lines that a removal left doubled, so paragraphs stay single-spaced."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return out


def remove_boilerplate(text: str) -> str:
    """Return the text with prompt lines and sentences removed, everything else unchanged."""
    lines = text.splitlines(keepends=True)
    cleaned = [c for c in (_clean_line(line) for line in lines) if c is not None]
    if len(cleaned) == len(lines) and cleaned == lines:
        return text
    return "".join(_squeeze_blank_runs(cleaned)).strip("\n")
