"""A network picture as SVG text: self-contained, readable without script, every label escaped.

Edges are coloured by role with the Okabe–Ito palette, whose colours stay apart for readers with
any common colour-vision deficiency; a dashed line marks a role only reading found. An edge with
evidence is a link to the sentence in the chapter reader. Tooltips are `<title>` elements.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from wilcokg.pictures.geometry import Point
from wilcokg.pictures.graph import Column
from wilcokg.pictures.legend import LegendEntry
from wilcokg.pictures.model import Role, RoleRow
from wilcokg.pictures.network import LABEL_SIZE, NetworkLayout, PlacedEdge, PlacedNode, layout_network
from wilcokg.pictures.text import FONT_FAMILY, TextBlock

ROLE_COLOURS = {
    Role.INITIATOR: "#d55e00",
    Role.FUNDER: "#0072b2",
    Role.OPERATOR: "#009e73",
    Role.PARTNER: "#cc79a7",
    Role.SUPPORTER: "#e69f00",
}
IN_CITY_COLOUR = "#a3aab2"
"""The lines from a city to its innovations, which carry no role."""
STYLE_SAMPLE_COLOUR = "#4d5561"
"""The legend's samples of the two line styles, which hold for every role."""
UNREVIEWED_DASH = "6 4"
EDGE_WIDTH = 2.0
_HIT_WIDTH = 10.0
"""An invisible wider stroke under each role line, so that a pointer need not hit two pixels."""
_TEXT_COLOUR = "#1f2328"
_HEADING_COLOUR = "#57606a"
_NODE_COLOURS = {
    Column.CITY: ("#e8edf2", "#7d8b99"),
    Column.INNOVATION: ("#f6f8fa", "#7d8b99"),
    Column.ACTOR: ("#ffffff", "#b6bec7"),
}
"""Fill and outline of each column's boxes."""
_STYLE = (
    "<style>.network-picture a:hover .role,.network-picture a:focus .role{stroke-width:4}"
    ".network-picture a:hover rect,.network-picture a:focus rect{stroke-width:2}</style>"
)
# Characters XML 1.0 forbids even when escaped; a label read from text could carry one.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINK_SCHEMES = frozenset({"", "http", "https"})
DEFAULT_TITLE = "Who does what: cities, their social innovations and the organisations in each"


def network_picture(rows: Iterable[RoleRow], title: str = DEFAULT_TITLE) -> str:
    """The picture of the given roles: a city's rows for a city's picture, all rows for the book's."""
    layout = layout_network(rows)
    width, height = _number(layout.width), _number(layout.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{_escape(FONT_FAMILY)}" font-size="{_number(LABEL_SIZE)}" '
        f'fill="{_TEXT_COLOUR}">',
        f"<title>{_escape(title)}</title>",
        _STYLE,
        '<g class="legend">',
        *(_legend_entry(entry) for entry in layout.legend.entries),
        "</g>",
        f'<g class="headings" fill="{_HEADING_COLOUR}">',
        *(_text(heading) for heading in layout.headings),
        "</g>",
        '<g class="edges" fill="none">',
        *(_edge(edge) for edge in layout.edges),
        "</g>",
        '<g class="nodes">',
        *(_node(node, tooltip) for node, tooltip in _node_titles(layout)),
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _legend_entry(entry: LegendEntry) -> str:
    colour = STYLE_SAMPLE_COLOUR if entry.role is None else ROLE_COLOURS[entry.role]
    sample = (
        f'<line x1="{_number(entry.sample_start.x)}" y1="{_number(entry.sample_start.y)}" '
        f'x2="{_number(entry.sample_end.x)}" y2="{_number(entry.sample_end.y)}" '
        f"{_stroke(colour, entry.reviewed)}/>"
    )
    return f"{sample}{_text(entry.label)}"


def _edge(placed: PlacedEdge) -> str:
    edge = placed.edge
    path = _curve(placed.start, placed.end)
    if edge.role is None:
        title = f"{edge.target.label} is in {edge.source.label}"
        return (
            f'<g class="in-city"><title>{_escape(title)}</title>'
            f'<path d="{path}" stroke="{IN_CITY_COLOUR}" stroke-width="{_number(EDGE_WIDTH)}"/></g>'
        )
    href = next((link for link in edge.evidence if _linkable(link)), None)
    status = "curated or accepted" if edge.reviewed else "read from the text, not yet reviewed"
    if href is None:
        source = "no chapter sentence states it"
    elif len(edge.evidence) == 1:
        source = "follow the line to the sentence that states it"
    else:
        source = f"{len(edge.evidence)} places state it; follow the line to the first"
    title = f"{edge.target.label}: {edge.role.value} of {edge.source.label} ({status}; {source})"
    lines = (
        f'<title>{_escape(title)}</title><path class="hit" d="{path}" stroke="{_TEXT_COLOUR}" stroke-opacity="0" '
        f'stroke-width="{_number(_HIT_WIDTH)}"/>'
        f'<path class="role" d="{path}" {_stroke(ROLE_COLOURS[edge.role], edge.reviewed)}/>'
    )
    if href is None:
        return f'<g class="edge">{lines}</g>'
    return f'<a class="edge" href="{_escape(href)}">{lines}</a>'


def _node(placed: PlacedNode, tooltip: str) -> str:
    fill, outline = _NODE_COLOURS[placed.column]
    box = placed.box
    body = (
        f"<title>{_escape(tooltip)}</title>"
        f'<rect x="{_number(box.x)}" y="{_number(box.y)}" width="{_number(box.width)}" '
        f'height="{_number(box.height)}" rx="4" fill="{fill}" stroke="{outline}"/>{_text(placed.label)}'
    )
    kind = placed.column.name.lower()
    href = placed.node.href
    if href is None or not _linkable(href):
        return f'<g class="node {kind}">{body}</g>'
    return f'<a class="node {kind}" href="{_escape(href)}">{body}</a>'


def _node_titles(layout: NetworkLayout) -> Iterable[tuple[PlacedNode, str]]:
    """Each node with its tooltip: where an innovation is, what an actor does where."""
    cities: dict[str, list[str]] = defaultdict(list)
    roles: dict[str, list[str]] = defaultdict(list)
    for placed in layout.edges:
        edge = placed.edge
        if edge.role is None:
            cities[edge.target.iri].append(edge.source.label)
        else:
            roles[edge.target.iri].append(f"{edge.role.value} of {edge.source.label}")
    for node in layout.nodes:
        label = node.node.label
        if node.column is Column.CITY:
            yield node, f"{label}, city"
        elif node.column is Column.INNOVATION:
            yield node, f"{label}, innovation in {' and '.join(cities[node.node.iri])}"
        else:
            yield node, f"{label}: {'; '.join(roles[node.node.iri])}"


def _curve(start: Point, end: Point) -> str:
    """A cubic curve leaving and arriving level; its control points keep it between the two columns."""
    bend = (end.x - start.x) / 2
    return (
        f"M{_number(start.x)} {_number(start.y)}C{_number(start.x + bend)} {_number(start.y)} "
        f"{_number(end.x - bend)} {_number(end.y)} {_number(end.x)} {_number(end.y)}"
    )


def _stroke(colour: str, reviewed: bool) -> str:
    dash = "" if reviewed else f' stroke-dasharray="{UNREVIEWED_DASH}"'
    return f'stroke="{colour}" stroke-width="{_number(EDGE_WIDTH)}"{dash}'


def _text(block: TextBlock) -> str:
    spans = "".join(
        f'<tspan x="{_number(block.x)}" y="{_number(baseline)}">{_escape(line)}</tspan>'
        for line, baseline in zip(block.lines, block.baselines, strict=True)
    )
    return f'<text font-size="{_number(block.size)}">{spans}</text>'


def _escape(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=True)


def _linkable(href: str) -> bool:
    """A link within the site or to the web; never `javascript:` or another scheme that runs or fetches."""
    try:
        scheme = urlsplit(href).scheme
    except ValueError:  # a malformed address, such as an unclosed IPv6 literal
        return False
    return scheme.lower() in _LINK_SCHEMES and not any(ord(character) < 32 for character in href)


def _number(value: float) -> str:
    """One decimal: sharp enough for a screen, and the same text for the same layout on every machine."""
    return f"{value:.1f}".removesuffix(".0")
