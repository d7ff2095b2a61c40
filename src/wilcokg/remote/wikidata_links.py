"""Check our Wikidata links: does each linked item's English label and GeoNames ID agree with ours?

Every entity with `owl:sameAs wd:Q…` is looked up on a SPARQL endpoint (Wikidata's by default),
several items per query. Answers are cached on disk, one JSON file per endpoint and item, so that a
later run can work offline or fall back on them when the endpoint cannot be reached.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Store
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from wilcokg.terms import solutions
from wilcokg.vocab import BASE, INFERRED_GRAPH, PREFIXES
from wilcokg.wording import counted

WIKIDATA = "https://query.wikidata.org/sparql"
AGENT = "wilcokg/0.1 (links check)"
BATCH = 50
# Wikidata answers GET from its cache; a query longer than this goes by POST, which URLs cannot limit.
LONGEST_GET = 1500
TIMEOUT_SECONDS = 60

_GEONAMES = re.compile(re.escape(PREFIXES["gn"]) + r"(\d+)/$")
_OURS = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?item (MIN(?name) AS ?label) (MIN(STR(?place)) AS ?geonames) WHERE {{
  GRAPH ?g {{
    ?entity owl:sameAs ?item .
    FILTER(STRSTARTS(STR(?entity), "{BASE}id/") && STRSTARTS(STR(?item), "{PREFIXES["wd"]}"))
    OPTIONAL {{ ?entity rdfs:label ?name }}
    OPTIONAL {{ ?entity owl:sameAs ?place FILTER(STRSTARTS(STR(?place), "{PREFIXES["gn"]}")) }}
  }}
  FILTER(?g != <{INFERRED_GRAPH.value}>)
}}
GROUP BY ?entity ?item
ORDER BY ?entity ?item
"""


class LinksUnavailable(Exception):
    """Some items could be checked neither on the endpoint nor from the cache."""


@dataclass(frozen=True, slots=True)
class LinkedEntity:
    iri: str
    qid: str
    label: str | None
    geonames: str | None


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the endpoint says about one item: its English labels and GeoNames IDs (both may repeat)."""

    labels: tuple[str, ...]
    geonames: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mismatch:
    entity: str
    qid: str
    field: str
    ours: str
    theirs: str


def linked_entities(trig: Path) -> list[LinkedEntity]:
    """Our entities with a Wikidata link, from a TriG dump; the inferred graph is left out because
    owl:sameAs there makes the Wikidata and GeoNames IRIs look like our own entities."""
    store = Store()
    store.bulk_load(path=trig, format=RdfFormat.TRIG)
    entities = []
    for row in solutions(store.query(_OURS)):
        label, geonames = row["label"], row["geonames"]
        match = _GEONAMES.match(geonames.value) if geonames is not None else None
        entities.append(
            LinkedEntity(
                row["entity"].value,
                row["item"].value.removeprefix(PREFIXES["wd"]),
                label.value if label is not None else None,
                match.group(1) if match else None,
            )
        )
    return entities


def _query(qids: Sequence[str]) -> str:
    values = " ".join(f"wd:{qid}" for qid in qids)
    return f"""PREFIX wd: <{PREFIXES["wd"]}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?label ?geonames WHERE {{
  VALUES ?item {{ {values} }}
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?item wdt:P1566 ?geonames }}
}}"""


def fetch(endpoint: str, qids: Sequence[str]) -> dict[str, ItemFacts]:
    """Ask the endpoint about a few items in one query; raises OSError, ValueError (not JSON) or
    SPARQLWrapperException (an HTTP error status)."""
    client = SPARQLWrapper(endpoint, agent=AGENT)
    client.setReturnFormat(JSON)
    client.setTimeout(TIMEOUT_SECONDS)
    query = _query(qids)
    client.setQuery(query)
    if len(query) > LONGEST_GET:
        client.setMethod(POST)
    document = client.queryAndConvert()
    if not isinstance(document, dict):
        raise ValueError("expected SPARQL JSON results")
    bindings = document["results"]["bindings"]
    labels: dict[str, set[str]] = {qid: set() for qid in qids}
    geonames: dict[str, set[str]] = {qid: set() for qid in qids}
    for row in bindings:
        qid = row["item"]["value"].removeprefix(PREFIXES["wd"])
        if "label" in row:
            labels[qid].add(row["label"]["value"])
        if "geonames" in row:
            geonames[qid].add(row["geonames"]["value"])
    return {qid: ItemFacts(tuple(sorted(labels[qid])), tuple(sorted(geonames[qid]))) for qid in qids}


class AnswerCache:
    """One JSON file per endpoint and item: `<dir>/<endpoint digest>/<QID>.json`."""

    def __init__(self, directory: Path, endpoint: str) -> None:
        self.endpoint = endpoint
        self.folder = directory / hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:16]

    def load(self, qid: str) -> ItemFacts | None:
        path = self.folder / f"{qid}.json"
        if not path.is_file():
            return None
        stored = json.loads(path.read_text(encoding="utf-8"))
        return ItemFacts(tuple(stored["labels"]), tuple(stored["geonames"]))

    def save(self, qid: str, facts: ItemFacts) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        document = {"endpoint": self.endpoint, "item": qid, **asdict(facts)}
        (self.folder / f"{qid}.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def compare(entities: Iterable[LinkedEntity], facts: dict[str, ItemFacts]) -> list[Mismatch]:
    """A field we do not have (no GeoNames link) is not compared; one Wikidata lacks is a mismatch."""
    mismatches: list[Mismatch] = []
    for linked in entities:
        theirs = facts[linked.qid]
        for field, ours, values in (
            ("label", linked.label, theirs.labels),
            ("geonames", linked.geonames, theirs.geonames),
        ):
            if ours is not None and ours not in values:
                mismatches.append(Mismatch(linked.iri, linked.qid, field, ours, " | ".join(values) or "—"))
    return mismatches


@dataclass(frozen=True, slots=True)
class CheckResult:
    checked: int
    mismatches: list[Mismatch]
    warning: str | None


def check(trig: Path, endpoint: str, cache_dir: Path, offline: bool = False) -> CheckResult:
    """Compare every linked entity with the endpoint's answers, or with cached ones when offline or
    when the endpoint fails; LinksUnavailable when an item has neither."""
    entities = linked_entities(trig)
    qids = sorted({linked.qid for linked in entities})
    cache = AnswerCache(cache_dir, endpoint)
    facts: dict[str, ItemFacts] = {}
    failure = None
    batches = [] if offline else [qids[start : start + BATCH] for start in range(0, len(qids), BATCH)]
    for batch in batches:
        try:
            answers = fetch(endpoint, batch)
        except (OSError, ValueError, SPARQLWrapperException) as error:
            failure = str(getattr(error, "reason", error)).strip().splitlines()[0]
            break
        for qid, item in answers.items():
            cache.save(qid, item)
        facts.update(answers)
    cached = {qid: cache.load(qid) for qid in qids if qid not in facts}
    missing = sorted(qid for qid, item in cached.items() if item is None)
    if missing:
        why = "offline" if offline else f"cannot reach {endpoint} ({failure})"
        listed = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        raise LinksUnavailable(f"{why} and no cached answer for {counted(len(missing), 'item')}: {listed}")
    facts.update({qid: item for qid, item in cached.items() if item is not None})
    warning = f"cannot reach {endpoint} ({failure}); used cached answers" if failure else None
    return CheckResult(len(entities), compare(entities, facts), warning)
