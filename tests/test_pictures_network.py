"""The actor–innovation network picture: measured geometry of the SVG it draws, from made-up and real roles.

The SVG is read and measured the way a browser sets it (`picture_svg`).
"""

from __future__ import annotations

import itertools
import os
import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyoxigraph import NamedNode, RdfFormat, Store, Variable

from browser import chromium
from conftest import ROOT
from picture_svg import COLOUR_ROLES, SVG, assert_readable, read_picture
from wilcokg.pictures.graph import network_graph
from wilcokg.pictures.model import Node, Role, RoleRow, Status
from wilcokg.pictures.network import layout_network
from wilcokg.pictures.ordering import count_crossings, order_layers
from wilcokg.pictures.store import network_svg, role_rows
from wilcokg.pictures.svg import ROLE_COLOURS, network_picture
from wilcokg.pictures.text import text_width, wrap

QUERIES = ROOT / "queries"
ID = "https://w3id.org/wilcokg/id/"


# ---------------------------------------------------------------- made-up roles


def node(kind: str, label: str) -> Node:
    return Node(f"{ID}{kind}/{label.lower().replace(' ', '-')}", label)


LILLE, NANTES = node("city", "Lille"), node("city", "Nantes")
RENOVATION = node("innovation", "Support for housing self-renovation in Lille Metropolis")
TALK = node("innovation", "Parler Bambins")
SHELTER = node("innovation", "Le temps pour toit")
MUNICIPALITY = node("org", "City of Lille")
METROPOLIS = node("org", "European Metropolis of Lille")
ALLOWANCES = node("org", "Family Allowance Office of Loire-Atlantique")
COMPAGNONS = node("org", "Les compagnons bâtisseurs")
LONGWORD = node("org", "Arbeitsmarktintegrationsförderungsgesellschaftsverwaltung")
ASSOCIATION = node("org", "Association Le temps pour toit")


def role(innovation: Node, city: Node, actor: Node, played: Role, status: Status, evidence: str | None) -> RoleRow:
    return RoleRow(innovation, city, actor, played, status, evidence)


ROWS = [
    role(RENOVATION, LILLE, METROPOLIS, Role.FUNDER, Status.EXTRACTED, "/chapter/9-renovation#p4"),
    role(RENOVATION, LILLE, METROPOLIS, Role.INITIATOR, Status.CURATED, "/chapter/lille-introduction#p12"),
    role(RENOVATION, LILLE, METROPOLIS, Role.INITIATOR, Status.CURATED, "/chapter/9-renovation#p2"),
    role(RENOVATION, LILLE, COMPAGNONS, Role.OPERATOR, Status.CURATED, None),
    role(RENOVATION, LILLE, MUNICIPALITY, Role.INITIATOR, Status.EXTRACTED, "/chapter/lille-introduction#p20"),
    role(TALK, LILLE, MUNICIPALITY, Role.SUPPORTER, Status.ACCEPTED, "/chapter/lille-introduction#p15"),
    role(TALK, LILLE, LONGWORD, Role.PARTNER, Status.EXTRACTED, "/chapter/10-talk#p1"),
    role(SHELTER, NANTES, ASSOCIATION, Role.OPERATOR, Status.CURATED, None),
    role(SHELTER, NANTES, ALLOWANCES, Role.FUNDER, Status.CURATED, "/chapter/13-shelter#p3"),
    role(SHELTER, NANTES, MUNICIPALITY, Role.PARTNER, Status.EXTRACTED, "/chapter/13-shelter#p5"),
]


def test_made_up_roles_read_cleanly():
    picture = read_picture(network_picture(ROWS))
    assert_readable(picture)
    assert {label.text for label in picture.labels if label.node} == {
        n.label for row in ROWS for n in (row.city, row.innovation, row.actor)
    }


def test_a_long_name_wraps_and_a_longer_word_widens_its_column():
    picture = read_picture(network_picture(ROWS))
    renovation = next(label for label in picture.labels if label.text == RENOVATION.label)
    assert renovation.box.bottom - renovation.box.top > 2 * 13, "the long innovation name takes several lines"
    longword = picture.node(LONGWORD.label)
    assert longword.box.right - longword.box.left >= text_width(LONGWORD.label, 13)
    allowances = picture.node(ALLOWANCES.label)
    assert allowances.box.bottom - allowances.box.top < 2 * 13, "the widened column has room for it on one line"


def test_each_role_line_has_its_roles_colour_and_its_status_style():
    expected = {(row.innovation.label, row.actor.label, row.role) for row in ROWS}
    reviewed = {(r.innovation.label, r.actor.label, r.role) for r in ROWS if r.status is not Status.EXTRACTED}
    drawn = Counter()
    for innovation, actor, line in read_picture(network_picture(ROWS)).role_lines():
        played = COLOUR_ROLES[line.colour]
        drawn[(innovation, actor, played)] += 1
        assert line.dashed == ((innovation, actor, played) not in reviewed)
    assert drawn == Counter(expected), "one line per innovation, actor and role"


def test_role_lines_link_to_their_first_evidence_and_only_when_there_is_some():
    first: dict[tuple[str, str, Role], str | None] = {}
    for row in ROWS:
        key = (row.innovation.label, row.actor.label, row.role)
        first[key] = first.get(key) or row.evidence
    for innovation, actor, line in read_picture(network_picture(ROWS)).role_lines():
        assert line.href == first[(innovation, actor, COLOUR_ROLES[line.colour])]


def test_city_lines_join_each_innovation_to_its_city():
    picture = read_picture(network_picture(ROWS))
    joined = {tuple(label.text for label in picture.ends(line)) for line in picture.lines if not line.role_line}
    assert joined == {(row.city.label, row.innovation.label) for row in ROWS}


def test_the_legend_shows_five_distinct_role_colours_and_both_line_styles():
    legend = read_picture(network_picture(ROWS)).legend
    roles = {words: colour for words, colour, dashed in legend if words in {r.value for r in Role}}
    assert roles == {r.value: ROLE_COLOURS[r] for r in Role}
    assert len(set(roles.values())) == 5
    styles = [(words, dashed) for words, colour, dashed in legend if words not in roles]
    assert sorted(dashed for _, dashed in styles) == [False, True]
    assert all(not dashed for words, _, dashed in legend if words in roles)


def test_hostile_labels_and_links_are_escaped():
    hostile = Node(f"{ID}org/x", "Tom & Jerry <script>alert(\"x\")</script> 'quoted'\x01", '/id/org/x?a="b"&c=<d>')
    rows = [
        role(SHELTER, NANTES, hostile, Role.FUNDER, Status.EXTRACTED, "javascript:alert(1)"),
        role(SHELTER, NANTES, ASSOCIATION, Role.OPERATOR, Status.CURATED, '/chapter/x#p1"><script>'),
    ]
    svg = network_picture(rows, title="</title><script>alert(1)</script>")
    root = ET.fromstring(svg)
    assert not [element for element in root.iter() if element.tag.removeprefix(SVG) in {"script", "foreignObject"}]
    picture = read_picture(svg)
    assert picture.node("Tom & Jerry <script>alert(\"x\")</script> 'quoted'")
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert '/id/org/x?a="b"&c=<d>' in hrefs
    assert '/chapter/x#p1"><script>' in hrefs
    assert not any(href and href.lower().startswith("javascript") for href in hrefs)
    assert root.find(f"{SVG}title").text == "</title><script>alert(1)</script>"


def test_the_same_roles_draw_the_same_bytes_in_any_process():
    """Nothing depends on the order of a set or on string hashing, which changes from process to process."""
    program = (
        "import pickle, sys; from wilcokg.pictures.svg import network_picture; "
        "sys.stdout.write(network_picture(pickle.load(sys.stdin.buffer)))"
    )
    drawn = {
        subprocess.run(
            [sys.executable, "-c", program],
            input=pickle.dumps(ROWS),
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert drawn == {network_picture(list(ROWS)).encode()}


@pytest.mark.browser
def test_a_browser_sets_no_line_of_text_wider_than_the_estimate():
    """The width table is the declared font's: a browser's own measure of every line stays within it."""
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(network_picture(ROWS))
        measured = page.evaluate(
            "() => [...document.querySelectorAll('tspan')].map(span => "
            "[span.textContent, span.getComputedTextLength(), Number(span.parentNode.getAttribute('font-size'))])"
        )
    assert len(measured) > 20
    for words, width, size in measured:
        assert width <= text_width(words, size) + 0.01, f"{words!r} is wider than estimated"


def test_no_roles_draw_a_valid_picture_with_its_legend_only():
    picture = read_picture(network_picture([]))
    assert not [label for label in picture.labels if label.node] and not picture.lines
    assert len(picture.legend) == 7


# ---------------------------------------------------------------- ordering


def segments_cross(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
    def side(o: tuple[float, float], p: tuple[float, float], q: tuple[float, float]) -> float:
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])

    for (p1, p2), (q1, q2) in itertools.product(itertools.pairwise(a), itertools.pairwise(b)):
        if side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0:
            return True
    return False


def tangled_rows() -> list[RoleRow]:
    """Three innovations of one city, each with two actors of its own, listed so that their lines criss-cross."""
    city = node("city", "Lund")
    innovations = [node("innovation", f"Scheme {n}") for n in "ABC"]
    actors = [node("org", f"Actor {n}") for n in range(6)]
    # Actor k belongs to innovation k % 3: in the rows' order A-3 crosses B-1 and C-2, and B-4 crosses C-2.
    return [
        role(innovations[k % 3], city, actors[k], list(Role)[k % 5], Status.CURATED, None) for k in (0, 1, 2, 3, 4, 5)
    ]


def test_ordering_untangles_lines_that_the_input_order_crosses():
    rows = tangled_rows()
    graph = network_graph(rows)
    before = count_crossings(graph.layers, graph.links)
    assert before > 0
    layout = layout_network(rows)
    assert count_crossings(layout.order, graph.links) <= before
    assert count_crossings(layout.order, graph.links) == 0
    lines = read_picture(network_picture(rows)).lines
    assert not any(segments_cross(a.points, b.points) for a, b in itertools.combinations(lines, 2))


def test_crossings_are_counted_per_pair_of_edges():
    layers = (("a", "b"), ("x", "y"))
    assert count_crossings(layers, ((("a", "y"), ("b", "x")),)) == 1
    assert count_crossings(layers, ((("a", "y"), ("a", "y"), ("b", "x")),)) == 2
    assert count_crossings(layers, ((("a", "x"), ("a", "y"), ("b", "y")),)) == 0


layered_graphs = st.integers(1, 6).flatmap(
    lambda width: st.tuples(
        st.just(width),
        st.lists(st.tuples(st.integers(0, 1), st.integers(0, width - 1), st.integers(0, width - 1)), max_size=25),
    )
)


@given(layered_graphs)
def test_ordering_never_crosses_more_than_the_given_order(graph):
    width, edges = graph
    layers = tuple(tuple(f"{layer}.{n}" for n in range(width)) for layer in range(3))
    links = tuple(
        tuple((f"{gap}.{a}", f"{gap + 1}.{b}") for edge_gap, a, b in edges if edge_gap == gap) for gap in range(2)
    )
    ordered = order_layers(layers, links)
    assert [sorted(layer) for layer in ordered] == [sorted(layer) for layer in layers]
    assert count_crossings(ordered, links) <= count_crossings(layers, links)


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80), st.floats(40, 300))
def test_wrapping_keeps_every_word_whole(text, width):
    words = [word for word in re.split(r"[ \t\r\n]+", text) if word]
    lines = wrap(text, width, 13)
    assert [word for line in lines for word in line.split(" ") if word] == words
    for line in lines:
        assert text_width(line, 13) <= width or " " not in line, "only a single word may be wider than the line"


# ---------------------------------------------------------------- the repository's chapters


@pytest.fixture(scope="module")
def store(dist: Path) -> Store:
    loaded = Store()
    loaded.bulk_load(path=str(dist / "wilco.trig"), format=RdfFormat.TRIG)
    return loaded


def test_the_books_picture_shows_the_filur_project_and_its_partners(store: Store):
    svg = network_svg(store, queries=QUERIES, href=lambda iri: "/" + iri.split("/wilcokg/", 1)[1])
    picture = read_picture(svg)
    assert_readable(picture)
    assert picture.node("The Filur Project").node
    filur = [(actor, line) for innovation, actor, line in picture.role_lines() if innovation == "The Filur Project"]
    partners = {actor for actor, line in filur if COLOUR_ROLES[line.colour] is Role.PARTNER}
    assert {"Arbetsförmedlingen", "Försäkringskassan", "Jobbtorg", "City of Sundbyberg"} <= partners
    assert len({line.colour for line in picture.lines if line.role_line}) >= 3
    assert any(line.href and line.href.startswith("/chapter/58-the-filur-project#e") for _, line in filur)
    assert 'href="/id/org/jobbtorg"' in svg


def test_a_citys_picture_holds_only_that_city(store: Store):
    svg = network_svg(store, f"{ID}city/stockholm", queries=QUERIES)
    picture = read_picture(svg)
    assert_readable(picture)
    assert {picture.ends(line)[0].text for line in picture.lines if not line.role_line} == {"Stockholm"}
    assert ET.fromstring(svg).find(f"{SVG}title").text == "Who does what in Stockholm"


def actor_roles(store: Store, **bound: str) -> list:
    text = (QUERIES / "actor-roles.rq").read_text(encoding="utf-8")
    substitutions = {Variable(name): NamedNode(iri) for name, iri in bound.items()}
    return list(store.query(text, use_default_graph_as_union=True, substitutions=substitutions))


def test_every_role_the_query_lists_becomes_a_row(store: Store):
    listed = actor_roles(store)
    rows = role_rows(store, queries=QUERIES)
    assert len(rows) == len(listed)
    assert {(row.innovation.iri, row.actor.iri, f"{ID}role/{row.role.value}") for row in rows} == {
        (s["innovation"].value, s["actor"].value, s["role"].value) for s in listed
    }


def test_evidence_links_point_at_the_stating_sentence_in_the_reader(store: Store):
    filur = f"{ID}innovation/the-filur-project"
    listed = actor_roles(store, innovation=filur)
    rows = [row for row in role_rows(store, f"{ID}city/stockholm", queries=QUERIES) if row.innovation.iri == filur]
    assert [row.actor.iri for row in rows] == [solution["actor"].value for solution in listed]
    stated = 0
    for row, solution in zip(rows, listed, strict=True):
        if solution["start"] is None:
            assert row.evidence is None
            continue
        chapter = solution["chapter"].value.rsplit("/", 1)[1]
        assert row.evidence == f"/chapter/{chapter}#e{solution['start'].value}-{solution['end'].value}"
        stated += 1
    assert stated >= 5
