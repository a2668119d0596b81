"""Article body and metadata from an HTML page, via trafilatura."""

from __future__ import annotations

from typing import Any

import lxml.html
import trafilatura

from ingest.errors import EmptyInput, UnreadableInput

_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def html_fields(html: str, source: str) -> dict[str, Any]:
    """The main text, title, date and canonical URL of a page; scripts and navigation dropped."""
    try:
        doc = trafilatura.bare_extraction(
            _without_code(html), with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as e:  # trafilatura raises assorted parser errors on broken markup
        raise UnreadableInput(source, f"HTML could not be parsed ({type(e).__name__})") from e
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    if not (meta.get("text") or "").strip():
        raise EmptyInput(source, "no article text found in the HTML (only markup or scripts)")
    return {
        "title": meta.get("title"),
        "url": meta.get("url"),
        "published": meta.get("date"),
        "text": _drop_title_line(meta["text"], meta.get("title")),
    }


def _drop_title_line(text: str, title: str | None) -> str:
    """The body without a first line that only repeats the page title (the article's h1)."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def _without_code(html: str) -> lxml.html.HtmlElement | str:
    """The page tree without scripts, styles and noscript fallbacks, which are never prose."""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # unparseable here; trafilatura gets the raw markup and its own chance
        return html
    for el in root.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    return root


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one line per block element."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml rejects some fragments outright; they are text then
        return markup
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
