"""The HTML side: Jinja2 templates (autoescaped) and how IRIs become links on this server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from wilcokg.vocab import local_name


def _json_script(value: object) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` escaped so that no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass
class Site:
    base_iri: str
    environment: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.environment = Environment(
            loader=PackageLoader("wilcokg", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["href"] = self.href
        self.environment.filters["short"] = local_name
        self.environment.filters["json_script"] = _json_script

    def href(self, iri: str) -> str:
        """Our own IRIs resolve on this server; every other IRI links to where it lives."""
        if iri.startswith(self.base_iri):
            return "/" + iri[len(self.base_iri) :]
        return iri

    def render(self, template: str, **context: Any) -> str:
        return self.environment.get_template(template).render(**context)
