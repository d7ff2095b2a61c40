"""HTML documentation of the wilco ontology, made by pyLODE.

pyLODE's page depends only on the ontology file (it writes no date or build time), so the same
ontology gives the same bytes.
"""

from __future__ import annotations

import logging
import sys
import types
from importlib import metadata
from pathlib import Path
from typing import Any


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


def ontology_html(ontology: Path) -> str:
    """The ontology's documentation page, one self-contained HTML document."""
    return str(_ontpub()(ontology=str(ontology)).make_html())


def write_docs(ontology: Path, out: Path) -> Path:
    """Write `out/index.html`; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    page.write_text(ontology_html(ontology), encoding="utf-8")
    return page
