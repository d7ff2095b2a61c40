"""Organisation head words in the languages of European cities, as data.

A chapter written in English still names its city's organisations in their own language:
`Diakonisches Werk Neukölln-Oberspree`, `Jobcenter Neukölln`, `Fondazione Cariplo`, `Fundació Trinijove`.
Where the head word stands follows the language's grammar. In the Romance languages it leads and
the rest qualifies it (`Fondazione Housing Sociale`, `Ajuntament de Barcelona`), so it may stand
anywhere in a longer name; in the Germanic ones it ends a compound or stands first or last in the name
(`Bezirksamt Neukölln`, `Stichting Portaal`, `Caritasverband für die Stadt Münster`). Every word is folded
(lower case, no diacritics), the form `names.words_of` gives.
"""

from __future__ import annotations

ROMANCE_HEADS: dict[str, frozenset[str]] = {
    "French": frozenset(
        {"association", "fondation", "caisse", "mairie", "conseil", "office", "centre", "agence", "federation"}
        | {"societe", "compagnie", "cooperative", "syndicat", "communaute", "prefecture", "direction", "institut"}
    ),
    "Italian": frozenset(
        {"fondazione", "associazione", "comune", "regione", "provincia", "cassa", "cooperativa", "consorzio"}
        | {"azienda", "agenzia", "istituto", "ente", "societa", "federazione", "confederazione", "ministero"}
        | {"universita", "camera", "unione", "opera", "centro"}
    ),
    "Spanish and Catalan": frozenset(
        {"fundacion", "fundacio", "asociacion", "associacio", "ayuntamiento", "ajuntament", "generalitat"}
        | {"diputacion", "diputacio", "consorcio", "consorci", "servicio", "servei", "agencia", "cooperativa"}
        | {"federacion", "federacio", "institut", "instituto", "confederacion", "ministerio", "universidad"}
        | {"universitat", "cambra", "camara", "mancomunidad", "mancomunitat", "entitat", "entidad", "sindicato"}
    ),
    "Portuguese": frozenset({"fundacao", "associacao", "camara", "instituto", "misericordia", "cooperativa"}),
    "Polish": frozenset({"fundacja", "stowarzyszenie", "urzad", "spoldzielnia", "osrodek", "centrum", "instytut"}),
}
"""Head words that lead a name and may stand anywhere in it: `Fondazione Cariplo`, `Servei d’Ocupació de Catalunya`."""

GERMANIC_HEADS: dict[str, frozenset[str]] = {
    "German": frozenset(
        {"werk", "amt", "verband", "verein", "stiftung", "kammer", "zentrum", "buro", "gesellschaft", "behorde"}
        | {"genossenschaft", "jobcenter", "bezirksamt", "quartiersmanagement", "senat", "senatsverwaltung"}
        | {"landkreis", "kreis", "gemeinde", "stadtverwaltung", "diakonie", "caritas", "awo", "institut"}
        | {"hochschule", "universitat", "akademie", "netzwerk", "agentur", "bundesagentur"}
    ),
    "Dutch": frozenset(
        {"stichting", "gemeente", "vereniging", "woningcorporatie", "dienst", "provincie", "raad", "fonds"}
        | {"coöperatie", "cooperatie", "hogeschool", "universiteit", "woonstichting"}
    ),
    "Scandinavian": frozenset(
        {"stiftelse", "stiftelsen", "forening", "foreningen", "forbund", "forbundet", "kommun", "stad"}
        | {"stadsdel", "landsting", "region", "forvaltning", "forvaltningen", "myndighet", "verket"}
        | {"kommune", "fond", "fonden"}
    ),
}
"""Head words that stand first or last in a name: `Jobcenter Neukölln`, `Stichting Portaal`, `Stockholms stad`."""

GERMANIC_SUFFIXES: tuple[str, ...] = (
    "amt",
    "verband",
    "verein",
    "kammer",
    "stiftung",
    "werk",
    "zentrum",
    "buro",
    "gesellschaft",
    "genossenschaft",
    "behorde",
    "verwaltung",
    "agentur",
    "stichting",
    "corporatie",
    "vereniging",
    "forvaltning",
    "forvaltningen",
    "forening",
    "foreningen",
)
"""Ends of compounds whose last part is the head: `Jugendamt`, `Caritasverband`, `Handwerkskammer`."""

_SHORTEST_STEM = 3
"""A compound has a stem of its own before the suffix: `Jugendamt`, not `Samt` or `Werk` alone."""

_ADJECTIVE_ENDINGS = ("e", "er", "es", "en")
_ROMANCE = frozenset().union(*ROMANCE_HEADS.values())
_GERMANIC = frozenset().union(*GERMANIC_HEADS.values())


def organisation_head(words: list[str]) -> str | None:
    """The cue that makes these folded words an organisation's name, if a head word says so: `word:fondazione`
    (Romance, anywhere), `word:jobcenter` (Germanic, first, after a leading adjective, or last), `suffix:-amt`
    (a compound's end)."""
    for word in words:
        if word in _ROMANCE:
            return f"word:{word}"
    # `Diakonisches Werk …`: an inflected adjective may stand before the head.
    leading = words[:2] if words and words[0].endswith(_ADJECTIVE_ENDINGS) else words[:1]
    for word in (*leading, *words[-1:]):
        if word in _GERMANIC:
            return f"word:{word}"
    for word in words:
        for suffix in GERMANIC_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _SHORTEST_STEM:
                return f"suffix:-{suffix}"
    return None


def leads_romance_name(words: list[str]) -> bool:
    """Whether these folded words begin with a Romance head word: `Agence …`, `Fondazione …`, `Servei …`."""
    return bool(words) and words[0] in _ROMANCE
