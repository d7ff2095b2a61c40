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
  (`Les compagnons bâtisseurs acts as the expert partner`);
- `with-innovation`: the innovation is the subject and the actors follow (`The project cooperates with X`,
  `the scheme involves X and Y`); a clause whose subject is an organisation is read as `active` instead.
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
    WITH_INNOVATION = "with-innovation"


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
        "co-created",
        "developed",
        "conceived",
        "devised",
        "pioneered",
        "invented",
        "instigated",
        "introduced",
        "initiated",
        "established",
        "started",
        "designed",
    ),
    Role.FUNDER: _words(
        "funded",
        "co-funded",
        "financed",
        "co-financed",
        "subsidi[sz]ed",
        "paid for",
        "sponsored",
        "paid",
        "bankrolled",
        "underwritten",
        "financially supported",
        "supported financially",
    ),
    Role.OPERATOR: _words(
        "run",
        "managed",
        "led",
        "owned",
        "delivered",
        "operated",
        "coordinated",
        "co-ordinated",
        "administered",
        "carried(?: out)?",
        "steered",
        "headed",
        "organi[sz]ed",
        "implemented",
        "hosted",
        "facilitated",
        "staffed",
        "overseen",
        "supervised",
    ),
    Role.SUPPORTER: _words(
        "supported",
        "backed",
        "endorsed",
        "recogni[sz]ed",
        "promoted",
        "championed",
        "praised",
        "advocated",
        "encouraged",
        "sustained",
    ),
}
_PROGRESSIVE = r"(?:(?:has|have|had) been|is|are|was|were)\s+(?:\w+ly\s+)?"
"""Before a present participle, the auxiliary that makes it a finite verb (`has been running the project`): a
bare `running` is as often a gerund (`the costs of running it`)."""
_MONEY = (
    r"(?:grants?|subsid(?:y|ies)|funding|funds|money|donations?|euros?|EUR|francs|CHF|zł(?:oty)?|kronor|SEK"
    r"|million|thousand|€\s?[\d.,]+|[\d.,]+\s?€)"
)
"""What a verb of giving gives when the giver funds: `awarded a grant of 20,000 euros to the project`."""
_SEPARATED_PARTICLE = r"(?=\s+(?:it|them|the \w+)\s+up\b)"
"""A phrasal verb's particle after its object: `set it up`, `set the project up`."""

_ACTIVE_VERBS = {
    Role.INITIATOR: _words(
        "launch(?:ed|es)?",
        "set up",
        "sets up",
        "set" + _SEPARATED_PARTICLE,
        "sets" + _SEPARATED_PARTICLE,
        "found(?:ed|s)",
        "co-founded",
        "creat(?:ed|es)",
        "develop(?:ed|s)",
        "conceived",
        "devis(?:ed|es)",
        "pioneer(?:ed|s)",
        "invent(?:ed|s)",
        "instigat(?:ed|es)",
        "came up with",
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
        "funds?",
        "funded",
        "co-funds",
        "co-funded",
        "co-finances",
        "subsidi[sz](?:es|ed)",
        "sponsor(?:s|ed)",
        "bankroll(?:s|ed)",
        r"cover(?:s|ed) (?:the|its|all|most|part of the) (?:\w+ )?costs",
        r"provid(?:es|ed) (?:(?:the|its|most|much|all|part|some|half|a share) (?:of )?)*(?:\w+ )?"
        r"(?:funding|funds|financing|money|grants?|subsid(?:y|ies))",
        r"contribut(?:es|ed) (?:\w+ )?(?:funding|funds|money|financially)",
        _PROGRESSIVE + r"(?:funding|financing|co-funding|co-financing|subsidi[sz]ing|sponsoring)",
        r"(?:g(?:ive|ives|ave|iven)|award(?:s|ed)?|grant(?:s|ed)?|allocat(?:es|ed)|donat(?:es|ed)|contribut(?:es|ed))"
        r"\s+(?:[\w€$£.,]+\s+){0,4}?" + _MONEY + r"\s+(?:[a-z]+\s+){0,2}?(?:to|for|towards)",
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
        "co-?ordinat(?:es|ed)",
        "organi[sz](?:es|ed)",
        "administers",
        "carr(?:y|ies|ied)(?: out)?",
        "steer(?:s|ed)?",
        "heads",
        "implement(?:s|ed)",
        "host(?:s|ed)",
        "facilitat(?:es|ed)",
        "oversees",
        "oversaw",
        "supervis(?:es|ed)",
        r"(?:is|are|was|were) (?:\w+ )?in charge of",
        r"(?:is|are|was|were) (?:\w+ )?responsible for(?: running| managing| delivering| implementing)?",
        _PROGRESSIVE
        + r"(?:running|managing|leading|operating|delivering|coordinating|co-ordinating|organi[sz]ing|hosting"
        r"|implementing|facilitating|overseeing|supervising|administering|carrying out)",
        r"t(?:ake|akes|ook|aken) over(?: the (?:running|management|co-?ordination) of)?",
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
        "champion(?:s|ed)",
        "praised",
        "advocat(?:es|ed)(?: for)?",
        r"g(?:ive|ives|ave|iven) (?:(?:its|their|his|her|full|strong|political|\w+ly)\s+)*"
        r"(?:support|backing|endorsement|blessing) (?:to|for)",
        r"st(?:and|ands|ood) (?:\w+ly )?behind",
        _PROGRESSIVE + r"(?:supporting|backing|endorsing|promoting|championing)",
    ),
    Role.PARTNER: _words(
        "co-?operates? (?:closely )?with",
        "collaborates? (?:closely )?with",
        "tak(?:e|es|ing) part in",
        "took part in",
        "participat(?:es?|ed|ing) in",
        "(?:is|are|was|were) (?:also )?involved in",
        "works? (?:closely )?with",
        "partners? with",
        "partnered with",
        "teamed up with",
        "joined forces with",
        "joined",
        "joins",
        r"(?:refer|send)(?:s|red|t)?\s+(?:[a-z-]+\s+){1,3}?to",
    ),
}
_ROLE_NOUNS = {
    Role.INITIATOR: r"(?:co-?)?(?:founders?|initiators?|originators?|instigators?|creators?)|driving force",
    Role.FUNDER: r"(?:co-?)?(?:funders?|financiers?)|sponsors?|investors?|donors?"
    r"|(?:main |principal |only )?sources? of (?:funding|finance|financing|money)",
    Role.OPERATOR: r"operators?|(?:project |programme )?(?:managers?|coordinators?|co-ordinators?)|organi[sz]ers?"
    r"|owners?|hosts?|lead (?:organi[sz]ation|partner|agency|body)"
    r"|(?:managing|implementing|responsible|coordinating) (?:body|organi[sz]ation|agency|partner)",
    Role.PARTNER: r"(?:co-?operation |cooperation |project |strategic )?partners?|collaborators?",
    Role.SUPPORTER: r"supporters?|backers?|champions?|advocates?|patrons?|allies|ally",
}
"""The nouns that name each role: `the main funder is X`, `X is one of its founders`."""
_COPULA = (
    r"\b(?:is|are|was|were|became|become|becomes|remains?|remained|has been|have been)\s+(?:also\s+|now\s+|still\s+)?"
)
_DETERMINER = r"(?:(?:one|two|some|all) of |among )?(?:the|its|their|a|an)\s+"
_QUALIFIER = r"(?:(?:main|principal|first|other|key|major|most important|only|lead|leading|two|three|original)\s+){0,2}"
_OF_THE_INNOVATION = r"(?:(?:of|in|for|behind|to) (?:it|the [a-z]+)\s+)?"

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
        re.compile(
            r"\b(?:in (?:close )?(?:partnership|co-?operation|collaboration|conjunction|association) with"
            r"|jointly with|alongside|with the (?:participation|involvement|co-?operation|collaboration) of)\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "partnership-between",
        Role.PARTNER,
        Shape.AFTER,
        re.compile(
            r"\b(?:(?:a|the|its)\s+)?(?:\w+\s+)?(?:partnership|co-?operation|collaboration|consortium|alliance)"
            r"\s+(?:between|of|with)\b"
            r"|\b(?:member organi[sz]ations|members|partners|partner organi[sz]ations)\s+(?:are|were|include[sd]?)\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "on-the-initiative-of",
        Role.INITIATOR,
        Shape.COMPANION,
        re.compile(
            r"\b(?:(?:on|at|upon) the initiative of|the (?:brainchild|idea|initiative) of"
            r"|the (?:original |first )?idea (?:(?:for|of|behind) (?:it|the \w+) )?(?:came|originated|stemmed) from"
            r"|originated (?:with|within)(?= the [A-Z]|\s+[A-Z])"
            r"|an initiative (?:of|by|from)|initiated by|(?:founders?|initiators?) (?:was|were|is|are))\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "under-the-lead-of",
        Role.OPERATOR,
        Shape.COMPANION,
        re.compile(
            r"\b(?:[Uu]nder the (?:management|leadership|direction|co-?ordination|responsibility|supervision) of"
            r"|(?:is|are|was|were) (?:\w+ )?based (?:at|in)(?= the [A-Z]|\s+[A-Z])"
            r"|(?:the )?staff (?:of|from)|(?:is|are|was|were) hosted (?:at|in)(?= the [A-Z]|\s+[A-Z]))"
        ),
    ),
    Rule(
        "possessive-funding",
        Role.FUNDER,
        Shape.STANDING,
        re.compile(r"[’']s\s+(?:\w+\s+)?(?:funding|financing|financial support|grants?|subsid(?:y|ies)|money)\b"),
    ),
    Rule(
        "possessive-initiative",
        Role.INITIATOR,
        Shape.STANDING,
        re.compile(r"[’']s\s+(?:own\s+)?(?:initiative|brainchild|idea)\b"),
    ),
    Rule(
        "possessive-support",
        Role.SUPPORTER,
        Shape.STANDING,
        re.compile(r"[’']s\s+(?:\w+\s+)?(?:support|backing|endorsement|patronage)\b"),
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
    Rule("together-with", Role.PARTNER, Shape.COMPANION, re.compile(r"\btogether with\b", re.IGNORECASE)),
    Rule("acts-as-partner", Role.PARTNER, Shape.STANDING, re.compile(_ACTS_AS + r"partner\b")),
    Rule(
        "acts-as-operator", Role.OPERATOR, Shape.STANDING, re.compile(_ACTS_AS + r"(?:operator|coordinator|manager)\b")
    ),
    Rule(
        "grant-from",
        Role.FUNDER,
        Shape.AFTER,
        re.compile(
            r"\b(?:grants?|funding|money|subsid(?:y|ies)|financial support|funds|financing|budget|donations?"
            r"|contributions?)"
            r"\s+(?:(?:\w+\s+){0,6}?)(?:comes?|came|is|are|was|were)?\s*(?:provided\s+)?from\b"
            r"|\b(?:grants?|subsid(?:y|ies)|donations?|sponsorship|funding|financing|financial support)"
            r" (?:(?:awarded|provided|given|granted) )?by\b"
            r"|\b(?:a |the )(?:\w+ )?(?:grant|subsidy|donation) of(?= the [A-Z]| [A-Z])"
            r"|\b(?:financed|funded|paid for) (?:through|via|out of) (?:a |the )?(?:\w+ )?(?:grants?|budget|funds?)"
            r" (?:of|from)\b"
            r"|\bwith (?:the )?financial (?:support|help|backing|assistance) (?:of|from)\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "with-support-of",
        Role.SUPPORTER,
        Shape.COMPANION,
        re.compile(
            r"\b(?:(?:with|has|had|have|enjoys|enjoyed|received|receives|gained|won) (?:the )?(?:(?!financial)\w+ )?"
            r"(?:support|backing|endorsement|blessing|patronage) (?:of|from)"
            r"|under the (?:auspices|patronage) of|(?:political )?support (?:came|comes) from)\b",
            re.IGNORECASE,
        ),
    ),
    *(
        Rule(
            f"is-role-noun-{role.value}",
            role,
            Shape.STANDING,
            re.compile(_COPULA + _DETERMINER + _QUALIFIER + r"(?:\w+\s+)?(?:" + nouns + r")\b"),
        )
        for role, nouns in _ROLE_NOUNS.items()
    ),
    *(
        Rule(
            f"role-noun-is-{role.value}",
            role,
            Shape.AFTER,
            re.compile(
                r"(?:\b(?:[Ii]ts|[Tt]heir|[Tt]he)\s+|[’']s\s+|^|(?<=[.:;]\s))"
                + _QUALIFIER
                + r"(?:"
                + nouns
                + r")\s+"
                + _OF_THE_INNOVATION
                + r"(?:is|are|was|were|include[sd]?|has been|have been)\b",
                re.IGNORECASE,
            ),
        )
        for role, nouns in _ROLE_NOUNS.items()
    ),
    Rule(
        "works-with",
        Role.PARTNER,
        Shape.WITH_INNOVATION,
        re.compile(
            r"\b(?:co-?operat(?:es?|ed|ing)|collaborat(?:es?|ed|ing)|works?|worked|working|partner(?:s|ed)?"
            r"|teamed up|joined forces|liaises?|liaised) (?:closely |together |jointly )?with"
            r"|\b(?:involves|involved|brings together|brought together|unites|united|gathers|gathered)\b"
        ),
    ),
    Rule(
        "lies-with",
        Role.OPERATOR,
        Shape.COMPANION,
        re.compile(
            r"\b(?:management|responsibility|co-?ordination|running|leadership|organi[sz]ation)\s+(?:\w+\s+){0,4}?"
            r"(?:lies|lay|rests|rested|is|was) with"
            r"|\b(?:is|are|was|were) in the hands of|\b(?:is|was) the responsibility of",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "funded-through",
        Role.FUNDER,
        Shape.PASSIVE,
        re.compile(
            _BE + r"(?:\w+ly\s+)?(?:funded|co-funded|financed|co-financed|paid for|subsidi[sz]ed)(?:\s+\w+ly)?"
            r"\s+(?:through|via|out of)\b"
        ),
    ),
    Rule(
        "also-involved",
        Role.PARTNER,
        Shape.STANDING,
        re.compile(r"\b(?:is|are|was|were|has been|have been) (?:also |actively |closely |now )*involved\b(?!\s+in\b)"),
    ),
    Rule("owned-through", Role.OPERATOR, Shape.AFTER, re.compile(r"\bowns? (?:it|the \w+) through\b")),
    Rule("come-through", Role.PARTNER, Shape.REFERRAL, re.compile(r"\bcomes? (?:to it |to the \w+ )?through\b")),
    Rule("referred-by", Role.PARTNER, Shape.REFERRAL, re.compile(r"\b(?:are|is|were|was) referred (?:to it )?by\b")),
)
"""Every rule; `relations` tries each on each clause."""

ANY_TRIGGER = re.compile(
    "|".join(f"(?{'i' if rule.pattern.flags & re.IGNORECASE else ''}:{rule.pattern.pattern})" for rule in RULES)
)
"""Whether a clause holds any rule's trigger: most sentences hold none, and one search rules them out."""
