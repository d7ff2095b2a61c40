"""The one error type for bad input: where it is (source, line) and what was expected."""

from __future__ import annotations


class InputError(ValueError):
    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


def os_reason(error: OSError) -> str:
    """Why a file could not be read: pyoxigraph's OSErrors carry their reason in the message, not strerror."""
    return error.strerror or str(error) or type(error).__name__
