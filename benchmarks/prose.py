"""Chapter text in the e-book export's layout, written from sentence templates.

The densities follow the development corpus: about seven mentions of reference entities per hundred
words (four in ten of them keywords, a quarter organisations), two or three footnote markers per
chapter glued to a word or a closing quote, and numbers that are not markers (`2008-2012`,
`(interview 1)`, `17,000`, `PLMH2`) so that the parser's footnote rules do real work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from world import City, Innovation, Organisation, World

# Sentences with slots; each renders to roughly twenty words with one or two mentions.
_SENTENCES = (
    "In {city}, {kw} has become a shared concern of {org} and of several {kw2} projects since {year}.",
    "The {org} argues that {kw} cannot be separated from {pf} policy in a period of budget restrictions.",
    "According to a coordinator of {inno}, the main difficulty is to keep {kw} alive after the grant (interview {n}).",
    "Between {range}, {org} co-funded about {thousands} places, a figure that local observers still regard as modest.",
    "Most projects in {city} combine {kw} with {kw2}, although the balance between the two differs widely.",
    "{inno} was presented by {org} as a model of {kw}, yet its promoters describe it more soberly as an experiment.",
    "Public debate in {country} has long treated {pf} as a national matter, leaving cities little room for {kw}.",
    "Around {pct} of the families concerned live in the poorer districts of {city}, where {kw} is most needed.",
    "Under the second local plan (PLMH2, {range}), {org} promised new forms of {kw} for households on low incomes.",
    "Residents often speak of “{quoted}”, an expression that sums up their distrust of top-down {kw}.",
    "Several respondents stressed that {kw} depends on trust between {org} and the grassroots groups of {city}.",
    "The partnership between {org} and {org2} shows how {kw} can move from the margins to the mainstream.",
    "Critics point out that {inno} reaches only a small share of those who would benefit from {kw}.",
    "A report by {unknown} in {year} found that {kw} had improved, while {kw2} remained largely unchanged.",
    "The scheme is financed partly by {org} and partly by fees, which keeps {kw} within reach of most users.",
    "Staff describe their daily work as a mix of {kw}, informal advice and negotiation with {org}.",
    "Compared with other cities in {country}, {city} stands out for its tradition of {kw} and {kw2}.",
    "The innovation also changed how {org} thinks about {pf}, even if the change is slow and uneven.",
)
# Sentences without a name in them keep the density near that of the development corpus.
_FILLER = (
    "Its promoters stress that no comparable scheme had previously been written into local policy.",
    "The first year was devoted to information and exploration, followed by the recruitment of partners.",
    "What makes the case interesting is that it is a deliberate transfer of a practice from elsewhere.",
    "Fitting a participative method into funding rules designed for conventional services remains a challenge.",
    "Staff meet both parties separately, talk through their expectations, and only then arrange a first meeting.",
    "Elected representatives change, budgets shrink, and experiments praised a few years ago can be quietly dropped.",
    "The economic model mixes money and reciprocity, which makes it hard to fit into any single public budget.",
    "Over time, however, it has not managed to build a broad coalition of stakeholders around its work.",
    "Its value as a meeting place for families is widely acknowledged, yet that recognition brings little money.",
    "The group phase is followed by a four-week traineeship, after which participants can keep a mentor.",
)
_FILLER_SHARE = 0.5
_LEAD_INS = (
    "The association sums up its aims as follows:",
    "Its promoters name four objectives:",
    "The local plan lists the following priorities:",
)
_BULLETS = (
    "to offer {kw} close to where people live;",
    "to support families for whom {pf} has become harder to reach;",
    "to strengthen {kw} between generations and neighbourhoods;",
    "to involve {org} in a lasting coalition of stakeholders;",
    "to make {kw} part of ordinary public services.",
)
_QUOTED = ("contrat enfance-jeunesse", "lutte contre le mal logement", "vivre ensemble", "habitat participatif")
_UNKNOWN = ("Maison Stephenson", "Observatoire Régional", "Nordic Welfare Forum", "Fondation Hestia", "Pôle Emploi")
_INTRO_HEADINGS = (
    "Local background of the social innovations",
    "An unequal distribution of responsibilities between national and local governments:",
    "Predominance of quantitative issues over qualitative and innovative actions:",
    "Social innovations in the age of public spending restrictions:",
    "The end of the civil society monopoly over social innovation?",
    "Innovations in the three WILCO policy fields",
    "Local policies dedicated to social economy – a window of opportunity:",
)
_CONCLUSION_HEADINGS = (
    "Sustainability",
    "Keeping pace with local priorities, and surviving when they change:",
    "From early political backing to lasting institutional coalitions:",
    "What became of participation?",
    "Scaling up and diffusion",
    "Lessons for local welfare systems:",
)
INNOVATION_SECTIONS = (
    "Short description",
    "Conception and ways of addressing users",
    "Internal organisation and modes of working",
    "Interaction with the local welfare system",
)
_PARAGRAPHS = (6, 12)
_WORDS = (120, 250)


@dataclass(slots=True)
class Footnotes:
    """Markers run on across a city's chapters, as in the book."""

    next_number: int = 1

    def take(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number


@dataclass(slots=True)
class Writer:
    """Writes the paragraphs of one chapter; `keywords` are the chapter's own subjects."""

    rng: random.Random
    world: World
    city: City
    keywords: list[str]
    innovation: Innovation | None = None
    footnotes: Footnotes = field(default_factory=Footnotes)

    def _organisation(self) -> Organisation:
        pool = self.city.organisations + self.world.national[self.city.country.code]
        if self.innovation:
            actors = [o for o in self.city.organisations if o.slug in self.innovation.actors]
            pool = actors + actors + pool
        return self.rng.choice(pool)

    def _org_text(self) -> str:
        org = self._organisation()
        forms = [org.english, org.english, org.french or org.english, *org.hidden[:1]]
        if org.acronym:
            forms += [org.acronym, f"{org.english} ({org.acronym})"]
        return self.rng.choice(forms)

    def _keyword(self) -> str:
        label = self.rng.choice(self.keywords)
        # Mid-sentence, a keyword is written in lower case unless it is a name (European Social Fund).
        return label if any(c.isupper() for c in label[1:]) else label[0].lower() + label[1:]

    def _innovation_text(self) -> str:
        pool = [*self.city.innovations, *self.city.unnumbered]
        chosen = self.innovation if self.innovation and self.rng.random() < 0.6 else self.rng.choice(pool)
        return self.rng.choice((chosen.name, chosen.name, chosen.gloss))

    def sentence(self, template: str) -> str:
        year = self.rng.randint(1995, 2013)
        return template.format(
            city=self.city.name,
            country=self.city.country.name,
            org=self._org_text(),
            org2=self._org_text(),
            kw=self._keyword(),
            kw2=self._keyword(),
            pf=self.rng.choice(("housing", "child care", "labour market")),
            inno=self._innovation_text(),
            year=year,
            range=f"{year}-{year + self.rng.randint(2, 5)}",
            thousands=f"{self.rng.randint(2, 40)},{self.rng.randint(0, 999):03d}",
            pct=f"{self.rng.randint(10, 95)} per cent",
            n=self.rng.randint(1, 12),
            quoted=self.rng.choice(_QUOTED),
            unknown=self.rng.choice(_UNKNOWN),
        )

    def _mark(self, sentence: str) -> str:
        """Glue a footnote marker to the last lower-case word, or to a closing quote."""
        if "”" in sentence and self.rng.random() < 0.5:
            return sentence.replace("”", f"”{self.footnotes.take()}", 1)
        words = sentence.rstrip(".").split(" ")
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            if len(word) >= 3 and word.isalpha() and word.islower():
                words[index] = f"{word}{self.footnotes.take()}"
                return " ".join(words) + "."
        return sentence

    def paragraph(self, footnote_chance: float) -> str:
        target = self.rng.randint(*_WORDS)
        sentences: list[str] = []
        words = 0
        while words < target:
            template = self.rng.choice(_FILLER if self.rng.random() < _FILLER_SHARE else _SENTENCES)
            sentence = self.sentence(template)
            if self.rng.random() < footnote_chance:
                sentence = self._mark(sentence)
            sentences.append(sentence)
            words += len(sentence.split())
        text = " ".join(sentences)
        if self.rng.random() < 0.08:
            lead = self.rng.choice(_LEAD_INS)
            items = [self.sentence(item) for item in self.rng.sample(_BULLETS, self.rng.randint(3, 5))]
            text += "\n" + lead + "\n" + "\n".join(f"• {item}" for item in items)
        return text

    def paragraphs(self, count: int) -> list[str]:
        # Two or three markers per chapter, spread over its sentences.
        chance = 2.5 / (count * 10)
        return [self.paragraph(chance) for _ in range(count)]


def _spread(rng: random.Random, paragraphs: list[str], headings: list[str]) -> list[tuple[str, list[str]]]:
    """Every heading gets at least one paragraph; the rest fall where they may."""
    sizes = [1] * len(headings)
    for _ in range(len(paragraphs) - len(headings)):
        sizes[rng.randrange(len(headings))] += 1
    sections: list[tuple[str, list[str]]] = []
    cursor = 0
    for heading, size in zip(headings, sizes, strict=True):
        sections.append((heading, paragraphs[cursor : cursor + size]))
        cursor += size
    return sections


def body(writer: Writer, headings: list[str]) -> str:
    count = max(writer.rng.randint(*_PARAGRAPHS), len(headings))
    sections = _spread(writer.rng, writer.paragraphs(count), headings)
    return "\n\n".join(heading + "\n\n" + "\n\n".join(paragraphs) for heading, paragraphs in sections)


def intro_headings(rng: random.Random) -> list[str]:
    return [_INTRO_HEADINGS[0], *rng.sample(_INTRO_HEADINGS[1:], rng.randint(2, 4))]


def conclusion_headings(rng: random.Random) -> list[str]:
    return rng.sample(_CONCLUSION_HEADINGS, rng.randint(3, 4))


def innovation_headings(rng: random.Random, number: int) -> list[str]:
    # One chapter in the development corpus glues its first heading (`58.1.Short description`).
    glued = rng.random() < 0.2
    return [
        f"{number}.{index}.{'' if glued and index == 1 else ' '}{title}"
        for index, title in enumerate(INNOVATION_SECTIONS, start=1)
    ]
