"""What void.ttl counts of the asserted triples, counted a piece of the dumps at a time and added up.

The triple dumps hold each subject's triples together, and every count is a sum over subjects (how
many triples, subjects, typed nodes per class, links per target, nodes per review status) except
the distinct properties, which are a union. So a piece's tally is kept with the piece (see
publish.subject_pieces), and the dump's tally is the sum of its pieces' tallies, less those of the
subjects whose pieces were made again from several graphs, plus those of the new pieces.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from wilcokg.publish.ntriples import split_line
from wilcokg.vocab import OWL, RDF_TYPE, SKOS, WILCO


@dataclass(frozen=True, slots=True)
class LinkTarget:
    name: str
    title: str
    namespace: str
    homepage: str


LINK_TARGETS = (
    LinkTarget("wikidata", "Wikidata", "http://www.wikidata.org/entity/", "https://www.wikidata.org/"),
    LinkTarget("geonames", "GeoNames", "https://sws.geonames.org/", "https://www.geonames.org/"),
    LinkTarget("eurovoc", "EuroVoc", "http://eurovoc.europa.eu/", "http://eurovoc.europa.eu/"),
    LinkTarget(
        "unesco",
        "UNESCO Thesaurus",
        "http://vocabularies.unesco.org/thesaurus/",
        "http://vocabularies.unesco.org/thesaurus",
    ),
    LinkTarget(
        "eu-authority",
        "EU Publications Office authority tables",
        "http://publications.europa.eu/resource/authority/",
        "http://publications.europa.eu/",
    ),
)
LINK_PREDICATES = frozenset(
    OWL("sameAs").value if name == "sameAs" else SKOS(name).value
    for name in ("sameAs", "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)


_TYPE = f"<{RDF_TYPE.value}>".encode()
_STATUS = f"<{WILCO('status').value}>".encode()
_LINKS = {f"<{iri}>".encode(): iri for iri in LINK_PREDICATES}


@dataclass(frozen=True, slots=True)
class Tally:
    triples: int
    subjects: int
    properties: frozenset[bytes]
    classes: Counter[str]
    """Typed nodes per class."""
    links: dict[str, Counter[str]]
    """Links to each target (by its name), per linking property."""
    statuses: Counter[str]
    """How many nodes have each `wilco:status` value."""
    status_classes: dict[str, Counter[str]]
    """The same nodes by class."""

    @classmethod
    def of(cls, lines: Iterable[bytes]) -> Tally:
        """The tally of sorted N-Triples lines, where each subject's triples are together."""
        triples = subjects = 0
        previous = b""
        properties: set[bytes] = set()
        classes: Counter[str] = Counter()
        links: dict[str, Counter[str]] = {target.name: Counter() for target in LINK_TARGETS}
        statuses: Counter[str] = Counter()
        status_classes: dict[str, Counter[str]] = {}
        subject_classes: list[str] = []
        subject_status = ""

        def count_status() -> None:
            if subject_status:
                statuses[subject_status] += 1
                status_classes.setdefault(subject_status, Counter()).update(subject_classes)

        for line in lines:
            triples += 1
            subject, predicate, obj = split_line(line)
            if subject != previous:
                count_status()
                subjects += 1
                previous = subject
                subject_classes, subject_status = [], ""
            properties.add(predicate)
            if predicate == _STATUS:
                subject_status = obj.split(b'"')[1].decode()
            if not obj.startswith(b"<"):
                continue
            if predicate == _TYPE:
                classes[obj[1:-1].decode()] += 1
                subject_classes.append(obj[1:-1].decode())
            elif predicate in _LINKS:
                iri = obj[1:-1].decode()
                for target in LINK_TARGETS:
                    if iri.startswith(target.namespace):
                        links[target.name][_LINKS[predicate]] += 1
        count_status()
        return cls(triples, subjects, frozenset(properties), classes, links, statuses, status_classes)

    def plus(self, other: Tally) -> Tally:
        return self._combined(other, 1)

    def less(self, other: Tally) -> Tally:
        """This tally without the subjects `other` counted, whose triples are counted again elsewhere:
        their properties stay (a union cannot be taken apart, and where they went they still are)."""
        return self._combined(other, -1)

    def _combined(self, other: Tally, sign: int) -> Tally:
        def counter(mine: Counter[str], theirs: Counter[str]) -> Counter[str]:
            return mine + theirs if sign > 0 else mine - theirs

        statuses = counter(self.statuses, other.statuses)
        return Tally(
            self.triples + sign * other.triples,
            self.subjects + sign * other.subjects,
            self.properties | other.properties,
            counter(self.classes, other.classes),
            {name: counter(self.links[name], other.links[name]) for name in self.links},
            statuses,
            {
                status: counter(self.status_classes.get(status, Counter()), other.status_classes.get(status, Counter()))
                for status in statuses
            },
        )


EMPTY = Tally.of(())
