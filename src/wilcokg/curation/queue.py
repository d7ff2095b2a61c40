"""What awaits review: discovered entities and read statements, each with the words it rests on.

The queue is read from a built graph with fixed SPARQL (`QUEUE_QUERIES`), so that anything that can
ask those queries gets the same items from `review_items`: `wilcokg curate list` asks a local store
(`local_queue`), and a web page can ask the server's endpoint and hand its rows over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import Quad, Store

from wilcokg.curation.decisions import ID
from wilcokg.curation.facts import category
from wilcokg.terms import solutions

Rows = Sequence[Mapping[str, str]]
"""Query solutions as variable name → value (IRI, lexical form), unbound variables left out."""

_PREFIXES = """
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
QUEUE_QUERIES = {
    "entities": _PREFIXES
    + """
SELECT DISTINCT ?node ?status ?label ?name ?chapter ?cue WHERE {
  ?node wilco:discoveredIn ?chapter ; wilco:status ?status ; rdfs:label ?label ; wilco:discoveryCue ?cue .
  OPTIONAL { ?node skos:altLabel ?name }
}""",
    "statements": _PREFIXES
    + """
SELECT DISTINCT ?node ?status ?innovation ?innovationLabel ?actor ?actorLabel ?role ?property ?value WHERE {
  ?node wilco:status ?status .
  { ?node a wilco:ActorRole ; prov:agent ?actor ; prov:hadRole ?role . ?innovation wilco:qualifiedActor ?node .
    OPTIONAL { ?actor rdfs:label ?actorLabel } }
  UNION
  { ?node a wilco:StatedValue ; rdf:subject ?innovation ; rdf:predicate ?property ; rdf:object ?value }
  OPTIONAL { ?innovation rdfs:label ?innovationLabel }
}""",
    "mentions": _PREFIXES
    + """
SELECT DISTINCT ?node ?chapter ?start ?end ?prefix ?exact ?suffix WHERE {
  ?node wilco:discoveredIn ?discovered .
  ?annotation oa:hasBody ?node ; oa:motivatedBy oa:identifying ; oa:hasTarget ?target .
  ?target oa:hasSource ?chapter ; oa:hasSelector ?position , ?quote .
  ?position oa:start ?start ; oa:end ?end .
  ?quote oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
}""",
    "evidence": _PREFIXES
    + """
SELECT DISTINCT ?node ?chapter ?start ?end ?exact ?rule WHERE {
  ?annotation oa:hasBody ?node ; oa:motivatedBy oa:describing ; oa:hasTarget ?target ; wilco:extractionRule ?rule .
  ?target oa:hasSource ?chapter ; oa:hasSelector ?position , ?quote .
  ?position oa:start ?start ; oa:end ?end .
  ?quote oa:exact ?exact .
}""",
}
KINDS = ("org", "innovation", "person", "place", "role", "value")
STATUSES = ("extracted", "accepted", "curated")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of a chapter: for a discovered entity one that names it (`exact` being the name), for a
    statement the one that states it (`exact` being the whole sentence, `rule` the rule that read it)."""

    chapter: str
    start: int
    end: int
    prefix: str
    exact: str
    suffix: str
    rule: str = ""

    @property
    def sentence(self) -> str:
        return self.prefix + self.exact + self.suffix


@dataclass(frozen=True, slots=True)
class ReviewItem:
    iri: str
    kind: str
    """`org`, `innovation`, `person`, `place` (discovered entities), `role` or `value` (statements)."""
    status: str
    label: str
    """The entity's name, or what the statement says: `European Social Fund — funder of The Filur project`."""
    names: tuple[str, ...]
    chapters: tuple[str, ...]
    """Chapter ids (`58-the-filur-project`): where it was discovered, or where its evidence is."""
    cue: str
    """The discovery cue of an entity."""
    evidence: tuple[Evidence, ...]

    @property
    def short(self) -> str:
        return self.iri.removeprefix(ID)


def _chapter_id(iri: str) -> str:
    return iri.removeprefix(ID + "chapter/")


def _evidence(rows: Rows) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = defaultdict(list)
    for row in rows:
        found[row["node"]].append(
            Evidence(
                _chapter_id(row["chapter"]),
                int(row["start"]),
                int(row["end"]),
                row.get("prefix", ""),
                row["exact"],
                row.get("suffix", ""),
                row.get("rule", ""),
            )
        )
    return found


def _statement_label(row: Mapping[str, str]) -> str:
    innovation = row.get("innovationLabel") or row["innovation"].removeprefix(ID)
    if "role" in row:
        actor = row.get("actorLabel") or row["actor"].removeprefix(ID)
        return f"{actor} — {row['role'].rsplit('/', 1)[-1]} of {innovation}"
    return f"{innovation} — {row['property'].rsplit('#', 1)[-1]} {row['value']}"


def review_items(rows: Mapping[str, Rows]) -> list[ReviewItem]:
    """The items the answers to `QUEUE_QUERIES` (by name) describe, entities first, each group by IRI."""
    evidence = _evidence(rows["mentions"]) | _evidence(rows["evidence"])
    entities: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows["entities"]:
        fields = entities[row["node"]]
        for name in ("status", "label", "chapter", "cue", "name"):
            if name in row:
                fields[name].add(row[name] if name != "chapter" else _chapter_id(row[name]))
    items = []
    for iri, fields in sorted(entities.items()):
        label = min(fields["label"])
        items.append(
            ReviewItem(
                iri,
                category(iri),
                min(fields["status"]),
                label,
                (label, *sorted((fields["label"] | fields["name"]) - {label})),
                tuple(sorted(fields["chapter"])),
                min(fields["cue"]),
                tuple(sorted(evidence.get(iri, []), key=lambda e: (e.chapter, e.start))),
            )
        )
    statements = {row["node"]: row for row in sorted(rows["statements"], key=lambda row: sorted(row.items()))}
    for iri, row in sorted(statements.items()):
        found = tuple(sorted(evidence.get(iri, []), key=lambda e: (e.chapter, e.start)))
        kind = "role" if "role" in row else "value"
        chapters = tuple(sorted({e.chapter for e in found}))
        items.append(ReviewItem(iri, kind, row["status"], _statement_label(row), (), chapters, "", found))
    return items


def local_queue(quads: Iterable[Quad]) -> list[ReviewItem]:
    """`review_items` of a graph held here (a built dataset's asserted quads)."""
    store = Store()
    store.extend(quads)
    rows = {}
    for name, query in QUEUE_QUERIES.items():
        answer = solutions(store.query(query, use_default_graph_as_union=True))
        names = [variable.value for variable in answer.variables]
        rows[name] = [
            {key: term.value for key, term in zip(names, solution, strict=True) if term is not None}
            for solution in answer
        ]
    return review_items(rows)


def selected(
    items: Iterable[ReviewItem], chapter: str | None = None, kind: str | None = None, status: str | None = None
) -> list[ReviewItem]:
    """The items read in `chapter` (an id, `58-the-filur-project`), of `kind`, with `status` (None: any)."""
    return [
        item
        for item in items
        if (chapter is None or chapter in item.chapters)
        and (kind is None or item.kind == kind)
        and (status is None or item.status == status)
    ]
