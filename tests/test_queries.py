"""Every canned competency question answers what the built graph says."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from wilcokg.queries import Answer, ask_local, canned_queries

QUERIES = ROOT / "queries"


def answer(dist: Path, name: str) -> Answer:
    return ask_local((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), dist / "wilco.trig")


def column(result: Answer, name: str) -> list[str]:
    index = result.columns.index(name)
    return [row[index] for row in result.rows]


def test_at_least_twelve_queries_each_with_a_question():
    queries = canned_queries(QUERIES)
    assert len(queries) >= 12
    assert all(q.question.endswith("?") for q in queries)


def test_innovations_per_city_and_policy_field(dist):
    result = answer(dist, "innovations-per-city-and-policy-field")
    rows = {(r[0], r[1], r[3]) for r in result.rows}
    assert ("Lille", "Child care", "Parler Bambins") in rows
    assert ("Lille", "Housing", "Support for housing self-renovation") in rows
    assert ("Stockholm", "Labour market", "The Filur Project") in rows
    assert ("Nantes", "Housing", "Le temps pour toit") in rows


def test_actors_of_innovations(dist):
    result = answer(dist, "actors-of-innovations")
    renovation = {r[2] for r in result.rows if r[0] == "Support for housing self-renovation"}
    assert {"European Metropolis of Lille", "Les compagnons bâtisseurs", "GRAAL"} <= renovation


def test_chapters_mentioning_caf_with_evidence(dist):
    result = answer(dist, "chapters-mentioning-caf")
    titles = set(column(result, "title"))
    assert "Lille – Introduction" in titles
    evidence = column(result, "evidence")
    assert any("[CAF]" in e or "[Family Allowance Office]" in e for e in evidence)


def test_keywords_cooccurring_with_child_care(dist):
    result = answer(dist, "keywords-cooccurring-with-child-care")
    keywords = column(result, "keyword")
    assert "Child care" not in keywords
    assert "Civil society" in keywords
    counts = [int(c) for c in column(result, "chapters")]
    assert counts == sorted(counts, reverse=True)


def test_keyword_hierarchy(dist):
    result = answer(dist, "keyword-hierarchy")
    pairs = {(r[0], r[1], r[2]) for r in result.rows}
    assert ("Youth unemployment", "Unemployment", "1") in pairs
    assert ("Activation policies", "Activation", "1") in pairs


def test_city_links(dist):
    result = answer(dist, "city-links")
    lille = next(r for r in result.rows if r[0] == "Lille")
    assert lille[1:] == ("France", "http://www.wikidata.org/entity/Q648", "https://sws.geonames.org/2998324/")
    dover = next(r for r in result.rows if r[0] == "Dover")
    assert dover[2] == "" and dover[3] == "https://sws.geonames.org/2651048/"
    assert len(result.rows) == 20


def test_chapters_by_city_in_book_order(dist):
    result = answer(dist, "chapters-by-city")
    lille = [r[3] for r in result.rows if r[0] == "Lille"]
    assert lille == [
        "Lille – Introduction",
        "9. Support for housing self-renovation in Lille Metropolis",
        "11. Potes en Ciel – Children’s Café",
        "Lille – Conclusions",
    ]


def test_authors_and_affiliations(dist):
    result = answer(dist, "authors-and-affiliations")
    fraisse = next(r for r in result.rows if r[0] == "Laurent Fraisse")
    assert fraisse[1] == "CRIDA"
    assert set(fraisse[2].split(" | ")) == {"Lille – Introduction", "Nantes – Introduction"}


def test_keyword_frequencies(dist):
    result = answer(dist, "keyword-frequencies")
    frequencies = {r[0]: int(r[1]) for r in result.rows}
    assert frequencies["Child care"] >= 4
    assert all(int(r[2]) >= int(r[1]) for r in result.rows)


def test_organisations_by_place(dist):
    result = answer(dist, "organisations-by-place")
    lille = {r[1]: r for r in result.rows if r[0] == "Lille"}
    assert lille["European Metropolis of Lille"][2] == "MEL"
    assert lille["City of Lille"][3] == "true"


def test_footnotes_per_chapter(dist):
    result = answer(dist, "footnotes-per-chapter")
    spans = {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in result.rows}
    assert spans["Lille – Introduction"] == (1, 3, 3)
    assert spans["11. Potes en Ciel – Children’s Café"] == (8, 9, 2)
    assert spans["Lille – Conclusions"] == (10, 10, 1)


def test_keyword_mappings(dist):
    result = answer(dist, "keyword-mappings")
    assert len(result.rows) == 92
    assert ("Child care", "http://www.w3.org/2004/02/skos/core#exactMatch", "http://eurovoc.europa.eu/1133") in (
        result.rows
    )


def test_innovations_referenced_elsewhere(dist):
    result = answer(dist, "innovations-referenced-elsewhere")
    assert ("Parler Bambins", "Lille – Introduction") in result.rows
    assert ("Potes en Ciel", "11. Potes en Ciel – Children’s Café") not in result.rows


def test_mentions_per_entity_type(dist):
    result = answer(dist, "mentions-per-entity-type")
    types = column(result, "type")
    assert "http://www.w3.org/2004/02/skos/core#Concept" in types
    assert "http://schema.org/City" in types
    assert all(
        int(m) >= int(e) > 0 for m, e in zip(column(result, "mentions"), column(result, "entities"), strict=True)
    )


def test_query_command_prints_a_table(dist, capsys):
    from wilcokg.cli.commands import main

    assert main(["query", "city-links", "--dist", str(dist), "--queries", str(QUERIES)]) == 0
    printed = capsys.readouterr().out
    assert "Lille" in printed and "20 rows" in printed


@pytest.mark.parametrize("query", sorted(p.stem for p in QUERIES.glob("*.rq")))
def test_every_canned_query_returns_rows(dist, query):
    assert answer(dist, query).rows
