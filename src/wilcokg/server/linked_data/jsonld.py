"""JSON-LD for developers: the published `@context`, and compaction of expanded JSON-LD with it.

Why a small compaction of our own rather than pyld or rdflib: the graph has no blank nodes, lists or
nested nodes, so compaction reduces to three steps — merge node objects by `@id`, pick the context's
term for each property when the values fit its type coercion, and write simple values plainly. That
is a few dozen lines with no dependency and no remote context loading, and a test proves the result
expands back to exactly the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from wilcokg.vocab import PREFIXES

_XSD = PREFIXES["xsd"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_ID = "@id"
_LANGUAGE_MAP = "@language"
# term → (property, coercion): "@id" for links, an XSD datatype for typed literals, "@language" for a
# map from language to text (one preferred label per language), None for any literal.
TERMS: dict[str, tuple[str, str | None]] = {
    "label": (PREFIXES["rdfs"] + "label", None),
    "prefLabel": (PREFIXES["skos"] + "prefLabel", _LANGUAGE_MAP),
    "altLabel": (PREFIXES["skos"] + "altLabel", None),
    "hiddenLabel": (PREFIXES["skos"] + "hiddenLabel", None),
    "name": (PREFIXES["foaf"] + "name", None),
    "title": (PREFIXES["dcterms"] + "title", None),
    "description": (PREFIXES["dcterms"] + "description", None),
    "definition": (PREFIXES["skos"] + "definition", None),
    "identifier": (PREFIXES["schema"] + "identifier", None),
    "text": (PREFIXES["schema"] + "text", None),
    "nuts3": (PREFIXES["wilco"] + "nuts3", None),
    "nuts3Code2021": (PREFIXES["wilco"] + "nuts3Code2021", None),
    "sectionNumber": (PREFIXES["wilco"] + "sectionNumber", None),
    "lat": (PREFIXES["geo"] + "lat", _XSD + "decimal"),
    "long": (PREFIXES["geo"] + "long", _XSD + "decimal"),
    "chapterNumber": (PREFIXES["wilco"] + "chapterNumber", _XSD + "integer"),
    "number": (PREFIXES["bibo"] + "number", _XSD + "integer"),
    "position": (PREFIXES["schema"] + "position", _XSD + "integer"),
    "footnoteNumber": (PREFIXES["wilco"] + "footnoteNumber", _XSD + "integer"),
    "startOffset": (PREFIXES["wilco"] + "startOffset", _XSD + "integer"),
    "endOffset": (PREFIXES["wilco"] + "endOffset", _XSD + "integer"),
    "sameAs": (PREFIXES["owl"] + "sameAs", _ID),
    "city": (PREFIXES["dcterms"] + "spatial", _ID),
    "containedIn": (PREFIXES["schema"] + "containedInPlace", _ID),
    "policyField": (PREFIXES["wilco"] + "policyField", _ID),
    "actor": (PREFIXES["wilco"] + "actor", _ID),
    "subject": (PREFIXES["dcterms"] + "subject", _ID),
    "listedKeyword": (PREFIXES["wilco"] + "listedKeyword", _ID),
    "category": (PREFIXES["wilco"] + "category", _ID),
    "chapterKind": (PREFIXES["wilco"] + "chapterKind", _ID),
    "isPartOf": (PREFIXES["dcterms"] + "isPartOf", _ID),
    "isReferencedBy": (PREFIXES["dcterms"] + "isReferencedBy", _ID),
    "about": (PREFIXES["schema"] + "about", _ID),
    "creator": (PREFIXES["dcterms"] + "creator", _ID),
    "memberOf": (PREFIXES["org"] + "memberOf", _ID),
    "subOrganizationOf": (PREFIXES["org"] + "subOrganizationOf", _ID),
    "inScheme": (PREFIXES["skos"] + "inScheme", _ID),
    "topConceptOf": (PREFIXES["skos"] + "topConceptOf", _ID),
    "broader": (PREFIXES["skos"] + "broader", _ID),
    "narrower": (PREFIXES["skos"] + "narrower", _ID),
    "related": (PREFIXES["skos"] + "related", _ID),
    "exactMatch": (PREFIXES["skos"] + "exactMatch", _ID),
    "closeMatch": (PREFIXES["skos"] + "closeMatch", _ID),
    "language": (PREFIXES["dcterms"] + "language", _ID),
    "source": (PREFIXES["dcterms"] + "source", _ID),
    "wasDerivedFrom": (PREFIXES["prov"] + "wasDerivedFrom", _ID),
    "replaces": (PREFIXES["dcterms"] + "replaces", _ID),
    "isReplacedBy": (PREFIXES["dcterms"] + "isReplacedBy", _ID),
}
# Vocabulary prefixes only: the entity namespaces' prefixes (`city:`) would clash with terms (`city`).
_PREFIXES = {p: iri for p, iri in PREFIXES.items() if "/id/" not in iri and p not in TERMS}


def context() -> dict[str, Any]:
    """The `@context` document served at /context.jsonld."""
    terms: dict[str, Any] = {"id": "@id", "type": "@type", **_PREFIXES}
    for term, (iri, coercion) in TERMS.items():
        if coercion == _LANGUAGE_MAP:
            terms[term] = {"@id": iri, "@container": _LANGUAGE_MAP}
        else:
            terms[term] = {"@id": iri, "@type": coercion} if coercion else iri
    return {"@context": terms}


_BY_PROPERTY = {iri: (term, coercion) for term, (iri, coercion) in TERMS.items()}


def _compact_iri(iri: str) -> str:
    """`schema:City` for a known namespace (expanded back through the context's prefixes)."""
    for prefix, namespace in sorted(_PREFIXES.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and "/" not in local and "#" not in local and ":" not in local:
            return f"{prefix}:{local}"
    return iri


def _fits(value: dict[str, Any], coercion: str | None) -> bool:
    if coercion == _ID:
        return set(value) == {_ID}
    if coercion is None:
        return _ID not in value
    if coercion == _LANGUAGE_MAP:
        return set(value) == {"@value", "@language"}
    return value.get("@type") == coercion and set(value) == {"@value", "@type"}


def _plain(value: dict[str, Any], coercion: str | None) -> Any:
    """The compact form of a value that fits its term: the IRI or text alone, or a value object."""
    if coercion is None and set(value) != {"@value"}:
        return dict(value)
    return value.get(_ID, value.get("@value"))


def _general(value: dict[str, Any]) -> Any:
    """A value under a full or prefixed property IRI: strings plain, everything else as a value object."""
    if set(value) == {"@value"}:
        return value["@value"]
    return dict(value)


def _single(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _node(subject: str, properties: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": subject}
    types = sorted(_compact_iri(v[_ID]) for v in properties.pop(_RDF_TYPE, []) if _ID in v)
    if types:
        node["type"] = _single(types)
    for predicate in sorted(properties, key=lambda p: _BY_PROPERTY.get(p, (_compact_iri(p), None))[0]):
        values = properties[predicate]
        term, coercion = _BY_PROPERTY.get(predicate, (None, None))
        fitting = [v for v in values if term and _fits(v, coercion)]
        others = [v for v in values if not (term and _fits(v, coercion))]
        if term and fitting and coercion == _LANGUAGE_MAP:
            by_language: dict[str, list[str]] = defaultdict(list)
            for value in fitting:
                by_language[value["@language"]].append(value["@value"])
            node[term] = {language: _single(sorted(texts)) for language, texts in sorted(by_language.items())}
        elif term and fitting:
            node[term] = _single(sorted((_plain(v, coercion) for v in fitting), key=str))
        if others:
            key = _compact_iri(predicate)
            node[key] = _single([_general(v) for v in sorted(others, key=lambda v: sorted(v.items()))])
    return node


def compact(expanded: list[dict[str, Any]], context: Any) -> dict[str, Any]:
    """Expanded JSON-LD (node objects with IRIs only, as the store writes it) compacted with our context.

    `context` is what the document's `@context` says: the context itself, which makes an entity's
    document readable without fetching anything, or the address where it is published.
    """
    merged: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for node in expanded:
        for key, values in node.items():
            if key == _ID:
                continue
            target = merged[node[_ID]][key if key != "@type" else _RDF_TYPE]
            for value in values:
                value = {_ID: value} if isinstance(value, str) else value
                if value not in target:
                    target.append(value)
    nodes = [_node(subject, dict(properties)) for subject, properties in sorted(merged.items())]
    if len(nodes) == 1:
        return {"@context": context, **nodes[0]}
    return {"@context": context, "@graph": nodes}
