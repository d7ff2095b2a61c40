"""What an entity page shows: label, types, properties, incoming links, external links, evidence."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from wilcokg.labels import LABEL_PROPERTIES, language_rank, preferred_labels
from wilcokg.server.engine.graph_reader import GraphReader, Row, Term
from wilcokg.server.page_queries import (
    ENTITY_EVIDENCE,
    ENTITY_INCOMING,
    ENTITY_STATEMENTS,
)
from wilcokg.vocab import INFERRED_GRAPH, PREFIXES, local_name

_TYPE = PREFIXES["rdf"] + "type"
_LABEL_IRIS = tuple(iri.value for iri in LABEL_PROPERTIES)
_MATCH_PHRASES = {
    PREFIXES["owl"] + "sameAs": "{label}",
    PREFIXES["skos"] + "exactMatch": "{label}",
    PREFIXES["skos"] + "closeMatch": "close to {label}",
    PREFIXES["skos"] + "broadMatch": "broader than {label}",
    PREFIXES["skos"] + "narrowMatch": "narrower than {label}",
    PREFIXES["skos"] + "relatedMatch": "related to {label}",
}
EXTERNAL_TARGETS = {
    "http://www.wikidata.org/entity/": "Wikidata",
    "https://sws.geonames.org/": "GeoNames",
    "http://eurovoc.europa.eu/": "EuroVoc",
    "http://vocabularies.unesco.org/thesaurus/": "UNESCO Thesaurus",
    "http://publications.europa.eu/resource/authority/": "EU authority tables",
    "https://cordis.europa.eu/": "CORDIS",
    "http://dbpedia.org/resource/": "DBpedia",
}


@dataclass(frozen=True, slots=True)
class Link:
    iri: str
    label: str


@dataclass(frozen=True, slots=True)
class Value:
    term: Term
    label: str | None
    inferred: bool


@dataclass(frozen=True, slots=True)
class Statement:
    predicate: Link
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    chapter: Link
    start: int
    prefix: str
    exact: str
    suffix: str


@dataclass(frozen=True, slots=True)
class EntityView:
    iri: str
    label: str
    types: tuple[Link, ...]
    statements: tuple[Statement, ...]
    incoming: tuple[tuple[Link, Link], ...]
    external: tuple[tuple[str, Link], ...]
    evidence: tuple[Evidence, ...]


def best_labels(rows: list[Row], key: str, label_key: str) -> dict[str, str]:
    """One label per IRI of the ``key`` column, chosen among the ``label_key`` column's by `wilcokg.labels`."""
    return preferred_labels(
        (row[key].value, row[label_key].value, row[label_key].language)
        for row in rows
        if key in row and label_key in row
    )


def _external_target(iri: str) -> str | None:
    return next((name for prefix, name in EXTERNAL_TARGETS.items() if iri.startswith(prefix)), None)


def _external_label(predicate: str, iri: str, own_label: str) -> str | None:
    """`EuroVoc: Social housing`, `UNESCO Thesaurus: broader than Social housing`, for another dataset's IRI.

    The graph has no labels for other vocabularies' concepts, and their bare numbers (EuroVoc's 1133) tell a
    reader nothing; a match relation says what the concept is in terms of the entity's own name."""
    target = _external_target(iri)
    if target is None:
        return None
    phrase = _MATCH_PHRASES.get(predicate)
    return f"{target}: {phrase.format(label=own_label) if phrase else local_name(iri)}"


async def describe_entity(reader: GraphReader, entity: NamedNode) -> EntityView | None:
    """The page's content, or None when the graph says nothing about ``entity``."""
    outgoing = await reader.select(ENTITY_STATEMENTS, entity=entity)
    incoming = await reader.select(ENTITY_INCOMING, entity=entity)
    if not outgoing and not incoming:
        return None
    evidence = await reader.select(ENTITY_EVIDENCE, entity=entity)
    return entity_view(entity.value, outgoing, incoming, evidence)


def entity_view(iri: str, outgoing: list[Row], incoming: list[Row], evidence: list[Row]) -> EntityView:
    predicate_labels = best_labels(outgoing, "p", "plabel")
    object_labels = best_labels(outgoing, "o", "olabel")
    own_labels = [row["o"] for row in outgoing if row["p"].value in _LABEL_IRIS]
    label = _pick_label(own_labels) or local_name(iri)
    # A value is shown as inferred only when no asserted graph states it too.
    inferred_only: dict[tuple[str, Term], bool] = {}
    for row in outgoing:
        key = (row["p"].value, row["o"])
        inferred_only[key] = inferred_only.get(key, True) and row["g"].value == INFERRED_GRAPH.value
    by_predicate: dict[str, list[Value]] = {}
    for (predicate, term), inferred in sorted(inferred_only.items(), key=lambda item: _order(*item[0])):
        shown = object_labels.get(term.value) or _external_label(predicate, term.value, label)
        by_predicate.setdefault(predicate, []).append(Value(term, shown, inferred))
    statements = tuple(
        Statement(Link(p, predicate_labels.get(p, local_name(p))), tuple(values))
        for p, values in sorted(by_predicate.items(), key=lambda item: (item[0] != _TYPE, item[0]))
    )
    types = tuple(Link(v.term.value, v.label or local_name(v.term.value)) for v in by_predicate.get(_TYPE, []))
    subject_labels = best_labels(incoming, "s", "slabel")
    incoming_predicates = best_labels(incoming, "p", "plabel")
    links = sorted({(row["s"].value, row["p"].value) for row in incoming})
    external = tuple(
        sorted(
            {
                (target, Link(v.term.value, v.label or v.term.value))
                for values in by_predicate.values()
                for v in values
                if v.term.is_iri and (target := _external_target(v.term.value))
            },
            key=lambda item: (item[0], item[1].iri),
        )
    )
    return EntityView(
        iri=iri,
        label=label,
        types=types,
        statements=statements,
        incoming=tuple(
            (Link(s, subject_labels.get(s, local_name(s))), Link(p, incoming_predicates.get(p, local_name(p))))
            for s, p in links
        ),
        external=external,
        evidence=tuple(
            Evidence(
                Link(row["chapter"].value, row["title"].value),
                int(row["start"].value),
                row["prefix"].value,
                row["exact"].value,
                row["suffix"].value,
            )
            for row in evidence
        ),
    )


def _order(predicate: str, term: Term) -> tuple[str, str, int, str, str]:
    """Statements by property, then by text, then as labels rank (English, untagged, others), then by tag
    and datatype: `"Lille"@en` before `"Lille"@fr`, whatever order the store returns them in."""
    return predicate, term.value, language_rank(term.language), term.language or "", term.datatype or ""


def _pick_label(labels: list[Term]) -> str | None:
    ranked = sorted(labels, key=lambda t: (language_rank(t.language), t.value))
    return ranked[0].value if ranked else None
