"""The command line as a person meets it: the version and help on every option."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

import pytest

from wilcokg import __version__
from wilcokg.cli import parser
from wilcokg.server.__main__ import parser as server_parser


def _parsers(command: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield command
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subcommand in action.choices.values():
                yield from _parsers(subcommand)


def _options(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        action
        for action in command._actions
        if not isinstance(action, argparse._HelpAction | argparse._VersionAction | argparse._SubParsersAction)
    ]


ALL_PARSERS = [*_parsers(parser()), server_parser()]


@pytest.mark.parametrize("command", ALL_PARSERS, ids=[command.prog for command in ALL_PARSERS])
def test_every_option_has_help_and_shows_its_default(command, monkeypatch):
    # Wide enough that argparse wraps no help line (it would break `.wilcokg-cache/links` at its hyphen).
    monkeypatch.setenv("COLUMNS", "1000")
    shown = " ".join(command.format_help().split())
    for action in _options(command):
        name = "/".join(action.option_strings) or action.dest
        assert action.help, f"{command.prog} {name} has no help text"
        given = action.default not in (None, [], argparse.SUPPRESS) and action.nargs != 0
        if given:
            assert f"(default: {action.default})" in shown, f"{command.prog} {name} hides its default"


def test_flags_and_unset_options_claim_no_default(monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    shown = " ".join(next(p for p in ALL_PARSERS if p.prog == "wilcokg build").format_help().split())
    assert "--keep-going build what parses; report the rest --quiet" in shown
    assert "(default: False)" not in shown and "(default: None)" not in shown


def test_version():
    printed = subprocess.run(
        [sys.executable, "-m", "wilcokg.cli", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert printed == f"wilcokg {__version__}\n"
