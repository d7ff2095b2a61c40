"""Who does what in each innovation: the rules of `roles` applied clause by clause.

The innovation a clause speaks of is the one it names, or, for `it`, `its`, `the project` and the nouns
the chapter uses for its own innovation (`BOOT is a network of … stores` → `the stores`), the innovation
in focus: the chapter's own in an innovation chapter, otherwise the one named last in the paragraph.
`the municipality` and `the city` as actors are the chapter city's municipality.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from wilcokg.reading.discovery import Discovery, mentions_within
from wilcokg.reading.gazetteer import Gazetteer
from wilcokg.reading.mentions import Mention
from wilcokg.reading.model import Attribute, Relation
from wilcokg.reading.roles import ANY_TRIGGER, RULES, Rule, Shape
from wilcokg.reading.sentences import Sentence
from wilcokg.reference import Entity

_ACTOR_CATEGORIES = frozenset({"org", "person"})
_PARENTHETICAL = re.compile(r"[^()]*\)\s*$|\([^()]*\)")
"""A bracketed aside, or (for a reference inside one) the rest of it up to its closing bracket."""
_THE_CITY = re.compile(r"\b[Tt]he city(?: council)?\b(?![’']s)")
_CLAUSE_BREAK = re.compile(r";|:|\s[–—]\s|,\s+(?=which\b|who\b|whose\b|while\b|but\b|whereas\b)|\.\s")
_GENERIC_ANAPHORS = (
    r"it|its|the (?:project|programme|program|scheme|initiative|experiment|innovation|service|process|pilot|centre"
    r"|center)"
)
_DEFINITION = re.compile(
    r"\s+(?:is|was|are)\s+(?:a|an)\s+((?:[\w-]+\s+){0,3}?)([a-z]+)(?:\s+of\s+(?:\w+\s+){0,3}?([a-z]+s))?\b"
)
_ACTOR_GAP = re.compile(
    r"^(?:[\s,()]|\b(?:and|or|the|its|also|has|have|had|jointly|both|together|now|first"
    r"|later|which|who|that|as well as|along with|\w+ly"
    r"|(?:volunteered|decided|agreed|chose|wanted|helped|began|continued|(?:was|were|is|are) (?:chosen|asked)) to"
    r"|at the (?:start|end|beginning) of \d{4}|in \d{4}|(?:[A-Z][\w’']*))\b)*$"
)
"""Between coordinated agents and their verb: `and`, `as well as`, commas, a relative pronoun (`It was X that
launched it`), an adverb (`fully supports`), a verb of will (`which volunteered to carry the project`) and the
words of a name. Not `is` or `was`: `X was launched by …` is a passive; a progressive's auxiliary is part of
its trigger (`is funding`)."""
_AGENT_GAP = re.compile(
    r"^(?:[\s,()–]|\b(?:and|or|by|with|together with|as well as|along with|both|jointly|of|respectively)\b"
    r"|\b(?!(?:which|who|that|whose|while|but|in|for|to|from|on|at|as)\b)[a-z][\w-]*\b)*$"
)
"""Between coordinated agents: `and`, commas, dashes, `with`, and descriptive words (`the housing
corporation Portaal`, `public bodies – Lille Metropolis`)."""
_SUBJECT_GAP = re.compile(r"\s*(?:\b(?:also|has|have|had|is|are|was|were|been|now|still|\w+ly)\b\s*)*")
"""Between an innovation as subject and its verb: `The project has also worked closely with …`."""
_OBJECT_RELATIVE = re.compile(r"\s*,?\s*(?:which|that)\s+(?:the\s+)?")
"""Between an innovation and the subject of a relative clause of which it is the object: `The project, which the`."""
_OF_ANOTHER = re.compile(r"\s*(?:of|in|for|to|with|at)\s+(?:the\s+)?$")
"""A role noun's complement that names an organisation, not the innovation: `a partner of the Foundation`."""
_PATIENT_GAP = re.compile(r"^(?:[\s,]|\b(?:and|both|the|as well as)\b)*$")
_RESPECTIVELY = re.compile(r"\brespectively\b")
_NEGATED = re.compile(
    r"\b(?:not|never|no|neither|nor|declined to|refused to|failed to|ceased to|stopped|cannot|can't"
    r"|didn't|doesn't|don't|won't|wouldn't|hasn't|haven't|isn't|aren't|wasn't|weren't"
    r"|would|could|might|may|should|shall|if|unless|whether"
    r"|(?:plans?|planned|planning|intends?|intended|hopes?|hoped|aims?|aimed|proposed|proposes|promised|wants?)\s+to"
    r"|(?:is|are|was|were|been) (?:asked|invited|expected|supposed|due|set|going|about|likely) to)"
    r"\s+(?:\w+\s+){0,2}$"
)
"""Words that deny the trigger after them (`the ministry declined to finance the programme`, `has not funded`)
or leave it a wish or a plan (`the region would fund it`, `was asked to run it`, `plans to support it`)."""
_START_YEAR = re.compile(
    r"\b(?:launched|set up|founded|created|started|opened|began|established|introduced|running since|since)"
    r"\b[^.;]{0,40}?\b((?:19|20)\d\d)\b"
)


@dataclass(frozen=True, slots=True)
class _Ref:
    start: int
    end: int
    iri: str
    innovation: bool


@dataclass(frozen=True, slots=True)
class _Known:
    entity: Entity
    known: bool


def _anaphora(discovery: Discovery) -> re.Pattern[str]:
    """`it`, `the project`, and the nouns a definitional sentence gives the chapter's own innovation."""
    heads: set[str] = set()
    own = discovery.own_innovation
    if own is not None:
        for mention in discovery.all_mentions():
            if mention.entity.iri == own.iri and (found := _DEFINITION.match(discovery.text, mention.end)):
                heads.update(word for word in (found[2], found[3]) if word)
                break
        heads -= {"way", "part", "kind", "form", "type", "means", "result"}
    nouns = "|".join(sorted(heads))
    extra = rf"|the (?:{nouns})" if nouns else ""
    return re.compile(rf"\b(?:{_GENERIC_ANAPHORS}{extra})\b", re.IGNORECASE)


def _first_innovation(mentions: list[Mention], sentence: Sentence) -> str | None:
    return next(
        (
            m.entity.iri
            for m in mentions_within(mentions, sentence.start, sentence.end)
            if m.entity.category == "innovation"
        ),
        None,
    )


def _clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    bounds = [sentence.start]
    bounds += [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    bounds.append(sentence.end)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _refs(
    discovery: Discovery,
    sentence: Sentence,
    mentions: list[Mention],
    anaphora: re.Pattern[str],
    focus: str | None,
    municipality: _Known,
) -> list[_Ref]:
    refs: list[_Ref] = []
    for mention in mentions_within(mentions, sentence.start, sentence.end):
        category = mention.entity.category
        if category == "innovation" or category in _ACTOR_CATEGORIES:
            refs.append(_Ref(mention.start, mention.end, mention.entity.iri, category == "innovation"))
    named = list(refs)
    if focus:
        for match in anaphora.finditer(discovery.text, sentence.start, sentence.end):
            # `The Centre Social runs it`: a word of a name is not the anaphor `the centre`.
            if not any(r.start < match.end() and match.start() < r.end for r in named):
                refs.append(_Ref(match.start(), match.end(), focus, True))
    for match in _THE_CITY.finditer(discovery.text, sentence.start, sentence.end):
        refs.append(_Ref(match.start(), match.end(), municipality.entity.iri, False))
    # Of nested references the outermost wins: `the labour market administration of the City of Sundbyberg`.
    refs.sort(key=lambda r: (r.start, -r.end))
    kept: list[_Ref] = []
    for ref in refs:
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    return kept


def _group(refs: list[_Ref], text: str, gap: re.Pattern[str], anchor: int, before: bool) -> list[_Ref]:
    """The actors coordinated next to `anchor`: nearest first, while only `and`, commas and the like stand between."""
    actors = [r for r in refs if not r.innovation]
    chosen: list[_Ref] = []
    edge = anchor
    ordered = sorted((r for r in actors if r.end <= anchor), key=lambda r: -r.end) if before else actors
    for ref in ordered:
        if not before and ref.start < anchor:
            continue
        if before and ref.end <= edge and _PARENTHETICAL.fullmatch(text, ref.start, edge):
            # Inside a bracket between the agent and its verb: `the Ministry (whose … Youth) ran`.
            continue
        between = _PARENTHETICAL.sub(" ", text[ref.end : edge] if before else text[edge : ref.start])
        if not gap.match(between) or (not before and ANY_TRIGGER.search(between)):
            # `run by X, funded by Y`: another trigger starts another list of agents.
            break
        chosen.append(ref)
        edge = ref.start if before else ref.end
    return chosen


def _coordinated(innovations: list[_Ref], text: str) -> list[_Ref]:
    """The innovations joined by `and` that end nearest the trigger: `A and B were both started by …`."""
    chosen: list[_Ref] = []
    for ref in reversed(innovations):
        if chosen and not _PATIENT_GAP.match(text[ref.end : chosen[-1].start]):
            break
        chosen.append(ref)
    return list(reversed(chosen))


def _apply(
    rule: Rule,
    match: re.Match[str],
    clause: list[_Ref],
    sentence: list[_Ref],
    text: str,
    focus: str | None,
) -> list[tuple[str, str]]:
    """(innovation, actor) pairs that one trigger states. Agents may be sought across the clause breaks of
    the sentence (a relative clause's antecedent, a dash before the named agents); patients are sought
    in the trigger's own clause."""
    before = [r for r in clause if r.end <= match.start()]
    after = [r for r in clause if r.start >= match.end()]
    if rule.shape is Shape.WITH_INNOVATION:
        if not before or not before[-1].innovation or not _SUBJECT_GAP.fullmatch(text, before[-1].end, match.start()):
            # `The Family Allowance Office works with the project`: an organisation as subject is `active`.
            return _apply_active(rule, match, sentence, after, text, focus)
        agents = _group(after, text, _AGENT_GAP, match.end(), before=False)
        return _pairs([before[-1]], agents)
    if rule.shape in (Shape.ACTIVE, Shape.STANDING):
        return _apply_active(rule, match, sentence, after, text, focus)
    if rule.shape is Shape.PASSIVE:
        patients = _coordinated([r for r in before if r.innovation], text)
        later = [r for r in sentence if r.start >= match.end()]
        agents = _group(later, text, _AGENT_GAP, match.end(), before=False)
        if len(patients) > 1 and len(patients) == len(agents) and _RESPECTIVELY.search(text, match.end()):
            return [(p.iri, a.iri) for p, a in zip(patients, agents, strict=True) if p.iri != a.iri]
        return _pairs(patients, agents)
    named = [r for r in before if r.innovation]
    innovation = named[-1].iri if named else focus
    if rule.shape is Shape.AFTER:
        agents = [r for r in after if not r.innovation]
    else:
        agents = _group(after, text, _AGENT_GAP, match.end(), before=False)
    if rule.shape is Shape.REFERRAL:
        innovation = focus
    return _pairs([_Ref(0, 0, innovation, True)] if innovation else [], agents)


def _apply_active(
    rule: Rule, match: re.Match[str], sentence: list[_Ref], after: list[_Ref], text: str, focus: str | None
) -> list[tuple[str, str]]:
    """Agents before the trigger, the innovation after it; a standing role without one is in the innovation in
    focus, unless the role is of another organisation (`X is a partner of the Y Foundation`)."""
    earlier = [r for r in sentence if r.end <= match.start()]
    agents = _group(earlier, text, _ACTOR_GAP, match.start(), before=True)
    patients = [r for r in after if r.innovation][:1]
    if not patients and agents and rule.shape is Shape.ACTIVE:
        # `The project, which the city finances, grew`: the object is the relative pronoun's antecedent.
        antecedents = [r for r in earlier if r.innovation and r.end <= agents[-1].start]
        if antecedents and _OBJECT_RELATIVE.fullmatch(text, antecedents[-1].end, agents[-1].start):
            patients = antecedents[-1:]
    if not patients and rule.shape is Shape.STANDING and focus:
        if after and _OF_ANOTHER.match(text, match.end(), after[0].start):
            return []
        patients = [_Ref(match.start(), match.end(), focus, True)]
    return _pairs(patients, agents)


def _pairs(patients: list[_Ref], agents: list[_Ref]) -> list[tuple[str, str]]:
    return [(p.iri, a.iri) for p in patients for a in agents if a.iri != p.iri]


def _name_the_city(discovery: Discovery, municipality: _Known, sentence: Sentence) -> None:
    """`the city` is the municipality only where it acts: `in the city` names no organisation."""
    for match in _THE_CITY.finditer(discovery.text, sentence.start, sentence.end):
        discovery.add(municipality.entity, municipality.known, "anaphor", match.start(), match.end())


def extract_relations(
    discovery: Discovery, sentences: list[Sentence], gazetteer: Gazetteer
) -> tuple[tuple[Relation, ...], tuple[Attribute, ...]]:
    text = discovery.text
    city_authority = discovery.municipality
    municipality = _Known(city_authority, city_authority.iri in gazetteer.reference.entities)
    anaphora = _anaphora(discovery)
    mentions = discovery.all_mentions()
    own = discovery.own_innovation.iri if discovery.own_innovation else None
    focus = own
    paragraph = -1
    relations: dict[tuple[str, str, str, int], Relation] = {}
    attributes: set[Attribute] = set()
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            focus = own
        if own is None and (first := _first_innovation(mentions, sentence)) is not None:
            # `Parler Bambins relies on …, which carry the programme`: named, then referred to.
            focus = first
        refs = _refs(discovery, sentence, mentions, anaphora, focus, municipality)
        named = [r for r in refs if r.innovation and r.iri != focus]
        clause_focus = focus
        if not ANY_TRIGGER.search(text, sentence.start, sentence.end):
            clauses: list[tuple[int, int]] = []
        else:
            clauses = _clauses(text, sentence)
        for start, end in clauses:
            clause_refs = [r for r in refs if start <= r.start < end]
            for rule in RULES:
                for match in rule.pattern.finditer(text, start, end):
                    if _NEGATED.search(text, max(start, match.start() - 40), match.start()):
                        continue
                    for innovation, actor in _apply(rule, match, clause_refs, refs, text, clause_focus):
                        found = Relation(innovation, actor, rule.role, sentence.start, sentence.end, rule.name)
                        relations.setdefault((innovation, actor, rule.role.value, sentence.start), found)
                        if actor == municipality.entity.iri:
                            _name_the_city(discovery, municipality, sentence)
        for year in _START_YEAR.finditer(text, sentence.start, sentence.end):
            subject = named[0].iri if named else focus
            if subject:
                attributes.add(Attribute(subject, "startYear", year[1], sentence.start, sentence.end, "start-year"))
                break
        if named and own is None:
            focus = named[-1].iri
    ordered_relations = sorted(relations.values(), key=lambda r: (r.start, r.innovation, r.rule, r.actor, r.role))
    ordered_attributes = sorted(attributes, key=lambda a: (a.start, a.innovation, a.rule, a.value))
    return tuple(ordered_relations), tuple(ordered_attributes)
