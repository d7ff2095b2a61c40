"""Footnote markers: found where they are glued on, never inside real numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wilcokg.source.footnotes import find_markers, strip_markers


def markers_of(*lines: str):
    """Markers of consecutive lines, as if they started at offset 100 on line 7 of a chapter."""
    numbered, offset = [], 100
    for index, text in enumerate(lines):
        numbered.append((offset, 7 + index, text))
        offset += len(text) + 1
    return find_markers(numbered)


@pytest.mark.parametrize(
    ("text", "numbers", "stripped"),
    [
        # glued to a word, an accented letter, a hyphenated word, a plural acronym
        ("general objectives1 and", [1], "general objectives and"),
        ("than in Malmö3.", [3], "than in Malmö."),
        ("à Roubaix et Tourcoing12, puis", [12], "à Roubaix et Tourcoing, puis"),
        ("housing self-renovation4 in", [4], "housing self-renovation in"),
        ("several NGOs7 joined", [7], "several NGOs joined"),
        ("the 1990s saw 120 families", [], "the 1990s saw 120 families"),
        # glued to a closing quotation mark: curly, straight, single, guillemet
        ("“participative habitat”2;", [2], "“participative habitat”;"),
        ("“cafés des enfants”8 to Lyon", [8], "“cafés des enfants” to Lyon"),
        ('the "participative habitat"8 model', [8], 'the "participative habitat" model'),
        ("the residents’5 own words", [5], "the residents’ own words"),
        ("the ‘neighbourhood fathers’11, who", [11], "the ‘neighbourhood fathers’, who"),
        ("la « maison des parents »14 ouvre", [14], "la « maison des parents » ouvre"),
        ("la «maison des parents»14 ouvre", [14], "la «maison des parents» ouvre"),
        ("he said “we stay.”6 Then", [6], "he said “we stay.” Then"),
        # glued to a closing bracket
        ("as the city planned (2009)3 and", [3], "as the city planned (2009) and"),
        ("the Family Allowance Office (CAF)5.", [5], "the Family Allowance Office (CAF)."),
        ("[“Don’t demolish my neighbourhood”]4", [4], "[“Don’t demolish my neighbourhood”]"),
        # glued to closing punctuation after words, a quotation mark, a bracket, a percentage
        ("in five cities.7 The next", [7], "in five cities. The next"),
        ("however,4 the council", [4], "however, the council"),
        ("as in Malmö;9 and", [9], "as in Malmö; and"),
        ("Why not?2 Because", [2], "Why not? Because"),
        ("“la ville”.5 Then", [5], "“la ville”. Then"),
        ("(2011).6 Then", [6], "(2011). Then"),
        ("rose by 12%3 in", [3], "rose by 12% in"),
        # glued to a year or to a number with thousands separators
        ("In August 200810 the", [10], "In August 2008 the"),
        ("since 19993, when", [3], "since 1999, when"),
        ("the years 2008-201212 saw", [12], "the years 2008-2012 saw"),
        ("some 17,0003 residents", [3], "some 17,000 residents"),
        # real numbers
        ("Local Housing Plan4 (PLMH2, 2008-2012)", [4], "Local Housing Plan (PLMH2, 2008-2012)"),
        ("(interview 1) and (utl. 2007: 117)", [], "(interview 1) and (utl. 2007: 117)"),
        ("Boverket 2012a; 17,000 people; 90 per cent", [], "Boverket 2012a; 17,000 people; 90 per cent"),
        ("about 50 m2 each, 3 km2 in all", [], "about 50 m2 each, 3 km2 in all"),
        ("groups of 8-10 owners", [], "groups of 8-10 owners"),
        ("after COVID-19, the G8 met", [], "after COVID-19, the G8 met"),
        ("the 3rd and 21st districts", [], "the 3rd and 21st districts"),
        ("see section 3.2 and 58.1.", [], "see section 3.2 and 58.1."),
        ("rule No.5 of art.12 and p.117", [], "rule No.5 of art.12 and p.117"),
        ("at 10:30, 1,5 and 2.25", [], "at 10:30, 1,5 and 2.25"),
        ("EUR 20000, 19500 or 2010", [], "EUR 20000, 19500 or 2010"),
        ("a grant of €20125 and $19991", [], "a grant of €20125 and $19991"),
        ("Housing\t120\t2,340", [], "Housing\t120\t2,340"),
    ],
)
def test_markers(text, numbers, stripped):
    markers = markers_of(text)
    assert [m.number for m in markers] == numbers
    assert all(m.line == 7 and text[m.start - 100 : m.end - 100] == str(m.number) for m in markers)
    assert strip_markers(text, markers, offset=100) == stripped


def test_the_numbering_decides_between_a_year_and_a_marker():
    # `20125` may hold note 5 before note 7, but not after note 8: there it is a sum.
    lines = ("The city paid 20125 euros in 2012.", "The tenants7 agreed; the board8 too.")
    assert [m.number for m in markers_of(*reversed(lines))] == [7, 8]
    assert [m.number for m in markers_of(*lines)] == [5, 7, 8]


@pytest.mark.parametrize(
    ("lines", "numbers"),
    [
        # August 200810: a note 10 between notes 9 and 11.
        (("the plan9 of August 200810 and", "the council11 met"), [9, 10, 11]),
        # After note 5, `20093` cannot hold note 3: it stays a figure.
        (("in Roubaix5 since 20093 only",), [5]),
        # A plausible note before the first certain one must be smaller than it.
        (("cities.4 Then", "tenants3 met"), [3]),
        (("cities.2 Then", "tenants3 met"), [2, 3]),
        # Plausible notes follow one another when no certain note bounds them.
        (("since 20081, then", "in cities.2 Then 19993 and"), [1, 2, 3]),
    ],
)
def test_plausible_markers_fit_the_running_numbering(lines, numbers):
    assert [m.number for m in markers_of(*lines)] == numbers


def test_markers_keep_their_lines_and_source_offsets():
    lines = ("the plan9 of", "August 200810 and")
    markers = markers_of(*lines)
    source = " " * 100 + "\n".join(lines)
    assert [(m.number, m.line, source[m.start : m.end]) for m in markers] == [(9, 7, "9"), (10, 8, "10")]


_PIECES = st.sampled_from(["objectives", "Malmö", "2008", "17,000", "PLMH", "(2009)", "”", "’", '"', ".", ",", "%"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES | st.text(alphabet="0123456789 a.(", max_size=4), max_size=12), max_size=4))
def test_markers_of_any_text_hold_their_digits_at_their_offsets(lines):
    texts = ["".join(pieces) for pieces in lines]
    source = " " * 100 + "\n".join(texts)
    markers = markers_of(*texts)
    assert all(source[m.start : m.end] == str(m.number) for m in markers)
    assert [m.start for m in markers] == sorted({m.start for m in markers})
