"""Ingest errors: one root with a stable code, each message naming the input and the fault."""

from __future__ import annotations


class IngestError(Exception):
    """Root of every error ingest raises; `code` is stable, the message is for people."""

    code = "ingest_error"

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class UnreadableInput(IngestError):
    """The input exists but cannot be read or decoded (missing, binary, malformed)."""

    code = "unreadable_input"


class UnsupportedFormat(IngestError):
    """The file's extension names no format ingest can read."""

    code = "unsupported_format"


class EmptyInput(IngestError):
    """The input holds no article text once read and cleaned."""

    code = "empty_input"


class InputTooLarge(IngestError):
    """The input exceeds the configured size cap."""

    code = "input_too_large"


class ExtractionFailed(IngestError):
    """The NLP pipeline failed on an article that was read correctly."""

    code = "extraction_failed"
