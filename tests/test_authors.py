"""Header and author lines."""

from __future__ import annotations

import pytest

from wilcokg.authors import HeaderError, parse_author_line, parse_header


def test_per_author_affiliations_and_shared_ones():
    authors = parse_author_line("Ann One (Alpha), Bob Two and Cy Three (Beta, Oslo)")
    assert [(a.name, a.affiliation.name) for a in authors] == [
        ("Ann One", "Alpha"),
        ("Bob Two", "Beta"),
        ("Cy Three", "Beta"),
    ]
    assert authors[2].affiliation.place == "Oslo"


def test_names_without_affiliation_and_oxford_comma():
    authors = parse_author_line("Ann One, Bob Two, and Cy Three")
    assert [a.name for a in authors] == ["Ann One", "Bob Two", "Cy Three"]
    assert all(a.affiliation is None for a in authors)


def test_header_with_city_line():
    header = parse_header(["Keywords Search", "UK United Kingdom", "Dover", "Ann One (Kent Uni)"], 1)
    assert (header.country_code, header.country_name, header.city) == ("UK", "United Kingdom", "Dover")
    assert header.authors[0].affiliation.name == "Kent Uni"


def test_too_many_header_lines_name_the_line():
    with pytest.raises(HeaderError) as caught:
        parse_header(["FR France", "Lille", "Extra line", "Ann One"], 1)
    assert caught.value.line_index == 2


def test_six_authors_are_refused():
    with pytest.raises(HeaderError, match="one to five authors"):
        parse_header(["FR France", "A A, B B, C C, D D, E E and F F"], 1)
