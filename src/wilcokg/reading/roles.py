"""The rules that say who does what: trigger phrases per role, as data.

Each rule is named; every relation carries the name of the rule that found it, so that the benchmark
can count which rules earn their keep. A rule reads one clause in one of four shapes:

- `active`: actor … trigger … innovation (`The Hogeschool van Amsterdam runs the stores`);
- `passive`: innovation … trigger … `by` actor (`was launched in 2009 by the housing corporation Portaal`);
- `after`: innovation in the clause or in focus, actors after the trigger (`The project's partners
  include …`, `received a grant from the province of Gelderland`);
- `referral`: users reach the innovation through the actor (`Most participants come through Jobbtorg`);
- `companion`: actors right after the trigger, innovation named before it or in focus (`together with
  the architect …`);
- `standing`: the actor before the trigger holds a standing role in the innovation in focus
  (`Les compagnons bâtisseurs acts as the expert partner`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from wilcokg.reading.model import Role


class Shape(StrEnum):
    ACTIVE = "active"
    PASSIVE = "passive"
    AFTER = "after"
    REFERRAL = "referral"
    COMPANION = "companion"
    STANDING = "standing"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    role: Role
    shape: Shape
    pattern: re.Pattern[str]


_BE = (
    r"(?:\b(?:is|are|was|were|been|being|be)\s+(?:(?:\w+ly|also|jointly|partly|mainly|now|still|first|both)\s+)*"
    r"|,\s+|\s+and\s+)"
)
"""A passive's auxiliary, the comma of a reduced relative clause (`needs, carried out by the City`), or the
`and` of a coordinated one (`is run by X, funded by Y and supported by Z`)."""
_ACTS_AS = r"\b(?:acts?|serves?|acted|served) as (?:an?|the|its) (?:\w+ )?"
"""A standing taken on, before the name of the role: `acts as a partner`, `served as its lead coordinator`."""


def _words(*forms: str) -> str:
    return r"\b(?:" + "|".join(forms) + r")\b"


_PARTICIPLES = {
    Role.INITIATOR: _words(
        "launched",
        "set up",
        "founded",
        "co-founded",
        "created",
        "developed",
        "conceived",
        "introduced",
        "initiated",
        "established",
        "started",
        "designed",
    ),
    Role.FUNDER: _words(
        "funded", "co-funded", "financed", "co-financed", "subsidi[sz]ed", "paid for", "sponsored", "paid"
    ),
    Role.OPERATOR: _words(
        "run",
        "managed",
        "led",
        "owned",
        "delivered",
        "operated",
        "coordinated",
        "administered",
        "carried(?: out)?",
        "steered",
        "headed",
    ),
    Role.SUPPORTER: _words("supported", "backed", "endorsed", "recogni[sz]ed", "promoted", "championed"),
}
_ACTIVE_VERBS = {
    Role.INITIATOR: _words(
        "launch(?:ed|es)?",
        "set up",
        "sets up",
        "found(?:ed|s)",
        "co-founded",
        "creat(?:ed|es)",
        "develop(?:ed|s)",
        "conceived",
        "introduc(?:ed|es)",
        "initiat(?:ed|es)",
        "establish(?:ed|es)",
        "start(?:ed|s)",
        "design(?:ed|s)",
    ),
    Role.FUNDER: _words(
        "pa(?:ys|id) for",
        "pays",
        "finance[sd]?",
        "funds",
        "funded",
        "co-funds",
        "co-funded",
        "co-finances",
        "subsidi[sz](?:es|ed)",
        "sponsors",
    ),
    Role.OPERATOR: _words(
        "runs?",
        "ran",
        "has run",
        "manag(?:es|ed)",
        "leads",
        "led",
        "owns?",
        "owned",
        "deliver(?:s|ed)",
        "operat(?:es|ed)",
        "coordinat(?:es|ed)",
        "organi[sz](?:es|ed)",
        "administers",
        "carr(?:y|ies|ied)(?: out)?",
        "steer(?:s|ed)?",
        "heads",
    ),
    Role.SUPPORTER: _words(
        "supports?",
        "supported",
        "backs?",
        "backed",
        "endorses?",
        "endorsed",
        "recogni[sz]es?",
        "recogni[sz]ed",
        "promote[sd]",
        "champions",
    ),
    Role.PARTNER: _words(
        "co-?operates? (?:closely )?with",
        "collaborates? (?:closely )?with",
        "tak(?:e|es|ing) part in",
        "works? (?:closely )?with",
        "partners? with",
        "joined",
        "joins",
    ),
}

RULES: tuple[Rule, ...] = (
    *(
        Rule(f"passive-{role.value}", role, Shape.PASSIVE, re.compile(_BE + verb + r"(?:[^.;:]{0,40}?)\s+by\b"))
        for role, verb in _PARTICIPLES.items()
    ),
    *(Rule(f"active-{role.value}", role, Shape.ACTIVE, re.compile(verb)) for role, verb in _ACTIVE_VERBS.items()),
    Rule(
        "partners-include",
        Role.PARTNER,
        Shape.AFTER,
        re.compile(r"\b(?:partners|partner organi[sz]ations)\s+(?:include|includes|included|are|were)\b"),
    ),
    Rule(
        "in-partnership-with",
        Role.PARTNER,
        Shape.COMPANION,
        re.compile(r"\bin (?:close )?(?:partnership|co-?operation|collaboration) with\b"),
    ),
    Rule(
        "became-partner",
        Role.PARTNER,
        Shape.STANDING,
        re.compile(r"\b(?:have|has|had) (?:also )?become (?:its |a |the )?(?:\w+ )?partners?\b"),
    ),
    Rule(
        "were-investors",
        Role.FUNDER,
        Shape.STANDING,
        re.compile(
            r"\b(?:is|are|was|were|became) (?:also )?(?:the|its|a|an)\s+(?:[\w’']+\s+){0,2}?"
            r"(?:investors?|funders?|sponsors?|financiers?)\b"
        ),
    ),
    Rule(
        "led-by-role-noun",
        Role.OPERATOR,
        Shape.COMPANION,
        re.compile(
            r"\b(?:(?:its|the project[’']s|the programme[’']s)\s+(?:director|leader|manager|coordinator|head)\s*,?"
            r"|(?:project|programme)\s+(?:leader|director|manager|coordinator))(?=\s+[A-Z])"
        ),
    ),
    Rule(
        "backer-in",
        Role.SUPPORTER,
        Shape.COMPANION,
        re.compile(r"\b(?:a|an|the|its)\s+(?:\w+\s+)?(?:backer|supporter|champion|advocate|ally)\s+in\b"),
    ),
    Rule("together-with", Role.PARTNER, Shape.COMPANION, re.compile(r"\btogether with\b")),
    Rule("acts-as-partner", Role.PARTNER, Shape.STANDING, re.compile(_ACTS_AS + r"partner\b")),
    Rule(
        "acts-as-operator", Role.OPERATOR, Shape.STANDING, re.compile(_ACTS_AS + r"(?:operator|coordinator|manager)\b")
    ),
    Rule(
        "grant-from",
        Role.FUNDER,
        Shape.AFTER,
        re.compile(r"\b(?:grants?|funding|money|subsid(?:y|ies)|financial support|funds)\s+from\b"),
    ),
    Rule("with-support-of", Role.SUPPORTER, Shape.COMPANION, re.compile(r"\bwith the (?:support|backing) of\b")),
    Rule("owned-through", Role.OPERATOR, Shape.AFTER, re.compile(r"\bowns? (?:it|the \w+) through\b")),
    Rule("come-through", Role.PARTNER, Shape.REFERRAL, re.compile(r"\bcomes? (?:to it |to the \w+ )?through\b")),
    Rule("referred-by", Role.PARTNER, Shape.REFERRAL, re.compile(r"\b(?:are|is|were|was) referred (?:to it )?by\b")),
)
"""Every rule; `relations` tries each on each clause."""

ANY_TRIGGER = re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in RULES))
"""Whether a clause holds any rule's trigger: most sentences hold none, and one search rules them out."""
