"""Decisions applied to the mapped quads: the build stage between mapping and validation.

It runs over the assembled quads, never inside a chapter's mapping, so the per-chapter cache never
depends on a decision, and a decision changes only the triples it is about: the SHACL owners it does
not touch keep their cached results.

Three steps, each on the quads the step before left, so that a later decision meets what an earlier
one made: merges (an entity's IRI, its roles and the annotations naming them move to the entity it is
merged into), rejections (the entity or statement, the annotations about it and whatever needs it go),
then acceptances and renames (a new status, new names). Each step checks its decisions against the
graph as it finds it (`Facts.problem`); a decision that no longer fits is reported, not applied.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from wilcokg.curation.decisions import Action, Decision
from wilcokg.curation.facts import ACCEPTED, CURATION_GRAPH, Facts, category
from wilcokg.errors import InputError
from wilcokg.quad_order import concatenate_graphs, graph_runs, sort_key
from wilcokg.reading.triples import annotation_key, role_iri
from wilcokg.vocab import DCTERMS, FOAF, OWL, RDF_TYPE, RDFS, SKOS, WILCO, XSD


@dataclass(frozen=True, slots=True)
class Curated:
    """The quads with the decisions applied, and which decisions were (or could not be) applied."""

    quads: tuple[Quad, ...]
    applied: tuple[Decision, ...]
    unapplied: tuple[InputError, ...]


_ALT_LABEL = SKOS("altLabel")


def _parent(iri: str) -> str:
    return iri[: iri.rfind("/")]


def _under(iri: str, nodes: set[str]) -> bool:
    """Whether `iri` is one of `nodes` or hangs from one: an annotation's `/target`, `/position` and
    `/quote` go where the annotation goes. Deeper nodes (an innovation's roles) are listed themselves."""
    return bool(nodes) and (iri in nodes or _parent(iri) in nodes)


def with_parents(iris: Iterable[str]) -> set[str]:
    """The IRIs and the parent of each: the IRIs whose removal reaches a quad that names one of them."""
    named = set(iris)
    return named | {_parent(iri) for iri in named}


class Edit:
    """What one step does to the quads: IRIs that go (with the nodes hanging from them and every link to them),
    IRIs that move, single quads that go, values that are replaced, and quads that are added."""

    def __init__(self) -> None:
        self.removed: set[str] = set()
        self.renamed: dict[str, str] = {}
        self.collapsed: set[str] = set()
        """Moved IRIs whose new IRI is already described: their own triples go, links to them move."""
        self.dropped: set[Quad] = set()
        self.replaced: set[tuple[NamedNode, NamedNode]] = set()
        """(subject, property) whose values, as the graph had them, give way to the added ones."""
        self.unnamed: set[tuple[NamedNode, str]] = set()
        """(entity, name) that may no longer be an alternative label: it became the main one."""
        self.added: list[Quad] = []

    def rewritten(self, iri: str) -> str:
        if (moved := self.renamed.get(iri)) is not None:
            return moved
        parent = _parent(iri)
        return moved + iri[len(parent) :] if (moved := self.renamed.get(parent)) is not None else iri

    def _term(self, term: NamedNode) -> NamedNode:
        moved = self.rewritten(term.value)
        return term if moved == term.value else NamedNode(moved)

    def drops(self, quad: Quad) -> bool:
        return self._quad(quad) is None

    def _quad(self, quad: Quad) -> Quad | None:
        """The quad as this step leaves it: itself when unchanged, None when it goes."""
        if quad in self.dropped:
            return None
        subject, obj = quad.subject, quad.object
        if isinstance(subject, NamedNode) and (
            _under(subject.value, self.removed) or _under(subject.value, self.collapsed)
        ):
            return None
        if isinstance(obj, NamedNode) and _under(obj.value, self.removed):
            return None
        new_subject, new_object = subject, obj
        if self.renamed:
            new_subject = self._term(subject) if isinstance(subject, NamedNode) else subject
            new_object = self._term(obj) if isinstance(obj, NamedNode) else obj
        if self.replaced and (new_subject, quad.predicate) in self.replaced:
            return None
        if (
            self.unnamed
            and quad.predicate == _ALT_LABEL
            and isinstance(obj, Literal)
            and (new_subject, obj.value) in self.unnamed
        ):
            return None
        if new_subject is subject and new_object is obj:
            return quad
        return Quad(new_subject, quad.predicate, new_object, quad.graph_name)

    def apply(self, quads: Sequence[Quad]) -> tuple[Quad, ...]:
        """The edited quads, sorted: only the graphs this step changed are sorted again."""
        runs: list[Sequence[Quad]] = []
        for _, start, end in graph_runs(quads):
            run = quads[start:end]
            edited = [kept for quad in run if (kept := self._quad(quad)) is not None]
            unchanged = len(edited) == len(run) and all(a is b for a, b in zip(edited, run, strict=True))
            runs.append(run if unchanged else sorted(set(edited), key=sort_key))
        runs.append(sorted(set(self.added), key=sort_key))
        return concatenate_graphs(runs)


def _curated(subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> Quad:
    return Quad(subject, predicate, obj, CURATION_GRAPH)


def _merging(facts: Facts, merges: dict[str, Decision]) -> Edit:
    """Each discovered entity into the entity it is merged into (`merges`: the decision by entity, its
    argument already the end of any chain of merges)."""
    edit = Edit()
    for source, decision in merges.items():
        edit.renamed[source] = decision.argument
    for node, role in facts.roles.items():
        moved = role_iri(edit.rewritten(role.innovation.value), edit.rewritten(role.actor.value), role.role)
        if moved != node:
            edit.renamed[node.value] = moved.value
    for node, stated in facts.stated.items():
        subject = stated.subject.value
        if (moved_subject := edit.rewritten(subject)) != subject and node.value.startswith(subject + "/"):
            edit.renamed[node.value] = moved_subject + node.value.removeprefix(subject)
    for body, notes in facts.bodies.items():
        moved_body = edit.rewritten(body.value)
        if moved_body == body.value:
            continue
        old_key, new_key = annotation_key(body.value), annotation_key(moved_body)
        for annotation in notes:
            if annotation.value.endswith("-" + old_key):
                edit.renamed[annotation.value] = annotation.value.removesuffix(old_key) + new_key
    for old, new in edit.renamed.items():
        if old not in merges and NamedNode(new) in facts.subjects and new not in edit.renamed:
            edit.collapsed.add(old)
    names: dict[NamedNode, set[str]] = defaultdict(set)
    for source, decision in sorted(merges.items()):
        entity, into = NamedNode(source), NamedNode(decision.argument)
        edit.dropped.update(facts.own.get(entity, ()))
        known = names[into] or facts.all_names(into)
        for name in sorted(facts.all_names(entity) - known):
            edit.added.append(_curated(into, SKOS("altLabel"), Literal(name)))
        names[into] = known | facts.all_names(entity)
        edit.added += [
            _curated(entity, OWL("sameAs"), into),
            _curated(entity, WILCO("decidedBy"), decision.node),
            _curated(into, WILCO("decidedBy"), decision.node),
        ]
    return edit


def removal(facts: Facts, nodes: set[NamedNode]) -> Edit:
    """Entities and statements gone, with what needs them: roles of their innovations and of their
    actors, stated values about them, the annotations (mentions, evidence) whose body goes, and the
    direct triples (`?innovation wilco:funder ?actor`) of the statements that go."""
    edit = Edit()
    edit.removed = {node.value for node in nodes}
    roles = {
        node
        for node, role in facts.roles.items()
        if any(_under(term.value, edit.removed) for term in (node, role.innovation, role.actor))
    }
    values = {
        node
        for node, stated in facts.stated.items()
        if _under(node.value, edit.removed) or _under(stated.subject.value, edit.removed)
    }
    edit.removed |= {node.value for node in roles | values}
    for body, notes in facts.bodies.items():
        if _under(body.value, edit.removed):
            edit.removed.update(annotation.value for annotation in notes)
    links: dict[tuple[NamedNode, NamedNode, object], set[NamedNode]] = defaultdict(set)
    for node, role in facts.roles.items():
        for quad in facts.qualified[node]:
            links[role.innovation, role.actor, quad.graph_name].add(node)
    for node in roles:
        role = facts.roles[node]
        for quad in facts.qualified[node]:
            place = quad.graph_name
            edit.dropped.add(Quad(role.innovation, WILCO(role.role), role.actor, place))
            if links[role.innovation, role.actor, place] <= roles:
                edit.dropped.add(Quad(role.innovation, WILCO("actor"), role.actor, place))
    for node in values:
        stated = facts.stated[node]
        edit.dropped.update(Quad(stated.subject, stated.predicate, stated.object, g) for g in facts.stated_in[node])
    return edit


Decided = tuple[Decision, NamedNode]
"""A decision and the IRI it acts on: its target, moved by the merges if it is a statement of a merged entity."""


def _reviewing(facts: Facts, accepted: Sequence[Decided], renamed: Sequence[Decided]) -> Edit:
    edit = Edit()
    for decision, node in accepted:
        edit.replaced.add((node, WILCO("status")))
        edit.added += [
            _curated(node, WILCO("status"), Literal(ACCEPTED)),
            _curated(node, WILCO("decidedBy"), decision.node),
        ]
    for decision, node in renamed:
        name = decision.argument
        new_names = {RDFS("label"): Literal(name), SKOS("prefLabel"): Literal(name, language="en")}
        if category(node.value) == "person":
            new_names[FOAF("name")] = Literal(name)
        edit.replaced.update((node, predicate) for predicate in new_names)
        edit.unnamed.add((node, name))
        edit.added += [_curated(node, predicate, literal) for predicate, literal in new_names.items()]
        edit.added.append(_curated(node, WILCO("decidedBy"), decision.node))
        known = facts.names.get(node, {})
        alternatives = known.get(SKOS("altLabel"), set())
        for old in sorted(known.get(RDFS("label"), set()) - alternatives - {name}):
            edit.added.append(_curated(node, SKOS("altLabel"), Literal(old)))
    return edit


def decision_quads(decision: Decision, source: NamedNode) -> list[Quad]:
    """The decision as the graph records it: action, target, the file and line it was read from, its note."""
    node = decision.node
    quads = [
        _curated(node, RDF_TYPE, WILCO("CurationDecision")),
        _curated(node, RDFS("label"), Literal(decision.written(aligned=False))),
        _curated(node, WILCO("decisionAction"), Literal(decision.action.value)),
        _curated(node, WILCO("decisionTarget"), Literal(decision.target, datatype=XSD("anyURI"))),
        _curated(node, DCTERMS("source"), source),
        _curated(node, WILCO("line"), Literal(str(decision.line), datatype=XSD("integer"))),
    ]
    if decision.note:
        quads.append(_curated(node, RDFS("comment"), Literal(decision.note)))
    return quads


class _Steps:
    """The decisions taken so far and those that could not be, across the three steps."""

    def __init__(self, quads: tuple[Quad, ...]) -> None:
        self.quads = quads
        self.applied: list[Decision] = []
        self.unapplied: list[InputError] = []
        self.moves = Edit()

    def sort(self, decisions: Sequence[Decision]) -> tuple[Facts, list[Decided]]:
        """The graph's facts now, and those of `decisions` that fit them (their statements' IRIs moved
        by the merges); the others are reported."""
        facts = Facts.of(self.quads)
        fitting = []
        for decision in decisions:
            target = NamedNode(self.moves.rewritten(decision.target))
            if (problem := facts.problem(decision, target)) is None:
                fitting.append((decision, target))
                self.applied.append(decision)
            else:
                self.unapplied.append(decision.problem(problem))
        return facts, fitting

    def run(self, edit: Edit) -> None:
        self.quads = edit.apply(self.quads)


def apply_decisions(quads: tuple[Quad, ...], decisions: Sequence[Decision], source: NamedNode) -> Curated:
    """`quads` (sorted) with `decisions` applied, and the decisions recorded; `source` is the decisions
    file's node in the build's provenance."""
    if not decisions:
        return Curated(quads, (), ())
    steps = _Steps(quads)
    by_action: dict[Action, list[Decision]] = defaultdict(list)
    for decision in decisions:
        by_action[decision.action].append(decision)
    facts, decided = steps.sort(by_action[Action.MERGE])
    if decided:
        merges = [decision for decision, _ in decided]
        ends = {decision.target: decision for decision in merges}
        for decision in merges:
            end = decision.argument
            while end in ends:
                end = ends[end].argument
            ends[decision.target] = dataclasses.replace(decision, argument=end)
        steps.moves = _merging(facts, ends)
        steps.run(steps.moves)
    facts, rejected = steps.sort(by_action[Action.REJECT])
    if rejected:
        steps.run(removal(facts, {target for _, target in rejected}))
    facts, reviewed = steps.sort([*by_action[Action.ACCEPT], *by_action[Action.RENAME]])
    last = _reviewing(
        facts,
        [pair for pair in reviewed if pair[0].action is Action.ACCEPT],
        [pair for pair in reviewed if pair[0].action is Action.RENAME],
    )
    last.added += [quad for decision in steps.applied for quad in decision_quads(decision, source)]
    steps.run(last)
    order = {id(decision): index for index, decision in enumerate(decisions)}
    applied = tuple(sorted(steps.applied, key=lambda d: order[id(d)]))
    return Curated(steps.quads, applied, tuple(sorted(steps.unapplied, key=lambda p: p.line)))
