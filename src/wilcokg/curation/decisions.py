"""The curation decisions file: one decision a line, read into `Decision`s and checked as a whole.

    accept  org/european-social-fund
    reject  org/les                                   # "Les" is the start of a French sentence
    merge   org/rase into org/rase-pas-mon-quartier
    rename  org/general-council to "General Council of Loire-Atlantique"
    accept  innovation/the-filur-project/actor/european-social-fund/funder
    reject  innovation/potes-en-ciel/start-year/1999

An IRI is written relative to `https://w3id.org/wilcokg/id/` or whole in angle brackets; a name is a
double-quoted string with JSON escapes. `#` starts a comment: a line of its own is ignored, one after a
decision is the decision's note and is published with it. What a line decides is keyed by IRIs only, so
a decision survives rebuilds, edits of unrelated text and the file's own reordering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pyoxigraph import NamedNode

from wilcokg.errors import InputError, os_reason
from wilcokg.reading.triples import annotation_key
from wilcokg.vocab import BASE, entity

ID = BASE + "id/"
DEFAULT_FILE = "data/curation/decisions.txt"
GRAMMAR = 'accept IRI, reject IRI, merge IRI into IRI, or rename IRI to "name"'
_TOKEN = re.compile(r'\s*(?:(?P<name>"(?:[^"\\]|\\.)*")|(?P<note>#.*)|(?P<word>[^\s"#]+))')
_IRI_PATH = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
_ROLE_PATH = re.compile(r"innovation/[a-z0-9-]+/actor/[a-z0-9-]+/(?:initiator|funder|operator|partner|supporter)")
_STATED_PATH = re.compile(r"innovation/[a-z0-9-]+/[a-z0-9-]+/[^/]+")


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    MERGE = "merge"
    RENAME = "rename"


@dataclass(frozen=True, slots=True)
class Decision:
    """One line of the file: what to do (`action`) to which IRI (`target`), and where it was written."""

    action: Action
    target: str
    """The IRI decided about: a discovered entity, or a statement (an actor role or a stated value)."""
    argument: str = ""
    """For a merge the IRI of the entity merged into; for a rename the new name."""
    note: str = ""
    source: str = ""
    line: int = 0

    @property
    def node(self) -> NamedNode:
        """`…/id/decision/accept-org-portaal`: one decision per action and target, whatever its line."""
        return entity("decision", f"{self.action}-{annotation_key(self.target)}")

    @property
    def about_statement(self) -> bool:
        return is_statement(self.target)

    def written(self, aligned: bool = True) -> str:
        """The decision as a line of the file (without its note); `aligned` pads the action to one width."""
        words = [f"{self.action:<6}" if aligned else self.action.value, short(self.target)]
        if self.action is Action.MERGE:
            words += ["into", short(self.argument)]
        elif self.action is Action.RENAME:
            words += ["to", json.dumps(self.argument, ensure_ascii=False)]
        return " ".join(words)

    def line_text(self) -> str:
        return f"{self.written()}  # {self.note}" if self.note else self.written()

    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def problem(self, message: str) -> InputError:
        return InputError(self.source, self.line, f"{self.written(aligned=False)}: {message}")


def short(iri: str) -> str:
    """`org/portaal` for an IRI under `id/`; any other IRI in angle brackets."""
    return iri.removeprefix(ID) if iri.startswith(ID) else f"<{iri}>"


def is_statement(iri: str) -> bool:
    """Whether `iri` names an actor role or a stated value rather than an entity."""
    path = iri.removeprefix(ID)
    return bool(_ROLE_PATH.fullmatch(path) or _STATED_PATH.fullmatch(path))


def full_iri(written: str) -> str | None:
    """The IRI a file or command line writes (`org/portaal` or `<https://…/id/org/portaal>`), or None."""
    iri = written[1:-1] if written.startswith("<") and written.endswith(">") else ID + written
    path = iri.removeprefix(ID)
    if not iri.startswith(ID) or not (_IRI_PATH.fullmatch(path) or is_statement(iri)):
        return None
    return iri


def _tokens(text: str) -> tuple[list[tuple[str, str]], str]:
    """The words and names of a line, in order, and its note."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text) and (found := _TOKEN.match(text, position)) and found.end() > position:
        position = found.end()
        if found["note"] is not None:
            return tokens, found["note"][1:].strip()
        kind = "name" if found["name"] is not None else "word"
        tokens.append((kind, found[kind]))
    if text[position:].strip():
        raise ValueError(f"unclosed name: {text[position:].strip()}")
    return tokens, ""


def _iri(token: tuple[str, str]) -> str:
    kind, text = token
    iri = full_iri(text) if kind == "word" else None
    if iri is None:
        raise ValueError(f"{text} is not an IRI: write it as org/portaal or <{ID}org/portaal>")
    return iri


def parse_line(text: str, source: str, line: int) -> Decision | None:
    """The decision a line states, None for a blank or comment line; ValueError says what was expected."""
    tokens, note = _tokens(text)
    if not tokens:
        return None
    kind, verb = tokens[0]
    if kind != "word" or verb not in Action.__members__.values():
        raise ValueError(f"expected {GRAMMAR}; found {verb!r}")
    action = Action(verb)
    shapes = {
        Action.ACCEPT: ("IRI",),
        Action.REJECT: ("IRI",),
        Action.MERGE: ("IRI", "into", "IRI"),
        Action.RENAME: ("IRI", "to", "name"),
    }
    expected = shapes[action]
    rest = tokens[1:]
    if len(rest) != len(expected) or any(
        (want == "name") != (got[0] == "name") or (want not in ("IRI", "name") and got[1] != want)
        for want, got in zip(expected, rest, strict=False)
    ):
        raise ValueError(f"expected {action} {' '.join(expected)}")
    target = _iri(rest[0])
    argument = ""
    if action is Action.MERGE:
        argument = _iri(rest[2])
    elif action is Action.RENAME:
        argument = " ".join(json.loads(rest[2][1]).split())
        if not argument:
            raise ValueError("expected a name that is not empty")
    return Decision(action, target, argument, note, source, line)


def conflicts(decisions: Sequence[Decision]) -> Iterable[InputError]:
    """What no file may say: two decisions about one thing that disagree, merges into nothing that
    stays, and decisions that do not fit what they are about."""
    verdicts: dict[str, Decision] = {}
    renames: dict[str, Decision] = {}
    for decision in decisions:
        if decision.about_statement and decision.action in (Action.MERGE, Action.RENAME):
            yield decision.problem(f"{decision.action} takes a discovered entity, not an actor role or a stated value")
            continue
        if decision.action is Action.MERGE and decision.argument == decision.target:
            yield decision.problem("an entity cannot be merged into itself")
            continue
        seen = renames if decision.action is Action.RENAME else verdicts
        if (earlier := seen.get(decision.target)) is not None:
            yield decision.problem(f"line {earlier.line} already decides it: {earlier.written(aligned=False)}")
            continue
        seen[decision.target] = decision
    for decision in decisions:
        verdict = verdicts.get(decision.target)
        if decision.action is Action.RENAME and verdict and verdict.action is not Action.ACCEPT:
            yield decision.problem(f"line {verdict.line} {verdict.action}s it: nothing is left to rename")
        if decision.action is Action.MERGE and verdict is decision:
            into = verdicts.get(decision.argument)
            if into and into.action is Action.REJECT:
                yield decision.problem(f"line {into.line} rejects {short(decision.argument)}: merge into what stays")
            elif decision.line == max((d.line for d in _merge_cycle(decision, verdicts)), default=0):
                yield decision.problem("these merges go round in a circle: merge into an entity that stays")


def _merge_cycle(decision: Decision, verdicts: dict[str, Decision]) -> list[Decision]:
    """The merges that lead from `decision` back to its own entity, or none."""
    chain = [decision]
    while (following := verdicts.get(chain[-1].argument)) is not None and following.action is Action.MERGE:
        if following is decision:
            return chain
        if following in chain:
            return []
        chain.append(following)
    return []


@dataclass(frozen=True, slots=True)
class DecisionsFile:
    path: Path
    decisions: tuple[Decision, ...]
    problems: tuple[InputError, ...]


def parse_decisions(text: str, source: str) -> tuple[list[Decision], list[InputError]]:
    """Every decision of a file's text and every line that is not one (`source:line: what was expected`)."""
    decisions: list[Decision] = []
    problems: list[InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        try:
            decision = parse_line(line, source, number)
        except ValueError as error:
            problems.append(InputError(source, number, str(error)))
            continue
        if decision is not None:
            decisions.append(decision)
    problems += conflicts(decisions)
    return decisions, sorted(problems, key=lambda p: p.line)


def read_decisions(path: Path) -> DecisionsFile:
    """The file's decisions and problems; a file that does not exist holds no decision yet."""
    if not path.exists():
        return DecisionsFile(path, (), ())
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return DecisionsFile(path, (), (InputError(str(path), 1, "expected UTF-8 text"),))
    except OSError as error:
        return DecisionsFile(path, (), (InputError(str(path), 1, f"cannot read the file ({os_reason(error)})"),))
    decisions, problems = parse_decisions(text, str(path))
    return DecisionsFile(path, tuple(decisions), tuple(problems))


def _with_new_line(path: Path) -> str:
    """The file's text, ready for one more line: the header for a file that does not exist yet."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    return text if not text or text.endswith("\n") else text + "\n"


def next_line(path: Path) -> int:
    """The line number `append_decision` gives the next decision."""
    return _with_new_line(path).count("\n") + 1


def append_decision(path: Path, decision: Decision) -> None:
    """Write `decision` as the file's last line (at `next_line(path)`)."""
    text = _with_new_line(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + decision.line_text() + "\n", encoding="utf-8")


HEADER = """\
# Curation decisions: one a line, read by every `wilcokg build` (see docs/curation.md).
# Append with `wilcokg curate accept|reject|merge|rename …` rather than by hand.
#
#   accept IRI                 a discovered entity, an actor role or a stated value: reviewed and right
#   reject IRI                 wrong: it, its mentions and what rests on it leave the graph
#   merge IRI into IRI         a discovered entity is another one: names, mentions and roles move there
#   rename IRI to "name"       a discovered entity's name
#
# IRIs are relative to https://w3id.org/wilcokg/id/; `# …` after a decision is its published note.
"""
