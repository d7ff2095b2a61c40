"""What SHACL validation found, where in the inputs it comes from, and how to print it like a compiler."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from wilcokg.errors import InputError
from wilcokg.terms import value
from wilcokg.vocab import BASE, DCTERMS, PREFIXES, WILCO, curie
from wilcokg.wording import counted

SH = "http://www.w3.org/ns/shacl#"
SHAPES = BASE + "shapes#"
VIOLATION = SH + "Violation"
REFERENCE_DATA = "reference data"
CHAPTER_NODE = re.compile(re.escape(BASE + "id/chapter/") + r"([^/]+)")
"""An IRI of a chapter or of a node minted under it (section, paragraph, mention…): group 1 is its id."""
_MENTION = re.compile(r"/mention/(\d+)-")
_IRI_IN_TERM = re.compile(r"<([^<>]*)>$")
_SUBJECT_TOKEN = re.compile(r"^(<[^>]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")
_PREFIX_DECLARATION = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
# Formats whose statements start at the beginning of a line, so a subject can be found by its line.
LINE_FORMATS = (".ttl", ".trig", ".nt", ".nq")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result and the input it traces back to.

    Terms are plain IRIs except `value`, which is written as in N-Triples (an IRI in angle brackets,
    a literal in quotes), and `path`, which may be a SPARQL property path.
    """

    focus: str
    path: str | None
    value: str | None
    source_shape: str
    component: str
    constraint: str | None
    message: str
    severity: str
    chapter: str | None = None
    source: str = REFERENCE_DATA
    line: int | None = None

    @property
    def key(self) -> tuple[str | None, ...]:
        """What the result says, without where it was traced to: equal results have equal keys."""
        return (self.focus, self.path, self.value, self.source_shape, self.component, self.constraint)

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass(frozen=True, slots=True)
class ValidationReport:
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        """No result of severity sh:Violation (warnings and infos are reported but let a graph pass)."""
        return not any(v.severity == VIOLATION for v in self.violations)

    @property
    def keys(self) -> frozenset[tuple[str | None, ...]]:
        return frozenset(v.key for v in self.violations)

    def render(self) -> str:
        return render(self)

    def problems(self) -> list[InputError]:
        return problems(self)


def compact(iri: str) -> str:
    """`https://w3id.org/wilcokg/id/city/lille` → `city:lille`, for reading, not for parsing."""
    return curie(iri, {**PREFIXES, "wsh": SHAPES, "sh": SH}) or iri


def _compact_value(value: str) -> str:
    """An IRI or a literal's datatype IRI in N-Triples, compacted: `"63"^^xsd:integer`."""
    return _IRI_IN_TERM.sub(lambda iri: compact(iri[1]), value)


def _groups(report: ValidationReport) -> list[list[Violation]]:
    """Violations by focus node and rule, sorted by where they come from."""
    groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for violation in report.violations:
        groups[(violation.focus, violation.constraint or violation.source_shape)].append(violation)
    return sorted(groups.values(), key=lambda g: (g[0].source, g[0].line or 0, g[0].focus, g[0].source_shape))


def render(report: ValidationReport) -> str:
    """One line per focus node and rule, like a compiler: `file:line: node path: message (rule; …)`."""
    lines = [f"{group[0].location}: {_describe(group)}" for group in _groups(report)]
    nodes = len({v.focus for v in report.violations})
    failing = sum(v.severity == VIOLATION for v in report.violations)
    if report.conforms:
        lines.append(f"conforms ({counted(len(report.violations), 'warning')})" if report.violations else "conforms")
    else:
        lines.append(f"{counted(failing, 'violation')} on {counted(nodes, 'node')}")
    return "\n".join(lines)


def problems(report: ValidationReport) -> list[InputError]:
    """The same lines as errors of the build, whose CLI prints them as `file:line: message`."""
    return [InputError(group[0].source, group[0].line or 1, _describe(group)) for group in _groups(report)]


def _describe(group: list[Violation]) -> str:
    first = group[0]
    paths = sorted({compact(v.path) for v in group if v.path})
    values = sorted({_compact_value(v.value) for v in group if v.value})
    components = sorted({compact(v.component).removesuffix("ConstraintComponent") for v in group})
    rule = compact(first.constraint or first.source_shape)
    severity = "" if first.severity == VIOLATION else f"{compact(first.severity).removeprefix('sh:')}: "
    text = f"{severity}{compact(first.focus)}"
    if paths:
        text += " " + ", ".join(paths)
    text += f": {first.message} ({rule}; {', '.join(components)})"
    if values:
        text += " [" + ", ".join(values) + "]"
    return text


class _GraphIndex:
    """The few facts that locate a node: chapter source files, titles, lines and offsets."""

    _WANTED = frozenset(
        (DCTERMS("identifier"), DCTERMS("title"), WILCO("line"), WILCO("startOffset"), WILCO("endOffset"))
    )

    def __init__(self, quads: Iterable[Quad], reports: Path | None) -> None:
        self.reports = reports
        self.facts: dict[tuple[str, str], str] = {}
        for quad in quads:
            if quad.predicate in self._WANTED and isinstance(quad.object, Literal):
                self.facts.setdefault((value(quad.subject), quad.predicate.value), quad.object.value)
        self._parts: dict[str, list[tuple[int, int, int]]] = {}
        self._title_lines: dict[str, int | None] = {}

    def number(self, node: str, predicate: NamedNode) -> int | None:
        value = self.facts.get((node, predicate.value), "")
        return int(value) if value.isdigit() else None

    def source(self, chapter: str) -> str | None:
        """The chapter's source file: its name in the reports folder, under that folder when known."""
        name = self.facts.get((chapter + "/source", DCTERMS("identifier").value))
        return str(self.reports / name) if name and self.reports else name

    def line_at(self, chapter: str, offset: int) -> int | None:
        """The line of the innermost section or paragraph of `chapter` that contains `offset`."""
        if chapter not in self._parts:
            self._parts[chapter] = sorted(self._located_parts(chapter))
        inside = [line for start, end, line in self._parts[chapter] if start <= offset < end]
        return inside[-1] if inside else None

    def _located_parts(self, chapter: str) -> Iterable[tuple[int, int, int]]:
        for node, predicate in self.facts:
            if predicate == WILCO("line").value and node.startswith(chapter + "/"):
                start, end = self.number(node, WILCO("startOffset")), self.number(node, WILCO("endOffset"))
                line = self.number(node, WILCO("line"))
                if start is not None and end is not None and line is not None:
                    yield start, end, line

    def title_line(self, chapter: str, source: str) -> int | None:
        """The chapter's own `wilco:line`, else its title's line read back from its source file."""
        if chapter not in self._title_lines:
            line = self.number(chapter, WILCO("line"))
            title = self.facts.get((chapter, DCTERMS("title").value))
            self._title_lines[chapter] = line if line is not None else _title_line(source, title)
        return self._title_lines[chapter]


def _title_line(source: str, title: str | None) -> int | None:
    path = Path(source)
    if not title or not path.is_file():
        return None
    for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if text.strip() == title:
            return number
    return None


class SubjectLines:
    """Where each subject IRI starts a statement in Turtle-family files (the curated reference data)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.found: dict[str, tuple[str, int]] = {}
        for path in paths:
            if path.suffix in LINE_FORMATS and path.is_file():
                self._scan(path)

    def _scan(self, path: Path) -> None:
        prefixes: dict[str, str] = {}
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if declared := _PREFIX_DECLARATION.match(text):
                prefixes[declared[1]] = declared[2]
            elif (token := _SUBJECT_TOKEN.match(text)) and (iri := _expand(token[1], prefixes)):
                self.found.setdefault(iri, (str(path), number))

    def get(self, iri: str) -> tuple[str, int] | None:
        return self.found.get(iri)


def _expand(token: str, prefixes: dict[str, str]) -> str | None:
    if token.startswith("<"):
        return token[1:-1]
    prefix, _, local = token.partition(":")
    return prefixes[prefix] + local.replace("\\", "") if prefix in prefixes else None


def locate(
    violations: Iterable[Violation],
    quads: Iterable[Quad],
    reports: Path | None = None,
    reference: Sequence[Path] = (),
) -> tuple[Violation, ...]:
    """Attach to each violation its chapter, source file and line.

    A node under `id/chapter/{id}/` belongs to that chapter, whose source file is named relative to
    `reports`: its line is its own `wilco:line`, or that of the section or paragraph containing its
    mention's start, or the chapter's title line. Any other node is looked up where it starts a
    statement in the `reference` files, else it comes from "reference data".
    """
    pending = tuple(violations)
    if not pending:
        return ()
    index = _GraphIndex(quads, reports)
    subjects = SubjectLines(reference)
    return tuple(_locate_one(v, index, subjects) for v in pending)


def _locate_one(violation: Violation, index: _GraphIndex, subjects: SubjectLines) -> Violation:
    node = CHAPTER_NODE.match(violation.focus)
    if node is None:
        found = subjects.get(violation.focus)
        return replace(violation, source=found[0], line=found[1]) if found else violation
    chapter_id = node[1]
    chapter = BASE + "id/chapter/" + chapter_id
    source = index.source(chapter) or f"chapter {chapter_id}"
    line = index.number(violation.focus, WILCO("line"))
    if line is None and (mention := _MENTION.search(violation.focus)):
        # The start in the mention's IRI, where the text was found, even when its oa:start is broken.
        line = index.line_at(chapter, int(mention[1]))
    if line is None:
        line = index.title_line(chapter, source)
    return replace(violation, chapter=chapter_id, source=source, line=line)
