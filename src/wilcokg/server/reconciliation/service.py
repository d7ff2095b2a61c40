"""Reconciliation (W3C Entity Reconciliation API 0.2): candidates for a name, suggestions, data extension.

Pure functions over the in-memory catalogue; `reconcile.py` speaks HTTP.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from wilcokg.server.reconciliation.catalogue import Catalogue, Entity
from wilcokg.server.reconciliation.matching import normalise, similarity

DEFAULT_LIMIT = 5
MAX_LIMIT = 100
# An alternative or hidden label is as much the entity's name as its preferred one, but a hit on
# the preferred name wins a tie (`CAF` is several offices' acronym; `Lille` names a city first).
LABEL_WEIGHTS = {"prefLabel": 1.0, "label": 1.0, "altLabel": 0.97, "hiddenLabel": 0.95}
# A name this close (score out of 100), ahead of the next candidate by this much, is a match.
MATCH_SCORE = 90.0
MATCH_MARGIN = 8.0
# With property constraints, the name counts for this share of the score, the properties for the rest.
NAME_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: Entity
    name_score: float
    properties_matched: float
    score: float


class BadQuery(ValueError):
    """A query the service cannot answer, said in words for the client."""


def name_score(query: str, entity: Entity) -> float:
    wanted = normalise(query)
    return max((LABEL_WEIGHTS[p] * similarity(wanted, normalise(text)) for p, text in entity.labels), default=0.0)


def _value_matches(catalogue: Catalogue, values: list[str], wanted: Any) -> bool:
    if isinstance(wanted, dict):
        wanted = wanted.get("id", "")
    if isinstance(wanted, bool | int | float):
        wanted = str(wanted)
    if not isinstance(wanted, str) or not wanted.strip():
        return False
    target = normalise(wanted)
    for value in values:
        # An IRI, a register's local identifier (`Q648`, `2998324`), or the name of one of our entities.
        local = value.rstrip("/").rsplit("/", 1)[-1]
        if wanted in (value, local) or similarity(target, normalise(catalogue.name_of(value))) >= 0.9:
            return True
        entity = catalogue.entities.get(value)
        if entity is not None and any(normalise(text) == target for _, text in entity.labels):
            return True
    return False


def _constraints(query: dict[str, Any]) -> list[tuple[str, Any]]:
    constraints = query.get("properties") or []
    if not isinstance(constraints, list):
        raise BadQuery("properties must be a list of {pid, v}")
    pairs = []
    for constraint in constraints:
        if not isinstance(constraint, dict) or "pid" not in constraint or "v" not in constraint:
            raise BadQuery("each property constraint needs pid and v")
        values = constraint["v"] if isinstance(constraint["v"], list) else [constraint["v"]]
        pairs.append((str(constraint["pid"]), values))
    return pairs


def _types(query: dict[str, Any]) -> set[str]:
    wanted = query.get("type")
    if wanted is None:
        return set()
    if isinstance(wanted, str):
        return {wanted}
    if isinstance(wanted, list) and all(isinstance(t, str) for t in wanted):
        return set(wanted)
    raise BadQuery("type must be a type id or a list of them")


def _limit(query: dict[str, Any]) -> int:
    limit = query.get("limit", DEFAULT_LIMIT)
    # JSON as Python reads it may say NaN and Infinity.
    if not isinstance(limit, int | float) or isinstance(limit, bool) or not math.isfinite(limit):
        raise BadQuery("limit must be a number")
    return max(1, min(MAX_LIMIT, int(limit)))


def candidates(catalogue: Catalogue, query: dict[str, Any]) -> list[Candidate]:
    """The best candidates for one query, best first."""
    if not isinstance(query, dict):
        raise BadQuery("each query must be an object")
    text = query.get("query", "")
    if not isinstance(text, str):
        raise BadQuery("query must be a string")
    types, constraints, limit = _types(query), _constraints(query), _limit(query)
    found: list[Candidate] = []
    for entity in catalogue.entities.values():
        if types and not types & entity.kinds:
            continue
        by_name = name_score(text, entity) if text.strip() else 0.0
        matched = sum(
            any(_value_matches(catalogue, entity.values.get(pid, []), v) for v in values) for pid, values in constraints
        )
        share = matched / len(constraints) if constraints else 0.0
        score = NAME_SHARE * by_name + (1 - NAME_SHARE) * share if constraints else by_name
        if (by_name >= 0.5 or not text.strip()) and score > 0:
            found.append(Candidate(entity, by_name, share, round(100 * score, 1)))
    found.sort(key=lambda c: (-c.score, c.entity.name, c.entity.iri))
    return found[:limit]


def _type_list(catalogue: Catalogue, entity: Entity) -> list[dict[str, str]]:
    return [{"id": k.id, "name": k.name} for k in catalogue.kinds if k.id in entity.kinds]


def result(catalogue: Catalogue, query: dict[str, Any]) -> dict[str, Any]:
    """One query's answer, `{"result": [...]}`; `match` is true only for a confident, unique, fully constrained hit."""
    found = candidates(catalogue, query)
    constrained = bool(query.get("properties"))
    answer = []
    for index, candidate in enumerate(found):
        runner_up = found[index + 1].score if index + 1 < len(found) else 0.0
        confident = (
            index == 0
            and candidate.score >= MATCH_SCORE
            and candidate.score - runner_up >= MATCH_MARGIN
            and (not constrained or candidate.properties_matched == 1.0)
        )
        item: dict[str, Any] = {
            "id": candidate.entity.iri,
            "name": candidate.entity.name,
            "score": candidate.score,
            "match": confident,
            "type": _type_list(catalogue, candidate.entity),
            "features": [{"id": "name", "value": round(candidate.name_score, 3)}],
        }
        if candidate.entity.description:
            item["description"] = candidate.entity.description
        answer.append(item)
    return {"result": answer}


def reconcile_batch(catalogue: Catalogue, queries: Any) -> dict[str, Any]:
    if not isinstance(queries, dict):
        raise BadQuery('queries must be an object such as {"q0": {"query": "Lille"}}')
    return {key: result(catalogue, query) for key, query in queries.items()}


def _prefix_matches(prefix: str, texts: list[str]) -> bool:
    wanted = normalise(prefix)
    return any(normalise(text).startswith(wanted) or f" {wanted}" in f" {normalise(text)}" for text in texts)


def suggest_entities(catalogue: Catalogue, prefix: str, type_id: str | None, limit: int) -> dict[str, Any]:
    found = [
        entity
        for entity in catalogue.entities.values()
        if (type_id is None or type_id in entity.kinds) and _prefix_matches(prefix, [t for _, t in entity.labels])
    ]
    found.sort(key=lambda e: (len(e.name), e.name, e.iri))
    return {
        "result": [
            {
                "id": e.iri,
                "name": e.name,
                "notable": _type_list(catalogue, e),
                **({"description": e.description} if e.description else {}),
            }
            for e in found[:limit]
        ]
    }


def suggest_types(catalogue: Catalogue, prefix: str, limit: int) -> dict[str, Any]:
    return {
        "result": [{"id": k.id, "name": k.name} for k in catalogue.kinds if _prefix_matches(prefix, [k.name])][:limit]
    }


def suggest_properties(catalogue: Catalogue, prefix: str, limit: int) -> dict[str, Any]:
    return {
        "result": [
            {"id": p.id, "name": p.name, "description": p.description}
            for p in catalogue.properties
            if _prefix_matches(prefix, [p.name, p.id])
        ][:limit]
    }


def propose_properties(catalogue: Catalogue, type_id: str, limit: int | None) -> dict[str, Any]:
    """The properties that entities of the type actually have."""
    used = {
        pid for e in catalogue.entities.values() if type_id in e.kinds for pid, values in e.values.items() if values
    }
    proposed = [
        {"id": p.id, "name": p.name, "description": p.description} for p in catalogue.properties if p.id in used
    ]
    answer: dict[str, Any] = {"type": type_id, "properties": proposed[:limit] if limit else proposed}
    if limit:
        answer["limit"] = limit
    return answer


def _value_limit(settings: Any) -> int:
    if isinstance(settings, dict) and isinstance(settings.get("limit"), int | float | str):
        try:
            return max(0, int(settings["limit"]))
        except (ValueError, OverflowError):  # not a number, NaN, or infinite
            return 0
    return 0


def extend(catalogue: Catalogue, request: Any) -> dict[str, Any]:
    """Data extension: the requested properties' values for each entity id."""
    if (
        not isinstance(request, dict)
        or not isinstance(request.get("ids"), list)
        or not isinstance(request.get("properties"), list)
    ):
        raise BadQuery('extend must be {"ids": [...], "properties": [{"id": ...}]}')
    wanted = []
    for item in request["properties"]:
        prop = catalogue.property(item.get("id", "")) if isinstance(item, dict) else None
        if prop is None:
            raise BadQuery(f"unknown property {item!r}: see the manifest's propose_properties service")
        wanted.append((prop, _value_limit(item.get("settings"))))
    meta = [{"id": prop.id, "name": prop.name} for prop, _ in wanted]
    rows: dict[str, dict[str, list[dict[str, str]]]] = {}
    for iri in request["ids"]:
        entity = catalogue.entities.get(str(iri))
        row: dict[str, list[dict[str, str]]] = {}
        for prop, limit in wanted:
            values = entity.values.get(prop.id, []) if entity else []
            values = values[:limit] if limit else values
            row[prop.id] = [
                {"id": v, "name": catalogue.name_of(v)}
                if v in catalogue.entities or v.startswith(catalogue.base)
                else {"str": v}
                for v in values
            ]
        rows[str(iri)] = row
    return {"meta": meta, "rows": rows}
