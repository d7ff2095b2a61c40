"""The SPARQL behind the site's pages: fixed text, whatever the request.

A value a page takes from its request (the entity of an entity page, the chapter of the reader) is
never written into these queries: it is bound to the variable named for it, and reaches the engine as a
term (see ``QueryJob.bindings``). The embedded store only takes a binding for a variable that a SELECT
query projects, so those queries project their bound variables. Entities of the site are named relative
to the site's base IRI (``<id/city/>``), which every executor gives a query as its base.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

from wilcokg.labels import LABEL_PROPERTIES

# Where a page looks for a name: the property path that fills the `%(label)s` slots below.


def _with_labels(template: str) -> str:
    return template % {"label": "|".join(str(iri) for iri in LABEL_PROPERTIES)}


# Bound: ?entity.
ENTITY_EXISTS = "ASK { { ?entity ?p ?o } UNION { ?s ?p ?entity } }"

ENTITY_STATEMENTS = _with_labels(
    """
SELECT ?entity ?g ?p ?o ?plabel ?olabel WHERE {
  GRAPH ?g { ?entity ?p ?o }
  OPTIONAL { ?p %(label)s ?plabel }
  OPTIONAL { ?o %(label)s ?olabel }
}"""
)

# Mentions are shown as evidence, not as a wall of annotation IRIs among the incoming links.
ENTITY_INCOMING = _with_labels(
    """
SELECT DISTINCT ?entity ?s ?p ?slabel ?plabel WHERE {
  ?s ?p ?entity .
  FILTER(?p NOT IN (<http://www.w3.org/ns/oa#hasBody>, <http://www.w3.org/ns/oa#hasSource>))
  OPTIONAL { ?s %(label)s ?slabel }
  OPTIONAL { ?p %(label)s ?plabel }
} LIMIT 500"""
)

ENTITY_EVIDENCE = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?entity ?chapter ?title ?start ?prefix ?exact ?suffix WHERE {
  ?mention oa:hasBody ?entity ; oa:hasTarget ?target .
  ?target oa:hasSource ?chapter ; oa:hasSelector ?position , ?quote .
  ?position oa:start ?start . ?quote oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?chapter <http://purl.org/dc/terms/title> ?title .
} ORDER BY ?title ?start LIMIT 200"""

ENTITY_DATA = "CONSTRUCT { ?entity ?p ?o } WHERE { ?entity ?p ?o }"

# An IRI a curator merged into another entity (wilcokg.curation) is owl:sameAs it in graph/curation.
MERGED_INTO = """
SELECT ?entity ?target WHERE { GRAPH <graph/curation> { ?entity <http://www.w3.org/2002/07/owl#sameAs> ?target } }"""

# Bound: ?graph.
GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"

# The home page.
CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  ?entity a ?class . FILTER(STRSTARTS(STR(?entity), STR(<id/>)))
} GROUP BY ?class ORDER BY DESC(?entities) ?class"""

KEYWORD_FREQUENCIES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?keyword ?label (COUNT(DISTINCT ?chapter) AS ?chapters) WHERE {
  ?chapter <http://purl.org/dc/terms/subject> ?keyword .
  ?keyword skos:inScheme <id/scheme/keywords> ; skos:prefLabel ?label . FILTER(LANG(?label) = "en")
} GROUP BY ?keyword ?label ORDER BY DESC(?chapters) ?label LIMIT 20"""

# The sitemap.
TYPED_ENTITIES = """
SELECT DISTINCT ?entity WHERE { ?entity a ?type . FILTER(STRSTARTS(STR(?entity), STR(<id/>))) } ORDER BY ?entity"""

# The map.
MAP_CITIES = """
PREFIX schema: <http://schema.org/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?city ?label ?lat ?long ?code WHERE {
  ?city a schema:City ; rdfs:label ?label ; geo:lat ?lat ; geo:long ?long .
  FILTER(STRSTARTS(STR(?city), STR(<id/city/>)))
  OPTIONAL { ?city schema:containedInPlace ?country . ?country a schema:Country ; schema:identifier ?code .
             FILTER(STRSTARTS(STR(?country), STR(<id/country/>))) }
}"""

MAP_INNOVATIONS = """
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?city ?innovation ?fieldLabel WHERE {
  ?innovation a wilco:SocialInnovation ; <http://purl.org/dc/terms/spatial> ?city .
  OPTIONAL { ?innovation wilco:policyField ?field .
             ?field skos:prefLabel ?fieldLabel . FILTER(LANG(?fieldLabel) = "en") }
}"""

# The chapter reader. Bound: ?chapter, except ?city in CITY_CHAPTERS. The embedded store plans a query
# before it sees the bound values, so the queries that follow links from the chapter start with a cheap
# pattern on it: the plan then starts from the chapter instead of from every part or mention there is.
_READER_PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

CHAPTER_HEADER = (
    _READER_PREFIXES
    + """
SELECT ?chapter ?title ?city ?cityLabel WHERE {
  ?chapter a bibo:Chapter ; dcterms:title ?title .
  OPTIONAL { ?chapter dcterms:spatial ?city . ?city rdfs:label ?cityLabel .
             FILTER(STRSTARTS(STR(?city), STR(<id/city/>))) }
}"""
)

# A chapter's parts are its sections and its paragraphs, each paragraph in a section or in the chapter's
# preamble: two fixed paths, not `dcterms:isPartOf+`, which Virtuoso 7.2 answers with one row under ORDER BY.
CHAPTER_PARTS = (
    _READER_PREFIXES
    + """
SELECT ?chapter ?part ?kind ?start ?end WHERE {
  ?chapter a bibo:Chapter .
  { ?part dcterms:isPartOf ?chapter } UNION { ?part dcterms:isPartOf/dcterms:isPartOf ?chapter }
  ?part a ?kind ; wilco:startOffset ?start ; wilco:endOffset ?end .
  FILTER(?kind IN (wilco:Section, wilco:Paragraph))
} ORDER BY ?start"""
)

CHAPTER_MENTIONS = _with_labels(
    _READER_PREFIXES
    + """
SELECT ?chapter ?entity ?label ?start ?end WHERE {
  ?chapter a bibo:Chapter .
  ?mention oa:motivatedBy oa:identifying ; oa:hasBody ?entity ; oa:hasTarget ?target .
  ?target oa:hasSource ?chapter ; oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
  OPTIONAL { ?entity %(label)s ?label }
} ORDER BY ?start"""
)

CHAPTER_SUBJECTS = (
    _READER_PREFIXES
    + """
SELECT ?chapter ?subject ?label WHERE {
  ?chapter a bibo:Chapter ; dcterms:subject ?subject . ?subject skos:prefLabel|rdfs:label ?label .
}"""
)

CITY_CHAPTERS = (
    _READER_PREFIXES
    + """
SELECT ?city ?chapter ?title ?kind ?number WHERE {
  ?chapter a bibo:Chapter ; dcterms:spatial ?city ; dcterms:title ?title ; wilco:chapterKind ?kind .
  OPTIONAL { ?chapter bibo:number ?number }
}"""
)

# Who does what: an innovation's actors in their roles (PROV-O qualified nodes), each with the sentences
# that state it (`oa:describing` annotations on the node). Bound: ?actor in ACTOR_ROLES, ?innovation in
# INNOVATION_ROLES; each starts from its bound variable, for the planner's sake (see the reader's queries).
_ROLES = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?innovation ?innovationLabel ?actor ?actorLabel ?notation ?status ?chapter ?title ?start ?end WHERE {
  {joins}
  ?qualified prov:hadRole/skos:notation ?notation ; wilco:status ?status .
  OPTIONAL { ?innovation %(label)s ?innovationLabel }
  OPTIONAL { ?actor %(label)s ?actorLabel }
  OPTIONAL {
    ?evidence oa:motivatedBy oa:describing ; oa:hasBody ?qualified ; oa:hasTarget ?target .
    ?target oa:hasSource ?chapter ; oa:hasSelector ?position .
    ?position oa:start ?start ; oa:end ?end .
    ?chapter dcterms:title ?title .
  }
}"""
_ACTOR_JOIN = "?qualified prov:agent ?actor ."
_INNOVATION_JOIN = "?innovation wilco:qualifiedActor ?qualified ."
ACTOR_ROLES = _with_labels(_READER_PREFIXES + _ROLES.replace("{joins}", f"{_ACTOR_JOIN} {_INNOVATION_JOIN}"))
INNOVATION_ROLES = _with_labels(_READER_PREFIXES + _ROLES.replace("{joins}", f"{_INNOVATION_JOIN} {_ACTOR_JOIN}"))

# The sentences of a chapter that state roles, for the reader to mark. Bound: ?chapter.
CHAPTER_STATEMENTS = _with_labels(
    _READER_PREFIXES
    + """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?chapter ?start ?end ?innovation ?innovationLabel ?actor ?actorLabel ?notation ?status WHERE {
  ?chapter a bibo:Chapter .
  ?target oa:hasSource ?chapter ; oa:hasSelector ?position .
  ?evidence oa:hasTarget ?target ; oa:motivatedBy oa:describing ; oa:hasBody ?qualified .
  ?position oa:start ?start ; oa:end ?end .
  ?innovation wilco:qualifiedActor ?qualified .
  ?qualified prov:agent ?actor ; prov:hadRole/skos:notation ?notation ; wilco:status ?status .
  OPTIONAL { ?innovation %(label)s ?innovationLabel }
  OPTIONAL { ?actor %(label)s ?actorLabel }
} ORDER BY ?start"""
)

# The home page for people, /chapters and the lists of a class's instances.
HOME_COUNTS = """
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?cities ?innovations ?organisations ?chapters ?statedRoles WHERE {
  { SELECT (COUNT(DISTINCT ?city) AS ?cities) WHERE {
      ?city a schema:City . FILTER(STRSTARTS(STR(?city), STR(<id/city/>))) } }
  { SELECT (COUNT(DISTINCT ?innovation) AS ?innovations) WHERE { ?innovation a wilco:SocialInnovation } }
  { SELECT (COUNT(DISTINCT ?organisation) AS ?organisations) WHERE { ?organisation a org:Organization } }
  { SELECT (COUNT(DISTINCT ?chapter) AS ?chapters) WHERE { ?chapter a bibo:Chapter } }
  { SELECT (COUNT(DISTINCT ?qualified) AS ?statedRoles) WHERE {
      ?evidence oa:motivatedBy oa:describing ; oa:hasBody ?qualified . ?qualified a wilco:ActorRole } }
}"""

HOME_INNOVATIONS = """
PREFIX wilco: <https://w3id.org/wilcokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?city ?cityLabel ?innovation ?innovationLabel ?field ?fieldLabel WHERE {
  ?innovation a wilco:SocialInnovation ; rdfs:label ?innovationLabel ; <http://purl.org/dc/terms/spatial> ?city .
  ?city rdfs:label ?cityLabel .
  OPTIONAL { ?innovation wilco:policyField ?field .
             ?field skos:prefLabel ?fieldLabel . FILTER(LANG(?fieldLabel) = "en") }
}"""

BOOK_CHAPTERS = (
    _READER_PREFIXES
    + """
SELECT ?chapter ?title ?city ?cityLabel ?kind ?number WHERE {
  ?chapter a bibo:Chapter ; dcterms:title ?title ; wilco:chapterKind ?kind .
  OPTIONAL { ?chapter dcterms:spatial ?city . ?city rdfs:label ?cityLabel .
             FILTER(STRSTARTS(STR(?city), STR(<id/city/>))) }
  OPTIONAL { ?chapter bibo:number ?number }
}"""
)

# Bound: ?class.
CLASS_INSTANCES = _with_labels(
    """
SELECT ?class ?entity ?label WHERE {
  ?entity a ?class . FILTER(STRSTARTS(STR(?entity), STR(<id/>)))
  OPTIONAL { ?entity %(label)s ?label }
}"""
)

# The reconciliation catalogue.
_CATALOGUE_ENTITIES = """
SELECT DISTINCT ?entity ?kind ?p ?label WHERE {
  VALUES ?kind { %(kinds)s }
  { ?entity a ?kind } UNION { ?entity <http://www.w3.org/2004/02/skos/core#inScheme> ?kind }
  VALUES ?p { %(labels)s }
  ?entity ?p ?label .
  FILTER(STRSTARTS(STR(?entity), STR(<id/>)))
}"""

_CATALOGUE_VALUES = """
SELECT DISTINCT ?entity ?p ?value ?valueLabel WHERE {
  VALUES ?p { %(predicates)s }
  ?entity ?p ?value . FILTER(STRSTARTS(STR(?entity), STR(<id/>)) && isIRI(?value))
  OPTIONAL { ?value <http://www.w3.org/2000/01/rdf-schema#label> ?valueLabel }
}"""

CATALOGUE_DESCRIPTIONS = """
SELECT ?entity ?description WHERE {
  ?entity <http://purl.org/dc/terms/description> ?description .
  FILTER(STRSTARTS(STR(?entity), STR(<id/>)) && LANGMATCHES(LANG(?description), "en"))
}"""


def catalogue_entities(kinds: Iterable[NamedNode], label_properties: Iterable[NamedNode]) -> str:
    """The entities of ``kinds`` under ``id/``, with their labels by each of ``label_properties``."""
    return _CATALOGUE_ENTITIES % {"kinds": _terms(kinds), "labels": _terms(label_properties)}


def catalogue_values(predicates: Iterable[NamedNode]) -> str:
    """The IRIs that entities under ``id/`` have as values of ``predicates``, with their rdfs:labels."""
    return _CATALOGUE_VALUES % {"predicates": _terms(predicates)}


def _terms(terms: Iterable[NamedNode]) -> str:
    # The catalogue's kinds and properties are the server's own; pyoxigraph checked and writes each IRI.
    return " ".join(str(term) for term in terms)
