"""Reading in the build: chapters of cities nobody curated yield typed, labelled entities and actor roles,
each role with the sentence that states it, queryable through queries/actor-roles.rq."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode, RdfFormat, Store, Variable

from conftest import FIXTURES, REFERENCE, ROOT, repository_inputs
from wilcokg.build import build
from wilcokg.reading import gazetteer, read_chapter
from wilcokg.reading.triples import DISCOVERED_GRAPH
from wilcokg.reference import load_reference
from wilcokg.source.chapter import parse_chapter
from wilcokg.source.corpus import PlacedChapter, Placement

ACTOR_ROLES = (ROOT / "queries" / "actor-roles.rq").read_text(encoding="utf-8")
ID = "https://w3id.org/wilcokg/id/"


@pytest.fixture(scope="module")
def dutch_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A build of the two Dutch chapters, whose organisations and innovations no curator described."""
    reports = tmp_path_factory.mktemp("dutch") / "reports"
    for city in ("nl-amsterdam", "nl-nijmegen"):
        shutil.copytree(FIXTURES / "chapters" / city, reports / city)
    out = reports.parent / "dist"
    build(repository_inputs(reports), out)
    store = Store()
    store.bulk_load(path=str(out / "wilco.trig"), format=RdfFormat.TRIG)
    return store


def _rows(store: Store) -> list[dict[str, str]]:
    rows = store.query(ACTOR_ROLES, use_default_graph_as_union=True)
    return [{str(v)[1:]: (row[v].value if row[v] is not None else "") for v in rows.variables} for row in rows]


def test_discovered_entities_are_typed_labelled_and_kept_in_their_own_graph(dutch_store: Store):
    found = {
        row["label"].value: row["type"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        for row in dutch_store.query(
            "SELECT ?label ?type WHERE { GRAPH ?g { ?e a ?type ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ;"
            ' <https://w3id.org/wilcokg/ontology#status> "extracted" } }'
        )
    }
    assert found["Hogeschool van Amsterdam"] == "Organization"
    assert found["Department for Social Development"] == "Organization"
    assert found["Portaal"] == "Organization"
    assert found["Tandem Welfare"] == "Organization"
    assert found["Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling"] == "SocialInnovation"
    assert found["Future for Everybody"] == "SocialInnovation"
    graphs = {
        row["g"].value
        for row in dutch_store.query(
            'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e <https://w3id.org/wilcokg/ontology#status> "extracted" ;'
            " <https://w3id.org/wilcokg/ontology#discoveredIn> ?chapter } }"
        )
    }
    assert graphs == {DISCOVERED_GRAPH.value}


def test_every_name_the_text_gives_is_a_label(dutch_store: Store):
    names = {
        row["name"].value
        for row in dutch_store.query(
            "SELECT ?name WHERE { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?name }",
            use_default_graph_as_union=True,
        )
    }
    assert {"HvA", "Amsterdam University of Applied Sciences", "DMO", "Dienst Maatschappelijke Ontwikkeling"} <= names
    assert {"BOOT", "Neighbourhood Stores for Education, Research and Talent Development"} <= names


def test_actor_roles_of_uncurated_chapters_point_at_their_sentences(dutch_store: Store):
    rows = [row for row in _rows(dutch_store) if row["status"] == "extracted"]
    pairs = {(row["innovation"].removeprefix(ID), row["actor"].removeprefix(ID), row["role"][-8:]) for row in rows}
    boot = "innovation/buurtwinkels-voor-onderzoek-onderwijs-en-talentontwikkeling"
    assert (boot, "org/hogeschool-van-amsterdam", "operator") in pairs
    assert (boot, "org/department-for-social-development", "upporter") in pairs
    assert ("innovation/future-for-everybody", "org/portaal", "nitiator") in pairs
    assert ("innovation/future-for-everybody", "org/province-of-gelderland", "e/funder") in pairs
    texts = {
        "nl-amsterdam": (FIXTURES / "chapters/nl-amsterdam/37-boot.txt").read_text(encoding="utf-8"),
        "nl-nijmegen": (FIXTURES / "chapters/nl-nijmegen/00-introduction.txt").read_text(encoding="utf-8"),
    }
    for row in rows:
        text = texts["nl-amsterdam" if "37-" in row["chapter"] else "nl-nijmegen"]
        assert text[int(row["start"]) : int(row["end"])] == row["evidence"]


def test_curated_roles_keep_their_status_and_gain_evidence(dist: Path):
    store = Store()
    store.bulk_load(path=str(dist / "wilco.trig"), format=RdfFormat.TRIG)
    rows = _rows(store)
    statuses = Counter(row["status"] for row in rows)
    assert set(statuses) == {"curated", "extracted"}
    filur_partner = [
        row
        for row in rows
        if row["innovation"].endswith("/the-filur-project") and row["actor"].endswith("/arbetsformedlingen")
    ]
    assert {row["status"] for row in filur_partner} == {"curated"}
    assert any("partners include" in row["evidence"] for row in filur_partner)
    unstated = [row for row in rows if row["status"] == "curated" and not row["evidence"]]
    assert unstated and all(row["chapter"] == "" and row["start"] == "" for row in unstated)


def test_a_shared_name_resolves_to_the_entity_serving_the_chapters_city(dist: Path):
    store = Store()
    store.bulk_load(path=str(dist / "wilco.trig"), format=RdfFormat.TRIG)
    query = """SELECT DISTINCT ?chapter ?body WHERE { GRAPH ?chapter {
        ?m <http://www.w3.org/ns/oa#hasBody> ?body ; <http://www.w3.org/ns/oa#hasTarget> ?t .
        ?t <http://www.w3.org/ns/oa#hasSelector> ?q . ?q <http://www.w3.org/ns/oa#exact> "CAF" } }"""
    nantes = NamedNode("https://w3id.org/wilcokg/graph/chapter/nantes-introduction")
    bodies = {
        row["body"].value.removeprefix(ID) for row in store.query(query, substitutions={Variable("chapter"): nantes})
    }
    assert bodies == {"org/caf-loire-atlantique"}


_REFERENCE = load_reference(REFERENCE, ROOT / "ontology" / "wilco.ttl")
_CONTEXT = gazetteer(_REFERENCE)
_LILLE = _REFERENCE.entities[ID + "city/lille"]
_WORDS = st.sampled_from(
    [
        "The",
        "City",
        "of",
        "Lille",
        "runs",
        "it",
        "(CAF)",
        "was",
        "launched",
        "by",
        "the",
        "project",
        "Office",
        "partners",
        "include",
        "Fund",
        "’s",
        "municipality",
        "2009",
        "Café",
        "“Zoïde”",
        "in",
        "Fives",
        ",",
        ".",
        "–",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS | st.text(min_size=1, max_size=8), min_size=1, max_size=40), min_size=1, max_size=4))
def test_reading_arbitrary_text_never_fails_and_offsets_are_exact(paragraphs: list[list[str]]):
    body = "\n\n".join(" ".join(words).replace("\n", " ").replace("\r", " ") for words in paragraphs)
    text = f"7. Some Project – A gloss\n\n7.1. Short description\n\n{body}\n"
    try:
        chapter = parse_chapter(text, "fr-lille/07-x.txt")
    except ValueError:
        return
    placed = PlacedChapter(chapter, Placement("Lille", "FR", "France", "lille", "fr"), "0" * 64, "fr-lille/07-x.txt")
    reading = read_chapter(placed, _LILLE, [], _CONTEXT)
    for mention in reading.mentions:
        assert text[mention.start : mention.end] == mention.exact
    for relation in reading.relations:
        assert 0 <= relation.start < relation.end <= len(text)


def test_reading_in_worker_processes_writes_the_same_dumps(dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("wilcokg.build._PARALLEL_READING", 2)
    monkeypatch.setattr("wilcokg.build.available_cores", lambda: 2)
    again = tmp_path / "dist"
    build(repository_inputs(), again)
    for name in ("wilco.trig", "wilco.nt", "curation/candidates.csv"):
        assert (again / name).read_bytes() == (dist / name).read_bytes(), name
