"""Spot proper names in a sentence and tell, from the words in and around them, what they name.

A name is a run of capitalised words, joined by the small words names carry (`of`, `for`, `van`,
`en`, `de`…) and by nothing else: a comma or a bracket ends it. What it names comes from cue words
(its head: `… Office`, `… Project`), from the words before it (`the housing corporation Portaal`,
`the district of Fives`) or from a title (`Mayor …`). Every cue is a named entry in a table below, so
that a hit can say which cue made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wilcokg.reading.heads import organisation_head
from wilcokg.reading.mentions import fold

TOKEN = re.compile(r"\w+(?:[’'&=-]\w+)*")
_POSSESSIVE = ("’s", "'s")
_ELIDED = re.compile(r"[a-z]{1,4}[’'][A-ZÀ-Ý]")
"""An elided article before a capital, part of a Romance name: `Servei d’Ocupació`, `per l’Abitare`."""
_JOINING_MARKS = frozenset({"+", "&"})
"""Marks that stand between the words of one name: `Wohn + Stadtbau`."""

TITLES = frozenset({"mayor", "deputy", "councillor", "alderman", "dr", "mr", "mrs", "ms", "prof", "professor"})
"""Titles before a person's name (`Mayor Peter Hollmann`): kept out of the name, so that they type it."""

CONNECTORS = frozenset(
    {"of", "for", "the", "de", "du", "des", "la", "le", "les", "en", "pour", "van", "voor", "der", "den", "von"}
    | {"für", "i", "u", "di", "del", "della", "och", "y", "et", "d", "l", "on", "and"}
    | {"per", "e", "die", "das", "dem", "als", "dels", "da", "do", "dos", "na"}
)
"""Small words inside a name. `and` joins only when a capitalised word follows (`Health and Social Care`)."""

LEADING_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "for", "of", "and", "by", "with", "from", "to", "as", "this", "that"}
    | {"these", "those", "its", "their", "his", "her", "our", "since", "when", "after", "before", "while"}
    | {"under", "both", "each", "every", "such", "some", "many", "most", "all", "no", "not", "yet", "but"}
    | {"so", "if", "it", "they", "we", "he", "she", "there", "here", "unlike", "like", "through", "although"}
    | {"however", "whereas", "what", "why", "how", "today", "together", "also", "only", "even", "finally"}
    | {"first", "second", "third", "several", "other", "one", "two", "three"}
    | {"during", "between", "within", "without", "among", "against", "because", "once", "where", "who"}
    | {"residents", "students", "participants", "people", "parents", "children", "families", "researchers"}
    | TITLES
)
"""Capitalised at a sentence's start for grammar's sake, or a title: not part of the name that follows."""

ORGANISATION_WORDS = frozenset(
    {"office", "fund", "service", "services", "agency", "administration", "department", "ministry", "council"}
    | {"councils", "board", "university", "universiteit", "hogeschool", "college", "association", "foundation"}
    | {"corporation", "corporations", "organisation", "organization", "institute", "institut", "centre", "center"}
    | {"commission", "union", "federation", "authority", "metropolis", "metropole", "municipality", "province"}
    | {"welfare", "bank", "trust", "cooperative", "committee", "parliament", "government", "court", "church"}
    | {"society", "company", "caisse", "compagnons", "dienst", "gemeente", "stichting", "forum", "alliance"}
    | {"agence", "conseil", "club", "hospital", "faculty", "kommun", "stad", "ngo", "charity", "chamber"}
    | {"enterprise"}
)
"""A name with one of these words (folded) names an organisation: `Family Allowance Office`."""

INNOVATION_WORDS = frozenset({"project", "programme", "program", "scheme", "initiative", "experiment", "pilot"})
"""A name with one of these words names an innovation: `The Filur Project`."""

_BEFORE_ORGANISATION = re.compile(
    r"\b(?:housing corporation|welfare organi[sz]ation|organi[sz]ation|association|foundation|company|agency"
    r"|charity|cooperative|social enterprise|federation|institute|corporation|NGO|enterprise|housing company)"
    r"\s+$"
)
_BEFORE_INNOVATION = re.compile(r"\b(?:project|programme|program|scheme|initiative|experiment|café)\s+$")
_BEFORE_PLACE = re.compile(
    r"\b(?:(?:district|neighbourhood|neighborhood|quarter|borough|suburb|town|village|region|county) of"
    r"|(?:in|near|from|around)(?: the (?:district|neighbourhood|area) of)?)\s+$"
)
_BEFORE_PERSON = re.compile(
    r"\b(?:[Mm]ayor|[Mm]inister|[Dd]irector|[Ff]ounder|[Cc]oordinator|[Pp]resident|[Cc]hair(?:man|woman)?"
    r"|[Pp]rofessor|Prof\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|[Dd]eputy|[Cc]ouncillor|[Ss]ecretary|[Aa]rchitect|[Ss]ociologist"
    r"|[Rr]esearcher|[Jj]ournalist|[Aa]ctivist|[Aa]rtist|[Pp]riest|[Ll]awyer|[Ee]conomist)\s+$"
)
_PERSON_NOUNS = (
    r"(?:mayor|director|founder|co-founder|coordinator|president|chair(?:man|woman|person)?|minister|councillor"
    r"|manager|professor|leader|head|secretary|deputy|spokes(?:man|woman|person)|alderman|alderwoman|senator"
    r"|social worker|youth worker|worker|initiator|officer|advis[eo]r|organi[sz]er|teacher|headteacher|principal"
    r"|psychologist|educator|volunteer|chief executive|CEO|governor|commissioner|campaigner|entrepreneur)"
)
_ROLE_NOUN_BEFORE = re.compile(
    r"\b(?:(?:project|programme|program|team)\s+(?:leader|manager|coordinator|director)"
    r"|(?:its|their|his|her|the)\s+(?:[a-z-]+\s+)?" + _PERSON_NOUNS + r"\s*,|" + _PERSON_NOUNS + r")\s+$"
)
"""A role noun just before a person's name: `project leader Maria Macher`, `under its director, Giordana Ferri`."""
_PERSON_APPOSITION = re.compile(
    r",\s+(?:(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?" + _PERSON_NOUNS + r"\b"
    r"|who\s+(?:heads|headed|leads|led|directs|directed|chairs|chaired|founded|co-founded|runs|ran)\b)"
)
"""A role noun or a relative clause of leading just after a name: `Heinz Buschkowsky, the district mayor,`."""
_ORGANISATION_NOUNS = (
    r"(?:agency|foundation|association|company|co-?operative|organi[sz]ation|branch|subsidiary|federation|chamber"
    r"|charity|enterprise|bank|fund|authority|institute|union|corporation|ministry|administration|consortium"
    r"|trust|society|provider|NGO)"
)
_ORGANISATION_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:(?!(?:of|for|in|by|with|to|and|which|who|that)\b)[\w’'-]+\s+){0,4}?"
    + _ORGANISATION_NOUNS
    + r"\b"
)
"""A name the text then calls an organisation: `Barcelona Activa, the local development agency of …`."""
_ORGANISATION_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}?" + _ORGANISATION_NOUNS + r"(?:\s+of\s+[a-z]+)?,\s+$"
)
"""The same the other way round: `the Lombard association of municipalities, ANCI Lombardia`."""
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:neighbourhood|neighborhood|district|quarter|estate|suburb|borough)\b")
_LIST_OF_PLACES = re.compile(
    r"\b(?:districts|neighbourhoods|neighborhoods|quarters|areas|boroughs|suburbs|estates)\b[^.;:()]{0,80}?"
    r"\b(?:such as|among them|including|namely|like)\s+(?:(?:parts of|and|[A-ZÀ-Ý][\w’'-]*)[\s,]*)*$"
)
"""The members of a list that follows a plural place noun: `districts … such as Coerde, Kinderhaus and Berg Fidel`."""


_PERSONAL_ACT = re.compile(
    r"\s+(?:(?:\w+ly|also|then|later|first)\s+)?(?:founded|co-founded|set up|started|launched|initiated|conceived"
    r"|devised|came up with|had the idea|runs|ran|leads|led|chairs|chaired|coordinates|coordinated|supports"
    r"|supported|backed|championed)\b"
)
_PERSONAL_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")
_PRONOUN_REACH = 240
"""How far after the name (into the next sentence) a pronoun may stand that shows the agent is a person."""


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    opens_sentence: bool
    """The name's first word is the sentence's first word: a lone capital may be grammar, not a name."""
    article: str = ""
    """`A` when the sentence said `A Future for Everybody`: a title may begin with an article."""


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or _ELIDED.match(word) is not None


def is_acronym(word: str) -> bool:
    """`CAF`, `DMO`, `HvA`: two or more capitals and no more lower-case letters than capitals."""
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    return upper >= 2 and lower <= upper and word.isalnum() is not False


_SHORTEST_ABBREVIATION = 3
"""Two letters abbreviate too many things (`EU`, `UN`) to be matched against a title by their letters alone."""


def abbreviates(short: str, long: str) -> bool:
    """Whether `short` spells `long` as an acronym: a prefix of each of its words in order (`CODHA`: `Co`opérative
    `d`e l’`h`abitat `a`ssociatif; `BOOT`), skipping only the small words names carry (`voor`, `en`, `l’`) and
    the words after the last one it takes; and at least two of them, beginning with the first."""
    letters = "".join(c for c in fold(short) if c.isalnum())
    words = [w for w in re.split(r"[\s’'\-–,]+", fold(long)) if w]
    while words and words[0] in ("the", "a", "an", "la", "le", "les", "il", "el", "die", "der", "das", "de"):
        words = words[1:]
    if len(letters) < _SHORTEST_ABBREVIATION or not words:
        return False

    def spells(at: int, word: int, taken: int) -> bool:
        if at == len(letters):
            return taken >= 2
        if word == len(words):
            return False
        current = words[word]
        if word > 0 and current in CONNECTORS and spells(at, word + 1, taken):
            return True
        return any(
            current[:length] == letters[at : at + length] and spells(at + length, word + 1, taken + 1)
            for length in range(min(len(current), len(letters) - at), 0, -1)
        )

    return spells(0, 0, 0)


_ROMANCE_LINKS = frozenset(
    {"de", "du", "des", "la", "le", "les", "pour", "per", "di", "del", "della", "delle", "dei", "degli", "dello"}
    | {"dels", "para", "por", "da", "do", "dos", "das", "à", "au", "aux", "al", "alla", "sur", "et", "e", "y", "i"}
)
"""The small words inside a Romance name that joins lower-case words: `Agence régionale de santé`."""
_ELIDED_LINK = re.compile(r"^(?:d|l|dell|all|nell|sull)[’']\w")
_ENGLISH_STOPS = frozenset(
    {"the", "a", "an", "and", "or", "of", "in", "on", "at", "by", "with", "to", "from", "for", "is", "are", "was"}
    | {"were", "has", "have", "had", "which", "who", "that", "its", "their", "as", "this", "these", "since", "but"}
    | {"not", "also", "will", "can", "it", "they", "he", "she", "be", "been", "into", "through", "under", "after"}
)
"""English words that end a Romance name's lower-case tail: `the Agence de santé and the city`."""
_TAIL_WORD = re.compile(r"\s+([\w’'-]+)")
_LONGEST_TAIL = 8


def romance_tail(text: str, end: int, limit: int, stop: re.Pattern[str]) -> int:
    """Where a name led by a Romance head word ends when it goes on in lower case after its capitalised words
    (`Agence de développement social`, `Centre communal d’action sociale`, `Fondation … pour le logement social`):
    the noun phrase shape N (Adj) (de (Det) N (Adj))*, an adjective, then each small word followed by one or
    two content words. It stops at an English word, a role trigger (`stop`), a comma or a bracket."""
    words: list[tuple[int, str]] = []
    position = end
    while len(words) < _LONGEST_TAIL and (match := _TAIL_WORD.match(text, position, limit)):
        word = match[1]
        if not word[:1].islower() or word in _ENGLISH_STOPS or word.endswith("ly") or stop.match(text, match.start(1)):
            break
        words.append((match.end(1), word))
        position = match.end(1)
    best = end
    content = 0
    linked = False
    for index, (word_end, word) in enumerate(words):
        if word in _ROMANCE_LINKS:
            linked, content = True, 0
            continue
        if _ELIDED_LINK.match(word):
            linked, content = True, 1
        elif index == 0 or (linked and content < 2):
            content += 1
        else:
            break
        if linked:
            best = word_end
    return best


def spot_names(text: str, start: int, end: int) -> list[Name]:
    """Names in `text[start:end]` (one sentence), longest runs, leading grammar words dropped."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]
    names: list[Name] = []
    index = 0
    while index < len(tokens):
        if not is_capitalised(tokens[index][2]):
            index += 1
            continue
        last = index
        probe = index + 1
        # `Coerde, Kinderhaus and Berg Fidel`: after a comma, `and` ends a list's member instead of joining.
        listed = index > 0 and "," in text[tokens[index - 1][1] : tokens[index][0]]
        while probe < len(tokens) and not tokens[last][2].endswith(_POSSESSIVE):
            gap = text[tokens[probe - 1][1] : tokens[probe][0]]
            if gap.strip() and not (gap.strip() in _JOINING_MARKS and is_capitalised(tokens[probe][2])):
                break
            word = tokens[probe][2]
            if is_capitalised(word):
                last = probe
                probe += 1
            elif word.lower() in CONNECTORS and not (listed and word == "and") and _joins(tokens, probe):
                probe += 1
            else:
                break
        first = index
        while first < last and tokens[first][2].lower() in LEADING_WORDS:
            first += 1
        if first < last or tokens[first][2].lower() not in LEADING_WORDS:
            name_start, name_end = tokens[first][0], tokens[last][1]
            surface = text[name_start:name_end]
            for suffix in _POSSESSIVE:
                if surface.endswith(suffix):
                    name_end -= len(suffix)
                    surface = surface[: -len(suffix)]
            opens = index == 0 and first == 0 and tokens[0][0] == start
            article = tokens[first - 1][2] if first > index and tokens[first - 1][2] in ("A", "An", "The") else ""
            names.append(Name(name_start, name_end, surface, opens, article))
        index = last + 1
    return names


def _joins(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """A small word joins a name when a capitalised word follows within two words, and `and` only when one
    follows at once and the words after it do not make a name of their own (`Lille and Lille Metropolis`)."""
    word = tokens[index][2].lower()
    if word == "and":
        following = [t[2] for t in tokens[index + 1 : index + 4]]
        if not following or not is_capitalised(following[0]):
            return False
        run = []
        for token in following:
            if not is_capitalised(token):
                break
            run.append(token)
        return category_by_words(" ".join(run)) is None
    for ahead in tokens[index + 1 : index + 3]:
        if is_capitalised(ahead[2]):
            return True
        if ahead[2].lower() not in CONNECTORS or ahead[2].lower() == "and":
            return False
    return False


def words_of(text: str) -> list[str]:
    return [fold(m.group()) for m in TOKEN.finditer(text)]


def category_by_words(name: str) -> tuple[str, str] | None:
    """(category, cue) when a word of the name says what it names."""
    words = words_of(name)
    # A cue word counts as the name's head: its last word, or one that a name-joining word follows
    # (`Department for Social Development`, `Hogeschool van Amsterdam`), not a modifier inside a longer name.
    heads = [w for i, w in enumerate(words) if i == len(words) - 1 or words[i + 1] in CONNECTORS]
    for category, cues in (("innovation", INNOVATION_WORDS), ("org", ORGANISATION_WORDS)):
        for word in reversed(heads):
            if word in cues:
                return category, f"word:{word}"
    if words and (head := organisation_head(words)):
        return "org", head
    return None


def category_by_context(text: str, name: Name, sentence_start: int) -> tuple[str, str] | None:
    """(category, cue) from the words just before the name in its sentence."""
    before = text[max(sentence_start, name.start - 40) : name.start]
    if _BEFORE_ORGANISATION.search(before):
        return "org", "after:organisation-noun"
    if _BEFORE_INNOVATION.search(before):
        return "innovation", "after:innovation-noun"
    if _BEFORE_PERSON.search(before):
        return "person", "after:title"
    if is_person_name(name.text) and _ROLE_NOUN_BEFORE.search(before):
        return "person", "after:role-noun"
    if " " not in name.text and not is_acronym(name.text) and _BEFORE_PLACE.search(before):
        return "place", "after:place-preposition"
    return None


def is_person_name(text: str) -> bool:
    """Two or three capitalised words in any alphabet's letters (`Anna Kovač`), no small words between them."""
    words = text.split(" ")
    shaped = 2 <= len(words) <= 3 and all(
        len(word) > 1 and word[0].isupper() and all(c.islower() or c in "’'-" for c in word[1:]) for word in words
    )
    return shaped and category_by_words(text) is None


def category_by_apposition(text: str, name: Name, sentence_start: int, sentence_end: int) -> tuple[str, str] | None:
    """(category, cue) from what the sentence says the name is, just before or after it: a person for a role
    noun (`Heinz Buschkowsky, the district mayor`), an organisation for an organisation noun (`Polaris Real
    Estate, an asset management company`), a place for a place noun or a list of places."""
    if is_person_name(name.text) and _PERSON_APPOSITION.match(text, name.end, sentence_end):
        return "person", "apposition:role-noun"
    if _ORGANISATION_APPOSITION.match(text, name.end, sentence_end):
        return "org", "apposition:organisation-noun"
    before = text[max(sentence_start, name.start - 60) : name.start]
    if _ORGANISATION_NOUN_BEFORE.search(before):
        return "org", "apposition:organisation-noun"
    if text[max(sentence_start, name.start - 4) : name.start] == "the " and _PLACE_NOUN_AFTER.match(
        text, name.end, sentence_end
    ):
        return "place", "before:place-noun"
    if _LIST_OF_PLACES.search(text[max(sentence_start, name.start - 200) : name.start]):
        return "place", "list-of-places"
    return None


def category_by_personal_act(text: str, name: Name) -> tuple[str, str] | None:
    """A person for a person-shaped name that acts in a role (`Anna Berg founded the association`) and that
    the text then calls `he` or `she` (`… in 2003; she still chairs it`): an organisation is never `she`."""
    act = _PERSONAL_ACT.match(text, name.end)
    if act is None or not is_person_name(name.text):
        return None
    if _PERSONAL_PRONOUN.search(text, act.end(), act.end() + _PRONOUN_REACH):
        return "person", "role-agent:pronoun"
    return None
