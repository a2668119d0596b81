"""Find every URL a page or asset refers to, and tell local ones from external ones."""

from __future__ import annotations

import re

_REFERENCE = re.compile(
    r"""(?:\bsrc|\bhref|\baction|\bposter|\bsrcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
    r"""|url\(\s*["']?([^"')]*)"""
    r"""|@import\s*(?:url\()?\s*["']?([^"');\s]+)""",
    re.I,
)
_ABSOLUTE = re.compile(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*|https?://[^\s\"'<>)]+", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

# Strings inside the vendored vis-network bundle that name a URL without fetching it: an XML
# namespace given to createElementNS, licence and project notes, and an error message.
VENDOR_TEXT_URLS = frozenset(
    {
        "http://www.w3.org/2000/svg",
        "http://almende.com",
        "http://opensource.org/licenses/MIT",
        "http://www.apache.org/licenses/LICENSE-2.0",
        "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
        "https://github.com/visjs",
        "https://github.com/zloirock/core-js",
        "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
        "https://visjs.github.io/vis-network/",
    }
)


def references(text: str) -> list[str]:
    """Values of src=, href=, action=, url(...) and @import in HTML, CSS or JS text."""
    return [next(g for g in m.groups() if g is not None) for m in _REFERENCE.finditer(text)]


def is_local(ref: str) -> bool:
    ref = ref.strip()
    if ref.startswith("//"):
        return False
    if ref.lower().startswith("data:"):
        return True
    return not _SCHEME.match(ref)


def external(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Every reference or absolute URL in text that is not local (minus the allowed strings)."""
    found = [r for r in references(text) if not is_local(r)]
    found += [u for u in _ABSOLUTE.findall(text) if u not in allowed]
    return sorted(set(found) - allowed)
