"""Reading quality against the gold annotations: precision, recall and F1 per entity type and per role.

    python benchmarks/reading.py                 # the development set, then the held-out set
    python benchmarks/reading.py --errors        # also list each missed and each extra item
    python benchmarks/reading.py --json out.json

Two sets of gold files. `benchmarks/gold/` is the development set: the rules were written and improved
while looking at these chapters' errors, so its scores are optimistic. `benchmarks/held-out/` holds
chapters of cities and innovations nobody curated, with gold written from their text alone; no rule is
written while looking at their errors, so their score is what a new chapter can expect (docs/reading.md
keeps the record of every blind score, and of the sets that became development data). The gold files
name chapters by their path in a reports folder (`fr-lille/11-potes-en-ciel.txt`); the chapters are
looked up in data/reports, tests/fixtures/chapters (the two Dutch chapters), benchmarks/chapters (four
development chapters of cities the reference data does not know) and the held-out set's own folder.
Scoring rules: see
wilcokg.reading.gold. Targets of the reading issue: discovery recall ≥ 0.9 with precision ≥ 0.85,
relations F1 ≥ 0.85.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from wilcokg.reading import read_all
from wilcokg.reading.gold import ROLES, Scores, Tally, load_gold, score
from wilcokg.reference import load_reference
from wilcokg.source.corpus import PlacedChapter, load_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"
HELD_OUT = ROOT / "benchmarks" / "held-out"
CHAPTER_ROOTS = (
    ROOT / "data" / "reports",
    ROOT / "tests" / "fixtures" / "chapters",
    ROOT / "benchmarks" / "chapters",
    HELD_OUT / "chapters",
)
ENTITY_TYPES = ("innovation", "organisation", "person", "place")


def _chapters() -> dict[str, PlacedChapter]:
    found: dict[str, PlacedChapter] = {}
    for root in CHAPTER_ROOTS:
        for placed in load_corpus(root).chapters:
            found.setdefault(placed.name, placed)
    return found


def measure(gold_dir: Path = GOLD) -> tuple[Scores, int]:
    reference = load_reference(ROOT / "data" / "reference", ROOT / "ontology" / "wilco.ttl")
    chapters = _chapters()
    labels: dict[str, set[str]] = defaultdict(set)
    for label in reference.labels:
        labels[label.entity.iri].add(label.text)
    golds = sorted(gold_dir.glob("*.json"))
    wanted = []
    for path in golds:
        name = json.loads(path.read_text(encoding="utf-8"))["chapter"]
        if name not in chapters:
            sys.exit(f"{path}: chapter {name!r} is in neither {', '.join(str(r) for r in CHAPTER_ROOTS)}")
        wanted.append((path, chapters[name]))
    readings = read_all([placed for _, placed in wanted], reference)
    scores = Scores()
    for (path, placed), reading in zip(wanted, readings, strict=True):
        score(reading, load_gold(path, placed.chapter.text), labels, scores)
    return scores, len(wanted)


def _row(name: str, tally: Tally) -> str:
    return (
        f"{name:<22}{tally.precision:>10.2f}{tally.recall:>8.2f}{tally.f1:>8.2f}"
        f"{tally.right:>8}{tally.wrong:>8}{tally.found:>8}{tally.missed:>8}"
    )


def table(scores: Scores, chapters: int, title: str) -> str:
    head = f"{'':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'right':>8}{'wrong':>8}{'found':>8}{'missed':>8}"
    lines = [f"Reading quality, {title}: {chapters} gold chapters", "", "entities", head]
    lines += [_row(kind, scores.entities[kind]) for kind in ENTITY_TYPES]
    lines += [_row("all entities", scores.total("entities")), "", "relations", head]
    lines += [_row(role, scores.relations[role]) for role in ROLES]
    lines += [_row("all relations", scores.total("relations")), "", "role confusion (gold → read)"]
    lines += ["  " + f"{'':<12}" + "".join(f"{role:>11}" for role in ROLES)]
    for gold_role in ROLES:
        cells = "".join(f"{scores.confusion[(gold_role, role)]:>11}" for role in ROLES)
        lines.append(f"  {gold_role:<12}{cells}")
    lines += ["", "rules (right / wrong relations they made)"]
    for rule in sorted({rule for rule, _ in scores.rules}):
        lines.append(f"  {rule:<28}{scores.rules[(rule, True)]:>5} / {scores.rules[(rule, False)]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--gold", type=Path, action="append", help="folder of gold JSON files (repeatable; default: both sets)"
    )
    parser.add_argument("--errors", action="store_true", help="list every missed and extra item")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    sets = args.gold or [GOLD, HELD_OUT / "gold"]
    payload: dict[str, object] = {}
    for number, gold in enumerate(sets):
        scores, chapters = measure(gold)
        title = {GOLD: "development set", HELD_OUT / "gold": "held-out set"}.get(gold, str(gold))
        print(("\n\n" if number else "") + table(scores, chapters, title))
        if args.errors:
            print("\n" + "\n".join(scores.errors))
        totals = {kind: scores.total(kind) for kind in ("entities", "relations")}
        payload[title] = {
            kind: {"precision": t.precision, "recall": t.recall, "f1": t.f1} for kind, t in totals.items()
        }
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
