"""Score readings against hand-made gold annotations (the format of `benchmarks/gold/README.md`).

Entities: a read entity is right when its type matches a gold entity's and one of its names equals one
of the gold's names (case, diacritics, quotes and a leading `the` ignored); a required gold entity is
found when some read entity matches it. Optional gold entities count neither way.

Relations: a read relation (innovation, actor, role, with its evidence sentences) is right when the
innovation and the actor match a gold relation's by name, its role is one of the gold's roles, and one
of its evidence spans overlaps the gold evidence in the chapter's text. Recall counts required gold
relations; a read relation that matches only optional gold relations counts neither way.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wilcokg.errors import InputError
from wilcokg.reading.discovery import fold_name
from wilcokg.reading.model import Reading

GOLD_TYPES = {"innovation": "innovation", "org": "organisation", "person": "person"}
"""Reading categories by gold type; every other category (city, country, place) is a `place`."""
ROLES = ("initiator", "funder", "operator", "partner", "supporter")


def gold_type(category: str) -> str:
    return GOLD_TYPES.get(category, "place")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    type: str
    names: frozenset[str]
    required: bool


@dataclass(frozen=True, slots=True)
class GoldRelation:
    innovation: frozenset[str]
    actor: frozenset[str]
    roles: tuple[str, ...]
    start: int
    end: int
    required: bool


@dataclass(frozen=True, slots=True)
class Gold:
    chapter: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def _names(item: Mapping[str, object]) -> frozenset[str]:
    aliases = item.get("aliases", [])
    names = [str(item["name"]), *(str(a) for a in aliases)] if isinstance(aliases, list) else [str(item["name"])]
    return frozenset(fold_name(name) for name in names)


def load_gold(path: Path, text: str) -> Gold:
    """One gold file; evidence that is not in `text` is an error naming the file and the relation."""
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(source, getattr(error, "lineno", 1), f"expected a gold JSON file: {error}") from None
    entities = tuple(
        GoldEntity(item["type"], _names(item), item.get("required", True)) for item in data.get("entities", [])
    )
    by_name = {fold_name(str(item["name"])): item for item in data.get("entities", [])}
    relations: list[GoldRelation] = []
    for number, item in enumerate(data.get("relations", []), start=1):
        evidence = item["evidence"]
        start = text.find(evidence)
        if start < 0:
            raise InputError(source, 1, f"relation {number}: evidence {evidence!r} is not in the chapter's text")
        innovation = by_name.get(fold_name(item["innovation"]), {"name": item["innovation"]})
        actor = by_name.get(fold_name(item["actor"]), {"name": item["actor"]})
        relations.append(
            GoldRelation(
                _names(innovation),
                _names(actor),
                tuple(item["roles"]),
                start,
                start + len(evidence),
                item.get("required", True),
            )
        )
    return Gold(data["chapter"], entities, tuple(relations))


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    found: int = 0
    missed: int = 0

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.found += other.found
        self.missed += other.missed


@dataclass
class Scores:
    entities: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    relations: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    rules: Counter[tuple[str, bool]] = field(default_factory=Counter)
    """(rule, right) → how many read relations it made."""
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold role, read role) for relations whose pair and evidence match."""
    errors: list[str] = field(default_factory=list)

    def total(self, kind: str) -> Tally:
        tally = Tally()
        for part in (self.entities if kind == "entities" else self.relations).values():
            tally.add(part)
        return tally


def _names_by_iri(reading: Reading, extra: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    names: dict[str, frozenset[str]] = {}
    for entity in reading.entities:
        every = {entity.label, *entity.names, *extra.get(entity.iri, ())}
        names[entity.iri] = frozenset(fold_name(name) for name in every)
    return names


def score(reading: Reading, gold: Gold, labels: Mapping[str, Iterable[str]], into: Scores) -> None:
    """Add one chapter's counts to `into`; `labels` gives the curated labels of known entities."""
    names = _names_by_iri(reading, labels)
    for entity in reading.entities:
        kind = gold_type(entity.category)
        alike = [g for g in gold.entities if g.type == kind and g.names & names[entity.iri]]
        if any(g.required for g in alike):
            into.entities[kind].right += 1
        elif not alike:
            into.entities[kind].wrong += 1
            into.errors.append(f"{gold.chapter}: extra {kind} {entity.label!r}")
    for wanted in gold.entities:
        if not wanted.required:
            continue
        hit = any(gold_type(e.category) == wanted.type and wanted.names & names[e.iri] for e in reading.entities)
        if hit:
            into.entities[wanted.type].found += 1
        else:
            into.entities[wanted.type].missed += 1
            into.errors.append(f"{gold.chapter}: missed {wanted.type} {sorted(wanted.names)[0]!r}")
    grouped: dict[tuple[str, str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for relation in reading.relations:
        grouped[(relation.innovation, relation.actor, relation.role.value)].append(
            (relation.start, relation.end, relation.rule)
        )

    def matches(key: tuple[str, str, str], spans: list[tuple[int, int, str]], wanted: GoldRelation) -> bool:
        innovation, actor, _ = key
        return (
            bool(names.get(innovation, frozenset()) & wanted.innovation)
            and bool(names.get(actor, frozenset()) & wanted.actor)
            and any(start < wanted.end and wanted.start < end for start, end, _ in spans)
        )

    for key, spans in sorted(grouped.items()):
        role = key[2]
        fitting = [g for g in gold.relations if matches(key, spans, g)]
        right = [g for g in fitting if role in g.roles]
        for g in fitting:
            into.confusion[(g.roles[0], role)] += 1
        rule = spans[0][2]
        if any(g.required for g in right):
            into.relations[role].right += 1
            into.rules[(rule, True)] += 1
        elif not right:
            into.relations[role].wrong += 1
            into.rules[(rule, False)] += 1
            into.errors.append(
                f"{gold.chapter}: extra {role} {key[1].rsplit('/', 1)[-1]} in {key[0].rsplit('/', 1)[-1]}"
            )
    for stated in gold.relations:
        if not stated.required:
            continue
        role = stated.roles[0]
        if any(matches(key, spans, stated) and key[2] in stated.roles for key, spans in grouped.items()):
            into.relations[role].found += 1
        else:
            into.relations[role].missed += 1
            into.errors.append(
                f"{gold.chapter}: missed {'/'.join(stated.roles)} {sorted(stated.actor)[0]!r} "
                f"in {sorted(stated.innovation)[0]!r}"
            )
