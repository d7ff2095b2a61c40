"""A network picture's rows read from a pyoxigraph store, and the picture of a city or of the whole book.

The questions are `pictures.reading`'s; here a store answers them, the bound IRIs reaching it as
substitutions, over the union of its graphs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple, Variable

from wilcokg.pictures.model import RoleRow
from wilcokg.pictures.reading import Ask, RoleNetwork, Solution, Value, answered, read_network
from wilcokg.pictures.svg import network_picture
from wilcokg.queries import read_query
from wilcokg.terms import Object, solutions, value

ACTOR_ROLES = "actor-roles.rq"


def role_network(
    store: Store,
    city: str | None = None,
    *,
    queries: Path = Path("queries"),
    href: Callable[[str], str] | None = None,
) -> RoleNetwork:
    """The roles in the innovations of `city` (an IRI), or of every city, and the picture's title.

    `queries` is the folder of canned queries holding `actor-roles.rq`; `href`, when given, makes each
    node a link to its page."""
    actor_roles = read_query(queries / ACTOR_ROLES).text
    return answered(read_network(actor_roles, city, href), lambda ask: _solutions(store, ask))


def role_rows(
    store: Store,
    city: str | None = None,
    *,
    queries: Path = Path("queries"),
    href: Callable[[str], str] | None = None,
) -> list[RoleRow]:
    """The roles in the innovations of `city` (an IRI), or of every city."""
    return list(role_network(store, city, queries=queries, href=href).rows)


def network_svg(
    store: Store,
    city: str | None = None,
    *,
    queries: Path = Path("queries"),
    href: Callable[[str], str] | None = None,
) -> str:
    """The picture of who does what in `city` (an IRI), or in the whole book when `city` is None."""
    network = role_network(store, city, queries=queries, href=href)
    return network_picture(network.rows, network.title)


def _solutions(store: Store, ask: Ask) -> list[Solution]:
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(name): NamedNode(iri) for name, iri in ask.bound
    }
    result = solutions(store.query(ask.query, use_default_graph_as_union=True, substitutions=substitutions))
    names = [variable.value for variable in result.variables]
    return [{name: _value(term) for name in names if (term := solution[name]) is not None} for solution in result]


def _value(term: Object) -> Value:
    return Value(value(term), term.language if isinstance(term, Literal) else None)
