"""Reading a network picture's SVG the way a browser sets it, for the tests of the pictures and of the pages.

The SVG is parsed as XML and measured: each line of text is as wide as the declared font's advances
say, from its ascent to its descent; each edge is the cubic curve its path describes, followed in
short straight steps.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from wilcokg.pictures.svg import ROLE_COLOURS, UNREVIEWED_DASH
from wilcokg.pictures.text import ASCENT, DESCENT, text_width

SVG = "{http://www.w3.org/2000/svg}"
COLOUR_ROLES = {colour: role for role, colour in ROLE_COLOURS.items()}
CURVE_STEPS = 32


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def inside(self, other: Rect) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )

    def overlaps(self, other: Rect) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def on_side(self, x: float, y: float) -> bool:
        return (abs(x - self.left) < 0.11 or abs(x - self.right) < 0.11) and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Label:
    text: str
    box: Rect
    node: Rect | None
    """The box drawn around it, for a city's, an innovation's or an actor's name."""
    href: str | None = None
    """Where the name links to."""


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str
    dashed: bool
    href: str | None
    role_line: bool


@dataclass(frozen=True)
class Picture:
    width: float
    height: float
    labels: tuple[Label, ...]
    lines: tuple[Line, ...]
    legend: tuple[tuple[str, str, bool], ...]
    """(words, colour, dashed) of each legend entry."""

    def node(self, text: str) -> Label:
        return next(label for label in self.labels if label.node and label.text == text)

    def ends(self, line: Line) -> tuple[Label, Label]:
        """The labelled boxes a line starts and ends at, found by where its ends touch their sides."""
        (x1, y1), (x2, y2) = line.points[0], line.points[-1]
        start = [label for label in self.labels if label.node and label.node.on_side(x1, y1)]
        end = [label for label in self.labels if label.node and label.node.on_side(x2, y2)]
        assert len(start) == 1 and len(end) == 1, f"a line ends at no box or at several: {line.points[0]}"
        return start[0], end[0]

    def role_lines(self) -> list[tuple[str, str, Line]]:
        return [(*(label.text for label in self.ends(line)), line) for line in self.lines if line.role_line]


def read_picture(svg: str) -> Picture:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    labels: list[Label] = []
    lines: list[Line] = []
    legend: list[tuple[str, str, bool]] = []

    def walk(element: ET.Element, href: str | None, rect: Rect | None, group: str) -> None:
        children = list(element)
        rect = next((_rect(child) for child in children if child.tag == f"{SVG}rect"), rect)
        for child in children:
            tag = child.tag.removeprefix(SVG)
            if tag == "a":
                walk(child, child.get("href"), rect, group)
            elif tag == "g":
                walk(child, href, rect, child.get("class", group))
            elif tag == "text":
                labels.append(_label(child, rect, href))
            elif tag == "path" and child.get("class") != "hit":
                points = _curve_points(child.get("d", ""))
                dashed = child.get("stroke-dasharray") == UNREVIEWED_DASH
                lines.append(Line(points, child.get("stroke", ""), dashed, href, child.get("class") == "role"))
            elif tag == "line" and group == "legend":
                words = "".join(children[children.index(child) + 1].itertext())
                legend.append((words, child.get("stroke", ""), child.get("stroke-dasharray") == UNREVIEWED_DASH))

    walk(root, None, None, "")
    return Picture(
        float(root.get("width", 0)), float(root.get("height", 0)), tuple(labels), tuple(lines), tuple(legend)
    )


def _rect(element: ET.Element) -> Rect:
    x, y = float(element.get("x", 0)), float(element.get("y", 0))
    return Rect(x, y, x + float(element.get("width", 0)), y + float(element.get("height", 0)))


def _label(text: ET.Element, node: Rect | None, href: str | None) -> Label:
    size = float(text.get("font-size", 0))
    spans = text.findall(f"{SVG}tspan")
    boxes = []
    for span in spans:
        x, baseline = float(span.get("x", 0)), float(span.get("y", 0))
        boxes.append(
            Rect(x, baseline - ASCENT * size, x + text_width(span.text or "", size), baseline + DESCENT * size)
        )
    box = Rect(
        min(b.left for b in boxes), min(b.top for b in boxes), max(b.right for b in boxes), max(b.bottom for b in boxes)
    )
    return Label(" ".join(span.text or "" for span in spans), box, node, href)


def _curve_points(d: str) -> tuple[tuple[float, float], ...]:
    """The points of an `M x y C x y x y x y` path, followed in CURVE_STEPS straight steps."""
    numbers = [float(n) for n in d.replace("M", " ").replace("C", " ").split()]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = zip(numbers[0::2], numbers[1::2], strict=True)
    points = []
    for step in range(CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
        points.append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
    return tuple(points)


def segment_meets_box(p: tuple[float, float], q: tuple[float, float], box: Rect) -> bool:
    """Whether the straight segment pq has a point inside or on `box` (parametric clipping)."""
    low, high = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for delta, distance in (
        (-dx, p[0] - box.left),
        (dx, box.right - p[0]),
        (-dy, p[1] - box.top),
        (dy, box.bottom - p[1]),
    ):
        if delta == 0:
            if distance < 0:
                return False
            continue
        t = distance / delta
        if delta < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def assert_readable(picture: Picture) -> None:
    """No name outside the picture or its box, none over another, no line across a name."""
    whole = Rect(0, 0, picture.width, picture.height)
    for label in picture.labels:
        assert label.box.inside(whole), f"{label.text!r} is cut off by the picture's edge"
        if label.node:
            assert label.box.inside(label.node), f"{label.text!r} sticks out of its box"
    for first, second in itertools.combinations(picture.labels, 2):
        assert not first.box.overlaps(second.box), f"{first.text!r} and {second.text!r} overlap"
    for line in picture.lines:
        own = {label.text for label in picture.ends(line)}
        for label in picture.labels:
            if label.text in own:
                continue
            hit = any(segment_meets_box(p, q, label.box) for p, q in itertools.pairwise(line.points))
            assert not hit, f"a line from {sorted(own)} crosses {label.text!r}"
