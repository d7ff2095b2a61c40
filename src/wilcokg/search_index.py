"""The full-text index of dist/: `search.sqlite`, an SQLite FTS5 database built with the graph.

One row per thing a person may look for: an entity with all its labels in every language, a
section heading, a paragraph's text, and the sentence around each mention (its evidence). Rows are
grouped so that entity names rank above headings, headings above paragraphs, and paragraphs above
evidence; bm25 ranks within a group, an entity's own name (the `name` column) weighing more than
its other labels, so that `housing` finds the policy field Housing before Housing corporation.

The chapters' source texts are stored beside the index (`chapters` table) because the chapter
reader shows them as published, footnote markers included, and the mentions' offsets index exactly
that text.

The same dataset always gives the same bytes: rows are inserted in sorted order into an in-memory
database, which is then optimised, vacuumed and serialised; nothing depends on time or on the order
of the quads.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from pyoxigraph import Literal, Quad

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


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    group: int
    title: str
    text: str
    kind: str
    iri: str
    anchor: str
    """Where the reader shows it (`/chapter/lille-introduction#p7`); empty for an entity's own page."""


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
        self.labels: dict[str, list[tuple[str, Literal]]] = defaultdict(list)
        for quad in quads:
            predicate = quad.predicate.value
            if predicate == _TYPE:
                if (cls := value(quad.object)) in _CLASSES:
                    self.instances[cls].add(value(quad.subject))
            elif predicate in LABEL_PREDICATES and isinstance(obj := quad.object, Literal):
                self.labels[value(quad.subject)].append((predicate, obj))
            elif predicate in _VALUE_PREDICATES:
                obj = quad.object
                self.values[(value(quad.subject), predicate)].append(obj if isinstance(obj, Literal) else value(obj))

    def one(self, subject: str, predicate: str) -> str | None:
        found = self.values.get((subject, predicate))
        return None if not found else found[0] if isinstance(found[0], str) else found[0].value

    def of_type(self, cls: str) -> list[str]:
        return sorted(self.instances.get(cls, ()))

    def title(self, iri: str) -> str:
        """English label first, then an untagged one, then any: the name shown for `iri`."""
        labels = self.labels.get(iri, [])
        for predicate in _DISPLAY_PREDICATES:
            ranked = sorted(
                (0 if label.language == "en" else 1 if not label.language else 2, label.value)
                for p, label in labels
                if p == predicate
            )
            if ranked:
                return ranked[0][1]
        return iri.rsplit("/", 1)[-1]


def _entity_entries(facts: _Facts) -> Iterable[Entry]:
    for iri, labels in facts.labels.items():
        if not iri.startswith(BASE) or "/section/" in iri:
            continue
        title = facts.title(iri)
        names = sorted({_clean(label.value) for _, label in labels} - {title})
        anchor = reader_anchor(iri) if kind_of(iri) == "Chapter" else ""
        yield Entry(Group.ENTITY, title, " · ".join([title, *names]), kind_of(iri), iri, anchor)


def _section_entries(facts: _Facts) -> Iterable[Entry]:
    for section in facts.of_type(PREFIXES["wilco"] + "Section"):
        for _, label in facts.labels.get(section, []):
            chapter = facts.title(section.split("/section/")[0])
            yield Entry(Group.HEADING, chapter, _clean(label.value), "Section", section, reader_anchor(section))


def _paragraph_entries(facts: _Facts) -> Iterable[Entry]:
    for paragraph in facts.of_type(PREFIXES["wilco"] + "Paragraph"):
        text = facts.one(paragraph, _TEXT)
        if text:
            chapter = facts.title(paragraph.split("/paragraph/")[0])
            yield Entry(Group.PARAGRAPH, chapter, _clean(text), "Paragraph", paragraph, reader_anchor(paragraph))


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


def _evidence_entries(facts: _Facts, sources: Mapping[str, ChapterSource]) -> Iterable[Entry]:
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
        title = f"{facts.title(entity)} in {facts.title(chapter)}"
        # Two mentions of the entity in one sentence make equal entries, of which the index keeps one.
        source = sources[chapter_id(chapter)]
        sentence = _evidence_text(source.text, start, end, source.footnotes)
        yield Entry(Group.EVIDENCE, title, sentence, "Mention", entity, reader_anchor(place or chapter))


def index_entries(quads: Iterable[Quad], sources: Mapping[str, ChapterSource]) -> list[Entry]:
    """Every row of the index, sorted; `sources` are the chapters' texts by chapter id."""
    facts = _Facts(quads)
    entries = {
        *_entity_entries(facts),
        *_section_entries(facts),
        *_paragraph_entries(facts),
        *_evidence_entries(facts, sources),
    }
    return sorted(entries)


def search_database(quads: Iterable[Quad], sources: Iterable[ChapterSource]) -> bytes:
    """`search.sqlite`'s bytes: the index over `quads` and the chapters' source texts."""
    texts = {source.identifier: source for source in sources}
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO entries (text, name, title, grp, kind, iri, anchor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (e.text, e.title if e.group == Group.ENTITY else "", e.title, int(e.group), e.kind, e.iri, e.anchor)
                for e in index_entries(quads, texts)
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
