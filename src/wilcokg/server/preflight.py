"""What must hold before a server starts: a built dataset, and a backend that answers if one is named."""

from __future__ import annotations

from wilcokg.dist_layout import TRIG
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
