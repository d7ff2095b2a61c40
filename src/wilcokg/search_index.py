"""The full-text index of dist/: `search.sqlite`, an SQLite FTS5 database built with the graph.

One row per thing a person may look for: an entity with all its labels in every language, a
section heading, a paragraph's text, and the sentence around each mention (its evidence). Rows are
grouped so that entity names rank above headings, headings above paragraphs, and paragraphs above
evidence; bm25 ranks within a group, an entity's own name (the `name` column) weighing more than
its other labels, so that `housing` finds the policy field Housing before Housing corporation.

The chapters' source texts are stored beside the index (`chapters` table) because the chapter
reader shows them as published, footnote markers included, and the mentions' offsets index exactly
that text.

The rows are made a named graph at a time, their titles left open until every graph's labels are
known: a chapter's rows depend on its graph and its text alone, so a rebuild after one chapter
changed takes the others' from the build cache, as it takes their dump segments.

The same dataset always gives the same bytes: rows are inserted in sorted order into an in-memory
database, which is then optimised, vacuumed and serialised; nothing depends on time or on the order
of the quads.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import IntEnum
from operator import attrgetter
from typing import NamedTuple

from pyoxigraph import Literal, Quad

from wilcokg.build_cache import BuildCache, computed
from wilcokg.labels import language_rank
from wilcokg.quad_order import GraphRun, Graphs, graph_runs_of
from wilcokg.source.footnotes import Footnote, strip_markers
from wilcokg.source.sentences import sentence_bounds
from wilcokg.terms import value
from wilcokg.vocab import BASE, PREFIXES

TOKENIZER = "unicode61 remove_diacritics 2"
LABEL_PREDICATES = frozenset(
    PREFIXES[prefix] + local
    for prefix, local in (
        ("rdfs", "label"),
        ("skos", "prefLabel"),
        ("skos", "altLabel"),
        ("skos", "hiddenLabel"),
        ("foaf", "name"),
        ("dcterms", "title"),
    )
)
_DISPLAY_PREDICATES = (PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title")
_TYPE = PREFIXES["rdf"] + "type"
_TEXT = PREFIXES["schema"] + "text"
_START = PREFIXES["wilco"] + "startOffset"
_END = PREFIXES["wilco"] + "endOffset"
_ID = BASE + "id/"
# Control characters never occur in the chapters; removing them keeps the search's highlight
# markers (two of them) impossible to confuse with text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
KINDS = {
    "city": "City",
    "country": "Country",
    "place": "Place",
    "org": "Organisation",
    "person": "Person",
    "innovation": "Social innovation",
    "keyword": "Keyword",
    "policy-field": "Policy field",
    "chapter-kind": "Chapter kind",
    "chapter": "Chapter",
    "book": "Book",
    "scheme": "Concept scheme",
    "dataset": "Dataset",
    "project": "Project",
    "build": "Build",
}

_SCHEMA = f"""
CREATE VIRTUAL TABLE entries USING fts5(
  text, name, title UNINDEXED, grp UNINDEXED, kind UNINDEXED, iri UNINDEXED, anchor UNINDEXED,
  tokenize = "{TOKENIZER}"
);
CREATE TABLE chapters (id TEXT PRIMARY KEY, iri TEXT NOT NULL, text TEXT NOT NULL) WITHOUT ROWID;
"""


class Group(IntEnum):
    """Result groups in rank order."""

    ENTITY = 0
    HEADING = 1
    PARAGRAPH = 2
    EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class ChapterSource:
    """A chapter's source text as published, and its footnote markers as the corpus parsed them."""

    identifier: str
    text: str
    footnotes: tuple[Footnote, ...]


# Labels and rows are named tuples, not dataclasses: a rebuild reads some 200 k of them back from the build
# cache, and a tuple unpickles several times faster than a slotted dataclass.
class Label(NamedTuple):
    iri: str
    predicate: str
    text: str
    language: str


class Row(NamedTuple):
    """An entry that one graph gives, before every graph's labels are known: its title is that of the
    IRIs `titled` (a mention's: the entity's and the chapter's, joined by "in")."""

    group: int
    titled: tuple[str, ...]
    text: str
    kind: str
    iri: str
    anchor: str


@dataclass(frozen=True, slots=True)
class GraphRows:
    """What one named graph gives the index: its labels, and its rows."""

    labels: tuple[Label, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    group: int
    title: str
    text: str
    kind: str
    iri: str
    anchor: str
    """Where the reader shows it (`/chapter/lille-introduction#p7`); empty for an entity's own page."""


_ENTRY_ORDER = attrgetter(*(field.name for field in fields(Entry)))
"""Entries in rank order: by group first (see `Group`), then by title, text and the rest."""


def kind_of(iri: str) -> str:
    """What an IRI names, read from its path (docs/data-model.md: `…/id/{kind}/{slug}`)."""
    if iri.startswith(PREFIXES["wilco"]):
        return "Ontology term"
    segment = iri[len(_ID) :].split("/", 1)[0] if iri.startswith(_ID) else ""
    return KINDS.get(segment, "Resource")


def chapter_id(iri: str) -> str:
    """`lille-introduction` for the chapter and for any of its parts (`…/paragraph/7`)."""
    return iri[len(_ID + "chapter/") :].split("/", 1)[0]


def reader_anchor(iri: str) -> str:
    """The reader's address of a chapter, section or paragraph IRI."""
    chapter = f"/chapter/{chapter_id(iri)}"
    for part, prefix in (("/section/", "s"), ("/paragraph/", "p")):
        if part in iri:
            return f"{chapter}#{prefix}{iri.rsplit('/', 1)[1]}"
    return chapter


def sentence_id(start: int, end: int) -> str:
    """The id the reader gives a sentence that states a role: its offsets in the chapter's source text."""
    return f"e{start}-{end}"


def sentence_anchor(chapter: str, start: int, end: int) -> str:
    """The reader's address of the role-stating sentence at `start`–`end` of a chapter IRI's source text."""
    return f"/chapter/{chapter_id(chapter)}#{sentence_id(start, end)}"


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


_OA = PREFIXES["oa"]
_CLASSES = frozenset({PREFIXES["wilco"] + "Section", PREFIXES["wilco"] + "Paragraph", _OA + "Annotation"})
"""The classes whose instances the index lists."""
_VALUE_PREDICATES = frozenset(
    {_TEXT, _START, _END}
    | {_OA + name for name in ("hasBody", "hasTarget", "hasSource", "hasSelector", "start", "end", "motivatedBy")}
)
"""The predicates whose values the index reads."""


class _Facts:
    """The few triples the index needs, read once from the quads.

    A mention alone makes sixteen quads; the predicate is looked at first so that the quads the
    index never reads cost no more than that.
    """

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.values: dict[tuple[str, str], list[Literal | str]] = defaultdict(list)
        self.instances: dict[str, set[str]] = defaultdict(set)
        self.labels: list[Label] = []
        for quad in quads:
            predicate = quad.predicate.value
            if predicate == _TYPE:
                if (cls := value(quad.object)) in _CLASSES:
                    self.instances[cls].add(value(quad.subject))
            elif predicate in LABEL_PREDICATES and isinstance(obj := quad.object, Literal):
                self.labels.append(Label(value(quad.subject), predicate, obj.value, obj.language or ""))
            elif predicate in _VALUE_PREDICATES:
                obj = quad.object
                self.values[(value(quad.subject), predicate)].append(obj if isinstance(obj, Literal) else value(obj))

    def one(self, subject: str, predicate: str) -> str | None:
        found = self.values.get((subject, predicate))
        return None if not found else found[0] if isinstance(found[0], str) else found[0].value

    def of_type(self, cls: str) -> list[str]:
        return sorted(self.instances.get(cls, ()))


class _Titles:
    """Every graph's labels by IRI, and the one shown for each."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self.labels: dict[str, list[Label]] = defaultdict(list)
        for label in labels:
            self.labels[label.iri].append(label)
        # A chapter's title heads each of its rows: each title is chosen once.
        self._chosen: dict[str, str] = {}

    def title(self, iri: str) -> str:
        """English label first, then an untagged one, then any: the name shown for `iri`."""
        if (chosen := self._chosen.get(iri)) is None:
            chosen = self._chosen[iri] = self._choose(iri)
        return chosen

    def _choose(self, iri: str) -> str:
        labels = self.labels.get(iri, [])
        for predicate in _DISPLAY_PREDICATES:
            ranked = sorted(
                (language_rank(label.language), label.text) for label in labels if label.predicate == predicate
            )
            if ranked:
                return ranked[0][1]
        return iri.rsplit("/", 1)[-1]


def _entity_entries(titles: _Titles) -> Iterable[Entry]:
    for iri, labels in titles.labels.items():
        if not iri.startswith(BASE) or "/section/" in iri:
            continue
        title = titles.title(iri)
        names = sorted({_clean(label.text) for label in labels} - {title})
        anchor = reader_anchor(iri) if kind_of(iri) == "Chapter" else ""
        yield Entry(Group.ENTITY, title, " · ".join([title, *names]), kind_of(iri), iri, anchor)


def _section_rows(facts: _Facts) -> Iterable[Row]:
    sections = set(facts.of_type(PREFIXES["wilco"] + "Section"))
    for label in facts.labels:
        if label.iri in sections:
            chapter = label.iri.split("/section/")[0]
            yield Row(Group.HEADING, (chapter,), _clean(label.text), "Section", label.iri, reader_anchor(label.iri))


def _paragraph_rows(facts: _Facts) -> Iterable[Row]:
    for paragraph in facts.of_type(PREFIXES["wilco"] + "Paragraph"):
        text = facts.one(paragraph, _TEXT)
        if text:
            chapter = paragraph.split("/paragraph/")[0]
            yield Row(Group.PARAGRAPH, (chapter,), _clean(text), "Paragraph", paragraph, reader_anchor(paragraph))


def _containing_part(facts: _Facts, parts: list[tuple[int, int, str]], offset: int) -> str | None:
    return next((iri for start, end, iri in parts if start <= offset < end), None)


def _evidence_text(text: str, start: int, end: int, footnotes: Sequence[Footnote]) -> str:
    """The whole sentence around a mention, without its footnote markers, as the paragraphs are indexed."""
    first, last = sentence_bounds(text, start, end)
    inside = [f for f in footnotes if first <= f.start < f.end <= last]
    return _clean(strip_markers(text[first:last], inside, first))


def _position(facts: _Facts, selectors: list[Literal | str]) -> tuple[int, int] | None:
    """The start and end offsets of a mention, from whichever of its selectors has them."""
    for selector in map(str, selectors):
        start, end = facts.one(selector, PREFIXES["oa"] + "start"), facts.one(selector, PREFIXES["oa"] + "end")
        if start is not None and end is not None:
            return int(start), int(end)
    return None


def _evidence_rows(facts: _Facts, sources: Mapping[str, ChapterSource]) -> Iterable[Row]:
    # Paragraphs before sections: a section's span contains its paragraphs, and the paragraph is
    # the more precise place to send a reader to.
    parts: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for kind in ("Paragraph", "Section"):
        for part in facts.of_type(PREFIXES["wilco"] + kind):
            first, last = facts.one(part, _START), facts.one(part, _END)
            if first is not None and last is not None:
                parts[part.split(f"/{kind.lower()}/")[0]].append((int(first), int(last), part))
    oa = PREFIXES["oa"]
    for mention in facts.of_type(oa + "Annotation"):
        if facts.one(mention, oa + "motivatedBy") != oa + "identifying":
            continue  # evidence of a role or a stated value, not a mention of an entity
        entity, target = facts.one(mention, oa + "hasBody"), facts.one(mention, oa + "hasTarget")
        if entity is None or target is None:
            continue
        chapter = facts.one(target, oa + "hasSource")
        selectors = facts.values.get((target, oa + "hasSelector"), [])
        span = _position(facts, selectors)
        if chapter is None or span is None or chapter_id(chapter) not in sources:
            continue
        start, end = span
        place = _containing_part(facts, parts[chapter], start)
        # Two mentions of the entity in one sentence make equal entries, of which the index keeps one.
        source = sources[chapter_id(chapter)]
        sentence = _evidence_text(source.text, start, end, source.footnotes)
        yield Row(Group.EVIDENCE, (entity, chapter), sentence, "Mention", entity, reader_anchor(place or chapter))


def graph_rows(quads: Iterable[Quad], sources: Mapping[str, ChapterSource]) -> GraphRows:
    """What the quads of one graph give the index; `sources` are the chapters' texts by chapter id."""
    facts = _Facts(quads)
    rows = (*_section_rows(facts), *_paragraph_rows(facts), *_evidence_rows(facts, sources))
    return GraphRows(tuple(facts.labels), rows)


def _run_rows(run: GraphRun, sources: Mapping[str, ChapterSource]) -> GraphRows:
    return graph_rows(run.quads, sources)


def index_entries(graphs: Iterable[GraphRows]) -> list[Entry]:
    """Every entry of the index, sorted: the graphs' rows, titled by every graph's labels."""
    parts = list(graphs)
    titles = _Titles(label for part in parts for label in part.labels)
    entries = set(_entity_entries(titles))
    for part in parts:
        entries.update(
            Entry(row.group, " in ".join(map(titles.title, row.titled)), row.text, row.kind, row.iri, row.anchor)
            for row in part.rows
        )
    # Sorted by a tuple made once per entry: comparing the entries themselves makes two tuples per comparison.
    return sorted(entries, key=_ENTRY_ORDER)


def search_database(
    quads: Sequence[Quad] | Graphs,
    sources: Iterable[ChapterSource],
    keys: Mapping[str, str] | None = None,
    cache: BuildCache | None = None,
) -> bytes:
    """`search.sqlite`'s bytes: the index over `quads`, grouped by graph, and the chapters' source texts."""
    sources = tuple(sources)
    return index_database(search_rows(quads, sources, keys, cache), sources)


def search_rows(
    quads: Sequence[Quad] | Graphs,
    sources: Iterable[ChapterSource],
    keys: Mapping[str, str] | None = None,
    cache: BuildCache | None = None,
) -> list[GraphRows]:
    """What each graph of `quads` gives the index.

    A graph's rows depend on its quads and the text of the chapter they annotate: a graph that
    `keys` names (N-Triples form) by its chapter's key (or a `Graphs`' run keyed so) has them taken
    from `cache`, or made and kept there, as the dumps' segments are.
    """
    texts = {source.identifier: source for source in sources}
    return [
        computed(cache, "search", run.key, functools.partial(_run_rows, run, texts))
        for run in graph_runs_of(quads, keys)
    ]


def index_database(graphs: Sequence[GraphRows], sources: Iterable[ChapterSource]) -> bytes:
    """`search.sqlite`'s bytes: the graphs' rows and the chapters' source texts."""
    texts = {source.identifier: source for source in sources}
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO entries (text, name, title, grp, kind, iri, anchor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (e.text, e.title if e.group == Group.ENTITY else "", e.title, int(e.group), e.kind, e.iri, e.anchor)
                for e in index_entries(graphs)
            ],
        )
        connection.executemany(
            "INSERT INTO chapters (id, iri, text) VALUES (?, ?, ?)",
            [(chapter, f"{_ID}chapter/{chapter}", source.text) for chapter, source in sorted(texts.items())],
        )
        connection.execute("INSERT INTO entries (entries) VALUES ('optimize')")
        connection.commit()
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()
