"""Map parsed chapters and their mentions to RDF quads, following docs/data-model.md."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from wilcokg.errors import InputError
from wilcokg.quad_order import sort_key
from wilcokg.reading.mentions import Mention
from wilcokg.reading.model import Reading
from wilcokg.reading.places import chapter_city
from wilcokg.reading.triples import discovered_quads, relation_quads
from wilcokg.reference import Reference
from wilcokg.source.authors import Affiliation, Author, Role
from wilcokg.source.chapter import ChapterKind, Paragraph, Section
from wilcokg.source.corpus import PlacedChapter
from wilcokg.source.sentences import sentence_bounds
from wilcokg.vocab import (
    BIBO,
    BOOK,
    DCTERMS,
    ENGLISH,
    FOAF,
    KEYWORD_SCHEME,
    OA,
    ORG,
    PROV,
    RDF_TYPE,
    RDFS,
    REFERENCE_GRAPH,
    SCHEMA,
    SKOS,
    WILCO,
    XSD,
    chapter_graph,
    entity,
    slugify,
)

_QUOTE_CONTEXT = 240
"""At most this many characters of context on each side of a quote, cut at the sentence's bounds."""


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD("integer"))


def english(text: str) -> Literal:
    return Literal(text, language="en")


@dataclass(frozen=True, slots=True)
class ChapterGraph:
    """One chapter's named graph (its quads sorted by `sort_key`) and the shared entities it introduces."""

    identifier: str
    quads: tuple[Quad, ...]
    shared: tuple[Quad, ...]
    source: NamedNode
    """The chapter's source text, the entity its provenance names."""


class _Triples:
    def __init__(self, graph_name: NamedNode) -> None:
        self.graph_name = graph_name
        self.quads: list[Quad] = []

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, predicate, obj, self.graph_name))

    def types(self, subject: NamedNode, *classes: NamedNode) -> None:
        for cls in classes:
            self.add(subject, RDF_TYPE, cls)


def chapter_iri(identifier: str) -> NamedNode:
    return entity("chapter", identifier)


def _category(reference: Reference, placed: PlacedChapter, name: str) -> NamedNode:
    chapter = placed.chapter
    for category in ("policy-field", "chapter-kind"):
        if found := reference.find(category, name):
            return NamedNode(found.iri)
    raise InputError(
        chapter.source,
        chapter.categories_line or chapter.title_line,
        f"unknown category {name!r}: expected a policy field (Housing, Child care, Labour market) "
        "or a chapter kind (Introduction, Conclusions)",
    )


def _located(triples: _Triples, node: NamedNode, line: int, start: int, end: int) -> None:
    triples.add(node, WILCO("line"), integer(line))
    triples.add(node, WILCO("startOffset"), integer(start))
    triples.add(node, WILCO("endOffset"), integer(end))


def _paragraphs(
    triples: _Triples, chapter: NamedNode, parent: NamedNode, paragraphs: Iterable[Paragraph], first: int
) -> int:
    number = first
    for position, paragraph in enumerate(paragraphs, start=1):
        node = NamedNode(f"{chapter.value}/paragraph/{number}")
        triples.types(node, WILCO("Paragraph"))
        triples.add(node, DCTERMS("isPartOf"), parent)
        triples.add(node, SCHEMA("position"), integer(position))
        triples.add(node, SCHEMA("text"), english(paragraph.text))
        if quotation := paragraph.quotation:
            triples.types(node, SCHEMA("Quotation"))
            if quotation.attribution:
                triples.add(node, SCHEMA("creditText"), english(quotation.attribution))
        for footnote in paragraph.footnotes:
            triples.add(node, WILCO("footnoteNumber"), integer(footnote))
        _located(triples, node, paragraph.line, paragraph.start, paragraph.end)
        number += 1
    return number


def _section(triples: _Triples, chapter: NamedNode, position: int, section: Section, first: int) -> int:
    node = NamedNode(f"{chapter.value}/section/{position}")
    triples.types(node, WILCO("Section"))
    triples.add(node, DCTERMS("isPartOf"), chapter)
    triples.add(node, DCTERMS("title"), english(section.title))
    triples.add(node, SCHEMA("position"), integer(position))
    if section.number:
        triples.add(node, WILCO("sectionNumber"), Literal(section.number))
    for footnote in section.footnotes:
        triples.add(node, WILCO("footnoteNumber"), integer(footnote))
    _located(triples, node, section.line, section.start, section.end)
    return _paragraphs(triples, chapter, node, section.paragraphs, first)


def _mention(triples: _Triples, chapter: NamedNode, text: str, mention: Mention) -> None:
    node = NamedNode(f"{chapter.value}/mention/{mention.start}-{mention.end}-{mention.entity.slug}")
    target = NamedNode(node.value + "/target")
    position = NamedNode(node.value + "/position")
    quote = NamedNode(node.value + "/quote")
    triples.types(node, OA("Annotation"))
    triples.add(node, OA("motivatedBy"), OA("identifying"))
    triples.add(node, OA("hasBody"), NamedNode(mention.entity.iri))
    triples.add(node, OA("hasTarget"), target)
    triples.types(target, OA("SpecificResource"))
    triples.add(target, OA("hasSource"), chapter)
    triples.add(target, OA("hasSelector"), position)
    triples.add(target, OA("hasSelector"), quote)
    triples.types(position, OA("TextPositionSelector"))
    triples.add(position, OA("start"), integer(mention.start))
    triples.add(position, OA("end"), integer(mention.end))
    triples.types(quote, OA("TextQuoteSelector"))
    triples.add(quote, OA("exact"), Literal(mention.exact))
    prefix, suffix = sentence_context(text, mention.start, mention.end)
    triples.add(quote, OA("prefix"), Literal(prefix))
    triples.add(quote, OA("suffix"), Literal(suffix))


def sentence_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the sentence before and after `text[start:end]`: the mention's evidence."""
    first, last = sentence_bounds(text, start, end, window=_QUOTE_CONTEXT)
    return text[first:start], text[end:last]


def _affiliation(shared: _Triples, reference: Reference, affiliation: Affiliation) -> NamedNode:
    known = reference.find("org", affiliation.name) or reference.find("org", affiliation.text)
    if known:
        return NamedNode(known.iri)
    node = entity("org", slugify(affiliation.name))
    shared.types(node, ORG("Organization"))
    shared.add(node, RDFS("label"), Literal(affiliation.name))
    shared.add(node, SKOS("prefLabel"), english(affiliation.name))
    if affiliation.place and (city := reference.find("city", affiliation.place)):
        shared.add(node, DCTERMS("spatial"), NamedNode(city.iri))
    return node


def _person(shared: _Triples, reference: Reference, person: Author) -> NamedNode:
    node = entity("person", slugify(person.name))
    shared.types(node, FOAF("Person"))
    shared.add(node, FOAF("name"), Literal(person.name))
    shared.add(node, RDFS("label"), Literal(person.name))
    for affiliation in person.affiliations:
        shared.add(node, ORG("memberOf"), _affiliation(shared, reference, affiliation))
    return node


def keyword_iri(label: str) -> NamedNode:
    return entity("keyword", slugify(label))


def _listed_keyword(shared: _Triples, reference: Reference, label: str) -> NamedNode:
    node = keyword_iri(label)
    if node.value not in reference.entities:
        # A printed keyword the curated thesaurus lacks still joins the scheme, as a top concept.
        shared.types(node, SKOS("Concept"))
        shared.add(node, SKOS("prefLabel"), english(label))
        shared.add(node, RDFS("label"), Literal(label))
        shared.add(node, SKOS("inScheme"), KEYWORD_SCHEME)
        shared.add(node, SKOS("topConceptOf"), KEYWORD_SCHEME)
        shared.add(KEYWORD_SCHEME, SKOS("hasTopConcept"), node)
    return node


def map_chapter(
    placed: PlacedChapter, reading: Reading, reference: Reference, curated_roles: Collection[str]
) -> ChapterGraph:
    """The chapter's graph: its structure, every mention the reading found, its roles with their evidence;
    and the entities it discovered (in `graph/discovered`) and the authors and keywords it introduces."""
    chapter = placed.chapter
    node = chapter_iri(chapter.identifier)
    triples = _Triples(chapter_graph(chapter.identifier))
    shared = _Triples(REFERENCE_GRAPH)
    city = chapter_city(reference, placed)
    if code := placed.placement.country_code:
        line = chapter.header.line if chapter.header else chapter.title_line
        if code.upper() not in reference.printed_country_codes:
            raise InputError(chapter.source, line, f"unknown country code {code!r}: expected a code the book prints")
    triples.types(node, BIBO("Chapter"), SCHEMA("Chapter"))
    triples.add(node, DCTERMS("title"), english(chapter.title.text))
    triples.add(node, WILCO("line"), integer(chapter.title_line))
    triples.add(node, RDFS("label"), english(chapter.title.text))
    triples.add(node, DCTERMS("isPartOf"), BOOK)
    triples.add(node, DCTERMS("spatial"), city)
    triples.add(node, DCTERMS("language"), ENGLISH)
    triples.add(node, WILCO("chapterKind"), entity("chapter-kind", chapter.kind.value))
    for category in chapter.categories:
        triples.add(node, WILCO("category"), _category(reference, placed, category))
    if chapter.kind is ChapterKind.INNOVATION and chapter.title.number is not None:
        triples.add(node, BIBO("number"), integer(chapter.title.number))
        if innovation := reference.innovation_by_chapter.get(chapter.title.number) or reading.own_innovation:
            triples.add(node, SCHEMA("about"), NamedNode(innovation))
            triples.add(NamedNode(innovation), DCTERMS("isReferencedBy"), node)
    if chapter.header:
        for author in chapter.header.authors:
            triples.add(node, DCTERMS("creator"), _person(shared, reference, author))
        for contributor in chapter.header.contributors:
            person = _person(shared, reference, contributor)
            triples.add(node, DCTERMS("contributor"), person)
            if contributor.role is Role.EDITOR:
                triples.add(node, BIBO("editor"), person)
    for label in chapter.listed_keywords:
        triples.add(node, WILCO("listedKeyword"), _listed_keyword(shared, reference, label))
    source = NamedNode(node.value + "/source")
    triples.add(node, DCTERMS("source"), source)
    triples.add(node, PROV("wasDerivedFrom"), source)
    triples.types(source, PROV("Entity"), WILCO("SourceText"))
    triples.add(source, DCTERMS("identifier"), Literal(placed.name))
    triples.add(source, WILCO("sha256"), Literal(placed.sha256))
    next_paragraph = _paragraphs(triples, node, node, chapter.preamble, 1)
    for position, section in enumerate(chapter.sections, start=1):
        next_paragraph = _section(triples, node, position, section, next_paragraph)
    for mention in reading.mentions:
        _mention(triples, node, chapter.text, mention)
        body = NamedNode(mention.entity.iri)
        if mention.entity.category in ("keyword", "policy-field"):
            triples.add(node, DCTERMS("subject"), body)
        elif mention.entity.category == "innovation":
            triples.add(body, DCTERMS("isReferencedBy"), node)
    triples.quads += relation_quads(reading, node, chapter.text, triples.graph_name, curated_roles)
    fields = [f for f in (_category(reference, placed, c) for c in chapter.categories) if "/policy-field/" in f.value]
    shared.quads += discovered_quads(reading, node, city, fields[0] if fields else None)
    # Sorted here, once per chapter, so that the build lays the chapters' graphs end to end.
    own = tuple(sorted(set(triples.quads), key=sort_key))
    return ChapterGraph(chapter.identifier, own, tuple(_unique(shared.quads)), source)


def _unique(quads: Iterable[Quad]) -> Iterator[Quad]:
    seen: set[Quad] = set()
    for quad in quads:
        if quad not in seen:
            seen.add(quad)
            yield quad
