"""`/reconcile`: the W3C Entity Reconciliation API 0.2 (what OpenRefine speaks) over the graph's entities.

GET without parameters answers the manifest; `queries` (a form field, a query parameter, or a JSON
body) answers a batch of reconciliation queries; `extend` answers a data-extension request.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from wilcokg.server.reconciliation.catalogue import Catalogue
from wilcokg.server.reconciliation.service import (
    extend,
    propose_properties,
    reconcile_batch,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from wilcokg.server.state import server_state

PATH = "/reconcile"
SUGGEST_LIMIT = 10
PREVIEW_WIDTH, PREVIEW_HEIGHT = 400, 180


def manifest(catalogue: Catalogue, service: str) -> dict[str, Any]:
    return {
        "versions": ["0.2"],
        "name": "WILCO knowledge graph",
        "identifierSpace": catalogue.base + "id/",
        "schemaSpace": catalogue.base + "ontology#",
        "documentation": service + "/",
        "view": {"url": service + PATH + "/view?id={{id}}"},
        "preview": {"url": service + PATH + "/preview?id={{id}}", "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "defaultTypes": [{"id": k.id, "name": k.name} for k in catalogue.kinds],
        "suggest": {
            kind: {"service_url": service, "service_path": f"{PATH}/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": service, "service_path": PATH + "/properties"},
            "property_settings": [
                {
                    "type": "number",
                    "name": "limit",
                    "label": "Limit",
                    "default": 0,
                    "help_text": "The largest number of values to return for each entity (0: all)",
                }
            ],
        },
    }


async def _parameters(request: Request) -> dict[str, Any]:
    """`queries` and `extend` from the query string, a form, or a JSON body, parsed from JSON."""
    raw: dict[str, Any] = dict(request.query_params)
    if request.method == "POST":
        if request.headers.get("content-type", "").startswith("application/json"):
            body = json.loads(await request.body() or b"{}")
            # A bare batch ({"q0": {...}}) or the parameters themselves ({"queries": {...}}).
            return body if isinstance(body, dict) and ({"queries", "extend"} & body.keys()) else {"queries": body}
        raw.update(dict(await request.form()))
    return {key: json.loads(raw[key]) for key in ("queries", "extend") if key in raw and isinstance(raw[key], str)}


def _service(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def reconcile(request: Request) -> Response:
    cat = await server_state(request).catalogue.get()
    try:
        parameters = await _parameters(request)
        if "queries" in parameters:
            return JSONResponse(reconcile_batch(cat, parameters["queries"]))
        if "extend" in parameters:
            return JSONResponse(extend(cat, parameters["extend"]))
    # Besides a BadQuery: JSON that is malformed, not UTF-8, nested too deep or with a number too long.
    except (ValueError, RecursionError) as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    return JSONResponse(manifest(cat, _service(request)))


def _limit(request: Request, default: int | None) -> int | None:
    raw = request.query_params.get("limit", "")
    try:
        return max(1, int(raw)) if raw.isdigit() else default
    except ValueError:  # digits int() does not read (`²`), or more of them than it reads
        return default


async def suggest(request: Request) -> Response:
    cat = await server_state(request).catalogue.get()
    prefix = request.query_params.get("prefix", "")
    limit = _limit(request, SUGGEST_LIMIT) or SUGGEST_LIMIT
    kind = request.path_params["kind"]
    if kind == "entity":
        return JSONResponse(suggest_entities(cat, prefix, request.query_params.get("type"), limit))
    if kind == "type":
        return JSONResponse(suggest_types(cat, prefix, limit))
    if kind == "property":
        return JSONResponse(suggest_properties(cat, prefix, limit))
    return JSONResponse({"error": f"no suggest service for {kind!r}"}, status_code=404)


async def properties(request: Request) -> Response:
    cat = await server_state(request).catalogue.get()
    type_id = request.query_params.get("type", "")
    if cat.kind(type_id) is None:
        return JSONResponse({"error": f"unknown type {type_id!r}: see the manifest's defaultTypes"}, status_code=400)
    return JSONResponse(propose_properties(cat, type_id, _limit(request, None)))


async def preview(request: Request) -> Response:
    cat = await server_state(request).catalogue.get()
    site = server_state(request).site
    entity = cat.entities.get(request.query_params.get("id", ""))
    if entity is None:
        return HTMLResponse("<p>Unknown entity</p>", status_code=404)
    facts = [
        (prop.name, [(cat.name_of(v), site.href(v)) for v in entity.values.get(prop.id, [])])
        for prop in cat.properties
        if entity.values.get(prop.id)
    ]
    kinds = [k.name for k in cat.kinds if k.id in entity.kinds]
    return HTMLResponse(
        site.render("preview.html", entity=entity, kinds=kinds, facts=facts, page=site.href(entity.iri))
    )


async def view(request: Request) -> Response:
    """Sends OpenRefine's `view` link to the entity's page: only for entities the catalogue holds, so that
    the service can never be made to redirect elsewhere."""
    cat = await server_state(request).catalogue.get()
    site = server_state(request).site
    entity = cat.entities.get(request.query_params.get("id", ""))
    if entity is None:
        return HTMLResponse("<p>Unknown entity</p>", status_code=404)
    return RedirectResponse(site.href(entity.iri), status_code=303)


def reconcile_routes() -> list[Route]:
    return [
        Route(PATH, reconcile, methods=["GET", "POST"]),
        Route(PATH + "/suggest/{kind}", suggest, methods=["GET"]),
        Route(PATH + "/properties", properties, methods=["GET"]),
        Route(PATH + "/preview", preview, methods=["GET"]),
        Route(PATH + "/view", view, methods=["GET"]),
    ]
