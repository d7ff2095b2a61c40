"""The row cap of SELECT answers: a LIMIT given to the query, then pyoxigraph's own writing cut to the cap."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    Store,
    Triple,
    parse_query_results,
)

from wilcokg.server.engine.jobs import FailureKind, QueryDataset, QueryFailure, QueryJob, QueryOutcome
from wilcokg.server.engine.query_text import limit_solutions
from wilcokg.server.engine.worker import answer, serialize_results
from wilcokg.server.engine.writers import SOLUTION_WRITERS

BASE = "http://example.org/"
ROWS = 40
# Values holding what each format's row counting must see through.
AWKWARD = ("line\nbreak", 'a "quote"', "comma, here", '}},{"x":', "<result>", "back\\slash", "crlf\r\nx", '"type":"')
ORDERED = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o"


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    for number in range(ROWS):
        subject = NamedNode(f"{BASE}item/{number:02}")
        value = AWKWARD[number % len(AWKWARD)] + str(number)
        store.add(Quad(subject, NamedNode(f"{BASE}p"), Literal(value, language="en"), DefaultGraph()))
    return store


def _rows(body: bytes, result_format: str) -> list[tuple[str, ...]]:
    if result_format == "csv":
        return [tuple(row) for row in csv.reader(io.StringIO(body.decode(), newline=""))][1:]
    results = parse_query_results(body, format=SOLUTION_WRITERS[result_format])
    return [tuple(str(term) for term in row) for row in results]


def _answer(store: Store, query: str, result_format: str, max_rows: int) -> QueryOutcome:
    outcome = answer(store, QueryJob(query, QueryDataset(), result_format, max_rows), BASE)
    assert isinstance(outcome, QueryOutcome), outcome
    return outcome


@pytest.mark.parametrize(
    ("query", "limited"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT * { ?s ?p ?o }\nLIMIT 11"),
        ("SELECT * { ?s ?p ?o } # the end", "SELECT * { ?s ?p ?o } # the end\nLIMIT 11"),
        ("SELECT * { ?s ?p ?o } limit 500 OFFSET 2", "SELECT * { ?s ?p ?o } limit 11 OFFSET 2"),
        ("SELECT * { ?s ?p ?o } OFFSET 2", "SELECT * { ?s ?p ?o } OFFSET 2\nLIMIT 11"),
        ("SELECT * { ?s ?p ?o } LIMIT 5", "SELECT * { ?s ?p ?o } LIMIT 5"),
        ("SELECT * { ?s ?p ?o } VALUES ?s { <a> }", "SELECT * { ?s ?p ?o } LIMIT 11 VALUES ?s { <a> }"),
        (
            "PREFIX ex: <http://a/> SELECT * { { SELECT * { ?s ex:LIMIT '}' } LIMIT 99 } VALUES ?x { 1 } }",
            "PREFIX ex: <http://a/> SELECT * { { SELECT * { ?s ex:LIMIT '}' } LIMIT 99 } VALUES ?x { 1 } }\nLIMIT 11",
        ),
        ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o }"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"),
    ],
    ids=["none", "comment", "larger", "offset", "smaller", "values", "nested", "ask", "construct"],
)
def test_a_select_query_gets_the_limit(query: str, limited: str) -> None:
    assert limit_solutions(query, 11) == limited


@pytest.mark.parametrize("result_format", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("max_rows", [0, 1, 7, ROWS - 1])
def test_answers_over_the_cap_are_the_first_rows(store: Store, result_format: str, max_rows: int) -> None:
    uncapped = _answer(store, ORDERED, result_format, max_rows=1000)
    capped = _answer(store, ORDERED, result_format, max_rows)
    assert not uncapped.truncated
    assert capped.truncated
    assert _rows(capped.body, result_format) == _rows(uncapped.body, result_format)[:max_rows]
    if result_format == "json":
        assert json.loads(capped.body)["wilcokg"] == {"truncated": True, "max_rows": max_rows}


@pytest.mark.parametrize("result_format", ["json", "xml", "csv", "tsv"])
def test_answers_within_the_cap_are_pyoxigraphs_own(store: Store, result_format: str) -> None:
    written = store.query(ORDERED).serialize(format=SOLUTION_WRITERS[result_format])
    assert _answer(store, ORDERED, result_format, max_rows=ROWS) == QueryOutcome(written, truncated=False)


def test_a_query_limit_below_the_cap_is_kept(store: Store) -> None:
    outcome = _answer(store, f"{ORDERED} LIMIT 3", "json", max_rows=5)
    assert not outcome.truncated
    assert len(json.loads(outcome.body)["results"]["bindings"]) == 3


def test_triple_terms_are_answered(store: Store) -> None:
    query = "SELECT ?t WHERE { ?s ?p ?o BIND(<<( ?s ?p ?o )>> AS ?t) } ORDER BY ?t"
    for result_format in ("json", "xml", "tsv"):
        capped = _answer(store, query, result_format, max_rows=2)
        assert capped.truncated
        uncapped = _answer(store, query, result_format, max_rows=ROWS)
        assert _rows(capped.body, result_format) == _rows(uncapped.body, result_format)[:2]


def test_syntax_errors_point_into_the_text_sent(store: Store) -> None:
    broken = "SELECT * WHERE {\n  ?s ?p \n}"
    failure = answer(store, QueryJob(broken, QueryDataset(), "json", 10), BASE)
    with pytest.raises(SyntaxError) as expected:
        store.query(broken)
    assert failure == QueryFailure(FailureKind.SYNTAX, f"SPARQL syntax error: {expected.value}")


def test_results_read_from_elsewhere_are_cut_too(store: Store) -> None:
    # A backend's answer arrives whole, without the LIMIT: it is cut all the same.
    full = store.query(ORDERED).serialize(format=QueryResultsFormat.JSON)
    for result_format in ("json", "xml", "csv", "tsv"):
        results = parse_query_results(full, format=QueryResultsFormat.JSON)
        outcome = serialize_results(results, QueryJob(ORDERED, QueryDataset(), result_format, 5))
        assert isinstance(outcome, QueryOutcome)
        assert outcome.truncated
        assert len(_rows(outcome.body, result_format)) == 5


def test_a_triple_in_a_result_row_is_kept_whole() -> None:
    triple = Triple(NamedNode(f"{BASE}s"), NamedNode(f"{BASE}p"), Literal('"},{"'))
    query = f"SELECT ?t WHERE {{ VALUES ?t {{ <<( <{BASE}s> <{BASE}p> '\"}},{{\"' )>> 1 2 }} }}"
    outcome = _answer(Store(), query, "json", max_rows=1)
    assert outcome.truncated
    (row,) = json.loads(outcome.body)["results"]["bindings"]
    assert row["t"]["value"]["object"]["value"] == triple.object.value
