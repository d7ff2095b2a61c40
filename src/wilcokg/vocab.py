"""Namespaces and the IRI policy of docs/data-model.md."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from pyoxigraph import NamedNode

BASE = "https://w3id.org/wilcokg/"
ONTOLOGY_IRI = BASE + "ontology"

PREFIXES: dict[str, str] = {
    "wilco": BASE + "ontology#",
    "bibo": "http://purl.org/ontology/bibo/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "cv": "http://data.europa.eu/m8g/",
    "wd": "http://www.wikidata.org/entity/",
    "gn": "https://sws.geonames.org/",
    "chapter": BASE + "id/chapter/",
    "city": BASE + "id/city/",
    "country": BASE + "id/country/",
    "orgid": BASE + "id/org/",
    "person": BASE + "id/person/",
    "innovation": BASE + "id/innovation/",
    "keyword": BASE + "id/keyword/",
    "pf": BASE + "id/policy-field/",
}


def curie(iri: str, namespaces: Mapping[str, str] = PREFIXES) -> str | None:
    """`skos:prefLabel` for an IRI in one of `namespaces` (the longest that leaves a local part), for reading."""
    for prefix, namespace in sorted(namespaces.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return None


class Namespace:
    """Builds NamedNodes for terms of one vocabulary: `SKOS("prefLabel")`."""

    __slots__ = ("iri",)

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __call__(self, local: str) -> NamedNode:
        return NamedNode(self.iri + local)


WILCO = Namespace(PREFIXES["wilco"])
BIBO = Namespace(PREFIXES["bibo"])
DCAT = Namespace(PREFIXES["dcat"])
DCTERMS = Namespace(PREFIXES["dcterms"])
FOAF = Namespace(PREFIXES["foaf"])
OA = Namespace(PREFIXES["oa"])
ORG = Namespace(PREFIXES["org"])
OWL = Namespace(PREFIXES["owl"])
PROV = Namespace(PREFIXES["prov"])
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
SCHEMA = Namespace(PREFIXES["schema"])
SKOS = Namespace(PREFIXES["skos"])
VOID = Namespace(PREFIXES["void"])
XSD = Namespace(PREFIXES["xsd"])
RDF_TYPE = RDF("type")

ENGLISH = NamedNode("http://publications.europa.eu/resource/authority/language/ENG")


def local_name(iri: str) -> str:
    """`skos:prefLabel` for a known namespace, else the last path segment or fragment."""
    return curie(iri) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def slugify(text: str) -> str:
    """ASCII slug: diacritics dropped, lower case, non-alphanumeric runs become one hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity(kind: str, *parts: str | int) -> NamedNode:
    """An IRI under `id/`: `entity("chapter", "lille-introduction", "section", 3)`."""
    return NamedNode(BASE + "id/" + "/".join([kind, *map(str, parts)]))


def graph(*parts: str) -> NamedNode:
    return NamedNode(BASE + "graph/" + "/".join(parts))


def chapter_graph(identifier: str) -> NamedNode:
    """The named graph of the chapter `identifier`."""
    return graph("chapter", identifier)


REFERENCE_GRAPH = graph("reference")
ONTOLOGY_GRAPH = graph("ontology")
METADATA_GRAPH = graph("metadata")
INFERRED_GRAPH = graph("inferred")
KEYWORD_SCHEME = entity("scheme", "keywords")
POLICY_FIELD_SCHEME = entity("scheme", "policy-fields")
BOOK = entity("book", "wilco")
DATASET = entity("dataset", "wilcokg")
