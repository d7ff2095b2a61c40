"""The review queue from query rows, as any endpoint answers `QUEUE_QUERIES`."""

from __future__ import annotations

from wilcokg.curation.decisions import ID
from wilcokg.curation.queue import review_items


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
