"""From `wilcokg build` to a reviewed graph through the command line alone: list what awaits review,
decide (accept, reject, merge, rename, reject a relation), rebuild, and find every decision in the
graph, the dumps, the dataset description and the pages; the same inputs and decisions give the same
bytes, and a rebuild after one more decision recomputes only what that decision touches."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse
from rdflib import Graph, URIRef
from rdflib.namespace import VOID

from conftest import ONTOLOGY, REFERENCE, REPORTS, SHAPES
from in_process import in_process_app, serving
from test_build_cache import entries, files
from wilcokg.cli.commands import main
from wilcokg.curation.decisions import HEADER
from wilcokg.vocab import BASE

pytestmark = pytest.mark.heavy

ID = BASE + "id/"
WILCO = BASE + "ontology#"
DECISIONS = [
    ["accept", "org/european-social-fund", "--note", "the EU's fund"],
    ["reject", "person/patrick-bouchain"],
    ["merge", "org/labour-market-administration-of-city-of-sundbyberg", "org/sundbyberg-municipality"],
    ["rename", "org/general-council", "General Council of Loire-Atlantique"],
    ["reject", "--innovation", "the-filur-project", "--actor", "stockholm-municipality", "--role", "operator"],
    ["accept", "innovation/the-filur-project/actor/european-social-fund/funder"],
]


@dataclass(frozen=True)
class Curation:
    reports: Path
    decisions: Path
    cache: Path
    before: Path
    """dist/ before any decision."""
    after: Path
    """dist/ rebuilt, with the build cache, after the decisions."""
    listed: str
    """`curate list --format json` before any decision."""
    filtered: str
    """`curate list --chapter 58-the-filur-project --type org` before any decision."""
    decided: list[tuple[int, str, str]]
    """What each `curate` decision answered."""
    pending: str
    """`curate list` once decided, before the rebuild."""


def captured(*argv: str) -> tuple[int, str, str]:
    """The exit status and the output of one command line."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def build_argv(reports: Path, decisions: Path, out: Path, cache: Path | None) -> list[str]:
    argv = ["build", str(reports), "--reference", str(REFERENCE), "--ontology", str(ONTOLOGY)]
    argv += ["--shapes", str(SHAPES), "--decisions", str(decisions), "--out", str(out)]
    return argv + (["--cache", str(cache)] if cache else ["--no-cache"])


def build(reports: Path, decisions: Path, out: Path, cache: Path | None) -> None:
    assert main([*build_argv(reports, decisions, out, cache), "--quiet"]) == 0


def curate(decisions: Path, dist: Path, *argv: str) -> tuple[int, str, str]:
    return captured("curate", *argv, "--dist", str(dist), "--decisions", str(decisions))


@pytest.fixture(scope="module")
def curation(tmp_path_factory: pytest.TempPathFactory) -> Curation:
    """A copy of the repository's chapters built, listed, curated through the command line and rebuilt."""
    root = tmp_path_factory.mktemp("curation")
    reports = root / "reports"
    shutil.copytree(REPORTS, reports)
    decisions, cache, before, after = (
        root / "curation" / "decisions.txt",
        root / "cache",
        root / "before",
        root / "after",
    )
    build(reports, decisions, before, cache)
    listed = curate(decisions, before, "list", "--format", "json")
    filtered = curate(decisions, before, "list", "--chapter", "58-the-filur-project", "--type", "org")
    decided = [curate(decisions, before, *argv) for argv in DECISIONS]
    pending = curate(decisions, before, "list")
    build(reports, decisions, after, cache)
    assert listed[0] == filtered[0] == pending[0] == 0
    return Curation(reports, decisions, cache, before, after, listed[1], filtered[1], decided, pending[1])


def test_the_queue_lists_discovered_entities_and_read_statements_with_their_evidence(curation: Curation) -> None:
    items = {item["iri"].removeprefix(ID): item for item in json.loads(curation.listed)}
    fund = items["org/european-social-fund"]
    assert (fund["kind"], fund["status"], fund["chapters"]) == ("org", "extracted", ["58-the-filur-project"])
    assert "European Social Fund" in fund["evidence"][0]["exact"]
    role = items["innovation/the-filur-project/actor/european-social-fund/funder"]
    assert role["kind"] == "role" and role["label"] == "European Social Fund — funder of The Filur Project"
    assert role["evidence"][0]["exact"].startswith("It has been running since 2010")
    assert {item["status"] for item in items.values()} == {"extracted"}
    assert "innovation/potes-en-ciel/start-year/1999" in items
    assert "org/european-social-fund  org · extracted · 58-the-filur-project" in curation.filtered
    assert "place/fives" not in curation.filtered and "/actor/" not in curation.filtered


def test_the_queue_lists_curated_statements_on_request(curation: Curation) -> None:
    status, out, _ = curate(curation.decisions, curation.before, "list", "--status", "curated", "--format", "json")
    assert status == 0
    items = json.loads(out)
    assert items and {item["status"] for item in items} == {"curated"} and {item["kind"] for item in items} == {"role"}


def test_each_decision_is_written_as_one_line_of_the_file(curation: Curation) -> None:
    assert [(status, err) for status, _, err in curation.decided] == [(0, "")] * len(DECISIONS)
    written = curation.decisions.read_text(encoding="utf-8")
    assert written.startswith(HEADER)
    first = HEADER.count("\n") + 1
    assert written.splitlines()[first - 1 :] == [
        "accept org/european-social-fund  # the EU's fund",
        "reject person/patrick-bouchain",
        "merge  org/labour-market-administration-of-city-of-sundbyberg into org/sundbyberg-municipality",
        'rename org/general-council to "General Council of Loire-Atlantique"',
        "reject innovation/the-filur-project/actor/stockholm-municipality/operator",
        "accept innovation/the-filur-project/actor/european-social-fund/funder",
    ]
    assert curation.decided[0][1].startswith(f"{curation.decisions}:{first}: accept org/european-social-fund\n")
    # The actor of the accepted role is accepted too; a role whose actor was not would say so.
    assert "still extracted" not in curation.decided[-1][1]


def test_decided_items_await_review_no_longer(curation: Curation) -> None:
    assert "org/european-social-fund" not in curation.pending and "person/patrick-bouchain" not in curation.pending
    assert "place/fives" in curation.pending
    assert "5 more items decided in" in curation.pending and "since the last build" in curation.pending


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["accept", "org/nobody"], "accept org/nobody: no discovered entity has this IRI (any more)"),
        (["accept", "org/european-social-fund"], "line 10 already decides it: accept org/european-social-fund"),
        (["reject", "org/caf"], "it is curated in the reference data, not discovered"),
        (["merge", "org/general-council", "org/nobody"], "nothing in the graph has the IRI it is merged into"),
        (["accept", "Some Name"], "Some Name is not an IRI of the graph"),
        (["accept", "--innovation", "the-filur-project"], "name what to decide about by its IRI"),
        (
            ["reject", "--innovation", "the-filur-project", "--actor", "Stockholm", "--role", "operator"],
            "Stockholm is neither an IRI nor a slug",
        ),
        (["rename", "org/general-council", "Another name"], "line 13 already decides it"),
    ],
)
def test_a_decision_that_cannot_be_made_is_refused_and_not_written(
    curation: Curation, argv: list[str], message: str
) -> None:
    before = curation.decisions.read_bytes()
    status, out, err = curate(curation.decisions, curation.after, *argv)
    assert status == 2 and out == ""
    assert err.startswith(f"curate {argv[0]}: ") and message in err
    assert curation.decisions.read_bytes() == before


def test_a_bad_line_in_the_file_stops_the_build_with_its_place(curation: Curation, tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.txt"
    decisions.write_text("accept org/european-social-fund\nacept org/caf\n", encoding="utf-8")
    status, _, err = captured(*build_argv(curation.reports, decisions, tmp_path / "dist", None))
    assert status == 2
    assert f'{decisions}:2: expected accept IRI, reject IRI, merge IRI into IRI, or rename IRI to "name"' in err
    assert "Traceback" not in err and not (tmp_path / "dist").exists()
    status, _, err = curate(decisions, curation.after, "accept", "org/general-council")
    assert status == 2 and f"{decisions}:2: expected" in err


def _store(dist: Path) -> Store:
    store = Store()
    store.bulk_load(path=str(dist / "wilco.trig"), format=RdfFormat.TRIG)
    return store


def _ask(store: Store, pattern: str) -> bool:
    return bool(
        store.query(f"PREFIX id: <{ID}> PREFIX wilco: <{WILCO}> ASK {{ {pattern} }}", use_default_graph_as_union=True)
    )


def test_the_rebuilt_graph_holds_every_decision(curation: Curation) -> None:
    store = _store(curation.after)
    skos, owl = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2002/07/owl#"
    assert _ask(store, 'id:org\\/european-social-fund wilco:status "accepted" ; wilco:decidedBy ?d . ?d wilco:line 10')
    assert not _ask(store, "{ id:person\\/patrick-bouchain ?p ?o } UNION { ?s ?p id:person\\/patrick-bouchain }")
    merged = (
        f"id:org\\/labour-market-administration-of-city-of-sundbyberg <{owl}sameAs> id:org\\/sundbyberg-municipality"
    )
    assert _ask(store, f"GRAPH <{BASE}graph/curation> {{ {merged} }}")
    assert _ask(
        store, f'id:org\\/sundbyberg-municipality <{skos}altLabel> "Labour market administration of City of Sundbyberg"'
    )
    assert _ask(
        store,
        'id:org\\/general-council <http://www.w3.org/2000/01/rdf-schema#label> "General Council of Loire-Atlantique"',
    )
    filur = "id:innovation\\/the-filur-project"
    assert not _ask(store, f"{filur} wilco:operator id:org\\/stockholm-municipality")
    assert not _ask(store, f"{filur}\\/actor\\/stockholm-municipality\\/operator ?p ?o")
    assert _ask(store, f'{filur}\\/actor\\/european-social-fund\\/funder wilco:status "accepted"')
    note = '<http://www.w3.org/2000/01/rdf-schema#comment> "the EU\'s fund"'
    assert _ask(store, f'?d a wilco:CurationDecision ; wilco:decisionAction "accept" ; {note}')


def test_the_dataset_description_counts_each_status(curation: Curation) -> None:
    void = Graph().parse(curation.after / "void.ttl", format="turtle")
    dataset = URIRef(ID + "dataset/wilcokg")
    counts = {
        str(subset).rsplit("/", 1)[1]: int(void.value(subset, VOID.entities))
        for subset in void.objects(dataset, VOID.subset)
        if "/status/" in str(subset)
    }
    store = _store(curation.after)
    expected = {
        row["status"].value: int(row["nodes"].value)
        for row in store.query(
            f"SELECT ?status (COUNT(DISTINCT ?node) AS ?nodes) WHERE {{ ?node <{WILCO}status> ?status }} "
            "GROUP BY ?status",
            use_default_graph_as_union=True,
        )
    }
    assert counts == expected
    assert counts["accepted"] == 2 and counts["extracted"] > 0 and counts["curated"] > 0


def test_the_reviewed_dump_leaves_out_what_nobody_accepted(curation: Curation) -> None:
    everything = _triples(curation.after / "wilco.nt")
    lines = (curation.after / "wilco-reviewed.nt").read_bytes().splitlines(keepends=True)
    assert lines == sorted(lines)
    reviewed = _triples(curation.after / "wilco-reviewed.nt")
    assert reviewed < everything
    status = NamedNode(WILCO + "status")
    assert (NamedNode(ID + "org/european-social-fund"), status, Literal("accepted")) in reviewed
    assert not [t for t in reviewed if t[1] == status and t[2] == Literal("extracted")]
    assert not [t for t in reviewed if t[0] == NamedNode(ID + "place/fives")]
    curated_role = NamedNode(ID + "innovation/the-filur-project/actor/stockholm-municipality/funder")
    assert (curated_role, status, Literal("curated")) in reviewed
    void = Graph().parse(curation.after / "void.ttl", format="turtle")
    assert int(void.value(URIRef(ID + "dataset/wilcokg-reviewed"), VOID.triples)) == len(reviewed)


def _triples(path: Path) -> set[tuple[object, object, object]]:
    return {(q.subject, q.predicate, q.object) for q in parse(path=str(path), format=RdfFormat.N_TRIPLES)}


def test_same_inputs_and_decisions_give_the_same_bytes_with_or_without_the_cache(
    curation: Curation, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    build(curation.reports, curation.decisions, fresh, None)
    assert files(fresh) == files(curation.after)
    assert files(fresh) != files(curation.before)


def test_one_more_decision_recomputes_only_what_it_touches(curation: Curation, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(curation.cache, cache)
    decisions = tmp_path / "curation" / "decisions.txt"
    decisions.parent.mkdir()
    shutil.copy(curation.decisions, decisions)
    build(curation.reports, decisions, tmp_path / "warm", cache)
    before = entries(cache)
    assert curate(decisions, curation.after, "accept", "place/fives")[0] == 0
    status, out, _ = captured(*build_argv(curation.reports, decisions, tmp_path / "dist", cache))
    assert status == 0 and "curation decisions applied" in out
    changed = entries(cache) - before
    # The chapters' mappings are all reused; SHACL runs again for the places (id/place/, whose status
    # changed), the decisions (id/decision/) and, since the decisions file is an input, the dataset,
    # its build activity and the source files it used (id/dataset/, id/build/, id/source/). Every
    # stage that keeps its results per graph makes them again for the three graphs the decision
    # changes (graph/discovered, where Fives's status is; graph/curation; graph/metadata, whose
    # version digests the decisions file), and the reviewed-only dump for those and the two other
    # graphs that name Fives (its mention in the chapter that mentions it stays now). The dumps
    # changed, so the gzip members of their changed pieces are new as well.
    recomputed = [entry for entry in changed if not entry.startswith("gzip/")]
    per_graph = ("segment", "search", "shacl-graph", "graph-facts", "infer-axioms", "infer-inputs")
    expected = {"shacl": 5, "unreviewed": 5, **dict.fromkeys(per_graph, 3)}
    assert Counter(entry.split("/")[0] for entry in recomputed) == expected
    assert len(changed) > len(recomputed)


@pytest.mark.anyio
async def test_the_merged_iri_answers_with_a_permanent_redirect(curation: Curation) -> None:
    async with serving(in_process_app(curation.after)) as client:
        merged = await client.get("/page/org/labour-market-administration-of-city-of-sundbyberg")
        target = await client.get("/page/org/sundbyberg-municipality")
        rejected = await client.get("/page/person/patrick-bouchain")
        data = await client.get("/data/org/labour-market-administration-of-city-of-sundbyberg.nt")
    assert merged.status_code == 301
    assert merged.headers["location"] == "/page/org/sundbyberg-municipality"
    assert target.status_code == 200 and "Labour market administration of City of Sundbyberg" in target.text
    assert rejected.status_code == 404
    assert NamedNode(ID + "org/sundbyberg-municipality") in {
        q.object for q in parse(data.content, format=RdfFormat.N_TRIPLES)
    }


def test_accepting_a_role_whose_actor_awaits_review_says_so(curation: Curation, tmp_path: Path) -> None:
    role = "innovation/the-filur-project/actor/city-district-councils-of-city-of-stockholm/partner"
    status, out, _ = curate(tmp_path / "decisions.txt", curation.after, "accept", role)
    assert status == 0
    assert "org/city-district-councils-of-city-of-stockholm is still extracted" in out


def test_the_build_reports_a_decision_it_could_not_apply(curation: Curation, tmp_path: Path) -> None:
    decisions = tmp_path / "curation" / "decisions.txt"
    decisions.parent.mkdir()
    decisions.write_text("accept org/european-social-fund\nreject org/nobody  # read in an older edition\n")
    status, _, err = captured(*build_argv(curation.reports, decisions, tmp_path / "dist", None), "--quiet")
    assert status == 0
    assert err.splitlines() == [
        "1 curation decision not applied:",
        f"{decisions}:2: reject org/nobody: no discovered entity has this IRI (any more)",
    ]
    assert _ask(_store(tmp_path / "dist"), 'id:org\\/european-social-fund wilco:status "accepted"')


def test_the_canned_query_for_reviewed_roles_names_the_accepting_decision(curation: Curation) -> None:
    status, out, _ = captured("query", "reviewed-actor-roles", "--dist", str(curation.after), "--format", "json")
    assert status == 0
    rows = {(row["innovation"].removeprefix(ID), row["actor"].removeprefix(ID)): row for row in json.loads(out)}
    accepted = rows["innovation/the-filur-project", "org/european-social-fund"]
    assert (accepted["status"], accepted["line"]) == ("accepted", str(HEADER.count("\n") + 6))
    assert {row["status"] for row in rows.values()} == {"curated", "accepted"}
    # A role read from the text whose actor nobody accepted is no reviewed knowledge.
    assert ("innovation/the-filur-project", "org/city-district-councils-of-city-of-stockholm") not in rows
    assert rows["innovation/the-filur-project", "org/stockholm-municipality"]["decision"] == ""
