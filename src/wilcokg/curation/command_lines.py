"""The `wilcokg curate` command lines that decide about an item of the queue, ready to paste into a shell.

Each line is one the command accepts for the item as the last build left it: accept and reject while it
awaits review, merge and rename for a discovered entity, accepted or not. A merge needs the entity it
is merged into, which only the curator knows: its line ends in a placeholder to replace.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from wilcokg.curation.decisions import Action, short
from wilcokg.curation.queue import ReviewItem

STATEMENT_KINDS = frozenset({"role", "value"})
MERGE_TARGET = "INTO"
"""What a merge's line ends in: the curator writes the IRI of the entity it is there (org/tandem)."""


@dataclass(frozen=True, slots=True)
class CommandLine:
    action: str
    words: str
    """The command line, quoted for a POSIX shell, without the placeholder."""
    placeholder: str = ""

    @property
    def text(self) -> str:
        return f"{self.words} {self.placeholder}" if self.placeholder else self.words


def _line(*words: str) -> str:
    return shlex.join(("wilcokg", "curate", *words))


def command_lines(item: ReviewItem) -> tuple[CommandLine, ...]:
    """The decisions `wilcokg curate` would take about `item`; a rename starts from its current name."""
    target = short(item.iri)
    lines = []
    if item.status == "extracted":
        lines += [CommandLine(action.value, _line(action.value, target)) for action in (Action.ACCEPT, Action.REJECT)]
    if item.kind not in STATEMENT_KINDS:
        lines.append(CommandLine(Action.MERGE.value, _line(Action.MERGE.value, target), MERGE_TARGET))
        lines.append(CommandLine(Action.RENAME.value, _line(Action.RENAME.value, target, item.label)))
    return tuple(lines)
