"""The dataset description as portals read it: DCAT-AP 3.0.1 shapes on void.ttl and /catalog, and VoID
counts that match what each dump holds."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyshacl
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCAT, DCTERMS, RDF, SH, VOID, XSD

from conftest import FIXTURES
from wilcokg.describe.coverage import places
from wilcokg.vocab import OWL, RDF_TYPE, RDFS, SCHEMA

DCAT_AP_SHAPES = FIXTURES / "dcat-ap-3.0.1"
DATASET = rdflib.URIRef("https://w3id.org/wilcokg/id/dataset/wilcokg")
WITH_ENTAILMENTS = rdflib.URIRef("https://w3id.org/wilcokg/id/dataset/wilcokg-with-entailments")
REVIEWED = rdflib.URIRef("https://w3id.org/wilcokg/id/dataset/wilcokg-reviewed")
DATASETS = {DATASET, WITH_ENTAILMENTS, REVIEWED}
CATALOG = rdflib.URIRef("https://w3id.org/wilcokg/id/catalog/wilcokg")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
GZIP = rdflib.URIRef("http://www.iana.org/assignments/media-types/application/gzip")
CORPORATE_BODY_CHECK = rdflib.URIRef("http://data.europa.eu/r5r#CorporateBodyRestriction")


@dataclass(frozen=True, slots=True)
class Result:
    severity: str
    focus: str
    path: str
    message: str


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    """The five official shape files as one shapes graph, as the EU validator uses them."""
    graph = rdflib.Graph()
    for path in sorted(DCAT_AP_SHAPES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def void(dist: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(dist / "void.ttl", format="turtle")


def _publisher_outside_eu_table(report: rdflib.Graph, result: rdflib.term.Node, shapes: rdflib.Graph) -> bool:
    """DCAT-AP's vocabulary check wants every publisher to be one of the EU's corporate bodies. The
    wilcokg contributors are none, and naming one as publisher would be false: that warning stays."""
    source = report.value(result, SH.sourceShape)
    return (
        report.value(result, SH.resultPath) == DCTERMS.publisher and (source, SH.node, CORPORATE_BODY_CHECK) in shapes
    )


def dcat_ap_results(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[list[Result], list[Result]]:
    """The report's results, top level only: (those to fix, the publisher-not-an-EU-body warnings)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    kept: list[Result] = []
    accepted: list[Result] = []
    for node in report.objects(None, SH.result):
        result = Result(
            str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            str(report.value(node, SH.focusNode)),
            str(report.value(node, SH.resultPath)),
            str(report.value(node, SH.resultMessage)),
        )
        outside = result.severity == "Warning" and _publisher_outside_eu_table(report, node, shapes)
        (accepted if outside else kept).append(result)
    return kept, accepted


def test_void_ttl_meets_dcat_ap_3_with_no_violation_and_no_warning(void: rdflib.Graph, shapes: rdflib.Graph) -> None:
    kept, accepted = dcat_ap_results(void, shapes)

    assert kept == []
    assert sorted(r.focus for r in accepted) == sorted(map(str, (CATALOG, *DATASETS)))


def test_the_catalog_lists_each_dataset_with_a_record(void: rdflib.Graph) -> None:
    assert set(void.objects(CATALOG, DCAT.dataset)) == DATASETS
    topics = {void.value(record, rdflib.FOAF.primaryTopic) for record in void.objects(CATALOG, DCAT.record)}
    assert topics == DATASETS
    for dataset in topics:
        assert set(void.objects(dataset, DCAT.keyword))
        assert len(set(void.objects(dataset, DCTERMS.spatial))) == 30  # the 20 WILCO cities and their 10 countries
        assert (
            dataset,
            DCAT.theme,
            rdflib.URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
        ) in void


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_catalog_route_serves_the_same_graph_in_each_syntax(
    client: httpx.Client, void: rdflib.Graph, accept: str, rdflib_format: str
) -> None:
    response = client.get("/catalog", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    served = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert rdflib.compare.isomorphic(served, void)


def test_catalog_route_passes_the_shapes_and_refuses_what_it_cannot_give(
    client: httpx.Client, shapes: rdflib.Graph
) -> None:
    harvested = rdflib.Graph().parse(data=client.get("/catalog").content, format="turtle")
    kept, _ = dcat_ap_results(harvested, shapes)

    assert kept == []
    assert client.get("/catalog", headers={"Accept": "image/png"}).status_code == 406


def _triples_in(path: Path) -> int:
    data = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name.removesuffix(".gz")
    rdflib_format = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}[Path(name).suffix]
    if rdflib_format == "trig":
        return len({(s, p, o) for s, p, o, _ in rdflib.Dataset().parse(data=data, format="trig").quads()})
    return len(rdflib.Graph().parse(data=data, format=rdflib_format))


def test_each_distribution_holds_the_triples_its_dataset_counts(void: rdflib.Graph, dist: Path) -> None:
    distributions = list(void.subject_objects(DCAT.distribution))
    assert len(distributions) == 10
    for dataset, distribution in distributions:
        path = dist / str(void.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[1]
        assert _triples_in(path) == int(void.value(dataset, VOID.triples)), path.name
        assert int(void.value(distribution, DCAT.byteSize)) == path.stat().st_size
        checksum = void.value(distribution, SPDX.checksum)
        value = void.value(checksum, SPDX.checksumValue)
        assert value.datatype == XSD.hexBinary and str(value) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_inferred_graph_is_a_counted_subset(void: rdflib.Graph, dist: Path) -> None:
    subsets = set(void.objects(WITH_ENTAILMENTS, VOID.subset))
    assert DATASET in subsets
    (inferred,) = subsets - {DATASET}
    in_graph = (
        rdflib.Dataset()
        .parse(dist / "wilco.trig", format="trig")
        .graph(rdflib.URIRef("https://w3id.org/wilcokg/graph/inferred"))
    )
    assert int(void.value(inferred, VOID.triples)) == len(in_graph) > 0
    total = int(void.value(WITH_ENTAILMENTS, VOID.triples))
    assert total == int(void.value(DATASET, VOID.triples)) + len(in_graph)


def test_gzipped_distributions_say_what_they_contain(void: rdflib.Graph) -> None:
    for distribution in void.subjects(RDF.type, DCAT.Distribution):
        name = str(void.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[1]
        media_type = str(void.value(distribution, DCAT.mediaType))
        assert not media_type.endswith("/gzip")
        if name.endswith(".gz"):
            assert void.value(distribution, DCAT.compressFormat) == GZIP
        else:
            assert void.value(distribution, DCAT.compressFormat) is None
        assert void.value(distribution, DCTERMS.format) is not None


def test_a_country_code_no_gazetteer_knows_gets_no_extent_and_no_error() -> None:
    country = NamedNode("https://w3id.org/wilcokg/id/country/bu")
    quads = [
        Quad(country, RDF_TYPE, SCHEMA("Country")),
        Quad(country, RDFS("label"), Literal("Brumland")),
        Quad(country, OWL("sameAs"), NamedNode("https://sws.geonames.org/1/")),
        Quad(country, SCHEMA("identifier"), Literal("BU")),
    ]
    assert places(quads) == []
