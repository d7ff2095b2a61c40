"""The ontology's pyLODE documentation inside the site's frame: its body and its JSON-LD, not its styles.

pyLODE writes a whole document with its own styles for `body`, headings and links; put in the site's
page as it is, they would restyle the site's header too. So only the document's body (the sections,
the table of contents, the credit) and its schema.org description are taken; static/ontology.css
styles them for the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_DESCRIPTION = re.compile(r'<script id="schema.org" type="application/ld\+json">.*?</script>', re.S)


@dataclass(frozen=True, slots=True)
class OntologyDocument:
    description: Markup
    """The `<script type="application/ld+json">` describing the ontology for search engines, or empty."""
    body: Markup


def framed(document: str) -> OntologyDocument:
    """The parts of pyLODE's page the site shows."""
    body = _BODY.search(document)
    description = _DESCRIPTION.search(document)
    # The page is the build's own output from the ontology file, not text from outside.
    return OntologyDocument(Markup(description[0] if description else ""), Markup(body[1] if body else document))
