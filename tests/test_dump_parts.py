"""The dumps put together from per-graph and per-subject parts say exactly what pyoxigraph writes of the whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple
from rdflib import Graph
from rdflib.compare import to_isomorphic

from wilcokg.build_cache import BuildCache
from wilcokg.describe.tally import Tally
from wilcokg.publish.documents import framed, trig_document, turtle_document
from wilcokg.publish.jsonld import jsonld_document
from wilcokg.publish.segments import asserted_parts
from wilcokg.quad_order import concatenate_graphs, sort_key
from wilcokg.terms import serialized
from wilcokg.vocab import BASE, INFERRED_GRAPH, PREFIXES, RDF_TYPE, RDFS, WILCO

CHAPTER_A = NamedNode(BASE + "graph/chapter/a")
CHAPTER_B = NamedNode(BASE + "graph/chapter/b")
INNOVATION = NamedNode(BASE + "id/innovation/shared")
LABEL = RDFS("label")


def _quads() -> tuple[tuple[Quad, ...], tuple[Quad, ...]]:
    section = NamedNode(BASE + "id/chapter/a/section/1")
    other = NamedNode(BASE + "id/chapter/b")
    quads = [
        Quad(section, LABEL, Literal('Two\nlines, a "quote" and é', language="en"), CHAPTER_A),
        Quad(section, RDF_TYPE, WILCO("Section"), CHAPTER_A),
        Quad(section, WILCO("startOffset"), Literal("12", datatype=NamedNode(PREFIXES["xsd"] + "integer")), CHAPTER_A),
        # The innovation is described by both chapters, one triple by each and one by both.
        Quad(INNOVATION, LABEL, Literal("Shared"), CHAPTER_A),
        Quad(INNOVATION, RDF_TYPE, WILCO("SocialInnovation"), CHAPTER_A),
        Quad(INNOVATION, RDF_TYPE, WILCO("SocialInnovation"), CHAPTER_B),
        Quad(INNOVATION, WILCO("describedIn"), other, CHAPTER_B),
        Quad(other, LABEL, Literal("B"), CHAPTER_B),
        Quad(NamedNode("http://example.org/outside"), LABEL, Literal("not ours"), CHAPTER_B),
    ]
    inferred = [Quad(section, RDF_TYPE, NamedNode(PREFIXES["prov"] + "Entity"), INFERRED_GRAPH)]
    return concatenate_graphs([sorted(quads, key=sort_key)]), tuple(inferred)


def _distinct_triples(quads: tuple[Quad, ...]) -> list[Triple]:
    return sorted({quad.triple for quad in quads}, key=sort_key)


def test_each_dump_from_its_parts_is_what_pyoxigraph_writes_of_the_whole() -> None:
    asserted, inferred = _quads()
    parts = asserted_parts(asserted)

    assert trig_document(parts.trig(inferred)) == serialized(
        concatenate_graphs([asserted, inferred]), RdfFormat.TRIG, PREFIXES
    )
    triples = _distinct_triples(asserted)
    assert b"".join(parts.subjects.ntriples) == serialized(triples, RdfFormat.N_TRIPLES)
    assert turtle_document(parts.subjects.turtle) == serialized(triples, RdfFormat.TURTLE, PREFIXES)
    assert len(parts.subjects.subjects) == len({quad.subject for quad in asserted}) == 4


def test_the_json_ld_dump_holds_the_same_graph_for_an_independent_parser() -> None:
    asserted, _ = _quads()
    document = jsonld_document(asserted_parts(asserted).subjects.jsonld)
    expected = Graph().parse(data=serialized(_distinct_triples(asserted), RdfFormat.N_TRIPLES), format="nt")
    assert to_isomorphic(Graph().parse(data=document, format="json-ld")) == to_isomorphic(expected)


def test_a_subject_two_graphs_describe_is_written_once_with_the_triples_of_both() -> None:
    asserted, _ = _quads()
    subjects = asserted_parts(asserted).subjects
    shared = subjects.subjects.index(f"<{INNOVATION.value}>".encode())
    assert subjects.ntriples[shared].count(b"\n") == 3
    assert subjects.turtle[shared].count(b"rdfs:label") == 1


def test_a_graph_with_a_key_is_written_from_the_cache(tmp_path: Path) -> None:
    asserted, inferred = _quads()
    cache_folder = tmp_path / "cache"
    keys = {str(CHAPTER_A): "a-key"}
    first = asserted_parts(asserted, keys, BuildCache(cache_folder))
    cache = BuildCache(cache_folder)
    # The same key with other quads: the cached segment wins, which is why the key must name the quads.
    changed = tuple(q for q in asserted if not (q.graph_name == CHAPTER_A and q.predicate == LABEL))
    again = asserted_parts(changed, keys, cache)
    assert (cache.hits, cache.misses) == (1, 0)
    assert again.trig(inferred) == first.trig(inferred)


def test_the_parts_tally_is_the_tally_of_the_whole_dump() -> None:
    """The shared innovation is counted once, though both chapters' pieces counted it: its type, its
    status and its link to Wikidata once, and its status's class once."""
    asserted, _ = _quads()
    wikidata = NamedNode("http://www.wikidata.org/entity/Q1")
    extra = [Quad(INNOVATION, WILCO("status"), Literal("extracted"), graph) for graph in (CHAPTER_A, CHAPTER_B)] + [
        Quad(INNOVATION, NamedNode(PREFIXES["owl"] + "sameAs"), wikidata, CHAPTER_B)
    ]
    quads = concatenate_graphs([asserted, sorted(extra, key=sort_key)])
    tally = asserted_parts(quads).subjects.tally
    whole = Tally.of(serialized(_distinct_triples(quads), RdfFormat.N_TRIPLES).splitlines(keepends=True))
    assert tally == whole
    assert (tally.subjects, tally.statuses, tally.status_classes) == (
        4,
        {"extracted": 1},
        {"extracted": {WILCO("SocialInnovation").value: 1}},
    )
    assert tally.links["wikidata"] == {PREFIXES["owl"] + "sameAs": 1}


@pytest.mark.parametrize("parts", [(), (b"one",), (b"one", b"two"), (b"one", b"two", b"three")])
def test_a_framed_document_is_what_joining_and_adding_would_give(parts: tuple[bytes, ...]) -> None:
    assert framed(b"[", parts, b"]", b", ") == b"[" + b", ".join(parts) + b"]"
