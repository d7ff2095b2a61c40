"""Bound values reach a query as terms: substitutions on the embedded store, written terms for a remote one."""

from __future__ import annotations

import json
import pickle

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from wilcokg.server.engine.jobs import Bindings, QueryDataset, QueryJob, QueryOutcome
from wilcokg.server.engine.query_text import substitute
from wilcokg.server.engine.worker import answer

EX = "http://example.org/"
LILLE = NamedNode(EX + "lille")


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    graph = NamedNode(EX + "graph")
    store.extend(
        [
            Quad(LILLE, NamedNode(EX + "label"), Literal("Lille", language="en"), graph),
            Quad(LILLE, NamedNode(EX + "in"), NamedNode(EX + "france"), graph),
            Quad(NamedNode(EX + "caf"), NamedNode(EX + "in"), LILLE, graph),
            Quad(NamedNode(EX + "france"), NamedNode(EX + "label"), Literal('He said "} #'), graph),
        ]
    )
    return store


def test_values_replace_variables_but_not_strings_iris_or_comments() -> None:
    query = 'SELECT ?e WHERE { ?e <http://x/?e> "?e" . ?entity ?p ?e } # ?e'
    assert substitute(query, (("e", LILLE),)) == (
        f'SELECT ({LILLE} AS ?e) WHERE {{ {LILLE} <http://x/?e> "?e" . ?entity ?p {LILLE} }} # ?e'
    )


def test_a_variable_inside_a_projected_expression_is_replaced_in_place() -> None:
    query = "SELECT (STR(?e) AS ?text) WHERE { ?e ?p ?o }"
    assert substitute(query, (("e", LILLE),)) == f"SELECT (STR({LILLE}) AS ?text) WHERE {{ {LILLE} ?p ?o }}"


def test_a_value_ordered_or_grouped_by_is_written_in_brackets() -> None:
    query = "SELECT ?e ?o WHERE { ?e ?p ?o } GROUP BY ?e ?o ORDER BY ?e ?o"
    assert substitute(query, (("e", LILLE),)) == (
        f"SELECT ({LILLE} AS ?e) ?o WHERE {{ {LILLE} ?p ?o }} GROUP BY ({LILLE}) ?o ORDER BY ({LILLE}) ?o"
    )


def test_a_literal_is_written_escaped() -> None:
    hostile = Literal('x" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #\n')
    assert substitute("ASK { ?s ?p ?text }", (("text", hostile),)) == (
        'ASK { ?s ?p "x\\" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #\\n" }'
    )


QUERIES = [
    ("SELECT ?e ?p ?o WHERE { ?e ?p ?o }", (("e", LILLE),)),
    ("SELECT DISTINCT ?e ?s WHERE { ?s ?p ?e FILTER(?p != <http://example.org/label>) }", (("e", LILLE),)),
    ("SELECT ?e ?label WHERE { OPTIONAL { ?e <http://example.org/label> ?label } }", (("e", LILLE),)),
    ("SELECT ?label ?o WHERE { ?o <http://example.org/label> ?label }", (("label", Literal('He said "} #')),)),
    ("ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }", (("e", LILLE),)),
    ("ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }", (("e", NamedNode(EX + "nowhere")),)),
    ("CONSTRUCT { ?e ?p ?o } WHERE { ?e ?p ?o }", (("e", LILLE),)),
    ("SELECT ?e ?p ?o WHERE { ?e ?p ?o } ORDER BY ?e DESC(?e) ?p", (("e", LILLE),)),
    ("SELECT ?e (COUNT(*) AS ?n) WHERE { ?e ?p ?o } GROUP BY ?e ORDER BY DESC(?n) ?e", (("e", LILLE),)),
]


@pytest.mark.parametrize(("query", "bindings"), QUERIES)
def test_written_values_answer_as_substitutions_do(store: Store, query: str, bindings: Bindings) -> None:
    substituted = _answer(store, query, bindings)
    written = _answer(store, substitute(query, bindings), ())
    assert written == substituted


def _answer(store: Store, query: str, bindings: Bindings) -> object:
    result_format = "ntriples" if query.startswith("CONSTRUCT") else "json"
    reply = answer(store, QueryJob(query, QueryDataset(), result_format, 100, bindings), base_iri=EX)
    assert isinstance(reply, QueryOutcome), reply
    if result_format == "ntriples":
        return sorted(reply.body.decode().splitlines())
    document = json.loads(reply.body)
    if "boolean" in document:
        return document["boolean"]
    return sorted(json.dumps(row, sort_keys=True) for row in document["results"]["bindings"])


def test_a_bound_value_is_never_read_as_query_text(store: Store) -> None:
    hostile = Literal("Lille> ?p ?o } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } } #")
    job = QueryJob("SELECT ?name ?s WHERE { ?s ?p ?name }", QueryDataset(), "json", 100, (("name", hostile),))
    reply = answer(store, job, EX)
    assert isinstance(reply, QueryOutcome)
    assert json.loads(reply.body)["results"]["bindings"] == []


def test_jobs_with_bindings_survive_the_trip_to_a_worker() -> None:
    job = QueryJob("ASK { ?e ?p ?o }", QueryDataset(), "json", 10, (("e", LILLE), ("t", Literal("x", language="fr"))))
    assert pickle.loads(pickle.dumps(job)) == job
