"""Write a synthetic WILCO corpus of any size: chapters in the export's text format plus reference data.

`write_corpus(out, chapters, seed)` gives `out/reports/<cc>-<city>/<NN>-<slug>.txt` and
`out/reference/*.ttl`; the same chapter count and seed always give byte-identical files. The keyword
thesaurus, the policy fields and the book are the curated files, copied; places, organisations and
innovations are made up to scale with the corpus (see world.py).

    python benchmarks/corpus.py OUT --chapters 500 --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

import reference_ttl
from prose import (
    Footnotes,
    Writer,
    body,
    conclusion_headings,
    innovation_headings,
    intro_headings,
)
from world import FIRST_NAMES, LAST_NAMES, City, Innovation, World, make_world, slugify

REPO = Path(__file__).resolve().parent.parent
CURATED = REPO / "data" / "reference"
SHAPES = REPO / "shapes" / "wilco.ttl"
COPIED = ("keywords.ttl", "policy-fields.ttl", "book.ttl")
_RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_KEYWORD = "https://w3id.org/wilcokg/id/keyword/"


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    reports: Path
    reference: Path
    chapters: int
    cities: int
    countries: int
    organisations: int
    innovations: int
    words: int
    bytes: int


def keyword_index(path: Path) -> list[str]:
    """The thesaurus terms in the order a `Keywords:` line prints them (alphabetical, as in the seed)."""
    labels = {
        triple.object.value
        for triple in parse(path=str(path), format=RdfFormat.TURTLE)
        if triple.predicate == _RDFS_LABEL and triple.subject.value.startswith(_KEYWORD)
    }
    return sorted(labels, key=str.casefold)


def _trailer(title: str, keywords: list[str], category: str) -> str:
    # Two blank lines before the trailer and no newline after `Categories:`, exactly as exported.
    return f"\n\n\nContent keywords\n\nKeywords: {' | '.join(keywords)}\n\n{title}\n\nCategories: {category}"


def _author_line(rng: random.Random, world: World, city: City) -> str:
    names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 3))]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if rng.random() < 0.1:
        return joined  # names without any affiliation
    research = world.research[city.country.code]
    return f"{joined} ({research.english}, {city.name})"


class _Chapters:
    """Writes one city's chapters; footnote numbers run on from the introduction to the conclusions."""

    def __init__(self, rng: random.Random, world: World, city: City, index: list[str]) -> None:
        self.rng = rng
        self.world = world
        self.city = city
        self.index = index
        self.footnotes = Footnotes()

    def _subjects(self) -> list[str]:
        return sorted(self.rng.sample(self.index, self.rng.randint(6, 10)), key=str.casefold)

    def _writer(self, keywords: list[str], innovation: Innovation | None = None) -> Writer:
        return Writer(self.rng, self.world, self.city, keywords, innovation, self.footnotes)

    def introduction(self) -> str:
        country = self.city.country
        header = ["Keywords Search", f"{country.code} {country.name}"]
        if self.rng.random() < 0.1:
            header.append(self.city.name)
        header.append(_author_line(self.rng, self.world, self.city))
        title = f"{self.city.name} – Introduction"
        keywords = self._subjects()
        text = body(self._writer(keywords), intro_headings(self.rng))
        # One introduction in five prints the whole keyword index, as the seed does.
        printed = self.index if self.rng.random() < 0.2 else keywords
        return "\n".join(header) + f"\n\n{title}\n\n{text}" + _trailer(title, printed, "Introduction")

    def innovation(self, innovation: Innovation) -> str:
        gloss = f" – {innovation.gloss}" if self.rng.random() < 0.7 else ""
        title = f"{innovation.number}. {innovation.name}{gloss}"
        keywords = self._subjects()
        text = body(self._writer(keywords, innovation), innovation_headings(self.rng, innovation.number))
        return f"{title}\n\n{text}" + _trailer(title, keywords, innovation.policy_field)

    def conclusions(self) -> str:
        title = f"{self.city.name} – Conclusions"
        keywords = self._subjects()
        text = body(self._writer(keywords), conclusion_headings(self.rng))
        return f"{title}\n\n{text}" + _trailer(title, keywords, "Conclusions")


def _city_files(rng: random.Random, world: World, city: City, index: list[str]) -> dict[str, str]:
    chapters = _Chapters(rng, world, city, index)
    files = {"00-introduction.txt": chapters.introduction()}
    for innovation in city.innovations:
        files[f"{innovation.number:02d}-{slugify(innovation.name)}.txt"] = chapters.innovation(innovation)
    if city.chapters >= 2:
        files["99-conclusions.txt"] = chapters.conclusions()
    return files


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def write_corpus(out_dir: Path, chapters: int, seed: int) -> CorpusInfo:
    """`chapters` chapters in city folders and the reference data they need, under `out_dir`."""
    if chapters < 1:
        raise ValueError("expected at least one chapter")
    world = make_world(chapters, seed)
    reports, reference = out_dir / "reports", out_dir / "reference"
    for folder in (reports, reference):
        shutil.rmtree(folder, ignore_errors=True)
    index = keyword_index(CURATED / "keywords.ttl")
    # A second stream for the text, so that the world stays the same whatever the prose does.
    rng = random.Random(seed * 7919 + 1)
    written = words = size = 0
    for city in world.cities:
        for name, text in _city_files(rng, world, city, index).items():
            size += _write(reports / city.folder / name, text)
            words += len(text.split())
            written += 1
    reference.mkdir(parents=True)
    for name in COPIED:
        shutil.copyfile(CURATED / name, reference / name)
    _write(reference / "places.ttl", reference_ttl.places(world))
    _write(reference / "organisations.ttl", reference_ttl.organisations(world))
    _write(reference / "innovations.ttl", reference_ttl.innovations(world))
    # The real book numbers its innovation chapters 1 to 77; a synthetic book of hundreds of chapters
    # needs more, so its copy of the shapes lifts that one bound and keeps every other constraint.
    _write(
        out_dir / "shapes.ttl", SHAPES.read_text(encoding="utf-8").replace("sh:maxInclusive 77", "sh:maxInclusive 999")
    )
    return CorpusInfo(
        reports,
        reference,
        written,
        len(world.cities),
        len(world.countries),
        len(world.organisations),
        len(world.innovations),
        words,
        size,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    print(write_corpus(options.out, options.chapters, options.seed))


if __name__ == "__main__":
    main()
