"""What must hold before a server starts: a built dataset, and a backend that answers if one is named;
and what a visitor would miss without saying so: the canned queries."""

from __future__ import annotations

from wilcokg.dist_layout import TRIG
from wilcokg.pictures.store import ACTOR_ROLES
from wilcokg.server.config import ServeConfig
from wilcokg.server.engine.remote_backend import BackendUnavailable, check_backend


def problem_with(config: ServeConfig) -> str | None:
    """One line saying why `config` cannot be served, or None when it can."""
    if not (config.dist / TRIG).exists():
        return f"{config.dist}/{TRIG}:1: no built dataset: run 'wilcokg build --out {config.dist}' first"
    if config.backend:
        try:
            check_backend(config.backend)
        except BackendUnavailable as error:
            return f"serve: {error}"
    return None


def warnings_for(config: ServeConfig) -> list[str]:
    """Lines on what the server can serve only in part: it starts all the same."""
    if not (config.queries / ACTOR_ROLES).is_file():
        # The default folder is relative to where the server starts, so a server started elsewhere
        # would otherwise show an empty query page and no network pictures, silently.
        return [
            f"{config.queries}/{ACTOR_ROLES}:1: warning: no canned queries here, so the query page lists none and "
            "no page draws who does what; pass --queries with the project's queries/ folder"
        ]
    return []
