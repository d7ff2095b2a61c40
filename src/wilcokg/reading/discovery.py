"""Find every innovation, organisation, person and place a chapter names, known to the reference or not.

Known entities come from the reference lexicon (`extract.find_mentions`); a label several entities share
resolves to the one that serves the chapter's city. Other names are typed by the cues of `names` and by
the chapter's structure (its own title names its innovation), reconciled against the reference first and
otherwise minted with a deterministic IRI from their name. Names nothing types become curation candidates.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from wilcokg.reading.gazetteer import Gazetteer
from wilcokg.reading.heads import leads_romance_name
from wilcokg.reading.mentions import Candidate, Mention, fold
from wilcokg.reading.model import ReadEntity
from wilcokg.reading.names import (
    CONNECTORS,
    INNOVATION_WORDS,
    LEADING_WORDS,
    Name,
    abbreviates,
    category_by_apposition,
    category_by_context,
    category_by_personal_act,
    category_by_words,
    is_acronym,
    romance_tail,
    spot_names,
    words_of,
)
from wilcokg.reading.roles import ANY_TRIGGER, RULES, Shape
from wilcokg.reading.sentences import Sentence
from wilcokg.reference import Entity
from wilcokg.source.chapter import Chapter, ChapterKind
from wilcokg.vocab import entity, slugify

PEOPLE_AND_THINGS = frozenset({"innovation", "org", "person", "city", "country", "place"})
"""The reference categories that are entities of a reading (keywords and policy fields are subjects)."""

_MINTED_KIND = {"innovation": "innovation", "org": "org", "person": "person", "place": "place"}
_NOT_NAMES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"interview", "table", "figure", "chapter", "section", "introduction", "conclusions", "keywords"}
)
_BRACKET = re.compile(r"\s*\(([^()\n]{1,160})\)")
_ORG_HEAD = r"(?:department|administration|office|agency|services?|unit|council|councils|board|team|centres?)"
_PHRASE = (
    r"(?:[a-z][\w-]*\s+){0,3}" + _ORG_HEAD + r"(?:\s+(?:for|of)\s+[a-z][\w-]*(?:\s+(?:and|of|for)\s+[a-z][\w-]*){0,3})?"
)
_POSSESSED = re.compile(r"[’']s\s+(" + _PHRASE + r")\b")
_OF_OWNER = re.compile(
    r"\b("
    + r"(?:(?!(?:the|a|an|of|its|their)\b)[a-z][\w-]*\s+){0,3}"
    + _ORG_HEAD
    + r")\s+of\s+(?:the\s+)?(?:\w+ing\s+)?$"
)
_LOWER_INNOVATION = re.compile(
    r"\b([Tt]heir|[Tt]he|[Aa]n?|[Ii]ts|[Tt]his|[Oo]ur)\s+((?:[a-z][\w-]*\s+){1,3}(?:project|programme|scheme|initiative))\b"
)
_ACTED_ON = re.compile(
    r"\s+(?:is|was|were|are|has been|had been)\s+(?:\w+ly\s+)?"
    r"(?:supported|funded|financed|run|managed|led|launched|set up|founded|backed|co-funded|started)\b"
)
_GLOSSED = re.compile(r"(?:\s+(?:for|of)(?:\s+[a-z][\w-]*){1,3})?\s*\((?=[A-ZÀ-Ý])")
"""`the part-time training project for young parents (Teilzeitausbildung für junge Eltern)`: given its own name."""
_GENERIC_MODIFIERS = frozenset(
    {"new", "pilot", "first", "second", "same", "whole", "local", "national", "social", "european", "other"}
    | {"innovative", "small", "large", "main", "current", "previous", "similar", "municipal", "public", "private"}
    | {"earlier", "later", "joint", "research", "such", "wider", "larger", "funded", "entire", "original"}
)
_NOT_MODIFIERS = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "owns", "runs", "funds", "supports", "manages", "leads"}
    | {"launched", "started", "joined", "left", "entered", "within", "whole", "entire", "own"}
)
"""Words that show the run before `project` is a clause (`the municipality owns the project`), not a name."""
_ORDINAL_INNOVATION = re.compile(
    r"^The (?:first|second|third|fourth|fifth|last|next|other) (?:social )?innovation", re.IGNORECASE
)
_INTRODUCED = re.compile(
    r"\b(?:run|runs|launched|set up|introduced|started|created|developed|opened|established)\s+"
    r"(?:a |an |the )?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s*\(([^()\n]{2,60})\)"
)
_PATIENT_OF_LAUNCH = re.compile(
    r"\s*(?:\([^()\n]*\)\s*)?(?:was|were|has been|had been|is|are)\s+(?:\w+ly\s+)?"
    r"(?:launched|set up|founded|created|started|introduced|established|developed|conceived|initiated)\b"
)
_AUTHORITY_OF = re.compile(r"\b[Tt]he (province|region|county|canton|department) of ([A-Z][\w-]+(?: [A-Z][\w-]+)*)")
_BRANCH_OF = re.compile(
    r",?\s+(?:is\s+|was\s+)?(?:a|an|the|its)\s+(?:(?:regional|local|national|municipal|county|district|city)\s+)?"
    r"(?:branch|office|section|department|subsidiary|unit|arm|agency)\s+of\s+(?:the\s+)?"
)
_AGENT_LIST = re.compile(r"(?:[\s,]|\b(?:and|the|as well as)\b|[A-ZÀ-Ý][\w’'&=-]*|\([^()]*\))*")
"""Between a role's trigger and its agent: the other agents of a list (`financed by A, the B and C`)."""
_NOT_ORGANISATION_HEADS = frozenset(
    {"act", "law", "plan", "strategy", "policy", "code", "decree", "regulation", "agreement", "report", "survey"}
)
"""Heads of the names of laws and documents, which take acronyms and roles too: `Work and Social Assistance Act`."""
_ACRONYM_AFTER = re.compile(r"\s*\([A-ZÀ-Ý]{2,}[A-Za-z]*\)")
_ASIDE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:(?:also|now|still|jointly)\s+)?")
_INNOVATION_OBJECT = re.compile(
    r"\s+(?:(?:it|the (?:project|programme|program|scheme|initiative|service|model))\b|[A-ZÀ-Ý])"
)
"""What an active role verb acts on when its subject is an organisation: the innovation, by name or anaphor."""
_QUOTED = re.compile(r"“([^”\n]{2,60})”")
_MUNICIPALITY_WORDS = re.compile(r"\b[Tt]he municipality\b(?![’']s)")
_POSSESSIVE_MUNICIPALITY = re.compile(r"\b[Tt]he (?:municipality|city)(?=[’']s)")


@dataclass
class _Found:
    entity: Entity
    known: bool
    cue: str
    names: set[str] = field(default_factory=set)
    parent: str | None = None


@dataclass
class Discovery:
    """What discovery found in one chapter; `relations` reads the sentences again with it."""

    chapter: Chapter
    text: str
    city: Entity
    own_innovation: Entity | None
    municipality: Entity
    """The city's municipal authority: what `the municipality` and `the city` as actors are."""
    found: dict[str, _Found] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    known_mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    by_name: dict[str, str] = field(default_factory=dict)
    """Folded name → IRI, for the acronyms and short names the text uses after introducing an entity."""

    def entities(self) -> tuple[ReadEntity, ...]:
        return tuple(
            ReadEntity(
                f.entity.iri,
                f.entity.category,
                f.entity.label,
                tuple(sorted(f.names)),
                f.known,
                f.cue,
                f.parent,
            )
            for f in sorted(self.found.values(), key=lambda f: f.entity.iri)
        )

    def all_mentions(self) -> list[Mention]:
        return sorted({*self.known_mentions, *self.mentions}, key=lambda m: (m.start, m.end, m.entity.iri))

    def add(self, item: Entity, known: bool, cue: str, start: int, end: int, *names: str) -> None:
        found = self.found.get(item.iri)
        if found is None:
            found = self.found[item.iri] = _Found(item, known, cue)
        for name in names:
            if name.strip():
                found.names.add(name.strip())
                self.by_name.setdefault(fold_name(name), item.iri)
        if end > start:
            mention = Mention(item, start, end, self.chapter.text[start:end])
            if mention not in self.known_mentions:
                self.mentions.append(mention)

    def entity(self, iri: str) -> Entity | None:
        found = self.found.get(iri)
        return found.entity if found else None


def fold_name(name: str) -> str:
    """The form names are compared in: folded, quotes and a leading `the` dropped, spaces squeezed."""
    words = [fold(w) for w in re.findall(r"\w+", name.replace("’", "'"))]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def mint(category: str, label: str) -> Entity:
    return Entity(entity(_MINTED_KIND[category], slugify(label)).value, category, label)


def _resolve_shared_labels(mentions: Iterable[Mention], gazetteer: Gazetteer, city: Entity) -> list[Mention]:
    """One entity per span: where a label names several, the one that serves the chapter's city wins; and
    an organisation serving elsewhere gives way to its local sibling branch."""
    by_span: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_span[(mention.start, mention.end)].append(mention)
    kept: list[Mention] = []
    for span in sorted(by_span):
        group = by_span[span]
        if len(group) > 1:
            local = [m for m in group if gazetteer.serves(m.entity.iri, city.iri)]
            unplaced = [m for m in group if not gazetteer.serving.get(m.entity.iri)]
            group = local or unplaced or group
            group = group[:1]
        for mention in group:
            branch = gazetteer.local_branch(mention.entity.iri, city.iri)
            if branch != mention.entity.iri:
                mention = Mention(gazetteer.reference.entities[branch], mention.start, mention.end, mention.exact)
            kept.append(mention)
    return kept


def _own_innovation(chapter: Chapter, gazetteer: Gazetteer, discovery: Discovery) -> None:
    """An innovation chapter's title names its innovation: `37. Buurtwinkels …, BOOT – Neighbourhood Stores …`."""
    title = chapter.title
    if title.kind is not ChapterKind.INNOVATION or not title.name:
        return
    reference = gazetteer.reference
    name = title.name
    names = [name, *(other for other in (title.acronym, title.gloss) if other)]
    words = name.split()
    if words and words[0] in ("The", "A", "An"):
        names.append(" ".join(words[1:]))
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in INNOVATION_WORDS:
        names.append(" ".join(words[:-1]))
    known_iri = reference.innovation_by_chapter.get(title.number or -1)
    known = reference.entities.get(known_iri) if known_iri else None
    for candidate in names:
        known = known or reference.find("innovation", candidate)
    label = " ".join(words) if words else name
    own = known or mint("innovation", label)
    start = chapter.text.index(title.text) if title.text in chapter.text else 0
    discovery.own_innovation = own
    discovery.add(own, known is not None, "title", start, start + len(title.text), *names)


def _organisation_by_role(text: str, name: Name, sentence: Sentence) -> tuple[str, str] | None:
    """An organisation for the part the sentence gives it: the agent of a role (`financed by A, B and C`,
    `in co-operation with X`, `X runs the project`) or a name introduced with an acronym (`X (DWNO)`).
    People and places have had their cues by now; a lone word opening a sentence may be grammar."""
    if (name.opens_sentence and " " not in name.text) or words_of(name.text)[-1] in _NOT_ORGANISATION_HEADS:
        return None
    if re.match(r"\s+" + _ORG_HEAD + r"\b", text[name.end : sentence.end]):
        # `the Stockholm City administration`: the name modifies the agent, a lower-case head.
        return None
    if " " in name.text and _ACRONYM_AFTER.match(text, name.end, sentence.end):
        return "org", "acronym-introduced"
    for rule in RULES:
        if rule.shape in (Shape.PASSIVE, Shape.AFTER, Shape.COMPANION, Shape.WITH_INNOVATION):
            for match in rule.pattern.finditer(text, sentence.start, name.start):
                if _AGENT_LIST.fullmatch(text, match.end(), name.start):
                    return "org", f"role-agent:{rule.name}"
        elif (
            rule.shape is Shape.ACTIVE
            and (verb := rule.pattern.match(text, _skip_aside(text, name.end)))
            and _INNOVATION_OBJECT.match(text, verb.end(), sentence.end)
        ):
            return "org", f"role-agent:{rule.name}"
    return None


def _skip_aside(text: str, position: int) -> int:
    aside = _ASIDE.match(text, position)
    return aside.end() if aside else position


def _typed(discovery: Discovery, name: Name, sentence: Sentence) -> tuple[str, str] | None:
    return (
        category_by_words(name.text)
        or category_by_context(discovery.text, name, sentence.start)
        or category_by_apposition(discovery.text, name, sentence.start, sentence.end)
        or category_by_personal_act(discovery.text, name)
    )


_LOWER_TAIL = re.compile(r"(?:\s+[a-zà-ÿ][\w’'-]*){1,4}(?=\s*[\[(])")


def _extended(text: str, name: Name, limit: int) -> Name:
    """`the association Rase pas mon quartier [“Don’t demolish …”]`: a foreign name goes on in lower case up
    to the bracket that glosses it."""
    tail = _LOWER_TAIL.match(text, name.end, limit)
    if tail is None:
        return name
    return Name(name.start, tail.end(), text[name.start : tail.end()], name.opens_sentence, name.article)


def _with_romance_tail(text: str, name: Name, limit: int) -> Name:
    """`the Agence de développement social`: a Romance name goes on in lower case after its capitals."""
    end = romance_tail(text, name.end, limit, ANY_TRIGGER)
    if end == name.end:
        return name
    return Name(name.start, end, text[name.start : end], name.opens_sentence, name.article)


def _register(discovery: Discovery, gazetteer: Gazetteer, category: str, cue: str, name: Name) -> Entity:
    reference = gazetteer.reference
    label = name.text
    known = reference.find(category, label) or reference.find(category, f"{name.article} {label}".strip())
    iri = discovery.by_name.get(fold_name(label))
    item = known or (discovery.entity(iri) if iri else None) or mint(category, label)
    names = [label, f"{name.article} {label}"] if name.article in ("A", "An") else [label]
    discovery.add(item, known is not None or item.iri in reference.entities, cue, name.start, name.end, *names)
    return item


def _bracketed(discovery: Discovery, gazetteer: Gazetteer, item: Entity | None, name: Name) -> Entity | None:
    """`Family Allowance Office (CAF)`, `Hogeschool van Amsterdam (HvA, Amsterdam University of Applied Sciences)`:
    what the brackets hold names the same thing. A known name in them makes the outer name one of its labels."""
    text = discovery.text
    match = _BRACKET.match(text, name.end)
    if not match:
        return item
    parts: list[tuple[int, int, str]] = []
    offset = match.start(1)
    for piece in re.split(r"([,;])", match[1]):
        if piece not in (",", ";"):
            stripped = piece.strip()
            if stripped:
                begin = offset + piece.index(stripped)
                parts.append((begin, begin + len(stripped), stripped))
        offset += len(piece)
    if any(re.search(r"\d", part) for _, _, part in parts):
        return item
    if item is None:
        for _, _, part in parts:
            for category in ("org", "innovation", "place"):
                if known := gazetteer.reference.find(category, part):
                    item = known
                    discovery.add(known, True, "reference", name.start, name.end, name.text)
                    break
            if item:
                break
    if item is None:
        return None
    for begin, end, part in parts:
        if part[:1].isupper() or is_acronym(part) or " " not in part:
            discovery.add(item, item.iri in gazetteer.reference.entities, "bracket", begin, end, part)
    return item


class _Spans:
    """Sorted spans that answer `does one of you contain [start, end)?` by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._longest = max((end - start for start, end in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        low = bisect.bisect_left(self._spans, (start - self._longest, -1))
        high = bisect.bisect_left(self._spans, (end, -1))
        return any(a < end and start < b for a, b in self._spans[low:high])

    def contains(self, start: int, end: int) -> bool:
        low = bisect.bisect_left(self._spans, (start - self._longest, -1))
        high = bisect.bisect_right(self._spans, (start, end + 1))
        return any(a <= start and end <= b for a, b in self._spans[low:high])


def mentions_within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (sorted by start) that begin inside `[start, end)`."""
    first = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    last = bisect.bisect_left(mentions, end, key=lambda m: m.start)
    return mentions[first:last]


def _possessed_organisations(
    discovery: Discovery, gazetteer: Gazetteer, sentence: Sentence, mentions: list[Mention]
) -> None:
    """`the municipality's department for work and income`, `the labour market administration of the
    neighbouring City of Sundbyberg`: a part of an organisation, named after its owner."""
    text = discovery.text
    owners = mentions_within(mentions, sentence.start, sentence.end)
    owners += _municipality_words(discovery, gazetteer, sentence, possessive=True)
    for owner in owners:
        if owner.entity.category not in ("org", "city"):
            continue
        owner_entity = gazetteer.municipality(owner.entity) if owner.entity.category == "city" else owner.entity
        owner_name = text[owner.start : owner.end]
        if (after := _POSSESSED.match(text, owner.end, sentence.end)) is not None:
            before = text[sentence.start : owner.start].rstrip()
            if before.endswith(","):
                # `Jobbtorg, the city's job centres`: an apposition renames what precedes it.
                continue
            _part_of(discovery, gazetteer, owner_entity, owner_name, after[1], after.start(1), after.end(1))
        head = text[max(sentence.start, owner.start - 80) : owner.start]
        if (of := _OF_OWNER.search(head)) is not None:
            start = max(sentence.start, owner.start - 80) + of.start(1)
            _part_of(discovery, gazetteer, owner_entity, owner_name, of[1], start, owner.end)


def _part_of(
    discovery: Discovery, gazetteer: Gazetteer, owner: Entity, owner_name: str, phrase: str, start: int, end: int
) -> None:
    owner_name = re.sub(r"^the\s+", "", owner_name)
    full = f"{phrase[:1].upper()}{phrase[1:]} of the {owner_name}"
    known = None
    for variant in (full, f"{phrase} of {owner_name}", f"{phrase} of {owner.label}", f"{phrase} of the {owner.label}"):
        known = known or gazetteer.reference.find("org", variant)
    item = known or mint("org", f"{phrase[:1].upper()}{phrase[1:]} of {owner.label}")
    surface = discovery.chapter.text[start:end]
    discovery.add(item, known is not None, "part-of", start, end, surface, full)
    if known is None:
        discovery.found[item.iri].parent = owner.iri


def _municipality_words(
    discovery: Discovery, gazetteer: Gazetteer, sentence: Sentence, possessive: bool = False
) -> list[Mention]:
    """`the municipality` (and `the city`, when possessive) in a city's chapter is that city's municipality."""
    text = discovery.text
    pattern = _POSSESSIVE_MUNICIPALITY if possessive else _MUNICIPALITY_WORDS
    municipality = discovery.municipality
    return [
        Mention(municipality, m.start(), m.end(), discovery.chapter.text[m.start() : m.end()])
        for m in pattern.finditer(text, sentence.start, sentence.end)
    ]


def _lower_case_innovations(discovery: Discovery, sentences: list[Sentence]) -> None:
    """`Their neighbourhood fathers project` (owned or acted on; otherwise a curation candidate); and after
    `The first innovation concerns work.`, the thing the next sentence says was run or launched
    (`work corporations (werkcorporaties)`)."""
    text = discovery.text
    announced = False
    for sentence in sentences:
        chunk = text[sentence.start : sentence.end]
        for match in _LOWER_INNOVATION.finditer(chunk):
            phrase, modifiers = match[2], match[2].split()[:-1]
            if any(word in _NOT_MODIFIERS or word in LEADING_WORDS or word in CONNECTORS for word in modifiers):
                continue
            if all(word in _GENERIC_MODIFIERS for word in modifiers):
                continue
            start = sentence.start + match.start(2)
            if referred := _named_before(discovery, modifiers):
                discovery.add(referred, discovery.found[referred.iri].known, "description", start, start + len(phrase))
            elif (
                match[1].lower() in ("their", "its", "our")
                or _ACTED_ON.match(chunk, match.end())
                or _GLOSSED.match(chunk, match.end())
            ):
                # `Their neighbourhood fathers project is supported by …`: owned or acted on, so a thing of its own.
                item = mint("innovation", phrase)
                discovery.add(item, False, "lower-case-project", start, start + len(phrase), phrase)
            else:
                discovery.candidates.append(
                    Candidate(discovery.chapter.identifier, phrase, start, start + len(phrase), "description")
                )
        if announced and (introduced := _INTRODUCED.search(chunk)):
            noun, translation = introduced[1], introduced[2]
            item = mint("innovation", noun)
            start = sentence.start + introduced.start(1)
            discovery.add(item, False, "announced-innovation", start, start + len(noun), noun, translation)
            discovery.add(item, False, "announced-innovation", start, start, f"{noun} ({translation})")
            announced = False
        if _ORDINAL_INNOVATION.match(chunk):
            announced = True


def _named_before(discovery: Discovery, modifiers: list[str]) -> Entity | None:
    """`the renovation programme` after `support for housing self-renovation`: a description that shares a
    word with an innovation the chapter already names refers back to it."""
    words = {part for word in modifiers for part in fold(word).split("-") if len(part) > 3}
    for found in discovery.found.values():
        if found.entity.category == "innovation":
            named = {part for name in (found.entity.label, *found.names) for part in re.split(r"[\s-]+", fold(name))}
            if words & named:
                return found.entity
    return None


def discover(
    chapter: Chapter, text: str, city: Entity, sentences: list[Sentence], gazetteer: Gazetteer, known: list[Mention]
) -> Discovery:
    """Read one chapter's entities. `text` is the source with footnote digits blanked; `known` the lexicon's
    mentions of curated entities."""
    resolved = _resolve_shared_labels(known, gazetteer, city)
    discovery = Discovery(chapter, text, city, None, gazetteer.municipality(city), known_mentions=resolved)
    for mention in resolved:
        if mention.entity.category in PEOPLE_AND_THINGS:
            discovery.add(mention.entity, True, "reference", 0, 0, mention.exact)
    _own_innovation(chapter, gazetteer, discovery)
    covered = _Spans((m.start, m.end) for m in resolved)
    names = [(sentence, name) for sentence in sentences for name in spot_names(text, sentence.start, sentence.end)]
    mid_sentence = {fold_name(name.text) for _, name in names if not name.opens_sentence}
    untyped: list[tuple[Sentence, Name]] = []
    for sentence, name in names:
        if fold_name(name.text) in _NOT_NAMES or all(
            w in CONNECTORS or w in LEADING_WORDS for w in words_of(name.text)
        ):
            # `Les` before `compagnons bâtisseurs`: an article on its own names nothing.
            continue
        if covered.contains(name.start, name.end):
            if (covering := _covering(discovery, name)) is not None:
                _bracketed(discovery, gazetteer, covering, name)
                continue
        elif gazetteer.lexicon.knows(name.text):
            continue
        if (own := _abbreviated_title(discovery, name)) is not None:
            # `CODHA` in the chapter on `Coopérative de l’habitat associatif`: the acronym of its own innovation.
            discovery.add(own, discovery.found[own.iri].known, "title-acronym", name.start, name.end, name.text)
            continue
        # A keyword's label can name an organisation too: `the European Social Fund` pays for a project.
        typed = _typed(discovery, name, sentence)
        if typed is None and _PATIENT_OF_LAUNCH.match(text, name.end, sentence.end) and " " in name.text:
            typed = ("innovation", "patient-of-launch")
        if typed is None and fold_name(name.text) not in discovery.by_name:
            typed = _organisation_by_role(text, name, sentence)
        if typed is None:
            if _bracketed(discovery, gazetteer, None, name) is None:
                untyped.append((sentence, name))
            continue
        category, cue = typed
        if cue.startswith("after:") and category in ("org", "innovation"):
            name = _extended(text, name, sentence.end)
        elif category == "org" and leads_romance_name(words_of(name.text)):
            name = _with_romance_tail(text, name, sentence.end)
        item = _register(discovery, gazetteer, category, cue, name)
        _bracketed(discovery, gazetteer, item, name)
    for sentence in sentences:
        for mention in _municipality_words(discovery, gazetteer, sentence):
            discovery.add(mention.entity, mention.entity.iri in gazetteer.reference.entities, "anaphor", 0, 0)
            discovery.known_mentions.append(mention)
    mentions = discovery.all_mentions()
    for sentence in sentences:
        _possessed_organisations(discovery, gazetteer, sentence, mentions)
    _lower_case_innovations(discovery, sentences)
    _authorities(discovery, gazetteer, sentences)
    _branches(discovery, sentences)
    _header_country(discovery, gazetteer)
    _every_mention(discovery, sentences)
    _quoted_candidates(discovery, sentences)
    for _, name in untyped:
        if (iri := discovery.by_name.get(fold_name(name.text))) and (alias_of := discovery.entity(iri)):
            discovery.add(alias_of, discovery.found[iri].known, "alias", name.start, name.end, name.text)
        elif not (name.opens_sentence and " " not in name.text and fold_name(name.text) not in mid_sentence):
            kind = "acronym" if is_acronym(name.text) else "name"
            discovery.candidates.append(Candidate(chapter.identifier, name.text, name.start, name.end, kind))
    return discovery


def _abbreviated_title(discovery: Discovery, name: Name) -> Entity | None:
    """The chapter's own innovation, when the name is an acronym that spells its title's name or gloss."""
    own, title = discovery.own_innovation, discovery.chapter.title
    if own is None or not is_acronym(name.text) or " " in name.text:
        return None
    return own if any(abbreviates(name.text, long) for long in (title.name, title.gloss) if long) else None


def _authorities(discovery: Discovery, gazetteer: Gazetteer, sentences: list[Sentence]) -> None:
    """`the province of Gelderland`: a regional authority, named after its territory."""
    for sentence in sentences:
        for match in _AUTHORITY_OF.finditer(discovery.text, sentence.start, sentence.end):
            label = f"{match[1].capitalize()} of {match[2]}"
            item = gazetteer.reference.find("org", label) or mint("org", label)
            known = item.iri in gazetteer.reference.entities
            discovery.add(item, known, "authority-of-territory", match.start(), match.end(), match[0], label, match[2])


def _branches(discovery: Discovery, sentences: list[Sentence]) -> None:
    """`Tandem, a regional branch of the Dutch welfare federation`: a discovered organisation's parent."""
    mentions = [m for m in discovery.all_mentions() if m.entity.category == "org"]
    for sentence in sentences:
        inside = mentions_within(mentions, sentence.start, sentence.end)
        for child, parent in itertools.pairwise(inside):
            found = discovery.found.get(child.entity.iri)
            link = _BRANCH_OF.fullmatch(discovery.text, child.end, parent.start)
            if found is not None and not found.known and link and child.entity.iri != parent.entity.iri:
                found.parent = parent.entity.iri


def _header_country(discovery: Discovery, gazetteer: Gazetteer) -> None:
    """The header's country line (`NL The Netherlands`) names the chapter's country."""
    header = discovery.chapter.header
    if header is None or not header.country_code or not header.country_name:
        return
    iri = gazetteer.reference.printed_country_codes.get(header.country_code.upper())
    country = gazetteer.reference.entities.get(iri) if iri else None
    if country is not None:
        # Named, but outside the chapter's text proper: an entity of the reading without a mention.
        discovery.add(country, True, "header", 0, 0, header.country_name)


def _every_mention(discovery: Discovery, sentences: list[Sentence]) -> None:
    """Once an entity is discovered, each later use of one of its names is a mention of it too. Acronyms
    must match in capitals; other names in any case."""
    by_name: dict[str, Entity] = {}
    for found in sorted(discovery.found.values(), key=lambda f: f.entity.iri):
        if not found.known:
            for name in found.names:
                if len(name) > 1:
                    by_name.setdefault(name if is_acronym(name) else name.casefold(), found.entity)
    if not by_name:
        return
    names = sorted(by_name, key=lambda n: (-len(n), n))
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) if is_acronym(n) else f"(?i:{re.escape(n)})" for n in names) + r")(?!\w)"
    )
    taken = _Spans((m.start, m.end) for m in discovery.all_mentions())
    for sentence in sentences:
        for match in pattern.finditer(discovery.text, sentence.start, sentence.end):
            item = by_name.get(match[0]) or by_name.get(match[0].casefold())
            if item is not None and not taken.overlaps(match.start(), match.end()):
                discovery.add(item, False, "repeated", match.start(), match.end())


def _quoted_candidates(discovery: Discovery, sentences: list[Sentence]) -> None:
    """A short quoted phrase (`“contrat enfance-jeunesse”`) may name a programme: too weak to type, so a
    curation candidate unless a mention already covers it."""
    taken = _Spans((m.start, m.end) for m in discovery.all_mentions())
    for sentence in sentences:
        for match in _QUOTED.finditer(discovery.text, sentence.start, sentence.end):
            start, end = match.start(1), match.end(1)
            if len(match[1].split()) <= 6 and not taken.contains(start, end):
                text = discovery.chapter.text[start:end]
                discovery.candidates.append(Candidate(discovery.chapter.identifier, text, start, end, "quoted"))


def _covering(discovery: Discovery, name: Name) -> Entity | None:
    for mention in discovery.known_mentions:
        if mention.start <= name.start and name.end <= mention.end and mention.entity.category in PEOPLE_AND_THINGS:
            return mention.entity
    return None
