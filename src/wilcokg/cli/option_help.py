"""How the command lines show their options: each with its help text and, where it has one, its default."""

from __future__ import annotations

import argparse
from typing import Any


class ShowDefaults(argparse.ArgumentDefaultsHelpFormatter):
    """Appends `(default: …)` to an option's help, except for flags (whose presence is the value) and
    where the default means "not given" (None, or an empty list for a repeatable option)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.nargs == 0 or action.default is None or action.default == []:
            return action.help
        return super()._get_help_string(action)


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose subcommands, at any depth, show their defaults too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ShowDefaults)
        super().__init__(*args, **kwargs)
