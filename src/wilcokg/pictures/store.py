"""A network picture's rows read from a store, and the picture of a city or of the whole book.

The roles come from `queries/actor-roles.rq`, the contract for who does what; the innovations'
cities, the names and the places in the reader come from fixed queries and quad lookups. Every
value that varies (the city, an innovation, a chapter) is bound as a substitution, never written
into query text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolution, QuerySolutions, Store, Triple, Variable

from wilcokg.pictures.model import Node, Role, RoleRow, Status
from wilcokg.pictures.svg import DEFAULT_TITLE, network_picture
from wilcokg.queries import read_query
from wilcokg.search_index import reader_anchor
from wilcokg.terms import solutions
from wilcokg.vocab import RDFS, SKOS

ACTOR_ROLES = "actor-roles.rq"
_INNOVATION_CITIES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
SELECT ?innovation ?city WHERE {
  ?innovation a wilco:SocialInnovation ; dcterms:spatial ?city .
  ?city a schema:City .
} ORDER BY ?innovation"""
_PARAGRAPHS = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
SELECT ?chapter ?paragraph ?start ?end WHERE {
  ?paragraph a wilco:Paragraph ; dcterms:isPartOf+ ?chapter ; wilco:startOffset ?start ; wilco:endOffset ?end .
}"""


def role_rows(
    store: Store,
    city: str | None = None,
    *,
    queries: Path = Path("queries"),
    href: Callable[[str], str] | None = None,
) -> list[RoleRow]:
    """The roles in the innovations of `city` (an IRI), or of every city.

    `queries` is the folder of canned queries holding `actor-roles.rq`; `href`, when given, makes each
    node a link to its page."""
    actor_roles = read_query(queries / ACTOR_ROLES).text
    lookup = _Lookup(store, href)
    rows: list[RoleRow] = []
    for place in _solutions(store, _INNOVATION_CITIES, city=city):
        innovation = _value(place, "innovation")
        for role in _solutions(store, actor_roles, innovation=innovation):
            rows.append(
                RoleRow(
                    innovation=lookup.node(innovation),
                    city=lookup.node(_value(place, "city")),
                    actor=lookup.node(_value(role, "actor")),
                    role=lookup.role(_value(role, "role")),
                    status=Status(_value(role, "status")),
                    evidence=lookup.evidence(_optional(role, "chapter"), _optional(role, "start")),
                )
            )
    return rows


def network_svg(
    store: Store,
    city: str | None = None,
    *,
    queries: Path = Path("queries"),
    href: Callable[[str], str] | None = None,
) -> str:
    """The picture of who does what in `city` (an IRI), or in the whole book when `city` is None."""
    rows = role_rows(store, city, queries=queries, href=href)
    title = DEFAULT_TITLE if city is None else f"Who does what in {_label(store, city)}"
    return network_picture(rows, title)


class _Lookup:
    """Names, roles and places in the reader, each looked up once."""

    def __init__(self, store: Store, href: Callable[[str], str] | None) -> None:
        self._store = store
        self._href = href
        self._nodes: dict[str, Node] = {}
        self._roles: dict[str, Role] = {}
        self._paragraphs: dict[str, list[tuple[int, int, str]]] = {}

    def node(self, iri: str) -> Node:
        if iri not in self._nodes:
            self._nodes[iri] = Node(iri, _label(self._store, iri), self._href(iri) if self._href else None)
        return self._nodes[iri]

    def role(self, iri: str) -> Role:
        """The role a concept of the roles scheme stands for, by its notation."""
        if iri not in self._roles:
            notations = self._store.quads_for_pattern(NamedNode(iri), SKOS("notation"), None, None)
            notation = next((quad.object.value for quad in notations if isinstance(quad.object, Literal)), None)
            # A store without the ontology's graph still names the role in its IRI (`…/id/role/funder`).
            self._roles[iri] = Role(notation or _last_segment(iri))
        return self._roles[iri]

    def evidence(self, chapter: str | None, start: str | None) -> str | None:
        """The reader's address of the paragraph holding the stating sentence, else of its chapter."""
        if chapter is None or start is None:
            return None
        if chapter not in self._paragraphs:
            self._paragraphs[chapter] = sorted(
                (int(_value(row, "start")), int(_value(row, "end")), _value(row, "paragraph"))
                for row in _solutions(self._store, _PARAGRAPHS, chapter=chapter)
            )
        offset = int(start)
        paragraph = next((iri for first, last, iri in self._paragraphs[chapter] if first <= offset < last), None)
        return reader_anchor(paragraph or chapter)


_LANGUAGE_RANK = {"en": 0, None: 1}


def _label(store: Store, iri: str) -> str:
    """The entity's `rdfs:label`: in English if it has one, else without a language, else any."""
    labels = [
        quad.object
        for quad in store.quads_for_pattern(NamedNode(iri), RDFS("label"), None, None)
        if isinstance(quad.object, Literal)
    ]
    best = min(labels, key=lambda label: (_LANGUAGE_RANK.get(label.language, 2), label.value), default=None)
    return best.value if best else _last_segment(iri)


def _last_segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _solutions(store: Store, query: str, **bound: str | None) -> QuerySolutions:
    """A SELECT query's solutions over all graphs, with the given variables bound to IRIs."""
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(name): NamedNode(iri) for name, iri in bound.items() if iri is not None
    }
    return solutions(store.query(query, use_default_graph_as_union=True, substitutions=substitutions))


def _optional(solution: QuerySolution, name: str) -> str | None:
    term = solution[name]
    return term.value if isinstance(term, NamedNode | Literal) else None


def _value(solution: QuerySolution, name: str) -> str:
    value = _optional(solution, name)
    if value is None:
        raise ValueError(f"the query left ?{name} unbound")
    return value
