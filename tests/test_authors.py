"""Header lines and bylines: every shape of author line the book prints."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wilcokg.source.authors import HeaderError, Role, parse_affiliation, parse_byline, parse_header

A, C, E = Role.AUTHOR, Role.CONTRIBUTOR, Role.EDITOR


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # one to five names, joined by `and`, `&` and commas
        ("Laurent Fraisse (CRIDA, Paris)", [("Laurent Fraisse", A, ["CRIDA, Paris"])]),
        ("Ann One and Bob Two", [("Ann One", A, []), ("Bob Two", A, [])]),
        ("Ann One & Bob Two (Alpha)", [("Ann One", A, ["Alpha"]), ("Bob Two", A, ["Alpha"])]),
        (
            "Ann One, Bob Two and Cy Three (Alpha, Oslo)",
            [("Ann One", A, ["Alpha, Oslo"]), ("Bob Two", A, ["Alpha, Oslo"]), ("Cy Three", A, ["Alpha, Oslo"])],
        ),
        ("Ann One, Bob Two, and Cy Three", [("Ann One", A, []), ("Bob Two", A, []), ("Cy Three", A, [])]),
        ("Ann One, Bob Two, Cy Three", [("Ann One", A, []), ("Bob Two", A, []), ("Cy Three", A, [])]),
        (
            "Ann One, Bob Two, Cy Three, Di Four and Ed Five",
            [("Ann One", A, []), ("Bob Two", A, []), ("Cy Three", A, []), ("Di Four", A, []), ("Ed Five", A, [])],
        ),
        # one affiliation each, one for the names before it, several for one name or for all
        (
            "Ann One (Alpha, Lille) and Bob Two (Beta, Lyon)",
            [("Ann One", A, ["Alpha, Lille"]), ("Bob Two", A, ["Beta, Lyon"])],
        ),
        (
            "Ann One (Alpha), Bob Two and Cy Three (Beta, Oslo)",
            [("Ann One", A, ["Alpha"]), ("Bob Two", A, ["Beta, Oslo"]), ("Cy Three", A, ["Beta, Oslo"])],
        ),
        (
            "Ann One and Bob Two (Alpha; Beta, Oslo)",
            [("Ann One", A, ["Alpha", "Beta, Oslo"]), ("Bob Two", A, ["Alpha", "Beta, Oslo"])],
        ),
        ("Ann One (Alpha; Beta) and Bob Two (Gamma)", [("Ann One", A, ["Alpha", "Beta"]), ("Bob Two", A, ["Gamma"])]),
        ("Ann One (Alpha) and Bob Two", [("Ann One", A, ["Alpha"]), ("Bob Two", A, [])]),
        # commas and brackets inside an affiliation
        (
            "Ann One (University of Applied Sciences, Faculty of Social Work, Amsterdam)",
            [("Ann One", A, ["University of Applied Sciences, Faculty of Social Work, Amsterdam"])],
        ),
        (
            "Ann One and Bob Two (Institute for Social Research (ISF), Oslo)",
            [
                ("Ann One", A, ["Institute for Social Research (ISF), Oslo"]),
                ("Bob Two", A, ["Institute for Social Research (ISF), Oslo"]),
            ],
        ),
        # diacritics, hyphens, apostrophes, initials and particles
        (
            "Gojko Bežovan, Jelena Matančević and Danijel Baturina (Faculty of law, Zagreb)",
            [
                ("Gojko Bežovan", A, ["Faculty of law, Zagreb"]),
                ("Jelena Matančević", A, ["Faculty of law, Zagreb"]),
                ("Danijel Baturina", A, ["Faculty of law, Zagreb"]),
            ],
        ),
        ("Jan van der Berg and Ana de la Cruz", [("Jan van der Berg", A, []), ("Ana de la Cruz", A, [])]),
        (
            "Jean-Pierre d’Alembert, Marie-Claire O’Brien and Ó Riain",
            [("Jean-Pierre d’Alembert", A, []), ("Marie-Claire O’Brien", A, []), ("Ó Riain", A, [])],
        ),
        ("Zaïd al-Hassan and J.-P. Dupont", [("Zaïd al-Hassan", A, []), ("J.-P. Dupont", A, [])]),
        ("Ann With and Bob Two", [("Ann With", A, []), ("Bob Two", A, [])]),
        # phrases that introduce authors
        ("by Ann One and Bob Two (Alpha)", [("Ann One", A, ["Alpha"]), ("Bob Two", A, ["Alpha"])]),
        ("Written by Ann One", [("Ann One", A, [])]),
        ("Authors: Ann One and Bob Two", [("Ann One", A, []), ("Bob Two", A, [])]),
        # phrases that introduce contributors and editors, after the authors or on their own
        (
            "Ann One and Bob Two (Alpha), with contributions from Cy Three and Di Four (Beta)",
            [("Ann One", A, ["Alpha"]), ("Bob Two", A, ["Alpha"]), ("Cy Three", C, ["Beta"]), ("Di Four", C, ["Beta"])],
        ),
        ("Ann One with Bob Two", [("Ann One", A, []), ("Bob Two", C, [])]),
        ("Ann One (Alpha) in collaboration with Bob Two", [("Ann One", A, ["Alpha"]), ("Bob Two", C, [])]),
        ("Ann One, with the assistance of Bob Two", [("Ann One", A, []), ("Bob Two", C, [])]),
        ("With contributions from Cy Three and Di Four", [("Cy Three", C, []), ("Di Four", C, [])]),
        ("With a contribution by Cy Three", [("Cy Three", C, [])]),
        ("In collaboration with Cy Three (Beta)", [("Cy Three", C, ["Beta"])]),
        ("Edited by Ann One and Bob Two", [("Ann One", E, []), ("Bob Two", E, [])]),
        ("Editors: Ann One", [("Ann One", E, [])]),
    ],
)
def test_byline(line, expected):
    people = parse_byline(line)
    assert [(p.name, p.role, [a.text for a in p.affiliations]) for p in people] == expected


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("CRIDA, Paris", "CRIDA", "Paris"),
        ("Faculty of law, Zagreb", "Faculty of law", "Zagreb"),
        ("Ersta Sköndal University College", "Ersta Sköndal University College", None),
        ("Goethe University, Frankfurt am Main", "Goethe University", "Frankfurt am Main"),
        ("Sciences Po, Saint-Denis", "Sciences Po", "Saint-Denis"),
        (
            "University of Applied Sciences, Faculty of Social Work, Amsterdam",
            "University of Applied Sciences, Faculty of Social Work",
            "Amsterdam",
        ),
        ("University of Zagreb, Faculty of Law", "University of Zagreb, Faculty of Law", None),
        (
            "Institute for Social Research, University College",
            "Institute for Social Research, University College",
            None,
        ),
        ("CRIDA, LISE", "CRIDA, LISE", None),
    ],
)
def test_affiliation_name_and_place(text, name, place):
    affiliation = parse_affiliation(text)
    assert (affiliation.text, affiliation.name, affiliation.place) == (text, name, place)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Ann One (Alpha", "expected ')' to close the affiliation"),
        ("Ann One Alpha)", "expected an opening bracket before ')'"),
        ("Ann One () and Bob Two", "expected an affiliation inside the brackets"),
        ("Ann One (Alpha) Smith", "expected nothing after the affiliation's ')'"),
        ("(Alpha) and Bob Two", "expected a name before the affiliation"),
        ("Ann One and the University of Kent", "expected a person's name"),
        ("Ann One 2", "expected a person's name"),
        ("Ann One, with contributions from", "expected names after 'with contributions from'"),
        ("Edited by", "expected names after 'Edited by'"),
    ],
)
def test_bylines_that_cannot_be_read(line, message):
    with pytest.raises(HeaderError, match=re.escape(message)):
        parse_byline(line)


def test_header_with_city_line():
    header = parse_header(["Keywords Search", "UK United Kingdom", "Dover", "Ann One (Kent Uni)"], 1)
    assert (header.country_code, header.country_name, header.city) == ("UK", "United Kingdom", "Dover")
    assert header.authors[0].affiliations[0].name == "Kent Uni"
    assert header.contributors == ()


@pytest.mark.parametrize(
    ("lines", "city", "authors", "contributors"),
    [
        (["DE Germany", "Ann One (Alpha)", "With contributions from Bob Two"], None, ["Ann One"], ["Bob Two"]),
        (["DE Germany", "Münster", "by Ann One"], "Münster", ["Ann One"], []),
        (["DE Germany", "Münster", "Ann One", "Edited by Bob Two"], "Münster", ["Ann One"], ["Bob Two"]),
        (["DE Germany", "Edited by Bob Two"], None, [], ["Bob Two"]),
        (
            ["DE Germany", "Ann One with Bob Two", "In collaboration with Cy Three"],
            None,
            ["Ann One"],
            ["Bob Two", "Cy Three"],
        ),
        (["DE Germany"], None, [], []),
    ],
)
def test_header_lines(lines, city, authors, contributors):
    header = parse_header(lines, 1)
    assert header.city == city
    assert [a.name for a in header.authors] == authors
    assert [c.name for c in header.contributors] == contributors


@pytest.mark.parametrize(
    ("lines", "line_index", "message"),
    [
        (["FR France", "Lille", "Extra line", "Ann One"], 2, "at most a city line and a byline"),
        (["FR France", "Lille", "Extra line", "by Ann One"], 2, "at most a city line and a byline"),
        (["FR France", "A A, B B, C C, D D, E E and F F"], 1, "expected at most 5 authors, found 6"),
        (["Keywords Search", "FR France", "Ann One (Alpha"], 2, "expected ')'"),
        (["FR France", "Ann One", "With contributions from"], 2, "expected names after"),
    ],
)
def test_header_errors_name_the_line(lines, line_index, message):
    with pytest.raises(HeaderError, match=re.escape(message)) as caught:
        parse_header(lines, 1)
    assert caught.value.line_index == line_index


_BYLINE_PIECES = st.sampled_from(
    ["Ann One", "van der Berg", " and ", ", ", " & ", "(", ")", ";", "with", "Edited by ", "by ", "Paris", "2"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_BYLINE_PIECES | st.text(max_size=3), max_size=10).map("".join), max_size=4))
def test_any_header_is_read_or_refused_with_a_header_error(lines):
    try:
        header = parse_header(lines, 1)
    except HeaderError as error:
        assert 0 <= error.line_index < len(lines)
    else:
        assert len(header.authors) <= 5
