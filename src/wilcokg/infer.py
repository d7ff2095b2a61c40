"""OWL 2 RL entailments of the ontology and the data, in their own named graph (design.md §1).

What "the entailments" are: the OWL 2 RL closure (W3C OWL 2 Profiles, §4.3) of the union of every
asserted graph, minus the triples asserted anywhere, minus the uninformative ones that `informative`
rejects. The ontology is the only schema: reused vocabularies (schema.org, PROV, …) are not loaded,
so nothing is inferred from their own axioms.

The engine is `reasonable` (Rust). The reference is owlrl, 20 to 30 times slower; the tests check on
the real build that both give exactly the same set once `informative` is applied to both. Two gaps of
`reasonable` are closed here:

- its Python binding rebuilds literals through rdflib, which normalises lexical forms
  (`"050"^^xsd:integer` comes back as `"50"`), so a literal would not survive the round trip. The
  reasoner sees every literal as a stand-in IRI instead: it has no datatype semantics anyway, and the
  OWL 2 RL rules compare literals only by identity.
- it applies no schema rules but scm-sco and scm-eqc1 (e.g. it misses `wilco:actor rdfs:domain
  prov:Entity`, from the domain `wilco:SocialInnovation` ⊑ `prov:Entity`); `_schema_closure` adds
  scm-sco, scm-eqc1/2, scm-spo, scm-eqp1/2, scm-dom1/2 and scm-rng1/2. The other scm rules yield only
  tautologies that `informative` drops (scm-cls, scm-op, scm-dp) or need class expressions
  (scm-hv, scm-svf, scm-avf, scm-int, scm-uni), which the ontology does not use: they are written
  with blank nodes, which the data model rules out.

OWL 2 RL rules never introduce nodes and the reasoner sees only IRIs, so the result has no blank
nodes; it is sorted, hence deterministic.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import reasonable
from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple, parse

from wilcokg.build_cache import BuildCache, computed, digest
from wilcokg.quad_order import GraphRun, Graphs, graph_runs_of, sort_key
from wilcokg.terms import Object, serialized
from wilcokg.vocab import BASE, INFERRED_GRAPH, OWL, PREFIXES, RDFS

# A quad's subject or object as pyoxigraph types it; the build makes no triple terms, and a triple-term
# subject fails `informative` like any subject that is not an IRI.
Term = Object
Encoded = tuple[str, str, str]

_BUILT_IN_NAMESPACES = tuple(PREFIXES[prefix] for prefix in ("rdf", "rdfs", "owl", "xsd"))
_EVERYTHING = frozenset({OWL("Thing"), RDFS("Resource")})
_TRUE_OF_ITSELF = frozenset(
    {OWL("sameAs"), RDFS("subClassOf"), OWL("equivalentClass"), RDFS("subPropertyOf"), OWL("equivalentProperty")}
)
_STAND_IN = "urn:x-wilcokg-term:"
_SAME_AS = OWL("sameAs")

_SUBCLASS = RDFS("subClassOf").value
_EQUIVALENT_CLASS = OWL("equivalentClass").value
_SUBPROPERTY = RDFS("subPropertyOf").value
_EQUIVALENT_PROPERTY = OWL("equivalentProperty").value
_DOMAIN = RDFS("domain").value
_RANGE = RDFS("range").value


def merged_away(quads: Iterable[Quad]) -> frozenset[Term]:
    """Our IRIs asserted owl:sameAs another of ours: a curator merged each into the other, and it lives on
    only as an alias (see wilcokg.curation)."""
    return frozenset(
        quad.subject
        for quad in quads
        if quad.predicate == _SAME_AS and _is_ours(quad.subject) and _is_ours(quad.object)
    )


def aliases_of_ours(triples: Iterable[tuple[Term, Term, Term]]) -> frozenset[Term]:
    """IRIs outside our namespace that owl:sameAs makes interchangeable with one of ours (Wikidata, GeoNames)."""
    aliases: set[Term] = set()
    for subject, predicate, object_ in triples:
        if predicate == _SAME_AS and isinstance(subject, NamedNode) and isinstance(object_, NamedNode):
            ours = (subject.value.startswith(BASE), object_.value.startswith(BASE))
            if ours == (True, False):
                aliases.add(object_)
            elif ours == (False, True):
                aliases.add(subject)
    return frozenset(aliases)


def informative(subject: Term, predicate: NamedNode, object_: Term, aliases: frozenset[Term] = frozenset()) -> bool:
    """Whether an entailed triple is worth publishing: the one filter applied to every engine.

    Rejected, because they hold for any graph or cannot be written in RDF 1.1:
    - a literal or blank-node subject (owlrl types every literal: `"Lille" rdf:type xsd:string`),
      and a blank-node object;
    - a subject in the rdf:, rdfs:, owl: or xsd: namespace (axioms about OWL's own vocabulary,
      such as `owl:Nothing rdfs:subClassOf wilco:Section`);
    - owl:Thing or rdfs:Resource as object (`x rdf:type owl:Thing`, `C rdfs:subClassOf owl:Thing`,
      `p rdfs:domain owl:Thing`);
    - `x owl:sameAs x` and every class or property being its own sub- and equivalent class or property;
    - any triple about an alias of one of our resources (`aliases`), and any triple but owl:sameAs that
      links to one: owl:sameAs makes every fact about Lille true of wd:Q648 and every link to Lille a
      link to wd:Q648 too; those copies say nothing new, and in a union default graph they would show
      each place three times. The symmetric and transitive owl:sameAs (`wd:Q648 owl:sameAs city:lille`,
      `wd:Q648 owl:sameAs gn:2998324`) are statements about Wikidata's and GeoNames' IRIs, not ours.
      An IRI of ours merged into another (`merged_away`) is such an alias too.
    """
    if not isinstance(subject, NamedNode) or isinstance(object_, BlankNode):
        return False
    if subject in aliases or (predicate != _SAME_AS and object_ in aliases):
        return False
    if subject.value.startswith(_BUILT_IN_NAMESPACES) or object_ in _EVERYTHING:
        return False
    return not (subject == object_ and predicate in _TRUE_OF_ITSELF)


def _transitive(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    successors: dict[str, set[str]] = {}
    for low, high in pairs:
        successors.setdefault(low, set()).add(high)
    closure: set[tuple[str, str]] = set()
    for start in successors:
        reached: set[str] = set()
        frontier = list(successors[start])
        while frontier:
            node = frontier.pop()
            if node not in reached:
                reached.add(node)
                frontier.extend(successors.get(node, ()))
        closure.update((start, node) for node in reached)
    return closure


def _schema_closure(triples: set[Encoded]) -> set[Encoded]:
    """The scm-* rules `reasonable` lacks, to a fixpoint over the schema triples in `triples`.

    They cannot feed back into the data rules: cax-sco, cax-eqc, prp-spo1, prp-eqp, prp-dom and
    prp-rng, chained, already reach every instance the derived axioms would.
    """
    by_predicate: dict[str, list[tuple[str, str]]] = {}
    for subject, predicate, object_ in triples:
        by_predicate.setdefault(predicate, []).append((subject, object_))

    def hierarchy(sub: str, equivalent: str) -> set[tuple[str, str]]:
        equivalences = by_predicate.get(equivalent, [])
        return _transitive([*by_predicate.get(sub, ()), *equivalences, *((b, a) for a, b in equivalences)])

    classes = hierarchy(_SUBCLASS, _EQUIVALENT_CLASS)
    properties = hierarchy(_SUBPROPERTY, _EQUIVALENT_PROPERTY)
    derived = {(low, _SUBCLASS, high) for low, high in classes}
    derived |= {(low, _EQUIVALENT_CLASS, high) for low, high in classes if (high, low) in classes}
    derived |= {(low, _SUBPROPERTY, high) for low, high in properties}
    derived |= {(low, _EQUIVALENT_PROPERTY, high) for low, high in properties if (high, low) in properties}
    for restriction in (_DOMAIN, _RANGE):
        for prop, cls in by_predicate.get(restriction, ()):
            sub_properties = {prop} | {low for low, high in properties if high == prop}
            super_classes = {cls} | {high for low, high in classes if low == cls}
            derived |= {(p, restriction, c) for p in sub_properties for c in super_classes}
    return derived


_SCHEMA_PREDICATES = frozenset(
    NamedNode(iri)
    for iri in (
        _SUBCLASS,
        _EQUIVALENT_CLASS,
        _SUBPROPERTY,
        _EQUIVALENT_PROPERTY,
        _DOMAIN,
        _RANGE,
        *(OWL(name).value for name in ("inverseOf", "disjointWith", "propertyDisjointWith", "propertyChainAxiom")),
    )
)
_TYPE = NamedNode(PREFIXES["rdf"] + "type")


def _is_ours(term: Term) -> bool:
    return isinstance(term, NamedNode) and term.value.startswith(BASE)


def _is_built_in(term: Term) -> bool:
    return isinstance(term, NamedNode) and term.value.startswith(_BUILT_IN_NAMESPACES)


@dataclass(frozen=True, slots=True)
class Rules:
    """What the data rules can fire on under the axioms (the schema and owl:sameAs quads): the terms an
    axiom names, and our own IRIs that owl:sameAs joins."""

    constrained: frozenset[Term]
    own_joins: frozenset[Term]

    @classmethod
    def of(cls, axioms: Iterable[Quad]) -> Rules:
        axioms = list(axioms)
        return cls(
            frozenset(term for quad in axioms if quad.predicate != _SAME_AS for term in (quad.subject, quad.object)),
            frozenset(
                term
                for quad in axioms
                if quad.predicate == _SAME_AS and _is_ours(quad.subject) and _is_ours(quad.object)
                for term in (quad.subject, quad.object)
            ),
        )

    def inputs(self, quads: Iterable[Quad]) -> tuple[Quad, ...]:
        """The asserted quads an OWL 2 RL rule can use under this ontology: the others cannot change the closure.

        Data rules fire on a triple only through an axiom about its predicate (prp-dom, prp-rng,
        prp-spo1, prp-eqp, prp-inv) or, for rdf:type, about its class (cax-sco, cax-eqc); owl:sameAs
        copies every triple of the nodes it joins (eq-rep-*), but copies onto external aliases are not
        published and joins between two of our own IRIs keep all their triples here. About 60% of a
        build (the mentions' annotation triples) never reaches the reasoner, and the filter looks at
        terms, never at strings.
        """
        return tuple(
            quad
            for quad in quads
            if quad.graph_name != INFERRED_GRAPH and self.takes(quad.subject, quad.predicate, quad.object)
        )

    def takes(self, subject: Term, predicate: NamedNode, object_: Term) -> bool:
        """Whether a rule can use the triple (see `inputs`)."""
        return (
            predicate in self.constrained
            or predicate in _SCHEMA_PREDICATES
            or predicate == _SAME_AS
            or (
                predicate == _TYPE
                and (object_ in self.constrained or subject in self.constrained or _is_built_in(object_))
            )
            or subject in self.own_joins
            or object_ in self.own_joins
        )


def axioms(quads: Iterable[Quad]) -> tuple[Quad, ...]:
    """The asserted schema and owl:sameAs quads."""
    return tuple(
        quad
        for quad in quads
        if quad.graph_name != INFERRED_GRAPH and (quad.predicate in _SCHEMA_PREDICATES or quad.predicate == _SAME_AS)
    )


def _axioms_of(run: GraphRun) -> tuple[Quad, ...]:
    return axioms(run.quads)


def _written(term: Term) -> str:
    """An IRI's value, or another term in N-Triples form (which starts with `"` or `_:`, as no IRI does)."""
    return term.value if isinstance(term, NamedNode) else str(term)


def _inputs_of(rules: Rules, run: GraphRun) -> tuple[Encoded, ...]:
    """The graph's rule inputs as the build cache keeps them: strings, which it reads back faster than terms."""
    return tuple((_written(q.subject), q.predicate.value, _written(q.object)) for q in rules.inputs(run.quads))


def _terms(written: Sequence[str]) -> list[Term]:
    """The terms that `_written` wrote (other than IRIs), read in one pass of the N-Triples parser."""
    anything = "<urn:x-wilcokg:>"
    document = "".join(f"{anything} {anything} {text} .\n" for text in written)
    objects = [triple.object for triple in parse(document.encode(), format=RdfFormat.N_TRIPLES)]
    # A blank node's label is its own: the parser may give it another.
    return [BlankNode(text[2:]) if text.startswith("_:") else term for text, term in zip(written, objects, strict=True)]


@dataclass(frozen=True, slots=True)
class Question:
    """What the reasoner is given: the encoded rule inputs, the terms their stand-ins stand for
    (N-Triples form, by stand-in), and the asserted schema and owl:sameAs quads."""

    inputs: list[Encoded]
    originals: dict[str, str]
    axioms: tuple[Quad, ...]


@dataclass(frozen=True, slots=True)
class Entailed:
    """The informative entailments, sorted, as N-Quads in the inferred graph; and, apart, those the
    rules could not have used, which may be asserted somewhere (see `inference_started`)."""

    nquads: bytes
    unsure: tuple[Triple, ...]


def entailed_of(question: Question) -> Entailed:
    """The entailments of the question: a function of its argument alone, so that it can run in a
    worker process while the build goes on."""
    reasoner = reasonable.PyReasoner()
    # Plain strings reach the reasoner as IRIs: the cheapest conversion its binding accepts.
    reasoner.from_graph(question.inputs)
    closure = {(str(s), str(p), str(o)) for s, p, o in reasoner.reason()}
    closure |= _schema_closure(closure)
    added = closure.difference(question.inputs)
    originals = question.originals
    needed = sorted({term for triple in added for term in triple if term in originals})
    terms = dict(zip(needed, _terms([originals[stand_in] for stand_in in needed]), strict=True))

    def decode(key: str) -> Term:
        return terms.get(key) or NamedNode(key)

    same_as = _SAME_AS.value
    aliases = aliases_of_ours(
        (NamedNode(s), _SAME_AS, NamedNode(o)) for s, p, o in closure if p == same_as and not o.startswith(_STAND_IN)
    )
    aliases |= merged_away(question.axioms)
    entailed = [
        Triple(subject, predicate, object_)
        for subject, predicate, object_ in (map(decode, triple) for triple in added)
        if isinstance(subject, NamedNode)
        and isinstance(predicate, NamedNode)
        and informative(subject, predicate, object_, aliases)
    ]
    rules = Rules.of(question.axioms)
    sure = [t for t in entailed if rules.takes(t.subject, t.predicate, t.object)]
    unsure = tuple(t for t in entailed if not rules.takes(t.subject, t.predicate, t.object))
    quads = sorted((Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in sure), key=sort_key)
    return Entailed(serialized(quads, RdfFormat.N_QUADS), unsure)


Reasoning = Callable[[Question], Callable[[], Entailed]]
"""Starts `entailed_of` on the question and returns what waits for its answer."""


def reason_here(question: Question) -> Callable[[], Entailed]:
    """Reasoning in this process, before it returns."""
    entailed = entailed_of(question)
    return lambda: entailed


def infer(
    quads: Sequence[Quad] | Graphs, keys: Mapping[str, str] | None = None, cache: BuildCache | None = None
) -> list[Quad]:
    """The entailments of every asserted graph of quads sorted by `sort_key` (quads already in the
    inferred graph are ignored), as sorted quads in the inferred graph, none of them asserted anywhere.

    `keys`: the graphs (N-Triples form) that a chapter's key names (a `Graphs` carries its own): what
    inference reads of them is taken from `cache`, or made and kept there.
    """
    return list(inference_started(quads, keys, cache)())


def inference_started(
    quads: Sequence[Quad] | Graphs,
    keys: Mapping[str, str] | None = None,
    cache: BuildCache | None = None,
    reasoning: Reasoning = reason_here,
) -> Callable[[], tuple[Quad, ...]]:
    """`infer`, with the reasoner started by `reasoning` (by default, here and now): what returns the
    entailments once the reasoner is done (the first call waits; later ones return the same). The
    rest of the work is done here, before and after."""
    runs = [run for run in graph_runs_of(quads, keys) if run.name != str(INFERRED_GRAPH)]
    every_axiom = [
        quad for run in runs for quad in computed(cache, "infer-axioms", run.key, functools.partial(_axioms_of, run))
    ]
    rules = Rules.of(every_axiom)
    # A graph's rule inputs depend on its quads and on every graph's axioms.
    axioms_digest = digest(serialized(sorted(every_axiom, key=sort_key), RdfFormat.N_QUADS)) if cache else ""
    # The reasoner sees an IRI as itself and any other term as a stand-in IRI (see the header).
    stand_ins: dict[str, str] = {}

    def encode(written: str) -> str:
        if not written.startswith(('"', "_:")):
            return written
        if (stand_in := stand_ins.get(written)) is None:
            stand_in = stand_ins[written] = f"{_STAND_IN}{len(stand_ins)}"
        return stand_in

    inputs = {
        (encode(subject), predicate, encode(object_))
        for run in runs
        for subject, predicate, object_ in computed(
            cache,
            "infer-inputs",
            digest(run.key, axioms_digest) if run.key and cache else None,
            functools.partial(_inputs_of, rules, run),
        )
    }
    originals = {stand_in: written for written, stand_in in stand_ins.items()}
    answer = reasoning(Question(list(inputs), originals, tuple(every_axiom)))

    @functools.cache
    def entailments() -> tuple[Quad, ...]:
        entailed = answer()
        inferred = tuple(parse(entailed.nquads, format=RdfFormat.N_QUADS, lenient=True))
        if not entailed.unsure:
            return inferred
        # An asserted triple that the rules can use is a rule input, and no input is entailed: only an
        # entailment the rules could not have used (none, under this ontology) needs looking for among
        # the quads of its subject and predicate.
        subjects = {triple.subject for triple in entailed.unsure}
        predicates = {triple.predicate for triple in entailed.unsure}
        asserted = {
            q.triple
            for q in (quad for run in runs for quad in run.quads)
            if q.subject in subjects and q.predicate in predicates and q.graph_name != INFERRED_GRAPH
        }
        kept = (Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in entailed.unsure if t not in asserted)
        return tuple(sorted((*inferred, *kept), key=sort_key))

    return entailments
