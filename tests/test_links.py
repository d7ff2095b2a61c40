"""`wilcokg links check` against a real SPARQL endpoint on loopback serving a Wikidata-shaped fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from conftest import FIXTURES
from live_server import live_server
from ports import unused_port
from synthetic import dump, in_default_graph, served_dist
from wilcokg.cli.commands import main
from wilcokg.remote.wikidata_links import ItemFacts, LinkedEntity, Mismatch, check, compare, fetch, linked_entities

WIKIDATA_FIXTURE = FIXTURES / "wikidata" / "items.ttl"
CITY = "https://w3id.org/wilcokg/id/city/"
PLANTED = [
    Mismatch(CITY + "munster", "Q2742", "label", "Münster", "Münster (Westfalen)"),
    Mismatch(CITY + "nantes", "Q12191", "geonames", "2990969", "2990970"),
]


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the project's server can serve: the fixture in the default graph."""
    triples = parse(path=WIKIDATA_FIXTURE, format=RdfFormat.TURTLE)
    return served_dist(tmp_path_factory.mktemp("wikidata"), in_default_graph(triples))


def _links_check(dist: Path, endpoint: str, cache: Path, *flags: str) -> list[str]:
    return ["links", "check", "--dist", str(dist), "--endpoint", endpoint, "--cache", str(cache), *flags]


def test_the_fixture_describes_every_linked_item(dist: Path) -> None:
    described = {t.subject.value.rsplit("/", 1)[-1] for t in parse(path=WIKIDATA_FIXTURE, format=RdfFormat.TURTLE)}
    ours = {linked.qid for linked in linked_entities(dump(dist))}
    assert ours
    assert not ours - described, f"add these items to {WIKIDATA_FIXTURE.name}"


def test_planted_mismatches_are_reported_then_the_cache_answers_when_the_endpoint_is_gone(
    dist: Path, wikidata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    with live_server(wikidata, tmp_path) as base_url:
        endpoint = base_url + "/sparql"
        result = check(dump(dist), endpoint, cache)
        assert main(_links_check(dist, endpoint, cache)) == 1
    assert result.mismatches == PLANTED
    assert result.warning is None
    online = capsys.readouterr()
    assert "2 mismatches" in online.out
    for planted in PLANTED:
        assert planted.ours in online.out and planted.theirs in online.out

    assert main(_links_check(dist, endpoint, cache, "--offline")) == 1
    offline = capsys.readouterr()
    assert offline.out == online.out
    assert offline.err == ""

    assert main(_links_check(dist, endpoint, cache)) == 1
    fallback = capsys.readouterr()
    assert fallback.out == online.out
    assert "cannot reach" in fallback.err and "used cached answers" in fallback.err


def test_unreachable_endpoint_without_cache_exits_2_with_one_line(
    dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unused_port() as port:
        endpoint = f"http://127.0.0.1:{port}/sparql"
        assert main(_links_check(dist, endpoint, tmp_path / "cache")) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.startswith(f"links check: cannot reach {endpoint} (")
    assert "no cached answer" in printed.err
    assert printed.err.count("\n") == 1
    assert "Traceback" not in printed.err


def test_offline_without_cache_exits_2(dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_links_check(dist, "http://127.0.0.1:9/sparql", tmp_path / "cache", "--offline")) == 2
    assert capsys.readouterr().err.startswith("links check: offline and no cached answer for ")


def test_long_queries_go_by_post(wikidata: Path, tmp_path: Path) -> None:
    qids = ["Q648", *(f"Q{n}" for n in range(900_000, 900_200))]
    with live_server(wikidata, tmp_path) as base_url:
        facts = fetch(base_url + "/sparql", qids)
    assert facts["Q648"] == ItemFacts(("Lille",), ("2998324",))
    assert facts["Q900000"] == ItemFacts((), ())
    assert len(facts) == len(qids)
    log = "".join(path.read_text() for path in tmp_path.glob("server-*.log"))
    assert "POST /sparql" in log


def test_only_fields_we_have_are_compared() -> None:
    nord = LinkedEntity("https://w3id.org/wilcokg/id/place/nord", "Q12661", "Nord", None)
    berlin = LinkedEntity(CITY + "berlin", "Q64", "Berlin", "2950159")
    facts = {
        "Q12661": ItemFacts(("Nord",), ("3000000",)),
        "Q64": ItemFacts((), ("2950157", "2950159")),
    }
    assert compare([nord, berlin], facts) == [Mismatch(CITY + "berlin", "Q64", "label", "Berlin", "—")]
