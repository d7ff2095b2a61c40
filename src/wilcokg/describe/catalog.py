"""The DCAT-AP 3 catalogue entry of the dataset, which portals harvest from `void.ttl` and `/catalog`.

A catalogue, one record per dataset, the datasets with who publishes them, whom to contact, what they
are about (themes, keywords, places, period) and their dumps with formats, sizes, checksums and
licence. Each value DCAT-AP takes from a controlled vocabulary (the EU authority tables, IANA media
types, the ADMS and SPDX terms) is typed and placed in its scheme here, so that the description
validates against the DCAT-AP shapes without loading those vocabularies.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Triple

from wilcokg.describe.coverage import STUDY_PERIOD, Place
from wilcokg.dist_layout import Written
from wilcokg.file_types import GZIP_MEDIA_TYPE, IANA_MEDIA_TYPES, packed
from wilcokg.vocab import BASE, DCAT, DCTERMS, ENGLISH, FOAF, OWL, RDF_TYPE, RDFS, SKOS, XSD, Namespace, entity

ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
NAMESPACES = {
    "adms": ADMS.iri,
    "dcatap": DCATAP.iri,
    "spdx": SPDX.iri,
    "vcard": VCARD.iri,
    "locn": "http://www.w3.org/ns/locn#",
}
WKT = NamedNode("http://www.opengis.net/ont/geosparql#wktLiteral")
AUTHORITY = "http://publications.europa.eu/resource/authority/"

CATALOG = entity("catalog", "wilcokg")
PUBLISHER = entity("agent", "wilcokg-contributors")
CONTACT = entity("agent", "wilcokg-contributors", "contact")
HOME = NamedNode(BASE)
DOWNLOADS = NamedNode(BASE + "downloads/")
LICENCE = NamedNode("https://creativecommons.org/licenses/by/4.0/")
DCAT_AP = NamedNode("https://semiceu.github.io/DCAT-AP/releases/3.0.1/")
# DCAT-AP 3.0.1's shapes want the algorithm under https: the SPDX term's http IRI is given as its sameAs.
SHA256 = NamedNode("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")
THEMES = (
    ("SOCI", "Population and society"),
    ("REGI", "Regions and cities"),
    ("GOVE", "Government and public sector"),
)


@dataclass(frozen=True, slots=True)
class CatalogDataset:
    """A dataset of the catalogue and the dumps that hold exactly its triples."""

    node: NamedNode
    title: str
    description: str
    files: dict[str, Written] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Coverage:
    places: Sequence[Place]
    keywords: Sequence[Literal]
    modified: datetime


def _english(text: str) -> Literal:
    return Literal(text, language="en")


def _date_time(moment: datetime) -> Literal:
    return Literal(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD("dateTime"))


def _concept(node: NamedNode, label: str, scheme: NamedNode) -> Iterator[Triple]:
    yield Triple(node, RDF_TYPE, SKOS("Concept"))
    yield Triple(node, SKOS("prefLabel"), _english(label))
    yield Triple(node, SKOS("inScheme"), scheme)


def _scheme(node: NamedNode, title: str) -> Iterator[Triple]:
    yield Triple(node, RDF_TYPE, SKOS("ConceptScheme"))
    yield Triple(node, DCTERMS("title"), _english(title))


def _authority(table: str, code: str, label: str) -> Iterator[Triple]:
    yield from _concept(NamedNode(f"{AUTHORITY}{table}/{code}"), label, NamedNode(AUTHORITY + table))


def _agents() -> Iterator[Triple]:
    publisher_type = NamedNode("http://purl.org/adms/publishertype/NonProfitOrganisation")
    publisher_types = NamedNode("http://purl.org/adms/publishertype/1.0")
    yield Triple(PUBLISHER, RDF_TYPE, FOAF("Agent"))
    yield Triple(PUBLISHER, RDF_TYPE, FOAF("Organization"))
    yield Triple(PUBLISHER, FOAF("name"), Literal("wilcokg contributors"))
    yield Triple(PUBLISHER, FOAF("homepage"), HOME)
    yield Triple(PUBLISHER, DCTERMS("type"), publisher_type)
    yield from _concept(publisher_type, "Non-Profit Organisation", publisher_types)
    yield from _scheme(publisher_types, "ADMS publisher types")
    for kind in ("Kind", "Organization"):
        yield Triple(CONTACT, RDF_TYPE, VCARD(kind))
    yield Triple(CONTACT, VCARD("fn"), Literal("wilcokg contributors"))
    yield Triple(CONTACT, VCARD("hasURL"), HOME)


def _licence() -> Iterator[Triple]:
    attribution = NamedNode("http://purl.org/adms/licencetype/Attribution")
    yield Triple(LICENCE, RDF_TYPE, DCTERMS("LicenseDocument"))
    yield Triple(LICENCE, DCTERMS("title"), _english("Creative Commons Attribution 4.0 International"))
    yield Triple(LICENCE, DCTERMS("type"), attribution)
    yield from _concept(attribution, "Attribution", NamedNode("http://purl.org/adms/licencetype/1.0"))


def _places(places: Sequence[Place]) -> Iterator[Triple]:
    for place in places:
        yield Triple(place.geonames, RDF_TYPE, DCTERMS("Location"))
        yield Triple(place.geonames, RDFS("label"), place.label)
        yield Triple(place.geonames, OWL("sameAs"), place.ours)
        yield Triple(place.geonames, DCAT("centroid"), Literal(place.centroid, datatype=WKT))
        yield Triple(place.geonames, DCAT("bbox"), Literal(place.bbox, datatype=WKT))


def _media_type(media_type: str) -> Iterator[Triple]:
    node = NamedNode(IANA_MEDIA_TYPES + media_type)
    yield Triple(node, RDF_TYPE, DCTERMS("MediaType"))
    yield Triple(node, RDFS("label"), Literal(media_type))


def _distribution(owner: NamedNode, name: str, written: Written) -> Iterator[Triple]:
    file_type = packed(name)
    if file_type is None:
        raise ValueError(f"{name} is not a dump")
    content = file_type.content
    node = NamedNode(f"{owner.value}/distribution/{name}")
    checksum = NamedNode(node.value + "/sha256")
    yield Triple(owner, DCAT("distribution"), node)
    yield Triple(node, RDF_TYPE, DCAT("Distribution"))
    yield Triple(node, DCTERMS("title"), Literal(name))
    packing = ", gzip-compressed" if file_type.gzipped else ""
    yield Triple(node, DCTERMS("description"), _english(f"The dataset as {content.name}{packing}."))
    yield Triple(node, DCAT("accessURL"), DOWNLOADS)
    yield Triple(node, DCAT("downloadURL"), NamedNode(DOWNLOADS.value + name))
    yield Triple(node, DCAT("mediaType"), NamedNode(content.media_type_iri))
    yield from _media_type(content.media_type)
    if file_type.gzipped:
        yield Triple(node, DCAT("compressFormat"), NamedNode(IANA_MEDIA_TYPES + GZIP_MEDIA_TYPE))
        yield from _media_type(GZIP_MEDIA_TYPE)
    format_node = NamedNode(content.eu_file_type_iri)
    yield Triple(node, DCTERMS("format"), format_node)
    yield Triple(format_node, RDF_TYPE, DCTERMS("MediaTypeOrExtent"))
    yield from _authority("file-type", content.eu_file_type, content.name)
    yield Triple(node, DCTERMS("license"), LICENCE)
    availability = NamedNode(AUTHORITY + "planned-availability/AVAILABLE")
    yield Triple(node, DCATAP("availability"), availability)
    yield from _authority("planned-availability", "AVAILABLE", "Available")
    yield Triple(node, DCAT("byteSize"), Literal(str(written.size), datatype=XSD("nonNegativeInteger")))
    yield Triple(node, SPDX("checksum"), checksum)
    yield Triple(checksum, RDF_TYPE, SPDX("Checksum"))
    yield Triple(checksum, SPDX("algorithm"), SHA256)
    yield Triple(checksum, SPDX("checksumValue"), Literal(written.sha256, datatype=XSD("hexBinary")))
    yield Triple(SHA256, RDF_TYPE, SPDX("ChecksumAlgorithm"))
    yield Triple(SHA256, OWL("sameAs"), SPDX("checksumAlgorithm_sha256"))


def _about(dataset: CatalogDataset, version: str, coverage: Coverage) -> Iterator[Triple]:
    """What every dataset of the catalogue says of itself: the same publisher, subject, place and period."""
    node = dataset.node
    yield Triple(node, RDF_TYPE, DCAT("Dataset"))
    yield Triple(node, DCTERMS("title"), _english(dataset.title))
    yield Triple(node, DCTERMS("description"), _english(dataset.description))
    yield Triple(node, DCAT("version"), Literal(version))
    yield Triple(node, DCTERMS("modified"), _date_time(coverage.modified))
    yield Triple(node, DCTERMS("publisher"), PUBLISHER)
    yield Triple(node, DCAT("contactPoint"), CONTACT)
    yield Triple(node, DCAT("landingPage"), HOME)
    yield Triple(node, DCTERMS("language"), ENGLISH)
    yield Triple(node, DCTERMS("license"), LICENCE)
    for code, _ in THEMES:
        yield Triple(node, DCAT("theme"), NamedNode(f"{AUTHORITY}data-theme/{code}"))
    for keyword in coverage.keywords:
        yield Triple(node, DCAT("keyword"), keyword)
    for place in coverage.places:
        yield Triple(node, DCTERMS("spatial"), place.geonames)
    period = NamedNode(node.value + "/period")
    yield Triple(node, DCTERMS("temporal"), period)
    yield Triple(period, RDF_TYPE, DCTERMS("PeriodOfTime"))
    start, end = STUDY_PERIOD
    yield Triple(period, DCAT("startDate"), Literal(start, datatype=XSD("gYear")))
    yield Triple(period, DCAT("endDate"), Literal(end, datatype=XSD("gYear")))
    for name, written in sorted(dataset.files.items()):
        yield from _distribution(node, name, written)


def _record(dataset: NamedNode, modified: Literal) -> Iterator[Triple]:
    record = NamedNode(f"{CATALOG.value}/record/{dataset.value.rsplit('/', 1)[1]}")
    created = NamedNode("http://purl.org/adms/changetype/created")
    yield Triple(CATALOG, DCAT("record"), record)
    yield Triple(record, RDF_TYPE, DCAT("CatalogRecord"))
    yield Triple(record, FOAF("primaryTopic"), dataset)
    yield Triple(record, DCTERMS("issued"), modified)
    yield Triple(record, DCTERMS("modified"), modified)
    yield Triple(record, DCTERMS("conformsTo"), DCAT_AP)
    yield Triple(record, ADMS("status"), created)
    yield from _concept(created, "Created", NamedNode("http://purl.org/adms/changetype/1.0"))


def catalogue(datasets: Sequence[CatalogDataset], version: str, coverage: Coverage) -> Iterator[Triple]:
    """The catalogue of `datasets`, which share their publisher, licence, themes, keywords, places and period."""
    modified = _date_time(coverage.modified)
    yield Triple(CATALOG, RDF_TYPE, DCAT("Catalog"))
    yield Triple(CATALOG, DCTERMS("title"), _english("WILCO knowledge graph catalogue"))
    yield Triple(
        CATALOG,
        DCTERMS("description"),
        _english("The datasets of the WILCO knowledge graph and their downloads, as DCAT-AP 3 describes them."),
    )
    yield Triple(CATALOG, DCTERMS("publisher"), PUBLISHER)
    yield Triple(CATALOG, FOAF("homepage"), HOME)
    yield Triple(HOME, RDF_TYPE, FOAF("Document"))
    yield Triple(CATALOG, DCTERMS("language"), ENGLISH)
    yield Triple(ENGLISH, RDF_TYPE, DCTERMS("LinguisticSystem"))
    yield from _authority("language", "ENG", "English")
    yield Triple(CATALOG, DCTERMS("license"), LICENCE)
    yield Triple(CATALOG, DCTERMS("issued"), modified)
    yield Triple(CATALOG, DCTERMS("modified"), modified)
    themes = NamedNode(AUTHORITY + "data-theme")
    yield Triple(CATALOG, DCAT("themeTaxonomy"), themes)
    yield from _scheme(themes, "Data theme")
    for code, label in THEMES:
        yield from _authority("data-theme", code, label)
    for place in coverage.places:
        yield Triple(CATALOG, DCTERMS("spatial"), place.geonames)
    yield from _places(coverage.places)
    yield Triple(DCAT_AP, RDF_TYPE, DCTERMS("Standard"))
    yield Triple(DCAT_AP, DCTERMS("title"), _english("DCAT-AP 3.0.1"))
    yield from _agents()
    yield from _licence()
    for dataset in datasets:
        yield Triple(CATALOG, DCAT("dataset"), dataset.node)
        yield from _record(dataset.node, modified)
        yield from _about(dataset, version, coverage)
