"""The order of the nodes within each column of a layered picture, chosen so that few edges cross.

Columns are layers; `links[k]` holds one pair (node of layer k, node of layer k + 1) per edge drawn
between them, so two edges between the same nodes count twice. Finding the fewest crossings is
NP-hard even for two layers; the barycentre heuristic (a node sits at the mean position of its
neighbours in the layer before) with swaps of neighbouring nodes is the usual, good approximation.
The best order seen is kept, the given one included, so the result never crosses more than the input.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence

Layers = tuple[tuple[str, ...], ...]
Link = tuple[str, str]

_SWEEPS = 12
"""Alternating downward and upward passes; small pictures settle within a few."""


def count_crossings(layers: Sequence[Sequence[str]], links: Sequence[Sequence[Link]]) -> int:
    """How many pairs of edges cross when each layer's nodes stand in the given order."""
    return sum(_gap_crossings(layers[gap], layers[gap + 1], links[gap]) for gap in range(len(layers) - 1))


def _gap_crossings(upper: Sequence[str], lower: Sequence[str], links: Sequence[Link]) -> int:
    upper_position = {node: index for index, node in enumerate(upper)}
    lower_position = {node: index for index, node in enumerate(lower)}
    ends = sorted((upper_position[a], lower_position[b]) for a, b in links)
    # Ordered by their upper end, two edges cross when the later one ends strictly higher: an inversion.
    seen: list[int] = []
    crossings = 0
    for _, lower_end in ends:
        crossings += len(seen) - bisect_right(seen, lower_end)
        insort(seen, lower_end)
    return crossings


def order_layers(layers: Sequence[Sequence[str]], links: Sequence[Sequence[Link]]) -> Layers:
    """The layers reordered to cross as few edges as this heuristic finds; ties keep the given order."""
    best: Layers = tuple(tuple(layer) for layer in layers)
    fewest = count_crossings(best, links)
    current = best
    for sweep in range(_SWEEPS):
        if fewest == 0:
            break
        current = _swapped(_sweep(current, links, downward=sweep % 2 == 0), links)
        crossings = count_crossings(current, links)
        if crossings < fewest:
            best, fewest = current, crossings
    return best


def _sweep(layers: Layers, links: Sequence[Sequence[Link]], downward: bool) -> Layers:
    """Each layer in turn sorted by its nodes' barycentres in the layer just ordered."""
    ordered = list(layers)
    indices = range(1, len(ordered)) if downward else range(len(ordered) - 2, -1, -1)
    for index in indices:
        fixed = index - 1 if downward else index + 1
        ordered[index] = _by_barycentre(ordered[index], _neighbour_positions(ordered, links, index, fixed))
    return tuple(ordered)


def _by_barycentre(layer: Sequence[str], neighbours: dict[str, list[int]]) -> tuple[str, ...]:
    def barycentre(item: tuple[int, str]) -> tuple[float, int]:
        place, node = item
        around = neighbours[node]
        # A node with no neighbour there keeps its place; the place breaks ties, so equal nodes keep their order.
        return (sum(around) / len(around) if around else float(place), place)

    return tuple(node for _, node in sorted(enumerate(layer), key=barycentre))


def _swapped(layers: Layers, links: Sequence[Sequence[Link]]) -> Layers:
    """Neighbouring nodes swapped wherever that removes crossings, until no swap does."""
    ordered = [list(layer) for layer in layers]
    improved = True
    while improved:
        improved = False
        for index, layer in enumerate(ordered):
            sides = [
                _neighbour_positions(ordered, links, index, other)
                for other in (index - 1, index + 1)
                if 0 <= other < len(ordered)
            ]
            for place in range(len(layer) - 1):
                first, second = layer[place], layer[place + 1]
                if _cost(sides, second, first) < _cost(sides, first, second):
                    layer[place], layer[place + 1] = second, first
                    improved = True
    return tuple(tuple(layer) for layer in ordered)


def _cost(sides: list[dict[str, list[int]]], above: str, below: str) -> int:
    """Crossings between the edges of two neighbouring nodes when `above` precedes `below`."""
    return sum(1 for side in sides for a in side[above] for b in side[below] if a > b)


def _neighbour_positions(
    layers: Sequence[Sequence[str]], links: Sequence[Sequence[Link]], index: int, other: int
) -> dict[str, list[int]]:
    """For each node of layer `index`, the positions of its neighbours in the adjacent layer `other`."""
    position = {node: place for place, node in enumerate(layers[other])}
    neighbours: dict[str, list[int]] = {node: [] for node in layers[index]}
    if other < index:
        for a, b in links[other]:
            neighbours[b].append(position[a])
    else:
        for a, b in links[index]:
            neighbours[a].append(position[b])
    return neighbours
