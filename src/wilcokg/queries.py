"""Canned competency questions (`queries/*.rq`) and running a query locally or against any endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from wilcokg.errors import InputError, os_reason


@dataclass(frozen=True, slots=True)
class CannedQuery:
    name: str
    question: str
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """A SELECT result as strings (empty string for an unbound value), or an ASK result."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    boolean: bool | None = None


def read_query(path: Path) -> CannedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), 1, f"cannot read the query ({error})") from None
    first = text.splitlines()[0] if text else ""
    if not first.startswith("#"):
        raise InputError(str(path), 1, "expected a first line '# <the question in English>'")
    return CannedQuery(path.stem, first.lstrip("# ").strip(), text)


def canned_queries(folder: Path) -> list[CannedQuery]:
    return [read_query(path) for path in sorted(folder.glob("*.rq"))]


class UnknownQuery(LookupError):
    """A name that is neither a query file nor a canned query: there is no file and line to point at."""


def find_query(name_or_file: str, folder: Path) -> CannedQuery:
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.exists():
        return read_query(path)
    candidate = folder / f"{name_or_file}.rq"
    if not candidate.exists():
        names = sorted(path.stem for path in folder.glob("*.rq"))
        if not names:
            raise UnknownQuery(f"no canned query named {name_or_file!r}: {folder}/ holds none; expected a .rq file")
        raise UnknownQuery(f"no canned query named {name_or_file!r}: expected a .rq file or one of {', '.join(names)}")
    return read_query(candidate)


def _term_text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


def ask_local(query: str, dataset: Path) -> Answer:
    """Run a query on a dump (`wilco.trig`), the union of its named graphs as the default graph."""
    store = ox.Store()
    try:
        store.bulk_load(path=str(dataset), format=ox.RdfFormat.TRIG)
    except OSError as error:
        raise InputError(
            str(dataset), 1, f"cannot read the dataset ({os_reason(error)}); run 'wilcokg build'"
        ) from None
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise InputError("query", 1, str(error)) from None
    if isinstance(result, ox.QueryBoolean):
        return Answer((), (), bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        return Answer(columns, tuple(tuple(_term_text(row[c]) for c in columns) for row in result))
    raise InputError("query", 1, "expected a SELECT or ASK query")


def ask_endpoint(query: str, endpoint: str, timeout: float = 60.0) -> Answer:
    client = SPARQLWrapper(endpoint, agent="wilcokg/0.1 (query)")
    client.setMethod(POST)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    try:
        document = client.queryAndConvert()
    except (SPARQLWrapperException, OSError, ValueError) as error:
        raise InputError(endpoint, 1, f"the endpoint did not answer the query: {error}") from None
    if not isinstance(document, dict):
        raise InputError(endpoint, 1, "expected SPARQL JSON results")
    if "boolean" in document:
        return Answer((), (), bool(document["boolean"]))
    columns = tuple(document["head"]["vars"])
    bindings = document["results"]["bindings"]
    return Answer(columns, tuple(tuple(row.get(c, {}).get("value", "") for c in columns) for row in bindings))
