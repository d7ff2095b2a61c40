"""The decisions file: what a line may say, what a whole file may not, and how a bad line is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from wilcokg.curation.decisions import (
    HEADER,
    ID,
    Action,
    Decision,
    append_decision,
    next_line,
    parse_decisions,
    read_decisions,
)

GOOD = """\
# comments and blank lines are no decisions

accept  org/european-social-fund   # a fund the EU runs
reject  <https://w3id.org/wilcokg/id/person/patrick-bouchain>
merge   org/hva into org/hogeschool-van-amsterdam
rename  org/general-council to "General Council of Loire-Atlantique # not a note"
accept  innovation/the-filur-project/actor/european-social-fund/funder
reject  innovation/potes-en-ciel/start-year/1999
"""


def test_each_kind_of_line_is_read_with_its_iri_argument_and_note() -> None:
    decisions, problems = parse_decisions(GOOD, "decisions.txt")
    assert problems == []
    assert [(d.action, d.target.removeprefix(ID), d.argument, d.note, d.line) for d in decisions] == [
        (Action.ACCEPT, "org/european-social-fund", "", "a fund the EU runs", 3),
        (Action.REJECT, "person/patrick-bouchain", "", "", 4),
        (Action.MERGE, "org/hva", ID + "org/hogeschool-van-amsterdam", "", 5),
        (Action.RENAME, "org/general-council", "General Council of Loire-Atlantique # not a note", "", 6),
        (Action.ACCEPT, "innovation/the-filur-project/actor/european-social-fund/funder", "", "", 7),
        (Action.REJECT, "innovation/potes-en-ciel/start-year/1999", "", "", 8),
    ]
    assert [d.about_statement for d in decisions] == [False, False, False, False, True, True]


def test_a_written_decision_reads_back_as_itself() -> None:
    decisions, _ = parse_decisions(GOOD, "decisions.txt")
    text = "".join(decision.line_text() + "\n" for decision in decisions)
    again, problems = parse_decisions(text, "decisions.txt")
    assert problems == []
    assert [(d.action, d.target, d.argument, d.note) for d in again] == [
        (d.action, d.target, d.argument, d.note) for d in decisions
    ]


def test_decision_iris_depend_on_action_and_target_only() -> None:
    first = Decision(Action.ACCEPT, ID + "org/portaal", line=3)
    moved = Decision(Action.ACCEPT, ID + "org/portaal", note="moved down", line=40)
    assert first.node == moved.node
    assert first.node.value == "https://w3id.org/wilcokg/id/decision/accept-org-portaal"
    assert Decision(Action.REJECT, ID + "org/portaal").node != first.node


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "acept org/portaal",
            "expected accept IRI, reject IRI, merge IRI into IRI, or rename IRI to \"name\"; found 'acept'",
        ),
        ("accept", "expected accept IRI"),
        ("accept org/portaal org/caf", "expected accept IRI"),
        ("merge org/portaal org/caf", "expected merge IRI into IRI"),
        ("rename org/portaal Portaal", "expected rename IRI to name"),
        ('rename org/portaal to ""', "expected a name that is not empty"),
        ('rename org/portaal to "Portaal', "unclosed name"),
        ("accept Portaal", "Portaal is not an IRI"),
        ("accept <http://example.org/x>", "is not an IRI"),
        ("accept org/Portaal", "is not an IRI"),
    ],
)
def test_a_bad_line_says_where_it_is_and_what_was_expected(line: str, expected: str) -> None:
    decisions, problems = parse_decisions(f"# header\n{line}\n", "data/curation/decisions.txt")
    assert decisions == []
    assert len(problems) == 1
    assert str(problems[0]).startswith("data/curation/decisions.txt:2: ")
    assert expected in problems[0].message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["accept org/a", "reject org/a"], "line 1 already decides it: accept org/a"),
        (["accept org/a", "accept org/a"], "line 1 already decides it"),
        (['rename org/a to "A"', 'rename org/a to "B"'], "line 1 already decides it"),
        (["reject org/a", 'rename org/a to "A"'], "line 1 rejects it: nothing is left to rename"),
        (["merge org/a into org/b", 'rename org/a to "A"'], "line 1 merges it: nothing is left to rename"),
        (["reject org/b", "merge org/a into org/b"], "line 1 rejects org/b: merge into what stays"),
        (["merge org/a into org/b", "merge org/b into org/a"], "these merges go round in a circle"),
        (["merge org/a into org/a"], "an entity cannot be merged into itself"),
        (["merge innovation/x/actor/a/funder into org/b"], "merge takes a discovered entity"),
        (['rename innovation/x/start-year/2009 to "2010"'], "rename takes a discovered entity"),
    ],
)
def test_a_file_may_not_contradict_itself(lines: list[str], expected: str) -> None:
    _, problems = parse_decisions("\n".join(lines) + "\n", "decisions.txt")
    assert [expected in problem.message for problem in problems] == [True]
    assert problems[0].line == len(lines)


def test_an_accepted_entity_may_be_renamed_and_merges_may_chain() -> None:
    text = 'accept org/a\nrename org/a to "A"\nmerge org/b into org/c\nmerge org/c into org/a\n'
    assert parse_decisions(text, "decisions.txt")[1] == []


def test_a_missing_file_decides_nothing_and_appending_starts_it_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "curation" / "decisions.txt"
    assert read_decisions(path).decisions == ()
    first_line = next_line(path)
    assert first_line == HEADER.count("\n") + 1
    append_decision(path, Decision(Action.ACCEPT, ID + "org/portaal", note="checked"))
    append_decision(path, Decision(Action.RENAME, ID + "org/portaal", "Portaal “housing”"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert text.splitlines()[first_line - 1 :] == [
        "accept org/portaal  # checked",
        'rename org/portaal to "Portaal “housing”"',
    ]
    found = read_decisions(path)
    assert found.problems == ()
    assert [(d.action, d.line) for d in found.decisions] == [
        (Action.ACCEPT, first_line),
        (Action.RENAME, first_line + 1),
    ]


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "decisions.txt"
    path.write_bytes(b"accept org/caf\xff\n")
    assert [str(problem) for problem in read_decisions(path).problems] == [f"{path}:1: expected UTF-8 text"]
