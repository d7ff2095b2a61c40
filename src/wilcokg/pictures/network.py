"""Where everything in a network picture goes: cities, innovations and actors in columns, edges between.

Every node of a column is a box as wide as the column's longest (wrapped) label, and edges leave and
enter boxes at their sides, so an edge runs only through the empty room between two columns: it
cannot cross a label. Rows are as tall as their wrapped labels, and as tall as the fan of edges at
their sides needs. The tallest column is stacked; the others are set level with the mean of their
neighbours in the column already placed, as near as the order and the gaps between boxes allow.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wilcokg.pictures.geometry import Box, Point
from wilcokg.pictures.graph import Column, Edge, NetworkGraph, network_graph
from wilcokg.pictures.legend import Legend, layout_legend
from wilcokg.pictures.model import Node, Role, RoleRow
from wilcokg.pictures.ordering import Layers, order_layers
from wilcokg.pictures.text import TextBlock, block_height, text_width, words, wrap

LABEL_SIZE = 13.0
HEADING_SIZE = 13.0
MARGIN = 16.0
HEADINGS = ("City", "Innovation", "Actor")
_PADDING_X = 8.0
_PADDING_Y = 6.0
_MAX_LABEL_WIDTH = 190.0
"""Labels wrap at this width; a longer word widens its column, and the column's labels then wrap at its width."""
_NODE_GAP = 8.0
_PORT_SPACING = 6.0
"""Between the ends of neighbouring edges at a box's side."""
_PORT_INSET = 5.0
"""Between a box's corner and the nearest edge end: the corners are rounded."""
_EDGE_ROOM = (110.0, 200.0)
"""The width of the room between the city and innovation columns, and the innovation and actor columns."""
_BELOW_LEGEND = 16.0
_BELOW_HEADINGS = 10.0


@dataclass(frozen=True, slots=True)
class PlacedNode:
    node: Node
    column: Column
    box: Box
    label: TextBlock


@dataclass(frozen=True, slots=True)
class PlacedEdge:
    edge: Edge
    start: Point
    """On the right side of the source's box."""
    end: Point
    """On the left side of the target's box."""


@dataclass(frozen=True, slots=True)
class NetworkLayout:
    width: float
    height: float
    legend: Legend
    headings: tuple[TextBlock, ...]
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    order: Layers
    """The IRIs of each column's nodes, top to bottom."""


def layout_network(rows: Iterable[RoleRow]) -> NetworkLayout:
    graph = network_graph(rows)
    order = order_layers(graph.layers, graph.links)
    by_iri = [{node.iri: node for node in column} for column in graph.columns]
    columns = [[by_iri[index][iri] for iri in layer] for index, layer in enumerate(order)]
    lines = [[wrap(node.label, _wrap_width(column), LABEL_SIZE) for node in column] for column in columns]
    heights = _heights(graph, columns, lines)
    widths = [
        max([text_width(heading, HEADING_SIZE)] + [text_width(line, LABEL_SIZE) for block in blocks for line in block])
        + 2 * _PADDING_X
        for heading, blocks in zip(HEADINGS, lines, strict=True)
    ]
    lefts = [MARGIN + sum(widths[:index]) + sum(_EDGE_ROOM[:index]) for index in Column]
    width = lefts[-1] + widths[-1] + MARGIN
    legend = layout_legend(MARGIN, MARGIN, width - 2 * MARGIN)
    headings_top = legend.bottom + _BELOW_LEGEND
    headings = tuple(
        TextBlock((heading,), left + _PADDING_X, headings_top, HEADING_SIZE)
        for heading, left in zip(HEADINGS, lefts, strict=True)
    )
    top = headings_top + block_height(1, HEADING_SIZE) + _BELOW_HEADINGS
    tops = _tops(graph, columns, heights, top)
    placed = [
        [
            _placed(node, Column(index), Box(lefts[index], y, widths[index], height), block)
            for node, y, height, block in zip(column, tops[index], heights[index], lines[index], strict=True)
        ]
        for index, column in enumerate(columns)
    ]
    bottom = max((node.box.bottom for column in placed for node in column), default=top)
    return NetworkLayout(
        width=width,
        height=bottom + MARGIN,
        legend=legend,
        headings=headings,
        nodes=tuple(node for column in placed for node in column),
        edges=_with_ends(graph, placed),
        order=order,
    )


def _wrap_width(column: Sequence[Node]) -> float:
    """Where a column's labels wrap: at the usual width, or at its longest word's if that is wider."""
    longest = (text_width(word, LABEL_SIZE) for node in column for word in words(node.label))
    return max(_MAX_LABEL_WIDTH, *longest)


def _placed(node: Node, column: Column, box: Box, lines: tuple[str, ...]) -> PlacedNode:
    text_top = box.middle - block_height(len(lines), LABEL_SIZE) / 2
    return PlacedNode(node, column, box, TextBlock(lines, box.x + _PADDING_X, text_top, LABEL_SIZE))


def _heights(
    graph: NetworkGraph, columns: Sequence[Sequence[Node]], lines: Sequence[Sequence[tuple[str, ...]]]
) -> list[list[float]]:
    """Each box tall enough for its label and for the edges at its busier side."""
    ends: Counter[tuple[int, str, str]] = Counter()
    for gap, edges in enumerate(graph.gaps):
        for edge in edges:
            ends[(gap, edge.source.iri, "right")] += 1
            ends[(gap + 1, edge.target.iri, "left")] += 1
    return [
        [
            max(
                block_height(len(block), LABEL_SIZE) + 2 * _PADDING_Y,
                (max(ends[(index, node.iri, "left")], ends[(index, node.iri, "right")]) - 1) * _PORT_SPACING
                + 2 * _PORT_INSET,
            )
            for node, block in zip(column, lines[index], strict=True)
        ]
        for index, column in enumerate(columns)
    ]


def _tops(
    graph: NetworkGraph, columns: Sequence[Sequence[Node]], heights: Sequence[Sequence[float]], top: float
) -> list[list[float]]:
    """The top of each box: the tallest column stacked, each other column near its placed neighbours."""
    stacked = [sum(column) + _NODE_GAP * max(len(column) - 1, 0) for column in heights]
    anchor = stacked.index(max(stacked))
    tops = {anchor: _stacked(heights[anchor], top)}
    neighbours: dict[tuple[int, str, int], list[str]] = defaultdict(list)
    for gap, edges in enumerate(graph.gaps):
        for edge in edges:
            neighbours[(gap, edge.source.iri, gap + 1)].append(edge.target.iri)
            neighbours[(gap + 1, edge.target.iri, gap)].append(edge.source.iri)
    for index in [*range(anchor - 1, -1, -1), *range(anchor + 1, len(columns))]:
        placed = index + 1 if index < anchor else index - 1
        middles = {
            node.iri: y + height / 2
            for node, y, height in zip(columns[placed], tops[placed], heights[placed], strict=True)
        }
        wanted = []
        for node, height in zip(columns[index], heights[index], strict=True):
            around = [middles[iri] for iri in neighbours[(index, node.iri, placed)]]
            wanted.append(sum(around) / len(around) if around else top + height / 2)
        tops[index] = _near(wanted, heights[index], top)
    return [tops[index] for index in range(len(columns))]


def _stacked(heights: Sequence[float], top: float) -> list[float]:
    tops = []
    for height in heights:
        tops.append(top)
        top += height + _NODE_GAP
    return tops


@dataclass(frozen=True, slots=True)
class _Run:
    """Boxes that touch: they move together, to where their wanted places are met best on average."""

    wanted_top: float
    """The sum over the boxes of where each wants the run's top to be."""
    boxes: int
    height: float

    def top(self, limit: float) -> float:
        return max(limit, self.wanted_top / self.boxes)


def _near(wanted_middles: Sequence[float], heights: Sequence[float], top: float) -> list[float]:
    """Tops in the given order, no higher than `top`, a gap apart, each box near its wanted middle.

    A box that would overlap the run before it joins that run, which then sits at the mean of its
    boxes' wishes, and may in turn join the run before it."""
    runs: list[_Run] = []
    for middle, height in zip(wanted_middles, heights, strict=True):
        run = _Run(middle - height / 2, 1, height)
        while runs and runs[-1].top(top) + runs[-1].height + _NODE_GAP > run.top(top):
            before = runs.pop()
            offset = before.height + _NODE_GAP
            run = _Run(
                before.wanted_top + run.wanted_top - offset * run.boxes, before.boxes + run.boxes, offset + run.height
            )
        runs.append(run)
    tops: list[float] = []
    for run in runs:
        tops += _stacked(heights[len(tops) : len(tops) + run.boxes], run.top(top))
    return tops


_ROLE_RANK: dict[Role | None, int] = {None: -1} | {role: rank for rank, role in enumerate(Role)}


def _with_ends(graph: NetworkGraph, columns: Sequence[Sequence[PlacedNode]]) -> tuple[PlacedEdge, ...]:
    """Each edge's ends, spread along the sides of its boxes in the order of where the edges go.

    Sorting the ends at a side by the height of the box at the other end keeps edges that share a
    box from crossing there; two roles between the same boxes are sorted alike at both ends, so
    they run side by side."""
    boxes: dict[tuple[int, str], tuple[Box, int]] = {
        (node.column, node.node.iri): (node.box, place) for column in columns for place, node in enumerate(column)
    }
    sides: dict[tuple[int, str, str], list[tuple[tuple[float, int, int], tuple[int, int]]]] = defaultdict(list)
    for gap, edges in enumerate(graph.gaps):
        for number, edge in enumerate(edges):
            source_box, source_place = boxes[(gap, edge.source.iri)]
            target_box, target_place = boxes[(gap + 1, edge.target.iri)]
            rank = _ROLE_RANK[edge.role]
            sides[(gap, edge.source.iri, "right")].append(((target_box.middle, target_place, rank), (gap, number)))
            sides[(gap + 1, edge.target.iri, "left")].append(((source_box.middle, source_place, rank), (gap, number)))
    ends: dict[tuple[int, int, str], Point] = {}
    for (column, iri, side), attached in sides.items():
        box = boxes[(column, iri)][0]
        x = box.right if side == "right" else box.x
        for position, (_, edge_key) in enumerate(sorted(attached)):
            ends[(*edge_key, side)] = Point(x, box.middle + (position - (len(attached) - 1) / 2) * _PORT_SPACING)
    return tuple(
        PlacedEdge(edge, ends[(gap, number, "right")], ends[(gap, number, "left")])
        for gap, edges in enumerate(graph.gaps)
        for number, edge in enumerate(edges)
    )
