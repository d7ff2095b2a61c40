"""What the graph holds that a decision can act on, indexed in one pass over the quads.

The same index serves the build, which applies decisions to the quads it has just mapped, and
`wilcokg curate`, which checks a new decision against a built `dist/` before writing it down: so a
decision the command accepts is one the build can apply, and both explain a refusal in the same words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from wilcokg.curation.decisions import ID, Action, Decision, short
from wilcokg.reading.triples import DISCOVERED_GRAPH
from wilcokg.vocab import FOAF, OA, OWL, PROV, RDF, RDF_TYPE, RDFS, SKOS, WILCO, graph

CURATION_GRAPH = graph("curation")
ACCEPTED = "accepted"
NAME_PREDICATES = frozenset((RDFS("label"), SKOS("prefLabel"), SKOS("altLabel"), SKOS("hiddenLabel"), FOAF("name")))
_STATED_VALUE = WILCO("StatedValue")
_STATEMENT_CLASSES = {WILCO("ActorRole"): "role", _STATED_VALUE: "value"}
# Made once: the index looks at every quad of a build.
_STATUS, _DISCOVERED_IN, _QUALIFIED = WILCO("status"), WILCO("discoveredIn"), WILCO("qualifiedActor")
_HAS_BODY, _AGENT, _HAD_ROLE, _SAME_AS = OA("hasBody"), PROV("agent"), PROV("hadRole"), OWL("sameAs")
_REIFICATION = {RDF(name): name for name in ("subject", "predicate", "object")}
_CHAPTERS = ID + "chapter/"
_KINDS = {
    "org": "organisation",
    "person": "person",
    "innovation": "innovation",
    **dict.fromkeys(("place", "city", "country"), "place"),
}
"""The kind of entity each IRI category is: a merge joins entities of one kind."""


def category(iri: str) -> str:
    """`org` for `…/id/org/caf`: the kind of entity its IRI promises."""
    return iri.removeprefix(ID).split("/", 1)[0]


@dataclass(frozen=True, slots=True)
class Role:
    innovation: NamedNode
    actor: NamedNode
    role: str
    """The role's notation: `funder`."""


@dataclass(frozen=True, slots=True)
class Stated:
    subject: NamedNode
    predicate: NamedNode
    object: Literal


_Item = TypeVar("_Item")


def _extend(lists: dict[NamedNode, list[_Item]], more: dict[NamedNode, list[_Item]]) -> None:
    for node, items in more.items():
        lists.setdefault(node, []).extend(items)


@dataclass
class Facts:
    """Discovered entities, statements (actor roles, stated values) and what points at them."""

    subjects: set[NamedNode] = field(default_factory=set)
    discovered: set[NamedNode] = field(default_factory=set)
    status: dict[NamedNode, str] = field(default_factory=dict)
    statements: dict[NamedNode, str] = field(default_factory=dict)
    """Actor roles and stated values, by IRI: `role` or `value`."""
    typed: set[NamedNode] = field(default_factory=set)
    """Entities (outside the chapters' own nodes) that have a type."""
    names: dict[NamedNode, dict[NamedNode, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    """Each node's names by property (rdfs:label, skos:prefLabel, skos:altLabel, …)."""
    own: dict[NamedNode, list[Quad]] = field(default_factory=lambda: defaultdict(list))
    """Each discovered entity's description in graph/discovered."""
    bodies: dict[NamedNode, list[NamedNode]] = field(default_factory=lambda: defaultdict(list))
    """The annotations (mentions, evidence) whose body is each node."""
    roles: dict[NamedNode, Role] = field(default_factory=dict)
    qualified: dict[NamedNode, list[Quad]] = field(default_factory=lambda: defaultdict(list))
    """Each role's `?innovation wilco:qualifiedActor ?role` quads: the graphs that state it."""
    stated: dict[NamedNode, Stated] = field(default_factory=dict)
    stated_in: dict[NamedNode, set[NamedNode | BlankNode | DefaultGraph]] = field(
        default_factory=lambda: defaultdict(set)
    )
    merged_into: dict[NamedNode, NamedNode] = field(default_factory=dict)

    agents: dict[NamedNode, NamedNode] = field(default_factory=dict)
    had_role: dict[NamedNode, str] = field(default_factory=dict)
    reified: dict[NamedNode, dict[str, object]] = field(default_factory=lambda: defaultdict(dict))
    """The parts of roles and stated values as the quads state them, put together by `joined`."""

    @classmethod
    def of(cls, quads: Sequence[Quad]) -> Facts:
        return cls.joined([cls.collected(quads)])

    @classmethod
    def collected(cls, quads: Sequence[Quad]) -> Facts:
        """What one pass over `quads` finds; roles and stated values wait for `joined`, since their parts
        may come from several graphs."""
        facts = cls()
        for quad in quads:
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            if not isinstance(subject, NamedNode):
                continue
            facts.subjects.add(subject)
            if quad.graph_name == DISCOVERED_GRAPH:
                facts.own[subject].append(quad)
            if predicate == RDF_TYPE:
                if isinstance(obj, NamedNode) and obj in _STATEMENT_CLASSES:
                    facts.statements[subject] = _STATEMENT_CLASSES[obj]
                    if obj == _STATED_VALUE:
                        facts.stated_in[subject].add(quad.graph_name)
                if not subject.value.startswith(_CHAPTERS):
                    facts.typed.add(subject)
            elif predicate == _HAS_BODY and isinstance(obj, NamedNode):
                facts.bodies[obj].append(subject)
            elif predicate in NAME_PREDICATES and isinstance(obj, Literal):
                facts.names[subject].setdefault(predicate, set()).add(obj.value)
            elif predicate == _STATUS and isinstance(obj, Literal):
                facts.status[subject] = obj.value
            elif predicate == _DISCOVERED_IN:
                facts.discovered.add(subject)
            elif predicate == _QUALIFIED and isinstance(obj, NamedNode):
                facts.qualified[obj].append(quad)
            elif predicate == _AGENT and isinstance(obj, NamedNode):
                facts.agents[subject] = obj
            elif predicate == _HAD_ROLE and isinstance(obj, NamedNode):
                facts.had_role[subject] = obj.value.rsplit("/", 1)[-1]
            elif predicate in _REIFICATION:
                facts.reified[subject][_REIFICATION[predicate]] = obj
            elif predicate == _SAME_AS and quad.graph_name == CURATION_GRAPH and isinstance(obj, NamedNode):
                facts.merged_into[subject] = obj
        return facts

    @classmethod
    def joined(cls, parts: Sequence[Facts]) -> Facts:
        """The facts of the parts' quads (each `collected`, in the quads' order) as one pass would find them."""
        facts = parts[0] if len(parts) == 1 else cls()
        if len(parts) > 1:
            for part in parts:
                facts._add(part)
        facts.roles, facts.stated = {}, {}
        for node, kind in facts.statements.items():
            if kind == "role" and node in facts.agents and node in facts.had_role and facts.qualified.get(node):
                innovation = facts.qualified[node][0].subject
                assert isinstance(innovation, NamedNode), "a qualified actor's innovation is an IRI"
                facts.roles[node] = Role(innovation, facts.agents[node], facts.had_role[node])
            parts_of = facts.reified.get(node, {})
            fact_subject, fact_predicate, fact_object = (
                parts_of.get(name) for name in ("subject", "predicate", "object")
            )
            if (
                isinstance(fact_subject, NamedNode)
                and isinstance(fact_predicate, NamedNode)
                and isinstance(fact_object, Literal)
            ):
                facts.stated[node] = Stated(fact_subject, fact_predicate, fact_object)
        return facts

    def _add(self, part: Facts) -> None:
        self.subjects |= part.subjects
        self.discovered |= part.discovered
        self.status.update(part.status)
        self.statements.update(part.statements)
        self.typed |= part.typed
        for node, names in part.names.items():
            for predicate, values in names.items():
                self.names[node].setdefault(predicate, set()).update(values)
        _extend(self.own, part.own)
        _extend(self.bodies, part.bodies)
        _extend(self.qualified, part.qualified)
        for node, graphs in part.stated_in.items():
            self.stated_in[node] |= graphs
        self.merged_into.update(part.merged_into)
        self.agents.update(part.agents)
        self.had_role.update(part.had_role)
        for node, reified in part.reified.items():
            self.reified[node].update(reified)

    def all_names(self, node: NamedNode) -> set[str]:
        return set().union(*self.names.get(node, {}).values())

    def entity_problem(self, iri: NamedNode) -> str | None:
        """Why `iri` is no discovered entity a decision can act on, or None when it is one."""
        if iri in self.discovered:
            return None
        if iri in self.merged_into:
            return f"it was merged into {short(self.merged_into[iri].value)}"
        if iri in self.statements:
            return "it is an actor role or a stated value, not an entity: accept or reject it"
        if iri in self.typed:
            return "it is curated in the reference data, not discovered: change data/reference instead"
        return "no discovered entity has this IRI (any more)"

    def problem(self, decision: Decision, target: NamedNode | None = None) -> str | None:
        """Why `decision` cannot be applied to this graph, or None when it can; `target` is the IRI it acts
        on when that is not its own target (a statement a merge moved)."""
        target = target or NamedNode(decision.target)
        if decision.about_statement:
            if target not in self.statements:
                return "no actor role or stated value has this IRI (any more)"
            status = self.status.get(target, "")
            return None if status == "extracted" else f"it is {status}, not extracted: nothing is left to decide"
        if problem := self.entity_problem(target):
            return problem
        if decision.action in (Action.ACCEPT, Action.REJECT) and (current := self.status.get(target)) != "extracted":
            return f"it is already {current}"
        if decision.action is Action.MERGE:
            into = NamedNode(decision.argument)
            if into in self.merged_into:
                return f"{short(into.value)} was merged into {short(self.merged_into[into].value)}: merge into that"
            if into not in self.typed:
                return f"nothing in the graph has the IRI it is merged into, {short(into.value)}"
            kinds = (_KINDS.get(category(decision.target)), _KINDS.get(category(into.value)))
            if kinds[0] != kinds[1]:
                return f"a merge joins entities of one kind; {short(into.value)} is of another"
        return None
