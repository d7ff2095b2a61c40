"""The built dataset: the contract's facts, exact offsets, round trips, determinism, provenance."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conftest import DECISIONS, FIXTURES, ONTOLOGY, REFERENCE, REPORTS, SEED, SHAPES, repository_inputs
from rdf_compare import as_keys, oxigraph_keys
from wilcokg.build import build

pytestmark = pytest.mark.heavy

PREFIXES = """
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX id: <https://w3id.org/wilcokg/id/>
PREFIX chapter: <https://w3id.org/wilcokg/id/chapter/>
"""
SEED_CHAPTER = "https://w3id.org/wilcokg/id/chapter/lille-introduction"


@pytest.fixture(scope="module")
def store(dist: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(dist / "wilco.trig"), format=ox.RdfFormat.TRIG)
    return store


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    results = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in results]


@pytest.mark.parametrize(
    "pattern",
    [
        'chapter:lille-introduction a bibo:Chapter ; dcterms:title "Lille – Introduction"@en ; '
        "dcterms:isPartOf id:book\\/wilco ; dcterms:spatial id:city\\/lille ; dcterms:language ?language .",
        "chapter:lille-introduction wilco:chapterKind id:chapter-kind\\/introduction .",
        'chapter:lille-introduction dcterms:creator ?p . ?p a foaf:Person ; foaf:name "Laurent Fraisse" ; '
        'org:memberOf ?aff . ?aff rdfs:label "CRIDA" .',
        "id:city\\/lille a schema:City ; rdfs:label ?label ; schema:containedInPlace id:country\\/fr ; "
        "owl:sameAs <http://www.wikidata.org/entity/Q648> .",
        'id:keyword\\/child-care a skos:Concept ; skos:prefLabel "Child care"@en ; '
        "skos:inScheme id:scheme\\/keywords .",
        "chapter:lille-introduction dcterms:subject id:keyword\\/child-care .",
        'id:org\\/caf a org:Organization ; skos:prefLabel ?name ; skos:altLabel "CAF" .',
        '?i a wilco:SocialInnovation ; rdfs:label "Parler Bambins" ; wilco:policyField ?pf ; '
        "dcterms:spatial id:city\\/lille ; dcterms:isReferencedBy chapter:lille-introduction .",
        "?a a oa:Annotation ; oa:hasBody id:org\\/caf ; oa:hasTarget ?t . ?t oa:hasSource chapter:lille-introduction ; "
        "oa:hasSelector ?pos , ?quote . ?pos a oa:TextPositionSelector ; oa:start ?b ; oa:end ?e . "
        '?quote a oa:TextQuoteSelector ; oa:exact "CAF" .',
        "?p dcterms:isPartOf ?s ; schema:text ?text ; wilco:footnoteNumber 1 , 2 , 3 . "
        "?s dcterms:isPartOf chapter:lille-introduction ; schema:position 3 .",
        "chapter:9-support-for-housing-self-renovation-in-lille-metropolis bibo:number 9 ; "
        "dcterms:spatial id:city\\/lille .",
    ],
)
def test_contract_fact(store, pattern):
    assert ask(store, f"ASK {{ {pattern} }}"), pattern


def test_seed_sections_in_order(store):
    rows = select(
        store,
        f"""SELECT ?title ?position WHERE {{
        ?s dcterms:isPartOf <{SEED_CHAPTER}> ; a wilco:Section ; dcterms:title ?title ; schema:position ?position
    }} ORDER BY ?position""",
    )
    assert [int(r["position"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0]["title"] == "Local background of the social innovations"


def test_seed_lists_85_keywords_each_a_concept(store):
    rows = select(
        store,
        f"""SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE {{
        <{SEED_CHAPTER}> wilco:listedKeyword ?k . ?k a skos:Concept ; skos:inScheme id:scheme\\/keywords
    }}""",
    )
    assert rows[0]["n"] == "85"


def test_every_subject_has_a_mention_in_its_chapter(store):
    rows = select(
        store,
        """SELECT ?c ?k WHERE {
        ?c a bibo:Chapter ; dcterms:subject ?k .
        FILTER NOT EXISTS { ?a oa:hasBody ?k ; oa:hasTarget/oa:hasSource ?c }
    }""",
    )
    assert rows == []
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c dcterms:subject ?k }")[0]["n"] != "0"


def test_every_mention_quotes_the_source_at_its_offsets(store):
    rows = select(
        store,
        """SELECT ?path ?start ?end ?exact WHERE {
        ?a oa:hasTarget ?t . ?t oa:hasSource ?c ; oa:hasSelector ?pos , ?quote .
        ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact .
        ?c dcterms:source/dcterms:identifier ?path .
    }""",
    )
    assert len(rows) > 100
    texts: dict[str, str] = {}
    for row in rows:
        text = texts.setdefault(row["path"], (REPORTS / row["path"]).read_text(encoding="utf-8"))
        assert text[int(row["start"]) : int(row["end"])] == row["exact"]


def test_provenance_names_each_source_with_its_hash(store):
    rows = select(
        store,
        """SELECT ?path ?hash WHERE {
        id:dataset\\/wilcokg prov:wasGeneratedBy ?build . ?build prov:used ?source .
        ?source dcterms:identifier ?path ; wilco:sha256 ?hash . FILTER(CONTAINS(?path, ".txt"))
    }""",
    )
    hashes = {row["path"]: row["hash"] for row in rows}
    # The curation decisions file is an input like the chapters.
    assert hashes.pop("curation/decisions.txt") == hashlib.sha256(DECISIONS.read_bytes()).hexdigest()
    assert len(hashes) == 9
    for path, digest in hashes.items():
        assert hashlib.sha256((REPORTS / path).read_bytes()).hexdigest() == digest


def test_one_named_graph_per_chapter_plus_reference(store):
    graphs = {g.value for g in store.named_graphs()}
    chapters = {g for g in graphs if "/graph/chapter/" in g}
    assert len(chapters) == 9
    assert "https://w3id.org/wilcokg/graph/reference" in graphs


def test_the_report_counts_entities_by_class_and_triples_by_graph(built, store):
    _, report = built
    typed = select(
        store,
        "SELECT ?class (COUNT(DISTINCT ?entity) AS ?n) "
        "WHERE { GRAPH ?g { ?entity a ?class } FILTER(!STRENDS(STR(?g), '/graph/inferred')) } GROUP BY ?class",
    )
    assert report.entities_per_class == {row["class"]: int(row["n"]) for row in typed}
    assert report.entities_per_class["http://www.w3.org/ns/oa#Annotation"] > 100
    per_graph = select(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert report.triples_per_graph == {row["g"]: int(row["n"]) for row in per_graph}


def dataset_quads(dist: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(dist / "wilco.trig"), format=ox.RdfFormat.TRIG))


@pytest.mark.parametrize(("name", "fmt"), [("wilco.ttl", "turtle"), ("wilco.nt", "nt"), ("wilco.jsonld", "json-ld")])
def test_triple_dumps_round_trip_through_both_parsers(dist, name, fmt):
    asserted = [q for q in dataset_quads(dist) if not q.graph_name.value.endswith("/graph/inferred")]
    expected = oxigraph_keys(asserted)
    if fmt != "json-ld":
        ox_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        assert oxigraph_keys(ox.parse(path=str(dist / name), format=ox_format)) == expected
    graph = rdflib.Graph().parse(dist / name, format=fmt)
    assert as_keys(graph) == expected


def test_trig_round_trips_through_rdflib(dist):
    expected = oxigraph_keys(dataset_quads(dist), with_graph=True)
    dataset = rdflib.Dataset().parse(dist / "wilco.trig", format="trig")
    found = {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in dataset.quads() if g is not None}
    assert found == expected


def test_gzips_and_checksums(dist):
    import gzip

    for name in ("wilco.ttl", "wilco.nt", "wilco.jsonld", "wilco.trig"):
        assert gzip.decompress((dist / (name + ".gz")).read_bytes()) == (dist / name).read_bytes()
    lines = (dist / "SHA256SUMS").read_text().splitlines()
    assert len(lines) >= 10
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


def test_void_counts_triples_and_lists_linksets(dist):
    void = rdflib.Graph().parse(dist / "void.ttl")
    triples = len(rdflib.Graph().parse(dist / "wilco.nt", format="nt"))
    dataset = rdflib.URIRef("https://w3id.org/wilcokg/id/dataset/wilcokg")
    counted = void.value(dataset, rdflib.URIRef("http://rdfs.org/ns/void#triples"))
    assert int(counted) == triples
    linksets = set(void.subjects(rdflib.RDF.type, rdflib.URIRef("http://rdfs.org/ns/void#Linkset")))
    assert {str(s).rsplit("/", 1)[-1] for s in linksets} >= {"wikidata", "geonames", "eurovoc", "unesco"}


def test_candidates_for_curation(dist):
    lines = (dist / "curation" / "candidates.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "chapter,text,start,end,kind"
    rows = [line.split(",") for line in lines[1:]]
    assert any(row[1] == "contrat enfance-jeunesse" and row[4] == "quoted" for row in rows)
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        if row[0] == "lille-introduction":
            assert text[int(row[2]) : int(row[3])] == row[1]


def test_contributors_editors_and_several_affiliations(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    nantes = reports / "fr-nantes" / "00-introduction.txt"
    byline = (
        "Anouk Coqblin (CRIDA, Paris; LISE, Paris) and Laurent Fraisse (CRIDA, Paris), "
        "with contributions from Ann One\nEdited by Bob Two"
    )
    text = nantes.read_text(encoding="utf-8").replace("Anouk Coqblin and Laurent Fraisse (CRIDA, Paris)", byline)
    nantes.write_text(text, encoding="utf-8")
    build(repository_inputs(reports), tmp_path / "dist")
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "dist" / "wilco.trig"), format=ox.RdfFormat.TRIG)
    nantes_chapter = "chapter:nantes-introduction"
    creators = select(store, f"SELECT ?name WHERE {{ {nantes_chapter} dcterms:creator/foaf:name ?name }}")
    assert sorted(row["name"] for row in creators) == ["Anouk Coqblin", "Laurent Fraisse"]
    affiliations = select(store, 'SELECT ?org WHERE { ?p foaf:name "Anouk Coqblin" ; org:memberOf/rdfs:label ?org }')
    assert sorted(row["org"] for row in affiliations) == ["CRIDA", "LISE"]
    contributors = select(store, f"SELECT ?name WHERE {{ {nantes_chapter} dcterms:contributor/foaf:name ?name }}")
    assert sorted(row["name"] for row in contributors) == ["Ann One", "Bob Two"]
    editors = select(store, f"SELECT ?name WHERE {{ {nantes_chapter} bibo:editor/foaf:name ?name }}")
    assert [row["name"] for row in editors] == ["Bob Two"]


def test_an_interview_quotation_is_a_schema_quotation_with_its_credit(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    shutil.copytree(FIXTURES / "chapters" / "nl-amsterdam", reports / "nl-amsterdam")
    build(repository_inputs(reports), tmp_path / "dist")
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "dist" / "wilco.trig"), format=ox.RdfFormat.TRIG)
    quotations = select(
        store,
        "SELECT ?p ?credit ?line WHERE { ?p a schema:Quotation ; schema:creditText ?credit ; wilco:line ?line ; "
        "dcterms:isPartOf/dcterms:isPartOf chapter:37-boot }",
    )
    assert [(row["credit"], row["line"]) for row in quotations] == [
        ("Interview 4, Amsterdam. Coordinator of a BOOT store", "11")
    ]


def files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(dist, tmp_path):
    again = tmp_path / "dist"
    build(repository_inputs(), again)
    assert files(again) == files(dist)


def test_builds_in_other_processes_are_byte_identical(dist, tmp_path):
    """Nothing in dist/ depends on string hashing, which changes from process to process."""
    for seed in ("1", "2"):
        out = tmp_path / seed
        command = [sys.executable, "-m", "wilcokg.cli", "build", str(REPORTS), "--reference", str(REFERENCE)]
        command += ["--ontology", str(ONTOLOGY), "--shapes", str(SHAPES), "--decisions", str(DECISIONS)]
        command += ["--out", str(out), "--no-cache", "--quiet"]
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"}
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
        assert finished.returncode == 0, finished.stderr
        assert files(out) == files(dist), seed
