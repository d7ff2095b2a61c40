"""The review queue from query rows, as any endpoint answers `QUEUE_QUERIES`, and the `wilcokg curate`
command lines that decide about its items."""

from __future__ import annotations

import shlex

from wilcokg.curation.command_lines import MERGE_TARGET, command_lines
from wilcokg.curation.decisions import ID
from wilcokg.curation.queue import ReviewItem, review_items


def test_an_entity_s_names_are_its_label_then_each_other_name_once() -> None:
    node, chapter = ID + "org/city-district-councils", ID + "chapter/58-the-filur-project"
    entity = {"node": node, "status": "extracted", "chapter": chapter, "cue": "part-of"}
    rows = {
        "entities": [
            entity | {"label": "City district councils", "name": "City district councils"},
            entity | {"label": "City district councils", "name": "city district councils"},
        ],
        "statements": [],
        "mentions": [],
        "evidence": [],
    }
    [item] = review_items(rows)
    assert item.names == ("City district councils", "city district councils")


def _item(kind: str, status: str, name: str = "") -> ReviewItem:
    iri = ID + ("person/patrick-bouchain" if kind == "person" else "innovation/ilot/actor/bouchain/partner")
    return ReviewItem(iri, kind, status, name, (name,) if name else (), (), "", ())


def test_what_awaits_review_can_be_accepted_or_rejected_and_an_entity_merged_or_renamed() -> None:
    lines = {
        kind: [(line.action, line.text) for line in command_lines(_item(kind, "extracted", "Bouchain"))]
        for kind in ("person", "role")
    }
    assert lines["person"] == [
        ("accept", "wilcokg curate accept person/patrick-bouchain"),
        ("reject", "wilcokg curate reject person/patrick-bouchain"),
        ("merge", f"wilcokg curate merge person/patrick-bouchain {MERGE_TARGET}"),
        ("rename", "wilcokg curate rename person/patrick-bouchain Bouchain"),
    ]
    assert [action for action, _ in lines["role"]] == ["accept", "reject"]
    # Once accepted, an entity can still be merged or renamed; a statement has nothing left to decide.
    assert [line.action for line in command_lines(_item("person", "accepted", "Bouchain"))] == ["merge", "rename"]
    assert command_lines(_item("role", "accepted", "Bouchain")) == ()
    assert command_lines(_item("role", "curated", "Bouchain")) == ()


def test_a_name_the_shell_would_split_or_expand_is_quoted_whole() -> None:
    name = """Bouchain's "atelier" $HOME `x` & co"""
    rename = next(line for line in command_lines(_item("person", "extracted", name)) if line.action == "rename")
    assert shlex.split(rename.text) == ["wilcokg", "curate", "rename", "person/patrick-bouchain", name]
