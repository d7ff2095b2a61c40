"""The media types the server answers to beyond the one pyoxigraph gives each format.

pyoxigraph names one media type per RDF syntax and results format. Clients still send older ones
for some of them (it reads those, but does not list them), and pages are HTML, which it has no
format for: those are named here, once for every wing.
"""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

HTML = ("text/html", "application/xhtml+xml")

_ALIASES: dict[RdfFormat | QueryResultsFormat, tuple[str, ...]] = {
    QueryResultsFormat.JSON: ("application/json",),
    QueryResultsFormat.XML: ("application/xml", "text/xml"),
    RdfFormat.TURTLE: ("application/x-turtle",),
}


def media_types(syntax: RdfFormat | QueryResultsFormat) -> tuple[str, ...]:
    """The syntax's own media type, which responses are labelled with, then the aliases it answers to."""
    # pyoxigraph's CSV and TSV media types carry "; charset=utf-8": negotiation compares bare types, and
    # a response gets its charset from Starlette.
    return (syntax.media_type.partition(";")[0], *_ALIASES.get(syntax, ()))
