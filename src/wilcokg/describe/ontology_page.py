"""HTML documentation of the wilco ontology, made by pyLODE.

pyLODE's page depends only on the ontology file (it writes no date or build time), so the same
ontology gives the same bytes once the one part that depends on string hashing is put in order
(see `_in_order`).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import types
from importlib import metadata
from pathlib import Path
from typing import Any

from rdflib import RDF, SKOS, Graph


def _ontpub() -> Any:
    """pyLODE's OntPub class, imported without the import's side effects on this process."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        try:
            from pylode import OntPub
        except FileNotFoundError:
            # pyLODE 3.4.1 reads its version from a pyproject.toml its wheel does not ship
            # (RDFLib/pyLODE#260, fixed after 3.4.1): hand it the installed version instead.
            shim = types.ModuleType("pylode.version")
            shim.__version__ = metadata.version("pylode")  # type: ignore[attr-defined]
            sys.modules["pylode.version"] = shim
            from pylode import OntPub
    finally:
        # One of pyLODE's modules calls logging.basicConfig(level=DEBUG) when imported, which would
        # make every library in the process log at DEBUG on stderr.
        root.setLevel(level)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
    return OntPub


_SCHEMA_ORG = re.compile(r'(<script id="schema\.org" type="application/ld\+json">\n)(.*?)(\n\t</script>)', re.DOTALL)
"""The page's schema.org description of the ontology (and any concept scheme in it), as JSON-LD."""


def _in_order(page: str) -> str:
    """`page` with the nodes of its schema.org JSON-LD sorted by IRI.

    rdflib's JSON-LD serializer lists a graph's subjects in the order of a Python set, which follows
    string hashing and so changes from process to process (PYTHONHASHSEED); everything else on the
    page follows the ontology file. The JSON is written again as rdflib writes it by default.
    """

    def sorted_nodes(block: re.Match[str]) -> str:
        nodes = json.loads(block[2])
        if isinstance(nodes, list):
            nodes.sort(key=lambda node: str(node["@id"]))
        return block[1] + json.dumps(nodes, indent=2, sort_keys=True, ensure_ascii=False) + block[3]

    ordered, blocks = _SCHEMA_ORG.subn(sorted_nodes, page)
    if blocks != 1:
        raise RuntimeError(f"expected one schema.org JSON-LD block in pyLODE's page, found {blocks}")
    return ordered


def _without_concept_schemes(ontology: Path) -> Graph:
    """The ontology less the descriptions of its concept schemes (the roles): pyLODE takes a scheme's
    titles for the page's own, so the page was headed "Rôles dans les innovations sociales". The
    scheme's concepts stay; the site documents the scheme on its own page."""
    graph = Graph().parse(ontology, format="turtle")
    for scheme in set(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        graph.remove((scheme, None, None))
    return graph


def ontology_html(ontology: Path) -> str:
    """The ontology's documentation page, one self-contained HTML document."""
    return _in_order(str(_ontpub()(ontology=_without_concept_schemes(ontology)).make_html()))


def write_docs(ontology: Path, out: Path) -> Path:
    """Write `out/index.html`; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    page.write_text(ontology_html(ontology), encoding="utf-8")
    return page
