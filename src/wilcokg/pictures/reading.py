"""What a network picture asks of the graph, and the rows it makes of the answers.

The reading is a generator of questions: it yields each query (an `Ask`, with the IRIs bound to its
variables) and is sent back the query's solutions. So the same steps serve a pyoxigraph store, which
answers at once (`pictures.store`), and the server's query workers or remote store, which answer
asynchronously (`server.role_network`). The roles come from `queries/actor-roles.rq`, the contract
for who does what; a city's roles are read innovation by innovation, the book's in one query. Every
value that varies (the city, an innovation) is bound, never written into query text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterable, Mapping
from dataclasses import dataclass

from wilcokg.labels import preferred_labels
from wilcokg.pictures.model import Node, Role, RoleRow, Status
from wilcokg.pictures.svg import DEFAULT_TITLE
from wilcokg.search_index import sentence_anchor

_PLACES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
SELECT ?innovation ?city WHERE {
  ?innovation a wilco:SocialInnovation ; dcterms:spatial ?city .
  ?city a schema:City .
} ORDER BY ?innovation ?city"""
_NAMES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
SELECT DISTINCT ?city ?entity ?label WHERE {
  ?city a schema:City .
  { ?city rdfs:label ?label . BIND(?city AS ?entity) }
  UNION { ?innovation a wilco:SocialInnovation ; dcterms:spatial ?city ; rdfs:label ?label .
          BIND(?innovation AS ?entity) }
  UNION { ?innovation a wilco:SocialInnovation ; dcterms:spatial ?city ; wilco:qualifiedActor/prov:agent ?entity .
          ?entity rdfs:label ?label }
}"""
_NOTATIONS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?role ?notation WHERE { ?qualified prov:hadRole ?role . ?role skos:notation ?notation }"""


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a solution: an IRI, or a literal's text and its language."""

    text: str
    language: str | None = None


Solution = Mapping[str, Value]
"""The bound variables of one solution, by name; an unbound variable is absent."""


@dataclass(frozen=True, slots=True)
class Ask:
    """A SELECT query and the IRIs bound to its variables, each a variable the query projects."""

    query: str
    bound: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RoleNetwork:
    """What a picture is drawn from: the roles, and the picture's title."""

    rows: tuple[RoleRow, ...]
    title: str


Reading = Generator[Ask, list[Solution], RoleNetwork]


def read_network(actor_roles: str, city: str | None = None, href: Callable[[str], str] | None = None) -> Reading:
    """The roles in the innovations of `city` (an IRI), or of every city.

    `actor_roles` is the text of `queries/actor-roles.rq`; `href`, when given, makes each node a link to
    its page."""
    bound = () if city is None else (("city", city),)
    located = yield Ask(_PLACES, bound)
    places = [(_text(solution, "innovation"), _text(solution, "city")) for solution in located]
    roles: dict[str, list[Solution]] = {}
    if city is None:
        every = yield Ask(actor_roles)
        for solution in every:
            roles.setdefault(_text(solution, "innovation"), []).append(solution)
    else:
        for innovation in dict.fromkeys(innovation for innovation, _ in places):
            roles[innovation] = yield Ask(actor_roles, (("innovation", innovation),))
    named = yield Ask(_NAMES, bound)
    labels = _entity_labels(named)
    notated = yield Ask(_NOTATIONS)
    notations = {_text(solution, "role"): _text(solution, "notation") for solution in notated}

    def node(iri: str) -> Node:
        return Node(iri, labels.get(iri) or _last_segment(iri), href(iri) if href else None)

    rows = tuple(
        RoleRow(
            innovation=node(innovation),
            city=node(place),
            actor=node(_text(role, "actor")),
            # A store without the ontology's graph still names the role in its IRI (`…/id/role/funder`).
            role=Role(notations.get(_text(role, "role")) or _last_segment(_text(role, "role"))),
            status=Status(_text(role, "status")),
            evidence=_evidence(role),
        )
        for innovation, place in places
        for role in roles.get(innovation, ())
    )
    title = DEFAULT_TITLE if city is None else f"Who does what in {labels.get(city) or _last_segment(city)}"
    return RoleNetwork(rows, title)


def answered(reading: Reading, answer: Callable[[Ask], list[Solution]]) -> RoleNetwork:
    """The reading's result, each of its questions answered at once by `answer`."""
    try:
        ask = next(reading)
        while True:
            ask = reading.send(answer(ask))
    except StopIteration as finished:
        result: RoleNetwork = finished.value
        return result


async def awaited(reading: Reading, answer: Callable[[Ask], Awaitable[list[Solution]]]) -> RoleNetwork:
    """The reading's result, each of its questions answered in turn by awaiting `answer`."""
    try:
        ask = next(reading)
        while True:
            ask = reading.send(await answer(ask))
    except StopIteration as finished:
        result: RoleNetwork = finished.value
        return result


def _evidence(role: Solution) -> str | None:
    """The reader's address of the stating sentence; none for a role no chapter states."""
    if not {"chapter", "start", "end"} <= role.keys():
        return None
    return sentence_anchor(_text(role, "chapter"), int(_text(role, "start")), int(_text(role, "end")))


def _entity_labels(solutions: Iterable[Solution]) -> dict[str, str]:
    """Each entity's `rdfs:label`, chosen among its languages by `wilcokg.labels`."""
    return preferred_labels((_text(s, "entity"), s["label"].text, s["label"].language) for s in solutions)


def _last_segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _text(solution: Solution, name: str) -> str:
    value = solution.get(name)
    if value is None:
        raise ValueError(f"the query left ?{name} unbound")
    return value.text
