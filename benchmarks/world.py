"""A synthetic WILCO world: countries, cities, organisations and innovations, drawn from a seed.

The benchmark corpus needs many more cities and actors than the book has, with the same shapes: names
with diacritics and ASCII spelling variants, acronyms, French names beside English ones, and one
numbered innovation per innovation chapter. Every name is unique, so that a mention in the text
resolves to exactly one entity, as it does in the curated reference data.
"""

from __future__ import annotations

import random
import string
import unicodedata
from dataclasses import dataclass, field

# The largest innovation number the chapter title format can carry (`N.` with one to three digits).
MAX_INNOVATION_NUMBER = 999

POLICY_FIELDS = ("Housing", "Child care", "Labour market")
POLICY_FIELD_SLUGS = {"Housing": "housing", "Child care": "child-care", "Labour market": "labour-market"}

_ONSETS = ("b", "br", "d", "dr", "g", "gr", "k", "kr", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "v", "z", "ž")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ö", "é", "å")
_CODAS = ("", "", "n", "r", "l", "s", "m", "rg", "nd", "ck", "lm", "ns")
_LANGUAGES = ("fr", "de", "sv", "hr", "pl", "it", "es", "nl")
FIRST_NAMES = [
    "Laurent",
    "Anna",
    "Marek",
    "Ingrid",
    "Jelena",
    "Paolo",
    "Sofia",
    "Henrik",
    "Claire",
    "Tomasz",
    "Elena",
    "Jan",
    "Marta",
    "Lucas",
    "Greta",
    "Danijel",
    "Isabel",
    "Pieter",
    "Agnieszka",
    "Matthieu",
    "Ulrike",
    "Nils",
    "Chiara",
    "Gojko",
    "Hélène",
    "Björn",
    "Renée",
    "Zoran",
    "Ewa",
    "Martin",
]
LAST_NAMES = [
    "Fraisse",
    "Bežovan",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Rossi",
    "Hansen",
    "Matančević",
    "Dupont",
    "Nowak",
    "Sköld",
    "Ferrari",
    "Baturina",
    "Vidal",
    "Janssen",
    "Weber",
    "Berggren",
    "Petit",
    "Horvat",
    "Wiśniewska",
    "Lambert",
    "Novak",
    "Keller",
    "Lefèvre",
    "Andersson",
    "Costa",
]
_ASSOCIATION_FR = (
    ("Maison des Parents", "Parents' House"),
    ("Jardins Solidaires", "Solidarity Gardens"),
    ("Habitat et Partage", "Housing and Sharing"),
    ("Emploi Pour Tous", "Jobs for All"),
    ("Petite Enfance Ensemble", "Early Childhood Together"),
    ("Toit Commun", "Common Roof"),
    ("Atelier du Quartier", "Neighbourhood Workshop"),
    ("Réseau des Familles", "Family Network"),
    ("Passerelle Jeunes", "Youth Bridge"),
    ("Café des Enfants", "Children's Café"),
)
_INNOVATION_NAMES = (
    ("Le temps pour {x}", "Time for {x}"),
    ("Parler {x}", "{x} Talk"),
    ("Maison {x}", "{x} House"),
    ("Projet {x}", "The {x} Project"),
    ("Réseau {x}", "{x} Network"),
    ("Coopérative {x}", "{x} Cooperative"),
)


def slugify(text: str) -> str:
    """The data model's slug: NFKD, no diacritics, lower case, non-alphanumeric runs become `-`."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in ascii_text)
    return "-".join(part for part in slug.split("-") if part)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    """Printed on the introduction's country line and lower-cased in the IRI and folder name."""
    name: str
    local_name: str
    language: str
    number: int


@dataclass(frozen=True, slots=True)
class Organisation:
    slug: str
    label: str
    english: str
    french: str | None
    acronym: str | None
    hidden: tuple[str, ...]
    public: bool
    spatial: str
    """`city/lille` or `country/fr`: the territory it serves."""


@dataclass(frozen=True, slots=True)
class Innovation:
    slug: str
    name: str
    gloss: str
    language: str
    number: int
    policy_field: str
    actors: tuple[str, ...]


@dataclass(slots=True)
class City:
    name: str
    slug: str
    country: Country
    number: int
    chapters: int
    """An introduction, then innovation chapters and the conclusions as far as this count goes."""
    organisations: list[Organisation] = field(default_factory=list)
    innovations: list[Innovation] = field(default_factory=list)
    unnumbered: list[Innovation] = field(default_factory=list)
    """Innovations the chapters name without a chapter of their own (Ilot Stephenson in Lille)."""

    @property
    def folder(self) -> str:
        return f"{self.country.code.lower()}-{self.slug}"


@dataclass(slots=True)
class World:
    countries: list[Country] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    national: dict[str, list[Organisation]] = field(default_factory=dict)
    research: dict[str, Organisation] = field(default_factory=dict)
    """One research centre per country: the authors' affiliations."""

    @property
    def organisations(self) -> list[Organisation]:
        found = [org for orgs in self.national.values() for org in orgs]
        found += list(self.research.values())
        return found + [org for city in self.cities for org in city.organisations]

    @property
    def innovations(self) -> list[Innovation]:
        return [i for city in self.cities for i in (*city.innovations, *city.unnumbered)]


class _Names:
    """Unique made-up names and acronyms: a clash would make one mention point at two entities."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.acronyms: set[str] = set()

    def word(self, syllables: int) -> str:
        while True:
            parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables)]
            candidate = ("".join(parts) + self.rng.choice(_CODAS)).capitalize()
            if slugify(candidate) not in self.used:
                self.used.add(slugify(candidate))
                return candidate

    def acronym(self, words: str) -> str:
        initials = "".join(w[0] for w in ascii_fold(words).split() if w[:1].isalpha()).upper()[:4]
        candidate = initials if len(initials) >= 2 else initials + "X"
        while candidate in self.acronyms:
            candidate = initials[:3] + self.rng.choice(string.ascii_uppercase) + self.rng.choice(string.ascii_uppercase)
        self.acronyms.add(candidate)
        return candidate


def _country(names: _Names, number: int, codes: set[str]) -> Country:
    name = names.word(2) + "ia"
    code = ascii_fold(name[:2]).upper()
    while code in codes:
        code = names.rng.choice(string.ascii_uppercase) + names.rng.choice(string.ascii_uppercase)
    codes.add(code)
    return Country(code, name, name[:-2] + "ija", names.rng.choice(_LANGUAGES), number)


def _organisation(
    names: _Names, slug: str, english: str, french: str | None, public: bool, spatial: str
) -> Organisation:
    acronym = names.acronym(french or english)
    folded = ascii_fold(english)
    hidden = (folded,) if folded != english else ()
    return Organisation(slug, english, english, french, acronym, hidden, public, spatial)


def _national_bodies(names: _Names, country: Country) -> list[Organisation]:
    spatial = f"country/{country.code.lower()}"
    code = country.code.lower()
    return [
        _organisation(
            names,
            f"{code}-family-allowance-fund",
            f"{country.name} Family Allowance Fund",
            f"Caisse des allocations familiales de {country.name}",
            True,
            spatial,
        ),
        _organisation(
            names,
            f"{code}-employment-service",
            f"{country.name} Public Employment Service",
            f"Service public de l'emploi de {country.name}",
            True,
            spatial,
        ),
        _organisation(
            names,
            f"{code}-housing-agency",
            f"{country.name} Housing Agency",
            f"Agence de l'habitat de {country.name}",
            True,
            spatial,
        ),
    ]


def _city_bodies(names: _Names, city: City) -> list[Organisation]:
    spatial = f"city/{city.slug}"
    bodies = [
        Organisation(
            f"{city.slug}-municipality",
            f"City of {city.name}",
            f"City of {city.name}",
            f"Ville de {city.name}",
            None,
            (f"{city.name} municipality", f"{city.name} city council"),
            True,
            spatial,
        ),
        _organisation(
            names, f"{city.slug}-metropolis", f"{city.name} Metropolis", f"Métropole de {city.name}", True, spatial
        ),
    ]
    for french, english in names.rng.sample(_ASSOCIATION_FR, names.rng.randint(3, 6)):
        label = f"{french} {city.name}"
        bodies.append(_organisation(names, slugify(label), f"{english} {city.name}", label, False, spatial))
    return bodies


def _innovation(names: _Names, city: City, number: int) -> Innovation:
    french, english = names.rng.choice(_INNOVATION_NAMES)
    x = names.word(2)
    language = names.rng.choice(("fr", "en"))
    name = french.format(x=x) if language == "fr" else english.format(x=x)
    gloss = english.format(x=x) if language == "fr" else f"{x} scheme"
    actors = names.rng.sample(city.organisations, names.rng.randint(1, min(4, len(city.organisations))))
    return Innovation(
        slugify(name), name, gloss, language, number, names.rng.choice(POLICY_FIELDS), tuple(o.slug for o in actors)
    )


def chapters_per_city(rng: random.Random, remaining: int) -> int:
    """An introduction, two to six innovation chapters and the conclusions, as far as `remaining` goes."""
    return min(remaining, 2 + rng.randint(2, 6))


def make_world(chapters: int, seed: int) -> World:
    """Enough cities for `chapters` chapters, each with its actors and its innovations."""
    rng = random.Random(seed)
    names = _Names(rng)
    world = World()
    codes: set[str] = set()
    remaining = chapters
    next_innovation = 1
    while remaining > 0:
        # About two cities per country, as in the book (Lille and Nantes, Stockholm and Malmö).
        if not world.countries or len(world.cities) >= 2 * len(world.countries):
            country = _country(names, len(world.countries) + 1, codes)
            world.countries.append(country)
            world.national[country.code] = _national_bodies(names, country)
            research = f"Institute for Social Research {country.name}"
            world.research[country.code] = _organisation(
                names, slugify(research), research, None, False, f"country/{country.code.lower()}"
            )
        name = names.word(rng.randint(1, 2))
        count = chapters_per_city(rng, remaining)
        city = City(name, slugify(name), world.countries[-1], len(world.cities) + 1, count)
        city.organisations = _city_bodies(names, city)
        for _ in range(max(count - 2, 0)):
            if next_innovation > MAX_INNOVATION_NUMBER:
                raise ValueError(f"{chapters} chapters need innovation numbers above {MAX_INNOVATION_NUMBER}")
            city.innovations.append(_innovation(names, city, next_innovation))
            next_innovation += 1
        city.unnumbered.append(_innovation(names, city, 0))
        world.cities.append(city)
        remaining -= count
    return world
