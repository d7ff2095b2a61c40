"""The curated reference data (`data/reference/*.ttl`) and the ontology, loaded once per build."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, QuerySolutions, RdfFormat, Store, parse

from wilcokg.errors import InputError, os_reason
from wilcokg.terms import solutions
from wilcokg.vocab import BASE, ONTOLOGY_GRAPH, REFERENCE_GRAPH


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    """`reference/places.ttl`: folder and file name, the same on every machine."""
    sha256: str


@dataclass(frozen=True, slots=True)
class Entity:
    iri: str
    category: str
    label: str

    @property
    def slug(self) -> str:
        """`org-caf`: unique across categories, used in mention IRIs."""
        return f"{self.category}-{self.iri.rstrip('/').rsplit('/', 1)[-1]}"


@dataclass(frozen=True, slots=True)
class Label:
    """A name under which an entity may be mentioned in the text."""

    text: str
    entity: Entity


# The category of an entity comes from its class or its concept scheme; order decides ties.
_CATEGORIES = f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?entity ?category WHERE {{
  {{ ?entity a schema:City . BIND("city" AS ?category) }}
  UNION {{ ?entity a schema:Country . BIND("country" AS ?category) }}
  UNION {{ ?entity a schema:AdministrativeArea . BIND("place" AS ?category) }}
  UNION {{ ?entity a org:Organization . BIND("org" AS ?category) }}
  UNION {{ ?entity a <{BASE}ontology#SocialInnovation> . BIND("innovation" AS ?category) }}
  UNION {{ ?entity skos:inScheme <{BASE}id/scheme/keywords> . BIND("keyword" AS ?category) }}
  UNION {{ ?entity skos:inScheme <{BASE}id/scheme/policy-fields> . BIND("policy-field" AS ?category) }}
  UNION {{ ?entity skos:inScheme <{BASE}id/scheme/chapter-kinds> . BIND("chapter-kind" AS ?category) }}
}}
"""
_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?entity ?label WHERE {
  VALUES ?property { rdfs:label skos:prefLabel skos:altLabel skos:hiddenLabel foaf:name }
  ?entity ?property ?label .
}
"""
_MAIN_LABEL = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?entity (SAMPLE(?name) AS ?label) WHERE {
  { ?entity rdfs:label ?name } UNION { ?entity foaf:name ?name }
  UNION { ?entity skos:prefLabel ?name FILTER(LANGMATCHES(LANG(?name), "en")) }
} GROUP BY ?entity
"""
_PRINTED_CODES = f"""
SELECT ?country ?code WHERE {{ ?country <{BASE}ontology#printedCountryCode> ?code }}
"""
_FOLDER_CODES = f"""
SELECT ?country ?code WHERE {{
  ?country a <http://schema.org/Country> .
  {{ ?country <{BASE}ontology#printedCountryCode> ?code }} UNION {{ ?country <http://schema.org/identifier> ?code }}
}}
"""
_CHAPTER_NUMBERS = f"""
SELECT ?innovation ?number WHERE {{ ?innovation <{BASE}ontology#chapterNumber> ?number }}
"""
# A category applies to entities only in this order of precedence when an IRI has several.
_PRECEDENCE = (
    "innovation",
    "org",
    "city",
    "country",
    "place",
    "policy-field",
    "keyword",
    "chapter-kind",
    "person",
)

_LINE = re.compile(r"line (\d+)")


@dataclass(frozen=True, slots=True)
class Reference:
    quads: tuple[Quad, ...]
    files: tuple[SourceFile, ...]
    entities: dict[str, Entity]
    labels: tuple[Label, ...]
    printed_country_codes: dict[str, str]
    folder_country_codes: dict[str, str]
    """What a city folder's `<cc>-` may be, upper case: a country's printed code or its ISO 3166 code."""
    innovation_by_chapter: dict[int, str]
    by_label: dict[tuple[str, str], Entity]
    """(category, case-folded label) → entity; the first entity in IRI order wins a shared label."""

    def find(self, category: str, name: str) -> Entity | None:
        """The entity of `category` one of whose labels is `name` (case-insensitive)."""
        return self.by_label.get((category, name.casefold().strip()))


def _load_file(path: Path, graph: NamedNode) -> list[Quad]:
    source = str(path)
    try:
        triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
    except SyntaxError as error:
        match = _LINE.search(str(error))
        raise InputError(source, int(match[1]) if match else 1, f"invalid Turtle: {error}") from None
    except OSError as error:
        raise InputError(source, 1, f"cannot read the file ({os_reason(error)})") from None
    for triple in triples:
        if isinstance(triple.subject, BlankNode) or isinstance(triple.object, BlankNode):
            raise InputError(source, 1, f"blank node in {triple}: expected every node to have an IRI")
    return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def source_file(path: Path) -> SourceFile:
    """A file the build used, named by its folder and its own name, with its digest."""
    return SourceFile(f"{path.parent.name}/{path.name}", hashlib.sha256(path.read_bytes()).hexdigest())


def _rows(store: Store, select: str) -> QuerySolutions:
    return solutions(store.query(select, use_default_graph_as_union=True))


def load_reference(reference_dir: Path, ontology: Path) -> Reference:
    """Reference quads in `graph/reference`, ontology quads in `graph/ontology`, plus lookups."""
    paths = sorted(reference_dir.glob("*.ttl"))
    if not paths:
        raise InputError(str(reference_dir), 1, "no reference data: expected *.ttl files")
    quads: list[Quad] = []
    for path in paths:
        quads.extend(_load_file(path, REFERENCE_GRAPH))
    quads.extend(_load_file(ontology, ONTOLOGY_GRAPH))
    files = tuple(source_file(p) for p in [*paths, ontology])
    store = Store()
    store.extend(q for q in quads if q.graph_name == REFERENCE_GRAPH)
    main_labels = {row["entity"].value: row["label"].value for row in _rows(store, _MAIN_LABEL)}
    categories: dict[str, str] = {}
    for row in _rows(store, _CATEGORIES):
        iri, category = row["entity"].value, row["category"].value
        if iri not in categories or _PRECEDENCE.index(category) < _PRECEDENCE.index(categories[iri]):
            categories[iri] = category
    entities = {
        iri: Entity(iri, category, main_labels.get(iri, iri.rsplit("/", 1)[-1])) for iri, category in categories.items()
    }
    labels = tuple(
        sorted(
            {
                Label(row["label"].value, entities[row["entity"].value])
                for row in _rows(store, _LABELS)
                if row["entity"].value in entities
            },
            key=lambda label: (label.entity.iri, label.text),
        )
    )
    printed = {row["code"].value.upper(): row["country"].value for row in _rows(store, _PRINTED_CODES)}
    folder_codes = {row["code"].value.upper(): row["country"].value for row in _rows(store, _FOLDER_CODES)}
    numbers = {int(row["number"].value): row["innovation"].value for row in _rows(store, _CHAPTER_NUMBERS)}
    by_label: dict[tuple[str, str], Entity] = {}
    for label in labels:
        by_label.setdefault((label.entity.category, label.text.casefold().strip()), label.entity)
    return Reference(tuple(quads), files, entities, labels, printed, folder_codes, numbers, by_label)
