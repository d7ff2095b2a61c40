"""JSON-LD for developers: the published context, compacted entity documents, schema.org in the pages."""

from __future__ import annotations

import json
import re

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic

from wilcokg.server.linked_data.jsonld import compact, context

ID = "https://w3id.org/wilcokg/id/"
EXPANDED = [
    {
        "@id": ID + "org/caf",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [{"@id": "http://www.w3.org/ns/org#Organization"}],
        "http://www.w3.org/2004/02/skos/core#prefLabel": [
            {"@language": "en", "@value": "Family Allowance Office of Nord"},
            {"@language": "fr", "@value": "Caisse d'allocations familiales du Nord"},
        ],
        "http://www.w3.org/2004/02/skos/core#altLabel": [{"@value": "CAF"}, {"@language": "fr", "@value": "Caisse"}],
        "http://purl.org/dc/terms/spatial": [{"@id": ID + "place/nord"}],
    },
    {"@id": ID + "org/caf", "https://example.org/unmapped": [{"@value": "7", "@type": "http://example.org/t"}]},
]


def _triples(document: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(document), format="json-ld")


def test_compaction_uses_short_keys_and_keeps_every_triple():
    compacted = compact(EXPANDED, context()["@context"])
    assert compacted["id"] == ID + "org/caf"
    assert compacted["type"] == "org:Organization"
    assert compacted["prefLabel"] == {
        "en": "Family Allowance Office of Nord",
        "fr": "Caisse d'allocations familiales du Nord",
    }
    assert compacted["altLabel"] == ["CAF", {"@language": "fr", "@value": "Caisse"}]
    assert compacted["city"] == ID + "place/nord"
    assert compacted["https://example.org/unmapped"] == {"@value": "7", "@type": "http://example.org/t"}
    assert isomorphic(_triples(compacted), _triples({"@graph": EXPANDED}))


def test_the_context_is_published(client):
    response = client.get("/context.jsonld")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    terms = response.json()["@context"]
    assert terms["type"] == "@type" and terms["label"] == "http://www.w3.org/2000/01/rdf-schema#label"
    assert terms["city"] == {"@id": "http://purl.org/dc/terms/spatial", "@type": "@id"}
    assert terms["policyField"]["@id"] == "https://w3id.org/wilcokg/ontology#policyField"
    assert terms["sameAs"] == {"@id": "http://www.w3.org/2002/07/owl#sameAs", "@type": "@id"}


@pytest.mark.parametrize("path", ["city/lille", "innovation/parler-bambins", "chapter/lille-introduction", "org/caf"])
def test_entity_documents_are_compacted_and_say_what_the_turtle_says(client, path):
    document = client.get(f"/data/{path}.jsonld").json()
    assert document["@context"] == client.get("/context.jsonld").json()["@context"]
    assert document["id"] == ID + path and "type" in document
    turtle = rdflib.Graph().parse(data=client.get(f"/data/{path}.ttl").text, format="turtle")
    assert isomorphic(_triples(document), turtle)


def test_readable_keys_for_a_city_and_an_innovation(client):
    lille = client.get("/data/city/lille.jsonld").json()
    assert lille["label"] == "Lille" and lille["prefLabel"] == {"en": "Lille", "fr": "Lille"}
    assert "http://www.wikidata.org/entity/Q648" in lille["sameAs"]
    assert lille["lat"] == "50.63391" and "schema:City" in lille["type"]
    bambins = client.get("/data/innovation/parler-bambins.jsonld").json()
    assert bambins["policyField"] == ID + "policy-field/child-care" and bambins["city"] == ID + "city/lille"
    assert bambins["chapterNumber"] == "10"


def _embedded(client: httpx.Client, path: str) -> dict:
    html = client.get(path).text
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_pages_embed_schema_org(client):
    lille = _embedded(client, "/page/city/lille")
    assert lille["@context"] == "https://schema.org" and lille["@type"] == "City"
    assert lille["name"] == "Lille"
    assert lille["geo"] == {"@type": "GeoCoordinates", "latitude": 50.63391, "longitude": 3.05512}
    assert "http://www.wikidata.org/entity/Q648" in lille["sameAs"]
    assert {"@id": ID + "country/fr", "name": "France"} in lille["containedInPlace"]
    caf = _embedded(client, "/page/org/caf")
    assert caf["@type"] == "GovernmentOrganization" and "CAF" in caf["alternateName"]
    assert caf["parentOrganization"][0]["@id"] == ID + "org/cnaf"
    chapter = _embedded(client, "/page/chapter/lille-introduction")
    assert chapter["@type"] == "Chapter" and chapter["author"][0]["name"] == "Laurent Fraisse"
    assert _embedded(client, "/page/innovation/parler-bambins")["@type"] == "Project"
    assert _embedded(client, "/page/keyword/child-care")["@type"] == "DefinedTerm"
