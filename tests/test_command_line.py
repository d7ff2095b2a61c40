"""The command line as a person meets it: the version, help on every option, and `wilcokg query`'s formats."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from wilcokg import __version__
from wilcokg.cli.commands import main, parser
from wilcokg.server.__main__ import parser as server_parser

QUERIES = ROOT / "queries"


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


def _query(dist: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["query", "city-links", "--dist", str(dist), "--queries", str(QUERIES), *extra]) == 0
    return capsys.readouterr().out


def test_query_as_csv(dist, capsys):
    rows = list(csv.reader(io.StringIO(_query(dist, capsys, "--format", "csv"))))
    assert rows[0] == ["city", "country", "wikidata", "geonames"]
    assert ["Lille", "France", "http://www.wikidata.org/entity/Q648", "https://sws.geonames.org/2998324/"] in rows
    assert len(rows) == 21


def test_query_as_tsv(dist, capsys):
    lines = _query(dist, capsys, "--format", "tsv").splitlines()
    assert lines[0] == "city\tcountry\twikidata\tgeonames"
    assert "Dover\tUnited Kingdom\t\thttps://sws.geonames.org/2651048/" in lines


def test_query_as_json(dist, capsys):
    rows = json.loads(_query(dist, capsys, "--format", "json"))
    lille = next(row for row in rows if row["city"] == "Lille")
    assert lille == {
        "city": "Lille",
        "country": "France",
        "wikidata": "http://www.wikidata.org/entity/Q648",
        "geonames": "https://sws.geonames.org/2998324/",
    }


def test_an_ask_query_in_each_format(dist, capsys, tmp_path):
    ask = tmp_path / "any-city.rq"
    ask.write_text("# Is there a city?\nASK { ?city a <http://schema.org/City> }\n", encoding="utf-8")
    expected = {"table": "yes\n", "csv": "true\n", "tsv": "true\n", "json": "true\n"}
    for output_format, printed in expected.items():
        assert main(["query", str(ask), "--dist", str(dist), "--format", output_format]) == 0
        assert capsys.readouterr().out == printed


def test_a_piped_table_keeps_every_iri_whole(dist):
    # A narrow terminal's width must not reach a pipe: rich would fold the IRIs onto several lines.
    environment = {**os.environ, "COLUMNS": "40"}
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "wilcokg.cli",
            "query",
            "city-links",
            "--dist",
            str(dist),
            "--queries",
            str(QUERIES),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    lille = next(line for line in printed.splitlines() if "Lille" in line)
    assert "http://www.wikidata.org/entity/Q648" in lille and "https://sws.geonames.org/2998324/" in lille
    assert "…" not in printed
    assert printed.rstrip().endswith("20 rows")


def test_an_unknown_query_name_lists_the_names(dist, capsys):
    assert main(["query", "cities", "--dist", str(dist), "--queries", str(QUERIES)]) == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("query: no canned query named 'cities': expected a .rq file or one of ")
    assert "city-links" in stderr and "chapters-by-city" in stderr
    assert "cities:1:" not in stderr and len(stderr.strip().splitlines()) == 1


def test_an_unknown_format_is_refused(dist, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["query", "city-links", "--dist", str(dist), "--format", "xml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
