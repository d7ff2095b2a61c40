"""/reconcile against the W3C Entity Reconciliation API 0.2: every kind of response validated by its schema."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from conftest import FIXTURES
from wilcokg.server.reconciliation.matching import normalise, similarity

SCHEMAS = FIXTURES / "reconciliation-api-0.2"
ID = "https://w3id.org/wilcokg/id/"
ORGANISATION = "http://www.w3.org/ns/org#Organization"


def _schemas() -> dict[str, dict[str, Any]]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.json"))}


def _registry() -> Registry:
    # Schemas refer to each other by relative $ref ("type.json"), resolved against their $id.
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
        for schema in _schemas().values()
        if "$id" in schema
    )


def assert_valid(schema_name: str, document: Any) -> None:
    schema = _schemas()[schema_name]
    # "$schema": "http://json-schema.org/schema#" names no draft; the 0.2 schemas are written for draft 7.
    validator_class = validator_for(schema, default=Draft7Validator)
    validator_class(schema, registry=_registry()).validate(document)


def reconcile(client: httpx.Client, queries: dict[str, Any]) -> dict[str, Any]:
    assert_valid("reconciliation-query-batch.json", queries)
    response = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert response.status_code == 200
    assert_valid("reconciliation-result-batch.json", response.json())
    return response.json()


def test_the_manifest(client):
    manifest = client.get("/reconcile").json()
    assert_valid("manifest.json", manifest)
    assert manifest["identifierSpace"] == ID
    assert {t["name"] for t in manifest["defaultTypes"]} == {
        "City",
        "Organisation",
        "Social innovation",
        "Keyword",
        "Policy field",
    }
    assert set(manifest["suggest"]) == {"entity", "type", "property"}
    assert manifest["extend"]["propose_properties"]["service_path"] == "/reconcile/properties"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Family Allowance Office", "org/caf"),
        ("Caisse d'allocations familiales", "org/caf"),
        ("Lille Metropole", "org/mel"),
        ("malmo", "city/malmo"),
        ("MEL", "org/mel"),
    ],
)
def test_names_reconcile_to_the_right_entity_first(client, name, expected):
    result = reconcile(client, {"q0": {"query": name}})["q0"]["result"]
    assert result[0]["id"] == ID + expected
    assert result[0]["score"] > result[1]["score"] if len(result) > 1 else True


def test_a_confident_unique_name_is_a_match_and_nothing_else_is(client):
    results = reconcile(
        client,
        {
            "q0": {"query": "Family Allowance Office", "limit": 3},
            "q1": {"query": "Lille Metropole", "type": ORGANISATION},
            "q2": {"query": "Zyxwvut Holdings International"},
            "q3": {"query": "Office"},
        },
    )
    assert [r["match"] for r in results["q0"]["result"]] == [True, False, False]
    assert results["q1"]["result"][0]["match"] is True
    assert not any(r["match"] for r in results["q2"]["result"])
    assert not any(r["match"] for r in results["q3"]["result"])


def test_type_and_property_constraints(client):
    results = reconcile(
        client,
        {
            "cities": {"query": "Lille", "type": "http://schema.org/City"},
            "in_lille": {"query": "municipality", "type": ORGANISATION, "properties": [{"pid": "city", "v": "Lille"}]},
            "by_id": {
                "query": "municipality",
                "type": ORGANISATION,
                "properties": [{"pid": "city", "v": {"id": ID + "city/nantes"}}],
            },
        },
    )
    assert {r["id"] for r in results["cities"]["result"]} == {ID + "city/lille"}
    assert results["in_lille"]["result"][0]["id"] == ID + "org/lille-municipality"
    assert results["by_id"]["result"][0]["id"] == ID + "org/nantes-municipality"


def test_queries_as_a_query_parameter_and_as_a_json_body(client):
    queries = {"q0": {"query": "Lille Metropole", "limit": 1}}
    by_get = client.get("/reconcile", params={"queries": json.dumps(queries)}).json()
    by_json = client.post("/reconcile", json={"queries": queries}).json()
    assert by_get == by_json == reconcile(client, queries)
    assert client.post("/reconcile", data={"queries": "{not json"}).status_code == 400


def test_suggest_services(client):
    entities = client.get("/reconcile/suggest/entity", params={"prefix": "lil"}).json()
    assert_valid("suggest-entities-response.json", entities)
    assert ID + "city/lille" in {e["id"] for e in entities["result"]}
    types = client.get("/reconcile/suggest/type", params={"prefix": "org"}).json()
    assert_valid("suggest-types-response.json", types)
    assert [t["id"] for t in types["result"]] == [ORGANISATION]
    properties = client.get("/reconcile/suggest/property", params={"prefix": "wiki"}).json()
    assert_valid("suggest-properties-response.json", properties)
    assert [p["id"] for p in properties["result"]] == ["wikidata"]


def test_data_extension(client):
    proposal = client.get("/reconcile/properties", params={"type": "http://schema.org/City"}).json()
    assert_valid("data-extension-property-proposal.json", proposal)
    assert {"wikidata", "geonames", "country"} <= {p["id"] for p in proposal["properties"]}
    request = {
        "ids": [ID + "city/lille", ID + "org/caf", ID + "innovation/parler-bambins"],
        "properties": [{"id": "wikidata"}, {"id": "geonames"}, {"id": "city"}, {"id": "policyField"}],
    }
    assert_valid("data-extension-query.json", request)
    extension = client.post("/reconcile", data={"extend": json.dumps(request)}).json()
    assert_valid("data-extension-response.json", extension)
    lille = extension["rows"][ID + "city/lille"]
    assert lille["wikidata"] == [{"str": "http://www.wikidata.org/entity/Q648"}]
    assert lille["geonames"] == [{"str": "https://sws.geonames.org/2998324/"}]
    assert extension["rows"][ID + "org/caf"]["city"] == [{"id": ID + "place/nord", "name": "Nord"}]
    bambins = extension["rows"][ID + "innovation/parler-bambins"]
    assert bambins["policyField"] == [{"id": ID + "policy-field/child-care", "name": "Child care"}]
    assert bambins["city"] == [{"id": ID + "city/lille", "name": "Lille"}]


def test_preview_and_view(client):
    card = client.get("/reconcile/preview", params={"id": ID + "org/caf"})
    assert card.status_code == 200 and "Family Allowance Office of Nord" in card.text and "Nord" in card.text
    view = client.get("/reconcile/view", params={"id": ID + "org/caf"}, follow_redirects=False)
    assert view.status_code == 303 and view.headers["location"] == "/id/org/caf"
    for elsewhere in ("https://elsewhere.example/", "//elsewhere.example/x", ID + "org/nobody"):
        away = client.get("/reconcile/view", params={"id": elsewhere}, follow_redirects=False)
        assert away.status_code == 404 and "location" not in away.headers


def test_similarity_folds_case_and_diacritics_and_counts_extra_words():
    assert normalise("Lille Métropole") == "lille metropole"
    assert similarity(normalise("Malmo"), normalise("Malmö")) == 1.0
    assert similarity("lille", "lille metropole") < similarity("lille metropole", "metropole lille")
