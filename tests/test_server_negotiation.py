"""Pure helpers of the endpoint: query inspection, content negotiation, request vetting."""

from __future__ import annotations

from operator import attrgetter

import pytest

from wilcokg.server.engine.query_text import QueryForm, inspect_query
from wilcokg.server.negotiation import negotiate
from wilcokg.server.sparql.endpoint import ProtocolError, choose_format, content_type, service_allowed
from wilcokg.server.sparql.formats import RESULT_FORMATS, formats_for, formats_named


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("select * {}", QueryForm.SELECT),
        ("PREFIX : <http://a/> BASE <http://b/> ASK { :x ?p ?o }", QueryForm.ASK),
        ("# CONSTRUCT in a comment\nDESCRIBE <http://a/>", QueryForm.DESCRIBE),
        ("PREFIX ex: <http://a/>\nCONSTRUCT WHERE { ?s ex:p ?o }", QueryForm.CONSTRUCT),
        ("SELEC * {}", None),
        ("", None),
    ],
)
def test_query_form(query: str, form: QueryForm | None) -> None:
    assert inspect_query(query).form is form


@pytest.mark.parametrize(
    "update",
    [
        "CLEAR ALL",
        "PREFIX ex: <http://a/> INSERT DATA { ex:s ex:p ex:o }",
        "load <http://a/data.ttl>",
        "WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_recognised(update: str) -> None:
    shape = inspect_query(update)
    assert shape.is_update
    assert shape.form is None


def test_keywords_inside_strings_iris_and_names_are_ignored() -> None:
    shape = inspect_query(
        'PREFIX ex: <http://a/> SELECT * { ?s ex:service "SERVICE <http://x/> FROM" ; ex:from ?from . '
        "?s <http://a/SERVICE> '''SERVICE <http://y/>''' FILTER(?a<?b) }"
    )
    assert shape.service_endpoints == ()
    assert not shape.has_dataset_clause


def test_service_endpoints_are_resolved() -> None:
    shape = inspect_query(
        "BASE <http://base.example/> PREFIX far: <http://far.example/> "
        "SELECT * FROM <http://g/> { SERVICE <sparql> {} SERVICE SILENT far:q {} SERVICE ?where {} SERVICE nope:x {} }"
    )
    assert shape.service_endpoints == ("http://base.example/sparql", "http://far.example/q", None, None)
    assert shape.has_dataset_clause


@pytest.mark.parametrize(
    ("endpoint", "allowed"),
    [
        ("http://allowed.example/sparql", True),
        ("https://ALLOWED.example:8443/q", True),
        ("http://allowed.example.evil.example/", False),
        ("http://other.example/sparql", False),
        (None, False),
    ],
)
def test_service_allow_list(endpoint: str | None, allowed: bool) -> None:
    assert service_allowed(endpoint, ("allowed.example",)) is allowed


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("", "json"),
        ("*/*", "json"),
        ("application/sparql-results+xml, application/sparql-results+json", "xml"),
        ("text/*", "csv"),
        ("text/csv;q=0.4, text/tab-separated-values;q=0.9", "tsv"),
        ("*/*;q=0.5, application/sparql-results+json;q=0", "xml"),
        ("application/json", "json"),
        ("text/xml", "xml"),
        ("TEXT/CSV", "csv"),
        ("text/turtle", None),
        ("application/sparql-results+json;q=0", None),
    ],
)
def test_negotiation_for_select(accept: str | None, expected: str | None) -> None:
    chosen = negotiate(accept, formats_for(QueryForm.SELECT), attrgetter("media_types"))
    assert (chosen.name if chosen else None) == expected


def test_negotiation_for_construct_prefers_turtle() -> None:
    chosen = negotiate("*/*", formats_for(QueryForm.CONSTRUCT), attrgetter("media_types"))
    assert chosen is not None
    assert chosen.name == "turtle"


def test_format_names_depend_on_query_form() -> None:
    assert {result_format.name for result_format in formats_named("json")} == {"json", "jsonld"}
    assert choose_format(QueryForm.CONSTRUCT, ["json"], None).name == "jsonld"
    assert choose_format(QueryForm.SELECT, ["tsv", "text/tab-separated-values"], None).name == "tsv"
    assert choose_format(QueryForm.CONSTRUCT, ["rdf+xml", "application/rdf+xml"], None).name == "rdfxml"
    with pytest.raises(ProtocolError) as unfit:
        choose_format(QueryForm.ASK, ["turtle"], None)
    assert unfit.value.status == 406
    assert "does not fit an ASK query" in str(unfit.value)


@pytest.mark.parametrize(("form", "phrase"), [(QueryForm.ASK, "an ASK query"), (QueryForm.SELECT, "a SELECT query")])
def test_messages_name_the_query_form_with_the_right_article(form: QueryForm, phrase: str) -> None:
    with pytest.raises(ProtocolError) as unfit:
        choose_format(form, [], "image/png")
    assert f"No acceptable media type fits {phrase};" in str(unfit.value)


def test_every_format_has_a_unique_name_and_media_type() -> None:
    assert len({result_format.name for result_format in RESULT_FORMATS}) == len(RESULT_FORMATS)
    assert len({result_format.media_type for result_format in RESULT_FORMATS}) == len(RESULT_FORMATS)


def test_formats_are_labelled_as_the_registries_name_them() -> None:
    # Media types come bare (pyoxigraph adds a charset to CSV's and TSV's), and the format IRIs are the
    # ones the W3C registers, which service descriptions use.
    described = [(result_format.media_type, result_format.format_iri) for result_format in RESULT_FORMATS]
    registered = "http://www.w3.org/ns/formats/"
    assert described == [
        ("application/sparql-results+json", registered + "SPARQL_Results_JSON"),
        ("application/sparql-results+xml", registered + "SPARQL_Results_XML"),
        ("text/csv", registered + "SPARQL_Results_CSV"),
        ("text/tab-separated-values", registered + "SPARQL_Results_TSV"),
        ("text/turtle", registered + "Turtle"),
        ("application/n-triples", registered + "N-Triples"),
        ("application/ld+json", registered + "JSON-LD"),
        ("application/rdf+xml", registered + "RDF_XML"),
        ("application/trig", registered + "TriG"),
        ("application/n-quads", registered + "N-Quads"),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("application/sparql-query", ("application/sparql-query", None)),
        ("Application/SPARQL-Query; charset=UTF-8", ("application/sparql-query", "utf-8")),
        ('application/x-www-form-urlencoded; charset="utf-16"', ("application/x-www-form-urlencoded", "utf-16")),
        ("", ("", None)),
    ],
)
def test_content_type(header: str, expected: tuple[str, str | None]) -> None:
    assert content_type(header) == expected
