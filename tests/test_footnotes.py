"""Footnote markers: found where they are glued on, never inside real numbers."""

from __future__ import annotations

import pytest

from wilcokg.footnotes import find_markers, strip_markers


@pytest.mark.parametrize(
    ("text", "numbers", "stripped"),
    [
        ("general objectives1 and", [1], "general objectives and"),
        ("“participative habitat”2;", [2], "“participative habitat”;"),
        ("than in Malmö3.", [3], "than in Malmö."),
        ("In August 200810 the", [10], "In August 2008 the"),
        ("Local Housing Plan4 (PLMH2, 2008-2012)", [4], "Local Housing Plan (PLMH2, 2008-2012)"),
        ("(interview 1) and (utl. 2007: 117)", [], "(interview 1) and (utl. 2007: 117)"),
        ("Boverket 2012a; 17,000 people; 90 per cent", [], "Boverket 2012a; 17,000 people; 90 per cent"),
        ("about 50 m2 each", [], "about 50 m2 each"),
        ("groups of 8-10 owners", [], "groups of 8-10 owners"),
    ],
)
def test_markers(text, numbers, stripped):
    markers = find_markers(text, offset=100, line=7)
    assert [m.number for m in markers] == numbers
    assert all(m.line == 7 and text[m.start - 100 : m.end - 100] == str(m.number) for m in markers)
    assert strip_markers(text, markers, offset=100) == stripped
