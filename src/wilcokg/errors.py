"""The one error type for bad input: where it is (source, line) and what was expected."""

from __future__ import annotations


class InputError(ValueError):
    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message
