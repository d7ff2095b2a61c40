"""`wilcokg` command line: it only wires the stages together and reports."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wilcokg import __version__
from wilcokg.build import STAGES, BuildFailed, BuildReport, Inputs, build
from wilcokg.build_cache import BuildCache
from wilcokg.cli.answers import FORMATS, write_answer
from wilcokg.cli.option_help import CommandParser
from wilcokg.curation.command import add_curate_arguments, run_curate
from wilcokg.curation.decisions import DEFAULT_FILE as DECISIONS
from wilcokg.describe.ontology_page import write_docs
from wilcokg.dist_layout import TRIG
from wilcokg.errors import InputError
from wilcokg.queries import UnknownQuery, ask_endpoint, ask_local, find_query
from wilcokg.remote.options import add_publish_arguments
from wilcokg.remote.wikidata_links import WIKIDATA, LinksUnavailable, check
from wilcokg.server.options import add_serve_arguments
from wilcokg.source.corpus import place_file
from wilcokg.vocab import curie
from wilcokg.wording import counted

EXIT_BAD_INPUT = 2
err = Console(stderr=True, soft_wrap=True)
out = Console()


def _report_problems(problems: Sequence[InputError]) -> None:
    for problem in problems:
        err.print(str(problem), markup=False, highlight=False)


def _summary(report: BuildReport, out_dir: Path) -> None:
    table = Table(title=f"wilcokg build {report.version} → {out_dir}", show_header=True)
    table.add_column("what")
    table.add_column("count / seconds", justify="right")
    table.add_row("chapters", str(report.chapters))
    table.add_row("mentions", str(report.mentions))
    table.add_row("curation candidates", str(report.candidates))
    table.add_row("curation decisions applied", str(report.decisions_applied))
    for cls, count in report.entities_per_class.items():
        table.add_row(f"entities {curie(cls) or cls}", str(count))
    for graph_iri, count in report.triples_per_graph.items():
        table.add_row(f"triples {(curie(graph_iri) or graph_iri).replace('https://w3id.org/wilcokg/', '')}", str(count))
    for stage in (stage for stage in STAGES if stage in report.seconds):
        table.add_row(f"time {stage}", f"{report.seconds[stage]:.2f} s")
    if report.cache_hits or report.cache_misses:
        table.add_row("cached results reused / computed", f"{report.cache_hits} / {report.cache_misses}")
    out.print(table)
    if report.skipped:
        err.print(f"skipped {counted(len(report.skipped), 'file')}:", ", ".join(report.skipped), markup=False)


def _progress_bars(progress: Progress) -> Callable[[str, int], Callable[[], None]]:
    def start(stage: str, total: int) -> Callable[[], None]:
        task = progress.add_task(stage, total=total)
        return lambda: progress.advance(task)

    return start


def cmd_build(args: argparse.Namespace) -> int:
    inputs = Inputs(
        Path(args.reports), Path(args.reference), Path(args.ontology), Path(args.shapes), Path(args.decisions)
    )
    cache = None if args.no_cache else BuildCache(Path(args.cache))
    columns = (TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=True, disable=args.quiet) as progress:
            report = build(
                inputs, Path(args.out), keep_going=args.keep_going, progress=_progress_bars(progress), cache=cache
            )
    except BuildFailed as failure:
        _report_problems(failure.problems)
        err.print(f"build stopped: {counted(len(failure.problems), 'problem')}; {args.out}/ is unchanged", markup=False)
        return EXIT_BAD_INPUT
    _report_problems(report.problems)
    if report.decisions_unapplied:
        err.print(f"{counted(len(report.decisions_unapplied), 'curation decision')} not applied:", markup=False)
        _report_problems(report.decisions_unapplied)
    if not args.quiet:
        _summary(report, Path(args.out))
    return 0


def _jsonable(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    return value


def cmd_parse(args: argparse.Namespace) -> int:
    try:
        placed = place_file(Path(args.file))
    except InputError as error:
        _report_problems([error])
        return EXIT_BAD_INPUT
    chapter = _jsonable(placed.chapter)
    assert isinstance(chapter, dict)
    del chapter["text"]  # the source itself; offsets in the output index it
    document = {
        "identifier": placed.chapter.identifier,
        "kind": placed.chapter.kind.value,
        "placement": _jsonable(placed.placement),
        "sha256": placed.sha256,
        **chapter,
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    try:
        canned = find_query(args.query, Path(args.queries))
        if args.endpoint:
            answer = ask_endpoint(canned.text, args.endpoint)
        else:
            answer = ask_local(canned.text, Path(args.dist) / TRIG)
    except InputError as error:
        _report_problems([error])
        return EXIT_BAD_INPUT
    except UnknownQuery as error:
        err.print(f"query: {error}", markup=False, highlight=False)
        return EXIT_BAD_INPUT
    write_answer(answer, args.format, canned.question)
    return 0


def cmd_links_check(args: argparse.Namespace) -> int:
    trig = Path(args.dist) / TRIG
    if not trig.is_file():
        err.print(f"links check: {trig} does not exist; run `wilcokg build` first", markup=False)
        return EXIT_BAD_INPUT
    try:
        result = check(trig, args.endpoint, Path(args.cache), offline=args.offline)
    except LinksUnavailable as error:
        err.print(f"links check: {error}", markup=False, highlight=False)
        return EXIT_BAD_INPUT
    if result.warning:
        err.print(f"links check: {result.warning}", markup=False, highlight=False)
    if result.mismatches:
        table = Table(title=f"Wikidata disagrees ({args.endpoint})")
        for column in ("entity", "field", "ours", "Wikidata's"):
            table.add_column(column, overflow="fold")
        for mismatch in result.mismatches:
            table.add_row(
                f"{curie(mismatch.entity) or mismatch.entity} (wd:{mismatch.qid})",
                mismatch.field,
                mismatch.ours,
                mismatch.theirs,
            )
        out.print(table, markup=False)
    mismatches = counted(len(result.mismatches), "mismatch", "mismatches")
    out.print(f"{mismatches} in {counted(result.checked, 'linked entity', 'linked entities')}", markup=False)
    return 1 if result.mismatches else 0


def cmd_docs(args: argparse.Namespace) -> int:
    ontology = Path(args.ontology)
    if not ontology.is_file():
        err.print(f"docs: {ontology} does not exist", markup=False)
        return EXIT_BAD_INPUT
    out.print(f"wrote {write_docs(ontology, Path(args.out))}", markup=False)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    # pyshacl and rdflib load only when validating.
    from wilcokg.validate import read_rdf, validate_dataset

    files = [Path(name) for name in args.files]
    curated = sorted(Path(args.reference).glob("*.ttl"))
    try:
        report = validate_dataset(
            read_rdf(files),
            Path(args.shapes),
            processes=args.processes,
            reports=Path(args.reports),
            # Other entities are located in the curated files first, then in the files validated.
            reference=[*curated, *files],
        )
    except InputError as error:
        _report_problems([error])
        return EXIT_BAD_INPUT
    # Plain print: the report holds text like `rdfs:label:` that rich would turn into emoji.
    print(report.render())
    return 0 if report.conforms else 1


def cmd_publish(args: argparse.Namespace) -> int:
    # The HTTP client loads only when publishing.
    from wilcokg.remote.command import run_publish

    return run_publish(args, out, err)


def cmd_curate(args: argparse.Namespace) -> int:
    return run_curate(args, out, err)


def cmd_serve(args: argparse.Namespace) -> int:
    # The server's imports (uvicorn, starlette) load only when serving.
    from wilcokg.server.app import run
    from wilcokg.server.options import serve_config
    from wilcokg.server.preflight import problem_with, warnings_for

    config = serve_config(args)
    if problem := problem_with(config):
        err.print(problem, markup=False, highlight=False)
        return EXIT_BAD_INPUT
    for warning in warnings_for(config):
        err.print(warning, markup=False, highlight=False)
    run(config)
    return 0


def parser() -> argparse.ArgumentParser:
    root = CommandParser(prog="wilcokg", description=__doc__)
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = root.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="build dist/ from the chapters and the reference data")
    build_cmd.add_argument("reports", nargs="?", default="data/reports", help="folder of <cc>-<city>/ folders")
    build_cmd.add_argument("--reference", default="data/reference", help="folder of curated *.ttl files")
    build_cmd.add_argument("--ontology", default="ontology/wilco.ttl", help="the wilco ontology")
    build_cmd.add_argument("--shapes", default="shapes/wilco.ttl", help="SHACL shapes the graph must conform to")
    build_cmd.add_argument(
        "--decisions",
        default=DECISIONS,
        help="curation decisions file (see wilcokg curate); a missing file decides nothing",
    )
    build_cmd.add_argument("--out", default="dist", help="output folder, replaced atomically")
    build_cmd.add_argument("--keep-going", action="store_true", help="build what parses; report the rest")
    build_cmd.add_argument("--quiet", action="store_true", help="no progress bars and no summary")
    build_cmd.add_argument(
        "--cache", default=".wilcokg-cache/build", help="results of the last build, reused for unchanged chapters"
    )
    build_cmd.add_argument("--no-cache", action="store_true", help="recompute everything; leave the cache alone")
    build_cmd.set_defaults(run=cmd_build)

    parse_cmd = commands.add_parser("parse", help="print one parsed chapter as JSON")
    parse_cmd.add_argument("file", help="a chapter file, <cc>-<city>/<NN>-<slug>.txt")
    parse_cmd.set_defaults(run=cmd_parse)

    query_cmd = commands.add_parser("query", help="run a canned query (by name) or a .rq file and print the answer")
    query_cmd.add_argument("query", help="a name from queries/ (e.g. city-links) or a path to a .rq file")
    query_cmd.add_argument("--endpoint", help="a SPARQL endpoint URL; by default the local dist/ is queried")
    query_cmd.add_argument("--dist", default="dist", help="the built dataset to query locally")
    query_cmd.add_argument("--queries", default="queries", help="folder of canned .rq queries")
    query_cmd.add_argument(
        "--format", choices=FORMATS, default="table", help="a table to read, or CSV, TSV or JSON for other programs"
    )
    query_cmd.set_defaults(run=cmd_query)

    serve_cmd = commands.add_parser("serve", help="serve dist/: SPARQL endpoint, entity pages, downloads")
    add_serve_arguments(serve_cmd)
    serve_cmd.set_defaults(run=cmd_serve)

    links_cmd = commands.add_parser("links", help="check the links to other datasets")
    links_commands = links_cmd.add_subparsers(dest="links_command", required=True)
    links_check = links_commands.add_parser(
        "check",
        help="compare the English label and GeoNames ID of every Wikidata-linked entity with Wikidata's; "
        "exit 1 on any mismatch, 2 when neither the endpoint nor the cache can answer",
    )
    links_check.add_argument("--endpoint", default=WIKIDATA, help="the SPARQL endpoint to ask")
    links_check.add_argument("--cache", default=".wilcokg-cache/links", help="folder of cached answers")
    links_check.add_argument("--offline", action="store_true", help="use only cached answers")
    links_check.add_argument("--dist", default="dist", help="the built dataset whose links are checked")
    links_check.set_defaults(run=cmd_links_check)

    docs_cmd = commands.add_parser("docs", help="write the ontology's HTML documentation")
    docs_cmd.add_argument("--ontology", default="ontology/wilco.ttl", help="the wilco ontology")
    docs_cmd.add_argument("--out", default="dist/ontology", help="folder that receives index.html")
    docs_cmd.set_defaults(run=cmd_docs)

    validate_cmd = commands.add_parser(
        "validate", help="check RDF files against the SHACL shapes; exit 1 on any violation, 2 on bad input"
    )
    validate_cmd.add_argument("files", nargs="+", help="RDF files: .ttl .nt .trig .nq .jsonld")
    validate_cmd.add_argument("--shapes", default="shapes/wilco.ttl", help="the SHACL shapes")
    validate_cmd.add_argument("--reports", default="data/reports", help="folder the chapter files are named in")
    validate_cmd.add_argument(
        "--reference", default="data/reference", help="curated *.ttl files, to locate reference entities"
    )
    validate_cmd.add_argument(
        "--processes", type=int, help="worker processes (default: as many as the size pays for; 1: no workers)"
    )
    validate_cmd.set_defaults(run=cmd_validate)

    curate_cmd = commands.add_parser(
        "curate",
        help="review what reading found: list it, and accept, reject, merge or rename it in the decisions file",
    )
    add_curate_arguments(curate_cmd)
    curate_cmd.set_defaults(run=cmd_curate)

    publish_cmd = commands.add_parser(
        "publish",
        help=f"replace each named graph of dist/{TRIG} in a SPARQL 1.1 store (Graph Store Protocol or Update)",
    )
    add_publish_arguments(publish_cmd)
    publish_cmd.set_defaults(run=cmd_publish)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
